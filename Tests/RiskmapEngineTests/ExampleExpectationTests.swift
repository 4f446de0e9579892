import Foundation
import Testing
@testable import RiskmapEngine
import RiskmapLanguage

/// Examples can expect a scale level that depends on missing data (`ожидается risk не определён`).
@Suite struct ExampleExpectationTests {
    static let book = """
    показатель a "А" : число
    фактор f "Ф" { если a > 1 }
    шкала risk "Риск" {
      high "высокий" если f
      low "низкий" иначе
    }
    роль uo "УО"
    мера m "М" { устраняет f ответственный uo срок октябрь }
    пример "нет данных" {
      дано
      ожидается f не определён
      ожидается risk не определён
    }
    """

    func outcomes(_ text: String) throws -> [ExampleRunner.Outcome] {
        ExampleRunner(book: try checkedBook(text), lang: .ru).runAll()
    }

    @Test func anUnknownLevelCanBeExpected() throws {
        // `дано` with nothing is a syntax error; an example with no values gives none.
        let text = Self.book.replacingOccurrences(of: "  дано\n", with: "")
        let results = try outcomes(text)
        #expect(results.count == 1)
        #expect(results[0].passed, "\(results[0].mismatches.map { "\($0.expected) / \($0.actual)" })")
    }

    @Test func aDecidedLevelFailsAnUnknownExpectation() throws {
        let text = Self.book.replacingOccurrences(of: "  дано\n", with: "  дано a = 5\n")
            .replacingOccurrences(of: "  ожидается f не определён\n", with: "")
        let results = try outcomes(text)
        #expect(!results[0].passed)
        #expect(results[0].mismatches.first?.actual == "risk = high")
    }

    @Test func englishSpelling() throws {
        let book = try checkedBook("""
        indicator a "A" : number
        factor f "F" { when a > 1 }
        scale risk "Risk" { high "high" when f  low "low" otherwise }
        role uo "UO"
        measure m "M" { addresses f responsible uo due october }
        example "no data" { expect risk unknown }
        """)
        #expect(ExampleRunner(book: book, lang: .en).runAll()[0].passed)
    }

    @Test func unknownIsOnlyForFactorsAndScales() throws {
        let (_, diagnostics, _) = Checker.check(files: [SourceFile(path: "t.rules", text: """
        показатель a "А" : число
        фактор f "Ф" { если a > 1 }
        роль uo "УО"
        мера m "М" { устраняет f ответственный uo срок октябрь }
        пример "п" { ожидается m не определён }
        """)])
        #expect(diagnostics.contains { $0.severity == .error && $0.message.code == "expectationOutcome" })
    }
}
