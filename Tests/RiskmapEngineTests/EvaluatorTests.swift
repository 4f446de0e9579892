import Testing
@testable import RiskmapEngine
import RiskmapLanguage

/// Table tests of the evaluator's semantics, with missing values in every position.
@Suite struct EvaluatorTests {
    /// Every table test evaluates one factor over one school-year with these indicators.
    static let declarations = """
        indicator a "Признак А" : bool
        indicator b "Признак Б" : bool
        indicator x "Икс" : number
        indicator y "Игрек" : number
        indicator n "Эн" : count
        indicator p "Доля" : percent
        indicator t "Тип" : category(СОШ, ООШ, НОШ)
        indicator note "Заметка" : text
        param lim "Порог" = 10
        param share "Порог доли" = 30%

        """

    static func status(_ condition: String, _ values: [String: V], applies: String? = nil) throws -> Status {
        let text = declarations + "factor f \"F\" {\n" + (applies.map { "  applies when \($0)\n" } ?? "") + "  when \(condition)\n}\n"
        return try Evaluated(text, [TestRow("S", values)]).factor("f")
    }

    /// One row of a table: a condition, the data, the expected status.
    struct Case: Sendable, CustomTestStringConvertible {
        var condition: String
        var values: [String: V]
        var expected: Status
        var applies: String? = nil

        init(_ condition: String, _ values: [String: V], _ expected: Status, applies: String? = nil) {
            self.condition = condition
            self.values = values
            self.expected = expected
            self.applies = applies
        }

        var testDescription: String {
            let data = values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
            return (applies.map { "applies \($0); " } ?? "") + "\(condition) [\(data)] → \(expected)"
        }
    }

    static func run(_ c: Case) throws {
        let actual = try status(c.condition, c.values, applies: c.applies)
        #expect(actual == c.expected, "\(c.testDescription): got \(actual)")
    }

    // MARK: - Three-valued logic

    enum TV: String, Sendable, CaseIterable, CustomTestStringConvertible {
        case t = "true", f = "false", u = "unknown"
        var value: V {
            switch self {
            case .t: return true
            case .f: return false
            case .u: return .missing
            }
        }
        var status: Status {
            switch self {
            case .t: return .triggered
            case .f: return .notTriggered
            case .u: return .unknown
            }
        }
        var testDescription: String { rawValue }
    }

    static func kleeneAnd(_ l: TV, _ r: TV) -> TV {
        if l == .f || r == .f { return .f }
        if l == .u || r == .u { return .u }
        return .t
    }

    static func kleeneOr(_ l: TV, _ r: TV) -> TV {
        if l == .t || r == .t { return .t }
        if l == .u || r == .u { return .u }
        return .f
    }

    @Test("and: all 9 combinations, both spellings", arguments: TV.allCases, TV.allCases)
    func and(_ l: TV, _ r: TV) throws {
        let expected = Self.kleeneAnd(l, r).status
        #expect(try Self.status("a and b", ["a": l.value, "b": r.value]) == expected)
        #expect(try Self.status("a и b", ["a": l.value, "b": r.value]) == expected)
        // Order of operands does not matter (no short-circuit surprises).
        #expect(try Self.status("b and a", ["a": l.value, "b": r.value]) == expected)
    }

    @Test("or: all 9 combinations, both spellings", arguments: TV.allCases, TV.allCases)
    func or(_ l: TV, _ r: TV) throws {
        let expected = Self.kleeneOr(l, r).status
        #expect(try Self.status("a or b", ["a": l.value, "b": r.value]) == expected)
        #expect(try Self.status("a или b", ["a": l.value, "b": r.value]) == expected)
        #expect(try Self.status("b or a", ["a": l.value, "b": r.value]) == expected)
    }

    @Test("not", arguments: TV.allCases)
    func not(_ v: TV) throws {
        let expected: Status = v == .t ? .notTriggered : (v == .f ? .triggered : .unknown)
        #expect(try Self.status("not a", ["a": v.value]) == expected)
        #expect(try Self.status("не a", ["a": v.value]) == expected)
        // Double negation gives the value back.
        #expect(try Self.status("not not a", ["a": v.value]) == v.status)
    }

    @Test("not over and/or (De Morgan holds in three-valued logic)", arguments: TV.allCases, TV.allCases)
    func deMorgan(_ l: TV, _ r: TV) throws {
        let values: [String: V] = ["a": l.value, "b": r.value]
        #expect(try Self.status("not (a and b)", values) == Self.status("not a or not b", values))
        #expect(try Self.status("not (a or b)", values) == Self.status("not a and not b", values))
    }

    // MARK: - Comparisons

    static let operators = ["<", "<=", ">", ">=", "=", "!=", "≤", "≥", "≠"]

    static let comparisonCases: [Case] = operators.flatMap { op in
        [
            Case("x \(op) y", ["x": .missing, "y": 1], .unknown),
            Case("x \(op) y", ["x": 1, "y": .missing], .unknown),
            Case("x \(op) y", ["x": .missing, "y": .missing], .unknown),
            Case("x \(op) 5", ["x": .missing], .unknown),
            Case("5 \(op) x", ["x": .missing], .unknown),
            Case("x \(op) lim", ["x": .missing], .unknown),
            Case("n \(op) x", ["n": 3, "x": .missing], .unknown),
            Case("p \(op) share", ["p": .missing], .unknown),
            Case("p \(op) 30%", ["p": .missing], .unknown),
        ]
    } + [
        Case("x < y", ["x": 1, "y": 2], .triggered),
        Case("x < y", ["x": 2, "y": 2], .notTriggered),
        Case("x <= y", ["x": 2, "y": 2], .triggered),
        Case("x > y", ["x": 3, "y": 2], .triggered),
        Case("x >= y", ["x": 1, "y": 2], .notTriggered),
        Case("x = y", ["x": 2.5, "y": 2.5], .triggered),
        Case("x != y", ["x": 2.5, "y": 2.5], .notTriggered),
        Case("x ≠ y", ["x": 1, "y": 2.5], .triggered),
        Case("x > lim", ["x": 10], .notTriggered),
        Case("x ≥ lim", ["x": 10], .triggered),
        Case("p > share", ["p": 30.5], .triggered),
        Case("p > 30%", ["p": 30], .notTriggered),
        Case("a = да", ["a": true], .triggered),
        Case("a = нет", ["a": .missing], .unknown),
        Case("t = СОШ", ["t": "СОШ"], .triggered),
        Case("t = СОШ", ["t": "ООШ"], .notTriggered),
        Case("t != СОШ", ["t": .missing], .unknown),
        Case("note = \"ремонт\"", ["note": "ремонт"], .triggered),
        Case("note = \"ремонт\"", ["note": "другое"], .notTriggered),
        Case("note = \"ремонт\"", ["note": .missing], .unknown),
        Case("note != \"ремонт\"", ["note": "другое"], .triggered),
    ]

    @Test("comparisons with a missing side are unknown", arguments: comparisonCases)
    func comparison(_ c: Case) throws { try Self.run(c) }

    // MARK: - Arithmetic

    static let arithmeticCases: [Case] = [
        Case("x + y > 0", ["x": .missing, "y": 1], .unknown),
        Case("x + y > 0", ["x": 1, "y": .missing], .unknown),
        Case("x - y > 0", ["x": .missing, "y": .missing], .unknown),
        Case("x * y > 0", ["x": .missing, "y": 1], .unknown),
        // A missing value times zero is still missing, not zero.
        Case("x * 0 = 0", ["x": .missing], .unknown),
        Case("x / y > 0", ["x": .missing, "y": 1], .unknown),
        Case("x / y > 0", ["x": 1, "y": .missing], .unknown),
        Case("-x < 0", ["x": .missing], .unknown),
        Case("-x < 0", ["x": 1], .triggered),
        Case("(n / x) * 100% > share", ["n": 4, "x": .missing], .unknown),
        Case("(n / x) * 100% > share", ["n": 4, "x": 10], .triggered),
        Case("(n / x) * 100% > share", ["n": 3, "x": 10], .notTriggered),
        Case("x + y * 2 = 7", ["x": 1, "y": 3], .triggered),
        Case("(x + y) * 2 = 8", ["x": 1, "y": 3], .triggered),
        Case("x - y - 1 = 0", ["x": 3, "y": 2], .triggered),
    ]

    @Test("arithmetic propagates missing values", arguments: arithmeticCases)
    func arithmetic(_ c: Case) throws { try Self.run(c) }

    static let divisionCases: [Case] = [
        Case("x / y > 0", ["x": 1, "y": 0], .unknown),
        Case("x / y < 0", ["x": 1, "y": 0], .unknown),
        Case("x / y = 0", ["x": 0, "y": 0], .unknown),
        Case("x / 0 > 1", ["x": 5], .unknown),
        Case("(n / x) * 100% > share", ["n": 2, "x": 0], .unknown),
        Case("known(x / y)", ["x": 1, "y": 0], .notTriggered),
        Case("missing(x / y)", ["x": 1, "y": 0], .triggered),
        Case("x / y > 1 or a", ["x": 1, "y": 0, "a": true], .triggered),
        Case("x / y > 1 or a", ["x": 1, "y": 0, "a": false], .unknown),
        Case("x / y > 1 and a", ["x": 1, "y": 0, "a": false], .notTriggered),
        Case("x / y > 1", ["x": 3, "y": 2], .triggered),
    ]

    @Test("division by zero is unknown, never a crash or infinity", arguments: divisionCases)
    func division(_ c: Case) throws { try Self.run(c) }

    // MARK: - Membership

    static let membershipCases: [Case] = [
        Case("t in (СОШ, ООШ)", ["t": .missing], .unknown),
        Case("t in (СОШ, ООШ)", ["t": "СОШ"], .triggered),
        Case("t in (СОШ, ООШ)", ["t": "НОШ"], .notTriggered),
        Case("t в (СОШ, ООШ)", ["t": "ООШ"], .triggered),
        Case("t not in (СОШ, ООШ)", ["t": .missing], .unknown),
        Case("t not in (СОШ, ООШ)", ["t": "НОШ"], .triggered),
        Case("t не в (СОШ, ООШ)", ["t": "СОШ"], .notTriggered),
        Case("x in (1, 2)", ["x": .missing], .unknown),
        Case("x in (1, 2)", ["x": 2], .triggered),
        Case("x in (1, y)", ["x": 1, "y": .missing], .triggered),
        Case("x in (1, y)", ["x": 2, "y": .missing], .unknown),
        Case("x in (1, y)", ["x": 2, "y": 2], .triggered),
        Case("x in (1, y)", ["x": 3, "y": 2], .notTriggered),
        Case("x not in (1, y)", ["x": 3, "y": .missing], .unknown),
        Case("x not in (1, y)", ["x": 1, "y": .missing], .notTriggered),
    ]

    @Test("in (...) with missing values", arguments: membershipCases)
    func membership(_ c: Case) throws { try Self.run(c) }

    // MARK: - known() / missing()

    static let knownCases: [Case] = [
        Case("known(x)", ["x": .missing], .notTriggered),
        Case("known(x)", ["x": 0], .triggered),
        Case("missing(x)", ["x": .missing], .triggered),
        Case("missing(x)", ["x": 0], .notTriggered),
        Case("известно(x)", ["x": .missing], .notTriggered),
        Case("нет_данных(x)", ["x": .missing], .triggered),
        Case("not known(x)", ["x": .missing], .triggered),
        Case("known(x + y)", ["x": 1, "y": .missing], .notTriggered),
        Case("known(a)", ["a": false], .triggered),
        Case("known(t)", ["t": .missing], .notTriggered),
        Case("known(previous(x))", ["x": 1], .notTriggered),
        Case("missing(previous(x))", ["x": 1], .triggered),
        Case("known(x) and x > 5", ["x": .missing], .notTriggered),
        Case("missing(x) or x > 5", ["x": .missing], .triggered),
    ]

    @Test("known() and missing() are never unknown", arguments: knownCases)
    func known(_ c: Case) throws { try Self.run(c) }

    // MARK: - applies when

    static let appliesCases: [Case] = TV.allCases.flatMap { w in
        [
            Case("b", ["a": false, "b": w.value], .notApplicable, applies: "a"),
            Case("b", ["a": .missing, "b": w.value], .unknown, applies: "a"),
            Case("b", ["a": true, "b": w.value], w.status, applies: "a"),
        ]
    } + [
        Case("x > 5", ["t": "ООШ", "x": .missing], .notApplicable, applies: "t in (СОШ, НОШ)"),
        Case("x > 5", ["t": .missing, "x": 10], .unknown, applies: "t in (СОШ, НОШ)"),
        Case("x > 5", ["t": "СОШ", "x": 10], .triggered, applies: "t in (СОШ, НОШ)"),
    ]

    @Test("applies when: false → not applicable, unknown → unknown", arguments: appliesCases)
    func applies(_ c: Case) throws { try Self.run(c) }

    @Test func russianAppliesSpelling() throws {
        let text = Self.declarations + """
            фактор f "F" {
              применяется если a
              если b
            }
            """
        #expect(try Evaluated(text, [TestRow("S", ["a": false, "b": true])]).factor("f") == .notApplicable)
        #expect(try Evaluated(text, [TestRow("S", ["a": .missing, "b": false])]).factor("f") == .unknown)
    }

    // MARK: - Unknown factors name their missing indicators

    @Test func unknownFactorListsMissingIndicators() throws {
        let text = Self.declarations + """
            factor f "F" { when x > lim and y > 0 or p > share }
            """
        let e = try Evaluated(text, [TestRow("S", ["x": .missing, "y": .missing, "p": 10])])
        #expect(e.factor("f") == .unknown)
        let explanation = e.explain("f")
        #expect(explanation.status == .unknown)
        let x = e.book.indicator(named: "x")!.index, y = e.book.indicator(named: "y")!.index
        #expect(explanation.missing == [MissingValue(indicator: x, year: year(2025)), MissingValue(indicator: y, year: year(2025))])
        #expect(explanation.text == "нет данных: «Икс» (2025/26), «Игрек» (2025/26)")
        #expect(e.explain("f", lang: .en).text == "no data: «Икс» (2025/26), «Игрек» (2025/26)")
    }

    @Test func unknownFactorNamesTheMissingEarlierYear() throws {
        let text = Self.declarations + """
            factor f "F" { when change(x) > 0 }
            """
        let e = try Evaluated(text, [TestRow("S", year(2025), ["x": 5])])
        #expect(e.factor("f") == .unknown)
        let x = e.book.indicator(named: "x")!.index
        #expect(e.explain("f").missing == [MissingValue(indicator: x, year: year(2024))])
    }

    @Test func unknownAppliesListsItsMissingIndicator() throws {
        let text = Self.declarations + """
            factor f "F" { applies when t = СОШ  when x > 5 }
            """
        let e = try Evaluated(text, [TestRow("S", ["t": .missing, "x": .missing])])
        let explanation = e.explain("f")
        #expect(explanation.status == .unknown)
        #expect(explanation.missing.map(\.indicator) == [e.book.indicator(named: "t")!.index])
    }

    @Test func decidedFactorsListNothingMissing() throws {
        let text = Self.declarations + """
            factor f "F" { when x > 5 or y > 5 }
            """
        let e = try Evaluated(text, [TestRow("S", ["x": 10, "y": .missing])])
        #expect(e.factor("f") == .triggered)
        #expect(e.explain("f").missing.isEmpty)
    }

    // MARK: - Scales, groups, count(triggered), measures

    static let classification = """
        indicator a "А" : bool
        indicator b "Б" : bool
        indicator x "Икс" : number
        factor f1 "Ф1" { when a }
        factor f2 "Ф2" { when b }
        factor f3 "Ф3" { when x > 0 }
        scale risk "Риск" {
          high "высокий" when count(triggered) >= 2
          medium "средний" when f1
          low "низкий" otherwise
        }
        scale bare "Без иначе" { top "верх" when f1 }
        group g_high "Высокий риск" when risk = high
        group g_any "Любой риск" { when risk in (high, medium) }
        group g_bare "Верх" when bare = top
        role r "Ответственный"
        measure m1 "Мера 1" { addresses f1  responsible r }
        measure m2 "Мера 2" { addresses f1, f2  only when g_high  responsible r }
        measure m3 "Мера 3" { addresses f3  only when not f1  responsible r }

        """

    struct ClassificationCase: Sendable, CustomTestStringConvertible {
        var a: V, b: V, x: V
        /// The `counted` scale's level: the count when it is decided, else "unknown".
        var counted: String
        var risk: String
        var bare: String
        var groups: [String: Status]
        var measures: [String: Bool]
        var testDescription: String { "a=\(a) b=\(b) x=\(x) → risk \(risk), bare \(bare)" }
    }

    static let classificationCases: [ClassificationCase] = [
        // All three triggered: the first level matches.
        .init(a: true, b: true, x: 1, counted: "three", risk: "high", bare: "top",
              groups: ["g_high": .triggered, "g_any": .triggered, "g_bare": .triggered],
              measures: ["m1": true, "m2": true, "m3": false]),
        // One factor: the second level.
        .init(a: true, b: false, x: -1, counted: "one", risk: "medium", bare: "top",
              groups: ["g_high": .notTriggered, "g_any": .triggered, "g_bare": .triggered],
              measures: ["m1": true, "m2": false, "m3": false]),
        // Nothing: otherwise.
        .init(a: false, b: false, x: -1, counted: "zero", risk: "low", bare: "none",
              groups: ["g_high": .notTriggered, "g_any": .notTriggered, "g_bare": .notTriggered],
              measures: ["m1": false, "m2": false, "m3": false]),
        // An earlier level that cannot be decided makes the level unknown (never «low»); the
        // count is 0 or 1, so «= 1» is undecided too.
        .init(a: .missing, b: false, x: -1, counted: "unknown", risk: "unknown", bare: "unknown",
              groups: ["g_high": .unknown, "g_any": .unknown, "g_bare": .unknown],
              measures: ["m1": false, "m2": false, "m3": false]),
        // A matching level before the unknown one still wins: 2 or 3 triggered, «>= 2» either way.
        .init(a: .missing, b: true, x: 1, counted: "unknown", risk: "high", bare: "unknown",
              groups: ["g_high": .triggered, "g_any": .triggered, "g_bare": .unknown],
              measures: ["m1": false, "m2": true, "m3": false]),
        // A comparison with count(triggered) is decided only when the undetermined factors
        // could not change it: 1 to 3 triggered, so «>= 2» is unknown (and the level with it).
        .init(a: true, b: .missing, x: .missing, counted: "unknown", risk: "unknown", bare: "top",
              groups: ["g_high": .unknown, "g_any": .unknown, "g_bare": .triggered],
              measures: ["m1": true, "m2": false, "m3": false]),
        // `only when` true with its factor triggered.
        .init(a: false, b: false, x: 2, counted: "one", risk: "low", bare: "none",
              groups: ["g_high": .notTriggered, "g_any": .notTriggered, "g_bare": .notTriggered],
              measures: ["m1": false, "m2": false, "m3": true]),
        // `only when` unknown: the measure is not in the plan.
        .init(a: .missing, b: false, x: 2, counted: "unknown", risk: "unknown", bare: "unknown",
              groups: ["g_high": .unknown, "g_any": .unknown, "g_bare": .unknown],
              measures: ["m1": false, "m2": false, "m3": false]),
    ]

    @Test("scales, groups, count(triggered), measures", arguments: classificationCases)
    func classification(_ c: ClassificationCase) throws {
        let countText = Self.classification + """
            scale counted "Счёт" {
              three "3" when count(triggered) = 3
              two "2" when count(triggered) = 2
              one "1" when количество(сработавших) = 1
              zero "0" otherwise
            }
            """
        let e = try Evaluated(countText, [TestRow("S", ["a": c.a, "b": c.b, "x": c.x])])
        #expect(e.level("risk") == c.risk)
        #expect(e.level("bare") == c.bare)
        #expect(e.level("counted") == c.counted)
        for (g, status) in c.groups { #expect(e.group(g) == status, "group \(g)") }
        for (m, present) in c.measures { #expect(e.measure(m) == present, "measure \(m)") }
    }

    /// A count in a divisor is not monotone: 10 / (count − 1) is defined on both ends of
    /// 0…3 and below 100 there, but undefined at 1, so the level is not decided.
    @Test func countInADivisorIsDecidedOverEveryCount() throws {
        let text = Self.classification + """
            scale divided "Делённый" {
              hi "да" when 10 / (count(triggered) - 1) < 100
              lo "нет" otherwise
            }
            scale shifted "Сдвинутый" {
              hi "да" when 10 - count(triggered) * 2 >= 5
              lo "нет" otherwise
            }
            """
        let e = try Evaluated(text, [TestRow("S", ["a": .missing, "b": .missing, "x": .missing])])
        #expect(e.level("divided") == "unknown")
        #expect(e.level("shifted") == "unknown")
        let all = try Evaluated(text, [TestRow("S", ["a": true, "b": true, "x": 1])])
        #expect(all.level("divided") == "hi")
        #expect(all.level("shifted") == "lo")
    }

    @Test func measureNeedsAnAddressedTriggeredFactor() throws {
        let text = Self.classification
        // f2 alone: m2 addresses it and g_high needs two factors, so not in the plan;
        // with f3 as well, risk is high and m2 (addressing f2) joins the plan.
        let single = try Evaluated(text, [TestRow("S", ["a": false, "b": true, "x": -1])])
        #expect(single.factor("f2") == .triggered)
        #expect(!single.measure("m2"))
        let both = try Evaluated(text, [TestRow("S", ["a": false, "b": true, "x": 1])])
        #expect(both.level("risk") == "high")
        #expect(both.measure("m2"))
        #expect(both.measure("m3"))
        #expect(!both.measure("m1"))
    }

    @Test func notApplicableFactorCountsAsNotTriggered() throws {
        let text = """
            indicator a "А" : bool
            indicator b "Б" : bool
            factor f "Ф" { applies when a  when b }
            scale s "Шкала" { on "да" when f  off "нет" when not f  other "?" otherwise }
            group g "Г" when s = off
            """
        let e = try Evaluated(text, [TestRow("S", ["a": false, "b": true])])
        #expect(e.factor("f") == .notApplicable)
        #expect(e.level("s") == "off")
        #expect(e.group("g") == .triggered)
    }

    // MARK: - Through ExampleRunner

    @Test func exampleRunnerEvaluatesOneSchool() throws {
        let book = try checkedBook(Self.classification + """
            example "Два фактора" {
              given a = да, b = да, x = -1
              expect f1
              expect f2
              expect not f3
              expect risk = high
              expect g_high
              expect m2
            }
            example "Нет данных" {
              given b = нет
              expect f1 unknown
            }
            """)
        let runner = ExampleRunner(book: book, lang: .ru)
        let (evaluation, rows) = runner.evaluate(book.examples[0]); let row = rows[0]
        #expect(evaluation.levels[0][row] == 0)
        #expect(evaluation.factors.map { $0[row] } == [.triggered, .triggered, .notTriggered])
        #expect(runner.run(book.examples[0]).passed)
        let (unknown, rows2) = runner.evaluate(book.examples[1]); let r2 = rows2[0]
        #expect(unknown.factors[0][r2] == .unknown)
        #expect(unknown.levels[0][r2] == Outcomes.unknownLevel)
    }

    @Test func starterExamplesPass() throws {
        let book = try starterBook()
        let runner = ExampleRunner(book: book, lang: .ru)
        for outcome in runner.runAll() {
            #expect(outcome.passed, "\(outcome.example.title): \(outcome.mismatches.map { "\($0.expected) ≠ \($0.actual)" })")
        }
    }

    @Test func parameterOverridesChangeTheResult() throws {
        let book = try checkedBook(Self.declarations + "factor f \"F\" { when x > lim }\n")
        let profiles = makeProfiles(book, [TestRow("S", ["x": 12])])
        #expect(Executor(Program(book: book)).run(profiles).factors[0][0] == .triggered)
        let raised = Executor(Program(book: book, paramOverrides: ["lim": 20])).run(profiles)
        #expect(raised.factors[0][0] == .notTriggered)
        #expect(raised.params[0] == 20)
    }
}

extension EvaluatorTests {
    /// Only the missing values that left the factor undecided are listed: a missing value
    /// inside a part whose result is known anyway (`x > 5 and y > 5` with y ≤ 5) is not.
    @Test func missingListOmitsValuesThatDidNotMatter() throws {
        let text = Self.declarations + """
            factor f "F" { when x > 5 and y > 5 or p > share }
            factor g "G" { when x in (y, 1) and p > share }
            """
        let e = try Evaluated(text, [TestRow("S", ["x": .missing, "y": 1, "p": .missing])])
        let x = e.book.indicator(named: "x")!.index, y = e.book.indicator(named: "y")!.index
        let p = e.book.indicator(named: "p")!.index
        #expect(e.factor("f") == .unknown)
        #expect(e.explain("f").missing.map(\.indicator) == [p])
        #expect(e.explain("f").text == "нет данных: «Доля» (2025/26)")
        let e2 = try Evaluated(text, [TestRow("S", ["x": 1, "y": .missing, "p": .missing])])
        #expect(e2.factor("g") == .unknown)
        #expect(e2.explain("g").missing.map(\.indicator) == [p])
        _ = (x, y)
    }

    /// A cohort over a category the school has no value for is unknown; the category is
    /// what is missing.
    @Test func missingPartitionIsListed() throws {
        let text = Self.declarations + """
            factor f "F" { when x < mean(x by t) }
            """
        let e = try Evaluated(text, [
            TestRow("S", ["x": 5, "t": .missing]),
            TestRow("T", ["x": 7, "t": "СОШ"]),
        ])
        #expect(e.factor("f") == .unknown)
        #expect(e.explain("f").missing.map(\.indicator) == [e.book.indicator(named: "t")!.index])
    }

    /// A text literal compared with an earlier year's text value compares by text.
    @Test func previousTextComparesByText() throws {
        let text = Self.declarations + """
            factor f "F" { when previous(note) = "ремонт" }
            factor g "G" { when previous(note) in ("ремонт", "стройка") }
            factor h "H" { when previous(note) != note }
            """
        let rows = [TestRow("S", year(2024), ["note": "ремонт"]), TestRow("S", year(2025), ["note": "другое"]),
                    TestRow("T", year(2025), ["note": "ремонт"])]
        let e = try Evaluated(text, rows)
        #expect(e.factor("f") == .triggered)
        #expect(e.factor("g") == .triggered)
        #expect(e.factor("h") == .triggered)
        #expect(e.factor("f", "T") == .unknown)
    }

    /// Yes/no indicators loaded from a file are stored as bytes; every expression over
    /// them (fused `known` guards mixing bytes and numbers, `or`, `not`, persistence over
    /// years, groups) gives what the same values stored as numbers give.
    @Test func yesNoBytesEvaluateAsNumbers() throws {
        let book = try checkedBook("""
            indicator a "А" : bool
            indicator b "Б" : bool
            indicator x "Икс" : number
            factor guarded "G" { when known(a) and known(b) and known(x) and x > 1 }
            factor either "E" { when a or x > 5 }
            factor neither "N" { when not b and not a }
            factor twice "T" { when a for 2 years }
            group g "Группа" { when guarded or b }
            """)
        let values: [String] = ["да", "нет", ""]
        var csv = "school_id;year;a;b;x\n"
        var rows: [TestRow] = []
        var id = 0
        func v(_ s: String) -> V { s == "да" ? .bool(true) : s == "нет" ? .bool(false) : .missing }
        // Every combination in 2025, after every combination of `a` in 2024.
        for va in values { for vb in values { for vx in ["", "0", "3", "9"] { for earlier in values {
            for (y, a) in [(2024, earlier), (2025, va)] {
                csv += "S\(id);\(y)/\(y % 100 + 1);\(a);\(vb);\(vx)\n"
                rows.append(TestRow("S\(id)", year(y), ["a": v(a), "b": v(vb), "x": vx.isEmpty ? .missing : .number(Double(vx)!)]))
            }
            id += 1
        } } } }
        let (table, _) = CSVReader.read(bytes: Array(csv.utf8), path: "flags.csv")
        let (loaded, diagnostics) = ProfileLoader.load(table: try #require(table), book: book, defaultYear: nil)
        #expect(diagnostics.isEmpty)
        #expect(loaded.columns.isFlag == [true, true, false])
        let fromFile = Evaluated(book: book, profiles: loaded)
        let asNumbers = Evaluated(book: book, profiles: nil, rows: rows)
        #expect(!asNumbers.profiles.columns.isFlag.contains(true))
        for school in 0..<id {
            for y in [2024, 2025] {
                let r1 = fromFile.row("S\(school)", year(y)), r2 = asNumbers.row("S\(school)", year(y))
                for f in 0..<book.factors.count {
                    #expect(fromFile.evaluation.factors[f][r1] == asNumbers.evaluation.factors[f][r2], "S\(school) \(y) \(book.factors[f].code)")
                }
                #expect(fromFile.evaluation.groups[0][r1] == asNumbers.evaluation.groups[0][r2])
            }
        }
    }

    /// Classification leaves the measures out; everything else is the same.
    @Test func runWithoutMeasuresGivesTheSameClassification() throws {
        let e = try Evaluated.starter()
        let without = Executor(Program(book: e.book)).run(e.profiles, measures: false)
        #expect(without.measures.isEmpty)
        #expect(e.evaluation.measures.count == e.book.measures.count)
        #expect(without.factors == e.evaluation.factors)
        #expect(without.levels == e.evaluation.levels)
        #expect(without.groups == e.evaluation.groups)
        let report = ClassificationReport(without, yearIndex: 1, lang: .ru)
        let full = ClassificationReport(e.evaluation, yearIndex: 1, lang: .ru)
        #expect(report.csvBytes() == full.csvBytes())
        #expect(report.json() == full.json())
        // Loaded keeping only what classification reads (as `riskmap classify` does).
        let keeping = e.book.indicatorsRead(includingMeasures: false)
        #expect(keeping.count < e.book.indicators.count)
        let lean = try Evaluated.starter(keeping: keeping)
        let leanEvaluation = Executor(Program(book: lean.book)).run(lean.profiles, measures: false)
        let leanReport = ClassificationReport(leanEvaluation, yearIndex: 1, lang: .ru)
        #expect(leanReport.csvBytes() == full.csvBytes())
        #expect(leanReport.json() == full.json())
    }

    /// `known(x) and known(y) and …` guards run as one kernel; they must give what the
    /// chain of `and` nodes gives (here spelled with `not missing`, which is not fused),
    /// for every combination of missing and present values, across vector chunks.
    @Test func fusedKnownGuardsEqualTheAndChain() throws {
        let values: [V] = [.missing, 0, 5]
        var rows: [TestRow] = []
        var id = 0
        for _ in 0..<40 {  // more rows than one vector chunk
            for vx in values { for vy in values { for vn in values {
                rows.append(TestRow("S\(id)", ["x": vx, "y": vy, "n": vn]))
                id += 1
            } } }
        }
        let text = Self.declarations + """
            factor fused "F" { when known(x) and n > 1 and known(y) and (x + y > 4 or n > 4) }
            factor plain "P" { when not missing(x) and n > 1 and not missing(y) and (x + y > 4 or n > 4) }
            factor pair "K" { when known(x) and known(y) }
            factor pairPlain "KP" { when not missing(x) and not missing(y) }

            """
        let e = try Evaluated(text, rows)
        var seen: Set<UInt8> = []
        for r in 0..<id {
            #expect(e.factor("fused", "S\(r)") == e.factor("plain", "S\(r)"), "row S\(r)")
            #expect(e.factor("pair", "S\(r)") == e.factor("pairPlain", "S\(r)"), "row S\(r)")
            seen.insert(e.factor("fused", "S\(r)").rawValue)
        }
        #expect(seen == [Status.notTriggered.rawValue, Status.triggered.rawValue, Status.unknown.rawValue])
    }
}
