import Testing
@testable import RiskmapLanguage

/// `N лет подряд` with a parameter and `в K из последних N лет`: parsed, checked, printed back.
@Suite struct TimeConditionCheckTests {
    static let prelude = """
        правила "T" { версия "1" год 2026/27 }
        показатель fail "Доля «2»" : процент
        параметр limit = 30%
        параметр n_years = 3
        параметр half = 2.5

        """

    @Test(arguments: [
        ("fail > limit в 2 из последних 3 лет", "(in 2 of 3 (> fail limit))"),
        ("fail > limit in 1 of last n_years years", "(in 1 of n_years (> fail limit))"),
        ("fail > limit n_years лет подряд", "(for n_years (> fail limit))"),
        ("fail > limit for n_years years", "(for n_years (> fail limit))"),
        ("(fail > limit) в течение n_years лет", "(for n_years (paren (> fail limit)))"),
    ])
    func parses(_ condition: String, _ dump: String) throws {
        let (book, diagnostics) = Support.check(Self.prelude + "фактор f \"Ф\" { если \(condition) }\n")
        #expect(Support.errors(diagnostics).isEmpty, "\(diagnostics.map(Support.brief))")
        #expect(book != nil)
        let (syntax, _) = Support.parse(Self.prelude + "фактор f \"Ф\" { если \(condition) }\n")
        guard case .factor(let f)? = syntax.declarations.last, let when = f.when else {
            Issue.record("no factor")
            return
        }
        #expect(SyntaxDump.expression(when.value) == dump)
        // The formatter prints it back to the same meaning, and is stable.
        let formatted = Formatter.format(syntax)
        #expect(Formatter.format(Support.parse(formatted).0) == formatted)
        #expect(SyntaxDump.file(Support.parse(formatted).0) == SyntaxDump.file(syntax))
    }

    @Test(arguments: [
        ("fail > limit half лет подряд", "yearsParam", "6:34",
         "число лет задаётся целым числом от 1 до 20 или параметром с таким значением, а «half» — не такой параметр"),
        ("fail > limit limit лет подряд", "yearsParam", "6:34",
         "число лет задаётся целым числом от 1 до 20 или параметром с таким значением, а «limit» — не такой параметр"),
        ("fail > limit в 4 из последних 3 лет", "atLeastMoreThanYears", "6:36",
         "нельзя требовать 4 из последних 3 лет: 4 больше 3"),
        ("fail > limit в 4 из последних n_years лет", "atLeastMoreThanYears", "6:36",
         "нельзя требовать 4 из последних 3 лет: 4 больше 3"),
    ])
    func mistakes(_ condition: String, _ code: String, _ position: String, _ ru: String) {
        let errors = Support.errors(Support.check(Self.prelude + "фактор f \"Ф\" { если \(condition) }\n").1)
        #expect(errors.count == 1, "\(errors.map(Support.brief))")
        #expect(errors.first?.message.code == code)
        #expect(errors.first?.location?.description == position)
        #expect(errors.first?.message.text(.ru) == ru)
    }

    @Test func notBeforePersistenceWithoutParenthesesIsWarned() {
        let warned = Support.check(Self.prelude + "фактор f \"Ф\" { если не fail > limit 2 года подряд }\n").1
            .filter { $0.message.code == "negatedPersistence" }
        #expect(warned.count == 1 && warned.first?.severity == .warning && warned.first?.help != nil)
        #expect(warned.first?.location?.description == "6:21")
        for explicit in ["(не fail > limit) 2 года подряд", "не (fail > limit 2 года подряд)"] {
            let diagnostics = Support.check(Self.prelude + "фактор f \"Ф\" { если \(explicit) }\n").1
            #expect(!diagnostics.contains { $0.message.code == "negatedPersistence" }, "\(explicit)")
        }
    }
}
