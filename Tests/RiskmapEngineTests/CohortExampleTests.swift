import Testing
@testable import RiskmapEngine
import RiskmapLanguage

/// An example can describe several schools — a small municipality — so that rules that
/// compare a school with the others (среднее, медиана, процентиль, ранг) are testable in
/// the rule book.
@Suite struct CohortExampleTests {
    static let book = """
        правила "T" { версия "1" год 2026/27 }
        показатель oge "ОГЭ: средняя отметка" : число
        параметр gap "Допуск" = 0.2
        фактор below "Ниже среднего по муниципалитету" { если oge < среднее(oge по муниципалитету) - gap }
        роль r "Р"
        мера m "М" { устраняет below  ответственный r  срок октябрь }

        """

    @Test func aSmallMunicipalityInOneExample() throws {
        let book = try checkedBook(Self.book + """
            пример "Три школы района" {
              дано школа A: oge = 3.1
              дано школа B: oge = 3.6
              дано школа C: oge = 3.8
              ожидается школа A: below
              ожидается школа B: не below
              ожидается школа C: не below
              ожидается школа A: m
            }
            """)
        let example = try #require(book.examples.first)
        #expect(example.schools == ["A", "B", "C"])
        let runner = ExampleRunner(book: book, lang: .ru)
        let outcome = runner.run(example)
        #expect(outcome.passed, "\(outcome.mismatches.map { "\($0.expected) ≠ \($0.actual)" })")
        #expect(runner.coverage().factors.isEmpty)
    }

    @Test func aFailingExpectationNamesItsSchool() throws {
        let book = try checkedBook(Self.book + """
            пример "Две школы" {
              дано школа A: oge = 3.1
              дано школа B: oge = 3.6
              ожидается школа B: below
            }
            """)
        let outcome = ExampleRunner(book: book, lang: .ru).run(book.examples[0])
        #expect(outcome.mismatches.map(\.expected) == ["B: below: сработал"])
        #expect(outcome.mismatches.map(\.actual) == ["B: below: не сработал"])
    }

    @Test func everyClauseNamesItsSchoolOrNoneDoes() throws {
        let (_, diagnostics, _) = Checker.check(files: [SourceFile(path: "t.rules", text: Self.book + """
            пример "Смесь" {
              дано школа A: oge = 3.1
              дано oge = 3.6
              ожидается школа Б: below
            }
            """)])
        let codes = diagnostics.filter { $0.severity == .error }.map(\.message.code)
        #expect(codes == ["exampleSchoolMissing", "exampleUnknownSchool"])
        let missing = try #require(diagnostics.first { $0.message.code == "exampleSchoolMissing" })
        #expect(missing.location?.description == "9:3" && missing.help != nil)
    }

    @Test func theFormatterPrintsSchoolsBack() throws {
        let text = Self.book + """
            пример "Две школы" {
              дано школа A 2025/26: oge = 3.1
              дано школа A: oge = 3.2
              ожидается школа A: below
              ожидается школа A: не m
            }

            """
        let syntax = Parser.parse(SourceFile(path: "t.rules", text: text)).0
        let formatted = Formatter.format(syntax)
        #expect(formatted.contains("  дано школа A 2025/26: oge = 3.1\n  дано школа A: oge = 3.2\n  ожидается школа A: below\n  ожидается школа A: не m\n"))
        #expect(SyntaxDump.file(Parser.parse(SourceFile(path: "t.rules", text: formatted)).0) == SyntaxDump.file(syntax))
    }
}
