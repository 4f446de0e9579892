import Foundation
@testable import RiskmapLanguage

/// Shared helpers for the rule-language tests.
enum Support {
    /// `Tests/` (found from this file, so tests do not depend on the working directory).
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let starterDirectory = testsDirectory.appendingPathComponent("Fixtures/starter")

    static func file(_ text: String, path: String = "test.rules") -> SourceFile {
        SourceFile(path: path, text: text)
    }

    static func tokens(_ text: String) -> ([Token], [Diagnostic]) {
        var lexer = Lexer(file: file(text))
        let tokens = lexer.tokenize()
        return (tokens, lexer.diagnostics)
    }

    static func parse(_ text: String, path: String = "test.rules") -> (FileSyntax, [Diagnostic]) {
        Parser.parse(file(text, path: path))
    }

    static func check(_ texts: [String]) -> (CheckedRuleBook?, [Diagnostic]) {
        let files = texts.enumerated().map { file($1, path: "file\($0).rules") }
        let (book, diagnostics, _) = Checker.check(files: files)
        return (book, diagnostics)
    }

    static func check(_ text: String) -> (CheckedRuleBook?, [Diagnostic]) {
        let (book, diagnostics, _) = Checker.check(files: [file(text)])
        return (book, diagnostics)
    }

    /// The starter rule book, one `SourceFile` per file, sorted by name, paths relative.
    static func starterFiles() throws -> [SourceFile] {
        let names = try FileManager.default.contentsOfDirectory(atPath: starterDirectory.path)
            .filter { $0.hasSuffix(".rules") }.sorted()
        return try names.map { name in
            let data = try Data(contentsOf: starterDirectory.appendingPathComponent(name))
            return SourceFile(path: name, bytes: [UInt8](data))
        }
    }

    /// `error expected 3:5` — severity, message code and position of a diagnostic.
    static func brief(_ d: Diagnostic) -> String {
        "\(d.severity.rawValue) \(d.message.code) \(d.location.map(\.description) ?? "-")"
    }

    static func errors(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.filter { $0.severity == .error }
    }

    /// Number of `#` comments in a text (outside strings).
    static func commentCount(_ text: String) -> Int {
        var (tokens, _) = tokens(text)
        tokens = tokens.filter { !$0.leadingComments.isEmpty || $0.trailingComment != nil }
        return tokens.reduce(0) { $0 + $1.leadingComments.count + ($1.trailingComment == nil ? 0 : 1) }
    }

    /// A deterministic pseudo-random byte generator (SplitMix64), for junk inputs.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
