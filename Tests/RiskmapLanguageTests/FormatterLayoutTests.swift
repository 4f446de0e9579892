import Testing
@testable import RiskmapLanguage

/// The formatter keeps the layout choices an author makes on purpose: line breaks inside
/// conditions and `дано` lists, empty lines between groups of declarations and between
/// comment paragraphs. Everything else is canonical.
@Suite struct FormatterLayoutTests {
    func format(_ text: String) -> String {
        let (syntax, diagnostics) = Parser.parse(SourceFile(path: "t.rules", text: text))
        #expect(!diagnostics.hasErrors)
        return Formatter.format(syntax)
    }

    @Test func anAuthorsLineBreaksInAConditionAreKept() {
        // Each chain level indents two more spaces; the chain in parentheses is nested in the outer `или`.
        let text = """
        показатель a "A" : число
        показатель b "B" : число

        фактор f "F" {
          если (a > 1
              или b > 2) 2 года подряд
            или a > 5
              и b < 1
        }

        """
        let formatted = format(text)
        #expect(formatted == text)
    }

    @Test func aShortConditionWithoutBreaksStaysOnOneLine() {
        let formatted = format("показатель a \"A\" : число\nфактор f \"F\" {\n  если a > 1 или a < 0\n}\n")
        #expect(formatted.contains("  если a > 1 или a < 0\n"))
    }

    @Test func givenListsKeepTheAuthorsBreaks() {
        let text = """
        показатель a "A" : число
        показатель b "B" : число
        фактор f "F" { если a > 1 }
        пример "П" {
          дано a = 1,
            b = 2
          ожидается не f
        }

        """
        let formatted = format(text)
        #expect(formatted.contains("  дано a = 1,\n    b = 2\n"))
    }

    @Test func emptyLinesBetweenGroupsAndCommentParagraphsAreKept() {
        let text = """
        # Заголовок файла.
        #
        # Второй абзац заголовка.

        # --- Раздел 1 ---

        показатель a "A" : число
        показатель b "B" : число

        показатель c "C" : число

        """
        let formatted = format(text)
        #expect(formatted == text)
    }

    @Test func longCategoryListsMoveToTheirOwnLine() {
        let values = (1...12).map { "значение\($0)" }.joined(separator: ", ")
        let formatted = format("показатель t \"Тип организации с очень длинным названием\" : категория(\(values))\n")
        #expect(formatted.hasPrefix("показатель t \"Тип организации с очень длинным названием\"\n  : категория("))
        #expect(format(formatted) == formatted)
    }
}
