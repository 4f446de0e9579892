import Testing
@testable import RiskmapLanguage

/// Computed indicators (`показатель X : тип = формула`): checked like a factor's condition,
/// of the declared type, never computed from themselves; printed back by the formatter.
@Suite struct ComputedIndicatorCheckTests {
    static let prelude = """
        правила "T" { версия "1" год 2026/27 }
        показатель fail "Доля «2»" : процент
        показатель pupils "Численность" : количество
        показатель school_type "Тип" : категория(СОШ, ООШ)
        параметр limit = 30%

        """

    @Test func aFormulaChecksAndResolves() throws {
        let (book, diagnostics) = Support.check(Self.prelude + """
            показатель pass "Успеваемость" : процент = 100% - fail
            показатель low "Высокая доля «2»" : логический = fail >= limit или pass < 50%
            """)
        #expect(Support.errors(diagnostics).isEmpty, "\(diagnostics.map(Support.brief))")
        let b = try #require(book)
        let pass = try #require(b.indicator(named: "pass"))
        #expect(pass.isComputed && pass.formula?.type == .percent)
        #expect(b.indicator(named: "low")?.formula?.type == .bool)
        // The indicators read from a file for the computed ones: `fail` only.
        #expect(b.storedIndicators([b.indicator(named: "low")!.index]) == [b.indicator(named: "fail")!.index])
    }

    /// Each mistake: message (both languages), position, and nothing else.
    @Test(arguments: [
        ("показатель pass \"П\" : число = 100% - fail", "formulaType", "6:31",
         "формула даёт процент, а показатель объявлен как число", "the formula gives a percent, but the indicator is declared as a number"),
        ("показатель a \"А\" : количество = b\nпоказатель b \"Б\" : количество = a", "formulaCycle", "6:12",
         "показатель вычисляется через самого себя: a → b → a", "the indicator is computed from itself: a → b → a"),
        ("показатель t \"Т\" : текст = \"x\"", "computedKind", "6:20",
         "вычисляемый показатель может быть количеством, числом, процентом или логическим",
         "a computed indicator can be a count, a number, a percent or yes/no"),
        ("показатель p \"П\" : процент столбец \"П, %\" = 100% - fail", "computedColumn", "6:36",
         "у вычисляемого показателя «p» нет столбца в таблице школ: его значение даёт формула",
         "the computed indicator 'p' has no column in the schools file: its formula gives its value"),
        ("показатель big \"Б\" : логический = pupils > 100\nфактор f \"Ф\" { если fail > среднее(fail по big) }", "partitionByComputed", "7:44",
         "разбиение «по» возможно только по показателю из таблицы школ, а «big» вычисляется по формуле",
         "'by' needs an indicator of the schools file, and 'big' is computed"),
        ("показатель l \"Л\" : логический = количество(сработавших) > 1", "forbiddenReference", "6:33",
         "в формуле показателя нельзя ссылаться на фактор «количество(сработавших)»",
         "an indicator formula cannot refer to the factor 'количество(сработавших)'"),
    ] as [(String, String, String, String, String)])
    func mistakes(_ body: String, _ code: String, _ position: String, _ ru: String, _ en: String) {
        let errors = Support.errors(Support.check(Self.prelude + body).1)
        #expect(errors.count == 1, "\(errors.map(Support.brief))")
        guard let d = errors.first else { return }
        #expect(d.message.code == code)
        #expect(d.location?.description == position)
        #expect(d.message.text(.ru) == ru)
        #expect(d.message.text(.en) == en)
    }

    @Test func anExampleCannotGiveAComputedValue() {
        let errors = Support.errors(Support.check(Self.prelude + """
            показатель pass "П" : процент = 100% - fail
            пример "П" {
              дано pass = 90%
              ожидается не нет_такого
            }
            """).1)
        #expect(errors.map(\.message.code).contains("exampleComputed"))
    }

    @Test func theFormatterPrintsTheFormulaOnItsOwnLine() {
        let text = "показатель pass \"Успеваемость\" : процент единица \"%\" = 100% - fail # из доли «2»\n"
        let formatted = Formatter.format(Support.parse(Self.prelude + text).0)
        #expect(formatted.hasSuffix("показатель pass \"Успеваемость\" : процент единица \"%\"\n  = 100% - fail  # из доли «2»\n"))
        let again = Formatter.format(Support.parse(formatted).0)
        #expect(again == formatted)
        #expect(SyntaxDump.file(Support.parse(formatted).0) == SyntaxDump.file(Support.parse(Self.prelude + text).0))
    }
}
