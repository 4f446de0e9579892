import RiskmapLanguage

/// `roadmap.md|html`: the municipal roadmap in the shape of seed 000, landscape: goal and
/// tasks, then per municipality its measures by direction, each once with its deadline,
/// responsible party, expected result and the number of schools that need it; which
/// school needs which items is in the annex.
enum RoadmapDocument {
    typealias D = Document

    /// A municipality's roadmap items by direction, numbered «2.3» (section, item).
    struct Numbering {
        let sections: Sections<RoadmapItem>
        /// Measure index → its number in this roadmap.
        let number: [Int: String]
        let items: [Int: RoadmapItem]

        init(_ c: PlanContext, municipality: String) {
            let roadmapItems = c.roadmap(of: municipality)?.items ?? []
            sections = c.directions.sections(roadmapItems, measure: \.measure)
            var number: [Int: String] = [:]
            var items: [Int: RoadmapItem] = [:]
            for (s, section) in sections.list.enumerated() {
                for (n, item) in section.items.enumerated() {
                    number[item.measure] = sections.number(s, n)
                    items[item.measure] = item
                }
            }
            self.number = number
            self.items = items
        }

        func item(_ measure: Int) -> RoadmapItem? { items[measure] }
    }

    static func build(_ c: PlanContext) -> Document {
        let t = c.text
        var blocks: [D.Block] = [.heading(level: 1, [.text(t.roadmapTitle)]),
                                 .paragraph([.text(t.forYear(c.plans.planYear, data: c.plans.dataYear).capitalizedFirst)], .subtitle),
                                 .fields([D.Field(t.ruleBook, [.text(c.rulebook())])]),
                                 .heading(level: 2, [.text(t.goalHeading)]),
                                 .paragraph([.text(t.roadmapGoal)], .body),
                                 .paragraph([.text(t.tasksLabel)], .body),
                                 .bullets(t.roadmapTasks.map { [.text($0)] })]
        // Each municipality's items numbered once, for its tables and both annexes.
        let numbered = c.plans.municipalities.map { ($0, Numbering(c, municipality: $0.municipality)) }
        for (roadmap, numbering) in numbered {
            blocks += municipality(roadmap, numbering, c)
        }
        for (roadmap, numbering) in numbered where !roadmap.items.isEmpty {
            blocks += annex(roadmap, numbering, c)
        }
        for (roadmap, numbering) in numbered where !roadmap.items.isEmpty {
            blocks += bases(roadmap, numbering, c)
        }
        return Document(title: t.roadmapTitle, lang: c.plans.lang, orientation: .landscape, blocks: blocks, footer: c.footer())
    }

    static func columns(_ t: PlanText) -> [D.Column] {
        [D.Column(t.numberColumn, weight: 3), D.Column(t.measureColumn, weight: 20), D.Column(t.deadlineColumn, weight: 7),
         D.Column(t.responsibleColumn, weight: 12), D.Column(t.schoolsCountColumn, weight: 4, alignment: .trailing),
         D.Column(t.resultColumn, weight: 16)]
    }

    /// «12» or «все 18».
    static func schoolCount(_ item: RoadmapItem, of total: Int, _ t: PlanText) -> String {
        item.schools.count == total && total > 1 ? "\(t.allSchools) \(total)" : "\(item.schools.count)"
    }

    static func municipality(_ roadmap: MunicipalRoadmap, _ numbering: Numbering, _ c: PlanContext) -> [D.Block] {
        let t = c.text
        var intro = t.roadmapSchools(total: roadmap.schools.count, needing: needing(roadmap))
        if !roadmap.items.isEmpty { intro += " " + t.roadmapCountNote(roadmap.schools.count) }
        var blocks: [D.Block] = [.heading(level: 2, [.text("\(t.roadmapMeasuresHeading): \(roadmap.municipality)")]),
                                 .paragraph([.text(intro)], .note)]
        if roadmap.items.isEmpty {
            blocks.append(.paragraph([.text(t.roadmapNoItems)], .body))
            return blocks
        }
        for (s, section) in numbering.sections.list.enumerated() {
            if let heading = numbering.sections.heading(s, other: t.otherMeasures) { blocks.append(.heading(level: 3, [.text(heading)])) }
            blocks.append(.table(D.Table(name: "roadmap-\(s + 1)", columns: columns(t), rows: section.items.enumerated().map { n, item in
                [D.Cell(numbering.sections.number(s, n)), D.Cell(c.book.measures[item.measure].title, detail: note(item, c)),
                 D.Cell(item.deadline.text),
                 D.Cell(c.responsibleCell(measure: item.measure, item.responsible),
                        detail: item.coExecutors.isEmpty ? "" : t.coExecutors([c.coExecutorCell(measure: item.measure, item.coExecutors)])),
                 D.Cell(schoolCount(item, of: roadmap.schools.count, t)), D.Cell(c.result(item.measure))]
            })))
        }
        let shown = numbering.sections.list.flatMap(\.items).flatMap { item -> [[String]] in
            c.shownNames([(item.measure, item.responsible)])
                + [item.coExecutors.count <= 2 ? item.coExecutors : c.book.measures[item.measure].coExecutors.map { c.book.roles[$0].title }]
        }
        blocks += SchoolPlanDocument.whoIsWho(shown, c)
        return blocks
    }

    /// What a line addresses, and «муниципальный уровень» for a municipal measure.
    static func note(_ item: RoadmapItem, _ c: PlanContext) -> String {
        var parts: [String] = []
        if c.book.measures[item.measure].scope == .municipality { parts.append(c.text.municipalMark) }
        let factors = c.factors(of: item)
        if !factors.isEmpty { parts.append(c.text.addresses(factors.map { c.text.quoted(c.factorTitle($0)) })) }
        let groups = c.book.measures[item.measure].addressesGroups
        if !groups.isEmpty { parts.append(c.text.everySchoolOf(groups.map { c.book.groups[$0].title })) }
        return parts.joined(separator: "; ")
    }

    static func needing(_ roadmap: MunicipalRoadmap) -> Int {
        Set(roadmap.items.flatMap(\.schools)).count
    }

    /// Increasing numbers as runs of consecutive ones: [1, 2, 3, 5] → [1…3, 5…5].
    static func ranges(_ numbers: [Int]) -> [ClosedRange<Int>] {
        var out: [ClosedRange<Int>] = []
        for n in numbers {
            if let last = out.last, last.upperBound + 1 == n { out[out.count - 1] = last.lowerBound...n } else { out.append(n...n) }
        }
        return out
    }

    /// Per school of the municipality, the numbers of the items it takes part in.
    static func annex(_ roadmap: MunicipalRoadmap, _ numbering: Numbering, _ c: PlanContext) -> [D.Block] {
        let t = c.text
        let columns = [D.Column(t.roadmapAnnexColumns[0], weight: 2), D.Column(t.roadmapAnnexColumns[1], weight: 14),
                       D.Column(t.roadmapAnnexColumns[2], weight: 30)]
        let rows: [[D.Cell]] = roadmap.schools.enumerated().map { n, i in
            var numbers: [String] = []
            for (s, section) in numbering.sections.list.enumerated() {
                let items = section.items.indices.filter { section.items[$0].schools.contains(i) }
                numbers += ranges(items).map { r in
                    r.lowerBound == r.upperBound ? numbering.sections.number(s, r.lowerBound)
                        : numbering.sections.number(s, r.lowerBound) + "–" + numbering.sections.number(s, r.upperBound)
                }
            }
            return [D.Cell("\(n + 1)"), D.Cell([.link(c.plans.schools[i].school.name, target: c.schoolPage(i))]),
                    D.Cell(numbers.joined(separator: ", "))]
        }
        let title = c.plans.municipalities.count > 1 ? "\(t.roadmapAnnexHeading): \(roadmap.municipality)" : t.roadmapAnnexHeading
        return [.heading(level: 2, [.text(title)]), .table(D.Table(name: "annex", columns: columns, rows: rows))]
    }

    /// «Приложение 2. Основания мероприятий»: each item's `основание`, by its number in this
    /// roadmap — the measures' audit trail, for the roadmap and for every school plan (whose
    /// own annex points here). Items without a basis are left out, and so is the annex when
    /// none has one.
    static func bases(_ roadmap: MunicipalRoadmap, _ numbering: Numbering, _ c: PlanContext) -> [D.Block] {
        let t = c.text
        var rows: [[D.Cell]] = []
        for (s, section) in numbering.sections.list.enumerated() {
            for (n, item) in section.items.enumerated() where !c.basis(item.measure).isEmpty {
                rows.append([D.Cell(numbering.sections.number(s, n)), D.Cell(c.short(c.book.measures[item.measure].title)),
                             D.Cell(c.basis(item.measure))])
            }
        }
        guard !rows.isEmpty else { return [] }
        let names = t.roadmapBasesColumns
        let columns = [D.Column(names[0], weight: 2), D.Column(names[1], weight: 14), D.Column(names[2], weight: 30)]
        let title = c.plans.municipalities.count > 1 ? "\(t.roadmapBasesHeading): \(roadmap.municipality)" : t.roadmapBasesHeading
        return [.heading(level: 2, [.text(title)]), .paragraph([.text(t.roadmapBasesIntro)], .note),
                .table(D.Table(name: "bases", columns: columns, rows: rows))]
    }
}
