import RiskmapLanguage

/// A deadline resolved against the school year a plan is for: «октябрь» in 2026/27 is
/// 31.10.2026 (September–December belong to the first calendar year of the school year,
/// January–August to the second); a quarter ends on its last day; a range
/// («сентябрь–октябрь») runs from the first day of its first month to the last day of its
/// last; a frequency («ежеквартально», «2 раза в год») and «в течение года» name the
/// school year; «ежегодно» and free text are kept as text.
public struct ResolvedDeadline: Sendable, Equatable {
    public typealias Day = (year: Int, month: Int, day: Int)

    /// The values, shared: a measure's deadline is resolved once per run and copied into the
    /// plan line of every school that gets the measure (20,000 schools × ~67 lines), so each
    /// copy is one reference, not ~120 bytes of its own.
    private final class Storage: Sendable {
        let date: Day?
        let until: Day?
        let frequency: Frequency?
        let text: String
        let sortKey: DeadlineOrder

        init(date: Day?, until: Day?, frequency: Frequency?, text: String, sortKey: DeadlineOrder) {
            self.date = date
            self.until = until
            self.frequency = frequency
            self.text = text
            self.sortKey = sortKey
        }
    }

    private let storage: Storage

    /// The date, if the deadline has one; a range's first day.
    public var date: Day? { storage.date }
    /// A range's last day.
    public var until: Day? { storage.until }
    /// How often, for a frequency.
    public var frequency: Frequency? { storage.frequency }
    /// What a plan shows: `31.10.2026`, «сентябрь–октябрь 2026 г.», «ежегодно», «по графику РМО», …
    public var text: String { storage.text }
    /// Orders deadlines: see `DeadlineOrder`.
    public var sortKey: DeadlineOrder { storage.sortKey }

    init(date: Day? = nil, until: Day? = nil, frequency: Frequency? = nil, text: String, sortKey: DeadlineOrder) {
        storage = Storage(date: date, until: until, frequency: frequency, text: text, sortKey: sortKey)
    }

    public static func == (a: ResolvedDeadline, b: ResolvedDeadline) -> Bool {
        a.text == b.text && a.sortKey == b.sortKey
    }

    public static func resolve(_ deadline: Deadline?, in year: SchoolYear, lang: Lang) -> ResolvedDeadline {
        let words = DeadlineText(lang)
        guard let deadline else {
            return ResolvedDeadline(text: words.none, sortKey: DeadlineOrder(.none))
        }
        switch deadline {
        case .month(let month, let day):
            let y = calendarYear(month.rawValue, in: year)
            return dated(y, month.rawValue, ResolvedDeadline.day(day, month.rawValue, y))
        case .date(let y, let m, let d):
            return dated(y, m, d)
        case .quarter(let q):
            // Calendar quarters of the school year: III and IV fall in the first calendar year.
            let lastMonth = q * 3
            let y = calendarYear(lastMonth, in: year)
            return dated(y, lastMonth, DateParts.daysIn(month: lastMonth, year: y))
        case .range(let from, let to):
            var startYear = calendarYear(from.month.rawValue, in: year)
            let endYear = calendarYear(to.month.rawValue, in: year)
            if Deadline.placement(from: from, to: to) == .fromSummerBefore { startYear = year.start }
            let start = (startYear, from.month.rawValue, from.day.map { day($0, from.month.rawValue, startYear) } ?? 1)
            let end = (endYear, to.month.rawValue, day(to.day, to.month.rawValue, endYear))
            let text = from.day == nil && to.day == nil
                ? words.months(from.month, startYear, to.month, endYear)
                : format(start.0, start.1, start.2) + "–" + format(end.0, end.1, end.2)
            return ResolvedDeadline(date: start, until: end, text: text,
                                    sortKey: DeadlineOrder(.dated, key: dateKey(start.0, start.1, start.2)))
        case .frequency(let f):
            return ResolvedDeadline(frequency: f, text: words.frequency(f, year),
                                    sortKey: DeadlineOrder(.frequency, key: -f.perYear * 10 + periodRank(f)))
        case .annually:
            return ResolvedDeadline(text: words.annually, sortKey: DeadlineOrder(.annually))
        case .duringYear:
            return ResolvedDeadline(text: words.duringYear(year), sortKey: DeadlineOrder(.duringYear))
        case .text(let t):
            return ResolvedDeadline(text: t, sortKey: DeadlineOrder(.text))
        }
    }

    /// September–December: the school year's first calendar year; January–August: its second.
    static func calendarYear(_ month: Int, in year: SchoolYear) -> Int {
        month >= 9 ? year.start : year.start + 1
    }

    /// The day written, or the month's last; «29 февраля» in a year without one is the 28th.
    static func day(_ written: Int?, _ month: Int, _ year: Int) -> Int {
        let last = DateParts.daysIn(month: month, year: year)
        return min(written ?? last, last)
    }

    /// Among frequencies as often as each other, the shorter period first (monthly before
    /// 3 times a quarter).
    static func periodRank(_ f: Frequency) -> Int {
        switch f {
        case .monthly: return 0
        case .quarterly: return 2
        case .times(_, let period):
            switch period {
            case .month: return 1
            case .term: return 3
            case .quarter: return 4
            case .year: return 5
            }
        }
    }

    static func dated(_ y: Int, _ m: Int, _ d: Int) -> ResolvedDeadline {
        ResolvedDeadline(date: (y, m, d), text: format(y, m, d), sortKey: DeadlineOrder(.dated, key: dateKey(y, m, d)))
    }

    static func dateKey(_ y: Int, _ m: Int, _ d: Int) -> Int { y * 10_000 + m * 100 + d }

    /// `дд.мм.гггг`
    public static func format(_ y: Int, _ m: Int, _ d: Int) -> String {
        (d < 10 ? "0" : "") + "\(d)." + (m < 10 ? "0" : "") + "\(m).\(y)"
    }
}
