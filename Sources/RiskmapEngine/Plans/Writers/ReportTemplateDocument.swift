import RiskmapLanguage

/// `report-template.md|html`: the execution report to fill in, in the shape of seed 004:
/// who reports and by when; per municipality its roadmap items by direction with the
/// schools each covers and blank columns for the answer and the status; then one sheet
/// per school with its measures and targets to fill in.
enum ReportTemplateDocument {
    typealias D = Document

    static func build(_ c: PlanContext) -> Document {
        let t = c.text
        var blocks: [D.Block] = [.heading(level: 1, [.text(t.reportTitle)]),
                                 .paragraph([.text(t.forYear(c.plans.planYear, data: c.plans.dataYear).capitalizedFirst)], .subtitle),
                                 .fields([D.Field(t.reportFor, [.text(t.schoolYearText(c.plans.planYear))]),
                                          D.Field(t.ruleBook, [.text(c.rulebook())])]),
                                 .heading(level: 2, [.text(t.reportIntroHeading)]),
                                 .bullets(t.reportWho(c.plans.planYear).map { [.text($0)] })]
        for roadmap in c.plans.municipalities {
            blocks += municipality(roadmap, c)
        }
        for (i, plan) in c.plans.schools.enumerated() where !plan.items.isEmpty || !plan.targets.isEmpty {
            blocks.append(.pageBreak)
            blocks += sheet(plan, index: i, c)
        }
        return Document(title: t.reportTitle, lang: c.plans.lang, blocks: blocks, footer: c.footer())
    }

    static func columns(_ t: PlanText) -> [D.Column] {
        [D.Column(t.numberColumn, weight: 3), D.Column(t.measureColumn, weight: 14), D.Column(t.deadlineColumn, weight: 5),
         D.Column(t.responsibleColumn, weight: 7), D.Column(t.reportSchoolsColumn, weight: 7),
         D.Column(t.reportDoneColumn, weight: 11, fillIn: true), D.Column(t.reportStatusColumn, weight: 5, fillIn: true)]
    }

    /// The schools an item covers: their names when few, else the count.
    static func schools(_ item: RoadmapItem, of total: Int, _ c: PlanContext) -> D.Cell {
        if item.schools.count <= 3 { return D.Cell(c.schoolNames(item).joined(separator: "; ")) }
        return D.Cell(RoadmapDocument.schoolCount(item, of: total, c.text))
    }

    static func municipality(_ roadmap: MunicipalRoadmap, _ c: PlanContext) -> [D.Block] {
        let t = c.text
        var blocks: [D.Block] = [.heading(level: 2, [.text("\(t.municipality): \(roadmap.municipality)")])]
        if roadmap.items.isEmpty { return blocks + [.paragraph([.text(t.roadmapNoItems)], .body)] }
        let numbering = RoadmapDocument.Numbering(c, municipality: roadmap.municipality)
        for (s, section) in numbering.sections.list.enumerated() {
            if let heading = numbering.sections.heading(s, other: t.otherMeasures) { blocks.append(.heading(level: 3, [.text(heading)])) }
            blocks.append(.table(D.Table(name: "report-\(s + 1)", columns: columns(t), rows: section.items.enumerated().map { n, item in
                [D.Cell(numbering.sections.number(s, n)), D.Cell(c.book.measures[item.measure].title),
                 D.Cell(item.deadline.text), D.Cell(c.responsibleCell(measure: item.measure, item.responsible)),
                 schools(item, of: roadmap.schools.count, c), D.Cell(""), D.Cell("")]
            })))
        }
        blocks.append(.signatures([D.Signature(role: t.authorityRole)]))
        return blocks
    }

    /// One school's sheet: its measures and its targets, with columns to fill in.
    static func sheet(_ plan: SchoolPlan, index: Int, _ c: PlanContext) -> [D.Block] {
        let t = c.text
        var blocks: [D.Block] = [.heading(level: 2, [.text("\(t.reportSchoolSheet): \(plan.school.name)")]),
                                 .fields([D.Field(t.municipality, [.text(plan.school.municipality)]),
                                          D.Field(t.reportFor, [.text(t.schoolYearText(c.plans.planYear))])])]
        if plan.items.isEmpty {
            blocks.append(.paragraph([.text(t.reportNoSchoolMeasures)], .note))
        } else {
            let columns = [D.Column(t.numberColumn, weight: 3), D.Column(t.measureColumn, weight: 16), D.Column(t.deadlineColumn, weight: 5),
                           D.Column(t.responsibleColumn, weight: 7), D.Column(t.reportDoneColumn, weight: 12, fillIn: true),
                           D.Column(t.reportStatusColumn, weight: 5, fillIn: true)]
            var rows: [[D.Cell]] = []
            let sections = c.directions.sections(plan.items, measure: \.measure)
            for (s, section) in sections.list.enumerated() {
                for (n, item) in section.items.enumerated() {
                    rows.append([D.Cell(sections.number(s, n)), D.Cell(c.book.measures[item.measure].title),
                                 D.Cell(item.deadline.text), D.Cell(c.responsibleCell(measure: item.measure, item.responsible)), D.Cell(""), D.Cell("")])
                }
            }
            blocks.append(.heading(level: 3, [.text(t.reportSchoolMeasures)]))
            blocks.append(.table(D.Table(name: "sheet-measures", columns: columns, rows: rows)))
        }
        if !plan.targets.isEmpty {
            let columns = [D.Column(t.numberColumn, weight: 2), D.Column(t.indicatorColumn, weight: 14),
                           D.Column(t.baselineColumn, weight: 5, alignment: .trailing),
                           D.Column(t.byEndOf(c.plans.planYear), weight: 5, alignment: .trailing),
                           D.Column(t.reachedColumn, weight: 5, fillIn: true), D.Column(t.commentColumn, weight: 10, fillIn: true)]
            blocks.append(.heading(level: 3, [.text(t.reportTargets)]))
            blocks.append(.table(D.Table(name: "sheet-targets", columns: columns, rows: plan.targets.enumerated().map { n, target in
                let step = target.steps.first { $0.year == c.plans.planYear }
                return [D.Cell("\(n + 1)"), D.Cell(c.book.indicators[target.indicator].title),
                        D.Cell(SchoolPlanDocument.value(target.baseline, indicator: target.indicator, c), detail: "(\(target.baselineYear))"),
                        D.Cell(step.map { SchoolPlanDocument.value($0.value, indicator: target.indicator, c) } ?? t.noData),
                        D.Cell(""), D.Cell("")]
            })))
        }
        blocks.append(.signatures([D.Signature(role: t.directorRole)]))
        return blocks
    }
}
