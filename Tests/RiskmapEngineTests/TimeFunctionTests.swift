import Testing
@testable import RiskmapEngine
import RiskmapLanguage

/// previous(x), previous(x, N), change(x) and persistence (`for N years`, `N года подряд`):
/// school years are matched by calendar, so a gap in the data is a missing year.
@Suite struct TimeFunctionTests {
    static let declarations = """
        indicator x "Икс" : number
        indicator p "Доля" : percent

        """

    /// The value of numeric `expression` for school `id` in `y` (nil: unknown), by the
    /// reference evaluator; as a cross-check, the executor must find it known exactly when
    /// the reference does (`expression > -1000000` holds for every value tested here).
    static func value(_ expression: String, _ rows: [TestRow], _ id: String = "S", y: Int) throws -> Double? {
        let e = try Evaluated(declarations + "factor f \"F\" { when \(expression) > -1000000 }\n", rows)
        guard case .comparison(_, let lhs, _) = e.book.factors[0].condition.node else {
            throw RuleBookError(description: "not a comparison")
        }
        let r = e.row(id, year(y))
        let walked = e.reference.evaluate(lhs, row: r).value.number
        #expect((e.evaluation.factors[0][r] == .triggered) == (walked != nil))
        #expect((e.evaluation.factors[0][r] == .unknown) == (walked == nil))
        return walked
    }

    static func history(_ values: [Int: V], id: String = "S") -> [TestRow] {
        values.sorted { $0.key < $1.key }.map { TestRow(id, year($0.key), ["x": $0.value]) }
    }

    // MARK: - previous, change

    @Test func completeHistory() throws {
        let rows = Self.history([2023: 1, 2024: 4, 2025: 9])
        #expect(try Self.value("previous(x)", rows, y: 2025) == 4)
        #expect(try Self.value("предыдущее(x)", rows, y: 2025) == 4)
        #expect(try Self.value("previous(x, 2)", rows, y: 2025) == 1)
        #expect(try Self.value("предыдущее(x, 2)", rows, y: 2025) == 1)
        #expect(try Self.value("previous(x)", rows, y: 2024) == 1)
        #expect(try Self.value("change(x)", rows, y: 2025) == 5)
        #expect(try Self.value("изменение(x)", rows, y: 2024) == 3)
        // Nothing before the first year.
        #expect(try Self.value("previous(x)", rows, y: 2023) == nil)
        #expect(try Self.value("previous(x, 2)", rows, y: 2024) == nil)
        #expect(try Self.value("change(x)", rows, y: 2023) == nil)
        #expect(try Self.value("previous(x, 3)", rows, y: 2025) == nil)
    }

    @Test func missingValueInAnEarlierYear() throws {
        let rows = Self.history([2023: 1, 2024: .missing, 2025: 9])
        #expect(try Self.value("previous(x)", rows, y: 2025) == nil)
        #expect(try Self.value("change(x)", rows, y: 2025) == nil)
        #expect(try Self.value("previous(x, 2)", rows, y: 2025) == 1)
        #expect(try Self.value("change(x)", rows, y: 2024) == nil)
    }

    @Test func missingCurrentValue() throws {
        let rows = Self.history([2024: 4, 2025: .missing])
        #expect(try Self.value("previous(x)", rows, y: 2025) == 4)
        #expect(try Self.value("change(x)", rows, y: 2025) == nil)
    }

    @Test func yearGapIsAMissingYear() throws {
        // 2023/24 and 2025/26 only: the year before 2025/26 (2024/25) is absent.
        let rows = Self.history([2023: 1, 2025: 9])
        #expect(try Self.value("previous(x)", rows, y: 2025) == nil)
        #expect(try Self.value("change(x)", rows, y: 2025) == nil)
        #expect(try Self.value("previous(x, 2)", rows, y: 2025) == 1)
    }

    @Test func anotherSchoolsHistoryIsNotUsed() throws {
        let rows = Self.history([2024: 4, 2025: 9], id: "S") + [TestRow("T", year(2025), ["x": 2])]
        #expect(try Self.value("previous(x)", rows, "T", y: 2025) == nil)
        #expect(try Self.value("previous(x)", rows, "S", y: 2025) == 4)
    }

    @Test func previousOfAnExpression() throws {
        let rows = [TestRow("S", year(2024), ["x": 4, "p": 10]), TestRow("S", year(2025), ["x": 6, "p": 30])]
        #expect(try Self.value("previous(x * 2)", rows, y: 2025) == 8)
        #expect(try Self.value("change(p) / 1%", rows, y: 2025) == 20)
        #expect(try Self.value("change(x) / previous(x)", rows, y: 2025) == 0.5)
    }

    // MARK: - Persistence

    struct PersistenceCase: Sendable, CustomTestStringConvertible {
        var history: [Int: V]
        var years: Int
        var expected: Status
        var note: String
        var testDescription: String { "\(note): \(history.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }) for \(years) → \(expected)" }
    }

    static let persistenceCases: [PersistenceCase] = [
        .init(history: [2024: 35, 2025: 40], years: 2, expected: .triggered, note: "complete, held both years"),
        .init(history: [2023: 10, 2024: 35, 2025: 40], years: 2, expected: .triggered, note: "only the last two years count"),
        .init(history: [2024: 10, 2025: 40], years: 2, expected: .notTriggered, note: "not held last year"),
        .init(history: [2024: 40, 2025: 10], years: 2, expected: .notTriggered, note: "not held this year"),
        .init(history: [2025: 40], years: 2, expected: .unknown, note: "missing year"),
        .init(history: [2025: 10], years: 2, expected: .notTriggered, note: "missing year, but false this year"),
        .init(history: [2024: .missing, 2025: 40], years: 2, expected: .unknown, note: "missing value last year"),
        .init(history: [2024: 40, 2025: .missing], years: 2, expected: .unknown, note: "missing value this year"),
        .init(history: [2024: .missing, 2025: 10], years: 2, expected: .notTriggered, note: "missing value, false this year"),
        .init(history: [2023: 40, 2025: 40], years: 2, expected: .unknown, note: "year gap"),
        .init(history: [2023: 40, 2024: 40, 2025: 40], years: 3, expected: .triggered, note: "three years"),
        .init(history: [2023: 10, 2024: 40, 2025: 40], years: 3, expected: .notTriggered, note: "three years, first false"),
        .init(history: [2024: 40, 2025: 40], years: 3, expected: .unknown, note: "three years, one missing"),
        .init(history: [2022: 10, 2024: 40, 2025: 40], years: 3, expected: .unknown, note: "three years, gap"),
    ]

    @Test("for N years / N года подряд / в течение N лет", arguments: persistenceCases)
    func persistence(_ c: PersistenceCase) throws {
        let rows = Self.history(c.history)
        // 2 и 3: «2 года подряд», «в течение 2 лет».
        for condition in ["x > 30 for \(c.years) years", "x > 30 \(c.years) года подряд",
                          "x > 30 в течение \(c.years) лет"] {
            let e = try Evaluated(Self.declarations + "factor f \"F\" { when \(condition) }\n", rows)
            #expect(e.factor("f", "S", year(2025)) == c.expected, "\(condition)")
        }
    }

    @Test func persistenceOfAFactorInAScale() throws {
        let text = Self.declarations + """
            factor high "Высокое" { when x > 30 }
            scale s "Шкала" {
              chronic "хронический" when high for 2 years
              acute "острый" when high
              none "нет" otherwise
            }
            """
        let e = try Evaluated(text, Self.history([2024: 40, 2025: 40]) + Self.history([2024: 10, 2025: 40], id: "T")
                                + Self.history([2025: 40], id: "U"))
        #expect(e.level("s", "S", year(2025)) == "chronic")
        #expect(e.level("s", "T", year(2025)) == "acute")
        #expect(e.level("s", "U", year(2025)) == "unknown")
    }

    @Test func exampleHistoryThroughGivenYears() throws {
        let book = try checkedBook(Self.declarations + """
            ruleset "T" { year 2026/27 }
            factor f "F" { when x > 30 for 2 years }
            factor g "G" { when change(x) > 5 }
            example "История" {
              given x = 40
              given 2025/26: x = 33
              expect f
              expect g
            }
            example "Пропуск" {
              given x = 40
              given 2024/25: x = 33
              expect f unknown
              expect g unknown
            }
            """)
        let runner = ExampleRunner(book: book, lang: .ru)
        for outcome in runner.runAll() {
            #expect(outcome.passed, "\(outcome.example.title): \(outcome.mismatches.map { "\($0.expected) ≠ \($0.actual)" })")
        }
    }
}
