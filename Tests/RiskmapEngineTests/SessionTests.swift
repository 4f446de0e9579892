import Foundation
import Testing
@testable import RiskmapEngine
import RiskmapLanguage
import RiskmapPlatform

/// The pipeline's steps, once: what a session keeps, evaluates and hashes.
@Suite struct SessionTests {
    static var starterSchools: String { packageRoot.appendingPathComponent("Tests/Fixtures/profiles/starter-schools.csv").path }

    @Test func aClassificationKeepsWhatItReadsAndRunsNoMeasures() throws {
        let book = try starterBook()
        let session = Session(Program(book: book), purpose: .classification)
        let loaded = try session.profiles(at: Self.starterSchools, defaultYear: nil).get()
        #expect(loaded.diagnostics.isEmpty && loaded.isTable && loaded.sha256 == nil)
        let read = book.indicatorsRead(includingMeasures: false)
        #expect(read.count < book.indicators.count)
        #expect(loaded.profiles.columns.isStored.indices.filter { loaded.profiles.columns.isStored[$0] } == read.sorted())
        let outcomes = session.run(loaded.profiles)
        #expect(outcomes.measures.isEmpty)
        // The same classification as a run over every indicator.
        let full = Session(Program(book: book), purpose: .plans)
        let all = try full.profiles(at: Self.starterSchools, defaultYear: nil).get()
        #expect(all.profiles.columns.isStored.allSatisfy { $0 })
        let everything = full.run(all.profiles)
        #expect(everything.measures.count == book.measures.count)
        #expect(everything.factors == outcomes.factors && everything.levels == outcomes.levels && everything.groups == outcomes.groups)
        // Unless the tuning says to keep everything.
        let keepAll = Session(Program(book: book), purpose: .classification, tuning: Tuning(keepsOnlyReadIndicators: false))
        #expect(try keepAll.profiles(at: Self.starterSchools, defaultYear: nil).get().profiles.columns.isStored.allSatisfy { $0 })
    }

    @Test func theHashIsOfTheBytesRead() throws {
        let book = try starterBook()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("riskmap-session-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // With a byte-order mark, which the reader drops: the hash is of the file as it is.
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.starterSchools)))
        bytes.insert(contentsOf: [0xEF, 0xBB, 0xBF], at: 0)
        let path = folder.appendingPathComponent("schools.csv").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        let loaded = try Session(Program(book: book), purpose: .plans).profiles(at: path, defaultYear: nil, hashInput: true).get()
        #expect(loaded.sha256 == SHA256.hex(bytes))
        #expect(loaded.profiles.rowCount > 0)
    }

    @Test func missingAndUnreadableFilesAreTold() throws {
        let session = Session(Program(book: try starterBook()), purpose: .plans)
        var steps: [Session.LoadStep] = []
        guard case .failure(.notFound(let p)) = session.profiles(at: "/nonexistent/schools.csv", defaultYear: nil, step: { steps.append($0) }) else {
            Issue.record("a missing file must be reported as not found")
            return
        }
        #expect(p == "/nonexistent/schools.csv" && steps.isEmpty)
        _ = session.profiles(at: Self.starterSchools, defaultYear: nil) { steps.append($0) }
        #expect(steps == [.read, .parsed, .loaded])
    }
}
