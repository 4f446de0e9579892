import RiskmapLanguage

/// How much of a school year's data the rule book could use: the share of factor results
/// (every factor of every school with a row that year) that are decided, not «не определён».
/// A plan made from a sparse year looks like good news (few factors fire because few can
/// be decided), so the summary and the command line name a year with more data.
public struct YearCoverage: Sendable, Equatable {
    public var year: SchoolYear
    /// Schools with a row in the year.
    public var schools: Int
    /// Decided factor results ÷ all factor results, 0…1 (0 when the year has no rows).
    public var decided: Double

    /// Every school year of the data, in order.
    public static func of(_ outcomes: Outcomes) -> [YearCoverage] {
        let profiles = outcomes.profiles
        let factors = outcomes.book.factors.count
        return profiles.years.indices.map { y in
            let rows = profiles.rows(inYear: y)
            var known = 0
            for f in 0..<factors {
                let column = outcomes.factors[f]
                for row in rows where column[row] != .unknown { known += 1 }
            }
            let total = rows.count * factors
            return YearCoverage(year: profiles.years[y], schools: rows.count, decided: total == 0 ? 0 : Double(known) / Double(total))
        }
    }

    /// A year with clearly more decided factors than `chosen` (at least 20 points more
    /// and one and a half times as many), the best such one (the latest on a tie); nil
    /// when `chosen` is as good as any.
    public static func better(than chosen: SchoolYear, in coverage: [YearCoverage]) -> YearCoverage? {
        guard let mine = coverage.first(where: { $0.year == chosen }) else { return nil }
        let best = coverage.filter { $0.year != chosen }.max { ($0.decided, $0.year.start) < ($1.decided, $1.year.start) }
        guard let best, best.decided - mine.decided >= 0.2, best.decided >= mine.decided * 1.5 else { return nil }
        return best
    }
}
