import RiskmapLanguage

/// `schools/<id>.html`: one school's support plan, readable in a browser and print-ready on A4.
enum SchoolPlanHTML {
    /// `index`: the plan's place in `c.plans.schools`.
    static func render(_ plan: SchoolPlan, index: Int, _ c: PlanContext) -> String {
        let t = c.text
        let h = HTMLEscape.text
        var body = "<header>\n<h1>\(h(t.schoolPlanTitle)): \(h(plan.school.name))</h1>\n"
        body += "<p class=\"subtitle\">\(h(plan.school.municipality)) · \(h(t.forYear(c.plans.planYear, data: c.plans.dataYear)))</p>\n"
        var meta: [(String, String)] = [
            (t.school, h(plan.school.name)), (t.schoolID, h(plan.school.id)), (t.municipality, h(plan.school.municipality)),
            (t.planYear, h(c.plans.planYear.description)), (t.dataYear, h(c.plans.dataYear.description)),
            (t.ruleBook, h(c.rulebook())),
        ]
        meta += c.levels(plan).map { ($0.scale, "<strong>\(h($0.level))</strong>") }
        meta.append((t.groups, h(c.groups(plan))))
        if let undecided = c.undecidedGroups(plan) { meta.append((t.undecidedGroups, h(undecided))) }
        body += HTMLPage.meta(meta) + "</header>\n"
        body += problems(c.plans.problems.school(index), c)

        body += "<section>\n<h2>\(h(t.factorsHeading))</h2>\n"
        body += HTMLPage.table(t.factorColumns, c.orderedFactors(plan).map { f in
            let s = f.explanation.status
            return [h(c.factorTitle(f.factor)), "<span class=\"status st-\(s.code)\">\(h(s.text(c.plans.lang)))</span>",
                    h(c.explanation(f))]
        }, classes: "factors")
        body += "</section>\n"

        body += "<section>\n<h2>\(h(t.planHeading))</h2>\n"
        if plan.items.isEmpty {
            body += "<p>\(h(SchoolPlanMarkdown.emptyPlanNote(plan, c)))</p>\n"
        } else {
            body += HTMLPage.table(t.planColumns, plan.items.enumerated().map { n, item in
                let title = h(c.book.measures[item.measure].title)
                    + "<span class=\"addresses\">\(h(t.addresses(item.factors.map { t.quoted(c.factorTitle($0)) })))</span>"
                return ["\(n + 1)", title, h(item.deadline.text),
                        responsible(item.responsible, item.coExecutors, t), cell(c.result(item.measure))]
            }, id: "plan", numeric: [0])
        }
        body += "</section>\n"

        if !plan.municipalMeasures.isEmpty {
            body += "<section>\n<h2>\(h(t.municipalHeading))</h2>\n<p class=\"muted\">\(h(t.municipalIntro(plan.school.municipality)))</p>\n<ul>\n"
            for line in SchoolPlanMarkdown.municipalLines(plan, c) { body += "<li>\(h(line))</li>\n" }
            body += "</ul>\n</section>\n"
        }

        if !plan.dataToSupply.isEmpty {
            body += "<section>\n<h2>\(h(t.dataHeading))</h2>\n<p class=\"muted\">\(h(t.dataIntro))</p>\n"
            body += HTMLPage.table(t.dataColumns, SchoolPlanMarkdown.dataRows(plan, c).map { $0.map(cell) }, id: "data", numeric: [0])
            body += "</section>\n"
        }
        body += "<footer>\(h(c.footer()))</footer>\n"
        let css = """
        table.factors td:nth-child(1) { width: 24% }
        table.factors td:nth-child(2) { width: 1%; white-space: nowrap }
        #plan td:nth-child(2) { width: 30% }
        #plan td:nth-child(3) { width: 12% }
        """ + (c.plans.problems.school(index).isEmpty ? "" : "\n" + SummaryHTML.problemCSS)
        return HTMLPage.render(lang: t.htmlLang, title: "\(t.schoolPlanTitle): \(plan.school.name)", body: body, extraCSS: css)
    }

    /// «Проблемы в данных школы», when the school's rows had any.
    static func problems(_ problems: [DataProblems.Problem], _ c: PlanContext) -> String {
        guard !problems.isEmpty else { return "" }
        let t = c.text
        var out = "<section class=\"problems\">\n<h2>\(HTMLEscape.text(t.schoolProblemsHeading))</h2>\n"
        out += "<p>\(HTMLEscape.text(t.schoolProblemsIntro))</p>\n"
        out += HTMLPage.table(t.schoolProblemColumns, problems.enumerated().map { n, p in
            ["\(n + 1)", "<span class=\"place\">\(HTMLEscape.text(p.place))</span>", SummaryHTML.problemText(p, t)]
        }, numeric: [0], classes: "problems")
        return out + "</section>\n"
    }

    /// Escaped text, «—» when empty.
    static func cell(_ s: String) -> String { s.isEmpty ? "—" : HTMLEscape.text(s) }

    static func responsible(_ who: [String], _ co: [String], _ t: PlanText) -> String {
        var out = HTMLEscape.text(t.responsibleList(who))
        if !co.isEmpty { out += "<span class=\"addresses\">\(HTMLEscape.text(t.coExecutors(co)))</span>" }
        return out
    }
}
