import Testing
@testable import RiskmapLanguage

/// `направление CODE "Title"` declares a section of the documents; a measure names its own
/// with `направление CODE` (issue 13: the sections were comment lines before).
@Suite struct DirectionTests {
    /// Lines 1–6; cases start on line 7.
    static let prelude = """
        правила "T" { версия "1" год 2026/27 }
        показатель flag "Флаг" : логический
        фактор f { если flag }
        роль uo "Управление образования"
        направление staff "Развитие кадрового потенциала"
        направление exams "Подготовка к ГИА"

        """

    static func check(_ body: String) -> (CheckedRuleBook?, [Diagnostic]) {
        let file = SourceFile(path: "Rules/60-measures.rules", text: prelude + body)
        let (book, diagnostics, _) = Checker.check(files: [file])
        return (book, diagnostics)
    }

    /// Each diagnostic as people read it: `file:line:column: severity: message` and the hint.
    static func rendered(_ diagnostics: [Diagnostic], _ lang: Lang = .ru) -> String {
        DiagnosticRenderer(lang: lang).render(diagnostics)
    }

    @Test func measuresNameTheirDirection() throws {
        let (book, diagnostics) = Self.check("""
            мера a "A" {
              направление exams
              устраняет f
              ответственный uo
              срок октябрь
            }
            measure b "B" {
              direction staff
              addresses f
              responsible uo
              due october
            }
            мера c "C" { устраняет f ответственный uo срок октябрь }
            """)
        #expect(diagnostics.isEmpty, "\(Self.rendered(diagnostics))")
        let checked = try #require(book)
        #expect(checked.directions.map(\.code) == ["staff", "exams"])
        #expect(checked.directions.map(\.title) == ["Развитие кадрового потенциала", "Подготовка к ГИА"])
        #expect(checked.measures.map(\.direction) == [1, 0, nil])
    }

    @Test func anUnknownDirectionIsAnErrorWithItsPlaceAndAHint() {
        let (book, diagnostics) = Self.check("""
            мера a "A" {
              направление staf
              устраняет f ответственный uo срок октябрь
            }
            """)
        #expect(book == nil)
        let errors = diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.message.code) == ["unknownDirection"])
        let text = Self.rendered(errors)
        #expect(text.contains("Rules/60-measures.rules:8:15: ошибка: направление «staf» не объявлено"), "\(text)")
        #expect(text.contains("«staff»"), "\(text)")  // did you mean
        // A name like none declared: the hint says how to declare one.
        let (_, other) = Self.check("мера a { направление parents устраняет f ответственный uo срок октябрь }")
        let en = Self.rendered(other.filter { $0.severity == .error }, .en)
        #expect(en.contains("Rules/60-measures.rules:7:22: error: direction 'parents' is not declared"), "\(en)")
        #expect(en.contains("direction CODE \"Section title\""), "\(en)")
    }

    @Test func aDirectionIsNotARoleOrAFactor() {
        let (_, diagnostics) = Self.check("мера a { направление uo устраняет f ответственный staff срок октябрь }")
        let codes = diagnostics.filter { $0.severity == .error }.map { "\($0.message.code) \($0.location?.description ?? "-")" }
        #expect(codes == ["unknownDirection 7:22", "unknownRole 7:51"])
    }

    @Test func aDuplicateDirectionIsAnError() {
        let (_, diagnostics) = Self.check("""
            направление staff "Ещё раз"
            мера a { направление staff устраняет f ответственный uo срок октябрь }
            мера b { направление exams устраняет f ответственный uo срок октябрь }
            """)
        let text = Self.rendered(diagnostics.filter { $0.severity == .error })
        #expect(diagnostics.filter { $0.severity == .error }.map(\.message.code) == ["duplicateCode"])
        #expect(text.contains("Rules/60-measures.rules:7:13: ошибка:"), "\(text)")
        // A direction shares the names of the rule book: it cannot be called like a role.
        let (_, clash) = Self.check("направление uo \"Управление\"\nмера a { направление staff устраняет f ответственный uo срок октябрь }")
        #expect(clash.contains { $0.message.code == "duplicateCode" && $0.location?.description == "7:13" })
    }

    @Test func aMeasureNamesOneDirection() {
        let (_, diagnostics) = Self.check("""
            мера a {
              направление staff
              направление exams
              устраняет f ответственный uo срок октябрь
            }
            """)
        let errors = diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.message.code) == ["duplicateClause"])
        #expect(errors.first?.location?.description == "9:3")
    }

    @Test func anUnusedDirectionIsAWarning() {
        let (book, diagnostics) = Self.check("мера a { направление staff устраняет f ответственный uo срок октябрь }")
        #expect(book != nil)
        #expect(diagnostics.map { "\($0.severity.rawValue) \($0.message.code) \($0.location?.description ?? "-") \($0.help != nil)" }
                == ["warning directionUnused 6:13 true"])
    }

    /// A declaration after a measure whose `}` is missing is still a declaration: the title
    /// after the code tells it from the measure's clause.
    @Test func anUnclosedMeasureBeforeADeclaration() {
        let (_, diagnostics) = Self.check("""
            мера a {
              направление staff
              устраняет f ответственный uo срок октябрь
            направление parents "Работа с родителями"
            мера b { направление parents устраняет f ответственный uo срок октябрь }
            """)
        let errors = diagnostics.filter { $0.severity == .error }
        #expect(errors.map { "\($0.message.code) \($0.location?.description ?? "-")" } == ["expected 10:1"])
    }

    @Test func theFormatterKeepsDirections() {
        let source = """
            # Разделы
            направление staff   "Кадры"   # кадры
            direction exams "ГИА"

            мера a "A" { устраняет f ответственный uo срок октябрь направление staff }
            measure b "B" {
              addresses f
              direction exams # ГИА
              responsible uo
              due october
            }

            """
        let once = Formatter.format(Support.parse(source).0)
        #expect(once.contains("направление staff \"Кадры\"  # кадры\n"), "\(once)")
        #expect(once.contains("мера a \"A\" {\n  направление staff\n  устраняет f\n"), "\(once)")
        #expect(once.contains("мера b \"B\" {\n  направление exams  # ГИА\n  устраняет f\n"), "\(once)")
        #expect(Formatter.format(Support.parse(once).0) == once)
        #expect(SyntaxDump.file(Support.parse(once).0).contains("(direction staff \"Кадры\")"))
        // A file in English stays in English.
        let english = Formatter.format(Support.parse("direction exams \"GIA\"\nmeasure b { addresses f responsible uo direction exams }\n").0)
        #expect(english == "direction exams \"GIA\"\n\nmeasure b {\n  direction exams\n  addresses f\n  responsible uo\n}\n", "\(english)")
    }
}
