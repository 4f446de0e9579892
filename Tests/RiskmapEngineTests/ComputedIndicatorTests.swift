import Testing
@testable import RiskmapEngine
import RiskmapLanguage

/// Computed indicators and named conditions: their values in every kind of rule, in time
/// and cohort functions, in explanations; their columns in a file are not read.
@Suite struct ComputedIndicatorTests {
    static let declarations = """
        indicator fail "Доля «2»" : percent
        indicator pass "Успеваемость" : percent = 100% - fail
        indicator low "Высокая доля «2»" : bool = fail >= 30% or pass < 50%
        param limit "Порог успеваемости" = 80%

        """

    @Test func valuesInConditionsTimeAndCohorts() throws {
        let rows = [
            TestRow("A", year(2024), ["fail": 10]), TestRow("A", year(2025), ["fail": 35]),
            TestRow("B", year(2024), ["fail": 5]), TestRow("B", year(2025), ["fail": .missing]),
            TestRow("C", year(2025), ["fail": 15]),
        ]
        let e = try Evaluated(Self.declarations + """
            factor weak "Низкая успеваемость" { when pass < limit }
            factor named "Высокая доля «2»" { when low }
            factor fell "Успеваемость снизилась" { when change(pass) < -10% }
            factor below "Ниже среднего" { when pass < mean(pass) }
            factor guarded "Есть данные" { when known(pass) and known(fail) and pass > 50% }
            """, rows)
        #expect(e.factor("weak", "A") == .triggered && e.factor("weak", "C") == .notTriggered)
        #expect(e.factor("weak", "B") == .unknown)
        #expect(e.factor("named", "A") == .triggered && e.factor("named", "C") == .notTriggered)
        #expect(e.factor("fell", "A") == .triggered)      // 90 % → 65 %
        #expect(e.factor("fell", "B") == .unknown)
        #expect(e.factor("below", "A") == .triggered)     // 65 % < mean(65, 85) = 75 %
        #expect(e.factor("below", "C") == .notTriggered)
        #expect(e.factor("guarded", "B") == .notTriggered)
        // The school is asked for the data the formula reads.
        #expect(e.explain("weak", "B").missing == [MissingValue(indicator: 0, year: year(2025))])
    }

    @Test func explanationsShowTheComputedValueAndWhatDecidedANamedCondition() throws {
        let e = try Evaluated(Self.declarations + """
            factor weak "Низкая успеваемость" { when pass < limit }
            factor named "Высокая доля «2»" { when low }
            """, [TestRow("S", ["fail": 35])])
        #expect(e.explain("weak").text == "«Успеваемость» 65 % (100 % − «Доля «2»» 35 %) ниже, чем порог 80 %")
        #expect(e.explain("named").text == "«Высокая доля «2»» — да: «Доля «2»» 35 % не ниже, чем 30 %")
    }

    @Test func aColumnForAComputedIndicatorIsNotRead() throws {
        let book = try checkedBook(Self.declarations + "factor weak \"Н\" { when pass < limit }\n")
        let (table, _) = CSVReader.read(bytes: Array("school_id;year;fail;pass\nS;2025/26;35;99\n".utf8), path: "schools.csv")
        let (profiles, diagnostics) = ProfileLoader.load(table: try #require(table), book: book, defaultYear: nil)
        #expect(diagnostics.map(\.message.code) == ["computedColumnIgnored"])
        #expect(diagnostics.first?.location?.description == "1:21")
        let outcomes = Executor(Program(book: book)).run(profiles)
        #expect(outcomes.factors[0][0] == .triggered)   // 65 %, not the file's 99 %
    }
}
