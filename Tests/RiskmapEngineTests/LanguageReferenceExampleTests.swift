import Foundation
import Testing
@testable import RiskmapEngine
import RiskmapLanguage

/// The examples in docs/language.md are run, not only checked: every ```riskmap block,
/// together one rule book, and every `пример` in them must pass.
@Suite struct LanguageReferenceExampleTests {
    @Test func everyExampleInTheReferencePasses() throws {
        let text = try String(contentsOf: packageRoot.appendingPathComponent("docs/language.md"), encoding: .utf8)
        var files: [SourceFile] = []
        var current: (line: Int, text: String)?
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let block = current {
                if trimmed == "```" {
                    files.append(SourceFile(path: "docs/language.md:\(block.line)", text: block.text))
                    current = nil
                } else {
                    current = (block.line, block.text + line + "\n")
                }
            } else if trimmed == "```riskmap" {
                current = (n + 1, "")
            }
        }
        let (bookOrNil, diagnostics, _) = Checker.check(files: files)
        let book = try #require(bookOrNil, "\(DiagnosticRenderer(lang: .en).render(diagnostics))")
        #expect(book.examples.count >= 3)
        for outcome in ExampleRunner(book: book, lang: .ru).runAll() {
            #expect(outcome.passed, "«\(outcome.example.title)»: \(outcome.mismatches.map { "\($0.expected) ≠ \($0.actual)" })")
        }
    }
}
