import Foundation
import Testing
@testable import RiskmapLanguage

/// `docs/language.md` cannot drift from the implementation: every ```riskmap block is
/// parsed and checked (all blocks together form one rule book that must check without
/// errors), and every ```riskmap-error block must produce at least one error on its own.
@Suite struct LanguageReferenceTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Block {
        var tag: String
        var text: String
        var line: Int
    }

    static func blocks() throws -> [Block] {
        let url = packageRoot.appendingPathComponent("docs/language.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        var blocks: [Block] = []
        var current: Block?
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if var block = current {
                if trimmed == "```" {
                    blocks.append(block)
                    current = nil
                } else {
                    block.text += line + "\n"
                    current = block
                }
            } else if trimmed.hasPrefix("```") {
                current = Block(tag: String(trimmed.dropFirst(3)), text: "", line: n + 1)
            }
        }
        return blocks
    }

    @Test func everyRuleBlockChecksAsOneRuleBook() throws {
        let blocks = try Self.blocks().filter { $0.tag == "riskmap" }
        #expect(blocks.count >= 10, "the reference should show the language in code blocks")
        let files = blocks.map { SourceFile(path: "docs/language.md:\($0.line)", text: $0.text) }
        let (book, diagnostics, _) = Checker.check(files: files)
        let errors = diagnostics.filter { $0.severity == .error }
        let rendered = DiagnosticRenderer(lang: .ru).render(errors)
        #expect(errors.isEmpty, "docs/language.md blocks have errors:\n\(rendered)")
        #expect(book != nil)
    }

    @Test func everyErrorBlockReportsAnError() throws {
        for block in try Self.blocks() where block.tag == "riskmap-error" {
            let (_, diagnostics, _) = Checker.check(files: [SourceFile(path: "docs/language.md:\(block.line)", text: block.text)])
            #expect(diagnostics.hasErrors, "the riskmap-error block at line \(block.line) checks clean")
        }
    }

    @Test func everyKeywordIsInTheKeywordTable() throws {
        let text = try String(contentsOf: Self.packageRoot.appendingPathComponent("docs/language.md"), encoding: .utf8)
        for keyword in Keyword.allCases {
            #expect(text.contains(keyword.canonical(.ru)), "docs/language.md does not mention «\(keyword.canonical(.ru))»")
            #expect(text.contains(keyword.canonical(.en)), "docs/language.md does not mention '\(keyword.canonical(.en))'")
        }
    }

    /// A ```riskmap-error block followed by a ```text block that starts with a diagnostic
    /// (`file.rules:line:column: …`) shows what `riskmap check` prints for it: the text must
    /// be exactly the errors the block gets, rendered in Russian.
    @Test func everyShownDiagnosticIsWhatTheCheckerPrints() throws {
        let blocks = try Self.blocks()
        var compared = 0
        for (block, next) in zip(blocks, blocks.dropFirst()) where block.tag == "riskmap-error" && next.tag == "text" {
            guard let range = next.text.range(of: #"^\S+\.rules(?=:\d+:\d+: )"#, options: .regularExpression) else { continue }
            // Only the output of this block: the source line it quotes is one of the block's.
            let lines = next.text.split(separator: "\n", omittingEmptySubsequences: false)
            guard lines.count > 1, let bar = lines[1].range(of: " | "),
                  block.text.split(separator: "\n").contains(where: { $0 == lines[1][bar.upperBound...] }) else { continue }
            let path = String(next.text[range])
            let (_, diagnostics, _) = Checker.check(files: [SourceFile(path: path, text: block.text)])
            let printed = DiagnosticRenderer(lang: .ru).render(diagnostics.filter { $0.severity == .error })
            #expect(printed == next.text, "docs/language.md:\(next.line) shows\n\(next.text)\nbut riskmap prints\n\(printed)")
            compared += 1
        }
        #expect(compared >= 4)
    }
}
