import Foundation
import Testing
@testable import RiskmapEngine
import RiskmapLanguage
import RiskmapPlatform

/// The fast loader (`CSVReader.read` then `ProfileLoader.load`: speculative UTF-8, the
/// text scanned in two parts, cells decided from bytes by blocks of rows on several
/// threads) against `ReferenceLoader` (plain strings, one thread), on random messy school
/// files (`RandomSchoolsCSV`): the same CSV cells, schools, years, values, interned texts
/// and diagnostics (severity, code, line, column, main argument), under every `Tuning` of
/// threads 1–4 × rows per block 1, 2, 3, 7, default × the two-part scan and speculation
/// forced on small texts or not (each file under five of them, in turn).
///
/// A failure names its seed. To reproduce it alone:
/// `RISKMAP_LOADER_SEED=<seed> RISKMAP_LOADER_CASES=1 swift test --filter LoaderDifferentialTests`.
/// More files: `RISKMAP_LOADER_CASES=20000 swift test --filter LoaderDifferentialTests`.
@Suite struct LoaderDifferentialTests {
    static let environment = ProcessInfo.processInfo.environment
    static var cases: Int { environment["RISKMAP_LOADER_CASES"].flatMap { Int($0) } ?? 200 }
    static var firstSeed: UInt64 { environment["RISKMAP_LOADER_SEED"].flatMap { UInt64($0) } ?? 1 }

    static let tunings: [Tuning] = {
        var all: [Tuning] = []
        for threads in 1...4 {
            for blockRows in [1, 2, 3, 7, Tuning.default.loaderBlockRows] {
                for forced in [true, false] {
                    let d = Tuning.default
                    all.append(Tuning(threads: threads, loaderBlockRows: blockRows,
                                      parallelScanMinBytes: forced ? 0 : d.parallelScanMinBytes,
                                      speculativeUTF8MinBytes: forced ? 0 : d.speculativeUTF8MinBytes))
                }
            }
        }
        return all
    }()
    /// Tunings per file: eight files in a row go through all of them.
    static let tuningsPerCase = 5

    static func describe(_ t: Tuning) -> String {
        "threads \(t.threads), loaderBlockRows \(t.loaderBlockRows), "
            + (t.parallelScanMinBytes == 0 ? "two-part scan and speculative UTF-8 forced" : "default scan thresholds")
    }

    static func book() throws -> CheckedRuleBook { try checkedBook(RandomSchoolsCSV.book, path: "loader.rules") }

    @Test func fastLoaderAgreesWithTheReference() throws {
        let book = try Self.book()
        var codes = Set<String>()
        var failures = 0
        for seed in Self.firstSeed..<(Self.firstSeed + UInt64(Self.cases)) where failures < 5 {
            let (ok, reference) = Self.check(seed: seed, book: book)
            if !ok { failures += 1 }
            codes.formUnion(reference.notes.map(\.code))
        }
        // The random files reach every rule that has a diagnostic.
        if Self.cases >= 200 && Self.firstSeed == 1 && failures == 0 {
            let expected: [Message] = [
                .csvUnterminatedQuote, .csvTooFewFields(expected: 0, got: 0), .csvTooManyFields(expected: 0, got: 0),
                .profileUnknownColumn(""), .profileDuplicateColumn(column: "", indicator: ""),
                .profileBadValue(text: "", expected: .number), .profileOutOfRange(text: "", low: "", high: ""),
                .profileUnknownCategory(text: "", indicator: ""), .profileDuplicateSchoolYear(id: "", year: "", line: 0),
                .profileBadYear(""), .profileEmptyId, .profileMissingIdColumn, .profileNoRows,
            ]
            #expect(Set(expected.map(\.code)).subtracting(codes).isEmpty, "never produced: \(Set(expected.map(\.code)).subtracting(codes))")
        }
    }

    /// The fast result in the plain form.
    static func fast(_ bytes: [UInt8], book: CheckedRuleBook, defaultYear: SchoolYear?, tuning: Tuning) -> LoadedProfiles {
        let (table, csvDiagnostics) = CSVReader.read(bytes: bytes, path: "schools.csv", tuning: tuning)
        guard let table else { return LoadedProfiles(table: nil, profiles: nil, diagnostics: csvDiagnostics, book: book) }
        let (profiles, diagnostics) = ProfileLoader.load(table: table, book: book, defaultYear: defaultYear, tuning: tuning)
        return LoadedProfiles(table: table, profiles: profiles, diagnostics: csvDiagnostics + diagnostics, book: book)
    }

    /// Loads one random file with the reference and with the fast path under this seed's
    /// tunings; records the first difference. Returns whether they agree, and the
    /// reference's result.
    static func check(seed: UInt64, book: CheckedRuleBook) -> (Bool, LoadedProfiles) {
        var generator = RandomSchoolsCSV(seed: seed)
        let bytes = generator.bytes()
        let defaultYear = generator.chance(50) ? SchoolYear(start: 2024) : nil
        let reference = ReferenceLoader.load(bytes, book: book, defaultYear: defaultYear)
        for k in 0..<tuningsPerCase {
            let tuning = tunings[(Int(seed % UInt64(tunings.count)) * tuningsPerCase + k) % tunings.count]
            let fast = fast(bytes, book: book, defaultYear: defaultYear, tuning: tuning)
            if let difference = reference.firstDifference(from: fast, book: book) {
                let file = ReferenceCSV.decode(bytes)
                Issue.record("""
                    seed \(seed) (\(generator.summary), default year \(defaultYear.map(\.description) ?? "none")), \
                    \(describe(tuning)):
                    \(difference)
                    Rerun alone: RISKMAP_LOADER_SEED=\(seed) RISKMAP_LOADER_CASES=1 swift test --filter LoaderDifferentialTests
                    The file (\(bytes.count) bytes) as decoded: \(file.count < 6_000 ? file.debugDescription : "(long)")
                    """)
                return (false, reference)
            }
        }
        return (true, reference)
    }
}
