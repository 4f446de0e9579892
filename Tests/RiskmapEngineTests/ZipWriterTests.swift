import Foundation
import Testing
@testable import RiskmapEngine
import RiskmapPlatform

/// The ZIP writer against the project's own reader (`ZipArchive`), and its fixed layout.
@Suite struct ZipWriterTests {
    @Test func roundTripsThroughTheReader() throws {
        var zip = ZipWriter()
        let entries: [(String, [UInt8])] = [
            ("[Content_Types].xml", Array("<Types/>".utf8)),
            ("word/document.xml", Array("<w:document>Школа № 1 😀</w:document>".utf8)),
            ("папка/пустой.txt", []),
            ("binary.bin", (0...255).map { UInt8($0) }),
            ("word/styles.xml", Array(String(repeating: "<w:style w:type=\"paragraph\">Обычный</w:style>", count: 500).utf8)),
        ]
        for (name, bytes) in entries { zip.add(name, bytes) }
        let archive = try ZipArchive(TextBytes(try zip.archive()))
        #expect(archive.entries.map(\.name) == entries.map(\.0))
        for (name, bytes) in entries {
            #expect(try archive.extract(name) == bytes, "\(name)")
            let entry = try #require(archive.entry(name))
            // Compressed where that helps: the short and the random entries are stored.
            #expect(entry.method == (name == "binary.bin" || bytes.count < 40 ? 0 : 8), "\(name)")
            #expect(entry.flags == 0x0800, "UTF-8 names flag")
        }
    }

    @Test func sameEntriesGiveTheSameBytesWithAFixedDate() throws {
        func make() throws -> [UInt8] {
            var zip = ZipWriter()
            zip.add("a.xml", "<a/>")
            zip.add("b/c.xml", "<c>текст</c>")
            return try zip.archive()
        }
        let bytes = try make()
        #expect(bytes == (try make()))
        // The local header: signature, version 2.0, UTF-8 flag, stored (too short to compress), 00:00, 1980-01-01.
        #expect(Array(bytes[0..<14]) == [0x50, 0x4B, 0x03, 0x04, 20, 0, 0x00, 0x08, 0, 0, 0, 0, 0x21, 0x00])
        // The end record: two entries.
        let end = bytes.count - 22
        #expect(Array(bytes[end..<(end + 4)]) == [0x50, 0x4B, 0x05, 0x06])
        #expect(bytes[end + 8] == 2 && bytes[end + 10] == 2)
    }

    @Test func anEmptyArchiveIsJustTheEndRecord() throws {
        let bytes = try ZipWriter().archive()
        #expect(bytes.count == 22)
        #expect(try ZipArchive(TextBytes(bytes)).entries.isEmpty)
    }

    /// `unzip -t` (Info-ZIP) accepts the archive, when it is installed.
    @Test func unzipAcceptsTheArchive() throws {
        let unzip = "/usr/bin/unzip"
        guard FileManager.default.isExecutableFile(atPath: unzip) else {
            print("ZipWriterTests: SKIPPED unzip check — /usr/bin/unzip not installed")
            return
        }
        var zip = ZipWriter()
        zip.add("word/документ.xml", "<x/>")
        zip.add("docProps/app.xml", String(repeating: "a", count: 100_000))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("zipwriter-\(UUID().uuidString).zip")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(try zip.archive()).write(to: url)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: unzip)
        process.arguments = ["-tq", url.path]
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}
