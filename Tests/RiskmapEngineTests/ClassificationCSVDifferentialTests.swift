import Foundation
import Testing
@testable import RiskmapEngine
import RiskmapLanguage
import RiskmapPlatform

/// The fast classification CSV (`ClassificationCSV`: pre-encoded pieces, rows rendered
/// into reserved room, blocks of rows on several threads) against
/// `ReferenceClassificationCSV` (strings, one row at a time), byte for byte, on random
/// rule books (`RandomRuleBook`) and profiles (`DifferentialTests.randomRows`) whose
/// schools have ids, names and municipalities with `;`, `,`, quotes, line breaks, leading
/// `=` `+` `-` `@`, Cyrillic, or nothing: for every school year and both languages,
/// through `csvBytes()`, `ClassificationCSV.write` with 1–4 threads and blocks of 1, 2, 3,
/// 7 and 4,096 rows, and `writeCSV` into a file by `AtomicWriter` (plain and direct).
///
/// A failure names its seed. To reproduce it alone:
/// `RISKMAP_CSV_SEED=<seed> RISKMAP_CSV_BOOKS=1 swift test --filter ClassificationCSVDifferentialTests`.
/// More books: `RISKMAP_CSV_BOOKS=2000 swift test --filter ClassificationCSVDifferentialTests`.
@Suite struct ClassificationCSVDifferentialTests {
    static let environment = ProcessInfo.processInfo.environment
    static var books: Int { environment["RISKMAP_CSV_BOOKS"].flatMap { Int($0) } ?? 40 }
    static var firstSeed: UInt64 { environment["RISKMAP_CSV_SEED"].flatMap { UInt64($0) } ?? 1 }

    /// Texts for ids, names and municipalities.
    static let texts = [
        "=СУММ(A1:A2)", "+7 (999) 123-45-67", "-1", "@home", "Школа; №1", "Лицей \"Вектор\"", "Гимназия,\r\nфилиал",
        "строка\nвторая", "\"", "", "Ёлкино", "ё;\"\r", "a,b", "\t=tab", "МБОУ СОШ № 3", " пробелы ", "\"\"\"", "＝全角",
    ]

    @Test func fastWriterAgreesWithTheReference() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("riskmap-csvdiff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var compared = 0, failures = 0
        for seed in Self.firstSeed..<(Self.firstSeed + UInt64(Self.books)) where failures < 5 {
            let (count, ok) = try Self.check(seed: seed, folder: folder.path)
            compared += count
            if !ok { failures += 1 }
        }
        #expect(compared > 0)
    }

    /// Schools of `rows` under messy ids (a text, then a number: unique), names and
    /// municipalities, built through the public `ProfileSet` API.
    static func messyProfiles(_ book: CheckedRuleBook, _ rows: [TestRow], _ rng: inout SplitMix) -> ProfileSet {
        var profiles = ProfileSet(indicatorCount: book.indicators.count, years: Array(Set(rows.map(\.year))))
        let municipality = Dictionary(uniqueKeysWithValues: Set(rows.map(\.municipality)).sorted().map { ($0, texts.randomElement(using: &rng)!) })
        for row in rows {
            let n = Int(row.id.dropFirst())!
            let id = texts[n % texts.count] + "\(n)"
            let school = profiles.schoolIndex(id: id)
                ?? profiles.school(id: id, name: texts.randomElement(using: &rng)!, municipality: municipality[row.municipality]!)
            let r = profiles.appendRow(school: school, yearIndex: profiles.yearIndex(row.year)!, line: 0)
            for (code, value) in row.values {
                let indicator = book.indicator(named: code)!
                switch value {
                case .missing: break
                case .number(let v): profiles.set(indicator: indicator.index, row: r, value: v)
                case .bool(let b): profiles.set(indicator: indicator.index, row: r, value: b ? 1 : 0)
                case .word(let s):
                    let v = indicator.kind == .category ? Double(indicator.categories.firstIndex(of: s)!) : profiles.intern(text: s)
                    profiles.set(indicator: indicator.index, row: r, value: v)
                }
            }
        }
        profiles.finish()
        return profiles
    }

    /// Where `got` first differs from `expected`: the line, and that line of each.
    static func firstDifference(_ expected: [UInt8], _ got: [UInt8]) -> String? {
        guard expected != got else { return nil }
        let at = (0..<min(expected.count, got.count)).first { expected[$0] != got[$0] } ?? min(expected.count, got.count)
        func line(_ bytes: [UInt8]) -> String {
            let start: Int = (bytes[..<min(at, bytes.count)].lastIndex(of: 10) ?? -1) + 1
            let end = bytes[start...].firstIndex(of: 10).map { $0 + 1 } ?? bytes.count
            return String(decoding: bytes[start..<end], as: UTF8.self).debugDescription
        }
        let lineNumber = expected[..<min(at, expected.count)].filter { $0 == 10 }.count + 1
        return "byte \(at) (physical line \(lineNumber); \(expected.count) bytes expected, \(got.count) written):\n"
            + "  reference \(line(expected))\n  fast      \(line(got))"
    }

    /// Checks every report of one random book up to the first difference (recorded);
    /// returns the number of documents compared and whether all agreed.
    static func check(seed: UInt64, folder: String) throws -> (Int, Bool) {
        var generator = RandomRuleBook(seed: seed)
        let book = try checkedBook(generator.book(), path: "random-\(seed).rules")
        let profiles = messyProfiles(book, DifferentialTests.randomRows(book, &generator.rng), &generator.rng)
        let outcomes = Executor(Program(book: book)).run(profiles, measures: false)
        var compared = 0
        for yearIndex in profiles.years.indices {
            for lang in [Lang.ru, .en] {
                let report = ClassificationReport(outcomes, yearIndex: yearIndex, lang: lang)
                let expected = ReferenceClassificationCSV.bytes(report)
                func compare(_ got: [UInt8], _ how: String) -> Bool {
                    compared += 1
                    guard let difference = firstDifference(expected, got) else { return true }
                    Issue.record("""
                        seed \(seed), \(profiles.years[yearIndex]), \(lang), \(how): \(difference)
                        Rerun alone: RISKMAP_CSV_SEED=\(seed) RISKMAP_CSV_BOOKS=1 swift test --filter ClassificationCSVDifferentialTests
                        """)
                    return false
                }
                guard compare(report.csvBytes(), "csvBytes()") else { return (compared, false) }
                for threads in 1...4 {
                    let blockRows = [1, 2, 3, 7, ClassificationCSV.blockRows][Int((seed &+ UInt64(threads * 3 + yearIndex)) % 5)]
                    var sink = ByteSink.memory()
                    try ClassificationCSV(report).write(to: &sink, threads: threads, blockRows: blockRows)
                    guard compare(sink.buffer, "write(to:threads: \(threads), blockRows: \(blockRows)) into memory") else {
                        return (compared, false)
                    }
                }
                let threads = Int(seed % 4) + 1, direct = (seed + UInt64(yearIndex)) % 2 == 0
                let path = folder + "/classification-\(seed)-\(yearIndex)-\(lang).csv"
                try AtomicWriter.write(to: path, direct: direct) { (sink: inout ByteSink) throws(ByteSink.Failure) in
                    try report.writeCSV(to: &sink, tuning: Tuning(threads: threads))
                }
                let written = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
                try? FileManager.default.removeItem(atPath: path)
                guard compare(written, "writeCSV(tuning: \(threads) threads) in AtomicWriter.write(direct: \(direct))") else {
                    return (compared, false)
                }
            }
        }
        return (compared, true)
    }
}
