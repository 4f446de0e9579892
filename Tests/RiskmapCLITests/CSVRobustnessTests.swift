import Foundation
import Testing
import RiskmapCLI

/// Issue 17, item 3: schools files as real exports and hostile inputs make them.
@Suite struct CSVRobustnessTests {
    static var starter: String {
        (try? String(contentsOfFile: EngineCLI.starterSchools, encoding: .utf8)) ?? ""
    }

    static func classify(_ text: String, _ extra: [String] = [], name: String = "schools.csv") throws -> EngineCLI.Output {
        try classify(bytes: Array(text.utf8), extra, name: name)
    }

    static func classify(bytes: [UInt8], _ extra: [String] = [], name: String = "schools.csv") throws -> EngineCLI.Output {
        let folder = try EngineCLI.temporaryFolder()
        defer { EngineCLI.cleanUp(folder) }
        let path = try EngineCLI.write(bytes, name, in: folder)
        return EngineCLI.run(["classify", "--rules", EngineCLI.starterRules, "--schools", path] + extra)
    }

    // MARK: Line ends and excerpts

    /// A file with CR line ends: each message names its own line and shows only it.
    @Test func crOnlyLineEnds() throws {
        var lines = Self.starter.split(separator: "\n").map(String.init)
        lines[2] = lines[2].replacingOccurrences(of: ";510;", with: ";много;")
        let r = try Self.classify(lines.joined(separator: "\r") + "\r")
        #expect(r.stderr.contains("schools.csv:3:"), "\(r)")
        #expect(!r.stderr.contains("schools.csv:1:"), "\(r)")
        let excerpt = r.stderr.split(separator: "\n").first { $0.hasPrefix(" 3 | ") }
        #expect(excerpt.map { !$0.contains("S2") } == true, "one line shown: \(r.stderr)")
    }

    /// A line of 3,000 columns: the excerpt is cut to 120 characters around the column.
    @Test(arguments: [10, 1_500, 2_990])
    func longLinesAreCut(badColumn: Int) throws {
        var header = ["school_id", "year"] + (0..<2_998).map { "pupils_\($0)" }
        header[badColumn] = "pupils"
        var row = ["S1", "2025/26"] + Array(repeating: "1", count: 2_998)
        row[badColumn] = "много"
        let r = try Self.classify(header.joined(separator: ";") + "\n" + row.joined(separator: ";") + "\n")
        let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { $0.count <= 300 }, "\(lines.map(\.count).max() ?? 0)")
        let at = try #require(lines.firstIndex { $0.contains("значение «много» не подходит") }, "\(r.stderr.prefix(3000))")
        #expect(lines[at + 1].contains("много"), "the excerpt shows the cell: \(lines[at + 1])")
        let caret = lines[at + 2].firstIndex(of: "^").map { lines[at + 2].distance(from: lines[at + 2].startIndex, to: $0) }
        let cell = lines[at + 1].range(of: "много").map { lines[at + 1].distance(from: lines[at + 1].startIndex, to: $0.lowerBound) }
        #expect(caret == cell, "the caret points at the cell:\n\(lines[at + 1])\n\(lines[at + 2])")
    }

    // MARK: Invisible and control characters

    /// A BOM or zero-width space before an id (or Unicode spaces around it) does not make
    /// a second school.
    @Test(arguments: ["\u{FEFF}S1", "S1\u{200B}", "\u{2060}S1\u{3000}", "\u{2003}S1\u{00A0}", "\u{200D}S1"])
    func invisibleCharactersAroundIds(id: String) throws {
        let text = Self.starter.replacingOccurrences(of: "S1;МБОУ «СОШ № 1»;Северный;2024/25", with: "\(id);МБОУ «СОШ № 1»;Северный;2024/25")
        #expect(text != Self.starter)
        let r = try Self.classify(text, ["--format", "csv", "--year", "2024/25"])
        #expect(r.code == 0, "\(r)")
        let rows = r.stdout.split(separator: "\r\n").dropFirst()
        #expect(rows.count == 1 && rows.first?.hasPrefix("S1;") == true, "\(r.stdout)")
        // And the school keeps its history: both years under one id.
        let both = try Self.classify(text, ["--format", "json", "--year", "2025/26"])
        #expect(both.code == 0)
        #expect(!both.stdout.contains("\u{200B}") && !both.stdout.contains("\u{FEFF}"))
    }

    /// Terminal escapes and NUL bytes in cells never reach the terminal or a document.
    @Test func controlCharactersAreShown() throws {
        let text = Self.starter.replacingOccurrences(of: "МБОУ «Пелевинская ООШ»", with: "\u{1B}[2J\u{1B}[31mКрасная школа\u{7}")
            .replacingOccurrences(of: "S2;", with: "S2\u{1B}[0m;")
        let table = try Self.classify(text, ["--year", "2025/26"])
        let all = table.stdout + table.stderr
        #expect(!all.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r" }, "\(all.debugDescription)")
        #expect(table.stdout.contains("␛[2J␛[31mКрасная школа␇"), "\(table.stdout)")
        let csv = try Self.classify(text, ["--year", "2025/26", "--format", "csv"])
        #expect(!csv.stdout.contains("\u{1B}") && !csv.stdout.contains("\u{0}"))
        let folder = try EngineCLI.temporaryFolder()
        defer { EngineCLI.cleanUp(folder) }
        let path = try EngineCLI.write(text, "schools.csv", in: folder)
        let plan = EngineCLI.run(["plan", "--rules", EngineCLI.starterRules, "--schools", path, "--out", folder.path + "/out"])
        #expect(plan.code == 0, "\(plan)")
        let e = FileManager.default.enumerator(atPath: folder.path + "/out")
        var files = 0
        while let p = e?.nextObject() as? String {
            let data = try WordText.readable(folder.path + "/out/" + p)
            guard !data.isEmpty else { continue }
            files += 1
            #expect(!data.contains(0x1B) && !data.contains(0), "\(p)")
        }
        #expect(files > 5)
    }

    // MARK: Encoding

    /// One bad byte in a UTF-8 file: still UTF-8, the bad byte named with line and column.
    @Test func oneBadByteKeepsUTF8() throws {
        var bytes = Array(Self.starter.utf8)
        let at = try #require(bytes.firstRange(of: Array("Пелевинская".utf8)))
        bytes.insert(0xFF, at: at.lowerBound)
        let r = try Self.classify(bytes: bytes, ["--format", "csv", "--year", "2025/26"])
        #expect(r.code == 0, "\(r)")
        #expect(r.stdout.contains("Северный") && r.stdout.contains("МБОУ «СОШ № 1»"), "not garbled: \(r.stdout)")
        #expect(r.stdout.contains("\u{FFFD}Пелевинская"), "\(r.stdout)")
        #expect(r.stderr.contains("schools.csv:4:10: предупреждение: байт 0xFF не образует символа UTF-8"), "\(r.stderr)")
        // A Windows-1251 file is still read as one.
        let cp = EngineCLI.cp1251(Self.starter)
        let c = try Self.classify(bytes: cp, ["--format", "csv", "--year", "2025/26"])
        #expect(c.code == 0 && c.stdout.contains("Пелевинская") && !c.stderr.contains("UTF-8"), "\(c)")
    }

    // MARK: Headers and columns

    /// Just under and just over the column limit; and a wide header is read in linear time.
    @Test(arguments: [(16_384, true), (16_385, false), (100_000, false)])
    func columnLimit(columns: Int, accepted: Bool) throws {
        let header = ["school_id", "year"] + (2..<columns).map { "x\($0 % 50)" }
        let row = ["S1", "2025/26"] + Array(repeating: "", count: columns - 2)
        let start = Date()
        let r = try Self.classify(header.joined(separator: ";") + "\n" + row.joined(separator: ";") + "\n")
        #expect(Date().timeIntervalSince(start) < 30, "took \(Date().timeIntervalSince(start)) s")
        if accepted {
            #expect(r.code == 0)
            let warnings = r.stderr.components(separatedBy: "предупреждение:").count - 1
            #expect(warnings <= 21, "unknown columns summarised: \(warnings)")
            #expect(r.stderr.contains("предупреждение: и ещё \(columns - 2 - 20) столбца без показателя или повторных не будут прочитаны"))
        } else {
            #expect(r.code == 1)
            #expect(r.stderr.contains("в заголовке \(columns) столбцов, больше допустимых 16384; файл не прочитан"), "\(r.stderr.prefix(500))")
        }
        #expect(r.stderr.utf8.count < 100_000)
    }

    /// 3,000 bad cells: 20 shown, the rest one line.
    @Test func repeatedMessagesAreSummarised() throws {
        let rows = (0..<3_000).map { "S\($0);Школа;Северный;2025/26;СОШ;много" }
        let r = try Self.classify("school_id;name;municipality;year;school_type;pupils\n" + rows.joined(separator: "\n") + "\n")
        #expect(r.code == 1)
        #expect(r.stderr.components(separatedBy: "значение «много» не подходит").count - 1 == 21, "20 and the example in the summary")
        #expect(r.stderr.contains("ещё 2980 сообщений того же рода (profileBadValue) не показаны"), "\(r.stderr.suffix(800))")
    }

    /// A district export: a merged title above the headers, a total row at the end.
    @Test func titleRowAndTotalRow() throws {
        let lines = Self.starter.split(separator: "\n").map(String.init)
        let text = "Сведения о школах Северного района на 01.09.2025;;;;;\n;;;;;\n" + lines.joined(separator: "\n")
            + "\n;Итого по району;;;;1050;69\nИтого;;;;;1050;69\n"
        let r = try Self.classify(text, ["--year", "2025/26"])
        #expect(r.code == 0, "\(r)")
        #expect(r.stderr.contains("schools.csv:3:1: примечание: заголовки столбцов взяты из строки 3; строки выше (заголовки таблицы) не прочитаны"), "\(r.stderr)")
        #expect(r.stderr.contains("примечание: строка итогов «Итого по району» пропущена: это не школа"), "\(r.stderr)")
        #expect(r.stderr.contains("примечание: строка итогов «Итого» пропущена"), "\(r.stderr)")
        #expect(!r.stderr.contains("ошибка"), "\(r.stderr)")
        // No header row anywhere near: the error says what is missing, as before.
        let none = try Self.classify("a;b\n1;2\n")
        #expect(none.code == 1 && none.stderr.contains("school_id"), "\(none)")
    }

    /// Data under an empty header cell is reported, not dropped silently; an empty column
    /// (a trailing delimiter) is not.
    @Test func dataUnderAnEmptyHeader() throws {
        let text = Self.starter.split(separator: "\n").enumerated().map { $0.offset == 0 ? $0.element + ";;" : $0.element + ";забыли;" }
            .joined(separator: "\n") + "\n"
        let r = try Self.classify(text)
        #expect(r.stderr.contains("предупреждение: в столбце без заголовка есть данные (5 ячеек); они не прочитаны"), "\(r.stderr)")
        #expect(r.stderr.components(separatedBy: "без заголовка").count == 2, "only the filled column: \(r.stderr)")
    }

    /// No year column: the rule book's year is used, and the run says so.
    @Test func missingYearColumnIsSaid() throws {
        let text = "school_id;name;pupils\nS1;Школа;100\n"
        let r = try Self.classify(text)
        #expect(r.code == 0, "\(r)")
        #expect(r.stderr.contains("примечание: в файле нет столбца с учебным годом: все строки считаются данными за 2026/27, год книги правил"), "\(r.stderr)")
    }

    /// The operating system's reason is in the message.
    @Test func unreadableFilesSayWhy() throws {
        let folder = try EngineCLI.temporaryFolder()
        defer { EngineCLI.cleanUp(folder) }
        try FileManager.default.copyItem(atPath: EngineCLI.starterRules, toPath: folder.path + "/rules")
        try FileManager.default.createDirectory(atPath: folder.path + "/rules/zz.rules", withIntermediateDirectories: true)
        let r = EngineCLI.run(["check", folder.path + "/rules"])
        #expect(r.code != 0)
        #expect(r.stderr.contains("zz.rules»: Is a directory"), "\(r)")
    }
}
