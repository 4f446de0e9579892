import RiskmapLanguage

/// A school plan's exit forecasts (in «Почему школа в программе») and its «Что изменилось»
/// (`plan --compare-with`).
extension SchoolPlanDocument {
    /// One sentence per group the school is in that has an exit criterion.
    static func exitForecasts(_ plan: SchoolPlan, _ c: PlanContext) -> [D.Block] {
        plan.exits.map { e in
            let missing = e.missing.map { "«\(c.book.indicators[$0.indicator].title)» (\($0.year))" }
            return .paragraph([.text(c.text.exitLine(e.forecast, group: c.book.groups[e.group].title, missing: missing))],
                              e.forecast.undecided ? .warning : .body)
        }
    }

    /// «Что изменилось» since the previous plan: groups entered and left, new and resolved
    /// factors (a factor or group «не определён» on one side said as such), codes the rule
    /// book no longer has, the previous plan's targets met or not. Nothing without a comparison.
    static func changes(_ plan: SchoolPlan, index: Int, _ c: PlanContext) -> [D.Block] {
        guard let comparison = c.plans.comparison else { return [] }
        let t = c.text
        var blocks: [D.Block] = [.heading(level: 2, [.text(t.changesHeading)]), .paragraph([.text(t.changesIntro(comparison, folder: false))], .note)]
        guard let school = comparison.schools[index] else {
            return blocks + [.paragraph([.text(t.changesNewSchool)], .body)]
        }
        let groups = { (list: [Int]) in list.map { t.quoted(c.book.groups[$0].title) } }
        let factors = { (list: [Int]) in list.map { t.quoted(c.factorTitle($0)) } }
        var lines: [String] = []
        if !school.entered.isEmpty { lines.append(t.changesEntered(groups(school.entered))) }
        if !school.left.isEmpty { lines.append(t.changesLeft(groups(school.left))) }
        for u in school.undeterminedGroups { lines.append(t.changesGroupUndetermined(c.book.groups[u.index].title, now: u.now)) }
        if !school.newFactors.isEmpty { lines.append(t.changesNewFactors(factors(school.newFactors))) }
        if !school.resolved.isEmpty { lines.append(t.changesResolved(factors(school.resolved))) }
        for u in school.undeterminedFactors { lines.append(t.changesFactorUndetermined(c.factorTitle(u.index), now: u.now)) }
        if !school.goneCodes.isEmpty { lines.append(t.changesGoneCodes(school.goneCodes)) }
        if lines.isEmpty { lines.append(t.changesNone) }
        blocks.append(.bullets(lines.map { [.text($0)] }))
        if !school.targets.isEmpty {
            blocks.append(.paragraph([.text(t.changesTargetsIntro(c.plans.dataYear))], .body))
            blocks.append(.bullets(school.targets.map { check in
                let title = check.indicator.map { c.book.indicators[$0].title } ?? check.target.indicator
                func shown(_ v: Double?) -> String { check.indicator.map { value(v, indicator: $0, c) } ?? t.noData }
                let expected = check.expected.map { t.goal(shown($0), check.target.direction) }
                return [.text(t.changesTarget(title, value: shown(check.value), expected: expected, check.outcome,
                                              firstStep: check.target.steps.map(\.year).min()))]
            }))
        }
        return blocks
    }
}
