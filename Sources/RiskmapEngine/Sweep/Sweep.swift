import RiskmapLanguage
import RiskmapPlatform

/// `riskmap sweep`: the classification of one school year at every point of a grid of one
/// or two parameters' values — per point the number of schools in each group and at each
/// level (with «не определён»), and which schools change between neighbouring points.
///
/// `.incremental` runs the rule book once and, per point, re-evaluates only what the
/// parameters' values change (`IncrementalRun`); `.reference` compiles the rule book with
/// the point's values and runs all of it. The two agree (`SweepDifferentialTests`).
public enum Sweep {
    public enum Mode: Sendable { case incremental, reference }

    /// The sweep of `axes` over `profiles` with `book`, counted in school year `yearIndex`.
    public static func run(_ book: CheckedRuleBook, _ profiles: ProfileSet, yearIndex: Int, axes: [SweepAxis], points: [[Double]],
                           mode: Mode = .incremental, tuning: Tuning = .default) -> SweepResult {
        let rows = profiles.rows(inYear: yearIndex)
        var result = SweepResult(book: book, profiles: profiles, axes: axes, yearIndex: yearIndex, rows: rows)
        let inner = axes.count == 2 ? axes[1].values.count : points.count
        var previous: State?
        var rowStart: State?
        var factors = Set<Int>(), scales = Set<Int>(), groups = Set<Int>()
        evaluate(book, profiles, params: axes.map(\.param), points: points, mode: mode, tuning: tuning) { i, outcome in
            let state = State(outcome, rows: rows)
            result.points.append(SweepResult.Point(values: points[i], groups: state.groupCounts(book), levels: state.levelCounts(book)))
            // The neighbour before: the previous value of the last parameter, or at the start
            // of a row of the grid, the previous value of the first.
            let before = i % inner == 0 ? rowStart : previous
            if let before { result.changes += state.changes(since: before, point: i, from: i % inner == 0 ? i - inner : i - 1, rows: rows) }
            if i % inner == 0 { rowStart = state }
            previous = state
            factors.formUnion(outcome.dependents.factors)
            scales.formUnion(outcome.dependents.scales)
            groups.formUnion(outcome.dependents.groups)
            if outcome.dependents.full { result.fullRuns += 1 }
        }
        result.dependentFactors = factors.sorted()
        result.dependentScales = scales.sorted()
        result.dependentGroups = groups.sorted()
        return result
    }

    /// Calls `body` with every point's results for every row, in the points' order.
    static func evaluate(_ book: CheckedRuleBook, _ profiles: ProfileSet, params: [Int], points: [[Double]], mode: Mode, tuning: Tuning,
                         _ body: (Int, IncrementalRun.Result) -> Void) {
        func program(_ point: [Double]) -> Program {
            var overrides: [String: Double] = [:]
            for (p, v) in zip(params, point) { overrides[book.params[p].code] = v }
            return Program(book: book, paramOverrides: overrides)
        }
        switch mode {
        case .incremental:
            let incremental = IncrementalRun(Executor(Program(book: book), tuning: tuning), profiles: profiles)
            for (i, point) in points.enumerated() { body(i, incremental.run(program(point))) }
        case .reference:
            for (i, point) in points.enumerated() {
                let outcomes = Executor(program(point), tuning: tuning).run(profiles, measures: false)
                var all = IncrementalRun.Dependents()
                all.full = true
                body(i, IncrementalRun.Result(factors: outcomes.factors, levels: outcomes.levels, groups: outcomes.groups, dependents: all))
            }
        }
    }

    /// The groups and levels of the year's rows at one point.
    private struct State {
        /// [group][k]: the status of `rows[k]`.
        var groups: [[Status]]
        /// [scale][k]: the level of `rows[k]`.
        var levels: [[Int16]]

        init(_ outcome: IncrementalRun.Result, rows: [Int]) {
            groups = outcome.groups.map { column in rows.map { column[$0] } }
            levels = outcome.levels.map { column in rows.map { column[$0] } }
        }

        func groupCounts(_ book: CheckedRuleBook) -> [[Int]] {
            groups.map { column in
                var counts = [0, 0, 0]
                for s in column {
                    switch s {
                    case .triggered: counts[0] += 1
                    case .notTriggered, .notApplicable: counts[1] += 1
                    case .unknown: counts[2] += 1
                    }
                }
                return counts
            }
        }

        func levelCounts(_ book: CheckedRuleBook) -> [[Int]] {
            levels.enumerated().map { s, column in
                let n = book.scales[s].levels.count
                var counts = [Int](repeating: 0, count: n + 2)
                for l in column {
                    if l == Outcomes.unknownLevel { counts[n] += 1 } else if l == Outcomes.noLevel || l < 0 || Int(l) >= n { counts[n + 1] += 1 } else { counts[Int(l)] += 1 }
                }
                return counts
            }
        }

        func changes(since before: State, point: Int, from: Int, rows: [Int]) -> [SweepResult.Change] {
            var out: [SweepResult.Change] = []
            for k in rows.indices {
                for g in groups.indices where groups[g][k] != before.groups[g][k] {
                    out.append(.init(point: point, from: from, row: rows[k], kind: .group(g, from: before.groups[g][k], to: groups[g][k])))
                }
                for s in levels.indices where levels[s][k] != before.levels[s][k] {
                    out.append(.init(point: point, from: from, row: rows[k], kind: .level(s, from: before.levels[s][k], to: levels[s][k])))
                }
            }
            return out
        }
    }
}

/// What a sweep found: per grid point the counts, and the changes between neighbours.
public struct SweepResult: Sendable {
    public let book: CheckedRuleBook
    public let profiles: ProfileSet
    public let axes: [SweepAxis]
    public let yearIndex: Int
    /// The year's rows, in input order.
    public let rows: [Int]
    public var points: [Point] = []
    /// In the points' order, then the rows'.
    public var changes: [Change] = []
    /// What the parameters' values changed anywhere on the grid (factors, scales, groups).
    public var dependentFactors: [Int] = []
    public var dependentScales: [Int] = []
    public var dependentGroups: [Int] = []
    /// Points at which the whole rule book was evaluated again.
    public var fullRuns = 0

    init(book: CheckedRuleBook, profiles: ProfileSet, axes: [SweepAxis], yearIndex: Int, rows: [Int]) {
        self.book = book
        self.profiles = profiles
        self.axes = axes
        self.yearIndex = yearIndex
        self.rows = rows
    }

    public struct Point: Sendable, Equatable {
        /// Each axis's value.
        public var values: [Double]
        /// [group]: members, not members, undetermined.
        public var groups: [[Int]]
        /// [scale]: per level, then undetermined, then no level.
        public var levels: [[Int]]
    }

    public struct Change: Sendable, Equatable {
        /// The point where the school's outcome differs from that at `from`.
        public var point: Int
        public var from: Int
        public var row: Int
        public var kind: Kind
    }

    public enum Kind: Sendable, Equatable {
        case group(Int, from: Status, to: Status)
        case level(Int, from: Int16, to: Int16)
    }
}
