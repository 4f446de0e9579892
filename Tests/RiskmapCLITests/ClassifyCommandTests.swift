import Foundation
import Testing
import RiskmapCLI

/// `riskmap classify`: formats, years, output files, data problems and exit codes.
@Suite struct ClassifyCommandTests {
    // MARK: - Golden outputs on the starter fixture

    @Test func tableGolden() {
        let r = EngineCLI.classify(["--format", "table"])
        #expect(r.code == 0, "\(r)")
        #expect(r.stderr == "")
        EngineCLI.expectGolden(r.stdout, "classify-table.txt")
        // The default format is the table.
        #expect(EngineCLI.classify([]).stdout == r.stdout)
    }

    @Test func tableGoldenEnglish() {
        let r = EngineCLI.classify(["--lang", "en"])
        #expect(r.code == 0, "\(r)")
        EngineCLI.expectGolden(r.stdout, "classify-table-en.txt")
        #expect(r.stdout.hasSuffix("2025/26: 4 schools\n"))
    }

    @Test func csvGolden() {
        let r = EngineCLI.classify(["--format", "csv"])
        #expect(r.code == 0, "\(r)")
        EngineCLI.expectGolden(r.stdout, "classify.csv")
        let bytes = Array(r.stdout.utf8)
        // UTF-8 with a byte-order mark, `;`, CRLF line ends — what Russian Excel opens.
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(r.stdout.hasPrefix("\u{FEFF}school_id;name;municipality;year;risk;groups;triggered;unknown;equipment;staff_deficit;low_results;social\r\n"))
        let lines = r.stdout.dropFirst().components(separatedBy: "\r\n")
        #expect(lines.count == 6 && lines.last == "")  // header, 4 schools, final CRLF
        #expect(!r.stdout.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(lines[1] == "S1;МБОУ «СОШ № 1»;Северный;2025/26;высокий;shnor;\"staff_deficit, low_results\";;не сработал;сработал;сработал;не сработал")
        #expect(lines[3] == "S3;МБОУ «Гимназия № 2»;Южный;2025/26;не определён;;;\"low_results, social\";не сработал;не сработал;не определён;не определён")
    }

    @Test func jsonGolden() throws {
        let r = EngineCLI.classify(["--format", "json"])
        #expect(r.code == 0, "\(r)")
        EngineCLI.expectGolden(r.stdout, "classify.json")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(json?["year"] as? String == "2025/26")
        let schools = json?["schools"] as? [[String: Any]] ?? []
        #expect(schools.map { $0["id"] as? String } == ["S1", "S2", "S3", "S4"])
        let s3 = schools[2]["factors"] as? [[String: Any]] ?? []
        let social = s3.first { $0["code"] as? String == "social" }
        #expect(social?["status"] as? String == "unknown")
        let missing = social?["missing"] as? [[String: String]]
        #expect(missing == [["indicator": "low_income_share", "year": "2025/26"]])
    }

    @Test func csvQuotesAndTableTruncates() throws {
        let folder = try EngineCLI.temporaryFolder()
        defer { EngineCLI.cleanUp(folder) }
        let long = "Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 5»"
        let path = try EngineCLI.write("""
            school_id;name;municipality;year;pupils
            S1;"Школа ""Радуга""; филиал";Северный;2025/26;10
            S2;\(long);Южный;2025/26;20
            """, "schools.csv", in: folder)
        let csv = EngineCLI.classify(["--format", "csv"], schools: path)
        #expect(csv.code == 0, "\(csv)")
        #expect(csv.stdout.contains("\r\nS1;\"Школа \"\"Радуга\"\"; филиал\";Северный;2025/26;"))
        let table = EngineCLI.classify([], schools: path)
        #expect(table.stdout.contains("S2   " + String(long.prefix(47)) + "…  Южный"), "\(table.stdout)")
        #expect(table.stdout.hasSuffix("2025/26: 2 школы\n"))
    }

    // MARK: - Data problems

    static let header = "school_id;name;municipality;year;school_type;pupils;teachers;vacancies;Педагоги 55+, %;internet_mbps;has_growth_point;vpr_math_fail;ЕГЭ рус. ср. балл;low_income_share"

    @Test func dataErrorsAreReportedAndTheRestIsClassified() throws {
        let folder = try EngineCLI.temporaryFolder()
        defer { EngineCLI.cleanUp(folder) }
        let csv = """
            \(Self.header);примечание
            S1;МБОУ «СОШ № 1»;Северный;2025/26;СОШ;510;30;4;35,5;100;да;31;62;12;
            S2;МБОУ «Пелевинская ООШ»;Северный;2025/26;ООШ;40;9;ноль;50;2;нет;;;45;
            S1;МБОУ «СОШ № 1»;Северный;2025/26;СОШ;1;1;1;1;1;да;1;1;1;
            S3;МБОУ «Гимназия № 2»;Южный;2025/26;гимназия;900;60;0;20;300;да;5;80;н/д;
            """
        let path = try EngineCLI.write(csv, "schools.csv", in: folder)
        let r = EngineCLI.classify(["--format", "json"], schools: path)
        #expect(r.code == 1, "\(r)")
        // Each problem with its line and column.
        #expect(r.stderr.contains("\(path):1:\(Self.header.count + 2): предупреждение: столбец «примечание» не соответствует ни одному показателю"), "\(r.stderr)")
        #expect(r.stderr.contains("\(path):3:\("S2;МБОУ «Пелевинская ООШ»;Северный;2025/26;ООШ;40;9;".count + 1): ошибка: значение «ноль» не подходит"), "\(r.stderr)")
        #expect(r.stderr.contains("\(path):4:1: ошибка: школа «S1» за 2025/26 уже есть в строке 2; эта строка не прочитана"), "\(r.stderr)")
        // The JSON has every school once, from the rows that could be read.
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let schools = json?["schools"] as? [[String: Any]] ?? []
        #expect(schools.map { $0["id"] as? String } == ["S1", "S2", "S3"])
        // S2's bad vacancies cell is missing, but its other indicators still decide factors.
        let s2 = schools[1]["factors"] as? [[String: Any]] ?? []
        #expect(s2.first { $0["code"] as? String == "staff_deficit" }?["status"] as? String == "triggered")
        #expect(s2.first { $0["code"] as? String == "equipment" }?["status"] as? String == "triggered")
        // S1 comes from its first row (line 2), not the duplicate.
        let s1 = schools[0]["factors"] as? [[String: Any]] ?? []
        #expect(s1.first { $0["code"] as? String == "staff_deficit" }?["status"] as? String == "triggered")
    }

    @Test func onlyAWarningExitsZeroUnlessStrict() throws {
        let folder = try EngineCLI.temporaryFolder()
        defer { EngineCLI.cleanUp(folder) }
        let source = try String(contentsOfFile: EngineCLI.starterSchools, encoding: .utf8)
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        let csv = lines.enumerated().map { i, line in
            line.isEmpty ? "" : line + (i == 0 ? ";лишний столбец" : ";x")
        }.joined(separator: "\n")
        let path = try EngineCLI.write(csv, "schools.csv", in: folder)
        let plain = EngineCLI.classify(["--format", "json"], schools: path)
        #expect(plain.code == 0, "\(plain)")
        #expect(plain.stderr.contains(":1:\(lines[0].count + 2): предупреждение: столбец «лишний столбец»"), "\(plain.stderr)")
        // Same classification as the original file.
        #expect(plain.stdout == EngineCLI.classify(["--format", "json"]).stdout)
        let strict = EngineCLI.classify(["--format", "json", "--strict"], schools: path)
        #expect(strict.code == 1, "\(strict)")
        #expect(strict.stderr.contains(":1:\(lines[0].count + 2): ошибка: столбец «лишний столбец»"), "\(strict.stderr)")
        #expect(strict.stdout == plain.stdout)
    }

    @Test func englishDiagnostics() throws {
        let folder = try EngineCLI.temporaryFolder()
        defer { EngineCLI.cleanUp(folder) }
        let path = try EngineCLI.write("school_id;year;pupils\nS1;2025/26;много\n", "schools.csv", in: folder)
        let r = EngineCLI.classify(["--lang", "en"], schools: path)
        #expect(r.code == 1)
        #expect(r.stderr.contains("\(path):2:12: error: value 'много' is not"), "\(r.stderr)")
    }

    @Test func noUsableRowsIsAnError() throws {
        let folder = try EngineCLI.temporaryFolder()
        defer { EngineCLI.cleanUp(folder) }
        let path = try EngineCLI.write("school_id;year;pupils\n;2025/26;1\n", "schools.csv", in: folder)
        let r = EngineCLI.classify([], schools: path)
        #expect(r.code == 1)
        #expect(r.stdout == "")
        #expect(r.stderr.contains("не указан код школы"))
        #expect(r.stderr.contains("в файле нет ни одной строки с данными школ"))
        let empty = try EngineCLI.write("", "empty.csv", in: folder)
        #expect(EngineCLI.classify([], schools: empty).code == 1)
    }

    // MARK: - Years

    @Test func yearPicksTheSchoolYear() throws {
        let latest = EngineCLI.classify(["--format", "json"])
        #expect(latest.stdout.contains("\"year\": \"2025/26\""))
        let r = EngineCLI.classify(["--format", "json", "--year", "2024/25"])
        #expect(r.code == 0, "\(r)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(json?["year"] as? String == "2024/25")
        let schools = json?["schools"] as? [[String: Any]] ?? []
        #expect(schools.map { $0["id"] as? String } == ["S1"])
        // Other spellings of the same year.
        #expect(EngineCLI.classify(["--format", "json", "--year", "2024-2025"]).stdout == r.stdout)
        #expect(EngineCLI.classify(["--format", "json", "--year=2024"]).stdout == r.stdout)
        let table = EngineCLI.classify(["--year", "2024/25"])
        #expect(table.stdout.hasSuffix("2024/25: 1 школа\n"))
    }

    @Test func absentYearIsAnError() {
        let r = EngineCLI.classify(["--year", "2023/24"])
        #expect(r.code == 1)
        #expect(r.stdout == "")
        #expect(r.stderr.contains("в данных нет учебного года 2023/24 (есть: 2024/25, 2025/26)"), "\(r.stderr)")
    }

    @Test func malformedYearIsAUsageError() {
        let r = EngineCLI.classify(["--year", "прошлый"])
        #expect(r.code == 64)
        #expect(r.stderr.contains("прошлый"))
    }

    // MARK: - Output file

    @Test func outWritesTheFile() throws {
        let folder = try EngineCLI.temporaryFolder()
        defer { EngineCLI.cleanUp(folder) }
        let target = folder.appendingPathComponent("result.csv").path
        let r = EngineCLI.classify(["--format", "csv", "--out", target])
        #expect(r.code == 0, "\(r)")
        #expect(r.stdout == "")
        let written = FileManager.default.contents(atPath: target).map { Array($0) }
        #expect(written == Array(EngineCLI.classify(["--format", "csv"]).stdout.utf8))
        // Overwrites an existing file; leaves no temporary files behind.
        let again = EngineCLI.classify(["--format", "json", "--out", target])
        #expect(again.code == 0)
        #expect(FileManager.default.contents(atPath: target).map { String(decoding: $0, as: UTF8.self) }
                == EngineCLI.classify(["--format", "json"]).stdout)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["result.csv"])
    }

    @Test func outIntoAMissingFolderFails() {
        let r = EngineCLI.classify(["--out", "/nonexistent-riskmap-folder/result.txt"])
        #expect(r.code == 73, "\(r)")
        #expect(r.stderr.contains("/nonexistent-riskmap-folder/result.txt"))
    }

    // MARK: - Usage and input errors

    static let usageErrors: [[String]] = [
        ["--format", "xml"],
        ["--frobnicate"],
        ["extra-positional"],
        ["--delimiter", "|"],
        ["--encoding", "koi8-r"],
        ["--lang", "de"],
        ["--strict=yes"],
        ["--out"],
        ["-x"],
    ]

    @Test("usage errors exit 64", arguments: usageErrors)
    func usageError(_ extra: [String]) {
        let r = EngineCLI.classify(extra)
        #expect(r.code == 64, "\(r)")
        #expect(r.stdout == "")
    }

    @Test func missingSchoolsFileExits66() {
        let r = EngineCLI.classify([], schools: "/nonexistent/schools.csv")
        #expect(r.code == 66, "\(r)")
        #expect(r.stderr.contains("/nonexistent/schools.csv"))
    }

    @Test func missingRulesFolderExits66() {
        let r = EngineCLI.run(["classify", "--rules", "/nonexistent/rules", "--schools", EngineCLI.starterSchools])
        #expect(r.code == 66, "\(r)")
    }

    @Test func brokenRulesExit1() throws {
        let folder = try EngineCLI.temporaryFolder()
        defer { EngineCLI.cleanUp(folder) }
        try EngineCLI.write("показатель x \"X\" : число\nфактор f \"F\" { если y > 1 }\n", "a.rules", in: folder)
        let r = EngineCLI.run(["classify", "--rules", folder.path, "--schools", EngineCLI.starterSchools])
        #expect(r.code == 1, "\(r)")
        #expect(r.stdout == "")
        #expect(r.stderr.contains("a.rules:2:"))
    }

    @Test func helpExitsZero() {
        let r = EngineCLI.run(["classify", "--help"])
        #expect(r.code == 0)
        #expect(r.stdout.contains("riskmap classify"))
    }
}
