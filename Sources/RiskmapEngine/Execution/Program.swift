import RiskmapLanguage

/// A checked rule book compiled for evaluation: immutable, `Sendable`, independent of any
/// school data. `Executor` runs it over a profile set; `ReferenceEvaluator` gives the
/// meaning it must agree with.
///
/// Compilation lowers each expression to a `Program.Node` tree: parameters become
/// constants, text literals an index into `texts` (bound to the profile set's interned
/// values when it runs), each cohort function a slot, and the argument of every time
/// function (`предыдущее`, `изменение`, `N лет подряд`) and every cohort function whose
/// argument is not a plain indicator a *derived column*, evaluated for every row before
/// the stage that reads it. So the vector code only ever reads the row it is computing,
/// plus whole columns computed earlier.
public struct Program: Sendable {
    public let book: CheckedRuleBook
    /// Parameter values (the rule book's, or overrides).
    public let params: [Double]

    /// The evaluation stages, in order: each reads only the results of earlier ones.
    public enum Stage: Int, Sendable, CaseIterable {
        case factors, scales, groups, measures
    }

    /// A lowered expression. Values are `Double`: numbers as they are, yes/no 1 or 0,
    /// category values and levels their index, text values an interned number; NaN is
    /// a missing value and the unknown of three-valued logic.
    indirect enum Node: Sendable, Equatable {
        case constant(Double)
        /// A text literal: `Program.texts[i]`.
        case text(Int)
        case indicator(Int)
        /// A factor's status as a condition: 1 triggered, 0 not triggered or not
        /// applicable, NaN unknown.
        case factor(Int)
        /// A scale's level index (NaN when unknown; -2 when no level matched).
        case level(Int)
        case group(Int)
        /// `количество(сработавших)` where it is read as a value: the count when no factor
        /// of the row is undetermined, else unknown.
        case countTriggered
        /// `количество(сработавших)` inside a comparison decided over every possible count
        /// (see `Derived.countDecided`): the count being tried.
        case assumedCount
        case unary(UnaryOperator, Node)
        case binary(BinaryOperator, Node, Node)
        case membership(Node, [Node], negated: Bool)
        /// `известно(i₁) и известно(i₂) и … и rest` for two or more plain indicators: one
        /// kernel instead of a vector per term.
        case guarded(indicators: [Int], rest: Node)
        case cohort(slot: Int)
        /// A derived column's value in the same school's row `years` school years earlier
        /// (0: this row); NaN when the school has no row that year.
        case earlier(derived: Int, years: Int)
        /// An indicator's value where its reliability condition does not say no, else NaN.
        case reliable(value: Node, condition: Node)
        /// `N лет подряд` over a derived column of conditions.
        case persistence(derived: Int, years: Int, atLeast: Int)
        /// An indicator's value where its reliability condition does not say no; where it
        /// does, the value pooled over `years` school years weighted by indicator `weight`
        /// (`Pooling`), or NaN when their total count is below the threshold.
        case pooled(value: Int, weight: Int, condition: Node, years: Int, threshold: Double, strict: Bool)
    }

    enum UnaryOperator: Sendable, Equatable { case negate, not, known, missing }

    enum BinaryOperator: Sendable, Equatable {
        case add, subtract, multiply, divide
        case less, lessEqual, greater, greaterEqual, equal, notEqual
        case and, or
    }

    /// What a derived column holds: an indicator's own column (read in place), or an
    /// expression evaluated for every row.
    enum Derived: Sendable, Equatable {
        case indicator(Int)
        case computed(Node)
        /// A comparison (or `в (…)`) that reads `количество(сработавших)`: evaluated with the
        /// count assumed to be each value the row's undetermined factors allow; its value
        /// where all agree, else unknown. `monotone`: an ordering (`<`, `<=`, `>`, `>=`) whose
        /// sides read the count once, through `+`, `−`, `×`, `/` (not in a divisor) and negation only — its
        /// truth can change at most once as the count grows, so the fewest and the most
        /// possible counts decide it.
        case countDecided(Node, monotone: Bool)
    }

    /// A cohort function: `function(argument по partition)` over the rows of each school
    /// year.
    struct Cohort: Sendable, Equatable {
        var function: CohortFunction
        /// A derived column.
        var argument: Int
        var parameter: Double?
        var partition: CohortPartition?
    }

    /// Work done over every row before a stage's own expressions: derived columns and
    /// cohort values, in dependency order.
    enum Prepass: Sendable, Equatable {
        case derived(Int)
        case cohort(Int)
    }

    let factors: [(applies: Node?, condition: Node)]
    /// Per scale, per level: its condition (`nil` for `иначе`).
    let scales: [[Node?]]
    let groups: [Node]
    /// Per measure: its `только если` condition.
    let measures: [Node?]
    let derived: [Derived]
    let cohorts: [Cohort]
    /// Per stage (`Stage.rawValue`): the prepasses its expressions need.
    let prepasses: [[Prepass]]
    /// Cohort slot of each cohort node, by `RExpr.id`.
    let cohortSlots: [Int: Int]
    /// Text literals, by index.
    let texts: [String]
    /// The numbers of years back that time functions look (1 and more), sorted.
    let yearsBack: [Int]

    public init(book: CheckedRuleBook, paramOverrides: [String: Double] = [:]) {
        var compiler = ProgramCompiler(params: book.params.map { paramOverrides[$0.code] ?? $0.value },
                                       formulas: book.indicators.map(\.formula), reliability: book.indicators.map(\.reliable),
                                       pooling: book.indicators.map(\.pooling))
        var prepasses: [[Prepass]] = []
        func stage(_ body: (inout ProgramCompiler) -> Void) {
            compiler.prepasses = []
            body(&compiler)
            prepasses.append(compiler.prepasses)
        }
        var factors: [(applies: Node?, condition: Node)] = []
        var scales: [[Node?]] = []
        var groups: [Node] = []
        var measures: [Node?] = []
        stage { c in factors = book.factors.map { (c.lower($0.applies), c.lower($0.condition)) } }
        stage { c in scales = book.scales.map { $0.levels.map { c.lower($0.condition) } } }
        stage { c in groups = book.groups.map { c.lower($0.condition) } }
        stage { c in
            measures = book.measures.map { c.lower($0.onlyWhen) }
            // Plans evaluate the targets' goals with the reference evaluator, which takes cohort
            // values (`среднее(x по муниципалитету)`) from the run: lowering them gives them slots.
            for target in book.factors.flatMap(\.targets) { _ = c.lower(target.goal) }
        }
        self.book = book
        params = compiler.params
        self.factors = factors
        self.scales = scales
        self.groups = groups
        self.measures = measures
        derived = compiler.derived
        cohorts = compiler.cohorts
        self.prepasses = prepasses
        cohortSlots = compiler.cohortSlots
        texts = compiler.texts
        yearsBack = compiler.yearsBack.sorted()
    }

    /// The indicators a run reads: those of factors, scale levels and groups and, when
    /// `measures`, of the measures' conditions (cohort partitions included).
    public func indicatorsRead(measures: Bool) -> Set<Int> {
        book.indicatorsRead(includingMeasures: measures)
    }
}

/// Lowers checked expressions to `Program.Node`s, collecting derived columns, cohort
/// slots and text literals as it goes.
struct ProgramCompiler {
    typealias Node = Program.Node

    let params: [Double]
    /// Per indicator: its formula when it is computed.
    let formulas: [RExpr?]
    /// Per indicator: its reliability condition (`надёжно если`).
    let reliability: [RExpr?]
    /// Per indicator: its pooling (`иначе за последние N лет`).
    let pooling: [Pooling?]
    var derived: [Program.Derived] = []
    var cohorts: [Program.Cohort] = []
    var cohortSlots: [Int: Int] = [:]
    var texts: [String] = []
    var yearsBack = Set<Int>()
    /// The current stage's prepasses, inner ones first.
    var prepasses: [Program.Prepass] = []
    /// Cohorts over a plain indicator are shared by every node that asks for the same
    /// function, parameter and partition.
    private var sharedCohorts: [CohortKey: Int] = [:]
    /// Derived columns that are an indicator's own column, by indicator.
    private var indicatorColumns: [Int: Int] = [:]
    /// Inside a comparison decided over every possible count.
    private var assumingCount = false

    private struct CohortKey: Hashable {
        var function: CohortFunction
        var parameter: UInt64?
        var indicator: Int
        var partition: CohortPartition?
    }

    init(params: [Double], formulas: [RExpr?], reliability: [RExpr?], pooling: [Pooling?]) {
        self.pooling = pooling
        self.params = params
        self.formulas = formulas
        self.reliability = reliability
    }

    mutating func lower(_ e: RExpr?) -> Node? {
        e.map { lower($0) }
    }

    mutating func lower(_ e: RExpr) -> Node {
        switch e.node {
        case .number(let v, _): return .constant(v)
        case .boolean(let b): return .constant(b ? 1 : 0)
        case .text(let s):
            if let i = texts.firstIndex(of: s) { return .text(i) }
            texts.append(s)
            return .text(texts.count - 1)
        case .categoryValue(let i), .levelValue(let i): return .constant(Double(i))
        case .indicator(let i):
            // A computed indicator: its formula's values, computed once for every row.
            return formulas[i] == nil && reliability[i] == nil ? .indicator(i) : .earlier(derived: indicatorColumn(i), years: 0)
        case .param(let i): return .constant(params[i])
        case .factor(let i): return .factor(i)
        case .scaleLevel(let s): return .level(s)
        case .group(let g): return .group(g)
        case .countTriggered: return assumingCount ? .assumedCount : .countTriggered
        case .negate(let x): return .unary(.negate, lower(x))
        case .not(let x): return .unary(.not, lower(x))
        case .known(let x): return .unary(.known, lower(x))
        case .missing(let x): return .unary(.missing, lower(x))
        case .arithmetic(let op, let a, let b):
            let l = lower(a), r = lower(b)
            switch op {
            case .add: return .binary(.add, l, r)
            case .subtract: return .binary(.subtract, l, r)
            case .multiply: return .binary(.multiply, l, r)
            case .divide: return .binary(.divide, l, r)
            }
        case .comparison, .membership:
            guard !assumingCount, e.readsCountHere else { return lowerDecision(e) }
            assumingCount = true
            let node = lowerDecision(e)
            assumingCount = false
            derived.append(.countDecided(node, monotone: Self.isMonotoneInCount(e)))
            prepasses.append(.derived(derived.count - 1))
            return .earlier(derived: derived.count - 1, years: 0)
        case .and(let a, let b):
            if let guarded = lowerGuardedAnd(e) { return guarded }
            let l = lower(a)
            return .binary(.and, l, lower(b))
        case .or(let a, let b):
            let l = lower(a)
            return .binary(.or, l, lower(b))
        case .previous(let x, let years):
            yearsBack.insert(years)
            return .earlier(derived: derivedColumn(x), years: years)
        case .change(let x):
            let d = derivedColumn(x)
            yearsBack.insert(1)
            return .binary(.subtract, .earlier(derived: d, years: 0), .earlier(derived: d, years: 1))
        case .persistence(let x, let yearsRef, let atLeastRef):
            let years = yearsRef.value(params)
            yearsBack.formUnion(years > 1 ? Array(1..<years) : [])
            return .persistence(derived: derivedColumn(x), years: years, atLeast: atLeastRef?.value(params) ?? years)
        case .cohort(let function, let argument, let parameter, let partition):
            let slot = cohortSlot(e.id, function, argument, parameter, partition)
            return .cohort(slot: slot)
        }
    }

    /// The derived column of indicator `i`: its own column, or its formula's values (with
    /// their prepass, the first time).
    private mutating func indicatorColumn(_ i: Int) -> Int {
        if let d = indicatorColumns[i] { return d }
        if formulas[i] != nil || reliability[i] != nil {
            let assuming = assumingCount
            assumingCount = false
            let node: Node
            if let formula = formulas[i] {
                node = lower(formula)
            } else if let p = pooling[i] {
                let years = p.years.value(params)
                yearsBack.formUnion(years > 1 ? Array(1..<years) : [])
                node = .pooled(value: i, weight: p.weight, condition: lower(reliability[i]!), years: years,
                               threshold: p.threshold.value(params), strict: p.strict)
            } else {
                node = .reliable(value: .indicator(i), condition: lower(reliability[i]!))
            }
            assumingCount = assuming
            derived.append(.computed(node))
            prepasses.append(.derived(derived.count - 1))
        } else {
            derived.append(.indicator(i))
        }
        indicatorColumns[i] = derived.count - 1
        return derived.count - 1
    }

    /// Whether `e`, a comparison, is an ordering whose sides read the count once, through
    /// arithmetic and negation only.
    static func isMonotoneInCount(_ e: RExpr) -> Bool {
        guard case .comparison(let op, let a, let b) = e.node, op != .equal, op != .notEqual else { return false }
        func occurrences(_ x: RExpr) -> Int? {  // nil: read through something else
            switch x.node {
            case .countTriggered: return 1
            case .negate(let y): return occurrences(y)
            case .arithmetic(let op, let l, let r):
                guard let m = occurrences(l), let n = occurrences(r) else { return nil }
                // A count in a divisor can cross zero between the fewest and the most.
                if op == .divide && n > 0 { return nil }
                return m + n
            default: return x.readsCountHere ? nil : 0
            }
        }
        guard let m = occurrences(a), let n = occurrences(b) else { return false }
        return m + n == 1
    }

    /// A comparison or `в (…)`.
    private mutating func lowerDecision(_ e: RExpr) -> Node {
        switch e.node {
        case .comparison(let op, let a, let b):
            let l = lower(a), r = lower(b)
            switch op {
            case .less: return .binary(.less, l, r)
            case .lessEqual: return .binary(.lessEqual, l, r)
            case .greater: return .binary(.greater, l, r)
            case .greaterEqual: return .binary(.greaterEqual, l, r)
            case .equal: return .binary(.equal, l, r)
            case .notEqual: return .binary(.notEqual, l, r)
            }
        case .membership(let x, let items, let negated):
            let subject = lower(x)
            return .membership(subject, items.map { lower($0) }, negated: negated)
        default:
            preconditionFailure("lowerDecision(_:) takes comparisons and memberships")
        }
    }

    /// A derived column for `x`, with its prepass (after those of `x` itself). Its rows are
    /// other rows than the one being decided: no count is assumed in it.
    private mutating func derivedColumn(_ x: RExpr) -> Int {
        if case .indicator(let i) = x.node { return indicatorColumn(i) }
        let assuming = assumingCount
        assumingCount = false
        let node = lower(x)
        assumingCount = assuming
        derived.append(.computed(node))
        prepasses.append(.derived(derived.count - 1))
        return derived.count - 1
    }

    private mutating func cohortSlot(_ id: Int, _ function: CohortFunction, _ argument: RExpr,
                                     _ parameter: Double?, _ partition: CohortPartition?) -> Int {
        var key: CohortKey?
        if case .indicator(let i) = argument.node {
            key = CohortKey(function: function, parameter: parameter?.bitPattern, indicator: i, partition: partition)
        }
        if let key, let slot = sharedCohorts[key] {
            // Computed by the prepass of its first use, in this stage or an earlier one.
            cohortSlots[id] = slot
            return slot
        }
        let column = derivedColumn(argument)
        cohorts.append(Program.Cohort(function: function, argument: column, parameter: parameter, partition: partition))
        let slot = cohorts.count - 1
        cohortSlots[id] = slot
        if let key { sharedCohorts[key] = slot }
        prepasses.append(.cohort(slot))
        return slot
    }

    /// An `и` chain with two or more `известно(indicator)` terms, as one `guarded` node.
    /// Same value as the chain (Kleene logic: 0 wins over unknown); nil with fewer terms.
    private mutating func lowerGuardedAnd(_ e: RExpr) -> Node? {
        var terms: [RExpr] = []
        func flatten(_ e: RExpr) {
            if case .and(let a, let b) = e.node { flatten(a); flatten(b) } else { terms.append(e) }
        }
        flatten(e)
        var guarded: [Int] = []
        var others: [RExpr] = []
        for t in terms {
            if case .known(let x) = t.node, case .indicator(let i) = x.node, formulas[i] == nil, reliability[i] == nil {
                guarded.append(i)
            } else {
                others.append(t)
            }
        }
        guard guarded.count >= 2 else { return nil }
        var rest: Node = others.first.map { lower($0) } ?? .constant(1)
        for t in others.dropFirst() { rest = .binary(.and, rest, lower(t)) }
        return .guarded(indicators: guarded, rest: rest)
    }
}
