import RiskmapLanguage

/// The outcome of one factor (or group) for one school-year.
public enum Status: UInt8, Sendable {
    case notTriggered = 0
    case triggered = 1
    /// The condition depends on missing data: «не определён».
    case unknown = 2
    /// `applies when` was false: «не применяется».
    case notApplicable = 3

    /// The status as a condition in later stages: 1 triggered, 0 not triggered or not
    /// applicable, NaN unknown.
    @inline(__always)
    public var conditionValue: Double {
        switch self {
        case .triggered: return 1
        case .notTriggered, .notApplicable: return 0
        case .unknown: return .nan
        }
    }

    /// The status of a condition's value (1 true, NaN unknown, anything else false).
    @inline(__always)
    public init(condition v: Double) {
        self = v.isNaN ? .unknown : (v == 1 ? .triggered : .notTriggered)
    }
}

/// What a run of a `Program` over a `ProfileSet` decided, for every row, column by
/// column; immutable. Explanations, examples, plans and reports read these and the
/// program; none of them evaluates anything fast.
public struct Outcomes: Sendable {
    public let program: Program
    public let profiles: ProfileSet
    /// [factor][row]
    public let factors: [[Status]]
    /// [scale][row]: the level index; `Outcomes.unknownLevel` or `Outcomes.noLevel` otherwise.
    public let levels: [[Int16]]
    /// [group][row]: triggered (member), notTriggered or unknown.
    public let groups: [[Status]]
    /// [measure][row]: the measure belongs in the school's plan (empty when the run left
    /// the measures out: `Executor.run(_:measures: false)`).
    public let measures: [[Bool]]
    /// [cohort slot][row]: the cohort functions' values (NaN: unknown).
    let cohortValues: [[Double]]

    public static let unknownLevel: Int16 = -1
    public static let noLevel: Int16 = -2

    public var book: CheckedRuleBook { program.book }
    /// Parameter values used (the rule book's, or overrides).
    public var params: [Double] { program.params }

    public func triggeredFactors(row: Int) -> [Int] {
        factors.indices.filter { factors[$0][row] == .triggered }
    }

    /// The value the cohort function node `e` (of this rule book) took for `row`: NaN
    /// when unknown, or when the run did not evaluate that node (a measure's condition in
    /// a run without measures).
    public func cohortValue(_ e: RExpr, row: Int) -> Double {
        guard let slot = program.cohortSlots[e.id], slot < cohortValues.count, row < cohortValues[slot].count else { return .nan }
        return cohortValues[slot][row]
    }
}
