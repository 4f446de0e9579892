import RiskmapLanguage

/// Why a factor came out as it did for one school-year, in plain words.
public struct FactorExplanation: Sendable {
    public var status: Status
    /// Sentences joined with «; », each with the actual values and thresholds.
    public var text: String
    /// Indicators (with the school year) whose missing values left the factor undecided.
    public var missing: [MissingValue]
    /// Indicators whose values are there but not reliable enough (`надёжно если`): «недостаточно
    /// данных». Nothing the school can supply; not in `missing`.
    public var insufficient: [MissingValue] = []
}

/// Says why each factor of a run came out as it did. The status is the run's; the values
/// and what decided them come from `ReferenceEvaluator` (with the cohort values the run
/// recorded), so the sentences follow the language's meaning and the differential tests
/// keep the two in agreement.
public struct Explainer: Sendable {
    public let outcomes: Outcomes
    public let lang: Lang
    /// Whether a triggered factor's basis and a threshold's short basis are cited in
    /// parentheses («порог 10 % (Методика, п. 2.3)»). `explain` and `classify` are read by the
    /// methodologist and cite them; the plans a school director reads do not (the basis is
    /// the methodology's audit trail: the roadmap's annex, roadmap.csv, the rule book).
    public let citations: Bool
    /// Longer parameter bases are rationales, not citations, and are not repeated in plans.
    static let citationLimit = 80

    /// Per parameter: whether its basis is short enough to cite (counted once here: a
    /// long Russian text's length in characters is slow to count on every explanation).
    let citableParamBasis: [Bool]

    public init(_ outcomes: Outcomes, lang: Lang, citations: Bool = true) {
        self.outcomes = outcomes
        self.lang = lang
        self.citations = citations
        citableParamBasis = outcomes.book.params.map { ($0.basis?.count ?? .max) <= Explainer.citationLimit }
    }

    public func factor(_ f: Int, row: Int) -> FactorExplanation {
        var sentences = Sentences(reference: ReferenceEvaluator(outcomes), outcomes: outcomes, row: row, lang: lang,
                                  citableParamBasis: citableParamBasis)
        sentences.citations = citations
        let factor = outcomes.book.factors[f]
        let status = outcomes.factors[f][row]
        switch status {
        case .notApplicable:
            if let applies = factor.applies { sentences.explain(applies) }
            return FactorExplanation(status: status, text: ExplanationText.notApplicable(sentences.joined, lang), missing: [])
        case .unknown:
            let decisive: RExpr
            if let applies = factor.applies, !sentences.value(applies).isKnown { decisive = applies } else { decisive = factor.condition }
            sentences.explain(decisive)
            let all = sentences.reference.evaluate(decisive, row: row).missing.sorted { ($0.indicator, $0.year) < ($1.indicator, $1.year) }
            let missing = all.filter { !$0.insufficient }
            let insufficient = all.filter(\.insufficient)
            var parts: [String] = []
            if !missing.isEmpty {
                parts.append(ExplanationText.missing(missing.map { "«\(outcomes.book.indicators[$0.indicator].title)» (\($0.year))" }, lang))
            }
            if !insufficient.isEmpty {
                parts.append(ExplanationText.insufficient(insufficient.map { reason($0, row: row) }, lang))
            }
            // Nothing missing (e.g. a division by zero): show the undecided comparisons instead.
            let text = parts.isEmpty ? sentences.joined : parts.joined(separator: "; ")
            return FactorExplanation(status: status, text: text, missing: missing, insufficient: insufficient)
        case .triggered, .notTriggered:
            sentences.explain(factor.condition)
            var text = sentences.joined
            if citations, status == .triggered, let basis = factor.basis { text += " (\(basis))" }
            return FactorExplanation(status: status, text: text, missing: [])
        }
    }
}

extension Explainer {
    /// «ВПР…» (2018/19): why its value is not reliable enough — its condition, explained in
    /// that year's row of the school.
    func reason(_ m: MissingValue, row: Int) -> String {
        let indicator = outcomes.book.indicators[m.indicator]
        let name = "«\(indicator.title)» (\(m.year))"
        let reference = ReferenceEvaluator(outcomes)
        guard let condition = indicator.reliable,
              let earlier = reference.row(row, yearsBack: reference.year(of: row).start - m.year.start) else { return name }
        var sentences = Sentences(reference: reference, outcomes: outcomes, row: earlier, lang: lang, citableParamBasis: citableParamBasis)
        sentences.citations = citations
        sentences.explain(condition)
        var text = name + ": " + sentences.joined
        if let pooled = reference.pooled(indicator: m.indicator, row: earlier), pooled.current {
            let total = NumberFormat.value(pooled.total, .count, lang: lang)
            text += "; " + ExplanationText.pooledShort(pooled.years, total: total, lang)
        }
        return text
    }
}

/// The sentences of one explanation, for one row.
private struct Sentences {
    let reference: ReferenceEvaluator
    let outcomes: Outcomes
    let row: Int
    let lang: Lang
    private(set) var list: [String] = []
    /// For a sentence that only says an indicator has a value (««X»: данные есть»), the
    /// indicator's quoted title: the sentence is left out when another one states the value
    /// («известно(x) и x = да» reads ««X» — да», not ««X»: данные есть; «X» — да»).
    private var presence: [Int: String] = [:]
    /// Parameters whose basis this explanation already cited.
    private var citedParams = Set<Int>()
    /// Whether short parameter bases are cited (`Explainer.citations`).
    var citations = true

    /// `Explainer.citableParamBasis`.
    let citableParamBasis: [Bool]

    init(reference: ReferenceEvaluator, outcomes: Outcomes, row: Int, lang: Lang, citableParamBasis: [Bool]) {
        self.reference = reference
        self.outcomes = outcomes
        self.row = row
        self.lang = lang
        self.citableParamBasis = citableParamBasis
    }

    var joined: String {
        list.indices.filter { i in
            guard let subject = presence[i] else { return true }
            return !list.indices.contains { j in j != i && presence[j] == nil && list[j].hasPrefix(subject + " ") }
        }.map { list[$0] }.joined(separator: "; ")
    }
    private var book: CheckedRuleBook { outcomes.book }

    func value(_ e: RExpr) -> Value { reference.evaluate(e, row: row).value }

    /// Appends the sentences that decided `e`'s value.
    mutating func explain(_ e: RExpr) {
        let v = value(e)
        switch e.node {
        case .and(let a, let b), .or(let a, let b):
            let isAnd: Bool
            if case .and = e.node { isAnd = true } else { isAnd = false }
            for child in [a, b] {
                let c = value(child)
                let decisive: Bool
                if !v.isKnown {
                    decisive = !c.isKnown
                } else if v == .truth(isAnd) {
                    decisive = true  // every side mattered: all true for «и», all false for «или»
                } else {
                    decisive = c == v
                }
                if decisive { explain(child) }
            }
        case .not(let x):
            explain(x)
        default:
            if case .known(let x) = e.node, case .indicator(let i) = x.node, value(x).isKnown {
                presence[list.count] = "«\(book.indicators[i].title)»"
            } else if case .missing(let x) = e.node, case .indicator(let i) = x.node, value(x).isKnown {
                presence[list.count] = "«\(book.indicators[i].title)»"
            }
            list.append(sentence(e, v))
        }
    }

    private mutating func sentence(_ e: RExpr, _ v: Value) -> String {
        switch e.node {
        case .comparison(let op, let a, let b) where (op == .equal || op == .notEqual) && (a.type == .bool || b.type == .bool):
            // A yes/no value against да/нет: say what the value is («… — да», «… — нет»),
            // not «1 равно 1».
            let (subject, other) = Self.isTruthLiteral(a) ? (b, a) : (a, b)
            guard Self.isTruthLiteral(other) else { return comparisonSentence(op, a, b, v) }
            guard case .truth(let actual) = value(subject) else { return "\(truthName(subject)): \(ExplanationText.noData(lang))" }
            return ExplanationText.isValue(truthName(subject), ExplanationText.yesNo(actual, lang), lang)
        case .comparison(let op, let a, let b) where op == .equal || op == .notEqual:
            let holds = (op == .equal) == (v == .truth(true))
            // A category value or level on either side; texts by their text.
            if Self.isNamedValue(b) || a.type == .text { return categorySentence(a, b, holds: holds, unknown: !v.isKnown) }
            if Self.isNamedValue(a) { return categorySentence(b, a, holds: holds, unknown: !v.isKnown) }
            return comparisonSentence(op, a, b, v)
        case .comparison(let op, let a, let b):
            return comparisonSentence(op, a, b, v)
        case .membership(let x, let items, _):
            let subject = subjectName(x)
            guard v.isKnown else { return "\(subject): \(ExplanationText.noData(lang))" }
            let list = items.map { valueText($0) }.joined(separator: ", ")
            let own = value(x)
            let isMember = items.contains { value($0) == own }
            return ExplanationText.inList(subject, valueText(x), list, member: isMember, lang)
        case .indicator(let i):
            let text: String
            if case .truth(let b) = v { text = ExplanationText.yesNo(b, lang) } else { text = ExplanationText.noData(lang) }
            let sentence = ExplanationText.isValue("«\(book.indicators[i].title)»", text, lang)
            // A named condition (a computed yes/no indicator): and what decided it.
            guard let formula = book.indicators[i].formula, v.isKnown else { return sentence }
            var inner = Sentences(reference: reference, outcomes: outcomes, row: row, lang: lang, citableParamBasis: citableParamBasis)
            inner.citedParams = citedParams
            inner.citations = citations
            inner.explain(formula)
            citedParams = inner.citedParams
            return sentence + ": " + inner.joined
        case .factor(let i):
            return ExplanationText.factorState(book.factors[i].title, outcomes.factors[i][row], lang)
        case .group(let g):
            return ExplanationText.factorState(book.groups[g].title, outcomes.groups[g][row], lang)
        case .known(let x), .missing(let x):
            let isKnown = value(x).isKnown
            // Without a value, name the subject only (not «… нет данных: нет данных»); a yes/no
            // value is said where it is compared, not here.
            let named = isKnown && x.type != .bool ? describe(x, top: false) : subjectName(x)
            return ExplanationText.known(named, known: isKnown, lang)
        case .persistence(let x, let yearsRef, let atLeastRef):
            // Each year that decided it: those that held (yes), that did not (no), or that
            // are undecided (unknown), most recent first.
            let years = yearsRef.value(outcomes.params)
            let atLeast = atLeastRef?.value(outcomes.params)
            let wanted: Truth = v == .truth(true) ? .yes : (v == .truth(false) ? .no : .unknown)
            var parts: [String] = []
            for back in 0..<years {
                let year = SchoolYear(start: reference.year(of: row).start - back)
                guard let earlier = reference.row(row, yearsBack: back) else {
                    if wanted == .unknown { parts.append("\(year): " + ExplanationText.noData(lang)) }
                    continue
                }
                guard reference.evaluate(x, row: earlier).value.truth == wanted else { continue }
                var inner = Sentences(reference: reference, outcomes: outcomes, row: earlier, lang: lang, citableParamBasis: citableParamBasis)
                inner.citedParams = citedParams
                inner.citations = citations
                inner.explain(x)
                citedParams = inner.citedParams
                parts.append("\(year): " + inner.joined)
            }
            return parts.joined(separator: "; ") + " — " + ExplanationText.persistence(years, atLeast: atLeast, Self.number(v), lang)
        default:
            return describe(e, top: true)
        }
    }

    private mutating func comparisonSentence(_ op: ComparisonOp, _ a: RExpr, _ b: RExpr, _ v: Value) -> String {
        let left = describe(a, top: true)
        let right = describe(b, top: true)
        guard case .truth(let holds) = v else { return "\(left) \(op.rawValue) \(right): \(ExplanationText.noData(lang))" }
        return "\(left) \(ExplanationText.verb(op, holds: holds, lang)) \(right)"
    }

    /// `да` or `нет` written in the rule.
    private static func isTruthLiteral(_ e: RExpr) -> Bool {
        if case .boolean = e.node { return true }
        return false
    }

    /// A yes/no subject by its title: an indicator or named condition «…», a factor or group
    /// by its title, anything else as written.
    private func truthName(_ e: RExpr) -> String {
        switch e.node {
        case .indicator(let i): return "«\(book.indicators[i].title)»"
        case .factor(let i): return "«\(book.factors[i].title)»"
        case .group(let g): return "«\(book.groups[g].title)»"
        default: return e.range.text
        }
    }

    /// A category value or scale level written in the rule.
    private static func isNamedValue(_ e: RExpr) -> Bool {
        switch e.node {
        case .categoryValue, .levelValue: return true
        default: return false
        }
    }

    private func categorySentence(_ subjectExpr: RExpr, _ valueExpr: RExpr, holds: Bool, unknown: Bool) -> String {
        let subject = subjectName(subjectExpr)
        if unknown { return "\(subject): \(ExplanationText.noData(lang))" }
        let expected = valueText(valueExpr)
        let actual = valueText(subjectExpr)
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

    /// The display text of a category value, level, yes/no, text or number.
    private func valueText(_ e: RExpr) -> String {
        switch value(e) {
        case .unknown: return ExplanationText.noData(lang)
        case .truth(let b): return ExplanationText.yesNo(b, lang)
        case .text(let s): return s
        case .category(let i):
            guard case .category(let code) = e.type else { return String(i) }
            let categories = book.indicator(named: code)?.categories ?? []
            return i >= 0 && i < categories.count ? categories[i] : ExplanationText.noData(lang)
        case .level(let i):
            guard case .level(let code) = e.type else { return String(i) }
            let levels = book.scales.first { $0.code == code }?.levels ?? []
            return i >= 0 && i < levels.count ? levels[i].title : ExplanationText.levelUnknown(lang)
        case .number(let v):
            return NumberFormat.value(v, e.type, lang: lang)
        }
    }

    /// A value as a number for display: yes 1, no 0, a category or level its index.
    private static func number(_ v: Value) -> Double {
        switch v {
        case .unknown, .text: return .nan
        case .number(let x): return x
        case .truth(let b): return b ? 1 : 0
        case .category(let i), .level(let i): return Double(i)
        }
    }

    /// An operand with its value: «Доля вакансий 14,3 %», «порог 10 % (Методика, п. 2.3)».
    private mutating func describe(_ e: RExpr, top: Bool) -> String {
        // A yes/no value reads «да»/«нет», never 1/0.
        if case .truth(let b) = value(e) {
            if case .indicator(let i) = e.node {
                return ExplanationText.isValue("«\(book.indicators[i].title)»", ExplanationText.yesNo(b, lang), lang)
            }
            return ExplanationText.yesNo(b, lang)
        }
        let v = Self.number(value(e))
        let value = v.isNaN ? ExplanationText.noData(lang) : NumberFormat.value(v, e.type, lang: lang)
        switch e.node {
        case .indicator(let i):
            let unit = v.isNaN ? nil : book.indicators[i].unit
            let shown = "«\(book.indicators[i].title)» \(value)" + (unit.map { " " + $0 } ?? "")
            // A pooled value: over which years.
            if !v.isNaN, let condition = book.indicators[i].reliable,
               reference.evaluate(condition, row: row).value.truth == .no,
               let pooled = reference.pooled(indicator: i, row: row), pooled.value != nil {
                let total = NumberFormat.value(pooled.total, .count, lang: lang)
                return shown + " (" + ExplanationText.pooled(pooled.years, weight: book.indicators[book.indicators[i].pooling!.weight].title,
                                                              total: total, lang) + ")"
            }
            // A computed indicator: and how it was computed.
            guard let formula = book.indicators[i].formula else { return shown }
            return shown + " (" + describe(formula, top: false) + ")"
        case .param(let i):
            let p = book.params[i]
            let shown = outcomes.params[i] == p.value ? NumberFormat.literal(p.literal, lang: lang) : value
            // A parameter's basis is cited once per explanation, and only when it is a short
            // citation («Методика, п. 2.3»); a long rationale stays in the rule book.
            var citation = ""
            if citations, let basis = p.basis, citableParamBasis[i], citedParams.insert(i).inserted {
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
            let formula = arithmeticText(e)
            return top ? "\(formula) = \(value)" : formula
        case .negate(let x):
            return "−" + describe(x, top: false)
        default:
            return value
        }
    }

    private func describeName(_ e: RExpr) -> String {
        if case .indicator(let i) = e.node { return book.indicators[i].title }
        return e.range.text
    }

    private mutating func arithmeticText(_ e: RExpr) -> String {
        guard case .arithmetic(let op, let a, let b) = e.node else { return describe(e, top: false) }
        func side(_ x: RExpr, _ s: inout Sentences) -> String {
            if case .arithmetic = x.node { return "(" + s.arithmeticText(x) + ")" }
            return s.describe(x, top: false)
        }
        let symbol: String
        switch op {
        case .add: symbol = "+"
        case .subtract: symbol = "−"
        case .multiply: symbol = "×"
        case .divide: symbol = "/"
        }
        let left = side(a, &self)
        return left + " " + symbol + " " + side(b, &self)
    }
}
