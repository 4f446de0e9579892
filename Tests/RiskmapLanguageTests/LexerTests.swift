import Foundation
import Testing
@testable import RiskmapLanguage

/// A compact, comparable spelling of a token: `id:x`, `kw:when/ru`, `num:12.5`, `pct:30`,
/// `str:…`, `date:2026-10-15`, `sym:<=`, `eof`.
private func describe(_ token: Token) -> String {
    switch token.kind {
    case .identifier(let name): return "id:\(name)"
    case .keyword(let k, let lang): return "kw:\(k.rawValue)/\(lang.rawValue)"
    case .number(_, let text): return "num:\(text)"
    case .percent(_, let text): return "pct:\(text)"
    case .string(let s): return "str:\(s)"
    case .date(let y, let m, let d): return "date:\(y)-\(m)-\(d)"
    case .symbol(let s): return "sym:\(s.rawValue)"
    case .endOfFile: return "eof"
    }
}

private func lex(_ text: String) -> (tokens: [String], diagnostics: [Diagnostic]) {
    let (tokens, diagnostics) = Support.tokens(text)
    return (tokens.map(describe), diagnostics)
}

@Suite struct LexerTests {
    // MARK: Token kinds

    @Test(arguments: [
        // Symbols, ASCII and typographic
        ("{ } ( ) , : ; =", ["sym:{", "sym:}", "sym:(", "sym:)", "sym:,", "sym::", "sym:;", "sym:="]),
        ("< <= > >= != <> ==", ["sym:<", "sym:<=", "sym:>", "sym:>=", "sym:!=", "sym:!=", "sym:="]),
        ("≤ ≥ ≠", ["sym:<=", "sym:>=", "sym:!="]),
        ("+ - * / − ×", ["sym:+", "sym:-", "sym:*", "sym:/", "sym:-", "sym:*"]),
        ("сентябрь–октябрь 1 — 2", ["id:сентябрь", "sym:–", "id:октябрь", "num:1", "sym:–", "num:2"]),
        ("0...10 0..10 0…10", ["num:0", "sym:...", "num:10", "num:0", "sym:...", "num:10", "num:0", "sym:...", "num:10"]),
        ("a<=b", ["id:a", "sym:<=", "id:b"]),
        // Numbers and percents
        ("12 12.5 0.3 007", ["num:12", "num:12.5", "num:0.3", "num:007"]),
        ("30% 2.5% 100%", ["pct:30", "pct:2.5", "pct:100"]),
        ("-5 -2.5%", ["sym:-", "num:5", "sym:-", "pct:2.5"]),
        ("2026/27", ["num:2026", "sym:/", "num:27"]),
        // Dates: ISO and Russian
        ("2026-10-15", ["date:2026-10-15"]),
        ("15.10.2026", ["date:2026-10-15"]),
        ("1.9.2026 01.09.2026", ["date:2026-9-1", "date:2026-9-1"]),
        ("2024-02-29", ["date:2024-2-29"]),
        // Identifiers: Latin, Cyrillic, mixed, with digits and underscores
        ("pupils teachers_over_55 _x", ["id:pupils", "id:teachers_over_55", "id:_x"]),
        ("доля_двоек школа_1 ёлка Показатель2", ["id:доля_двоек", "id:школа_1", "id:ёлка", "id:Показатель2"]),
        ("СОШ ООШ гимназия", ["id:СОШ", "id:ООШ", "id:гимназия"]),
        ("9abc", ["num:9", "id:abc"]),
        ("нет_данных(x)", ["id:нет_данных", "sym:(", "id:x", "sym:)"]),
        // Keywords are whole words: a keyword prefix is an identifier
        ("если_бы ifs index", ["id:если_бы", "id:ifs", "id:index"]),
        // Strings
        (#""Центр «Точка роста»""#, ["str:Центр «Точка роста»"]),
        (#""a\"b" "c\\d" "tab\tend" "line\nend""#, ["str:a\"b", "str:c\\d", "str:tab\tend", "str:line\nend"]),
        ("“Типографские «кавычки»”", ["str:Типографские «кавычки»"]),
        ("“закрыта прямой\"", ["str:закрыта прямой"]),
        (#""""#, ["str:"]),
    ] as [(String, [String])])
    func tokenKinds(source: String, expected: [String]) {
        let (tokens, diagnostics) = lex(source)
        #expect(tokens == expected + ["eof"])
        #expect(diagnostics.isEmpty, "\(diagnostics.map(Support.brief))")
    }

    // MARK: Keywords

    /// Every spelling of every keyword, in both languages and in any letter case, lexes to
    /// that keyword (or to the keyword that shares the spelling, e.g. `year`/`years`).
    @Test(arguments: Keyword.allCases)
    func everyKeywordSpelling(keyword: Keyword) {
        for lang in Lang.allCases {
            for spelling in keyword.spellings(lang) {
                for variant in [spelling, spelling.uppercased(), spelling.prefix(1).uppercased() + spelling.dropFirst()] {
                    let (tokens, diagnostics) = Support.tokens(variant)
                    #expect(diagnostics.isEmpty)
                    guard case .keyword(let found, let foundLang) = tokens[0].kind else {
                        Issue.record("\(variant) did not lex as a keyword: \(describe(tokens[0]))")
                        continue
                    }
                    #expect(foundLang == lang, "\(variant)")
                    #expect(found == keyword || found.spellings(lang).contains(spelling), "\(variant) → \(found)")
                }
            }
        }
    }

    @Test(arguments: [
        ("если ЕСЛИ Если", ["kw:when/ru", "kw:when/ru", "kw:when/ru"]),
        ("when WHEN When", ["kw:when/en", "kw:when/en", "kw:when/en"]),
        ("и или не в", ["kw:and/ru", "kw:or/ru", "kw:not/ru", "kw:in/ru"]),
        ("and or not in", ["kw:and/en", "kw:or/en", "kw:not/en", "kw:in/en"]),
        ("да нет истина ложь", ["kw:true/ru", "kw:false/ru", "kw:true/ru", "kw:false/ru"]),
        ("true false yes no", ["kw:true/en", "kw:false/en", "kw:true/en", "kw:false/en"]),
        ("определён определен", ["kw:unknown/ru", "kw:unknown/ru"]),
        ("муниципалитет муниципалитету", ["kw:municipality/ru", "kw:municipality/ru"]),
        ("подряд лет года", ["kw:for/ru", "kw:years/ru", "kw:years/ru"]),
        ("param parameter bool boolean", ["kw:param/en", "kw:param/en", "kw:bool/en", "kw:bool/en"]),
    ] as [(String, [String])])
    func keywordsInBothLanguages(source: String, expected: [String]) {
        #expect(lex(source).tokens == expected + ["eof"])
    }

    @Test func identifiersAreCaseSensitiveKeywordsAreNot() {
        let (tokens, _) = lex("Share share SHARE ПОКАЗАТЕЛЬ")
        #expect(tokens == ["id:Share", "id:share", "id:SHARE", "kw:indicator/ru", "eof"])
    }

    // MARK: Dates

    @Test(arguments: [
        ("2026-02-30", "2026-02-30"),
        ("2026-02-29", "2026-02-29"),
        ("31.04.2026", "31.04.2026"),
        ("2026-13-01", "2026-13-01"),
        ("00.10.2026", "00.10.2026"),
        ("1800-01-01", "1800-01-01"),
    ])
    func invalidDates(source: String, shown: String) {
        let (tokens, diagnostics) = Support.tokens("срок " + source)
        #expect(diagnostics.count == 1)
        let d = diagnostics[0]
        #expect(d.message.code == "invalidDate")
        #expect(d.location == SourceLocation(line: 1, column: 6))
        #expect(d.message.text(.ru).contains(shown))
        // The token is still there, so the parser does not report the same place twice.
        #expect(tokens.count == 3)
    }

    @Test func invalidDateIsReportedOnceByTheParser() {
        let (_, diagnostics) = Support.parse("мера m {\n  срок 2026-02-30\n}\n")
        #expect(diagnostics.map(Support.brief) == ["error invalidDate 2:8"])
    }

    // MARK: Strings

    @Test func unterminatedString() {
        let (tokens, diagnostics) = lex("показатель x \"Доля\n: число")
        #expect(diagnostics.map(Support.brief) == ["error unterminatedString 1:14"])
        #expect(diagnostics[0].help != nil)
        #expect(tokens == ["kw:indicator/ru", "id:x", "str:Доля", "sym::", "kw:number/ru", "eof"])
    }

    @Test func stringsMayHoldHashAndGuillemets() {
        let (tokens, diagnostics) = Support.tokens(#"x "a # not a comment «b»" # real"#)
        #expect(diagnostics.isEmpty)
        #expect(tokens.map(describe) == ["id:x", "str:a # not a comment «b»", "eof"])
        #expect(tokens[1].trailingComment == "# real")
    }

    // MARK: Comments

    @Test func commentsAreAttachedToTokens() {
        let source = """
        # file header
        # second line
        показатель x  # trailing x
        # before y
        y # trailing y
        # at the end
        """
        let (tokens, diagnostics) = Support.tokens(source)
        #expect(diagnostics.isEmpty)
        #expect(tokens.map(describe) == ["kw:indicator/ru", "id:x", "id:y", "eof"])
        #expect(tokens[0].leadingComments == ["# file header", "# second line"])
        #expect(tokens[0].trailingComment == nil)
        #expect(tokens[1].trailingComment == "# trailing x")
        #expect(tokens[2].leadingComments == ["# before y"])
        #expect(tokens[2].trailingComment == "# trailing y")
        #expect(tokens[3].leadingComments == ["# at the end"])
    }

    @Test func commentWithCRLF() {
        let (tokens, _) = Support.tokens("x # c\r\ny\r\n")
        #expect(tokens[0].trailingComment == "# c")
        #expect(tokens[1].startsLine)
    }

    @Test func startsLineMarksTheFirstTokenOfALine() {
        let (tokens, _) = Support.tokens("a b\n  c")
        #expect(tokens.map(\.startsLine) == [true, false, true, true])
    }

    // MARK: Unexpected characters

    @Test(arguments: [
        ("x @ y", "@", 1, 3, false),
        ("показатель @", "@", 1, 12, false),
        ("если доля > 30 $", "$", 1, 16, false),
        ("x\n  «Точка роста»", "«", 2, 3, true),
        ("a ! b", "!", 1, 3, false),
        ("a . b", ".", 1, 3, false),
        ("x = 5 ∑", "∑", 1, 7, false),
        ("\tx ^", "^", 1, 4, false),
    ] as [(String, String, Int, Int, Bool)])
    func unexpectedCharacter(source: String, character: String, line: Int, column: Int, hasHelp: Bool) throws {
        let (_, diagnostics) = Support.tokens(source)
        let first = try #require(diagnostics.first)
        #expect(first.message.code == "unexpectedCharacter")
        #expect(first.message.text(.en).contains("'\(character)'"))
        #expect(first.location == SourceLocation(line: line, column: column))
        #expect((first.help != nil) == hasHelp)
    }

    @Test func lexingGoesOnAfterAnUnexpectedCharacter() {
        let (tokens, diagnostics) = lex("a @ b $ c")
        #expect(tokens == ["id:a", "id:b", "id:c", "eof"])
        #expect(diagnostics.map(Support.brief) == ["error unexpectedCharacter 1:3", "error unexpectedCharacter 1:7"])
    }

    @Test func tooManyLexicalErrorsAreSummarised() {
        let (_, diagnostics) = Support.tokens(String(repeating: "@ ", count: 500))
        #expect(diagnostics.count == Lexer.errorLimit + 1)
        #expect(diagnostics.last?.message.code == "tooManyErrors")
    }

    // MARK: Byte-order mark

    @Test func byteOrderMarkIsSkippedAndNotAColumn() {
        let file = SourceFile(path: "bom.rules", bytes: [0xEF, 0xBB, 0xBF] + Array("x @\nпоказатель".utf8))
        var lexer = Lexer(file: file)
        let tokens = lexer.tokenize()
        #expect(tokens.map(describe) == ["id:x", "kw:indicator/ru", "eof"])
        #expect(tokens[0].range.startLocation == SourceLocation(line: 1, column: 1))
        #expect(lexer.diagnostics.map(Support.brief) == ["error unexpectedCharacter 1:3"])
        #expect(file.lineText(1) == "x @")
        let rendered = DiagnosticRenderer(lang: .ru).render(lexer.diagnostics)
        #expect(rendered.contains(" 1 | x @\n   |   ^\n"))
        #expect(Lexer.validate(file) == nil)
    }

    // MARK: Validation (encoding)

    @Test(arguments: [
        ([0x78, 0xFF, 0x79], 1, 2, "invalidUTF8"),
        ([0x78, 0x0A, 0xC3], 2, 1, "invalidUTF8"),  // truncated sequence
        ([0xC0, 0xAF], 1, 1, "invalidUTF8"),  // overlong «/»
        ([0xED, 0xA0, 0x80], 1, 1, "invalidUTF8"),  // surrogate
        ([0x61, 0x00, 0x62], 1, 2, "binaryFile"),
    ] as [([UInt8], Int, Int, String)])
    func invalidEncoding(bytes: [UInt8], line: Int, column: Int, code: String) throws {
        let file = SourceFile(path: "bad.rules", bytes: bytes)
        let d = try #require(Lexer.validate(file))
        #expect(d.message.code == code)
        #expect(d.location == SourceLocation(line: line, column: column))
    }

    @Test func validUTF8IsAccepted() {
        #expect(Lexer.validate(Support.file("показатель доля «x» ≤ 😀 \u{10FFFF}")) == nil)
    }

    // MARK: Positions

    @Test func rangesCoverTheTokenText() {
        let source = "показатель доля_двоек \"Доля «2»\" : процент диапазон 0%...100%"
        let (tokens, _) = Support.tokens(source)
        #expect(tokens.dropLast().map(\.range.text) == [
            "показатель", "доля_двоек", "\"Доля «2»\"", ":", "процент", "диапазон", "0%", "...", "100%",
        ])
        #expect(tokens[2].range.startLocation == SourceLocation(line: 1, column: 23))
    }
}
