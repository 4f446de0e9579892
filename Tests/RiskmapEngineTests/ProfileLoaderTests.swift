import Foundation
import Testing
@testable import RiskmapEngine
import RiskmapLanguage
import RiskmapPlatform

/// CSV tables → validated school profiles: column mapping, built-in columns, every data
/// problem reported with its line and column, and what is kept after a problem.
@Suite struct ProfileLoaderTests {
    struct Loaded {
        var book: CheckedRuleBook
        var profiles: ProfileSet
        var diagnostics: [Diagnostic]

        func value(_ id: String, _ code: String, _ y: Int = 2025) -> Double? {
            guard let s = profiles.schoolIndex(id: id), let yi = profiles.yearIndex(year(y)),
                  let r = profiles.row(school: s, yearIndex: yi) else { return nil }
            let v = profiles.columns[book.indicator(named: code)!.index][r]
            return v.isNaN ? nil : v
        }

        func hasRow(_ id: String, _ y: Int = 2025) -> Bool {
            guard let s = profiles.schoolIndex(id: id), let yi = profiles.yearIndex(year(y)) else { return false }
            return profiles.row(school: s, yearIndex: yi) != nil
        }

        /// `code@line:column` of every diagnostic, for compact assertions.
        var summary: [String] {
            diagnostics.map { "\($0.severity == .error ? "E" : "W") \($0.message.code)@\($0.location.map(\.description) ?? "-")" }
        }

        func rendered(_ lang: Lang = .ru) -> String { DiagnosticRenderer(lang: lang).render(diagnostics) }
    }

    static func load(_ text: String, defaultYear: SchoolYear? = nil) throws -> Loaded {
        let book = try starterBook()
        let (table, csvDiagnostics) = CSVReader.read(bytes: Array(text.utf8), path: "schools.csv")
        guard let table else { throw RuleBookError(description: "no table") }
        let (profiles, diagnostics) = ProfileLoader.load(table: table, book: book, defaultYear: defaultYear)
        return Loaded(book: book, profiles: profiles, diagnostics: csvDiagnostics + diagnostics)
    }

    /// The 1-based column at which `cell` starts in `line` (characters, not bytes).
    static func column(of cell: String, in line: String) -> Int {
        line.distance(from: line.startIndex, to: line.range(of: cell)!.lowerBound) + 1
    }

    // MARK: - Columns

    /// Indicators not kept: their cells are checked all the same (the same diagnostics),
    /// their values read as missing; the kept ones are as in a full load.
    @Test func indicatorsNotKeptAreCheckedButNotStored() throws {
        let book = try starterBook()
        let csv = "school_id;year;pupils;teachers;has_growth_point\nS1;2025/26;abc;30;да\nS2;2025/26;400;тридцать;может быть\n"
        let (table, _) = CSVReader.read(bytes: Array(csv.utf8), path: "schools.csv")
        let pupils = try #require(book.indicator(named: "pupils")).index
        let teachers = try #require(book.indicator(named: "teachers")).index
        let (full, fullDiagnostics) = ProfileLoader.load(table: try #require(table), book: book, defaultYear: nil)
        let (kept, keptDiagnostics) = ProfileLoader.load(table: try #require(table), book: book, defaultYear: nil, keeping: [pupils])
        let render = { (d: [Diagnostic]) in DiagnosticRenderer(lang: .ru).render(d) }
        #expect(keptDiagnostics.count == 3)
        #expect(render(keptDiagnostics) == render(fullDiagnostics))
        #expect(kept.columns.isStored.filter { $0 }.count == 1)
        #expect(kept.columns[pupils][0].isNaN && kept.columns[pupils][1] == 400)
        #expect(full.columns[teachers][0] == 30 && kept.columns[teachers].allSatisfy(\.isNaN))
        #expect(kept.schools.map(\.id) == full.schools.map(\.id))
    }

    @Test func columnsByCodeAndByDeclaredName() throws {
        let l = try Self.load("""
            school_id;name;municipality;year;pupils;Педагоги 55+, %;ЕГЭ рус. ср. балл;школьный тип
            S1;Школа;Север;2025/26;500;35,5;62;СОШ
            """)
        #expect(l.value("S1", "pupils") == 500)
        #expect(l.value("S1", "teachers_over_55") == 35.5)
        #expect(l.value("S1", "ege_russian_avg") == 62)
        #expect(l.summary == ["W profileUnknownColumn@1:75"])
    }

    @Test func headersMatchIgnoringCaseSpacesAndYo() throws {
        let l = try Self.load("""
            SCHOOL_ID;Name;Municipality;Year;  ЕГЭ   рус. ср. балл ;PUPILS;педагоги 55+, %
            S1;Школа;Север;2025/26;62;500;12
            """)
        #expect(l.diagnostics.isEmpty, "\(l.rendered())")
        #expect(l.value("S1", "ege_russian_avg") == 62)
        #expect(l.value("S1", "pupils") == 500)
        #expect(l.value("S1", "teachers_over_55") == 12)
    }

    @Test func builtinColumnsInRussian() throws {
        let l = try Self.load("""
            Код ОО;Наименование ОО;Муниципалитет;Учебный год;pupils
            0701;МБОУ «СОШ № 1»;Томский район;2024/25;480
            0701;МБОУ «СОШ № 1»;Томский район;2025/26;500
            """)
        #expect(l.diagnostics.isEmpty, "\(l.rendered())")
        #expect(l.profiles.schools.count == 1)
        let school = l.profiles.schools[0]
        #expect(school.id == "0701")
        #expect(school.name == "МБОУ «СОШ № 1»")
        #expect(school.municipality == "Томский район")
        #expect(l.profiles.years == [year(2024), year(2025)])
        #expect(l.value("0701", "pupils", 2024) == 480)
        #expect(l.value("0701", "pupils") == 500)
    }

    @Test func unknownColumnIsAWarningWithLineAndColumn() throws {
        let header = "school_id;name;year;pupil;teachers"
        let l = try Self.load(header + "\nS1;Школа;2025/26;100;20\n")
        #expect(l.summary == ["W profileUnknownColumn@1:\(Self.column(of: "pupil", in: header))"])
        #expect(l.diagnostics[0].severity == .warning)
        // Did you mean the indicator code?
        if case .didYouMean(let name)? = l.diagnostics[0].help { #expect(name == "pupils") } else {
            Issue.record("no did-you-mean: \(l.rendered())")
        }
        #expect(l.rendered().hasPrefix("schools.csv:1:21: предупреждение: столбец «pupil» не соответствует ни одному показателю"))
        // The rest is read.
        #expect(l.value("S1", "teachers") == 20)
    }

    @Test func duplicateColumnIsAWarning() throws {
        let l = try Self.load("""
            school_id;year;teachers_over_55;Педагоги 55+, %
            S1;2025/26;30;40
            """)
        #expect(l.summary == ["W profileDuplicateColumn@1:33"])
        #expect(l.value("S1", "teachers_over_55") == 30)
    }

    @Test func missingIdColumnIsAnError() throws {
        let l = try Self.load("name;year;pupils\nШкола;2025/26;1\n")
        #expect(l.summary == ["E profileMissingIdColumn@-"])
        #expect(l.profiles.rowCount == 0)
    }

    // MARK: - Cells

    @Test func malformedCellIsReportedAndTheRowKept() throws {
        let line2 = "S1;Школа 1;Север;2025/26;много;30;СОШ"
        let l = try Self.load("""
            school_id;name;municipality;year;pupils;teachers;school_type
            \(line2)
            S2;Школа 2;Север;2025/26;100;20;ООШ
            """)
        let column = Self.column(of: "много", in: line2)
        #expect(column == 26)
        #expect(l.summary == ["E profileBadValue@2:26"])
        #expect(l.rendered().hasPrefix("schools.csv:2:26: ошибка: значение «много» не подходит"))
        #expect(l.rendered(.en).contains("value 'много' is not"))
        // The bad value is missing; the rest of its row and the other rows are kept.
        #expect(l.value("S1", "pupils") == nil)
        #expect(l.value("S1", "teachers") == 30)
        #expect(l.value("S1", "school_type") == 0)
        #expect(l.value("S2", "pupils") == 100)
    }

    struct CellCase: Sendable, CustomTestStringConvertible {
        var indicator: String
        var cell: String
        var value: Double?
        var problem: String?
        var testDescription: String { "\(indicator) «\(cell)» → \(value.map { String($0) } ?? "∅")\(problem.map { " (\($0))" } ?? "")" }
    }

    static let cellCases: [CellCase] = [
        // Missing markers: no diagnostic.
        .init(indicator: "pupils", cell: "", value: nil, problem: nil),
        .init(indicator: "pupils", cell: "-", value: nil, problem: nil),
        .init(indicator: "pupils", cell: "—", value: nil, problem: nil),
        .init(indicator: "pupils", cell: "н/д", value: nil, problem: nil),
        .init(indicator: "pupils", cell: "Н/Д", value: nil, problem: nil),
        .init(indicator: "pupils", cell: "нет данных", value: nil, problem: nil),
        .init(indicator: "pupils", cell: "  ", value: nil, problem: nil),
        .init(indicator: "has_growth_point", cell: "н/д", value: nil, problem: nil),
        .init(indicator: "school_type", cell: "—", value: nil, problem: nil),
        .init(indicator: "vpr_math_fail", cell: "нет данных", value: nil, problem: nil),
        .init(indicator: "comment", cell: "-", value: nil, problem: nil),
        // Numbers.
        .init(indicator: "pupils", cell: "1 234", value: 1234, problem: nil),
        .init(indicator: "pupils", cell: "12,0", value: 12, problem: nil),
        .init(indicator: "internet_mbps", cell: "12,5", value: 12.5, problem: nil),
        .init(indicator: "internet_mbps", cell: "12.5", value: 12.5, problem: nil),
        .init(indicator: "vpr_math_fail", cell: "35,5%", value: 35.5, problem: nil),
        .init(indicator: "vpr_math_fail", cell: "35,5 %", value: 35.5, problem: nil),
        .init(indicator: "vpr_math_fail", cell: "0", value: 0, problem: nil),
        // Range violations and bad values.
        .init(indicator: "pupils", cell: "6000", value: nil, problem: "profileOutOfRange"),
        .init(indicator: "pupils", cell: "-3", value: nil, problem: "profileBadValue"),
        .init(indicator: "pupils", cell: "12,5", value: nil, problem: "profileBadValue"),
        .init(indicator: "ege_russian_avg", cell: "120", value: nil, problem: "profileOutOfRange"),
        .init(indicator: "ege_russian_avg", cell: "-1", value: nil, problem: "profileOutOfRange"),
        .init(indicator: "internet_mbps", cell: "1e5", value: nil, problem: "profileBadValue"),
        .init(indicator: "internet_mbps", cell: "быстро", value: nil, problem: "profileBadValue"),
        .init(indicator: "vpr_math_fail", cell: "150", value: nil, problem: "profileOutOfRange"),
        .init(indicator: "vpr_math_fail", cell: "-5%", value: nil, problem: "profileOutOfRange"),
        .init(indicator: "vpr_math_fail", cell: "треть", value: nil, problem: "profileBadValue"),
        // Booleans.
        .init(indicator: "has_growth_point", cell: "да", value: 1, problem: nil),
        .init(indicator: "has_growth_point", cell: "Нет", value: 0, problem: nil),
        .init(indicator: "has_growth_point", cell: "1", value: 1, problem: nil),
        .init(indicator: "has_growth_point", cell: "false", value: 0, problem: nil),
        .init(indicator: "has_growth_point", cell: "может быть", value: nil, problem: "profileBadValue"),
        // Categories: exact, case-insensitive, unknown.
        .init(indicator: "school_type", cell: "ООШ", value: 1, problem: nil),
        .init(indicator: "school_type", cell: "ГИМНАЗИЯ", value: 3, problem: nil),
        .init(indicator: "school_type", cell: "СОЩ", value: nil, problem: "profileUnknownCategory"),
    ]

    @Test("one cell of each kind", arguments: cellCases)
    func cell(_ c: CellCase) throws {
        let line = "S1;2025/26;\(c.cell);7"
        let l = try Self.load("school_id;year;\(c.indicator);teachers\n\(line)\n")
        #expect(l.value("S1", c.indicator) == c.value)
        #expect(l.value("S1", "teachers") == 7)
        if let problem = c.problem {
            #expect(l.summary == ["E \(problem)@2:12"])
            #expect(l.rendered().contains("«\(c.cell)»"))
        } else {
            #expect(l.diagnostics.isEmpty, "\(l.rendered())")
        }
    }

    /// A count is a whole number ≥ 0 up to 10¹⁵, judged on its digits, whichever path
    /// reads the cell: from bytes, or as a string (here: with em spaces to trim). The byte
    /// path once took `12,0000000000000000001` for 12 (judging the rounded double), and the
    /// string path called a number beyond `Int` a bad value, which it was only asked about
    /// under a range (found by `LoaderDifferentialTests`).
    @Test(arguments: [
        ("vacancies", "99999999999999999999", nil, "profileOutOfRange"),   // beyond ±10¹⁵ (issue 17)
        ("vacancies", "1000000000000000", 1e15, nil),
        ("vacancies", "1000000000000001", nil, "profileOutOfRange"),
        ("pupils", "99999999999999999999", nil, "profileOutOfRange"),
        ("vacancies", "12,0000000000000000001", nil, "profileBadValue"),
        ("vacancies", "9007199254740993,5", nil, "profileBadValue"),
        ("vacancies", "12,000000000000000000", 12, nil),
        ("pupils", "4 999,000000000000000", 4999, nil),
    ] as [(String, String, Double?, String?)])
    func countsAreWholeNumbersOfAnySize(indicator: String, cell: String, value: Double?, problem: String?) throws {
        for spelling in [cell, "\u{2003}\(cell)\u{2003}"] {
            let l = try Self.load("school_id;year;\(indicator);teachers\nS1;2025/26;\(spelling);7\n")
            #expect(l.value("S1", indicator) == value, "«\(spelling)»")
            #expect(l.value("S1", "teachers") == 7)
            #expect(l.summary == (problem.map { ["E \($0)@2:12"] } ?? []), "«\(spelling)»")
        }
    }

    @Test func categoryMismatchSuggestsTheClosestValue() throws {
        let l = try Self.load("school_id;year;school_type\nS1;2025/26;СОЩ\n")
        if case .didYouMean(let name)? = l.diagnostics.first?.help { #expect(name == "СОШ") } else {
            Issue.record("no did-you-mean: \(l.rendered())")
        }
        #expect(l.rendered().contains("возможно, имелось в виду «СОШ»"))
        // Nothing close: the allowed values are listed.
        let far = try Self.load("school_id;year;school_type\nS1;2025/26;колледж\n")
        #expect(far.rendered().contains("СОШ, ООШ, НОШ, гимназия, лицей"))
    }

    @Test func textCellsAreKept() throws {
        let l = try Self.load("school_id;year;comment\nS1;2025/26;\"ремонт; спортзал\"\nS2;2025/26;ремонт\n")
        #expect(l.diagnostics.isEmpty)
        #expect(l.profiles.text(ofValue: l.value("S1", "comment")!) == "ремонт; спортзал")
        #expect(l.profiles.text(ofValue: l.value("S2", "comment")!) == "ремонт")
    }

    // MARK: - Rows

    @Test func duplicateSchoolYearNamesTheFirstLine() throws {
        let l = try Self.load("""
            school_id;year;pupils
            S1;2025/26;100
            S2;2025/26;200
            S1;2025/26;999
            S1;2024/25;90
            """)
        #expect(l.summary == ["E profileDuplicateSchoolYear@4:1"])
        #expect(l.rendered().contains("школа «S1» за 2025/26 уже есть в строке 2; эта строка не прочитана"))
        #expect(l.rendered(.en).contains("already appears on line 2"))
        // The first row wins; the duplicate is skipped; other rows kept.
        #expect(l.value("S1", "pupils") == 100)
        #expect(l.value("S2", "pupils") == 200)
        #expect(l.value("S1", "pupils", 2024) == 90)
        #expect(l.profiles.rowCount == 3)
    }

    @Test func badYearSkipsTheRow() throws {
        let l = try Self.load("""
            school_id;year;pupils
            S1;2025/26;100
            S2;2025/27;200
            S3;прошлый;300
            S4;2025-2026;400
            S5;2025;500
            """)
        #expect(l.summary == ["E profileBadYear@3:4", "E profileBadYear@4:4"])
        #expect(!l.hasRow("S2") && !l.hasRow("S3"))
        #expect(l.value("S4", "pupils") == 400)
        #expect(l.value("S5", "pupils") == 500)
        #expect(l.profiles.years == [year(2025)])
    }

    @Test(arguments: [("2025/26", 2025), ("2025/2026", 2025), ("2025-2026", 2025), ("2025–26", 2025), ("2019", 2019), (" 2020/21 ", 2020)] as [(String, Int)])
    func parseYear(_ text: String, _ start: Int) {
        #expect(ProfileLoader.parseYear(text) == year(start))
    }

    @Test(arguments: ["2025/25", "2025/2027", "25/26", "1800/01", "", "год", "2025/26/27"])
    func parseBadYear(_ text: String) {
        #expect(ProfileLoader.parseYear(text) == nil)
    }

    @Test func emptyIdSkipsTheRow() throws {
        let l = try Self.load("""
            school_id;year;pupils
            ;2025/26;100
            S2;2025/26;200
            """)
        #expect(l.summary == ["E profileEmptyId@2:1"])
        #expect(l.profiles.rowCount == 1)
        #expect(l.value("S2", "pupils") == 200)
    }

    @Test func noYearColumnMeansOneYear() throws {
        let text = "school_id;pupils\nS1;100\nS2;200\n"
        let l = try Self.load(text, defaultYear: year(2025))
        #expect(l.diagnostics.map(\.message.code) == ["profileNoYearColumn"])   // said (issue 17)
        #expect(l.diagnostics.allSatisfy { $0.severity == .note })
        #expect(l.profiles.years == [year(2025)])
        #expect(l.value("S2", "pupils") == 200)
        // Without a year column a repeated id is a duplicate.
        let dup = try Self.load("school_id;pupils\nS1;100\nS1;200\n", defaultYear: year(2026))
        #expect(dup.summary == ["W profileNoYearColumn@-", "E profileDuplicateSchoolYear@3:1"])
        #expect(dup.value("S1", "pupils", 2026) == 100)
    }

    @Test func shortRowsReadWhatIsThere() throws {
        let l = try Self.load("school_id;year;pupils;teachers\nS1;2025/26;100\n")
        #expect(l.value("S1", "pupils") == 100)
        #expect(l.value("S1", "teachers") == nil)
        #expect(l.summary == ["W csvTooFewFields@2:1"])
    }

    @Test func rowLinesAreRecorded() throws {
        let l = try Self.load("school_id;year;pupils\n\nS1;2025/26;100\r\nS2;2025/26;200\r\n")
        #expect(l.profiles.rowLine == [3, 4])
        #expect(l.diagnostics.isEmpty)
    }

    @Test func severalProblemsAreAllReported() throws {
        let l = try Self.load("""
            school_id;name;year;pupils;vpr_math_fail;шум
            S1;Школа 1;2025/26;abc;35;
            S1;Школа 1;2025/26;100;35;
            S2;Школа 2;2025/26;200;150;
            """)
        #expect(l.summary == ["W profileUnknownColumn@1:42", "E profileBadValue@2:20",
                              "E profileDuplicateSchoolYear@3:1", "E profileOutOfRange@4:24"])
        #expect(l.profiles.rowCount == 2)
        #expect(l.value("S1", "vpr_math_fail") == 35)
        #expect(l.value("S2", "pupils") == 200)
    }

    /// The loader's byte-level yes/no fast path agrees with `CellParser.parseBool` on every
    /// word it knows, and leaves everything else (padding, other case mixes, near misses,
    /// long cells) to the slow path, which decides as before.
    @Test(arguments: ["да", "Да", "ДА", "нет", "Нет", "НЕТ", "true", "TRUE", "false", "False", "истина", "ИСТИНА",
                      "ложь", "Ложь", "yes", "YES", "no", "No", "дА", "нЕт", " да", "да ", "даа", "д", "",
                      "истинаистина", "ложьложьложь", "1", "0", "x", "нетт", "No!"])
    func yesNoFastPathAgreesWithTheParser(_ word: String) {
        let bytes = Array(word.utf8)
        let fast = bytes.withUnsafeBufferPointer { b in
            ProfileBytes.boolKeys.withUnsafeBufferPointer { ProfileBytes.boolWord(b, $0) }
        }
        let slow = CellParser.parseBool(word).map { $0 ? 1.0 : 0.0 }
        if let fast {
            #expect(fast == slow, "\(word)")
        } else {
            // Not a listed spelling: the loader asks the parser (for 1/0 it has its own check).
            #expect(!ProfileBytes.boolWords.contains { $0.bytes == bytes }, "\(word)")
        }
    }

    /// Years are read by blocks of rows on all cores: over many blocks, every bad year is
    /// still reported once, in line order, before the row and cell problems, and every
    /// good row is kept.
    @Test func yearsReadInBlocksKeepTheirDiagnosticsInOrder() throws {
        let rows = 3 * Tuning.default.loaderBlockRows + 17
        let bad: Set<Int> = [0, 5, Tuning.default.loaderBlockRows - 1, Tuning.default.loaderBlockRows, 2 * Tuning.default.loaderBlockRows + 3, rows - 1]
        var text = "school_id;year;pupils\n"
        for r in 0..<rows {
            let year = bad.contains(r) ? "20x5" : (r % 2 == 0 ? "2024/25" : "2025/26")
            text += "S\(r / 2);\(year);\(r == 7 ? "много" : "\(r % 500)")\n"
        }
        let l = try Self.load(text)
        let expected = bad.sorted().map { "E profileBadYear@\($0 + 2):\(Self.column(of: "20x5", in: "S\($0 / 2);20x5;"))" }
        #expect(Array(l.summary.prefix(bad.count)) == expected)
        #expect(l.summary.count == bad.count + 1 && l.summary.last?.hasPrefix("E ") == true && l.summary.last!.hasSuffix("@9:\(Self.column(of: "много", in: "S3;2025/26;много"))"))
        #expect(l.profiles.rowCount == rows - bad.count)
        #expect(l.profiles.years.map(\.description) == ["2024/25", "2025/26"])
    }
}
