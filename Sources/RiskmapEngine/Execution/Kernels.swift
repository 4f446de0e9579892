import RiskmapLanguage
import RiskmapPlatform

// The vector code of `Executor`: the one file of the engine that works with raw pointers
// (the chunk arenas the compiled operands write into and the result columns that blocks
// of rows fill on several threads). Everything here computes the values `ReferenceEvaluator`
// defines, `Kernels.chunk` rows at a time; the differential tests hold the two together.

/// A column of `Double` values read in place: an indicator's number column or values
/// computed by an earlier step (a derived column, a cohort function's values).
enum DoubleColumn {
    case indicator(IndicatorColumns.Column)
    case values([Double])

    @inline(__always)
    func withBase<R>(_ body: (UnsafePointer<Double>) -> R) -> R {
        switch self {
        case .indicator(let c): return c.withUnsafeBufferPointer { body($0.baseAddress!) }
        case .values(let a): return a.withUnsafeBufferPointer { body($0.baseAddress!) }
        }
    }
}

/// A derived column (see `Program.Derived`) once available: an indicator's own column
/// (number or yes/no) or the computed values.
enum DerivedValues {
    case indicator(IndicatorColumns.Column)
    case computed([Double])

    @inline(__always)
    subscript(row: Int) -> Double {
        switch self {
        case .indicator(let c): return c[row]
        case .computed(let a): return a[row]
        }
    }

    var count: Int {
        switch self {
        case .indicator(let c): return c.count
        case .computed(let a): return a.count
        }
    }

    /// Calls `body` with the values in place when they are `Double`s (nil for yes/no bytes).
    func withNumbers<R>(_ body: (UnsafeBufferPointer<Double>?) -> R) -> R {
        switch self {
        case .indicator(let c): return c.isFlag ? body(nil) : c.withUnsafeBufferPointer { body($0) }
        case .computed(let a): return a.withUnsafeBufferPointer { body($0) }
        }
    }
}

/// A compiled expression for vector evaluation: a constant, a column read in place, or
/// code that fills `out[0..<count]` with the values of rows `start..<start+count`, using
/// `scratch` (room for `depth` nested levels of two chunks each) for its operands.
enum VOperand {
    typealias Fn = (_ start: Int, _ count: Int, _ out: UnsafeMutablePointer<Double>, _ scratch: UnsafeMutablePointer<Double>) -> Void

    case constant(Double)
    case column(DoubleColumn)
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
            c.withBase { body($0 + start) }
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
                c.withBase { VLoop.map(Op.self, $0 + start, out, count) }
            }
        case .computed(let d, let f):
            return .computed(depth: d + 1) { start, count, out, scratch in
                f(start, count, out, scratch)
                VLoop.map(Op.self, UnsafePointer(out), out, count)
            }
        }
    }

    static func binary<Op: BinaryOp>(_ a: VOperand, _ b: VOperand, _: Op.Type) -> VOperand {
        let chunk = Kernels.chunk
        switch (a, b) {
        case (.constant(let x), .constant(let y)):
            return .constant(Op.apply(x, y))
        case (.column(let c), .constant(let y)):
            return .computed(depth: 1) { start, count, out, _ in
                c.withBase { VLoop.map(Op.self, $0 + start, y, out, count) }
            }
        case (.constant(let x), .column(let c)):
            return .computed(depth: 1) { start, count, out, _ in
                c.withBase { VLoop.map(Op.self, x, $0 + start, out, count) }
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

/// Binds a program's nodes to one profile set and the results computed so far, as
/// `VOperand`s. Every value it captures is immutable.
struct Binder {
    let profiles: ProfileSet
    /// Per text literal of the program: its interned value in `profiles`, or a negative
    /// number of its own when no cell holds that text.
    let texts: [Double]
    var factors: [[Status]] = []
    var levels: [[Int16]] = []
    var groups: [[Status]] = []
    /// By derived column: its values once computed.
    var derived: [DerivedValues?]
    /// By cohort slot: its values once computed.
    var cohorts: [[Double]?]
    /// Per number of years back: each row's row in that earlier year, or -1.
    let earlierRows: [Int: [Int32]]
    /// While a comparison is decided over every possible count: the count assumed per row.
    var countOverride: [Double]?

    func bind(_ node: Program.Node?) -> VOperand? {
        node.map { bind($0) }
    }

    func bind(_ node: Program.Node) -> VOperand {
        switch node {
        case .constant(let v):
            return .constant(v)
        case .text(let i):
            return .constant(texts[i])
        case .indicator(let i):
            return indicator(profiles.columns[i])
        case .factor(let i):
            return Binder.statusValues(factors[i])
        case .group(let g):
            return Binder.statusValues(groups[g])
        case .level(let s):
            let column = levels[s]
            return .computed(depth: 0) { start, count, out, _ in
                column.withUnsafeBufferPointer { p in
                    let c = p.baseAddress! + start
                    for k in 0..<count { out[k] = c[k] == Outcomes.unknownLevel ? .nan : Double(c[k]) }
                }
            }
        case .countTriggered:
            // The count where no factor is undetermined, else unknown.
            let columns = factors
            return .computed(depth: 0) { start, count, out, _ in
                out.update(repeating: 0, count: count)
                for column in columns {
                    column.withUnsafeBufferPointer { p in
                        let c = p.baseAddress! + start
                        for k in 0..<count {
                            if c[k] == .triggered { out[k] += 1 } else if c[k] == .unknown { out[k] = .nan }
                        }
                    }
                }
            }
        case .assumedCount:
            return .column(.values(countOverride!))
        case .unary(let op, let x):
            let fx = bind(x)
            switch op {
            case .negate: return VOperand.unary(fx, NegateOp.self)
            case .not: return VOperand.unary(fx, NotOp.self)
            case .known: return VOperand.unary(fx, KnownOp.self)
            case .missing: return VOperand.unary(fx, MissingOp.self)
            }
        case .binary(let op, let a, let b):
            let fa = bind(a), fb = bind(b)
            switch op {
            case .add: return VOperand.binary(fa, fb, AddOp.self)
            case .subtract: return VOperand.binary(fa, fb, SubtractOp.self)
            case .multiply: return VOperand.binary(fa, fb, MultiplyOp.self)
            case .divide: return VOperand.binary(fa, fb, DivideOp.self)
            case .less: return VOperand.binary(fa, fb, LessOp.self)
            case .lessEqual: return VOperand.binary(fa, fb, LessEqualOp.self)
            case .greater: return VOperand.binary(fa, fb, GreaterOp.self)
            case .greaterEqual: return VOperand.binary(fa, fb, GreaterEqualOp.self)
            case .equal: return VOperand.binary(fa, fb, EqualOp.self)
            case .notEqual: return VOperand.binary(fa, fb, NotEqualOp.self)
            // Both sides are pure, so evaluating `b` where `a` already decides changes nothing.
            case .and: return VOperand.binary(fa, fb, AndOp.self)
            case .or: return VOperand.binary(fa, fb, OrOp.self)
            }
        case .membership(let x, let items, let negated):
            return membership(bind(x), items.map(bind), negated: negated)
        case .reliable(let value, let condition):
            return VOperand.binary(bind(value), bind(condition), ReliableOp.self)
        case .guarded(let indicators, let rest):
            return guarded(indicators.map { profiles.columns[$0] }, bind(rest))
        case .cohort(let slot):
            return .column(.values(cohorts[slot]!))
        case .earlier(let d, let years):
            let values = derived[d]!
            if years == 0 {
                switch values {
                case .indicator(let c): return indicator(c)
                case .computed(let a): return .column(.values(a))
                }
            }
            let rows = earlierRows[years]!
            return .computed(depth: 0) { start, count, out, _ in
                rows.withUnsafeBufferPointer { p in
                    let m = p.baseAddress! + start
                    for k in 0..<count { out[k] = m[k] < 0 ? .nan : values[Int(m[k])] }
                }
            }
        case .pooled(let value, let weight, let condition, let years, let threshold, let strict):
            return pooled(profiles.columns[value], weight: profiles.columns[weight], bind(condition), years: years,
                          threshold: threshold, strict: strict)
        case .persistence(let d, let years, let atLeast):
            // At least `atLeast` of the `years` years hold: 1; cannot even if every undecided
            // year held: 0; else unknown.
            let values = derived[d]!
            let maps = (0..<years).map { $0 == 0 ? nil : earlierRows[$0]! }
            return .computed(depth: 0) { start, count, out, _ in
                for k in 0..<count {
                    let row = start + k
                    var yes = 0, undecided = 0
                    for back in 0..<years {
                        let r = back == 0 ? row : Int(maps[back]![row])
                        if r < 0 { undecided += 1; continue }
                        let v = values[r]
                        if v.isNaN { undecided += 1 } else if v == 1 { yes += 1 }
                    }
                    out[k] = yes >= atLeast ? 1 : (yes + undecided < atLeast ? 0 : .nan)
                }
            }
        }
    }

    /// An indicator's column: read in place, or yes/no bytes expanded to 0, 1 or NaN.
    private func indicator(_ column: IndicatorColumns.Column) -> VOperand {
        guard column.isFlag else { return .column(.indicator(column)) }
        return .computed(depth: 0) { start, count, out, _ in
            column.withUnsafeFlagPointer { p in
                let bytes = p.baseAddress! + start
                for k in 0..<count { out[k] = IndicatorColumns.value(ofFlag: bytes[k]) }
            }
        }
    }

    private static func statusValues(_ column: [Status]) -> VOperand {
        .computed(depth: 0) { start, count, out, _ in
            column.withUnsafeBufferPointer { p in
                let c = p.baseAddress! + start
                for k in 0..<count { out[k] = c[k].conditionValue }
            }
        }
    }

    /// `x в (items)`: 1 on a match; else unknown if `x` or an item is unknown; else 0
    /// (negated: 0 and 1 swapped).
    private func membership(_ fx: VOperand, _ fs: [VOperand], negated: Bool) -> VOperand {
        let depth = ([fx.depth] + fs.map(\.depth)).max()! + 1
        let hit: Double = negated ? 0 : 1, miss: Double = negated ? 1 : 0
        let chunk = Kernels.chunk
        return .computed(depth: depth) { start, count, out, scratch in
            let item = scratch, rest = scratch + 2 * chunk
            fx.with(start, count, item, rest) { px in
                // A per-row state: 0 open, 1 decided (matched, or the subject unknown),
                // 2 open with an unknown item.
                let state = UnsafeMutablePointer<UInt8>.allocate(capacity: count)
                defer { state.deallocate() }
                for k in 0..<count {
                    out[k] = px[k].isNaN ? .nan : -1
                    state[k] = px[k].isNaN ? 1 : 0
                }
                for f in fs {
                    f.with(start, count, scratch + chunk, rest) { pw in
                        for k in 0..<count where state[k] != 1 {
                            let w = pw[k]
                            if w.isNaN { state[k] = 2 } else if EqualOp.apply(w, px[k]) == 1 { state[k] = 1; out[k] = hit }
                        }
                    }
                }
                for k in 0..<count where state[k] != 1 { out[k] = state[k] == 2 ? .nan : miss }
            }
        }
    }

    /// `надёжно если n >= t иначе за последние N лет`: the value where the condition is not
    /// false; where it is, Σ x·n / Σ n over this year and the N − 1 before (each year with
    /// both known and n > 0, in that order), NaN when this year's value is missing or Σ n
    /// falls short of the threshold.
    private func pooled(_ x: IndicatorColumns.Column, weight n: IndicatorColumns.Column, _ fc: VOperand, years: Int,
                        threshold: Double, strict: Bool) -> VOperand {
        let maps = (0..<years).map { $0 == 0 ? [] : earlierRows[$0]! }
        let chunk = Kernels.chunk
        return .computed(depth: fc.depth + 1) { start, count, out, scratch in
            fc.with(start, count, scratch, scratch + 2 * chunk) { pc in
                for k in 0..<count {
                    let row = start + k
                    let v = x[row]
                    guard pc[k] == 0, !v.isNaN else {
                        out[k] = v
                        continue
                    }
                    var sum = 0.0, total = 0.0
                    for back in 0..<years {
                        let r = back == 0 ? row : Int(maps[back][row])
                        guard r >= 0 else { continue }
                        let xv = x[r], nv = n[r]
                        guard !xv.isNaN, !nv.isNaN, nv > 0 else { continue }
                        sum += xv * nv
                        total += nv
                    }
                    let enough = strict ? GreaterOp.apply(total, threshold) : GreaterEqualOp.apply(total, threshold)
                    out[k] = enough == 1 ? sum / total : .nan
                }
            }
        }
    }

    /// `известно(i₁) и … и rest`: 0 where one of the indicators is missing, else `rest`.
    private func guarded(_ columns: [IndicatorColumns.Column], _ rest: VOperand) -> VOperand {
        let chunk = Kernels.chunk
        return .computed(depth: rest.depth + 1) { start, count, out, scratch in
            // known[k]: 1 while every guarded indicator of row start + k is present.
            // Branch-free, four rows at a time: missing values are random in real data.
            let known = scratch
            known.update(repeating: 1, count: count)
            for column in columns {
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
}

/// The stages' loops: result columns filled chunk by chunk, in blocks of rows on several
/// threads (the values never depend on the blocks or the threads).
enum Kernels {
    /// Rows per vector step (every bound operand works on this many rows at a time).
    static let chunk = 256

    /// Per factor: its status.
    static func factorStatuses(_ fns: [(applies: VOperand?, condition: VOperand)], rows: Int, _ layout: BlockLayout) -> [[Status]] {
        let depth = fns.map { max($0.applies?.depth ?? 0, $0.condition.depth) }.max() ?? 0
        return fill(fns.count, rows: rows, initial: Status.notTriggered, depth: depth, layout) { out, start, count, arena in
            let a = arena, w = arena + chunk, scratch = arena + 2 * chunk
            for (i, (applies, condition)) in fns.enumerated() {
                let column = out[i] + start
                condition.with(start, count, w, scratch) { pw in statuses(pw, column, count) }
                if let applies {
                    applies.with(start, count, a, scratch) { pa in
                        for k in 0..<count where pa[k].isNaN || pa[k] == 0 {
                            column[k] = pa[k].isNaN ? .unknown : .notApplicable
                        }
                    }
                }
            }
        }
    }

    /// Per scale: the first level whose condition holds (`иначе` always does); unknown as
    /// soon as an earlier level's condition is undecided; `Outcomes.noLevel` when none.
    static func levels(_ scales: [[VOperand?]], rows: Int, _ layout: BlockLayout) -> [[Int16]] {
        let undecided = Int16.min
        let depth = scales.flatMap { $0.map { $0?.depth ?? 0 } }.max() ?? 0
        return fill(scales.count, rows: rows, initial: undecided, depth: depth, layout) { out, start, count, arena in
            let v = arena, scratch = arena + 2 * chunk
            for (s, levels) in scales.enumerated() {
                let column = out[s] + start
                var open = count
                for (i, condition) in levels.enumerated() where open > 0 {
                    guard let condition else {
                        for k in 0..<count where column[k] == undecided { column[k] = Int16(i) }
                        open = 0
                        break
                    }
                    condition.with(start, count, v, scratch) { pv in
                        for k in 0..<count where column[k] == undecided {
                            let x = pv[k]
                            if x.isNaN { column[k] = Outcomes.unknownLevel; open -= 1 }
                            else if x == 1 { column[k] = Int16(i); open -= 1 }
                        }
                    }
                }
                if open > 0 {
                    for k in 0..<count where column[k] == undecided { column[k] = Outcomes.noLevel }
                }
            }
        }
    }

    /// Per condition: its status (groups).
    static func conditionStatuses(_ fns: [VOperand], rows: Int, _ layout: BlockLayout) -> [[Status]] {
        fill(fns.count, rows: rows, initial: Status.notTriggered, depth: fns.map(\.depth).max() ?? 0, layout) { out, start, count, arena in
            for (g, fn) in fns.enumerated() {
                let column = out[g] + start
                fn.with(start, count, arena, arena + 2 * chunk) { pv in statuses(pv, column, count) }
            }
        }
    }

    /// Per measure: in the plan when a factor it addresses is triggered or the school is in a
    /// group it addresses, and its `только если` condition holds.
    static func measures(_ onlyWhen: [VOperand?], addresses: [[Int]], factors: [[Status]], addressesGroups: [[Int]] = [],
                         groups: [[Status]] = [], rows: Int, _ layout: BlockLayout) -> [[Bool]] {
        fill(onlyWhen.count, rows: rows, initial: false, depth: onlyWhen.map { $0?.depth ?? 0 }.max() ?? 0, layout) { out, start, count, arena in
            for (m, condition) in onlyWhen.enumerated() {
                let column = out[m] + start
                var any = false
                for f in addresses[m] {
                    factors[f].withUnsafeBufferPointer { p in
                        let statuses = p.baseAddress! + start
                        for k in 0..<count where statuses[k] == .triggered { column[k] = true; any = true }
                    }
                }
                for g in m < addressesGroups.count ? addressesGroups[m] : [] {
                    groups[g].withUnsafeBufferPointer { p in
                        let statuses = p.baseAddress! + start
                        for k in 0..<count where statuses[k] == .triggered { column[k] = true; any = true }
                    }
                }
                if any, let condition {
                    condition.with(start, count, arena, arena + 2 * chunk) { pv in
                        for k in 0..<count where column[k] { column[k] = pv[k] == 1 }
                    }
                }
            }
        }
    }

    /// The values of one expression for every row (a derived column).
    static func values(_ fn: VOperand, rows: Int, _ layout: BlockLayout) -> [Double] {
        fill(1, rows: rows, initial: Double.nan, depth: fn.depth, layout) { out, start, count, arena in
            fn.with(start, count, arena, arena + 2 * chunk) { pv in (out[0] + start).update(from: pv, count: count) }
        }[0]
    }

    /// Per row: the number of triggered factors, and that plus the undetermined ones.
    static func triggeredCountRange(_ factors: [[Status]], rows: Int, _ layout: BlockLayout) -> (low: [Double], high: [Double]) {
        var low = [Double](repeating: 0, count: rows), high = [Double](repeating: 0, count: rows)
        low.withUnsafeMutableBufferPointer { lo in
            high.withUnsafeMutableBufferPointer { hi in
                for column in factors {
                    column.withUnsafeBufferPointer { c in
                        for r in 0..<min(rows, c.count) {
                            let s = c[r]
                            let triggered: Double = s == .triggered ? 1 : 0
                            lo[r] += triggered
                            hi[r] += s == .unknown ? 1 : triggered
                        }
                    }
                }
            }
        }
        return (low, high)
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

    /// `count` result columns of every row, starting at `initial`: `body` fills rows
    /// `start..<start + count` of the columns, chunk by chunk, in blocks on the layout's
    /// threads, with a scratch arena for operands up to `depth` deep.
    private static func fill<T>(
        _ columns: Int, rows: Int, initial: T, depth: Int, _ layout: BlockLayout,
        _ body: (_ out: [UnsafeMutablePointer<T>], _ start: Int, _ count: Int, _ arena: UnsafeMutablePointer<Double>) -> Void
    ) -> [[T]] {
        LargeBuffer.columns(count: columns, rows: rows, initial: initial) { out in
            forEachBlock(rows, depth: depth, layout) { range, arena in
                var start = range.lowerBound
                while start < range.upperBound {
                    let n = min(chunk, range.upperBound - start)
                    body(out, start, n, arena)
                    start += n
                }
            }
        }
    }

    /// Calls `body` for blocks of rows covering `0..<rows`, on the layout's threads when
    /// there is more than one block, each thread with its own scratch arena.
    private static func forEachBlock(_ rows: Int, depth: Int, _ layout: BlockLayout, _ body: (Range<Int>, UnsafeMutablePointer<Double>) -> Void) {
        guard rows > 0 else { return }
        let arenaSize = (2 * depth + 4) * chunk
        let blockRows = max(1, layout.blockRows)
        let blocks = (rows + blockRows - 1) / blockRows
        Parallel.forEach(count: blocks, threads: layout.threads, worker: { [Double](repeating: 0, count: arenaSize) }) { b, arena in
            arena.withUnsafeMutableBufferPointer { body(b * blockRows..<min(rows, (b + 1) * blockRows), $0.baseAddress!) }
        }
    }
}

/// How the rows of a run are cut into blocks and spread over threads.
struct BlockLayout: Sendable {
    var threads: Int
    var blockRows: Int
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

/// Whether some lane's two sides differ but are close enough that a comparison must round
/// them first (`ComparedNumber.sides`).
@inline(__always) func nearlyEqual(_ x: D4, _ y: D4) -> Bool {
    // |x| + |y| is at least the larger magnitude: a looser test than `ComparedNumber`'s,
    // so every pair that needs rounding still takes the exact path.
    let d = magnitude(x - y)
    let size = magnitude(x) + magnitude(y)
    return any((x .!= y) .& (d .<= ComparedNumber.closeness * size))
}

/// `|x|` lane by lane: the sign bits cleared (the standard library's `pointwiseMax` is
/// not inlined, a select costs three instructions).
@inline(__always) func magnitude(_ x: D4) -> D4 {
    unsafeBitCast(unsafeBitCast(x, to: SIMD4<UInt64>.self) & SIMD4(repeating: 0x7FFF_FFFF_FFFF_FFFF), to: D4.self)
}

/// `f` lane by lane.
@inline(__always) func lanes(_ x: D4, _ y: D4, _ f: (Double, Double) -> Double) -> D4 {
    D4(f(x[0], y[0]), f(x[1], y[1]), f(x[2], y[2]), f(x[3], y[3]))
}
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
    @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double {
        let (a, b) = ComparedNumber.sides(x, y)
        return a.isNaN || b.isNaN ? .nan : (a < b ? 1 : 0)
    }
    @inline(__always) static func apply4(_ x: D4, _ y: D4) -> D4 {
        nearlyEqual(x, y) ? lanes(x, y, apply) : truth(x .< y, unknown: unordered(x, y))
    }
}
enum LessEqualOp: BinaryOp {
    @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double {
        let (a, b) = ComparedNumber.sides(x, y)
        return a.isNaN || b.isNaN ? .nan : (a <= b ? 1 : 0)
    }
    @inline(__always) static func apply4(_ x: D4, _ y: D4) -> D4 {
        nearlyEqual(x, y) ? lanes(x, y, apply) : truth(x .<= y, unknown: unordered(x, y))
    }
}
enum GreaterOp: BinaryOp {
    @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double {
        let (a, b) = ComparedNumber.sides(x, y)
        return a.isNaN || b.isNaN ? .nan : (a > b ? 1 : 0)
    }
    @inline(__always) static func apply4(_ x: D4, _ y: D4) -> D4 {
        nearlyEqual(x, y) ? lanes(x, y, apply) : truth(x .> y, unknown: unordered(x, y))
    }
}
enum GreaterEqualOp: BinaryOp {
    @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double {
        let (a, b) = ComparedNumber.sides(x, y)
        return a.isNaN || b.isNaN ? .nan : (a >= b ? 1 : 0)
    }
    @inline(__always) static func apply4(_ x: D4, _ y: D4) -> D4 {
        nearlyEqual(x, y) ? lanes(x, y, apply) : truth(x .>= y, unknown: unordered(x, y))
    }
}
enum EqualOp: BinaryOp {
    @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double {
        let (a, b) = ComparedNumber.sides(x, y)
        return a.isNaN || b.isNaN ? .nan : (a == b ? 1 : 0)
    }
    @inline(__always) static func apply4(_ x: D4, _ y: D4) -> D4 {
        nearlyEqual(x, y) ? lanes(x, y, apply) : truth(x .== y, unknown: unordered(x, y))
    }
}
enum NotEqualOp: BinaryOp {
    @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double {
        let (a, b) = ComparedNumber.sides(x, y)
        return a.isNaN || b.isNaN ? .nan : (a != b ? 1 : 0)
    }
    @inline(__always) static func apply4(_ x: D4, _ y: D4) -> D4 {
        nearlyEqual(x, y) ? lanes(x, y, apply) : truth(x .!= y, unknown: unordered(x, y))
    }
}
/// A value where its reliability condition is not false (1 or unknown), else NaN.
enum ReliableOp: BinaryOp {
    @inline(__always) static func apply(_ v: Double, _ c: Double) -> Double { c == 0 ? .nan : v }
    @inline(__always) static func apply4(_ v: D4, _ c: D4) -> D4 { v.replacing(with: .nan, where: c .== 0) }
}
/// `и` of three-valued logic: 0 if either side is 0, else unknown if either is, else 1.
enum AndOp: BinaryOp {
    @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double { x == 0 || y == 0 ? 0 : (x.isNaN || y.isNaN ? .nan : 1) }
    @inline(__always) static func apply4(_ x: D4, _ y: D4) -> D4 {
        D4(repeating: 1).replacing(with: .nan, where: unordered(x, y)).replacing(with: 0, where: (x .== 0) .| (y .== 0))
    }
}
/// `или`: 1 if either side is 1, else unknown if either is, else 0.
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
