import RiskmapLanguage

/// A целевой показатель of a school's plan: one indicator of a triggered factor, its value
/// in the data year (the baseline) and the value to reach by the end of each plan year.
/// The rule book declares the goal (a threshold, the municipality's mean…) and how fast to
/// get there; `Planner` evaluates it for the school.
///
/// Values are numbers in the indicator's kind: a percent in percentage points, a yes/no
/// indicator 1 (да) or 0 (нет), a category the index of its value in the declaration.
public struct FactorTarget: Sendable, Equatable {
    /// Which way the value should go: the rule book's (`<=`, `>=`, `=`).
    public typealias Direction = Target.Direction

    /// The value to reach by the end of one school year.
    public struct Step: Sendable, Equatable {
        public var year: SchoolYear
        /// Nil when it cannot be computed (the baseline or the goal is unknown).
        public var value: Double?
    }

    public var factor: Int
    /// Index into the rule book's indicators.
    public var indicator: Int
    public var direction: Direction
    /// The school's value in `baselineYear`; nil when the data is missing (the plan then
    /// says which data to supply, never that the target is met).
    public var baseline: Double?
    public var baselineYear: SchoolYear
    /// The goal the rule book declares, evaluated for the school (nil when unknown).
    public var goal: Double?
    /// From the plan year on, one step per year until the goal.
    public var steps: [Step]
    /// Who answers for the target (the rule book's role, resolved through the directory).
    public var responsible: [String]

    public init(factor: Int, indicator: Int, direction: Direction, baseline: Double?, baselineYear: SchoolYear,
                goal: Double?, steps: [Step], responsible: [String]) {
        self.factor = factor
        self.indicator = indicator
        self.direction = direction
        self.baseline = baseline
        self.baselineYear = baselineYear
        self.goal = goal
        self.steps = steps
        self.responsible = responsible
    }
}
