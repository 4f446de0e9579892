import Foundation
import Testing
@testable import RiskmapEngine
import RiskmapLanguage

/// `plan` streams: each school's plan is completed, written and let go a block at a time
/// (`PlanDocuments.write` from `Planner.outline`), straight into the new folder
/// (`OutputStaging`). The reference is the simple path: every plan complete in memory
/// (`Planner.plan`), every document in an `OutputBundle`. Same bytes, any block size.
@Suite struct StreamedPlanTests {
    /// The shipped rule book over two samples joined into one regional file (Tomsk and Asino
    /// districts, 2018/19: 26 schools, two municipalities; each sample's columns, the other's empty).
    static func region() throws -> (Outcomes, Int) {
        guard case .success(let files) = RuleBookLoader.load(packageRoot.appendingPathComponent("Rules").path) else {
            throw RuleBookError(description: "cannot load Rules/")
        }
        let book = try #require(Checker.check(files: files).0)
        func rows(_ name: String) throws -> [[String: String]] {
            let text = try String(contentsOf: packageRoot.appendingPathComponent("Samples/\(name).csv"), encoding: .utf8)
            let lines = text.split(whereSeparator: \.isNewline).map(String.init)
            let header = lines[0].split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            return lines.dropFirst().map { line in
                let cells = line.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
                return Dictionary(uniqueKeysWithValues: zip(header, cells))
            }
        }
        let all = try rows("tomsk") + rows("asino")
        var columns: [String] = []
        for row in all { for key in row.keys.sorted() where !columns.contains(key) { columns.append(key) } }
        columns = ["school_id", "name", "municipality", "year"] + columns.filter { !["school_id", "name", "municipality", "year"].contains($0) }
        var csv = columns.joined(separator: ";") + "\n"
        for row in all { csv += columns.map { row[$0] ?? "" }.joined(separator: ";") + "\n" }
        let (table, _) = CSVReader.read(bytes: Array(csv.utf8), path: "region.csv")
        let (profiles, diagnostics) = ProfileLoader.load(table: try #require(table), book: book, defaultYear: nil)
        #expect(!diagnostics.contains { $0.severity == .error }, "\(DiagnosticRenderer(lang: .en).render(diagnostics))")
        let outcomes = Executor(Program(book: book)).run(profiles)
        guard let year = profiles.yearIndex(SchoolYear(start: 2018)) else { throw RuleBookError(description: "no 2018/19") }
        return (outcomes, year)
    }

    static func reference(_ planner: Planner, _ yearIndex: Int) -> OutputBundle {
        var bundle = OutputBundle()
        PlanDocuments.add(planner.plan(yearIndex: yearIndex), to: &bundle)
        return bundle
    }

    @Test(arguments: [1, 7, 64])
    func streamedDocumentsEqualCompletePlansInMemory(block: Int) throws {
        let (outcomes, yearIndex) = try Self.region()
        let planner = Planner(outcomes, lang: .ru)
        let reference = Self.reference(planner, yearIndex)
        var outline = planner.outline(yearIndex: yearIndex)
        #expect(outline.schools.count == 26)
        #expect(Set(outline.schools.map(\.school.municipality)).count == 2)
        var streamed = OutputBundle()
        try PlanDocuments.write(&outline, complete: planner.completer(for: outline), to: &streamed, blockSchools: block)
        #expect(streamed.files.map(\.path) == reference.files.map(\.path))
        for (a, b) in zip(streamed.files, reference.files) where a.bytes != b.bytes {
            Issue.record("\(a.path) differs with blocks of \(block) schools")
        }
        // What is kept of each school: no explanation text.
        #expect(outline.schools.allSatisfy { $0.factors.allSatisfy { $0.explanation.text.isEmpty } })
        #expect(PlansJSONWriter.json(planner.plan(yearIndex: yearIndex)) == reference.text("plans.json"))
    }

    /// On disk: the same files, and every hash the staging reports is the file's SHA-256.
    @Test func stagedFolderHoldsTheSameBytesAndHashes() throws {
        let (outcomes, yearIndex) = try Self.region()
        let planner = Planner(outcomes, lang: .en)
        let reference = Self.reference(planner, yearIndex)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("riskmap-stream-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out").path
        var outline = planner.outline(yearIndex: yearIndex)
        var staging = try OutputStaging(out)
        try PlanDocuments.write(&outline, complete: planner.completer(for: outline), to: &staging, blockSchools: 5)
        let hashes = staging.hashes(progress: nil)
        _ = try staging.commit()
        #expect(hashes.map(\.path) == reference.files.map(\.path))
        for (file, hash) in zip(reference.files, hashes) {
            let bytes = [UInt8](FileManager.default.contents(atPath: out + "/" + file.path) ?? Data())
            #expect(bytes == file.bytes, "\(file.path)")
            #expect(hash.sha256 == SHA256.hex(file.bytes), "\(file.path)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["out"])
    }

    /// In memory the documents are not hashed as they are rendered (`wantsHashes` is off):
    /// the bundle hashes them when asked, and gets what the staging on disk reports.
    @Test func anInMemoryBundleHashesWhenAsked() throws {
        let (outcomes, yearIndex) = try Self.region()
        let planner = Planner(outcomes, lang: .ru)
        let bundle = Self.reference(planner, yearIndex)
        #expect(!bundle.wantsHashes)
        let hashes = bundle.hashes(progress: nil)
        #expect(hashes.map(\.path) == bundle.files.map(\.path))
        #expect(zip(bundle.files, hashes).allSatisfy { $0.1.sha256 == SHA256.hex($0.0.bytes) })
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("riskmap-stream-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        var outline = planner.outline(yearIndex: yearIndex)
        var staging = try OutputStaging(root.appendingPathComponent("out").path)
        #expect(staging.wantsHashes)
        try PlanDocuments.write(&outline, complete: planner.completer(for: outline), to: &staging, blockSchools: 5)
        #expect(staging.hashes(progress: nil).map(\.sha256) == hashes.map(\.sha256))
        _ = try staging.commit()
    }

    /// A run abandoned half way (an error in the middle) leaves the previous folder as it
    /// was and no staging folder beside it.
    @Test func anAbandonedStagingLeavesThePreviousFolder() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("riskmap-stream-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out").path
        try OutputBundleTests.bundle([("a.txt", "old")]).write(to: out)
        do {
            let staging = try OutputStaging(out)
            try staging.add("a.txt", bytes: Array("new".utf8), sha256: nil)
            try staging.append("plans.json", Array("{".utf8))
            // An output path that is not a plain relative path: the run fails here.
            #expect(throws: OutputBundle.Failure.self) { try staging.add("../escape.txt", bytes: [], sha256: nil) }
            staging.abandon()
        }
        #expect(try String(contentsOfFile: out + "/a.txt", encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["out"])
    }

    /// A staging folder never committed (the value dropped on an early return) is removed.
    @Test func aDroppedStagingIsRemoved() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("riskmap-stream-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        do {
            let staging = try OutputStaging(root.appendingPathComponent("out").path)
            try staging.add("a.txt", bytes: [1, 2, 3], sha256: nil)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == [])
    }

    /// The streamed SHA-256 equals the one-shot digest for any split of the input.
    @Test func sha256StreamEqualsTheOneShotDigest() {
        var rng = SplitMix(seed: 0x5A17)
        for trial in 0..<300 {
            let count = Int.random(in: 0...700, using: &rng)
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
            var stream = SHA256.Stream()
            var i = 0
            while i < count {
                let n = min(count - i, Int.random(in: 0...130, using: &rng))
                stream.update(Array(bytes[i..<(i + n)]))
                i += n
            }
            #expect(stream.finishHex() == SHA256.hex(bytes), "trial \(trial), seed 0x5A17, \(count) bytes")
        }
    }
}
