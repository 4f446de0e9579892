import Foundation
import Testing
@testable import RiskmapEngine
import RiskmapLanguage
import RiskmapPlatform

/// `classify --format json` streamed (`ClassificationReport.writeJSON`: blocks of schools on
/// several threads, written as rendered) against the whole document built in memory
/// (`json()`), byte for byte: random rule books and messy school names, every school year,
/// both languages, 1–4 threads, blocks of 1, 2, 5 and 32 schools, into memory and into a
/// file; and a school year with no schools.
///
/// A failure names its seed. To reproduce it alone:
/// `RISKMAP_JSON_SEED=<seed> RISKMAP_JSON_BOOKS=1 swift test --filter ClassificationJSONStreamTests`.
@Suite struct ClassificationJSONStreamTests {
    static let environment = ProcessInfo.processInfo.environment
    static var books: Int { environment["RISKMAP_JSON_BOOKS"].flatMap { Int($0) } ?? 12 }
    static var firstSeed: UInt64 { environment["RISKMAP_JSON_SEED"].flatMap { UInt64($0) } ?? 1 }

    @Test func streamedJSONIsTheDocumentInMemory() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("riskmap-jsonstream-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var compared = 0
        for seed in Self.firstSeed..<(Self.firstSeed + UInt64(Self.books)) {
            var generator = RandomRuleBook(seed: seed)
            let book = try checkedBook(generator.book(), path: "random-\(seed).rules")
            let profiles = ClassificationCSVDifferentialTests.messyProfiles(book, DifferentialTests.randomRows(book, &generator.rng), &generator.rng)
            let outcomes = Executor(Program(book: book)).run(profiles, measures: false)
            for yearIndex in profiles.years.indices {
                for lang in [Lang.ru, .en] {
                    let report = ClassificationReport(outcomes, yearIndex: yearIndex, lang: lang)
                    let expected = Array(report.json().utf8)
                    let threads = Int(seed % 4) + 1
                    let block = [1, 2, 5, 32][Int((seed + UInt64(yearIndex)) % 4)]
                    var sink = ByteSink.memory()
                    try report.writeJSON(to: &sink, tuning: Tuning(threads: threads), blockSchools: block)
                    compared += 1
                    if let difference = ClassificationCSVDifferentialTests.firstDifference(expected, sink.buffer) {
                        Issue.record("""
                            seed \(seed), \(profiles.years[yearIndex]), \(lang), \(threads) threads, blocks of \(block): \(difference)
                            Rerun alone: RISKMAP_JSON_SEED=\(seed) RISKMAP_JSON_BOOKS=1 swift test --filter ClassificationJSONStreamTests
                            """)
                        return
                    }
                    let path = folder.appendingPathComponent("c-\(seed)-\(yearIndex)-\(lang).json").path
                    try AtomicWriter.write(to: path, direct: seed % 2 == 0) { (sink: inout ByteSink) throws(ByteSink.Failure) in
                        try report.writeJSON(to: &sink, tuning: Tuning(threads: threads), blockSchools: block)
                    }
                    let written = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
                    #expect(written == expected, "seed \(seed): written through AtomicWriter differs")
                }
            }
        }
        #expect(compared > 0)
    }

    @Test func aYearWithoutSchoolsIsAnEmptyArray() throws {
        let book = try checkedBook("правила \"П\" { версия \"1\" }\nпоказатель a \"А\" : число\nфактор f \"Ф\" { если a > 1 }\n")
        var profiles = ProfileSet(indicatorCount: 1, years: [SchoolYear(start: 2025)])
        profiles.finish()
        let report = ClassificationReport(Executor(Program(book: book)).run(profiles, measures: false), yearIndex: 0, lang: .ru)
        var sink = ByteSink.memory()
        try report.writeJSON(to: &sink)
        #expect(String(decoding: sink.buffer, as: UTF8.self) == report.json())
        #expect(report.json().contains("\"schools\": []"))
    }
}
