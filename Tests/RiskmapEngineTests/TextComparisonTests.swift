import Testing
@testable import RiskmapEngine
import RiskmapLanguage

/// Texts compare by their text, whichever indicators (or literals) hold them, in any row
/// order. Each of these failed when text values were interned per indicator and a text
/// literal had no value of its own.
@Suite struct TextComparisonTests {
    static let declarations = """
        indicator t1 "Текст 1" : text
        indicator t2 "Текст 2" : text
        indicator k1 "Тип" : category(СОШ, "Вечерняя школа")

        """

    /// S1: a / b, S2: b / a, S3: a / a, S4: b / missing — so that t1 and t2 meet their
    /// texts in different orders.
    static let rows = [
        TestRow("S1", ["t1": "a", "t2": "b"]),
        TestRow("S2", ["t1": "b", "t2": "a"]),
        TestRow("S3", ["t1": "a", "t2": "a"]),
        TestRow("S4", ["t1": "b", "t2": .missing]),
    ]

    @Test func twoTextIndicators() throws {
        let e = try Evaluated(Self.declarations + """
            factor same "Совпадают" { when t1 = t2 }
            factor differ "Различаются" { when t1 != t2 }
            factor listed "В списке" { when t1 in (t2, "z") }
            """, Self.rows)
        #expect(["S1", "S2", "S3", "S4"].map { e.factor("same", $0) } == [.notTriggered, .notTriggered, .triggered, .unknown])
        #expect(["S1", "S2", "S3", "S4"].map { e.factor("differ", $0) } == [.triggered, .triggered, .notTriggered, .unknown])
        #expect(["S1", "S2", "S3", "S4"].map { e.factor("listed", $0) } == [.notTriggered, .notTriggered, .triggered, .unknown])
        // The explanation states the texts and agrees with the status.
        #expect(e.explain("same", "S1").text == "«Текст 1» — a, а не b")
        #expect(e.explain("same", "S3").text == "«Текст 1» — a")
    }

    @Test func previousYearsTextAgainstAnotherIndicator() throws {
        let rows = [
            TestRow("S1", year(2024), ["t1": "b", "t2": "x"]),
            TestRow("S1", year(2025), ["t1": "c", "t2": "b"]),
            TestRow("S2", year(2024), ["t1": "a", "t2": "b"]),
            TestRow("S2", year(2025), ["t1": "b", "t2": "c"]),
        ]
        let e = try Evaluated(Self.declarations + "factor kept \"Как в прошлом году\" { when previous(t1) = t2 }\n", rows)
        #expect(e.factor("kept", "S1") == .triggered)
        #expect(e.factor("kept", "S2") == .notTriggered)
    }

    @Test func textLiterals() throws {
        let e = try Evaluated(Self.declarations + """
            factor both "Две строки" { when "a" = "a" }
            factor unequal "Разные строки" { when "a" = "b" }
            factor absent "Нет в данных" { when t1 = "нет такой" }
            factor known "Известно" { when known("a") }
            factor missing "Нет данных" { when missing("a") }
            """, Self.rows)
        #expect(e.factor("both", "S1") == .triggered)
        #expect(e.factor("unequal", "S1") == .notTriggered)
        #expect(e.factor("absent", "S1") == .notTriggered)
        #expect(e.factor("known", "S1") == .triggered)
        #expect(e.factor("missing", "S1") == .notTriggered)
    }

    @Test func aCategoryValueOnEitherSide() throws {
        let e = try Evaluated(Self.declarations + """
            factor right "Справа" { when k1 = "Вечерняя школа" }
            factor left "Слева" { when "Вечерняя школа" = k1 }
            factor leftNot "Слева, не равно" { when "Вечерняя школа" != k1 }
            """, [TestRow("S1", ["k1": "Вечерняя школа"]), TestRow("S2", ["k1": "СОШ"])])
        #expect(e.factor("right", "S1") == .triggered && e.factor("left", "S1") == .triggered)
        #expect(e.factor("right", "S2") == .notTriggered && e.factor("left", "S2") == .notTriggered)
        #expect(e.factor("leftNot", "S2") == .triggered)
        #expect(e.explain("left", "S2").text == "«Тип» — СОШ, а не Вечерняя школа")
    }
}
