import RiskmapLanguage

/// `schools/<id>.md|html`: one school's support plan in the shape of the school roadmap
/// template (seed 001): passport, why the school is in the programme, target indicators,
/// measures by direction with a column to mark them done, the municipal measures it takes
/// part in, the data to supply (with where the measures' basis is), approval.
enum SchoolPlanDocument {
    typealias D = Document

    /// `index`: the plan's place in `c.plans.schools`.
    static func build(_ plan: SchoolPlan, index: Int, _ c: PlanContext) -> Document {
        let t = c.text
        var blocks: [D.Block] = []
        blocks.append(.heading(level: 1, [.text("\(t.schoolPlanTitle): \(plan.school.name)")]))
        blocks.append(.paragraph([.text(t.forYear(c.plans.planYear, data: c.plans.dataYear).capitalizedFirst)], .subtitle))
        blocks.append(.fields(passport(plan, c)))
        blocks += problems(c.plans.problems.school(index), c)
        blocks += why(plan, c)
        blocks += changes(plan, index: index, c)
        blocks += targets(plan, c)
        blocks += measures(plan, c)
        blocks += municipal(plan, c)
        blocks += data(plan, c)
        blocks.append(.heading(level: 2, [.text(t.approvalHeading)]))
        blocks.append(.signatures(signatures(plan, c)))
        blocks += annex(plan, c)
        return Document(title: "\(t.schoolPlanTitle): \(plan.school.name)", lang: c.plans.lang, blocks: blocks, footer: c.footer())
    }

    static func passport(_ plan: SchoolPlan, _ c: PlanContext) -> [D.Field] {
        let t = c.text
        var fields = [D.Field(t.school, [.text(plan.school.name)]), D.Field(t.schoolID, [.text(plan.school.id)]),
                      D.Field(t.municipality, [.text(plan.school.municipality)])]
        if !plan.head.isEmpty { fields.append(D.Field(t.director, [.text(t.responsibleList(plan.head))])) }
        fields.append(D.Field(t.planYear, [.text(c.plans.planYear.description)]))
        fields.append(D.Field(t.dataYear, [.text(c.plans.dataYear.description)]))
        fields.append(D.Field(t.ruleBook, [.text(c.rulebook())]))
        for (scale, level) in c.levels(plan) { fields.append(D.Field(scale, [.strong(level)])) }
        return fields
    }

    /// The approval block: the school's head (named when the directory names them for the
    /// school, else a line to write the name on) and the head of the education authority.
    static func signatures(_ plan: SchoolPlan, _ c: PlanContext) -> [D.Signature] {
        let t = c.text
        return [D.Signature(role: t.directorRole, name: t.responsibleList(plan.head)), D.Signature(role: t.authorityRole)]
    }

    static func problems(_ problems: [DataProblems.Problem], _ c: PlanContext) -> [D.Block] {
        guard !problems.isEmpty else { return [] }
        let t = c.text
        let columns = [D.Column(t.schoolProblemColumns[0], weight: 1, alignment: .trailing),
                       D.Column(t.schoolProblemColumns[1], weight: 4), D.Column(t.schoolProblemColumns[2], weight: 10)]
        return [.heading(level: 2, [.text(t.schoolProblemsHeading)]), .paragraph([.text(t.schoolProblemsIntro)], .warning),
                .table(D.Table(name: "problems", columns: columns, rows: problems.enumerated().map { n, p in
                    [D.Cell("\(n + 1)"), D.Cell(p.place),
                     D.Cell("\(t.severity(p.severity)): \(p.message)", detail: p.help.map(t.hint) ?? "")]
                }))]
    }

    static func why(_ plan: SchoolPlan, _ c: PlanContext) -> [D.Block] {
        let t = c.text
        var blocks: [D.Block] = [.heading(level: 2, [.text(t.whyHeading)])]
        blocks.append(.paragraph([.text(t.inGroups(plan.groups.map { c.book.groups[$0].title }))], .body))
        blocks += exitForecasts(plan, c)
        if !plan.undecidedGroups.isEmpty {
            blocks.append(.paragraph([.text(t.undecidedGroupsLine(plan.undecidedGroups.map { c.book.groups[$0].title }))], .warning))
        }
        let triggered = plan.factors.filter { $0.explanation.status == .triggered }
        blocks.append(.paragraph([.text(t.triggeredIntro(triggered.count))], .body))
        if !triggered.isEmpty {
            blocks.append(.bullets(triggered.enumerated().map { n, f in
                [.strong("\(n + 1). " + c.factorTitle(f.factor)), .text(" — " + c.explanation(f) + ".")]
            }))
        }
        func count(_ s: Status) -> Int { plan.factors.filter { $0.explanation.status == s }.count }
        let other = t.otherFactorsLine(notTriggered: count(.notTriggered), unknown: count(.unknown), notApplicable: count(.notApplicable))
        if !other.isEmpty { blocks.append(.paragraph([.text(other)], count(.unknown) > 0 ? .warning : .note)) }
        return blocks
    }

    /// A value formatted by the indicator's type, «нет данных» when unknown.
    static func value(_ v: Double?, indicator: Int, _ c: PlanContext) -> String {
        guard let v, v.isFinite else { return c.text.noData }
        let i = c.book.indicators[indicator]
        switch i.kind {
        case .bool: return ExplanationText.yesNo(v != 0, c.plans.lang)
        case .category: return i.categories.indices.contains(Int(v)) ? i.categories[Int(v)] : c.text.noData
        case .count, .number, .percent, .text: return NumberFormat.value(v, i.type, lang: c.plans.lang)
        }
    }

    /// Whether `a` asks more of the school than `b` (same indicator and direction): a lower
    /// ceiling, a higher floor; a known goal over an unknown one.
    static func stricter(_ a: FactorTarget, than b: FactorTarget) -> Bool {
        guard let x = a.goal else { return false }
        guard let y = b.goal else { return true }
        switch a.direction {
        case .atMost: return x < y
        case .atLeast: return x > y
        case .exactly: return false
        }
    }

    /// One row per indicator: where two triggered factors set targets for the same indicator
    /// (a threshold and the municipality's mean, say), the row shows the stricter goal and
    /// both factors' numbers. Who answers for the rows is a line under the table.
    static func targets(_ plan: SchoolPlan, _ c: PlanContext) -> [D.Block] {
        let t = c.text
        let triggered = plan.factors.filter { $0.explanation.status == .triggered }.map(\.factor)
        // Triggered factors the rule book sets no target for (conditions such as the school's
        // distance or its families' incomes, a newly appointed head, grading that swings):
        // said, not left out silently.
        let untargeted = triggered.enumerated().filter { _, f in c.book.factors[f].targets.isEmpty }.map { $0.offset + 1 }
        guard !plan.targets.isEmpty else {
            return untargeted.isEmpty ? [] : [.heading(level: 2, [.text(t.targetsHeading)]), .paragraph([.text(t.noTargets(untargeted))], .body)]
        }
        var merged: [(target: FactorTarget, factors: [Int])] = []
        for target in plan.targets {
            guard let i = merged.firstIndex(where: { $0.target.indicator == target.indicator && $0.target.direction == target.direction }) else {
                merged.append((target, [target.factor]))
                continue
            }
            merged[i].factors.append(target.factor)
            if stricter(target, than: merged[i].target) { merged[i].target = target }
        }
        var years: [SchoolYear] = []
        for target in plan.targets { for step in target.steps where !years.contains(step.year) { years.append(step.year) } }
        years.sort { $0.start < $1.start }
        let columns = [D.Column(t.numberColumn, weight: 2, alignment: .trailing), D.Column(t.indicatorColumn, weight: 14),
                       D.Column(t.baselineColumn, weight: 5, alignment: .trailing), D.Column(t.goalColumn, weight: 5, alignment: .trailing)]
            + years.map { D.Column(t.byEndOf($0), weight: 5, alignment: .trailing) }
        let rows: [[D.Cell]] = merged.enumerated().map { n, row in
            let target = row.target
            let baseline = value(target.baseline, indicator: target.indicator, c)
            let goal = target.goal.map { t.goal(value($0, indicator: target.indicator, c), target.direction) } ?? t.noData
            let steps = years.map { y -> D.Cell in
                guard let step = target.steps.first(where: { $0.year == y }) else { return D.Cell("") }
                return D.Cell(value(step.value, indicator: target.indicator, c))
            }
            let numbers = row.factors.compactMap { f in triggered.firstIndex(of: f).map { $0 + 1 } }
            return [D.Cell("\(n + 1)"),
                    D.Cell(c.book.indicators[target.indicator].title, detail: t.forFactors(numbers)),
                    D.Cell(baseline, detail: "\(target.baselineYear)"), D.Cell(goal)]
                + steps
        }
        var blocks: [D.Block] = [.heading(level: 2, [.text(t.targetsHeading)]), .table(D.Table(name: "targets", columns: columns, rows: rows))]
        // Who answers for which rows, under the table (a column of long names made every row tall).
        var byWho: [(who: String, rows: [Int])] = []
        for (n, row) in merged.enumerated() where !row.target.responsible.isEmpty {
            let who = t.responsibleList(row.target.responsible)
            if let i = byWho.firstIndex(where: { $0.who == who }) { byWho[i].rows.append(n + 1) } else { byWho.append((who, [n + 1])) }
        }
        if byWho.count == 1 {
            blocks.append(.paragraph([.text(t.targetsResponsible(byWho[0].who))], .body))
        } else if !byWho.isEmpty {
            blocks.append(.paragraph([.text(t.targetsResponsibleByRows(byWho.map { ($0.who, $0.rows) }))], .body))
        }
        if !untargeted.isEmpty { blocks.append(.paragraph([.text(t.noTargets(untargeted))], .body)) }
        blocks.append(.paragraph([.text(t.targetsNote)], .note))
        return blocks
    }

    static func measureColumns(_ t: PlanText) -> [D.Column] {
        [D.Column(t.numberColumn, weight: 3), D.Column(t.measureColumn, weight: 18), D.Column(t.deadlineColumn, weight: 6),
         D.Column(t.responsibleColumn, weight: 10), D.Column(t.resultColumn, weight: 16), D.Column(t.fillInColumn, weight: 5, fillIn: true)]
    }

    static func measures(_ plan: SchoolPlan, _ c: PlanContext) -> [D.Block] {
        let t = c.text
        var blocks: [D.Block] = [.heading(level: 2, [.text(t.planHeading)])]
        if plan.items.isEmpty {
            blocks.append(.paragraph([.text(emptyPlanNote(plan, c))], .body))
            return blocks
        }
        // Triggered factors by their number in «Почему школа в программе».
        let triggered = plan.factors.filter { $0.explanation.status == .triggered }.map(\.factor)
        func numbers(_ factors: [Int]) -> String {
            t.addressesFactors(factors.compactMap { f in triggered.firstIndex(of: f).map { $0 + 1 } })
        }
        let sections = c.directions.sections(plan.items, measure: \.measure)
        for (s, section) in sections.list.enumerated() {
            if let heading = sections.heading(s, other: t.otherMeasures) { blocks.append(.heading(level: 3, [.text(heading)])) }
            blocks.append(.table(D.Table(name: "plan-\(s + 1)", columns: measureColumns(t), rows: section.items.enumerated().map { n, item in
                [D.Cell(sections.number(s, n)),
                 D.Cell(c.book.measures[item.measure].title, detail: addressed(item, numbers, c)),
                 D.Cell(item.deadline.text), D.Cell(c.responsibleCell(measure: item.measure, item.responsible)),
                 D.Cell(c.result(item.measure)), D.Cell("")]
            })))
        }
        blocks += whoIsWho(c.shownNames(plan.items.map { ($0.measure, $0.responsible) }), c)
        return blocks
    }

    /// «Приложение. Основания методики», after the approval block (on the same page when it
    /// fits: a Tomsk plan with its annex prints on at most 6 A4 pages): the
    /// `основание` of the rule book, of the groups the school is in and of its triggered
    /// factors (numbered as in «Почему школа в программе») — why the school is in the
    /// programme, traced to the methodology's sources, kept out of the plan's text. The
    /// measures' sources are the same for every school of the municipality: they are listed
    /// once, in the roadmap's annex, and the note under the table says so. Provisions without
    /// a basis are left out, and so is the annex when no group or factor of the school has one.
    static func annex(_ plan: SchoolPlan, _ c: PlanContext) -> [D.Block] {
        let t = c.text
        var rows: [[D.Cell]] = []
        func add(_ reference: String, _ title: String, _ basis: String?) {
            guard let basis, !basis.isEmpty else { return }
            rows.append([D.Cell(reference), D.Cell([.strong(title + ":"), .text(" " + basis)])])
        }
        add(t.annexMethodology, c.book.header.title, c.book.header.basis)
        for g in plan.groups { add(t.annexGroup, c.book.groups[g].title, c.book.groups[g].basis) }
        let triggered = plan.factors.filter { $0.explanation.status == .triggered }.map(\.factor)
        for (n, f) in triggered.enumerated() { add(t.annexFactor(n + 1), c.factorTitle(f), c.book.factors[f].basis) }
        // The methodology's own basis alone (no group or factor of the school has one): not
        // worth an annex.
        guard rows.count > (c.book.header.basis == nil ? 0 : 1) else { return [] }
        let names = t.annexColumns
        let columns = [D.Column(names[0], weight: 6), D.Column(names[1], weight: 29)]
        var blocks: [D.Block] = [.heading(level: 2, [.text(t.annexHeading)]), .paragraph([.text(t.annexIntro)], .note),
                                 .table(D.Table(name: "annex", columns: columns, rows: rows))]
        if plan.items.contains(where: { !c.basis($0.measure).isEmpty }) {
            blocks.append(.paragraph([.text(t.annexMeasuresElsewhere)], .note))
        }
        return blocks
    }

    /// A plan line's second line: the triggered factors it addresses, by number, else the
    /// school's group that gets it every year (`устраняет shnor`).
    static func addressed(_ item: PlanItem, _ numbers: ([Int]) -> String, _ c: PlanContext) -> String {
        let factors = numbers(item.factors)
        guard factors.isEmpty else { return factors }
        let groups = c.book.measures[item.measure].addressesGroups
        return groups.isEmpty ? "" : c.text.everySchoolOf(groups.map { c.book.groups[$0].title })
    }

    /// The full names of the responsible parties a table shortened.
    static func whoIsWho(_ lists: [[String]], _ c: PlanContext) -> [D.Block] {
        let t = c.text
        let long = c.longNames(lists)
        guard !long.isEmpty else { return [] }
        return [.paragraph([.text(t.responsibleFullNames)], .note),
                .bullets(long.map { [.strong(c.short($0)), .text(" — " + $0)] })]
    }

    /// Why a plan has no lines.
    static func emptyPlanNote(_ plan: SchoolPlan, _ c: PlanContext) -> String {
        let statuses = plan.factors.map(\.explanation.status)
        if statuses.contains(.triggered) { return c.text.noSchoolMeasures }
        if statuses.contains(.unknown) { return c.text.unknownNoMeasures }
        return c.text.noRiskNoMeasures
    }

    /// The municipal measures the school takes part in, as one line of roadmap numbers
    /// (what they are, who answers for them and by when is in the roadmap).
    static func municipal(_ plan: SchoolPlan, _ c: PlanContext) -> [D.Block] {
        guard !plan.municipalMeasures.isEmpty else { return [] }
        let t = c.text
        let roadmap = RoadmapDocument.Numbering(c, municipality: plan.school.municipality)
        var numbers: [String] = []
        for section in roadmap.sections.list {
            for item in section.items where plan.municipalMeasures.contains(item.measure) { numbers.append(roadmap.number[item.measure] ?? "") }
        }
        return [.heading(level: 2, [.text(t.municipalHeading)]),
                .paragraph([.text(t.municipalLine(count: plan.municipalMeasures.count, numbers: numbers, municipality: plan.school.municipality))], .body)]
    }

    static func data(_ plan: SchoolPlan, _ c: PlanContext) -> [D.Block] {
        guard !plan.dataToSupply.isEmpty else { return [] }
        let t = c.text
        var years: [SchoolYear] = []
        for r in plan.dataToSupply where !years.contains(r.year) { years.append(r.year) }
        years.sort { $0.start > $1.start }
        return [.heading(level: 2, [.text(t.dataHeading)]), .paragraph([.text(t.dataIntroCompact)], .note),
                .bullets(years.map { y in
                    var titles: [String] = []
                    for r in plan.dataToSupply where r.year == y {
                        let title = c.book.indicators[r.indicator].title
                        if !titles.contains(title) { titles.append(title) }
                    }
                    return [.strong(t.dataYearLine(y)), .text(titles.joined(separator: "; ") + ".")]
                })]
    }
}
