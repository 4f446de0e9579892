import RiskmapLanguage

/// A deadline resolved against the school year a plan is for: «октябрь» in 2026/27 is
/// 31.10.2026 (September–December belong to the first calendar year of the school year,
/// January–August to the second); a quarter ends on its last day; «ежегодно», «в течение
/// года» and free text are kept as text and sort after dated deadlines.
public struct ResolvedDeadline: Sendable, Equatable {
    /// The date, if the deadline has one.
    public var date: (year: Int, month: Int, day: Int)?
    /// What a plan shows: `31.10.2026`, «ежегодно», «по графику РМО», …
    public var text: String
    /// Orders deadlines: dated ones by date, then «в течение года»/«ежегодно», then text, then none.
    public var sortKey: Int

    public static func == (a: ResolvedDeadline, b: ResolvedDeadline) -> Bool {
        a.text == b.text && a.sortKey == b.sortKey
    }

    public static func resolve(_ deadline: Deadline?, in year: SchoolYear, lang: Lang) -> ResolvedDeadline {
        guard let deadline else {
            return ResolvedDeadline(date: nil, text: lang == .ru ? "срок не указан" : "no deadline", sortKey: Int.max)
        }
        switch deadline {
        case .month(let month, let day):
            let y = month.rawValue >= 9 ? year.start : year.start + 1
            return dated(y, month.rawValue, day ?? DateParts.daysIn(month: month.rawValue, year: y))
        case .date(let y, let m, let d):
            return dated(y, m, d)
        case .quarter(let q):
            // Calendar quarters of the school year: III and IV fall in the first calendar year.
            let lastMonth = q * 3
            let y = lastMonth >= 9 ? year.start : year.start + 1
            return dated(y, lastMonth, DateParts.daysIn(month: lastMonth, year: y))
        case .annually:
            return ResolvedDeadline(date: nil, text: lang == .ru ? "ежегодно" : "annually", sortKey: endOfYearKey(year) + 1)
        case .duringYear:
            return ResolvedDeadline(date: nil, text: lang == .ru ? "в течение \(year) учебного года" : "during the \(year) school year",
                                    sortKey: endOfYearKey(year))
        case .text(let t):
            return ResolvedDeadline(date: nil, text: t, sortKey: endOfYearKey(year) + 2)
        }
    }

    static func dated(_ y: Int, _ m: Int, _ d: Int) -> ResolvedDeadline {
        ResolvedDeadline(date: (y, m, d), text: format(y, m, d), sortKey: y * 10_000 + m * 100 + d)
    }

    static func endOfYearKey(_ year: SchoolYear) -> Int { (year.start + 1) * 10_000 + 831 }

    /// `дд.мм.гггг`
    public static func format(_ y: Int, _ m: Int, _ d: Int) -> String {
        (d < 10 ? "0" : "") + "\(d)." + (m < 10 ? "0" : "") + "\(m).\(y)"
    }
}
