import Foundation
import Testing
import RiskmapCLI

/// ACCEPTANCE: the same school data as UTF-8 with `,` and decimal points, and as
/// Windows-1251 with `;` and decimal commas (what Russian Excel saves), classify to
/// byte-identical output — detected automatically and with explicit options.
@Suite struct CSVEquivalenceTests {
    enum Cell {
        case text(String)
        /// A decimal written with a point; the Excel variant writes a comma.
        case number(String)
        case raw(String)
    }

    static let header: [String] = [
        "Код ОО", "Наименование ОО", "Муниципалитет", "Учебный год", "school_type", "pupils", "teachers",
        "vacancies", "Педагоги 55+, %", "internet_mbps", "has_growth_point", "vpr_math_fail",
        "ЕГЭ рус. ср. балл", "low_income_share", "comment",
    ]

    static let rows: [[Cell]] = [
        [.text("0701"), .text("МБОУ «СОШ № 1»"), .text("Северный"), .text("2024/25"), .text("СОШ"), .number("500"), .number("30"),
         .number("1"), .number("30.5"), .number("100"), .text("да"), .number("32.5"), .number("70.25"), .number("10"), .text("")],
        [.text("0701"), .text("МБОУ «СОШ № 1»"), .text("Северный"), .text("2025/26"), .text("СОШ"), .number("510"), .number("30"),
         .number("4"), .number("35.5"), .number("100.5"), .text("да"), .number("31"), .number("62"), .number("12.75"), .text("ремонт, спортзал; кровля")],
        [.text("0702"), .text("МБОУ «Берёзовская ООШ»"), .text("Ёлкинский район"), .text("2025/26"), .text("ООШ"), .number("40"), .number("9"),
         .number("0"), .number("50"), .number("2.5"), .text("нет"), .raw(""), .raw("—"), .number("45.5"), .text("нет данных")],
        [.text("0703"), .text("МАОУ «Гимназия № 2 им. Ёжикова»"), .text("Южный"), .text("2024/25"), .text("гимназия"), .number("880"), .number("58"),
         .number("0"), .number("21"), .number("250"), .text("да"), .number("4.5"), .number("81.5"), .raw("н/д"), .text("«образцовая»")],
        [.text("0703"), .text("МАОУ «Гимназия № 2 им. Ёжикова»"), .text("Южный"), .text("2025/26"), .text("гимназия"), .number("900"), .number("60"),
         .number("0"), .number("20"), .number("300"), .text("да"), .number("5"), .number("80"), .raw("нет данных"), .text("")],
        [.text("0704"), .text("МБОУ «СОШ № 4»"), .text("Южный"), .text("2025/26"), .text("СОШ"), .number("1 234"), .number("20"),
         .number("2"), .number("40"), .raw("-"), .text("да"), .number("12"), .number("65.5"), .number("30"), .text("«Точка роста» с 2024 г.")],
        [.text("0705"), .text("МКОУ «Ёлкинская НОШ»"), .text("Ёлкинский район"), .text("2025/26"), .text("НОШ"), .number("25"), .number("4"),
         .number("1"), .number("75"), .number("5"), .text("нет"), .number("40"), .raw(""), .number("55"), .text("")],
        [.text("0706"), .text("МБОУ «Лицей № 7»"), .text("Северный"), .text("2025/26"), .text("лицей"), .number("700"), .number("45"),
         .number("3"), .number("33.3"), .number("150"), .text("да"), .number("8.5"), .number("77"), .number("8"), .text("\"кавычки\" внутри")],
    ]

    /// Renders the table as a CSV file with the given delimiter and decimal separator.
    static func render(delimiter: String, decimal: String, lineEnd: String) -> String {
        func field(_ s: String) -> String {
            s.contains(delimiter) || s.contains("\"") || s.contains("\n")
                ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        var lines = [header.map(field).joined(separator: delimiter)]
        for row in rows {
            lines.append(row.map { cell in
                switch cell {
                case .text(let s), .raw(let s): return field(s)
                case .number(let s): return field(s.replacingOccurrences(of: ".", with: decimal))
                }
            }.joined(separator: delimiter))
        }
        return lines.joined(separator: lineEnd) + lineEnd
    }

    struct Files {
        var folder: URL
        var utf8: String
        var cp1251: String
    }

    static func files() throws -> Files {
        let folder = try EngineCLI.temporaryFolder()
        let utf8Text = render(delimiter: ",", decimal: ".", lineEnd: "\n")
        let excelText = render(delimiter: ";", decimal: ",", lineEnd: "\r\n")
        let utf8 = try EngineCLI.write(utf8Text, "schools-utf8.csv", in: folder)
        let excelBytes = EngineCLI.cp1251(excelText)
        // Really Windows-1251: not valid UTF-8, one byte per Cyrillic letter.
        #expect(String(validatingUTF8: excelBytes.map { CChar(bitPattern: $0) } + [0]) == nil)
        #expect(excelBytes.count == excelText.unicodeScalars.count)
        let cp1251 = try EngineCLI.write(excelBytes, "schools-cp1251.csv", in: folder)
        return Files(folder: folder, utf8: utf8, cp1251: cp1251)
    }

    static func classify(_ path: String, _ options: [String], format: String) -> EngineCLI.Output {
        EngineCLI.run(["classify", "--format", format, "--rules", EngineCLI.starterRules, "--schools", path] + options)
    }

    @Test("UTF-8 with `,` and CP1251 with `;` give byte-identical output", arguments: ["json", "csv", "table"])
    func equivalent(format: String) throws {
        let f = try Self.files()
        defer { EngineCLI.cleanUp(f.folder) }
        let a = Self.classify(f.utf8, [], format: format)
        let b = Self.classify(f.cp1251, [], format: format)
        #expect(a.code == 0, "\(a)")
        #expect(b.code == 0, "\(b)")
        #expect(a.stderr == "")
        #expect(b.stderr == "")
        #expect(Array(a.stdout.utf8) == Array(b.stdout.utf8), "\(EngineCLI.firstDifference(a.stdout, b.stdout))")
        // Explicit options give the same bytes.
        let explicitB = Self.classify(f.cp1251, ["--encoding", "cp1251", "--delimiter", ";"], format: format)
        #expect(explicitB.code == 0, "\(explicitB)")
        #expect(Array(explicitB.stdout.utf8) == Array(a.stdout.utf8))
        let spelledB = Self.classify(f.cp1251, ["--encoding=windows-1251", "--delimiter=semicolon"], format: format)
        #expect(Array(spelledB.stdout.utf8) == Array(a.stdout.utf8))
        let explicitA = Self.classify(f.utf8, ["--encoding", "utf-8", "--delimiter", ","], format: format)
        #expect(explicitA.code == 0, "\(explicitA)")
        #expect(Array(explicitA.stdout.utf8) == Array(a.stdout.utf8))
    }

    @Test func theDataIsReallyRead() throws {
        let f = try Self.files()
        defer { EngineCLI.cleanUp(f.folder) }
        let r = Self.classify(f.cp1251, [], format: "json")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let schools = json?["schools"] as? [[String: Any]] ?? []
        #expect(schools.map { $0["id"] as? String } == ["0701", "0702", "0703", "0704", "0705", "0706"])
        #expect(schools[1]["name"] as? String == "МБОУ «Берёзовская ООШ»")
        #expect(schools[1]["municipality"] as? String == "Ёлкинский район")
        #expect(schools[2]["name"] as? String == "МАОУ «Гимназия № 2 им. Ёжикова»")
        func status(_ school: Int, _ factor: String) -> String? {
            (schools[school]["factors"] as? [[String: Any]])?.first { $0["code"] as? String == factor }?["status"] as? String
        }
        // 0701: 4 / 30 vacancies = 13.3 % > 10 %; VPR 32.5 and 31 > 30 two years running.
        #expect(status(0, "staff_deficit") == "triggered")
        #expect(status(0, "low_results") == "triggered")
        // 0702: 2.5 Mbit/s; 45.5 % low income; ООШ: results not applicable.
        #expect(status(1, "equipment") == "triggered")
        #expect(status(1, "social") == "triggered")
        #expect(status(1, "low_results") == "not_applicable")
        // 0703: low income «нет данных» → unknown.
        #expect(status(2, "social") == "unknown")
        // 0704: internet «-» → unknown; 1 234 pupils read as a number (no diagnostics).
        #expect(status(3, "equipment") == "unknown")
        #expect(r.stderr == "")
    }

    @Test func wrongForcedDelimiterIsReported() throws {
        let f = try Self.files()
        defer { EngineCLI.cleanUp(f.folder) }
        // The Excel file read with `,`: the header splits at «55+, %» and nothing matches.
        let r = Self.classify(f.cp1251, ["--delimiter", ","], format: "json")
        #expect(r.code != 0 || r.stderr.contains("предупреждение"), "\(r)")
    }
}
