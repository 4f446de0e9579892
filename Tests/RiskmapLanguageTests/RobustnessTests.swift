import Foundation
import Testing
@testable import RiskmapLanguage

/// Hostile and degenerate inputs: nothing traps, and each gets a clear diagnostic.
@Suite struct RobustnessTests {
    private static func check(_ bytes: [UInt8], path: String = "input.rules") -> [Diagnostic] {
        Checker.check(files: [SourceFile(path: path, bytes: bytes)]).1
    }

    fileprivate static func check(_ text: String) -> [Diagnostic] {
        check(Array(text.utf8))
    }

    // MARK: Binary junk and encodings

    @Test(arguments: [1, 2, 3, 42, 2026] as [UInt64])
    func randomBytes(seed: UInt64) {
        var generator = Support.SplitMix(seed: seed)
        let bytes = (0..<65_536).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let diagnostics = Self.check(bytes)
        #expect(diagnostics.hasErrors)
        #expect(diagnostics.count == 1)
        let code = diagnostics.first?.message.code
        #expect(code == "binaryFile" || code == "invalidUTF8")
    }

    /// Random printable text (valid UTF-8, no NUL): the lexer and parser see it all.
    @Test(arguments: [7, 8, 9] as [UInt64])
    func randomText(seed: UInt64) {
        var generator = Support.SplitMix(seed: seed)
        let alphabet = Array("абвгдеёжзийклмнопрстуфхцчшщъыьэюяabcxyz0123456789 \n\t{}()[],.:;=<>!+-*/%\"'#«»“”≤≥≠…@$&|\\")
        let text = String((0..<200_000).map { _ in alphabet.randomElement(using: &generator)! })
        let diagnostics = Self.check(text)
        #expect(diagnostics.hasErrors)
        #expect(diagnostics.count <= Lexer.errorLimit * 2 + 2)
    }

    @Test func invalidUTF8() {
        let bytes = Array("показатель share \"Доля".utf8) + [0xD4, 0xEE, 0xFF] + Array("\" : процент\n".utf8)
        let diagnostics = Self.check(bytes)
        #expect(diagnostics.map(Support.brief) == ["error invalidUTF8 1:23"])
        #expect(diagnostics.first?.help != nil)
        let rendered = DiagnosticRenderer(lang: .ru).render(diagnostics)
        #expect(rendered.hasPrefix("input.rules:1:23: ошибка: файл не в кодировке UTF-8\n"))
    }

    @Test func windows1251IsNotUTF8() {
        // «показатель» in Windows-1251.
        let bytes: [UInt8] = [0xEF, 0xEE, 0xEA, 0xE0, 0xE7, 0xE0, 0xF2, 0xE5, 0xEB, 0xFC, 0x20, 0x78]
        #expect(Self.check(bytes).map(Support.brief) == ["error invalidUTF8 1:1"])
    }

    // MARK: Deep nesting and long chains

    @Test(arguments: [
        ("parentheses", String(repeating: "(", count: 100_000) + "x" + String(repeating: ")", count: 100_000)),
        ("не", String(repeating: "не ", count: 100_000) + "x"),
        ("not", String(repeating: "not ", count: 100_000) + "x"),
        ("minus", String(repeating: "-", count: 100_000) + "x > 1"),
        ("or chain", "x" + String(repeating: " или x", count: 100_000)),
        ("and chain", "x" + String(repeating: " и x", count: 100_000)),
        ("plus chain", "score" + String(repeating: " + score", count: 100_000) + " > 1"),
        ("product chain", "score" + String(repeating: " * score", count: 100_000) + " > 1"),
        ("calls", String(repeating: "известно(", count: 100_000) + "x" + String(repeating: ")", count: 100_000)),
    ])
    func deepExpression(name: String, condition: String) {
        let source = "показатель x : логический\nпоказатель score : число\nфактор f {\n  если " + condition + "\n}\nроль ok\n"
        let diagnostics = Self.check(source)
        #expect(Support.errors(diagnostics).map(Support.brief) == ["error tooDeeplyNested 4:\(Self.column(of: condition))"], "\(name)")
        #expect(diagnostics.first?.message.text(.ru).contains("200") == true)
    }

    /// Column (1-based, in characters) where the 201st level starts, as the parser reports it.
    private static func column(of condition: String) -> Int {
        let (_, diagnostics) = Parser.parse(SourceFile(path: "x", text: "фактор f {\n  если " + condition + "\n}"))
        return diagnostics.first?.location?.column ?? -1
    }

    @Test func nestingUpToTheLimitIsFine() {
        let depth = Parser.maxDepth - 5
        let condition = String(repeating: "(", count: depth) + "x" + String(repeating: ")", count: depth)
        let chain = "x" + String(repeating: " или x", count: Parser.maxDepth - 5)
        for c in [condition, chain] {
            let diagnostics = Self.check("показатель x : логический\nфактор f {\n  если " + c + "\n}\n")
            #expect(!diagnostics.hasErrors, "\(diagnostics.map(Support.brief))")
        }
    }

    @Test func longListsAreNotNesting() {
        let values = (0..<5_000).map { "v\($0)" }
        let source = "показатель t : категория(" + values.joined(separator: ", ") + ")\n"
            + "фактор f {\n  если t в (" + values.joined(separator: ", ") + ")\n}\n"
        let diagnostics = Self.check(source)
        #expect(!diagnostics.hasErrors)
    }

    // MARK: Size

    // MARK: Truncated files

    @Test(arguments: [
        ("показатель x \"Доля", ["error unterminatedString 1:14"]),
        ("правила \"T\" { версия \"1", ["error unterminatedString 1:22"]),
        ("фактор f {\n  если x > 1\n", ["error expected 3:1"]),
        ("фактор f {", ["error expected 1:11"]),
        ("шкала s {\n  hi если f", ["error expected 2:12"]),
        ("мера m {\n  устраняет", ["error expected 2:12"]),
        ("пример \"E\" {\n  дано x =", ["error expected 2:11"]),
        ("показатель x :", ["error expected 1:15"]),
        ("фактор f { если (x > 1", ["error expected 1:23"]),
        ("фактор", ["error expected 1:7"]),
    ])
    func truncatedFile(source: String, expected: [String]) {
        let diagnostics = Self.check(source)
        #expect(Support.errors(diagnostics).map(Support.brief) == expected)
    }

    @Test func unclosedBlockHasHelp() {
        let diagnostics = Self.check("фактор f {\n  если x > 1\n")
        #expect(diagnostics.first?.help?.code == "unclosedBlockHelp")
        #expect(diagnostics.first?.message.text(.ru) == "ожидалось: «}», но файл закончился")
    }

    // MARK: Empty files

    @Test(arguments: [
        ("", "empty"),
        ("# только комментарий\n# и ещё один\n", "comments"),
        ("\n\n   \n\t\n", "blank lines"),
        ("\u{FEFF}", "byte-order mark only"),
    ])
    func emptyRuleBook(source: String, name: String) {
        let diagnostics = Self.check(source)
        #expect(!diagnostics.hasErrors, "\(name)")
        #expect(diagnostics.map(Support.brief) == ["warning missingRuleset -"], "\(name)")
        #expect(diagnostics.first?.path == "input.rules")
        let rendered = DiagnosticRenderer(lang: .ru).render(diagnostics)
        #expect(rendered.hasPrefix("input.rules: предупреждение: "))
    }

    @Test func commentsOnlyFileFormatsToItself() {
        let text = "# только комментарий\n# и ещё один\n"
        let (syntax, _) = Parser.parse(SourceFile(path: "c.rules", text: text))
        #expect(Formatter.format(syntax) == text)
        #expect(Formatter.format(Parser.parse(SourceFile(path: "e.rules", text: "")).0) == "")
    }

    /// Large inputs run one after another, so they do not compete for the CPU with each other.
    @Suite(.serialized) struct LargeInputs {
        /// A valid rule book of about `megabytes` MB with one mistake on its very last line:
        /// checked to the end without trapping. Prints the time it took.
        private static func bigValidBook(megabytes: Int) {
            var text = "правила \"Большой файл\" { версия \"1\" год 2026/27 }\nроль uo\n"
            let size = megabytes * 1_000_000
            text.reserveCapacity(size + 200)
            var i = 0
            while text.utf8.count < size {
                text += "показатель x\(i) \"Показатель \(i)\" : число диапазон 0...100  # комментарий\n"
                text += "фактор f\(i) { если x\(i) > 10 или x\(i) < 1 }\n"
                text += "мера m\(i) { устраняет f\(i) ответственный uo срок октябрь }\n"
                i += 1
            }
            text += "роль последняя @\n"
            let bytes = Array(text.utf8)
            let clock = ContinuousClock()
            let start = clock.now
            let (book, diagnostics, syntax) = Checker.check(files: [SourceFile(path: "big.rules", bytes: bytes)])
            let elapsed = clock.now - start
            print("bigValidBook: \(bytes.count) bytes, \(syntax.declarations.count) declarations, checked in \(elapsed)")
            #expect(book == nil)
            #expect(syntax.declarations.count == 3 * i + 3)
            #expect(diagnostics.map(Support.brief) == ["error unexpectedCharacter \(3 + 3 * i):16"])
        }

        /// 10 MB of valid rules (about 7 s in a debug build on two cores).
        @Test func tenMegabytesOfRules() {
            LargeInputs.bigValidBook(megabytes: 10)
        }

        /// 50 MB of valid rules: about 35 s in a debug build on two shared cores (about 10 s in
        /// release), so it runs only with `RISKMAP_SLOW_TESTS=1`.
        @Test(.enabled(if: ProcessInfo.processInfo.environment["RISKMAP_SLOW_TESTS"] == "1"))
        func fiftyMegabytesOfRules() {
            LargeInputs.bigValidBook(megabytes: 50)
        }

        /// 50 MB of words that lex but do not parse: the lexer reads all of it, the parser
        /// reports one error and skips to the end (there is no declaration to resume at).
        @Test func fiftyMegabytesOfWords() {
            let line = "это не правило а просто слова 12 30% 2026-10-15 \"строка «в кавычках»\" # и комментарий\n"
            let text = "показатель x : число\n" + String(repeating: line, count: 50_000_000 / line.utf8.count + 1)
            let clock = ContinuousClock()
            let start = clock.now
            let diagnostics = RobustnessTests.check(text)
            let elapsed = clock.now - start
            print("fiftyMegabytesOfWords: \(text.utf8.count) bytes checked in \(elapsed)")
            #expect(diagnostics.map(Support.brief) == ["error expected 2:1"])
        }

        /// 50 MB of junk lines: the lexer stops after `Lexer.errorLimit` errors.
        @Test func fiftyMegabytesOfJunk() {
            let line = "это не правило, а просто текст 12,5 % ; @ # и комментарий\n"
            let text = String(repeating: line, count: 50_000_000 / line.utf8.count + 1)
            let clock = ContinuousClock()
            let start = clock.now
            let diagnostics = RobustnessTests.check(text)
            let elapsed = clock.now - start
            print("fiftyMegabytesOfJunk: \(text.utf8.count) bytes checked in \(elapsed)")
            #expect(diagnostics.hasErrors)
            #expect(diagnostics.count <= Lexer.errorLimit * 2 + 2)
            #expect(diagnostics.contains { $0.message.code == "tooManyErrors" })
        }
    }
}
