import RiskmapLanguage

extension Planner {
    /// The целевые показатели of one school: for each triggered factor, each target the
    /// rule book declares whose indicator is not yet at its goal (or whose goal is unknown,
    /// or whose value is unknown when no target of the factor has one: missing data is
    /// never shown as a target met).
    /// `items`: the school's plan, for who answers for each factor.
    func targets(row: Int, items: [PlanItem], dataYear: SchoolYear, planYear: SchoolYear,
                 reference: ReferenceEvaluator) -> [FactorTarget] {
        var out: [FactorTarget] = []
        for factor in book.factors where !factor.targets.isEmpty && outcomes.factors[factor.index][row] == .triggered {
            let responsible = responsibleForTargets(of: factor.index, items: items)
            var rows: [FactorTarget] = []
            for target in factor.targets {
                let baseline = Planner.number(reference.evaluate(target.subject, row: row).value)
                let goal = Planner.number(reference.evaluate(target.goal, row: row).value)
                if let baseline, let goal, Planner.meets(baseline, goal, target.direction) { continue }
                let years = target.years.value(outcomes.params)
                let steps = Planner.steps(from: baseline, to: goal, target.direction, years: years, planYear: planYear,
                                          whole: book.indicators[target.indicator].kind == .count)
                rows.append(FactorTarget(factor: factor.index, indicator: target.indicator, direction: target.direction,
                                         baseline: baseline, baselineYear: dataYear, goal: goal, steps: steps, responsible: responsible))
            }
            // The factor is triggered, so the data decided it: where some of its targets have a
            // baseline, those without one are alternatives the school's data does not use (a
            // factor read from either of two columns). With none known, all stay, «нет данных».
            if rows.contains(where: { $0.baseline != nil }) { rows.removeAll { $0.baseline == nil } }
            out += rows
        }
        return out
    }

    /// The roles (their titles in the rule book: who answers for a target is a role, not a
    /// named body) of the school's first measure (rule-book order) that addresses the
    /// factor; else those of any measure addressing it.
    private func responsibleForTargets(of factor: Int, items: [PlanItem]) -> [String] {
        let measure = items.filter { $0.factors.contains(factor) }.map(\.measure).min()
            ?? book.measures.first(where: { $0.addresses.contains(factor) })?.index
        guard let measure else { return [] }
        return book.measures[measure].responsible.map { book.roles[$0].title }
    }

    static func number(_ v: Value) -> Double? {
        switch v {
        case .number(let x): return x
        case .truth(let b): return b ? 1 : 0
        case .category(let i): return Double(i)
        case .unknown, .text, .level: return nil
        }
    }

    static func meets(_ value: Double, _ goal: Double, _ direction: Target.Direction) -> Bool {
        switch direction {
        case .atMost: return value <= goal
        case .atLeast: return value >= goal
        case .exactly: return value == goal
        }
    }

    /// Even steps from the baseline to the goal over `years` plan years (whole numbers for a
    /// count, rounded towards the goal); an exact target has one step, in its last year.
    static func steps(from baseline: Double?, to goal: Double?, _ direction: Target.Direction, years: Int,
                      planYear: SchoolYear, whole: Bool) -> [FactorTarget.Step] {
        let years = max(1, years)
        func year(_ k: Int) -> SchoolYear { SchoolYear(start: planYear.start + k - 1) }
        if direction == .exactly { return [FactorTarget.Step(year: year(years), value: goal)] }
        return (1...years).map { k in
            guard let baseline, let goal else { return FactorTarget.Step(year: year(k), value: k == years ? goal : nil) }
            var v = baseline + (goal - baseline) * Double(k) / Double(years)
            if k == years { v = goal }
            if whole { v = direction == .atMost ? v.rounded(.down) : v.rounded(.up) }
            return FactorTarget.Step(year: year(k), value: v)
        }
    }
}
