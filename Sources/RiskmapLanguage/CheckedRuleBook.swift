/// A rule book that passed the checker: every name resolved, every expression typed.
/// Only `Checker` can create one (its initialiser is internal to this module), so the
/// engine never evaluates rules that were not checked.
public struct CheckedRuleBook: Sendable {
    public let header: RuleBookHeader
    public let indicators: [Indicator]
    public let params: [Param]
    public let factors: [Factor]
    public let scales: [Scale]
    public let groups: [Group]
    public let roles: [Role]
    /// The sections of the documents (`направление`), in declaration order.
    public let directions: [MeasureDirection]
    public let measures: [Measure]
    public let examples: [Example]
    /// The rule files, in the order they were read (sorted by path).
    public let files: [SourceFile]

    /// How many expression nodes the rule book has: every `RExpr` in its factors, scale
    /// levels, groups and measures has an `id` in `0..<nodeCount`, unique in the book.
    public let nodeCount: Int

    init(header: RuleBookHeader, indicators: [Indicator], params: [Param], factors: [Factor], scales: [Scale],
         groups: [Group], roles: [Role], directions: [MeasureDirection] = [], measures: [Measure], examples: [Example],
         files: [SourceFile]) {
        // Number every expression node, in declaration order (factors, scales, groups,
        // measures), each tree in pre-order: results computed for a node (cohort values)
        // are keyed by this id.
        var next = 0
        self.indicators = indicators.map { i in
            var i = i
            i.formula = i.formula?.numbered(&next)
            i.reliable = i.reliable?.numbered(&next)
            return i
        }
        self.factors = factors.map { f in
            var f = f
            f.applies = f.applies?.numbered(&next)
            f.condition = f.condition.numbered(&next)
            f.targets = f.targets.map { t in
                var t = t
                t.subject = t.subject.numbered(&next)
                t.goal = t.goal.numbered(&next)
                return t
            }
            return f
        }
        self.scales = scales.map { s in
            var s = s
            s.levels = s.levels.map { l in var l = l; l.condition = l.condition?.numbered(&next); return l }
            return s
        }
        self.groups = groups.map { g in var g = g; g.condition = g.condition.numbered(&next); return g }
        self.measures = measures.map { m in var m = m; m.onlyWhen = m.onlyWhen?.numbered(&next); return m }
        nodeCount = next
        self.header = header
        self.params = params
        self.roles = roles
        self.directions = directions
        self.examples = examples
        self.files = files
    }

    public func indicator(named code: String) -> Indicator? { indicators.first { $0.code == code } }
    public func factor(named code: String) -> Factor? { factors.first { $0.code == code } }

    /// The indicators evaluation reads: those of factors, scale levels and groups, and,
    /// when `includingMeasures`, of measures' conditions. The others need not be kept
    /// in memory for a run that does not evaluate measures.
    public func indicatorsRead(includingMeasures: Bool) -> Set<Int> {
        var expressions: [RExpr] = []
        for f in factors { expressions += [f.applies, f.condition].compactMap { $0 } }
        for s in scales { expressions += s.levels.compactMap(\.condition) }
        expressions += groups.map(\.condition)
        if includingMeasures {
            expressions += measures.compactMap(\.onlyWhen)
            // Plans show the targets' indicators and goals.
            for t in factors.flatMap(\.targets) { expressions += [t.subject, t.goal] }
        }
        return expressions.reduce(into: Set<Int>()) { $0.formUnion(storedIndicators($1.indicatorsRead)) }
    }

    /// The indicators read from the schools file for `indicators`: each one itself, or for a
    /// computed one, those its formula reads (in turn).
    public func storedIndicators(_ indicators: Set<Int>) -> Set<Int> {
        var stored = Set<Int>(), seen = Set<Int>()
        var pending = Array(indicators)
        while let i = pending.popLast() {
            guard seen.insert(i).inserted else { continue }
            if let formula = self.indicators[i].formula { pending += formula.indicatorsRead } else { stored.insert(i) }
            pending += self.indicators[i].reliable?.indicatorsRead ?? []
        }
        return stored
    }
}

public struct RuleBookHeader: Sendable {
    public var title: String
    public var version: String
    public var year: SchoolYear?
    public var basis: String?
}

public struct Indicator: Sendable {
    public var index: Int
    public var code: String
    public var title: String
    public var kind: IndicatorKind
    public var categories: [String]
    public var unit: String?
    public var range: ClosedRange<Double>?
    public var source: String?
    /// `источник экспертная оценка`: the value is a person's judgement (a list, a chosen
    /// factor), not a measurement. Backtests report agreement resting on it separately.
    public var isExpertJudgement: Bool = false
    public var columns: [String]
    /// A computed indicator's formula (its value is the formula's, not read from a file).
    public var formula: RExpr?
    /// Where the value is reliable enough to use (`надёжно если …`); elsewhere it reads as
    /// «недостаточно данных», unknown in logic.
    public var reliable: RExpr?
    /// `… иначе за последние N лет`: where `reliable` fails, the value pooled over the last
    /// years (their values weighted by the count in the condition), if the pooled count
    /// meets the condition's threshold.
    public var pooling: Pooling?
    public var declRange: SourceRange

    public var isComputed: Bool { formula != nil }

    public var type: ValueType {
        switch kind {
        case .count: return .count
        case .number: return .number
        case .percent: return .percent
        case .bool: return .bool
        case .category: return .category(code)
        case .text: return .text
        }
    }
}

public struct Param: Sendable {
    public var index: Int
    public var code: String
    public var title: String
    /// In percentage points for a percent parameter.
    public var value: Double
    public var isPercent: Bool
    /// The value as written (`10%`, `2.5`).
    public var literal: String
    public var unit: String?
    public var basis: String?
    /// `диапазон LOW...HIGH`: the values the parameter may take (in percentage points for a
    /// percent parameter).
    public var range: ClosedRange<Double>?
    public var declRange: SourceRange

    public var type: ValueType { isPercent ? .percent : .number }
}

public struct Factor: Sendable {
    public var index: Int
    public var code: String
    public var title: String
    public var basis: String?
    public var applies: RExpr?
    public var condition: RExpr
    /// The целевые показатели the plans set when the factor is triggered.
    public var targets: [Target] = []
    public var declRange: SourceRange
}

/// `цель ПОКАЗАТЕЛЬ <= ЗНАЧЕНИЕ за N лет`, checked: which indicator, which way, the goal
/// (an expression evaluated for each school, e.g. a parameter or the municipality's mean)
/// and the number of plan years to reach it.
public struct Target: Sendable {
    public enum Direction: Sendable, Equatable {
        /// `<=`: the value should fall to the goal or below.
        case atMost
        /// `>=`: the value should rise to the goal or above.
        case atLeast
        /// `=`: the value should become the goal (a yes/no or a category).
        case exactly
    }

    public var indicator: Int
    /// The indicator as an expression (its value, computed or pooled like any reference).
    public var subject: RExpr
    public var direction: Direction
    public var goal: RExpr
    public var years: YearRef
    public var range: SourceRange
}

public struct ScaleLevelDef: Sendable {
    public var index: Int
    public var code: String
    public var title: String
    /// `nil` for `otherwise`.
    public var condition: RExpr?
}

public struct Scale: Sendable {
    public var index: Int
    public var code: String
    public var title: String
    public var levels: [ScaleLevelDef]
    public var declRange: SourceRange
}

public struct Group: Sendable {
    public var index: Int
    public var code: String
    public var title: String
    public var basis: String?
    /// Membership: with an exit criterion, the entry condition held in at least one of the
    /// last N school years (`(entry) в 1 из последних N лет`).
    public var condition: RExpr
    public var declRange: SourceRange
    /// `выход после N лет без условия`: the number of school years without the entry
    /// condition after which a school leaves the group.
    public var exit: GroupExit? = nil

    /// The condition as written (`если …`): without the exit criterion's years.
    public var entryCondition: RExpr {
        if exit != nil, case .persistence(let entry, _, _) = condition.node { return entry }
        return condition
    }
}

/// A group's exit criterion: a school leaves after `years` school years in a row without the
/// group's condition (like ESSA's exit criteria for schools in support).
public struct GroupExit: Sendable {
    public var years: YearRef
    public var range: SourceRange
}

public struct Role: Sendable {
    public var index: Int
    public var code: String
    public var title: String
    /// `подписывает план`: the school's head, who signs its plan (at most one role).
    public var signsPlan = false
}

/// `направление CODE "Title"`: a section of the plans and the roadmap.
public struct MeasureDirection: Sendable {
    public var index: Int
    public var code: String
    public var title: String
    public var declRange: SourceRange
}

public struct Measure: Sendable {
    public var index: Int
    public var code: String
    public var title: String
    /// Index into `CheckedRuleBook.directions`; nil: the measure names none.
    public var direction: Int? = nil
    /// Factor indices, in the order written.
    public var addresses: [Int]
    /// Group indices `устраняет` names (`устраняет shnor`): the measure is in the plan of every
    /// school of the group, each year, whatever factors fire (a standing item of the yearly cycle).
    public var addressesGroups: [Int] = []
    public var onlyWhen: RExpr?
    public var scope: MeasureScope
    /// Role indices, in the order written (at least one in a checked book).
    public var responsible: [Int]
    public var coExecutors: [Int]
    public var due: Deadline?
    public var result: String?
    public var basis: String?
    public var declRange: SourceRange
}

/// A typed literal value of an indicator (also what a profile cell becomes).
public enum LiteralValue: Sendable, Equatable {
    case number(Double)
    case bool(Bool)
    case category(Int)
    case text(String)
}

public struct ExampleYear: Sendable {
    /// The school (index into `Example.schools`).
    public var school: Int
    /// `nil` for the example's current year.
    public var year: SchoolYear?
    public var values: [(indicator: Int, value: LiteralValue)]
}

public enum ResolvedExpectation: Sendable {
    case factor(Int, ExpectedOutcome, SourceRange)
    case group(Int, present: Bool, SourceRange)
    /// `expect GROUP unknown` / `ожидается GROUP не определён`: membership depends on missing data.
    case groupUnknown(Int, SourceRange)
    case measure(Int, present: Bool, SourceRange)
    case level(scale: Int, level: Int, SourceRange)
    /// `expect risk unknown` / `ожидается risk не определён`: the level depends on missing data.
    case levelUnknown(scale: Int, SourceRange)

    public var range: SourceRange {
        switch self {
        case .factor(_, _, let r), .group(_, _, let r), .measure(_, _, let r), .level(_, _, let r), .levelUnknown(_, let r),
             .groupUnknown(_, let r): return r
        }
    }
}

/// An expectation about one school of an example.
public struct ExampleExpectation: Sendable {
    /// Index into `Example.schools`.
    public var school: Int
    public var expectation: ResolvedExpectation
}

public struct Example: Sendable {
    public var title: String
    /// The schools' names: one empty name for an example about one school; several for a
    /// small municipality (`дано школа A: …`), so cohort functions can be tested.
    public var schools: [String]
    public var years: [ExampleYear]
    public var expectations: [ExampleExpectation]
    public var declRange: SourceRange
}

// MARK: - Resolved expressions

public enum CohortFunction: String, Sendable {
    case percentile, mean, median, rank
}

/// How a cohort is split: all schools of the year, by municipality, or by a category.
public enum CohortPartition: Sendable, Hashable {
    case municipality
    case indicator(Int)
}

/// A checked expression: names resolved to indices, every node typed.
public struct RExpr: Sendable {
    public var node: RNode
    public var type: ValueType
    public var range: SourceRange
    /// The node's number in its rule book (see `CheckedRuleBook.nodeCount`); -1 until the
    /// checked rule book numbers it.
    public private(set) var id: Int = -1

    public init(_ node: RNode, _ type: ValueType, _ range: SourceRange) {
        self.node = node
        self.type = type
        self.range = range
    }

    /// This tree with every node numbered from `next` on, in pre-order.
    func numbered(_ next: inout Int) -> RExpr {
        var e = self
        e.id = next
        next += 1
        func n(_ x: RExpr) -> RExpr { x.numbered(&next) }
        switch node {
        case .number, .boolean, .text, .categoryValue, .levelValue, .indicator, .param, .factor,
             .scaleLevel, .group, .countTriggered:
            break
        case .negate(let x): e.node = .negate(n(x))
        case .not(let x): e.node = .not(n(x))
        case .known(let x): e.node = .known(n(x))
        case .missing(let x): e.node = .missing(n(x))
        case .previous(let x, let years): e.node = .previous(n(x), years: years)
        case .change(let x): e.node = .change(n(x))
        case .persistence(let x, let years, let atLeast): e.node = .persistence(n(x), years: years, atLeast: atLeast)
        case .cohort(let f, let x, let parameter, let by): e.node = .cohort(f, n(x), parameter: parameter, by: by)
        case .arithmetic(let op, let a, let b): let l = n(a); e.node = .arithmetic(op, l, n(b))
        case .comparison(let op, let a, let b): let l = n(a); e.node = .comparison(op, l, n(b))
        case .and(let a, let b): let l = n(a); e.node = .and(l, n(b))
        case .or(let a, let b): let l = n(a); e.node = .or(l, n(b))
        case .membership(let x, let items, let negated):
            let subject = n(x)
            e.node = .membership(subject, items.map(n), negated: negated)
        }
        return e
    }
}

public indirect enum RNode: Sendable {
    /// A numeric literal; a percent literal is held in percentage points.
    case number(Double, text: String)
    case boolean(Bool)
    case text(String)
    case categoryValue(Int)
    case levelValue(Int)
    case indicator(Int)
    case param(Int)
    case factor(Int)
    /// The school's level on a scale (compared with `levelValue`).
    case scaleLevel(Int)
    case group(Int)
    case negate(RExpr)
    case arithmetic(ArithmeticOp, RExpr, RExpr)
    case comparison(ComparisonOp, RExpr, RExpr)
    case and(RExpr, RExpr)
    case or(RExpr, RExpr)
    case not(RExpr)
    case membership(RExpr, [RExpr], negated: Bool)
    case known(RExpr)
    case missing(RExpr)
    case previous(RExpr, years: Int)
    case change(RExpr)
    case cohort(CohortFunction, RExpr, parameter: Double?, by: CohortPartition?)
    case countTriggered
    /// `N лет подряд` (`atLeast` nil: every one of the years) or `в K из последних N лет`.
    case persistence(RExpr, years: YearRef, atLeast: YearRef?)
}

extension RExpr {
    /// Calls `visit` on this node and every node below it.
    public func forEach(_ visit: (RExpr) -> Void) {
        visit(self)
        switch node {
        case .number, .boolean, .text, .categoryValue, .levelValue, .indicator, .param, .factor,
             .scaleLevel, .group, .countTriggered:
            break
        case .negate(let e), .not(let e), .known(let e), .missing(let e), .previous(let e, _), .change(let e),
             .persistence(let e, _, _):
            e.forEach(visit)
        case .cohort(_, let e, _, _):
            e.forEach(visit)
        case .arithmetic(_, let a, let b), .comparison(_, let a, let b), .and(let a, let b), .or(let a, let b):
            a.forEach(visit)
            b.forEach(visit)
        case .membership(let e, let items, _):
            e.forEach(visit)
            items.forEach { $0.forEach(visit) }
        }
    }

    /// Indicator indices this expression reads, including those that split its cohorts.
    public var indicatorsRead: Set<Int> {
        var read = Set<Int>()
        forEach { e in
            switch e.node {
            case .indicator(let i), .cohort(_, _, _, by: .indicator(let i)?): read.insert(i)
            default: break
            }
        }
        return read
    }

    /// Whether this expression reads `количество(сработавших)` of its own row: not through
    /// a time function (`предыдущее`, `изменение`, `N лет подряд`) or a cohort function,
    /// which read other rows.
    public var readsCountHere: Bool {
        switch node {
        case .countTriggered: return true
        case .number, .boolean, .text, .categoryValue, .levelValue, .indicator, .param, .factor, .scaleLevel, .group:
            return false
        case .previous, .change, .persistence, .cohort:
            return false
        case .negate(let e), .not(let e), .known(let e), .missing(let e):
            return e.readsCountHere
        case .arithmetic(_, let a, let b), .comparison(_, let a, let b), .and(let a, let b), .or(let a, let b):
            return a.readsCountHere || b.readsCountHere
        case .membership(let e, let items, _):
            return e.readsCountHere || items.contains { $0.readsCountHere }
        }
    }

    /// Indicator indices this expression reads, in first-use order, without repeats.
    public var indicatorsUsed: [Int] {
        var seen = Set<Int>()
        var out: [Int] = []
        forEach { e in
            if case .indicator(let i) = e.node, seen.insert(i).inserted { out.append(i) }
        }
        return out
    }
}

/// Pooling of a share or mean over the last school years where one year's count is too
/// small: Σ value × count / Σ count over this year and the `years` − 1 before (the years
/// with both known), used where Σ count `>=` (or `>`, `strict`) the threshold.
public struct Pooling: Sendable {
    public var years: YearRef
    /// The count indicator of the reliability condition (`weight >= threshold`).
    public var weight: Int
    public var strict: Bool
    public var threshold: Threshold

    /// A parameter or a number.
    public enum Threshold: Sendable {
        case param(Int)
        case number(Double)

        public func value(_ params: [Double]) -> Double {
            switch self {
            case .param(let i): return params[i]
            case .number(let v): return v
            }
        }
    }
}

/// A number of school years in a time condition: a whole number, or a parameter's value
/// (which the checker saw to be a whole number from 1 to 20).
public enum YearRef: Sendable, Hashable {
    case count(Int)
    case param(Int)

    /// The number of years with these parameter values (an override that is not a whole
    /// number from 1 to 20 is rounded and kept in that range).
    public func value(_ params: [Double]) -> Int {
        switch self {
        case .count(let n): return n
        case .param(let i):
            let v = params[i].rounded()
            return v.isFinite ? Int(min(20, max(1, v))) : 1
        }
    }
}
