import Testing
@testable import RiskmapEngine
import RiskmapLanguage

/// `надёжно если n >= t иначе за последние N лет`: where one year has too few pupils, the
/// share of the last years together (weighted by their pupils), if they are enough.
@Suite struct PoolingTests {
    static let book = """
        показатель participants "ОГЭ: участников" : количество
        показатель fail "ОГЭ: доля «2»" : процент
          надёжно если participants >= min_participants иначе за последние years_pooled года
        параметр min_participants "Наименьшее число участников" = 10
        параметр years_pooled "Лет при объединении" = 3
        фактор high "Высокая доля «2»" { если fail >= 30% }

        """

    static func rows(_ id: String, _ data: [(Int, V, V)]) -> [TestRow] {
        data.map { TestRow(id, year($0.0), ["participants": $0.1, "fail": $0.2]) }
    }

    @Test func smallClassesArePooledOverTheLastYears() throws {
        let rows = Self.rows("Big", [(2025, 40, 35)])
            // 4 + 3 + 5 = 12 pupils: (50·4 + 0·3 + 20·5) / 12 = 25 %.
            + Self.rows("Pooled", [(2023, 4, 50), (2024, 3, 0), (2025, 5, 20)])
            // A year with no count and a year with no share are left out: (40·4 + 10·8) / 12 = 20 %.
            + Self.rows("Gaps", [(2022, 30, 90), (2023, .missing, 50), (2024, 4, 40), (2025, 8, 10)])
            // 3 + 2 = 5 pupils: not enough even together.
            + Self.rows("Tiny", [(2024, 3, 100), (2025, 2, 50)])
            // This year's share is missing: no pooled share either (it is asked for).
            + Self.rows("NoShare", [(2024, 20, 50), (2025, 5, .missing)])
            // Unknown reliability: the value counts as it is.
            + Self.rows("NoCount", [(2025, .missing, 35)])
        let e = try Evaluated(Self.book, rows)
        let y = year(2025)
        #expect(e.factor("high", "Big", y) == .triggered)
        #expect(e.factor("high", "Pooled", y) == .notTriggered)
        #expect(e.factor("high", "Gaps", y) == .notTriggered)
        #expect(e.factor("high", "Tiny", y) == .unknown)
        #expect(e.factor("high", "NoShare", y) == .unknown)
        #expect(e.factor("high", "NoCount", y) == .triggered)

        let fail = try #require(e.book.indicator(named: "fail")).index
        let reference = e.reference
        let pooledShare: Double = (50 * 4 + 0 * 3 + 20 * 5) / 12, gapsShare: Double = (40 * 4 + 10 * 8) / 12
        #expect(reference.pooled(indicator: fail, row: e.row("Pooled", y))?.value == pooledShare)
        #expect(reference.pooled(indicator: fail, row: e.row("Gaps", y))?.value == gapsShare)
        #expect(reference.pooled(indicator: fail, row: e.row("Gaps", y))?.years.map(\.description) == ["2024/25", "2025/26"])

        #expect(e.explain("high", "Pooled", y).text
                == "«ОГЭ: доля «2»» 25 % (за 2023/24–2025/26 вместе, «ОГЭ: участников» 12) ниже, чем 30 %")
        #expect(e.explain("high", "Pooled", y, lang: .en).text
                == "«ОГЭ: доля «2»» 25 % (over 2023/24–2025/26 together, 'ОГЭ: участников' 12) is below 30 %")
        let tiny = e.explain("high", "Tiny", y)
        #expect(tiny.missing.isEmpty)
        #expect(tiny.text == "недостаточно данных: «ОГЭ: доля «2»» (2025/26): «ОГЭ: участников» 2 ниже, чем порог 10; и за 2024/25–2025/26 вместе только 5")
        let noShare = e.explain("high", "NoShare", y)
        #expect(noShare.insufficient.isEmpty)
        #expect(noShare.missing.map(\.indicator) == [fail])
    }

    /// The executor (all rows in blocks) and the reference agree row by row, also with a
    /// strict threshold and a literal number of years.
    @Test func theExecutorAgreesWithTheReference() throws {
        let strict = Self.book.replacingOccurrences(of: ">= min_participants иначе за последние years_pooled года",
                                                    with: "> 9 иначе за последние 2 года")
        for text in [Self.book, strict] {
            var rows: [TestRow] = []
            var generator = SplitMix(seed: 42)
            for s in 0..<60 {
                for y in 2020...2025 where Int.random(in: 0..<5, using: &generator) > 0 {
                    let n: V = Int.random(in: 0..<8, using: &generator) == 0 ? .missing : .number(Double(Int.random(in: 0...14, using: &generator)))
                    let f: V = Int.random(in: 0..<8, using: &generator) == 0 ? .missing : .number(Double(Int.random(in: 0...100, using: &generator)))
                    rows.append(TestRow("S\(s)", year(y), ["participants": n, "fail": f]))
                }
            }
            let e = try Evaluated(text, rows)
            let reference = e.reference
            for r in 0..<e.profiles.rowCount {
                #expect(reference.factorStatus(0, row: r) == e.evaluation.factors[0][r], "row \(r) of \(text.count)")
            }
        }
    }

    @Test func checkerErrors() {
        func messages(_ text: String) -> [Diagnostic] {
            Checker.check(files: [SourceFile(path: "t.rules", text: Self.book + text)]).1.filter { $0.severity == .error }
        }
        // The condition must compare a count with a threshold.
        let notACount = messages("показатель m \"М\" : число\nпоказатель r1 \"Д\" : процент надёжно если m >= 5 иначе за последние 3 года\n")
        #expect(notACount.map(\.message.code) == ["pooledCondition"])
        #expect(notACount.first?.location?.description == "8:42")
        #expect(notACount.first?.message.text(.ru) == "«иначе за последние … лет» складывает учеников нескольких лет, и условие надёжности должно сравнивать их число с порогом")
        #expect(notACount.first?.help?.text(.en) == "write 'reliable when COUNT >= THRESHOLD': COUNT a count indicator of the schools file (participants), THRESHOLD a parameter or a number")
        #expect(messages("показатель r2 \"Д\" : процент надёжно если participants < 5 иначе за последние 3 года\n").map(\.message.code) == ["pooledCondition"])
        #expect(messages("показатель r3 \"Д\" : процент надёжно если participants >= 2 * min_participants иначе за последние 3 года\n").map(\.message.code) == ["pooledCondition"])
        #expect(messages("показатель r4 \"Д\" : процент надёжно если participants >= 5 иначе за последние 30 лет\n").map(\.message.code) == ["invalidYears"])
        #expect(messages("indicator r5 \"Д\" : percent reliable when participants >= 5 otherwise over last 3 years\n").isEmpty)
    }

    @Test func theFormatterPrintsTheClauseBack() {
        for (text, expected) in [
            ("показатель fail \"Д\" : процент надежно если n >= 10 иначе за последние 3 года\n",
             "показатель fail \"Д\" : процент надёжно если n >= 10 иначе за последние 3 года\n"),
            ("показатель fail \"Д\" : процент надёжно если n >= 10 иначе за последние 5 лет\n",
             "показатель fail \"Д\" : процент надёжно если n >= 10 иначе за последние 5 лет\n"),
            ("indicator fail \"Д\" : percent reliable when n >= 10 otherwise over last k years\n",
             "indicator fail \"Д\" : percent reliable when n >= 10 otherwise over last k years\n"),
        ] {
            let syntax = Parser.parse(SourceFile(path: "t.rules", text: text)).0
            let formatted = Formatter.format(syntax)
            #expect(formatted == expected)
            #expect(SyntaxDump.file(Parser.parse(SourceFile(path: "t.rules", text: formatted)).0) == SyntaxDump.file(syntax))
        }
    }
}
