import Testing
@testable import RiskmapEngine
import RiskmapLanguage

/// `надёжно если`: a share over too few pupils is «недостаточно данных» — unknown in logic,
/// explained as such, and not asked of the school.
@Suite struct ReliabilityTests {
    static let book = """
        показатель participants "ОГЭ: участников" : количество
        показатель fail "ОГЭ: доля «2»" : процент надёжно если participants >= min_participants
        параметр min_participants "Наименьшее число участников" = 10
        фактор high "Высокая доля «2»" { если fail >= 30% }

        """

    @Test func aShareOverTooFewIsInsufficient() throws {
        let e = try Evaluated(Self.book, [
            TestRow("Big", ["participants": 40, "fail": 35]),
            TestRow("Small", ["participants": 6, "fail": 50]),
            TestRow("NoCount", ["participants": .missing, "fail": 35]),
            TestRow("NoShare", ["participants": 40, "fail": .missing]),
        ])
        #expect(e.factor("high", "Big") == .triggered)
        #expect(e.factor("high", "Small") == .unknown)
        #expect(e.factor("high", "NoCount") == .triggered)     // reliability unknown: the value counts
        #expect(e.factor("high", "NoShare") == .unknown)
        let small = e.explain("high", "Small")
        #expect(small.missing.isEmpty)                            // nothing to ask the school for
        #expect(small.insufficient.map(\.indicator) == [1])
        #expect(small.text == "недостаточно данных: «ОГЭ: доля «2»» (2025/26): «ОГЭ: участников» 6 ниже, чем порог 10")
        #expect(e.explain("high", "Small", lang: .en).text.hasPrefix("not enough data: «ОГЭ: доля «2»» (2025/26): "))
        #expect(e.explain("high", "NoShare").text == "нет данных: «ОГЭ: доля «2»» (2025/26)")
    }

    @Test func checkerErrors() {
        func codes(_ text: String) -> [String] {
            Checker.check(files: [SourceFile(path: "t.rules", text: Self.book + text)]).1.filter { $0.severity == .error }.map(\.message.code)
        }
        #expect(codes("показатель ok \"Да\" : логический надёжно если participants > 1\n") == ["reliableKind"])
        #expect(codes("показатель ratio \"Д\" : процент надёжно если fail > 1%\n") == ["reliableReference"])
        #expect(codes("показатель r \"Д\" : процент надёжно если participants\n") == ["notACondition"])
    }

    @Test func theFormatterPrintsTheClauseBack() {
        let text = "показатель fail \"ОГЭ: доля «2»\" : процент надежно если participants >= 10\n"
        let syntax = Parser.parse(SourceFile(path: "t.rules", text: text)).0
        let formatted = Formatter.format(syntax)
        #expect(formatted == "показатель fail \"ОГЭ: доля «2»\" : процент надёжно если participants >= 10\n")
        #expect(SyntaxDump.file(Parser.parse(SourceFile(path: "t.rules", text: formatted)).0) == SyntaxDump.file(syntax))
    }
}
