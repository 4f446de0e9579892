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
}
