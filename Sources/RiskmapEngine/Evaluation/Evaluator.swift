import Dispatch
import Foundation
import RiskmapLanguage
import RiskmapPlatform

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
    /// [measure][row]: the measure belongs in the school's plan (empty when the run left
    /// the measures out: `Evaluator.run(measures: false)`).
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
        /// The indicator when the argument is a plain indicator (then the sorted values and
        /// the result are shared with other cohort nodes over the same indicator).
        var argumentIndicator: Int?
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

    /// Threads used by `run()` for large inputs (row blocks evaluated concurrently; the
    /// results do not depend on it). Default: `RISKMAP_THREADS`, else the active cores.
    public var threadCount: Int = Evaluator.defaultThreadCount

    public static let defaultThreadCount = ThreadCount.available

    /// Rows per vector step (every compiled node works on this many rows at a time).
    static let chunk = 256
    /// Rows per unit of parallel work.
    static let blockRows = 16_384

    /// Evaluates every row: factors, scale levels, groups and, unless `measures` is false
    /// (classification needs no plans), the measures.
    public func run(measures includeMeasures: Bool = true) -> Evaluation {
        precondition(book.indicatorsRead(includingMeasures: includeMeasures).allSatisfy { profiles.columns.isStored[$0] },
                     "the profiles were loaded without indicators this run reads")
        let chunk = Evaluator.chunk

        // Stage 1: factors.
        let factorFns = book.factors.map { f in (f.applies.map(vcompile), vcompile(f.condition)) }
        factorStatus = stage(factorFns.count, initial: .notTriggered,
                             depth: factorFns.map { max($0.0?.depth ?? 0, $0.1.depth) }.max() ?? 0) { factorOut, start, count, arena in
            let a = arena, w = arena + chunk, scratch = arena + 2 * chunk
            for (i, (applies, when)) in factorFns.enumerated() {
                let out = factorOut[i] + start
                when.with(start, count, w, scratch) { pw in Evaluator.statuses(pw, out, count) }
                if let applies {
                    applies.with(start, count, a, scratch) { pa in
                        for k in 0..<count where pa[k].isNaN || pa[k] == 0 {
                            out[k] = pa[k].isNaN ? .unknown : .notApplicable
                        }
                    }
                }
            }
        }

        // Stage 2: scales (first matching level wins; an undecided earlier level makes the level unknown).
        let scaleFns = book.scales.map { s in s.levels.map { $0.condition.map(vcompile) } }
        let undecided = Int16.min
        levelIndex = stage(scaleFns.count, initial: undecided,
                           depth: scaleFns.flatMap { $0.map { $0?.depth ?? 0 } }.max() ?? 0) { levelOut, start, count, arena in
            let v = arena, scratch = arena + 2 * chunk
            for (s, levels) in scaleFns.enumerated() {
                let out = levelOut[s] + start
                var open = count
                for (i, condition) in levels.enumerated() where open > 0 {
                    guard let condition else {
                        for k in 0..<count where out[k] == undecided { out[k] = Int16(i) }
                        open = 0
                        break
                    }
                    condition.with(start, count, v, scratch) { pv in
                        for k in 0..<count where out[k] == undecided {
                            let x = pv[k]
                            if x.isNaN { out[k] = Evaluation.unknownLevel; open -= 1 }
                            else if x == 1 { out[k] = Int16(i); open -= 1 }
                        }
                    }
                }
                if open > 0 {
                    for k in 0..<count where out[k] == undecided { out[k] = Evaluation.noLevel }
                }
            }
        }

        // Stage 3: groups.
        let groupFns = book.groups.map { vcompile($0.condition) }
        groupStatus = stage(groupFns.count, initial: .notTriggered, depth: groupFns.map(\.depth).max() ?? 0) { groupOut, start, count, arena in
            for (g, fn) in groupFns.enumerated() {
                let out = groupOut[g] + start
                fn.with(start, count, arena, arena + 2 * chunk) { pv in Evaluator.statuses(pv, out, count) }
            }
        }

        // Stage 4: measures: a measure belongs in a plan when a factor it addresses is
        // triggered and its `only when` condition holds.
        guard includeMeasures else {
            return Evaluation(book: book, profiles: profiles, params: params, factors: factorStatus,
                              levels: levelIndex, groups: groupStatus, measures: [])
        }
        let measureFns = book.measures.map { m in m.onlyWhen.map(vcompile) }
        let addresses = book.measures.map { $0.addresses }
        let statuses = factorStatus
        let measures = stage(measureFns.count, initial: false, depth: measureFns.map { $0?.depth ?? 0 }.max() ?? 0) { measureOut, start, count, arena in
            for (m, onlyWhen) in measureFns.enumerated() {
                let out = measureOut[m] + start
                var any = false
                for f in addresses[m] {
                    statuses[f].withUnsafeBufferPointer { p in
                        let column = p.baseAddress! + start
                        for k in 0..<count where column[k] == .triggered { out[k] = true; any = true }
                    }
                }
                if any, let onlyWhen {
                    onlyWhen.with(start, count, arena, arena + 2 * chunk) { pv in
                        for k in 0..<count where out[k] { out[k] = pv[k] == 1 }
                    }
                }
            }
        }

        return Evaluation(book: book, profiles: profiles, params: params, factors: factorStatus,
                          levels: levelIndex, groups: groupStatus, measures: measures)
    }

    /// One stage of `run`: `count` result columns of every row, starting at `initial`.
    /// The cohort values its compiled functions registered are computed first; then `body`
    /// fills rows `start..<start + count` of the columns, chunk by chunk, in blocks on all
    /// cores, with a scratch arena for nodes up to `depth` deep.
    private func stage<T>(
        _ count: Int, initial: T, depth: Int,
        _ body: (_ out: [UnsafeMutablePointer<T>], _ start: Int, _ count: Int, _ arena: UnsafeMutablePointer<Double>) -> Void
    ) -> [[T]] {
        computePendingCohorts()
        let rows = profiles.rowCount
        return LargeBuffer.columns(count: count, rows: rows, initial: initial) { out in
            forEachBlock(rows, depth: depth) { range, arena in
                Evaluator.forEachChunk(range) { start, n in body(out, start, n, arena) }
            }
        }
    }

    /// Calls `body` for blocks of rows covering `0..<rows`, on `threadCount` threads when
    /// there are enough rows, with a private scratch arena for nodes up to `depth` deep.
    private func forEachBlock(_ rows: Int, depth: Int, _ body: (Range<Int>, UnsafeMutablePointer<Double>) -> Void) {
        guard rows > 0 else { return }
        let arenaSize = (2 * depth + 4) * Evaluator.chunk
        let blocks = (rows + Evaluator.blockRows - 1) / Evaluator.blockRows
        if threadCount <= 1 || blocks < 2 {
            let arena = UnsafeMutablePointer<Double>.allocate(capacity: arenaSize)
            defer { arena.deallocate() }
            body(0..<rows, arena)
            return
        }
        withoutActuallyEscaping(body) { body in
            let work = UnsafeSendable(body)
            let next = Counter()
            DispatchQueue.concurrentPerform(iterations: min(threadCount, blocks)) { _ in
                let arena = UnsafeMutablePointer<Double>.allocate(capacity: arenaSize)
                defer { arena.deallocate() }
                while true {
                    let b = next.take()
                    if b >= blocks { break }
                    let start = b * Evaluator.blockRows
                    work.value(start..<min(rows, start + Evaluator.blockRows), arena)
                }
            }
        }
    }

    /// Calls `body(start, count)` for consecutive chunks of `range`.
    @inline(__always)
    static func forEachChunk(_ range: Range<Int>, _ body: (Int, Int) -> Void) {
        var start = range.lowerBound
        while start < range.upperBound {
            let count = min(chunk, range.upperBound - start)
            body(start, count)
            start += count
        }
    }

    /// A shared block counter.
    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func take() -> Int {
            lock.lock()
            defer { lock.unlock() }
            value += 1
            return value - 1
        }
    }

    /// `status` of `count` values, without data-dependent branches.
    @inline(__always)
    static func statuses(_ values: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Status>, _ count: Int) {
        let raw = UnsafeMutableRawPointer(out).assumingMemoryBound(to: UInt8.self)
        for k in 0..<count {
            let v = values[k]
            let t: UInt8 = v == 1 ? Status.triggered.rawValue : Status.notTriggered.rawValue
            raw[k] = v.isNaN ? Status.unknown.rawValue : t
        }
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
            pendingCohorts.append((id, CohortSpec(function: function, argument: compile(argument), parameter: parameter, partition: partition,
                                                          argumentIndicator: Evaluator.plainIndicator(argument))))
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

    // MARK: - Vector compilation

    /// Compiles an expression to work on `Evaluator.chunk` rows at a time, with the same
    /// values as `compile` row by row. Indicator columns are read in place; constants are
    /// never materialised next to a computed operand. Nodes that look at other rows
    /// (`previous`, `change`, persistence) run the row-by-row closure over the chunk.
    func vcompile(_ e: RExpr) -> VOperand {
        switch e.node {
        case .number(let v, _):
            return .constant(v)
        case .boolean(let b):
            return .constant(b ? 1 : 0)
        case .text:
            return .constant(.nan)
        case .categoryValue(let i), .levelValue(let i):
            return .constant(Double(i))
        case .indicator(let i):
            let column = profiles.columns[i]
            guard column.isFlag else { return .column(column) }
            // Yes/no bytes: expanded to 0, 1 or NaN chunk by chunk.
            return .computed(depth: 0) { start, count, out, _ in
                column.withUnsafeFlagPointer { p in
                    let bytes = p.baseAddress! + start
                    for k in 0..<count { out[k] = IndicatorColumns.value(ofFlag: bytes[k]) }
                }
            }
        case .param(let i):
            return .constant(params[i])
        case .factor(let i):
            return .computed(depth: 0) { [unowned self] start, count, out, _ in
                self.factorStatus[i].withUnsafeBufferPointer { p in
                    let column = p.baseAddress! + start
                    for k in 0..<count { out[k] = Evaluator.value(column[k]) }
                }
            }
        case .scaleLevel(let s):
            return .computed(depth: 0) { [unowned self] start, count, out, _ in
                self.levelIndex[s].withUnsafeBufferPointer { p in
                    let column = p.baseAddress! + start
                    for k in 0..<count {
                        out[k] = column[k] == Evaluation.unknownLevel ? .nan : Double(column[k])
                    }
                }
            }
        case .group(let g):
            return .computed(depth: 0) { [unowned self] start, count, out, _ in
                self.groupStatus[g].withUnsafeBufferPointer { p in
                    let column = p.baseAddress! + start
                    for k in 0..<count { out[k] = Evaluator.value(column[k]) }
                }
            }
        case .negate(let x):
            return VOperand.unary(vcompile(x), NegateOp.self)
        case .arithmetic(let op, let a, let b):
            let fa = vcompile(a), fb = vcompile(b)
            switch op {
            case .add: return VOperand.binary(fa, fb, AddOp.self)
            case .subtract: return VOperand.binary(fa, fb, SubtractOp.self)
            case .multiply: return VOperand.binary(fa, fb, MultiplyOp.self)
            case .divide: return VOperand.binary(fa, fb, DivideOp.self)
            }
        case .comparison(let op, let a, let b):
            let (fa, fb) = vcompileOperands(a, b)
            switch op {
            case .less: return VOperand.binary(fa, fb, LessOp.self)
            case .lessEqual: return VOperand.binary(fa, fb, LessEqualOp.self)
            case .greater: return VOperand.binary(fa, fb, GreaterOp.self)
            case .greaterEqual: return VOperand.binary(fa, fb, GreaterEqualOp.self)
            case .equal: return VOperand.binary(fa, fb, EqualOp.self)
            case .notEqual: return VOperand.binary(fa, fb, NotEqualOp.self)
            }
        case .and(let a, let b):
            // `known(x) and known(y) and … and rest`, the usual guard, as one kernel.
            if let fused = vcompileGuardedAnd(e) { return fused }
            // Both sides are pure, so evaluating `b` where `a` is 0 changes nothing.
            return VOperand.binary(vcompile(a), vcompile(b), AndOp.self)
        case .or(let a, let b):
            return VOperand.binary(vcompile(a), vcompile(b), OrOp.self)
        case .not(let x):
            return VOperand.unary(vcompile(x), NotOp.self)
        case .known(let x):
            return VOperand.unary(vcompile(x), KnownOp.self)
        case .missing(let x):
            return VOperand.unary(vcompile(x), MissingOp.self)
        case .membership(let x, let items, let negated):
            let fx = vcompile(x)
            let fs = items.map { item in vcompileOperands(x, item).1 }
            let depth = ([fx.depth] + fs.map(\.depth)).max()! + 1
            let hit: Double = negated ? 0 : 1, miss: Double = negated ? 1 : 0
            return .computed(depth: depth) { start, count, out, scratch in
                // out: the result so far; NaN = no match yet but an unknown item; -1 = open.
                let item = scratch, rest = scratch + 2 * Evaluator.chunk
                fx.with(start, count, item, rest) { px in
                    for k in 0..<count { out[k] = px[k].isNaN ? .nan : -1 }
                    // A per-row state: 0 open, 1 matched, 2 open with an unknown item.
                    let state = UnsafeMutablePointer<UInt8>.allocate(capacity: count)
                    defer { state.deallocate() }
                    for k in 0..<count { state[k] = px[k].isNaN ? 1 : 0 }
                    for f in fs {
                        f.with(start, count, scratch + Evaluator.chunk, rest) { pw in
                            for k in 0..<count where state[k] != 1 {
                                let w = pw[k]
                                if w.isNaN { state[k] = 2 } else if w == px[k] { state[k] = 1; out[k] = hit }
                            }
                        }
                    }
                    for k in 0..<count where state[k] != 1 { out[k] = state[k] == 2 ? .nan : miss }
                }
            }
        case .previous, .change, .persistence:
            let f = compile(e)
            return .computed(depth: 0) { start, count, out, _ in
                for k in 0..<count { out[k] = f(start + k) }
            }
        case .cohort(let function, let argument, let parameter, let partition):
            let id = cohortValues.count + pendingCohorts.count
            cohortIDs[CohortNodeKey(e)] = id
            pendingCohorts.append((id, CohortSpec(function: function, argument: compile(argument), parameter: parameter, partition: partition,
                                                          argumentIndicator: Evaluator.plainIndicator(argument))))
            return .computed(depth: 0) { [unowned self] start, count, out, _ in
                self.cohortValues[id].withUnsafeBufferPointer { p in
                    out.update(from: p.baseAddress! + start, count: count)
                }
            }
        case .countTriggered:
            return .computed(depth: 0) { [unowned self] start, count, out, _ in
                out.update(repeating: 0, count: count)
                for column in self.factorStatus {
                    column.withUnsafeBufferPointer { p in
                        let c = p.baseAddress! + start
                        for k in 0..<count where c[k] == .triggered { out[k] += 1 }
                    }
                }
            }
        }
    }

    @inline(__always)
    static func value(_ s: Status) -> Double {
        switch s {
        case .triggered: return 1
        case .notTriggered, .notApplicable: return 0
        case .unknown: return .nan
        }
    }

    /// `compileOperands` for vector code.
    private func vcompileOperands(_ a: RExpr, _ b: RExpr) -> (VOperand, VOperand) {
        func textSide(_ literal: RExpr, _ other: RExpr) -> VOperand? {
            guard case .text(let s) = literal.node, let i = other.textIndicator else { return nil }
            let list = profiles.texts[i] ?? []
            return .constant(list.firstIndex(of: s).map(Double.init) ?? -1)
        }
        let fa = textSide(a, b) ?? vcompile(a)
        let fb = textSide(b, a) ?? vcompile(b)
        return (fa, fb)
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

    /// Per group: the known (non-NaN) argument values of its members, sorted. Groups are
    /// sorted concurrently when there are enough rows to pay for it (the result does not
    /// depend on the thread count).
    static func sortedKnownValues(
        _ members: [[Int32]], _ argument: UnsafeBufferPointer<Double>, threads: Int
    ) -> [[Double]] {
        let total = members.reduce(0) { $0 + $1.count }
        guard threads > 1, members.count > 1, total >= 1 << 16 else {
            return members.map { sortedKnownValues(of: $0, argument) }
        }
        var sorted = [[Double]](repeating: [], count: members.count)
        sorted.withUnsafeMutableBufferPointer { out in
            let shared = UnsafeSendable((out.baseAddress!, members, argument))
            DispatchQueue.concurrentPerform(iterations: members.count) { g in
                let (out, members, argument) = shared.value
                out[g] = sortedKnownValues(of: members[g], argument)
            }
        }
        return sorted
    }

    static func sortedKnownValues(of members: [Int32], _ argument: UnsafeBufferPointer<Double>) -> [Double] {
        var values: [Double] = []
        values.reserveCapacity(members.count)
        for r in members {
            let v = argument[Int(r)]
            if !v.isNaN { values.append(v) }
        }
        CohortStatistics.sort(&values)
        return values
    }

    private func computePendingCohorts() {
        let pending = pendingCohorts
        pendingCohorts = []
        for (id, spec) in pending {
            while cohortValues.count <= id { cohortValues.append([]) }
            cohortValues[id] = cohort(spec)
        }
    }

    /// An `and` chain with two or more `known(indicator)` terms, compiled as one kernel:
    /// 0 where one of those indicators is missing, else the `and` of the other terms.
    /// Same values as the chain of `and` nodes (Kleene logic: 0 wins over unknown), without
    /// a vector per `known` and per `and`. Nil when the chain has fewer such terms.
    private func vcompileGuardedAnd(_ e: RExpr) -> VOperand? {
        var terms: [RExpr] = []
        func flatten(_ e: RExpr) {
            if case .and(let a, let b) = e.node { flatten(a); flatten(b) } else { terms.append(e) }
        }
        flatten(e)
        var guarded: [IndicatorColumns.Column] = []
        var others: [RExpr] = []
        for t in terms {
            if case .known(let x) = t.node, let i = Evaluator.plainIndicator(x) {
                guarded.append(profiles.columns[i])
            } else {
                others.append(t)
            }
        }
        guard guarded.count >= 2 else { return nil }
        let rest: VOperand = others.dropFirst().reduce(others.first.map(vcompile) ?? .constant(1)) {
            VOperand.binary($0, vcompile($1), AndOp.self)
        }
        let chunk = Evaluator.chunk
        return .computed(depth: rest.depth + 1) { start, count, out, scratch in
            // known[k]: 1 while every guarded indicator of row start + k is present.
            // Branch-free, four rows at a time: missing values are random in real data.
            let known = scratch
            known.update(repeating: 1, count: count)
            for column in guarded {
                if column.isFlag {
                    column.withUnsafeFlagPointer { p in
                        let x = p.baseAddress! + start
                        for k in 0..<count where x[k] == IndicatorColumns.flagMissing { known[k] = 0 }
                    }
                    continue
                }
                column.withUnsafeBufferPointer { p in
                    let x = UnsafePointer(p.baseAddress! + start)
                    var k = 0
                    while k + 4 <= count {
                        let v = load4(x, k)
                        store4(load4(UnsafePointer(known), k).replacing(with: 0, where: v .!= v), known, k)
                        k += 4
                    }
                    while k < count { if x[k].isNaN { known[k] = 0 }; k += 1 }
                }
            }
            rest.with(start, count, scratch + chunk, scratch + 2 * chunk) { r in
                var k = 0
                while k + 4 <= count {
                    store4(load4(r, k).replacing(with: 0, where: load4(UnsafePointer(known), k) .== 0), out, k)
                    k += 4
                }
                while k < count { out[k] = known[k] == 0 ? 0 : r[k]; k += 1 }
            }
        }
    }

    static func plainIndicator(_ e: RExpr) -> Int? {
        if case .indicator(let i) = e.node { return i }
        return nil
    }

    /// Rows grouped by (school year, partition value), members in row order.
    private struct CohortGroups {
        var members: [[Int32]]
    }

    private enum PartitionKey: Hashable {
        case none, municipality, indicator(Int)
        init(_ p: CohortPartition?) {
            switch p {
            case nil: self = .none
            case .municipality?: self = .municipality
            case .indicator(let i)?: self = .indicator(i)
            }
        }
    }

    private struct SortedKey: Hashable {
        var indicator: Int
        var partition: PartitionKey
    }

    private struct ResultKey: Hashable {
        var function: CohortFunction
        var parameter: UInt64?
        var indicator: Int
        var partition: PartitionKey
    }

    private var cohortGroupCache: [PartitionKey: CohortGroups] = [:]
    private var cohortSortedCache: [SortedKey: [[Double]]] = [:]
    private var cohortResultCache: [ResultKey: [Double]] = [:]

    /// The rows of each (year, partition value) group; rows whose partition value is
    /// missing are in none. Computed once per partition.
    private func cohortGroups(_ partition: CohortPartition?) -> CohortGroups {
        let key = PartitionKey(partition)
        if let cached = cohortGroupCache[key] { return cached }
        let rows = profiles.rowCount
        var groupOf = [Int32](repeating: -1, count: rows)
        var groupCount = 0
        switch partition {
        case nil:
            groupCount = profiles.years.count
            for r in 0..<rows { groupOf[r] = profiles.rowYear[r] }
        case .municipality?:
            let m = max(1, profiles.municipalities.count)
            groupCount = profiles.years.count * m
            for r in 0..<rows {
                groupOf[r] = profiles.rowYear[r] * Int32(m) + profiles.schoolMunicipality[Int(profiles.rowSchool[r])]
            }
        case .indicator(let i)?:
            var ids: [CohortKey: Int32] = [:]
            let column = profiles.columns[i]
            for r in 0..<rows {
                let v = column[r]
                if v.isNaN { continue }
                let k = CohortKey(year: profiles.rowYear[r], key: v)
                if let g = ids[k] {
                    groupOf[r] = g
                } else {
                    groupOf[r] = Int32(groupCount)
                    ids[k] = Int32(groupCount)
                    groupCount += 1
                }
            }
        }
        var sizes = [Int](repeating: 0, count: groupCount)
        for g in groupOf where g >= 0 { sizes[Int(g)] += 1 }
        var members = sizes.map { n -> [Int32] in
            var a: [Int32] = []
            a.reserveCapacity(n)
            return a
        }
        for r in 0..<rows where groupOf[r] >= 0 { members[Int(groupOf[r])].append(Int32(r)) }
        let groups = CohortGroups(members: members.filter { !$0.isEmpty })
        cohortGroupCache[key] = groups
        return groups
    }

    /// Evaluates a cohort function for every row: the statistic over all rows of the same
    /// school year (and the same partition value), ignoring missing values, as Excel does.
    private func cohort(_ spec: CohortSpec) -> [Double] {
        let partitionKey = PartitionKey(spec.partition)
        let resultKey = spec.argumentIndicator.map {
            ResultKey(function: spec.function, parameter: spec.parameter?.bitPattern, indicator: $0, partition: partitionKey)
        }
        if let k = resultKey, let cached = cohortResultCache[k] { return cached }
        let rows = profiles.rowCount
        var result = [Double](repeating: .nan, count: rows)
        // The argument: an indicator column read in place, or computed per row.
        func fill<A: RandomAccessCollection<Double>>(_ argument: A) where A.Index == Int {
            let groups = cohortGroups(spec.partition)
            // Per group: its known argument values, sorted (shared between nodes over a plain indicator).
            let sortedKey = spec.argumentIndicator.map { SortedKey(indicator: $0, partition: partitionKey) }
            let sorted: [[Double]]
            if let k = sortedKey, let cached = cohortSortedCache[k] {
                sorted = cached
            } else {
                let threads = threadCount
                sorted = argument.withContiguousStorageIfAvailable { Evaluator.sortedKnownValues(groups.members, $0, threads: threads) }
                    ?? Array(argument).withUnsafeBufferPointer { Evaluator.sortedKnownValues(groups.members, $0, threads: threads) }
                if let k = sortedKey { cohortSortedCache[k] = sorted }
            }
            for (g, members) in groups.members.enumerated() {
                let values = sorted[g]
                guard !values.isEmpty else { continue }
                switch spec.function {
                case .mean:
                    let mean = values.reduce(0, +) / Double(values.count)
                    for r in members { result[Int(r)] = mean }
                case .median:
                    let v = CohortStatistics.percentileInclusive(values, 50)
                    for r in members { result[Int(r)] = v }
                case .percentile:
                    let v = CohortStatistics.percentileInclusive(values, spec.parameter ?? 50)
                    for r in members { result[Int(r)] = v }
                case .rank:
                    for r in members where !argument[Int(r)].isNaN {
                        result[Int(r)] = Double(CohortStatistics.rankDescending(values, argument[Int(r)]))
                    }
                }
            }
        }
        if let i = spec.argumentIndicator { fill(profiles.columns[i]) } else { fill((0..<rows).map { spec.argument($0) }) }
        if let k = resultKey { cohortResultCache[k] = result }
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


/// A compiled expression for vector evaluation: a constant, an indicator column read in
/// place, or code that fills `out[0..<count]` with the values of rows `start..<start+count`,
/// using `scratch` (room for `depth` nested levels of two chunks each) for its operands.
enum VOperand {
    typealias Fn = (_ start: Int, _ count: Int, _ out: UnsafeMutablePointer<Double>, _ scratch: UnsafeMutablePointer<Double>) -> Void

    case constant(Double)
    case column(IndicatorColumns.Column)
    case computed(depth: Int, Fn)

    var depth: Int {
        if case .computed(let d, _) = self { return d }
        return 0
    }

    /// Calls `body` with the values of rows `start..<start+count`: in the column itself, or
    /// written to `buffer` (one chunk).
    @inline(__always)
    func with(_ start: Int, _ count: Int, _ buffer: UnsafeMutablePointer<Double>, _ scratch: UnsafeMutablePointer<Double>,
              _ body: (UnsafePointer<Double>) -> Void) {
        switch self {
        case .constant(let v):
            buffer.update(repeating: v, count: count)
            body(buffer)
        case .column(let c):
            c.withUnsafeBufferPointer { body($0.baseAddress! + start) }
        case .computed(_, let f):
            f(start, count, buffer, scratch)
            body(buffer)
        }
    }

    static func unary<Op: UnaryOp>(_ x: VOperand, _: Op.Type) -> VOperand {
        switch x {
        case .constant(let v):
            return .constant(Op.apply(v))
        case .column(let c):
            return .computed(depth: 1) { start, count, out, _ in
                c.withUnsafeBufferPointer { p in
                    let px = p.baseAddress! + start
                    VLoop.map(Op.self, px, out, count)
                }
            }
        case .computed(let d, let f):
            return .computed(depth: d + 1) { start, count, out, scratch in
                f(start, count, out, scratch)
                VLoop.map(Op.self, UnsafePointer(out), out, count)
            }
        }
    }

    static func binary<Op: BinaryOp>(_ a: VOperand, _ b: VOperand, _: Op.Type) -> VOperand {
        let chunk = Evaluator.chunk
        switch (a, b) {
        case (.constant(let x), .constant(let y)):
            return .constant(Op.apply(x, y))
        case (.column(let c), .constant(let y)):
            return .computed(depth: 1) { start, count, out, _ in
                c.withUnsafeBufferPointer { p in
                    let px = p.baseAddress! + start
                    VLoop.map(Op.self, px, y, out, count)
                }
            }
        case (.constant(let x), .column(let c)):
            return .computed(depth: 1) { start, count, out, _ in
                c.withUnsafeBufferPointer { p in
                    let py = p.baseAddress! + start
                    VLoop.map(Op.self, x, py, out, count)
                }
            }
        case (.computed(let d, let f), .constant(let y)):
            return .computed(depth: d + 1) { start, count, out, scratch in
                f(start, count, out, scratch)
                VLoop.map(Op.self, UnsafePointer(out), y, out, count)
            }
        case (.constant(let x), .computed(let d, let f)):
            return .computed(depth: d + 1) { start, count, out, scratch in
                f(start, count, out, scratch)
                VLoop.map(Op.self, x, UnsafePointer(out), out, count)
            }
        default:
            return .computed(depth: max(a.depth, b.depth) + 1) { start, count, out, scratch in
                let rest = scratch + 2 * chunk
                a.with(start, count, scratch, rest) { pa in
                    b.with(start, count, scratch + chunk, rest) { pb in
                        VLoop.map(Op.self, pa, pb, out, count)
                    }
                }
            }
        }
    }
}

/// Element operations of the vector code, as types so that each loop is specialised;
/// `apply4` is the same operation on four lanes, written without branches (data-dependent
/// branches on random data cost more than the arithmetic).
protocol UnaryOp {
    static func apply(_ x: Double) -> Double
    static func apply4(_ x: SIMD4<Double>) -> SIMD4<Double>
}
protocol BinaryOp {
    static func apply(_ x: Double, _ y: Double) -> Double
    static func apply4(_ x: SIMD4<Double>, _ y: SIMD4<Double>) -> SIMD4<Double>
}

typealias D4 = SIMD4<Double>
typealias M4 = SIMDMask<SIMD4<Int64>>

@inline(__always) func unordered(_ x: D4, _ y: D4) -> M4 { (x .!= x) .| (y .!= y) }
@inline(__always) func truth(_ m: M4, unknown: M4) -> D4 {
    D4(repeating: 0).replacing(with: 1, where: m).replacing(with: .nan, where: unknown)
}

enum NegateOp: UnaryOp {
    @inline(__always) static func apply(_ x: Double) -> Double { -x }
    @inline(__always) static func apply4(_ x: D4) -> D4 { -x }
}
enum NotOp: UnaryOp {
    @inline(__always) static func apply(_ x: Double) -> Double { 1 - x }
    @inline(__always) static func apply4(_ x: D4) -> D4 { 1 - x }
}
enum KnownOp: UnaryOp {
    @inline(__always) static func apply(_ x: Double) -> Double { x.isNaN ? 0 : 1 }
    @inline(__always) static func apply4(_ x: D4) -> D4 { D4(repeating: 1).replacing(with: 0, where: x .!= x) }
}
enum MissingOp: UnaryOp {
    @inline(__always) static func apply(_ x: Double) -> Double { x.isNaN ? 1 : 0 }
    @inline(__always) static func apply4(_ x: D4) -> D4 { D4(repeating: 0).replacing(with: 1, where: x .!= x) }
}

enum AddOp: BinaryOp {
    @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double { x + y }
    @inline(__always) static func apply4(_ x: D4, _ y: D4) -> D4 { x + y }
}
enum SubtractOp: BinaryOp {
    @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double { x - y }
    @inline(__always) static func apply4(_ x: D4, _ y: D4) -> D4 { x - y }
}
enum MultiplyOp: BinaryOp {
    @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double { x * y }
    @inline(__always) static func apply4(_ x: D4, _ y: D4) -> D4 { x * y }
}
enum DivideOp: BinaryOp {
    @inline(__always) static func apply(_ x: Double, _ d: Double) -> Double { d == 0 ? .nan : x / d }
    @inline(__always) static func apply4(_ x: D4, _ d: D4) -> D4 { (x / d).replacing(with: .nan, where: d .== 0) }
}
enum LessOp: BinaryOp {
    @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double { x.isNaN || y.isNaN ? .nan : (x < y ? 1 : 0) }
    @inline(__always) static func apply4(_ x: D4, _ y: D4) -> D4 { truth(x .< y, unknown: unordered(x, y)) }
}
enum LessEqualOp: BinaryOp {
    @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double { x.isNaN || y.isNaN ? .nan : (x <= y ? 1 : 0) }
    @inline(__always) static func apply4(_ x: D4, _ y: D4) -> D4 { truth(x .<= y, unknown: unordered(x, y)) }
}
enum GreaterOp: BinaryOp {
    @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double { x.isNaN || y.isNaN ? .nan : (x > y ? 1 : 0) }
    @inline(__always) static func apply4(_ x: D4, _ y: D4) -> D4 { truth(x .> y, unknown: unordered(x, y)) }
}
enum GreaterEqualOp: BinaryOp {
    @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double { x.isNaN || y.isNaN ? .nan : (x >= y ? 1 : 0) }
    @inline(__always) static func apply4(_ x: D4, _ y: D4) -> D4 { truth(x .>= y, unknown: unordered(x, y)) }
}
enum EqualOp: BinaryOp {
    @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double { x.isNaN || y.isNaN ? .nan : (x == y ? 1 : 0) }
    @inline(__always) static func apply4(_ x: D4, _ y: D4) -> D4 { truth(x .== y, unknown: unordered(x, y)) }
}
enum NotEqualOp: BinaryOp {
    @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double { x.isNaN || y.isNaN ? .nan : (x != y ? 1 : 0) }
    @inline(__always) static func apply4(_ x: D4, _ y: D4) -> D4 { truth(x .!= y, unknown: unordered(x, y)) }
}
/// `and` of three-valued logic: 0 if either side is 0, else unknown if either is, else 1.
enum AndOp: BinaryOp {
    @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double { x == 0 || y == 0 ? 0 : (x.isNaN || y.isNaN ? .nan : 1) }
    @inline(__always) static func apply4(_ x: D4, _ y: D4) -> D4 {
        D4(repeating: 1).replacing(with: .nan, where: unordered(x, y)).replacing(with: 0, where: (x .== 0) .| (y .== 0))
    }
}
/// `or`: 1 if either side is 1, else unknown if either is, else 0.
enum OrOp: BinaryOp {
    @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double { x == 1 || y == 1 ? 1 : (x.isNaN || y.isNaN ? .nan : 0) }
    @inline(__always) static func apply4(_ x: D4, _ y: D4) -> D4 {
        D4(repeating: 0).replacing(with: .nan, where: unordered(x, y)).replacing(with: 1, where: (x .== 1) .| (y .== 1))
    }
}

/// Loops of the vector code: four lanes at a time, then the tail one by one.
@inline(__always) func load4(_ p: UnsafePointer<Double>, _ k: Int) -> D4 {
    UnsafeRawPointer(p + k).loadUnaligned(as: D4.self)
}
@inline(__always) func store4(_ v: D4, _ p: UnsafeMutablePointer<Double>, _ k: Int) {
    UnsafeMutableRawPointer(p + k).storeBytes(of: v, as: D4.self)
}

enum VLoop {
    @inline(__always)
    static func map<Op: UnaryOp>(_: Op.Type, _ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, _ count: Int) {
        var k = 0
        while k + 4 <= count { store4(Op.apply4(load4(x, k)), out, k); k += 4 }
        while k < count { out[k] = Op.apply(x[k]); k += 1 }
    }
    @inline(__always)
    static func map<Op: BinaryOp>(_: Op.Type, _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, _ count: Int) {
        var k = 0
        while k + 4 <= count { store4(Op.apply4(load4(x, k), load4(y, k)), out, k); k += 4 }
        while k < count { out[k] = Op.apply(x[k], y[k]); k += 1 }
    }
    @inline(__always)
    static func map<Op: BinaryOp>(_: Op.Type, _ x: UnsafePointer<Double>, _ c: Double, _ out: UnsafeMutablePointer<Double>, _ count: Int) {
        let c4 = D4(repeating: c)
        var k = 0
        while k + 4 <= count { store4(Op.apply4(load4(x, k), c4), out, k); k += 4 }
        while k < count { out[k] = Op.apply(x[k], c); k += 1 }
    }
    @inline(__always)
    static func map<Op: BinaryOp>(_: Op.Type, _ c: Double, _ y: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, _ count: Int) {
        let c4 = D4(repeating: c)
        var k = 0
        while k + 4 <= count { store4(Op.apply4(c4, load4(y, k)), out, k); k += 4 }
        while k < count { out[k] = Op.apply(c, y[k]); k += 1 }
    }
}

/// A value handed to worker threads that only read it, or write disjoint parts of it
/// (row blocks). Kept here, private to the evaluator, until its two parallel sites move
/// to `Parallel` (RiskmapPlatform, where the shared `UnsafeSendable` now lives).
private struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
