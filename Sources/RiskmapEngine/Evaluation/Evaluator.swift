import RiskmapLanguage

/// The outcome of one factor (or group) for one school-year.
public enum Status: UInt8, Sendable {
    case notTriggered = 0
    case triggered = 1
    /// The condition depends on missing data: «не определён».
    case unknown = 2
    /// `applies when` was false: «не применяется».
    case notApplicable = 3
}

/// Results for every row of a `ProfileSet`, stored column by column.
public struct Evaluation: Sendable {
    public let book: CheckedRuleBook
    public let profiles: ProfileSet
    /// Parameter values used (the rule book's, or overrides).
    public let params: [Double]
    /// [factor][row]
    public let factors: [[Status]]
    /// [scale][row]: the level index; `Evaluation.unknownLevel` or `Evaluation.noLevel` otherwise.
    public let levels: [[Int16]]
    /// [group][row]: triggered (member), notTriggered or unknown.
    public let groups: [[Status]]
    /// [measure][row]: the measure belongs in the school's plan.
    public let measures: [[Bool]]

    public static let unknownLevel: Int16 = -1
    public static let noLevel: Int16 = -2

    public func triggeredFactors(row: Int) -> [Int] {
        factors.indices.filter { factors[$0][row] == .triggered }
    }
}

/// Compiles a checked rule book into closures over columnar profiles and evaluates it.
/// Stages run in dependency order (factors → scales → groups → measures); each stage's
/// cohort statistics (percentile, mean, median, rank) are computed once per school year
/// before the stage runs. Three-valued logic is encoded in `Double`: 1 true, 0 false,
/// NaN unknown — the same NaN that marks a missing value, so unknown propagates for free.
public final class Evaluator: @unchecked Sendable {
    typealias Fn = (Int) -> Double

    private struct CohortSpec {
        var function: CohortFunction
        var argument: Fn
        var parameter: Double?
        var partition: CohortPartition?
    }

    public let book: CheckedRuleBook
    public let profiles: ProfileSet
    private let params: [Double]
    private var factorStatus: [[Status]] = []
    private var levelIndex: [[Int16]] = []
    private var groupStatus: [[Status]] = []
    private var cohortValues: [[Double]] = []
    private var pendingCohorts: [(Int, CohortSpec)] = []
    /// Cohort nodes by source position, so explanations can show their values.
    private var cohortIDs: [CohortNodeKey: Int] = [:]

    private struct CohortNodeKey: Hashable {
        var path: String
        var start: Int
        var end: Int

        init(_ e: RExpr) {
            path = e.range.file.path
            start = e.range.start
            end = e.range.end
        }
    }

    /// The value a cohort function node took for a row (NaN if unknown).
    public func cohortValue(_ e: RExpr, row: Int) -> Double {
        guard let id = cohortIDs[CohortNodeKey(e)], id < cohortValues.count, row < cohortValues[id].count else { return .nan }
        return cohortValues[id][row]
    }

    public init(book: CheckedRuleBook, profiles: ProfileSet, paramOverrides: [String: Double] = [:]) {
        self.book = book
        self.profiles = profiles
        self.params = book.params.map { paramOverrides[$0.code] ?? $0.value }
    }

    public func run() -> Evaluation {
        let rows = profiles.rowCount

        // Stage 1: factors.
        let factorFns = book.factors.map { f in (f.applies.map(compile), compile(f.condition)) }
        computePendingCohorts()
        factorStatus = factorFns.map { applies, when in
            var column = [Status](repeating: .notTriggered, count: rows)
            for r in 0..<rows { column[r] = Evaluator.status(applies: applies?(r), when: when, row: r) }
            return column
        }

        // Stage 2: scales (first matching level wins; an undecided earlier level makes the level unknown).
        let scaleFns = book.scales.map { s in s.levels.map { $0.condition.map(compile) } }
        computePendingCohorts()
        levelIndex = []
        for levels in scaleFns {
            var column = [Int16](repeating: Evaluation.noLevel, count: rows)
            for r in 0..<rows {
                var result = Evaluation.noLevel
                for (i, condition) in levels.enumerated() {
                    guard let condition else { result = Int16(i); break }
                    let v = condition(r)
                    if v.isNaN { result = Evaluation.unknownLevel; break }
                    if v == 1 { result = Int16(i); break }
                }
                column[r] = result
            }
            levelIndex.append(column)
        }

        // Stage 3: groups.
        let groupFns = book.groups.map { compile($0.condition) }
        computePendingCohorts()
        groupStatus = groupFns.map { fn in
            var column = [Status](repeating: .notTriggered, count: rows)
            for r in 0..<rows { column[r] = Evaluator.status(fn(r)) }
            return column
        }

        // Stage 4: measures: a measure belongs in a plan when a factor it addresses is
        // triggered and its `only when` condition holds.
        let measureFns = book.measures.map { m in m.onlyWhen.map(compile) }
        computePendingCohorts()
        var measures: [[Bool]] = []
        for (m, onlyWhen) in zip(book.measures, measureFns) {
            var column = [Bool](repeating: false, count: rows)
            for r in 0..<rows {
                guard m.addresses.contains(where: { factorStatus[$0][r] == .triggered }) else { continue }
                column[r] = onlyWhen.map { $0(r) == 1 } ?? true
            }
            measures.append(column)
        }

        return Evaluation(book: book, profiles: profiles, params: params, factors: factorStatus,
                          levels: levelIndex, groups: groupStatus, measures: measures)
    }

    @inline(__always)
    static func status(_ v: Double) -> Status {
        v.isNaN ? .unknown : (v == 1 ? .triggered : .notTriggered)
    }

    @inline(__always)
    static func status(applies: Double?, when: Fn, row: Int) -> Status {
        if let a = applies {
            if a.isNaN { return .unknown }
            if a == 0 { return .notApplicable }
        }
        return status(when(row))
    }

    // MARK: - Compilation

    func compile(_ e: RExpr) -> Fn {
        switch e.node {
        case .number(let v, _):
            return { _ in v }
        case .boolean(let b):
            let v: Double = b ? 1 : 0
            return { _ in v }
        case .text:
            // Only meaningful in a comparison with a text indicator (handled there).
            return { _ in .nan }
        case .categoryValue(let i), .levelValue(let i):
            let v = Double(i)
            return { _ in v }
        case .indicator(let i):
            let column = profiles.columns[i]
            return { r in column[r] }
        case .param(let i):
            let v = params[i]
            return { _ in v }
        case .factor(let i):
            return { [unowned self] r in
                switch self.factorStatus[i][r] {
                case .triggered: return 1
                case .notTriggered, .notApplicable: return 0
                case .unknown: return .nan
                }
            }
        case .scaleLevel(let s):
            return { [unowned self] r in
                let level = self.levelIndex[s][r]
                return level == Evaluation.unknownLevel ? .nan : Double(level)
            }
        case .group(let g):
            return { [unowned self] r in
                switch self.groupStatus[g][r] {
                case .triggered: return 1
                case .notTriggered, .notApplicable: return 0
                case .unknown: return .nan
                }
            }
        case .negate(let x):
            let f = compile(x)
            return { r in -f(r) }
        case .arithmetic(let op, let a, let b):
            let fa = compile(a), fb = compile(b)
            switch op {
            case .add: return { r in fa(r) + fb(r) }
            case .subtract: return { r in fa(r) - fb(r) }
            case .multiply: return { r in fa(r) * fb(r) }
            case .divide:
                return { r in
                    let d = fb(r)
                    return d == 0 ? .nan : fa(r) / d
                }
            }
        case .comparison(let op, let a, let b):
            let (fa, fb) = compileOperands(a, b)
            switch op {
            case .less: return { r in let x = fa(r), y = fb(r); return x.isNaN || y.isNaN ? .nan : (x < y ? 1 : 0) }
            case .lessEqual: return { r in let x = fa(r), y = fb(r); return x.isNaN || y.isNaN ? .nan : (x <= y ? 1 : 0) }
            case .greater: return { r in let x = fa(r), y = fb(r); return x.isNaN || y.isNaN ? .nan : (x > y ? 1 : 0) }
            case .greaterEqual: return { r in let x = fa(r), y = fb(r); return x.isNaN || y.isNaN ? .nan : (x >= y ? 1 : 0) }
            case .equal: return { r in let x = fa(r), y = fb(r); return x.isNaN || y.isNaN ? .nan : (x == y ? 1 : 0) }
            case .notEqual: return { r in let x = fa(r), y = fb(r); return x.isNaN || y.isNaN ? .nan : (x != y ? 1 : 0) }
            }
        case .and(let a, let b):
            let fa = compile(a), fb = compile(b)
            return { r in
                let x = fa(r)
                if x == 0 { return 0 }
                let y = fb(r)
                if y == 0 { return 0 }
                return x.isNaN || y.isNaN ? .nan : 1
            }
        case .or(let a, let b):
            let fa = compile(a), fb = compile(b)
            return { r in
                let x = fa(r)
                if x == 1 { return 1 }
                let y = fb(r)
                if y == 1 { return 1 }
                return x.isNaN || y.isNaN ? .nan : 0
            }
        case .not(let x):
            let f = compile(x)
            return { r in 1 - f(r) }
        case .membership(let x, let items, let negated):
            let fx = compile(x)
            let fs = items.map { item in compileOperands(x, item).1 }
            return { r in
                let v = fx(r)
                if v.isNaN { return .nan }
                var unknown = false
                for f in fs {
                    let w = f(r)
                    if w.isNaN { unknown = true } else if w == v { return negated ? 0 : 1 }
                }
                return unknown ? .nan : (negated ? 1 : 0)
            }
        case .known(let x):
            let f = compile(x)
            return { r in f(r).isNaN ? 0 : 1 }
        case .missing(let x):
            let f = compile(x)
            return { r in f(r).isNaN ? 1 : 0 }
        case .previous(let x, let years):
            let f = compile(x)
            let profiles = self.profiles
            return { r in
                guard let earlier = profiles.row(r, yearsBack: years) else { return .nan }
                return f(earlier)
            }
        case .change(let x):
            let f = compile(x)
            let profiles = self.profiles
            return { r in
                guard let earlier = profiles.row(r, yearsBack: 1) else { return .nan }
                return f(r) - f(earlier)
            }
        case .cohort(let function, let argument, let parameter, let partition):
            let id = cohortValues.count + pendingCohorts.count
            cohortIDs[CohortNodeKey(e)] = id
            pendingCohorts.append((id, CohortSpec(function: function, argument: compile(argument), parameter: parameter, partition: partition)))
            return { [unowned self] r in self.cohortValues[id][r] }
        case .countTriggered:
            return { [unowned self] r in
                var n = 0
                for column in self.factorStatus where column[r] == .triggered { n += 1 }
                return Double(n)
            }
        case .persistence(let x, let years):
            let f = compile(x)
            let profiles = self.profiles
            return { r in
                var unknown = false
                for back in 0..<years {
                    guard let earlier = profiles.row(r, yearsBack: back) else { unknown = true; continue }
                    let v = f(earlier)
                    if v == 0 { return 0 }
                    if v.isNaN { unknown = true }
                }
                return unknown ? .nan : 1
            }
        }
    }

    /// Compiles both sides of a comparison; a text literal compared with a text indicator
    /// becomes that indicator's interned value.
    private func compileOperands(_ a: RExpr, _ b: RExpr) -> (Fn, Fn) {
        func textSide(_ literal: RExpr, _ other: RExpr) -> Fn? {
            guard case .text(let s) = literal.node, let i = other.textIndicator else { return nil }
            let list = profiles.texts[i] ?? []
            let v = list.firstIndex(of: s).map(Double.init) ?? -1
            return { _ in v }
        }
        let fa = textSide(a, b) ?? compile(a)
        let fb = textSide(b, a) ?? compile(b)
        return (fa, fb)
    }

    // MARK: - Cohorts

    private func computePendingCohorts() {
        let pending = pendingCohorts
        pendingCohorts = []
        for (id, spec) in pending {
            while cohortValues.count <= id { cohortValues.append([]) }
            cohortValues[id] = cohort(spec)
        }
    }

    /// Evaluates a cohort function for every row: the statistic over all rows of the same
    /// school year (and the same partition value), ignoring missing values, as Excel does.
    private func cohort(_ spec: CohortSpec) -> [Double] {
        let rows = profiles.rowCount
        var result = [Double](repeating: .nan, count: rows)
        let argument = (0..<rows).map { spec.argument($0) }
        // Group rows by (year, partition key).
        var groups: [CohortKey: [Int]] = [:]
        for r in 0..<rows {
            let key: Double
            switch spec.partition {
            case nil: key = 0
            case .municipality?: key = Double(profiles.schoolMunicipality[Int(profiles.rowSchool[r])])
            case .indicator(let i)?: key = profiles.columns[i][r]
            }
            if key.isNaN { continue }
            groups[CohortKey(year: profiles.rowYear[r], key: key), default: []].append(r)
        }
        for (_, members) in groups {
            let values = members.map { argument[$0] }.filter { !$0.isNaN }.sorted()
            guard !values.isEmpty else { continue }
            switch spec.function {
            case .mean:
                let mean = values.reduce(0, +) / Double(values.count)
                for r in members { result[r] = mean }
            case .median:
                let v = CohortStatistics.percentileInclusive(values, 50)
                for r in members { result[r] = v }
            case .percentile:
                let v = CohortStatistics.percentileInclusive(values, spec.parameter ?? 50)
                for r in members { result[r] = v }
            case .rank:
                for r in members where !argument[r].isNaN {
                    result[r] = Double(CohortStatistics.rankDescending(values, argument[r]))
                }
            }
        }
        return result
    }

    private struct CohortKey: Hashable {
        var year: Int32
        var key: Double
    }
}

extension RExpr {
    /// The text indicator whose interned values this expression yields (`note`,
    /// `previous(note)`), so a text literal compared with it can be interned the same way.
    var textIndicator: Int? {
        switch node {
        case .indicator(let i): return i
        case .previous(let x, _): return x.textIndicator
        default: return nil
        }
    }
}

/// The spreadsheet statistics the cohort functions reproduce.
public enum CohortStatistics {
    /// Excel `PERCENTILE.INC(values, p/100)` on sorted values.
    public static func percentileInclusive(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let h = Double(sorted.count - 1) * p / 100
        let lower = Int(h.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (h - Double(lower)) * (sorted[upper] - sorted[lower])
    }

    /// Excel `RANK.EQ(value, values, 0)`: 1 + the number of values greater than `value`.
    public static func rankDescending(_ sorted: [Double], _ value: Double) -> Int {
        // Binary search for the first element greater than value.
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] <= value { low = mid + 1 } else { high = mid }
        }
        return 1 + (sorted.count - low)
    }
}
