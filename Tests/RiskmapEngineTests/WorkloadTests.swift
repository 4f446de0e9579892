import Foundation
import Testing
@testable import RiskmapEngine
import RiskmapLanguage
import RiskmapWorkload

/// The peer-baseline workload (Benchmarks/workload, defined in Benchmarks/WORKLOAD.md) in
/// riskmap's language: it checks clean and reproduces the reference output for 1,000 schools.
@Suite struct WorkloadTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let workload = root.appendingPathComponent("Benchmarks/workload")

    static func book() throws -> CheckedRuleBook {
        guard case .success(let files) = RuleBookLoader.load(workload.path) else {
            throw RuleBookError(description: "cannot load \(workload.path)")
        }
        let (book, diagnostics, _) = Checker.check(files: files)
        #expect(diagnostics.isEmpty, "diagnostics: \(diagnostics)")
        guard let book else { throw RuleBookError(description: "\(diagnostics)") }
        return book
    }

    static func output(schools n: Int) throws -> [UInt8] {
        let book = try book()
        let csv = WorkloadGenerator.csv(n)
        let (table, csvDiagnostics) = CSVReader.read(bytes: csv, path: "workload.csv")
        #expect(csvDiagnostics.isEmpty, "\(csvDiagnostics.prefix(3))")
        let (profiles, profileDiagnostics) = ProfileLoader.load(table: try #require(table), book: book, defaultYear: book.header.year)
        #expect(profileDiagnostics.isEmpty, "\(profileDiagnostics.prefix(3))")
        return WorkloadOutput.render(Executor(Program(book: book)).run(profiles))
    }

    @Test func ruleBookChecksClean() throws {
        let book = try Self.book()
        #expect(book.factors.map(\.code) == (1...10).map { String(format: "F%02d", $0) })
        #expect(book.measures.count == 23)
        #expect(book.scales.first?.levels.map(\.code) == ["high", "medium", "low"])
    }

    @Test func generatorMatchesReferenceInput() {
        // WORKLOAD.md §2.5: 1,000 schools, 165,921 bytes.
        let csv = WorkloadGenerator.csv(1000)
        #expect(csv.count == 165_921)
        #expect(SHA256.hex(csv) == "0d5820affcb8855e9bdba49f99c69710a68a6007a079ec31e6a9076561a6c579")
    }

    @Test func outputMatchesReference() throws {
        let out = try Self.output(schools: 1000)
        let expected = try String(contentsOf: Self.workload.appendingPathComponent("expected-1000.sha256"), encoding: .utf8)
        #expect(SHA256.hex(out) == String(expected.prefix(64)))
        let head = try [UInt8](Data(contentsOf: Self.workload.appendingPathComponent("expected-1000-head.csv")))
        #expect(Array(out.prefix(head.count)) == head)
    }

    /// The benchmark writes its output block by block, rendering blocks on several threads;
    /// any block size and thread count gives the same bytes.
    @Test(arguments: [1, 7, 1_000, 5_000])
    func outputInBlocksIsTheWholeOutput(blockRows: Int) throws {
        let book = try Self.book()
        let (table, _) = CSVReader.read(bytes: WorkloadGenerator.csv(1_000), path: "workload.csv")
        let (profiles, _) = ProfileLoader.load(table: try #require(table), book: book, defaultYear: book.header.year)
        let evaluation = Executor(Program(book: book)).run(profiles)
        for threads in [1, 2, 3] {
            var blocks: [[UInt8]] = []
            #expect(WorkloadOutput.write(evaluation, blockRows: blockRows, threads: threads) { blocks.append($0); return true })
            #expect(blocks.count == 1 + (1_000 + blockRows - 1) / blockRows)
            #expect(blocks.flatMap { $0 } == WorkloadOutput.render(evaluation))
        }
        var calls = 0
        #expect(!WorkloadOutput.write(evaluation, blockRows: blockRows) { _ in calls += 1; return calls < 2 })
        #expect(calls == 2)
    }
}
