import RiskmapLanguage

/// The summary's «Что изменилось» (`plan --compare-with`): per group the schools that entered
/// and left, per factor the schools where it is new, resolved or «не определён» on one side,
/// the previous plan's targets by outcome, schools new and gone, codes no longer in the rule book.
extension SummaryHTML {
    /// The most names of gone schools the page lists.
    static let goneSchoolLimit = 20

    static func changes(_ c: PlanContext) -> String {
        guard let comparison = c.plans.comparison else { return "" }
        let t = c.text
        let h = HTMLEscape.text
        let plans = c.plans
        var out = "<section id=\"changes\" class=\"changes\">\n<h2>\(h(t.changesHeading))</h2>\n"
        out += "<p class=\"muted small\">\(h(t.changesIntro(comparison, folder: true)))</p>\n"
        out += "<p>\(h(t.changesSchools(new: comparison.newSchools, gone: comparison.gone.count)))"
        if !comparison.gone.isEmpty {
            let names = comparison.gone.prefix(goneSchoolLimit).map { "\($0.name) (\($0.id))" }
            out += " " + h(t.changesGoneSchools(names, more: comparison.gone.count - names.count))
        }
        out += "</p>\n"
        let groups = comparison.groupCounts(plans).filter { !comparison.newGroups.contains($0.group) }
        out += HTMLPage.table(t.changesGroupColumns, groups.map { [h(plans.book.groups[$0.group].title), "\($0.entered)", "\($0.left)"] },
                              id: "changes-groups", numeric: [1, 2], classes: "counts")
        let factors = comparison.factorCounts(plans)
        if factors.isEmpty {
            out += "<p>\(h(t.changesNoFactorChanges))</p>\n"
        } else {
            out += HTMLPage.table(t.changesFactorColumns, factors.map {
                [h(plans.book.factors[$0.factor].title), "\($0.new)", "\($0.resolved)", "\($0.undetermined)"]
            }, id: "changes-factors", numeric: [1, 2, 3], classes: "counts")
        }
        let targets = t.changesTargetCounts(met: comparison.targetCount(.met), notMet: comparison.targetCount(.notMet),
                                            unknown: comparison.targetCount(.unknown), notDue: comparison.targetCount(.notDue),
                                            gone: comparison.targetCount(.gone))
        out += "<p>\(h(targets))</p>\n"
        if !comparison.goneGroups.isEmpty || !comparison.goneFactors.isEmpty {
            out += "<p class=\"warning\" role=\"note\">\(h(t.changesGoneCodesSummary(groups: comparison.goneGroups, factors: comparison.goneFactors)))</p>\n"
        }
        let new = comparison.newGroups.map { plans.book.groups[$0].title } + comparison.newFactors.map { plans.book.factors[$0].title }
        if !new.isEmpty { out += "<p class=\"muted small\">\(h(t.changesNewCodes(new.map(t.quoted))))</p>\n" }
        return out + "</section>\n"
    }
}
