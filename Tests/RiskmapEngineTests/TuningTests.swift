import Foundation
import Testing
@testable import RiskmapEngine
import RiskmapLanguage
@testable import RiskmapPlatform

/// One `Tuning` passed down the pipeline: whatever its threads, block sizes and
/// thresholds, CSV tables, profiles, diagnostics and outputs are the same as with
/// `Tuning.default`.
@Suite struct TuningTests {
    /// A school file with every kind of cell the loader decides from bytes and every kind
    /// it leaves to the general path: quoted and escaped cells, yes/no words, bad numbers,
    /// bad years, empty ids, duplicate school-years, short and long rows.
    static func schools(_ count: Int) -> String {
        var csv = "school_id;name;municipality;year;school_type;pupils;teachers;vacancies;Педагоги 55+, %;internet_mbps;has_growth_point;vpr_math_fail;ЕГЭ рус. ср. балл;low_income_share\n"
        let types = ["СОШ", "ООШ", "НОШ", "гимназия", "лицей", "школа-сад"]
        let flags = ["да", "нет", "1", "0", "Да", "ложь", "может быть", ""]
        for i in 0..<count {
            let id = i % 97 == 13 ? "" : "S\(i % 700)"
            let name = i % 7 == 0 ? "\"Школа \"\"№ \(i)\"\"; филиал\"" : (i % 11 == 0 ? " МБОУ № \(i) " : "МБОУ «СОШ № \(i)»")
            let year = i % 53 == 5 ? "20x5" : (i % 700 < 350 ? "2024/25" : (i % 3 == 0 ? " 2025-2026 " : "2025/26"))
            var cells = [
                id, name, i % 3 == 0 ? "Северный" : "\"Южный\"", year, types[i % types.count],
                i % 19 == 0 ? "много" : "\(100 + i * 7 % 900)", "\(10 + i % 40)", i % 4 == 0 ? "" : "\(i % 6),0",
                "\(20 + i % 90),5", i % 23 == 0 ? "1 234" : "\(i * 13 % 150)", flags[i % flags.count],
                i % 5 == 0 ? "—" : "\(i * 3 % 45)", "\(40 + i % 70)", "\(i % 35)%",
            ]
            if i % 31 == 0 { cells.removeLast(3) }
            if i % 37 == 0 { cells.append("лишнее") }
            csv += cells.joined(separator: ";") + (i % 2 == 0 ? "\r\n" : "\n")
        }
        return csv
    }

    /// Everything a profile set holds, as text (NaN-aware), for comparing two sets.
    static func fingerprint(_ p: ProfileSet) -> [String] {
        var lines = ["years \(p.years.map(\.description))", "municipalities \(p.municipalities)", "texts \(p.texts)"]
        for s in 0..<p.schools.count {
            let school = p.schools[s]
            lines.append("school \(s) \(school.id)|\(school.name)|\(school.municipality)")
        }
        for r in 0..<p.rowCount {
            let values = p.columns.map { $0[r].isNaN ? "-" : String($0[r]) }
            lines.append("row \(r) \(p.rowSchool[r]) \(p.rowYear[r]) \(p.rowLine[r]) \(values.joined(separator: " "))")
        }
        return lines
    }

    static func summary(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.map { "\($0.severity) \($0.message.code)@\($0.location.map(\.description) ?? "-")" }
    }

    static func load(_ csv: String, _ tuning: Tuning, keeping: Set<Int>? = nil) throws -> (profiles: [String], diagnostics: [String]) {
        let book = try starterBook()
        let (table, csvDiagnostics) = CSVReader.read(bytes: Array(csv.utf8), path: "schools.csv", tuning: tuning)
        let (profiles, diagnostics) = ProfileLoader.load(table: try #require(table), book: book, defaultYear: nil,
                                                         keeping: keeping, tuning: tuning)
        return (fingerprint(profiles), summary(csvDiagnostics + diagnostics))
    }

    @Test(arguments: [1, 2, 3, 4], [1, 2, 7, 64, 1_000_000])
    func loaderGivesTheSameProfilesAndDiagnosticsForAnyThreadsAndBlocks(threads: Int, blockRows: Int) throws {
        let csv = Self.schools(1_500)
        let expected = try Self.load(csv, .default)
        #expect(expected.diagnostics.count > 50 && expected.profiles.count > 1_000)
        // Tiny thresholds: the text is also scanned in two parts and checked as UTF-8 on the side.
        let tuning = Tuning(threads: threads, loaderBlockRows: blockRows, parallelScanMinBytes: 0, speculativeUTF8MinBytes: 0)
        let got = try Self.load(csv, tuning)
        #expect(got.diagnostics == expected.diagnostics)
        #expect(got.profiles == expected.profiles)
    }

    /// With `keepsOnlyReadIndicators` off, `keeping` is ignored: every indicator is kept.
    @Test func keepingOnlyReadIndicatorsCanBeTurnedOff() throws {
        let csv = Self.schools(200)
        let all = try Self.load(csv, .default)
        let kept = try Self.load(csv, .default, keeping: [1])
        let ignored = try Self.load(csv, Tuning(keepsOnlyReadIndicators: false), keeping: [1])
        #expect(kept.profiles != all.profiles && kept.diagnostics == all.diagnostics)
        #expect(ignored.profiles == all.profiles && ignored.diagnostics == all.diagnostics)
    }

    /// Mapping large inputs, its threshold and the threads of the read change how a file is
    /// read, never what is read.
    @Test(arguments: [Tuning.default, Tuning(threads: 1, mapsLargeInputs: false), Tuning(threads: 3, mapMinBytes: 0),
                      Tuning(mapMinBytes: 1 << 40)])
    func fileBytesReadTheSameWhateverTheTuning(_ tuning: Tuning) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("riskmap-tuning-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("schools.csv").path
        let bytes = Array(Self.schools(300).utf8)
        try AtomicWriter.write(bytes, to: path)
        let text = try #require(FileBytes.text(path, tuning: tuning))
        #expect(text == TextBytes(bytes))
        #expect(text.isMapped == (tuning.mapsLargeInputs && bytes.count >= tuning.mapMinBytes))
        #expect(FileBytes.read(path, tuning: tuning) == bytes)
    }

    /// Streaming the classification CSV with any thread count gives the bytes of the
    /// whole file in memory.
    @Test(arguments: [1, 2, 4])
    func classificationCSVIsTheSameForAnyThreads(threads: Int) throws {
        let report = OutputWritingTests.report(try OutputWritingTests.manySchools(301))
        var sink = ByteSink.memory()
        try report.writeCSV(to: &sink, tuning: Tuning(threads: threads))
        #expect(sink.buffer == report.csvBytes())
    }

    @Test func theDefaultIsTodaysBehaviour() {
        let t = Tuning.default
        #expect(t.threads == ThreadCount.available && t.mapsLargeInputs && t.mapMinBytes == 4 << 20 && t.directWrites)
        #expect(t.keepsOnlyReadIndicators && t.loaderBlockRows == 8_192)
        #expect(t.parallelScanMinBytes == 1 << 20 && t.speculativeUTF8MinBytes == 1 << 20)
        #expect(Tuning(threads: 0, loaderBlockRows: 0).threads == 1 && Tuning(loaderBlockRows: 0).loaderBlockRows == 1)
    }
}
