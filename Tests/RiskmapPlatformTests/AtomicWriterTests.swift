import Foundation
import Testing
@testable import RiskmapPlatform

/// `AtomicWriter`: plain writes through the page cache unless direct writes are asked
/// for; either way the same bytes, and no temporary file left behind.
@Suite struct AtomicWriterTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("riskmap-writer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Whether the file system of `folder` takes `O_DIRECT`.
    static func takesDirectWrites(_ folder: URL) -> Bool {
        let probe = folder.appendingPathComponent("probe").path
        let fd = open(probe, O_WRONLY | O_CREAT | O_TRUNC | OutputFile.directFlag, 0o644)
        guard fd >= 0 else { return false }
        close(fd)
        unlink(probe)
        return OutputFile.directFlag != 0
    }

    @Test(arguments: [false, true], [0, 1, 4_096, OutputFile.directChunk + 4_097])
    func plainOrDirectWritesGiveTheSameBytes(direct: Bool, size: Int) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("out.csv").path
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }
        var wroteDirectly: Bool?
        try AtomicWriter.write(to: path, direct: direct) { (sink: inout ByteSink) throws(AtomicWriter.Failure) in
            wroteDirectly = sink.writesDirectly
            try sink.write(bytes)
        }
        #expect(wroteDirectly == (direct && Self.takesDirectWrites(folder)))
        #expect(FileBytes.read(path) == bytes)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.csv"])
    }

    /// The default (every output but large classification files) is plain.
    @Test func theDefaultIsPlain() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("rules.rules").path
        var wroteDirectly: Bool?
        try AtomicWriter.write(to: path) { (sink: inout ByteSink) throws(AtomicWriter.Failure) in
            wroteDirectly = sink.writesDirectly
            try sink.write(Array("правила\n".utf8))
        }
        #expect(wroteDirectly == false)
        try AtomicWriter.write("новые правила\n", to: path)
        #expect(FileBytes.read(path) == Array("новые правила\n".utf8))
    }

    @Test(arguments: [false, true])
    func aFailedWriteLeavesTheTargetAndNoTemporaryFile(direct: Bool) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("out.csv").path
        try AtomicWriter.write("старое", to: path)
        #expect(throws: AtomicWriter.Failure.self) {
            try AtomicWriter.write(to: path, direct: direct) { (sink: inout ByteSink) throws(AtomicWriter.Failure) in
                try sink.write([UInt8](repeating: 1, count: 2 * ByteSink.blockSize + 5))
                throw AtomicWriter.Failure(path: path, reason: "disk full")
            }
        }
        #expect(FileBytes.read(path) == Array("старое".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.csv"])
    }

    @Test func durableFilesWriteAndSyncFolders() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("a.txt").path
        try DurableFiles.write(Array("да".utf8), to: path)
        try DurableFiles.syncDirectory(folder.path)
        #expect(FileBytes.read(path) == Array("да".utf8))
        #expect(throws: AtomicWriter.Failure.self) { try DurableFiles.syncDirectory(folder.appendingPathComponent("none").path) }
        #expect(throws: AtomicWriter.Failure.self) { try DurableFiles.write([1], to: folder.appendingPathComponent("none/a.txt").path) }
    }

    // MARK: Issue 17: exclusive temporary files, symbolic links, read-only targets

    /// A symbolic link placed at the temporary name the writer once used (`.NAME.riskmap-PID.tmp`)
    /// is neither followed nor replaced: the file it points at is unchanged.
    @Test func aSymlinkAtTheOldTemporaryNameIsNotFollowed() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let victim = folder.appendingPathComponent("victim.txt").path
        try Data("precious".utf8).write(to: URL(fileURLWithPath: victim))
        let trap = folder.appendingPathComponent(".out.csv.riskmap-\(getpid()).tmp").path
        try FileManager.default.createSymbolicLink(atPath: trap, withDestinationPath: victim)
        try AtomicWriter.write(Array("new".utf8), to: folder.appendingPathComponent("out.csv").path)
        #expect(FileBytes.read(victim) == Array("precious".utf8))
        #expect(FileBytes.read(folder.appendingPathComponent("out.csv").path) == Array("new".utf8))
        #expect(FolderExchange.isSymbolicLink(trap))
    }

    /// Each write's temporary file has a new random name, in the target's folder.
    @Test func temporaryNamesAreRandom() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("out.csv").path
        var names: [String] = []
        for _ in 0..<3 {
            try AtomicWriter.write(to: path) { (sink: inout ByteSink) throws(AtomicWriter.Failure) in
                names += ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".tmp") }
                try sink.write(Array("x".utf8))
            }
        }
        #expect(names.count == 3 && Set(names).count == 3, "\(names)")
        #expect(names.allSatisfy { $0.hasPrefix(".out.csv.riskmap-") && !$0.contains("\(getpid())") }, "\(names)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.csv"])
    }

    /// A target that is a symbolic link, or a read-only file, is refused and left as it was.
    @Test func symlinkAndReadOnlyTargetsAreRefused() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let real = folder.appendingPathComponent("real.csv").path
        try Data("real".utf8).write(to: URL(fileURLWithPath: real))
        let link = folder.appendingPathComponent("link.csv").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        #expect(throws: AtomicWriter.Failure.self) { try AtomicWriter.write(Array("x".utf8), to: link) }
        do { try AtomicWriter.write(Array("x".utf8), to: link) } catch { #expect(error.refusal == .symbolicLink) }
        #expect(FolderExchange.isSymbolicLink(link) && FileBytes.read(real) == Array("real".utf8))
        let locked = folder.appendingPathComponent("locked.csv").path
        try Data("locked".utf8).write(to: URL(fileURLWithPath: locked))
        chmod(locked, 0o444)
        do { try AtomicWriter.write(Array("x".utf8), to: locked); Issue.record("written") } catch { #expect(error.refusal == .readOnly) }
        #expect(FileBytes.read(locked) == Array("locked".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["link.csv", "locked.csv", "real.csv"])
    }
}
