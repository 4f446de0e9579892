import RiskmapLanguage

/// A value missing from the data: an indicator in a school year.
public struct MissingValue: Sendable, Hashable {
    public var indicator: Int
    public var year: SchoolYear
    /// The value is there but not reliable enough to use (`надёжно если`): «недостаточно
    /// данных» rather than «нет данных».
    public var insufficient = false
}

/// The meaning of the rule language (docs/language.md, sections 3–5), written to be
/// obviously right rather than fast: a tree walk over the checked rule book, one row (a
/// school in a school year) at a time, with typed values and three-valued logic.
///
/// `Executor` computes the same results for every row at once and must agree with this
/// on every school (the differential tests in `swift test`). `Explainer` uses it to say
/// why a factor came out as it did, so an explanation can never contradict the meaning.
///
/// Cohort functions (`среднее`, `медиана`, `процентиль`, `ранг`) compare a school with
/// the other schools of its year. With `cohorts: .computed` this evaluator computes them
/// itself, from every row of the profile set (quadratic, for tests); with
/// `.recorded(outcomes)` it takes the values a run recorded for each node.
public struct ReferenceEvaluator {
    public enum Cohorts {
        case computed
        case recorded(Outcomes)
    }

    public let book: CheckedRuleBook
    public let params: [Double]
    public let profiles: ProfileSet
    public let cohorts: Cohorts

    public init(book: CheckedRuleBook, params: [Double]? = nil, profiles: ProfileSet, cohorts: Cohorts = .computed) {
        self.book = book
        self.params = params ?? book.params.map(\.value)
        self.profiles = profiles
        self.cohorts = cohorts
    }

    /// Uses the values and cohort results of a run.
    public init(_ outcomes: Outcomes) {
        self.init(book: outcomes.book, params: outcomes.params, profiles: outcomes.profiles, cohorts: .recorded(outcomes))
    }

    /// A value and, when it is unknown, the missing data it is unknown for.
    public struct Result: Sendable {
        public var value: Value
        /// Empty when the value is known: a known result does not depend on what is
        /// missing below it (three-valued logic is monotone).
        public var missing: Set<MissingValue>

        init(_ value: Value, missing: Set<MissingValue> = []) {
            self.value = value
            self.missing = value.isKnown ? [] : missing
        }
    }

    // MARK: - Outcomes

    public func factorStatus(_ f: Int, row: Int) -> Status {
        let factor = book.factors[f]
        if let applies = factor.applies {
            switch evaluate(applies, row: row).value.truth {
            case .unknown: return .unknown
            case .no: return .notApplicable
            case .yes: break
            }
        }
        switch evaluate(factor.condition, row: row).value.truth {
        case .yes: return .triggered
        case .no: return .notTriggered
        case .unknown: return .unknown
        }
    }

    /// The first level whose condition holds (`иначе` always does); unknown as soon as an
    /// earlier level's condition is undecided; `Outcomes.noLevel` when none holds.
    public func level(_ s: Int, row: Int) -> Int16 {
        for (i, level) in book.scales[s].levels.enumerated() {
            guard let condition = level.condition else { return Int16(i) }
            switch evaluate(condition, row: row).value.truth {
            case .yes: return Int16(i)
            case .unknown: return Outcomes.unknownLevel
            case .no: continue
            }
        }
        return Outcomes.noLevel
    }

    public func groupStatus(_ g: Int, row: Int) -> Status {
        switch evaluate(book.groups[g].condition, row: row).value.truth {
        case .yes: return .triggered
        case .no: return .notTriggered
        case .unknown: return .unknown
        }
    }

    /// A measure is in the plan when a factor it addresses is triggered or the school is in a
    /// group it addresses, and its `только если` condition holds (an undecided condition keeps it out).
    public func inPlan(_ m: Int, row: Int) -> Bool {
        let measure = book.measures[m]
        guard measure.addresses.contains(where: { factorStatus($0, row: row) == .triggered })
            || measure.addressesGroups.contains(where: { groupStatus($0, row: row) == .triggered }) else { return false }
        guard let onlyWhen = measure.onlyWhen else { return true }
        return evaluate(onlyWhen, row: row).value.truth == .yes
    }

    // MARK: - Expressions

    /// The value of `e` for row `r`. `count`: the number of triggered factors to assume
    /// (while a comparison is decided over every count the undetermined factors allow).
    public func evaluate(_ e: RExpr, row r: Int, count: Int? = nil) -> Result {
        // Sub-expressions of the same row see the same assumed count; those of other rows
        // (time and cohort functions) do not.
        func here(_ x: RExpr) -> Result { evaluate(x, row: r, count: count) }
        switch e.node {
        case .number(let v, _): return Result(.number(v))
        case .boolean(let b): return Result(.truth(b))
        case .text(let s): return Result(.text(s))
        case .categoryValue(let i): return Result(.category(i))
        case .levelValue(let i): return Result(.level(i))
        case .param(let i): return Result(.number(params[i]))
        case .indicator(let i):
            // A computed indicator is its formula's value (and missing what the formula misses).
            if let formula = book.indicators[i].formula { return evaluate(formula, row: r) }
            // A value that is not reliable enough counts as unknown: «недостаточно данных».
            if let reliable = book.indicators[i].reliable, evaluate(reliable, row: r).value.truth == .no {
                // Pooled over the last years if the rule book says so and there are enough.
                if let pooled = pooled(indicator: i, row: r) {
                    if let v = pooled.value { return Result(.number(v)) }
                    if !pooled.current { return Result(.unknown, missing: [MissingValue(indicator: i, year: year(of: r))]) }
                }
                return Result(.unknown, missing: [MissingValue(indicator: i, year: year(of: r), insufficient: true)])
            }
            let v = value(indicator: i, row: r)
            return Result(v, missing: [MissingValue(indicator: i, year: year(of: r))])
        case .factor(let f):
            switch factorStatus(f, row: r) {
            case .triggered: return Result(.truth(true))
            case .notTriggered, .notApplicable: return Result(.truth(false))
            case .unknown: return Result(.unknown)
            }
        case .scaleLevel(let s):
            let l = level(s, row: r)
            return Result(l == Outcomes.unknownLevel ? .unknown : .level(Int(l)))
        case .group(let g):
            switch groupStatus(g, row: r) {
            case .triggered: return Result(.truth(true))
            case .notTriggered, .notApplicable: return Result(.truth(false))
            case .unknown: return Result(.unknown)
            }
        case .countTriggered:
            // Known when no factor is undetermined (or while a comparison assumes a count).
            if let count { return Result(.number(Double(count))) }
            let (low, high) = triggeredCountRange(row: r)
            return Result(low == high ? .number(Double(low)) : .unknown)
        case .comparison, .membership:
            guard count == nil, e.readsCountHere else { return decide(e, row: r, count: count) }
            // A comparison with `количество(сработавших)` is decided when it comes out the
            // same for every count the undetermined factors allow.
            let (low, high) = triggeredCountRange(row: r)
            let first = decide(e, row: r, count: low)
            for c in low...high where decide(e, row: r, count: c).value != first.value {
                return Result(.unknown)
            }
            return first
        case .negate(let x):
            let a = here(x)
            return Result(a.value.number.map { .number(-$0) } ?? .unknown, missing: a.missing)
        case .arithmetic(let op, let x, let y):
            let a = here(x), b = here(y)
            guard let p = a.value.number, let q = b.value.number else { return Result(.unknown, missing: a.missing.union(b.missing)) }
            switch op {
            case .add: return Result(.of(p + q))
            case .subtract: return Result(.of(p - q))
            case .multiply: return Result(.of(p * q))
            case .divide: return Result(q == 0 ? .unknown : .of(p / q))  // division by zero: unknown
            }
        case .and(let x, let y):
            let a = here(x), b = here(y)
            return Result((a.value.truth && b.value.truth).value, missing: a.missing.union(b.missing))
        case .or(let x, let y):
            let a = here(x), b = here(y)
            return Result((a.value.truth || b.value.truth).value, missing: a.missing.union(b.missing))
        case .not(let x):
            let a = here(x)
            return Result((!a.value.truth).value, missing: a.missing)
        case .known(let x):
            return Result(.truth(here(x).value.isKnown))
        case .missing(let x):
            return Result(.truth(!here(x).value.isKnown))
        case .previous(let x, let years):
            // The same school's row `years` school years earlier; none: unknown.
            guard let earlier = self.row(r, yearsBack: years) else { return absentYear(x, r, back: years) }
            return evaluate(x, row: earlier)
        case .change(let x):
            guard let earlier = self.row(r, yearsBack: 1) else { return absentYear(x, r, back: 1) }
            let now = evaluate(x, row: r), before = evaluate(x, row: earlier)
            guard let p = now.value.number, let q = before.value.number else {
                return Result(.unknown, missing: now.missing.union(before.missing))
            }
            return Result(.of(p - q))
        case .persistence(let x, let yearsRef, let atLeastRef):
            // This year and the `years - 1` before: yes if the condition holds in at least
            // `atLeast` of them (all of them for «N лет подряд»); no if it cannot, even if every
            // undecided year (unknown, or no row) held; else unknown.
            let years = yearsRef.value(params), needed = atLeastRef?.value(params) ?? years
            var yes = 0, undecided = 0
            var missing = Set<MissingValue>()
            for back in 0..<years {
                let v = yearOf(x, r, back: back)
                switch v.value.truth {
                case .yes: yes += 1
                case .no: break
                case .unknown: undecided += 1; missing.formUnion(v.missing)
                }
            }
            let result: Truth = yes >= needed ? .yes : (yes + undecided < needed ? .no : .unknown)
            return Result(result.value, missing: missing)
        case .cohort(let function, let argument, let parameter, let partition):
            let v: Value
            switch cohorts {
            case .recorded(let outcomes): v = .of(outcomes.cohortValue(e, row: r))
            case .computed: v = cohort(function, argument, parameter, partition, row: r)
            }
            guard !v.isKnown else { return Result(v) }
            // Unknown: the school has no value to split by, or no data for the statistic.
            if case .indicator(let i)? = partition, !value(indicator: i, row: r).isKnown {
                return Result(.unknown, missing: [MissingValue(indicator: i, year: year(of: r))])
            }
            return Result(.unknown, missing: evaluate(argument, row: r).missing)
        }
    }

    /// A comparison or `в (…)` for row `r`, with `count` assumed (if any).
    private func decide(_ e: RExpr, row r: Int, count: Int?) -> Result {
        func here(_ x: RExpr) -> Result { evaluate(x, row: r, count: count) }
        switch e.node {
        case .comparison(let op, let x, let y):
            let a = here(x), b = here(y)
            guard a.value.isKnown, b.value.isKnown else { return Result(.unknown, missing: a.missing.union(b.missing)) }
            return Result(.truth(Self.compare(op, a.value, b.value)))
        case .membership(let x, let items, let negated):
            // Yes on a match; else unknown if the subject or an item is unknown; else no.
            let subject = here(x)
            guard subject.value.isKnown else { return subject }
            var found = Truth.no
            var missing = Set<MissingValue>()
            for item in items {
                let w = here(item)
                if !w.value.isKnown { found = found || .unknown; missing.formUnion(w.missing) }
                else if Self.compare(.equal, w.value, subject.value) { found = .yes }
            }
            return Result((negated ? !found : found).value, missing: missing)
        default:
            preconditionFailure("decide(_:) takes comparisons and memberships")
        }
    }

    /// The fewest and the most factors that can be triggered for row `r`: the triggered
    /// ones, and those plus the undetermined ones.
    public func triggeredCountRange(row r: Int) -> (Int, Int) {
        let statuses = book.factors.indices.map { factorStatus($0, row: r) }
        let triggered = statuses.filter { $0 == .triggered }.count
        return (triggered, triggered + statuses.filter { $0 == .unknown }.count)
    }

    static func compare(_ op: ComparisonOp, _ a: Value, _ b: Value) -> Bool {
        if let x = a.number, let y = b.number {
            // As Excel: both sides rounded to 15 significant digits for the comparison
            // (`sides` rounds only sides close enough for it to matter; ExcelComparisonTests
            // hold it to rounding always).
            let (p, q) = ComparedNumber.sides(x, y)
            switch op {
            case .less: return p < q
            case .lessEqual: return p <= q
            case .greater: return p > q
            case .greaterEqual: return p >= q
            case .equal: return p == q
            case .notEqual: return p != q
            }
        }
        // Yes/no, categories, texts and levels: equality only (the checker sees to it).
        switch op {
        case .equal: return a == b
        case .notEqual: return a != b
        case .less, .lessEqual, .greater, .greaterEqual:
            preconditionFailure("the checker lets only numbers be ordered")
        }
    }

    // MARK: - Data

    /// `надёжно если n >= t иначе за последние N лет` where this year's `n` falls short:
    /// Σ x·n / Σ n over this year and the N − 1 before (each year with both known and
    /// n > 0), used when Σ n meets the threshold. Nil without pooling; `current` false when
    /// this year's value is missing; `years` those pooled, oldest first.
    public func pooled(indicator i: Int, row r: Int) -> (value: Double?, current: Bool, years: [SchoolYear], total: Double)? {
        guard let p = book.indicators[i].pooling else { return nil }
        guard case .number = value(indicator: i, row: r) else { return (nil, false, [], 0) }
        var sum = 0.0, total = 0.0
        var years: [SchoolYear] = []
        for back in 0..<p.years.value(params) {
            guard let earlier = row(r, yearsBack: back),
                  case .number(let x) = value(indicator: i, row: earlier),
                  case .number(let n) = value(indicator: p.weight, row: earlier), n > 0 else { continue }
            sum += x * n
            total += n
            years.insert(year(of: earlier), at: 0)
        }
        let (a, b) = ComparedNumber.sides(total, p.threshold.value(params))
        let enough = p.strict ? a > b : a >= b
        return (enough ? sum / total : nil, true, years, total)
    }

    /// An indicator's value in a row, typed by the indicator's kind.
    public func value(indicator i: Int, row r: Int) -> Value {
        let v = profiles.columns[i][r]
        if v.isNaN { return .unknown }
        switch book.indicators[i].kind {
        case .count, .number, .percent: return .number(v)
        case .bool: return .truth(v == 1)
        case .category: return .category(Int(v))
        case .text: return profiles.text(ofValue: v).map(Value.text) ?? .unknown
        }
    }

    func year(of r: Int) -> SchoolYear {
        profiles.years[Int(profiles.rowYear[r])]
    }

    /// The row of the same school `back` calendar school years earlier, if the data has one.
    func row(_ r: Int, yearsBack back: Int) -> Int? {
        let target = year(of: r).start - back
        guard let y = profiles.years.firstIndex(where: { $0.start == target }) else { return nil }
        return profiles.row(school: Int(profiles.rowSchool[r]), yearIndex: y)
    }

    /// `x` for the same school `back` school years before row `r`'s year (unknown when it
    /// has no row then).
    func yearOf(_ x: RExpr, _ r: Int, back: Int) -> Result {
        guard let earlier = self.row(r, yearsBack: back) else { return absentYear(x, r, back: back) }
        return evaluate(x, row: earlier)
    }

    /// A school year the school has no row for: unknown, for want of every indicator the
    /// expression reads in that year.
    private func absentYear(_ x: RExpr, _ r: Int, back: Int) -> Result {
        let year = SchoolYear(start: year(of: r).start - back)
        let read = book.storedIndicators(Set(x.indicatorsUsed))
        return Result(.unknown, missing: Set(read.map { MissingValue(indicator: $0, year: year) }))
    }

    // MARK: - Cohorts, computed

    /// The statistic over the rows of the same school year (and the same partition value),
    /// missing values left out, as Excel's functions do (docs/language.md, 3.6).
    func cohort(_ function: CohortFunction, _ argument: RExpr, _ parameter: Double?, _ partition: CohortPartition?, row r: Int) -> Value {
        let members: [Int]
        let sameYear = (0..<profiles.rowCount).filter { profiles.rowYear[$0] == profiles.rowYear[r] }
        switch partition {
        case nil:
            members = sameYear
        case .municipality?:
            let m = profiles.school(row: r).municipality
            members = sameYear.filter { profiles.school(row: $0).municipality == m }
        case .indicator(let i)?:
            let own = value(indicator: i, row: r)
            guard own.isKnown else { return .unknown }
            members = sameYear.filter { value(indicator: i, row: $0) == own }
        }
        let values = members.compactMap { evaluate(argument, row: $0).value.number }.sorted()
        guard !values.isEmpty else { return .unknown }
        switch function {
        case .mean:
            return .number(values.reduce(0, +) / Double(values.count))  // summed in ascending order
        case .median:
            return .number(Self.percentile(values, 50))
        case .percentile:
            return .number(Self.percentile(values, parameter ?? 50))
        case .rank:
            // 1 + the number of greater values, as RANK.EQ; no own value, no rank.
            guard let own = evaluate(argument, row: r).value.number else { return .unknown }
            return .number(Double(1 + values.filter { $0 > own }.count))
        }
    }

    /// PERCENTILE.INC of ascending values, as docs/language.md, 3.6 computes it by hand:
    /// h = (n − 1) · p / 100, k = ⌊h⌋; x₍ₖ₊₁₎ when h is whole, else
    /// x₍ₖ₊₁₎ + (h − k) · (x₍ₖ₊₂₎ − x₍ₖ₊₁₎) (1-based).
    static func percentile(_ x: [Double], _ p: Double) -> Double {
        let h = Double(x.count - 1) * p / 100
        let k = Int(h.rounded(.down))
        if h == Double(k) { return x[k] }
        return x[k] + (h - Double(k)) * (x[k + 1] - x[k])
    }
}
