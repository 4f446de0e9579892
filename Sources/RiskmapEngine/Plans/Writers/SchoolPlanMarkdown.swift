import RiskmapLanguage

/// `schools/<id>.md`: one school's support plan as Markdown that pastes into Word.
enum SchoolPlanMarkdown {
    /// `index`: the plan's place in `c.plans.schools`.
    static func render(_ plan: SchoolPlan, index: Int, _ c: PlanContext) -> String {
        let t = c.text
        let e = MarkdownTable.escape
        var out = "# \(e(t.schoolPlanTitle)): \(e(plan.school.name))\n\n"
        var meta: [(String, String)] = [
            (t.school, plan.school.name), (t.schoolID, plan.school.id), (t.municipality, plan.school.municipality),
            (t.planYear, c.plans.planYear.description), (t.dataYear, c.plans.dataYear.description),
            (t.ruleBook, c.rulebook()),
        ]
        meta += c.levels(plan).map { ($0.scale, $0.level) }
        meta.append((t.groups, c.groups(plan)))
        if let undecided = c.undecidedGroups(plan) { meta.append((t.undecidedGroups, undecided)) }
        for (label, value) in meta { out += "- **\(e(label)):** \(e(value))\n" }

        // Problems in the school's data, before anything based on it.
        let problems = c.plans.problems.school(index)
        if !problems.isEmpty {
            out += "\n## \(e(t.schoolProblemsHeading))\n\n\(e(t.schoolProblemsIntro))\n\n"
            out += MarkdownTable.render(t.schoolProblemColumns, problems.enumerated().map { n, p in
                ["\(n + 1)", p.place, "\(t.severity(p.severity)): \(p.message)" + (p.help.map { " (\(t.hint($0)))" } ?? "")]
            })
        }

        // Factors, triggered first.
        out += "\n## \(e(t.factorsHeading))\n\n"
        out += MarkdownTable.render(t.factorColumns, c.orderedFactors(plan).map { f in
            [c.factorTitle(f.factor), f.explanation.status.text(c.plans.lang), c.explanation(f)]
        })

        // The plan table.
        out += "\n## \(e(t.planHeading))\n\n"
        if plan.items.isEmpty {
            out += e(emptyPlanNote(plan, c)) + "\n"
        } else {
            out += MarkdownTable.render(t.planColumns, plan.items.enumerated().map { n, item in
                let title = c.book.measures[item.measure].title
                return ["\(n + 1)", "\(title) (\(t.addresses(item.factors.map { t.quoted(c.factorTitle($0)) })))",
                        item.deadline.text, t.responsible(item.responsible, item.coExecutors), c.result(item.measure)]
            })
        }

        if !plan.municipalMeasures.isEmpty {
            out += "\n## \(e(t.municipalHeading))\n\n\(e(t.municipalIntro(plan.school.municipality)))\n\n"
            for line in municipalLines(plan, c) { out += "- \(e(line))\n" }
        }

        if !plan.dataToSupply.isEmpty {
            out += "\n## \(e(t.dataHeading))\n\n\(e(t.dataIntro))\n\n"
            out += MarkdownTable.render(t.dataColumns, dataRows(plan, c))
        }
        out += "\n---\n\n\(e(c.footer()))\n"
        return out
    }

    /// Why a plan has no lines.
    static func emptyPlanNote(_ plan: SchoolPlan, _ c: PlanContext) -> String {
        let statuses = plan.factors.map(\.explanation.status)
        if statuses.contains(.triggered) { return c.text.noSchoolMeasures }
        if statuses.contains(.unknown) { return c.text.unknownNoMeasures }
        return c.text.noRiskNoMeasures
    }

    /// «п. 1 дорожной карты. Создание рабочей группы — срок: 30.09.2026; ответственный: …»
    static func municipalLines(_ plan: SchoolPlan, _ c: PlanContext) -> [String] {
        let t = c.text
        let roadmap = c.roadmap(of: plan.school.municipality)
        return plan.municipalMeasures.map { m in
            let number = c.roadmapNumber(measure: m, municipality: plan.school.municipality)
            let item = roadmap?.items.first { $0.measure == m }
            var line = number.map { t.roadmapItem($0) + ". " } ?? ""
            line += c.book.measures[m].title
            if let item {
                line += " — " + t.deadline(item.deadline.text) + "; " + t.responsibleLabel(t.responsible(item.responsible, item.coExecutors), count: item.responsible.count)
            }
            return line
        }
    }

    static func dataRows(_ plan: SchoolPlan, _ c: PlanContext) -> [[String]] {
        plan.dataToSupply.enumerated().map { n, r in
            let indicator = c.book.indicators[r.indicator]
            return ["\(n + 1)", indicator.title, r.year.description, c.factorList(r.factors)]
        }
    }
}
