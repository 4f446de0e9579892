/// How plans and roadmaps order their measures by deadline: dated deadlines by date (a
/// range by its first day), then «в течение года», then frequencies (the more frequent
/// first), then «ежегодно», then free text, then measures without a deadline. Ties keep
/// the rule-book order (the planner sorts stably).
public struct DeadlineOrder: Sendable, Equatable, Comparable {
    public enum Tier: Int, Sendable, Comparable {
        case dated, duringYear, frequency, annually, text, none

        public static func < (a: Tier, b: Tier) -> Bool { a.rawValue < b.rawValue }
    }

    public var tier: Tier
    /// Within a tier: the date as `yyyymmdd`, or a frequency's rank.
    public var key: Int

    public init(_ tier: Tier, key: Int = 0) {
        self.tier = tier
        self.key = key
    }

    public static func < (a: DeadlineOrder, b: DeadlineOrder) -> Bool { (a.tier, a.key) < (b.tier, b.key) }
}
