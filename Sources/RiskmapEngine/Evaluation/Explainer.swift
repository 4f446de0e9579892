import RiskmapLanguage

/// Why a factor came out as it did for one school-year, in plain words.
public struct FactorExplanation: Sendable {
    public var status: Status
    /// Sentences joined with «; », each with the actual values and thresholds.
    public var text: String
    /// Indicators (with the school year) whose missing values left the factor undecided.
    public var missing: [MissingValue]
}

public struct MissingValue: Sendable, Hashable {
    public var indicator: Int
    public var year: SchoolYear
}

/// Re-walks the checked expressions for one row, recording what decided each result.
/// Uses the same three-valued semantics as the compiled evaluator (a test keeps the two
/// in agreement), and reads factor, level, group and cohort results from the evaluation.
public final class Explainer {
    public let evaluation: Evaluation
    private let evaluator: Evaluator
    public let lang: Lang
    private var missing: [MissingValue] = []
    /// Parameters whose basis this explanation already cited.
    private var citedParams = Set<Int>()
    /// Longer parameter bases are rationales, not citations, and are not repeated in plans.
    static let citationLimit = 80
    private var book: CheckedRuleBook { evaluation.book }
    private var profiles: ProfileSet { evaluation.profiles }

    public init(evaluator: Evaluator, evaluation: Evaluation, lang: Lang) {
        self.evaluator = evaluator
        self.evaluation = evaluation
        self.lang = lang
    }

    public func factor(_ f: Int, row: Int) -> FactorExplanation {
        let factor = book.factors[f]
        let status = evaluation.factors[f][row]
        missing = []
        citedParams = []
        var sentences: [String] = []
        switch status {
        case .notApplicable:
            if let applies = factor.applies { explain(applies, row, into: &sentences) }
            return FactorExplanation(status: status, text: ExplanationText.notApplicable(sentences.joined(separator: "; "), lang), missing: [])
        case .unknown:
            if let applies = factor.applies, eval(applies, row).isNaN {
                explain(applies, row, into: &sentences)
            } else {
                explain(factor.condition, row, into: &sentences)
            }
            let found = Array(Set(missing)).sorted { ($0.year, $0.indicator) > ($1.year, $1.indicator) }
            let names = found.sorted { ($0.indicator, $0.year) < ($1.indicator, $1.year) }.map { m in
                "«\(book.indicators[m.indicator].title)» (\(m.year))"
            }
            // Nothing missing (e.g. a division by zero): show the undecided comparisons instead.
            let text = names.isEmpty ? sentences.joined(separator: "; ") : ExplanationText.missing(names, lang)
            return FactorExplanation(status: status, text: text, missing: found.sorted { ($0.indicator, $0.year) < ($1.indicator, $1.year) })
        case .triggered, .notTriggered:
            explain(factor.condition, row, into: &sentences)
            var text = sentences.joined(separator: "; ")
            if status == .triggered, let basis = factor.basis { text += " (\(basis))" }
            return FactorExplanation(status: status, text: text, missing: [])
        }
    }

    // MARK: - Evaluation (tree-walking, same semantics as Evaluator.compile)

    func eval(_ e: RExpr, _ r: Int) -> Double {
        // A known result does not depend on the values missing below it (three-valued
        // logic is monotone), so only undecided parts keep their missing values.
        let before = missing.count
        let v = evalNode(e, r)
        if !v.isNaN, missing.count > before { missing.removeSubrange(before...) }
        return v
    }

    private func evalNode(_ e: RExpr, _ r: Int) -> Double {
        switch e.node {
        case .number(let v, _): return v
        case .boolean(let b): return b ? 1 : 0
        case .text: return .nan
        case .categoryValue(let i), .levelValue(let i): return Double(i)
        case .indicator(let i):
            let v = profiles.columns[i][r]
            if v.isNaN { missing.append(MissingValue(indicator: i, year: profiles.years[Int(profiles.rowYear[r])])) }
            return v
        case .param(let i): return evaluation.params[i]
        case .factor(let i):
            switch evaluation.factors[i][r] {
            case .triggered: return 1
            case .notTriggered, .notApplicable: return 0
            case .unknown: return .nan
            }
        case .scaleLevel(let s):
            let level = evaluation.levels[s][r]
            return level == Evaluation.unknownLevel ? .nan : Double(level)
        case .group(let g):
            switch evaluation.groups[g][r] {
            case .triggered: return 1
            case .notTriggered, .notApplicable: return 0
            case .unknown: return .nan
            }
        case .negate(let x): return -eval(x, r)
        case .arithmetic(let op, let a, let b):
            let x = eval(a, r), y = eval(b, r)
            switch op {
            case .add: return x + y
            case .subtract: return x - y
            case .multiply: return x * y
            case .divide: return y == 0 ? .nan : x / y
            }
        case .comparison(let op, let a, let b):
            let x = operand(a, other: b, r), y = operand(b, other: a, r)
            if x.isNaN || y.isNaN { return .nan }
            switch op {
            case .less: return x < y ? 1 : 0
            case .lessEqual: return x <= y ? 1 : 0
            case .greater: return x > y ? 1 : 0
            case .greaterEqual: return x >= y ? 1 : 0
            case .equal: return x == y ? 1 : 0
            case .notEqual: return x != y ? 1 : 0
            }
        case .and(let a, let b):
            let x = eval(a, r)
            if x == 0 { return 0 }
            let y = eval(b, r)
            if y == 0 { return 0 }
            return x.isNaN || y.isNaN ? .nan : 1
        case .or(let a, let b):
            let x = eval(a, r)
            if x == 1 { return 1 }
            let y = eval(b, r)
            if y == 1 { return 1 }
            return x.isNaN || y.isNaN ? .nan : 0
        case .not(let x): return 1 - eval(x, r)
        case .membership(let x, let items, let negated):
            let v = eval(x, r)
            if v.isNaN { return .nan }
            var unknown = false
            for item in items {
                let w = operand(item, other: x, r)
                if w.isNaN { unknown = true } else if w == v { return negated ? 0 : 1 }
            }
            return unknown ? .nan : (negated ? 1 : 0)
        case .known(let x):
            let saved = missing
            defer { missing = saved }
            return eval(x, r).isNaN ? 0 : 1
        case .missing(let x):
            let saved = missing
            defer { missing = saved }
            return eval(x, r).isNaN ? 1 : 0
        case .previous(let x, let years):
            guard let earlier = profiles.row(r, yearsBack: years) else {
                noteMissingYear(x, r, back: years)
                return .nan
            }
            return eval(x, earlier)
        case .change(let x):
            guard let earlier = profiles.row(r, yearsBack: 1) else {
                noteMissingYear(x, r, back: 1)
                return .nan
            }
            return eval(x, r) - eval(x, earlier)
        case .cohort(_, let argument, _, let partition):
            let v = evaluator.cohortValue(e, row: r)
            if v.isNaN {
                // Undecided: the school has no partition value, or the statistic had no data.
                if case .indicator(let i)? = partition, profiles.columns[i][r].isNaN {
                    missing.append(MissingValue(indicator: i, year: profiles.years[Int(profiles.rowYear[r])]))
                } else {
                    _ = eval(argument, r)
                }
            }
            return v
        case .countTriggered:
            return Double(evaluation.factors.filter { $0[r] == .triggered }.count)
        case .persistence(let x, let years):
            var unknown = false
            for back in 0..<years {
                guard let earlier = profiles.row(r, yearsBack: back) else {
                    noteMissingYear(x, r, back: back)
                    unknown = true
                    continue
                }
                let v = eval(x, earlier)
                if v == 0 { return 0 }
                if v.isNaN { unknown = true }
            }
            return unknown ? .nan : 1
        }
    }

    /// A whole school year is absent: every indicator the expression reads is missing then.
    private func noteMissingYear(_ x: RExpr, _ r: Int, back: Int) {
        let year = SchoolYear(start: profiles.years[Int(profiles.rowYear[r])].start - back)
        for i in x.indicatorsUsed { missing.append(MissingValue(indicator: i, year: year)) }
    }

    private func operand(_ e: RExpr, other: RExpr, _ r: Int) -> Double {
        if case .text(let s) = e.node, let i = other.textIndicator {
            return (profiles.texts[i] ?? []).firstIndex(of: s).map(Double.init) ?? -1
        }
        return eval(e, r)
    }

    // MARK: - Explanation

    /// Appends the sentences that decided `e`'s value.
    func explain(_ e: RExpr, _ r: Int, into out: inout [String]) {
        let v = eval(e, r)
        switch e.node {
        case .and(let a, let b), .or(let a, let b):
            let isAnd: Bool
            if case .and = e.node { isAnd = true } else { isAnd = false }
            for child in [a, b] {
                let c = eval(child, r)
                let decisive: Bool
                if v.isNaN {
                    decisive = c.isNaN
                } else if (isAnd && v == 1) || (!isAnd && v == 0) {
                    decisive = true
                } else {
                    decisive = c == v
                }
                if decisive { explain(child, r, into: &out) }
            }
        case .not(let x):
            explain(x, r, into: &out)
        default:
            out.append(sentence(e, r, v))
        }
    }

    private func sentence(_ e: RExpr, _ r: Int, _ v: Double) -> String {
        switch e.node {
        case .comparison(let op, let a, let b):
            if case .categoryValue = b.node, op == .equal || op == .notEqual {
                return categorySentence(a, b, r, holds: (op == .equal) == (v == 1), unknown: v.isNaN)
            }
            if case .levelValue = b.node, op == .equal || op == .notEqual {
                return categorySentence(a, b, r, holds: (op == .equal) == (v == 1), unknown: v.isNaN)
            }
            if a.type == .text, op == .equal || op == .notEqual {
                // Text values by their text, not their interned numbers.
                return categorySentence(a, b, r, holds: (op == .equal) == (v == 1), unknown: v.isNaN)
            }
            let left = describe(a, r, top: true)
            let right = describe(b, r, top: true)
            if v.isNaN { return "\(left) \(op.rawValue) \(right): \(ExplanationText.noData(lang))" }
            return "\(left) \(ExplanationText.verb(op, holds: v == 1, lang)) \(right)"
        case .membership(let x, let items, _):
            let subject = subjectName(x)
            if v.isNaN { return "\(subject): \(ExplanationText.noData(lang))" }
            let list = items.map { valueText($0, r, other: x) }.joined(separator: ", ")
            let value = valueText(x, r, other: x)
            let isMember = items.contains { operand($0, other: x, r) == eval(x, r) }
            return ExplanationText.inList(subject, value, list, member: isMember, lang)
        case .indicator(let i):
            let ind = book.indicators[i]
            return ExplanationText.isValue("«\(ind.title)»", v.isNaN ? ExplanationText.noData(lang) : ExplanationText.yesNo(v == 1, lang), lang)
        case .factor(let i):
            return ExplanationText.factorState(book.factors[i].title, evaluation.factors[i][r], lang)
        case .group(let g):
            return ExplanationText.factorState(book.groups[g].title, evaluation.groups[g][r], lang)
        case .known(let x), .missing(let x):
            let isKnown = !eval(x, r).isNaN
            // Without a value, name the subject only (not «… нет данных: нет данных»).
            return ExplanationText.known(isKnown ? describe(x, r, top: false) : subjectName(x), known: isKnown, lang)
        case .persistence(let x, let years):
            var inner: [String] = []
            explain(x, r, into: &inner)
            return inner.joined(separator: "; ") + " — " + ExplanationText.persistence(years, v, lang)
        default:
            return describe(e, r, top: true)
        }
    }

    private func categorySentence(_ subjectExpr: RExpr, _ valueExpr: RExpr, _ r: Int, holds: Bool, unknown: Bool) -> String {
        let subject = subjectName(subjectExpr)
        if unknown { return "\(subject): \(ExplanationText.noData(lang))" }
        let expected = valueText(valueExpr, r, other: subjectExpr)
        let actual = valueText(subjectExpr, r, other: subjectExpr)
        return actual == expected ? ExplanationText.isValue(subject, actual, lang)
            : ExplanationText.isNotValue(subject, actual: actual, expected: expected, lang)
    }

    private func subjectName(_ e: RExpr) -> String {
        switch e.node {
        case .indicator(let i): return "«\(book.indicators[i].title)»"
        case .scaleLevel(let s): return "«\(book.scales[s].title)»"
        default: return e.range.text
        }
    }

    /// The display text of a category value, level, boolean or number.
    private func valueText(_ e: RExpr, _ r: Int, other: RExpr) -> String {
        let v = operand(e, other: other, r)
        if v.isNaN { return ExplanationText.noData(lang) }
        switch e.type {
        case .category(let code):
            let categories = book.indicator(named: code)?.categories ?? []
            return Int(v) < categories.count && v >= 0 ? categories[Int(v)] : ExplanationText.noData(lang)
        case .level(let code):
            let levels = book.scales.first { $0.code == code }?.levels ?? []
            return Int(v) < levels.count && v >= 0 ? levels[Int(v)].title : ExplanationText.levelUnknown(lang)
        case .bool:
            return ExplanationText.yesNo(v == 1, lang)
        case .text:
            if let i = e.textIndicator { return profiles.textValue(indicator: i, v) ?? "" }
            if case .text(let s) = e.node { return s }
            return ""
        default:
            return NumberFormat.value(v, e.type, lang: lang)
        }
    }

    /// An operand with its value: «Доля вакансий 14,3 %», «порог 10 % (Методика, п. 2.3)».
    private func describe(_ e: RExpr, _ r: Int, top: Bool) -> String {
        let v = eval(e, r)
        let value = v.isNaN ? ExplanationText.noData(lang) : NumberFormat.value(v, e.type, lang: lang)
        switch e.node {
        case .indicator(let i):
            let unit = v.isNaN ? nil : book.indicators[i].unit
            return "«\(book.indicators[i].title)» \(value)" + (unit.map { " " + $0 } ?? "")
        case .param(let i):
            let p = book.params[i]
            let shown = evaluation.params[i] == p.value ? NumberFormat.literal(p.literal, lang: lang) : value
            // A parameter's basis is cited once per explanation, and only when it is a short
            // citation («Методика, п. 2.3»); a long rationale stays in the rule book.
            var citation = ""
            if let basis = p.basis, basis.count <= Explainer.citationLimit, citedParams.insert(i).inserted {
                citation = " (\(basis))"
            }
            return ExplanationText.threshold(shown + (p.unit.map { " " + $0 } ?? ""), lang) + citation
        case .number(_, let text):
            return NumberFormat.literal(text, lang: lang)
        case .cohort(let f, _, let parameter, let partition):
            var by: String?
            switch partition {
            case .municipality?: by = ExplanationText.byMunicipality(lang)
            case .indicator(let i)?: by = book.indicators[i].title
            case nil: by = nil
            }
            return ExplanationText.cohort(f, parameter: parameter, by: by, lang) + " (\(value))"
        case .previous(let x, let years):
            return ExplanationText.previous(describeName(x), years: years, lang) + " (\(value))"
        case .change(let x):
            return ExplanationText.change(describeName(x), lang) + " (\(value))"
        case .countTriggered:
            return ExplanationText.triggeredCount(lang) + " \(value)"
        case .arithmetic:
            let formula = arithmeticText(e, r)
            return top ? "\(formula) = \(value)" : formula
        case .negate(let x):
            return "−" + describe(x, r, top: false)
        default:
            return value
        }
    }

    private func describeName(_ e: RExpr) -> String {
        if case .indicator(let i) = e.node { return book.indicators[i].title }
        return e.range.text
    }

    private func arithmeticText(_ e: RExpr, _ r: Int) -> String {
        guard case .arithmetic(let op, let a, let b) = e.node else { return describe(e, r, top: false) }
        func side(_ x: RExpr) -> String {
            if case .arithmetic = x.node { return "(" + arithmeticText(x, r) + ")" }
            return describe(x, r, top: false)
        }
        let symbol: String
        switch op {
        case .add: symbol = "+"
        case .subtract: symbol = "−"
        case .multiply: symbol = "×"
        case .divide: symbol = "/"
        }
        return side(a) + " " + symbol + " " + side(b)
    }
}
