import RiskmapLanguage

/// What changed since a previous `plan` run (`plan --compare-with PREVIOUS_OUT`): per school,
/// the groups it entered or left, new and resolved factors, and whether the previous plan's
/// targets were met; schools new and gone; codes of the previous plans.json the rule book no
/// longer has. Compared by codes, and only what is comparable: a factor «не определён» on
/// either side is never new or resolved (it is listed as undetermined instead), a target
/// whose value is missing is never met.
public struct PlanComparison: Sendable {
    /// How a previous target fares in the current data.
    public enum TargetOutcome: Sendable, Equatable {
        case met
        case notMet
        /// The value (or the step the plan set) is unknown: «не определён».
        case unknown
        /// The current data is of a year before the target's first step.
        case notDue
        /// The rule book no longer has the indicator.
        case gone
    }

    public struct TargetCheck: Sendable, Equatable {
        public var target: PreviousPlans.Target
        /// The indicator in the current rule book, when it still exists.
        public var indicator: Int?
        /// The value the previous plan set for the current data year (a step or the goal).
        public var expected: Double?
        /// The school's value in the current data year.
        public var value: Double?
        public var outcome: TargetOutcome
    }

    /// A factor or group whose status cannot be compared: «не определён» on one side.
    public struct Undetermined: Sendable, Equatable {
        public var index: Int
        /// The other side's status: what it was (when it is undetermined now) or what it is
        /// now (when it was undetermined).
        public var other: Status
        /// True: undetermined now; false: undetermined in the previous plan.
        public var now: Bool
    }

    public struct School: Sendable, Equatable {
        /// Groups (current rule book indices).
        public var entered: [Int] = []
        public var left: [Int] = []
        public var undeterminedGroups: [Undetermined] = []
        /// Factors (current rule book indices).
        public var newFactors: [Int] = []
        public var resolved: [Int] = []
        public var undeterminedFactors: [Undetermined] = []
        public var targets: [TargetCheck] = []
        /// Groups the school was in and factors triggered for it in the previous plan whose
        /// codes the current rule book does not have.
        public var goneCodes: [String] = []

        public var isEmpty: Bool {
            entered.isEmpty && left.isEmpty && undeterminedGroups.isEmpty && newFactors.isEmpty && resolved.isEmpty
                && undeterminedFactors.isEmpty && targets.isEmpty && goneCodes.isEmpty
        }
    }

    public var folder: String
    public var rulesetTitle: String
    public var rulesetVersion: String
    public var dataYear: SchoolYear?
    public var planYear: SchoolYear?
    /// Per current school (same order as `PlanSet.schools`); nil: not in the previous plans.
    public var schools: [School?]
    /// Schools of the previous plans not in the current ones: (id, name).
    public var gone: [(id: String, name: String, municipality: String)]
    /// Codes of the previous plans.json the current rule book does not have.
    public var goneGroups: [String]
    public var goneFactors: [String]
    /// Codes of the current rule book the previous plans.json did not have (nothing to compare).
    public var newGroups: [Int]
    public var newFactors: [Int]

    public var newSchools: Int { schools.filter { $0 == nil }.count }

    /// `outcomes`: the current run's, for the values the previous targets are checked against.
    public init(previous: PreviousPlans, current plans: PlanSet, outcomes: Outcomes) {
        let book = plans.book
        folder = previous.folder
        rulesetTitle = previous.rulesetTitle
        rulesetVersion = previous.rulesetVersion
        dataYear = previous.dataYear
        planYear = previous.planYear
        goneGroups = previous.groupCodes.filter { code in !book.groups.contains { $0.code == code } }
        goneFactors = previous.factorCodes.filter { code in !book.factors.contains { $0.code == code } }
        newGroups = book.groups.filter { !previous.groupCodes.contains($0.code) }.map(\.index)
        newFactors = book.factors.filter { !previous.factorCodes.contains($0.code) }.map(\.index)
        var byID: [String: Int] = [:]
        for (i, s) in previous.schools.enumerated() where byID[s.id] == nil { byID[s.id] = i }
        let currentIDs = Set(plans.schools.map(\.school.id))
        gone = previous.schools.filter { !currentIDs.contains($0.id) }.map { ($0.id, $0.name, $0.municipality) }
        let reference = ReferenceEvaluator(outcomes)
        schools = plans.schools.map { plan in
            guard let p = byID[plan.school.id] else { return nil }
            return Self.compare(previous.schools[p], plan, groupCodes: Set(previous.groupCodes), plans: plans, reference: reference)
        }
    }

    /// `groupCodes`: the groups the previous rule book had.
    static func compare(_ before: PreviousPlans.School, _ plan: SchoolPlan, groupCodes: Set<String>, plans: PlanSet,
                        reference: ReferenceEvaluator) -> School {
        let book = plans.book
        var out = School()
        for g in book.groups {
            let wasIn = before.groups.contains(g.code), wasUndecided = before.undecidedGroups.contains(g.code)
            let isIn = plan.groups.contains(g.index), isUndecided = plan.undecidedGroups.contains(g.index)
            // A group the previous rule book did not have: nothing to compare.
            guard groupCodes.contains(g.code) else { continue }
            if isIn && !wasIn && !wasUndecided { out.entered.append(g.index) }
            if wasIn && !isIn && !isUndecided { out.left.append(g.index) }
            if isUndecided && wasIn { out.undeterminedGroups.append(Undetermined(index: g.index, other: .triggered, now: true)) }
            if wasUndecided && isIn { out.undeterminedGroups.append(Undetermined(index: g.index, other: .triggered, now: false)) }
        }
        for f in book.factors {
            guard let was = before.status(f.code) else { continue }
            let now = plan.factors[f.index].explanation.status
            let off: Set<Status> = [.notTriggered, .notApplicable]
            if now == .triggered && off.contains(was) { out.newFactors.append(f.index) }
            if was == .triggered && off.contains(now) { out.resolved.append(f.index) }
            if now == .unknown && was == .triggered { out.undeterminedFactors.append(Undetermined(index: f.index, other: was, now: true)) }
            if was == .unknown && now == .triggered { out.undeterminedFactors.append(Undetermined(index: f.index, other: now, now: false)) }
        }
        out.goneCodes = before.groups.filter { code in !book.groups.contains { $0.code == code } }
            + before.factors.filter { p in p.status == .triggered && !book.factors.contains { $0.code == p.code } }.map(\.code)
        // Two factors' targets on one indicator and direction (a threshold and the municipality's
        // mean, say) are one row, as in the plan's table: the stricter one.
        for check in before.targets.map({ check($0, plan: plan, plans: plans, reference: reference) }) {
            guard let i = out.targets.firstIndex(where: { $0.target.indicator == check.target.indicator && $0.target.direction == check.target.direction })
            else { out.targets.append(check); continue }
            if stricter(check, than: out.targets[i]) { out.targets[i] = check }
        }
        return out
    }

    /// A previous target against the current data: the step the previous plan set for the
    /// current data year (the goal once the steps are over); the school's value from the
    /// current rule book's target of the same factor and indicator, else of any factor on
    /// that indicator.
    static func check(_ target: PreviousPlans.Target, plan: SchoolPlan, plans: PlanSet, reference: ReferenceEvaluator) -> TargetCheck {
        let book = plans.book
        guard let indicator = book.indicators.first(where: { $0.code == target.indicator })?.index else {
            return TargetCheck(target: target, indicator: nil, expected: nil, value: nil, outcome: .gone)
        }
        let year = plans.dataYear
        let expected: Double?
        if let step = target.steps.first(where: { $0.year == year }) {
            expected = step.value
        } else if let last = target.steps.map(\.year).max(), year > last {
            expected = target.goal
        } else {
            return TargetCheck(target: target, indicator: indicator, expected: nil, value: nil, outcome: .notDue)
        }
        let declared = book.factors.first { $0.code == target.factor }?.targets.first { $0.indicator == indicator }
            ?? book.factors.lazy.flatMap(\.targets).first { $0.indicator == indicator }
        let value = declared.flatMap { Planner.number(reference.evaluate($0.subject, row: plan.row).value) }
        guard let value, let expected else {
            return TargetCheck(target: target, indicator: indicator, expected: expected, value: value, outcome: .unknown)
        }
        let met = Planner.meets(value, expected, target.direction)
        return TargetCheck(target: target, indicator: indicator, expected: expected, value: value, outcome: met ? .met : .notMet)
    }

    /// Whether `a` asks more than `b` (same indicator and direction): a lower ceiling, a higher
    /// floor; a known value to reach over an unknown one.
    static func stricter(_ a: TargetCheck, than b: TargetCheck) -> Bool {
        guard let x = a.expected else { return false }
        guard let y = b.expected else { return true }
        switch a.target.direction {
        case .atMost: return x < y
        case .atLeast: return x > y
        case .exactly: return false
        }
    }

    // MARK: Counts for the summary

    /// Per group (current rule book order): schools that entered and left.
    public func groupCounts(_ plans: PlanSet) -> [(group: Int, entered: Int, left: Int)] {
        plans.book.groups.map { g in
            (g.index, schools.filter { $0?.entered.contains(g.index) == true }.count,
             schools.filter { $0?.left.contains(g.index) == true }.count)
        }
    }

    /// Per factor with a change: schools where it is new, resolved, undetermined on one side.
    public func factorCounts(_ plans: PlanSet) -> [(factor: Int, new: Int, resolved: Int, undetermined: Int)] {
        plans.book.factors.map { f in
            (f.index, schools.filter { $0?.newFactors.contains(f.index) == true }.count,
             schools.filter { $0?.resolved.contains(f.index) == true }.count,
             schools.filter { $0?.undeterminedFactors.contains { $0.index == f.index } == true }.count)
        }.filter { $0.new + $0.resolved + $0.undetermined > 0 }
    }

    /// Targets of the previous plans by outcome.
    public func targetCount(_ outcome: TargetOutcome) -> Int {
        schools.reduce(0) { $0 + ($1?.targets.filter { $0.outcome == outcome }.count ?? 0) }
    }
}
