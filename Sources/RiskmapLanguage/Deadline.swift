/// A deadline as written in the rule book; resolved against the school year of a plan
/// (`ResolvedDeadline` in the engine).
public enum Deadline: Sendable, Equatable {
    /// `октябрь`, `15 октября`.
    case month(Month, day: Int?)
    /// `15.10.2026`, `2026-10-15`: independent of the school year.
    case date(year: Int, month: Int, day: Int)
    /// `квартал 1`: a calendar quarter.
    case quarter(Int)
    /// `сентябрь–октябрь`, `с 1 сентября по 15 октября`: a span of the school year.
    case range(from: MonthDay, to: MonthDay)
    /// `ежемесячно`, `ежеквартально`, `2 раза в год`, …: how often during the school year.
    case frequency(Frequency)
    case annually
    case duringYear
    case text(String)
}

/// A month with an optional day: one end of a deadline range.
public struct MonthDay: Sendable, Equatable {
    public var month: Month
    public var day: Int?

    public init(_ month: Month, day: Int? = nil) {
        self.month = month
        self.day = day
    }

    /// The month's place in the school year: September 0 … August 11.
    public var schoolYearOrder: Int { (month.rawValue + 3) % 12 }
}

extension Deadline {
    /// Where a range's ends fall in the school year. A range runs forward through the
    /// school year (September to August): `сентябрь–октябрь`, `ноябрь–февраль`. One that
    /// starts in the summer (June–August) and ends in September–December starts in the
    /// summer before the school year (`август–сентябрь`, the preparation for it). Any other
    /// range whose end comes before its start is reversed (`октябрь–сентябрь`).
    public enum RangePlacement: Sendable, Equatable {
        case withinYear
        case fromSummerBefore
        case reversed
    }

    public static func placement(from: MonthDay, to: MonthDay) -> RangePlacement {
        let start = (from.schoolYearOrder, from.day ?? 1)
        let end = (to.schoolYearOrder, to.day ?? 31)
        if start <= end { return .withinYear }
        if (6...8).contains(from.month.rawValue), (9...12).contains(to.month.rawValue) { return .fromSummerBefore }
        return .reversed
    }
}

/// How often a measure recurs during the school year.
public enum Frequency: Sendable, Equatable {
    /// `ежемесячно` / `monthly`.
    case monthly
    /// `ежеквартально` / `quarterly`.
    case quarterly
    /// `2 раза в год`, `1 раз в четверть` / `2 times a year`, `1 time a term`.
    case times(Int, per: FrequencyPeriod)

    /// Occurrences in a school year, for ordering (more frequent first).
    public var perYear: Int {
        switch self {
        case .monthly: return 12
        case .quarterly: return 4
        case .times(let n, let period): return n * period.perYear
        }
    }
}

/// The period of `N раз в …`.
public enum FrequencyPeriod: String, Sendable, CaseIterable {
    case year, term, quarter, month

    public var perYear: Int {
        switch self {
        case .year: return 1
        case .term, .quarter: return 4
        case .month: return 12
        }
    }
}

/// Words that only have a meaning inside a deadline (`срок`), like month names: they are
/// not reserved, so a rule book may still use them as codes. Matched case-insensitively.
public enum DeadlineWord: String, Sendable, CaseIterable {
    /// `раз`, `раза` / `time`, `times` in `2 раза в год`.
    case times
    /// English `a`, `per` in `2 times a year` (Russian uses the keyword `в`).
    case per
    /// `четверть` / `term`: a school term.
    case term
    /// `месяц` / `month`.
    case month
    /// `с` / `from` in `с 1 сентября по 15 октября`.
    case from
    /// English `to` (Russian uses the keyword `по`).
    case to

    public func spellings(_ lang: Lang) -> [String] {
        switch (self, lang) {
        case (.times, .ru): return ["раз", "раза"]
        case (.times, .en): return ["times", "time"]
        case (.per, .ru): return []
        case (.per, .en): return ["a", "per"]
        case (.term, .ru): return ["четверть", "четверти"]
        case (.term, .en): return ["term"]
        case (.month, .ru): return ["месяц"]
        case (.month, .en): return ["month"]
        case (.from, .ru): return ["с"]
        case (.from, .en): return ["from"]
        case (.to, .ru): return []
        case (.to, .en): return ["to"]
        }
    }

    public static func match(_ word: String) -> (DeadlineWord, Lang)? {
        let lowered = word.lowercased()
        for lang in [Lang.en, Lang.ru] {
            for w in DeadlineWord.allCases where w.spellings(lang).contains(lowered) { return (w, lang) }
        }
        return nil
    }
}
