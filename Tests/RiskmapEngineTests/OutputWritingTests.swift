import Foundation
import Testing
@testable import RiskmapEngine
import RiskmapLanguage
@testable import RiskmapPlatform

/// Writing outputs: the streamed CSV (blocks, threads), the atomic writer, the byte sink
/// and whole-file reading.
@Suite struct OutputWritingTests {
    /// The starter rule book over `count` generated schools with varied, partly missing
    /// values, and a name that needs quoting every seventh school.
    static func manySchools(_ count: Int) throws -> Evaluated {
        let book = try starterBook()
        var csv = "school_id;name;municipality;year;school_type;pupils;teachers;vacancies;Педагоги 55+, %;internet_mbps;has_growth_point;vpr_math_fail;ЕГЭ рус. ср. балл;low_income_share\n"
        let types = ["СОШ", "ООШ", "НОШ", "гимназия", "лицей"]
        for i in 0..<count {
            let name = i % 7 == 0 ? "Школа \"№ \(i)\"; филиал" : "МБОУ «СОШ № \(i)»"
            let cells: [String] = [
                "S\(i)", name, i % 3 == 0 ? "Северный" : "Южный", "2025/26", types[i % 5],
                "\(100 + i * 7 % 900)", "\(10 + i % 40)", i % 4 == 0 ? "" : "\(i % 6)",
                "\(20 + i % 30),5", "\(i * 13 % 150)", i % 2 == 0 ? "да" : "нет",
                i % 5 == 0 ? "" : "\(i * 3 % 45)", "\(40 + i % 50)", "\(i % 35)",
            ]
            csv += cells.map { $0.contains(";") || $0.contains("\"") ? "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : $0 }
                .joined(separator: ";") + "\n"
        }
        let (table, csvDiagnostics) = CSVReader.read(bytes: Array(csv.utf8), path: "many.csv")
        let (profiles, diagnostics) = ProfileLoader.load(table: try #require(table), book: book, defaultYear: nil)
        #expect((csvDiagnostics + diagnostics).isEmpty)
        return Evaluated(book: book, profiles: profiles)
    }

    static func report(_ e: Evaluated, _ lang: Lang = .ru) -> ClassificationReport {
        ClassificationReport(e.evaluation, yearIndex: 0, lang: lang)
    }

    @Test(arguments: [(1, 1), (1, 7), (2, 1), (2, 7), (3, 5), (2, 4_096), (4, 1_000)])
    func streamedCSVIsTheSameForAnyBlockAndThreadCount(threads: Int, blockRows: Int) throws {
        let report = Self.report(try Self.manySchools(103))
        let whole = report.csvBytes()
        var sink = ByteSink.memory()
        try ClassificationCSV(report).write(to: &sink, threads: threads, blockRows: blockRows)
        #expect(sink.buffer == whole)
        let text = String(decoding: whole, as: UTF8.self)
        #expect(text.components(separatedBy: "\r\n").count == 103 + 2)
        #expect(text.contains("\r\nS7;\"Школа \"\"№ 7\"\"; филиал\";Южный;2025/26;"))
    }

    /// Rows are written into room reserved for their longest form: ids and names that
    /// are all quotes (every byte doubled, plus the enclosing quotes), very long ones, and
    /// a municipality that needs quoting come out as `CSVField` quotes them.
    @Test func cellsThatNeedTheMostRoomAreQuotedInFull() throws {
        let book = try starterBook()
        let long = String(repeating: "Ж\"", count: 400)
        let csvText = "school_id;name;municipality;year\n" + [
            ("\"\"\"\"\"\"", "\"\"\"\"", "\"A;B\""),  // id `""`, name `"`, municipality `A;B`
            ("S2", "\"" + long.replacingOccurrences(of: "\"", with: "\"\"") + "\"", "M"),
        ].map { "\($0.0);\($0.1);\($0.2);2025/26" }.joined(separator: "\n") + "\n"
        let (table, _) = CSVReader.read(bytes: Array(csvText.utf8), path: "q.csv")
        let (profiles, diagnostics) = ProfileLoader.load(table: try #require(table), book: book, defaultYear: nil)
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty)
        let report = Self.report(Evaluated(book: book, profiles: profiles))
        let text = String(decoding: report.csvBytes(), as: UTF8.self)
        #expect(text.contains("\r\n" + CSVField.escape("\"\"") + ";" + CSVField.escape("\"") + ";" + CSVField.escape("A;B") + ";2025/26;"))
        #expect(text.contains("\r\nS2;" + CSVField.escape(long) + ";M;2025/26;"))
    }

    @Test func csvFileWrittenInBlocksEqualsTheBytesInMemory() throws {
        let report = Self.report(try Self.manySchools(3_000), .en)
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("out.csv").path
        // Blocks smaller than one write and larger than one write.
        try AtomicWriter.write(to: path) { (sink: inout ByteSink) throws(ByteSink.Failure) in
            try ClassificationCSV(report).write(to: &sink, threads: 2, blockRows: 997)
        }
        let written = try #require(FileBytes.read(path))
        #expect(written == report.csvBytes())
        #expect(written.count > ByteSink.blockSize / 4)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.csv"])
    }

    /// Blocks are written on another thread while the next ones are rendered; a write
    /// error there is still reported, not lost.
    @Test(arguments: [1, 2])
    func writeErrorsAreReported(threads: Int) throws {
        let report = Self.report(try Self.manySchools(3_000))
        let fd = open("/dev/full", O_WRONLY)
        try #require(fd >= 0)
        defer { close(fd) }
        var sink = ByteSink(descriptor: fd, path: "/dev/full")
        #expect(throws: ByteSink.Failure.self) {
            try ClassificationCSV(report).write(to: &sink, threads: threads, blockRows: 100)
            try sink.flush()
        }
    }

    // MARK: AtomicWriter

    struct Stop: Error {}

    @Test func failedWriteLeavesTheTargetAndNoTemporaryFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("plan.csv").path
        try AtomicWriter.write("старое", to: path)
        #expect(throws: AtomicWriter.Failure.self) {
            try AtomicWriter.write(to: path) { (sink: inout ByteSink) throws(AtomicWriter.Failure) in
                try sink.write(Array(repeating: UInt8(ascii: "x"), count: 3 * ByteSink.blockSize))
                throw AtomicWriter.Failure(path: path, reason: "disk full")
            }
        }
        #expect(FileBytes.read(path) == Array("старое".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["plan.csv"])
        try AtomicWriter.write("новое", to: path)
        #expect(FileBytes.read(path) == Array("новое".utf8))
    }

    @Test(arguments: ["/nonexistent-riskmap-folder/out.csv", "", "bad\u{0}name.csv"])
    func unwritablePathsAreReportedNotCrashed(_ path: String) {
        #expect(throws: AtomicWriter.Failure.self) { try AtomicWriter.write("x", to: path) }
    }

    @Test func sinkWritesSmallAndLargePiecesInOrder() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("pieces.bin").path
        var expected: [UInt8] = []
        let pieces: [[UInt8]] = [
            [1, 2, 3],
            [UInt8](repeating: 4, count: ByteSink.blockSize + 5),  // larger than a block, after buffered bytes
            [5],
            [UInt8](repeating: 6, count: ByteSink.blockSize - 1),  // fills the buffer up to a block
            [UInt8](repeating: 7, count: 2 * ByteSink.blockSize),  // goes straight out
            [],
            [8, 9],
        ]
        try AtomicWriter.write(to: path) { (sink: inout ByteSink) throws(ByteSink.Failure) in
            for p in pieces {
                try sink.write(p)
                expected += p
            }
        }
        #expect(FileBytes.read(path) == expected)
    }

    // MARK: Direct writes

    /// Sizes around the alignment and the staging chunk, written in pieces of a prime size.
    @Test(arguments: [0, 1, 4_095, 4_096, 4_097, OutputFile.directChunk - 1, OutputFile.directChunk,
                      OutputFile.directChunk + 1, 2 * OutputFile.directChunk + 4_096 * 3 + 17])
    func directWritesKeepEveryByteForAnySize(size: Int) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("direct.bin").path
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ $0 >> 12) }
        try AtomicWriter.write(to: path) { (sink: inout ByteSink) throws(ByteSink.Failure) in
            var i = 0
            while i < size {
                let n = min(size - i, 1_000_003)
                try sink.write(Array(bytes[i..<i + n]))
                i += n
            }
        }
        #expect(FileBytes.read(path) == bytes)
    }

    /// Blocks written on another thread go through the staging buffer in order.
    @Test func overlappedBlocksAreStagedInOrder() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("overlapped.bin").path
        let (fd, direct) = Self.openDirect(path)
        try #require(fd >= 0)
        var sink = ByteSink(file: OutputFile(descriptor: fd, direct: direct, chunk: 2 * OutputFile.directAlignment), path: path)
        var expected: [UInt8] = []
        for round in 0..<5 {
            let blocks = (0..<3).map { b in [UInt8](repeating: UInt8(round * 3 + b), count: 1_000 * (b + 1) + round) }
            try sink.write(overlapping: blocks, threads: 2) {}
            expected += blocks.joined()
        }
        try sink.finish()
        close(fd)
        #expect(FileBytes.read(path) == expected)
    }

    /// A direct write the file system refuses (here: a size that is no multiple of the
    /// block size) is made through the page cache instead, and nothing is lost.
    @Test func refusedDirectWritesFallBackToThePageCache() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("fallback.bin").path
        let (fd, direct) = Self.openDirect(path)
        try #require(fd >= 0)
        let file = OutputFile(descriptor: fd, direct: direct, chunk: 1_000)
        let bytes = (0..<5_555).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        bytes.withUnsafeBytes { raw in
            #expect(file.append(UnsafeRawBufferPointer(rebasing: raw[..<3_333])) == nil)
            #expect(file.append(UnsafeRawBufferPointer(rebasing: raw[3_333...])) == nil)
        }
        #expect(file.finish() == nil)
        #expect(!file.isDirect)
        close(fd)
        let written = try #require(FileBytes.read(path))
        #expect(written.count == bytes.count)
        #expect(SHA256.hex(written) == SHA256.hex(bytes))  // (not the 5,555 bytes themselves in a failure)
    }

    @Test func directWriteErrorsAreReported() throws {
        let fd = open("/dev/full", O_WRONLY)
        try #require(fd >= 0)
        defer { close(fd) }
        var sink = ByteSink(file: OutputFile(descriptor: fd, direct: true, chunk: OutputFile.directAlignment), path: "/dev/full")
        #expect(throws: ByteSink.Failure.self) {
            try sink.write([UInt8](repeating: 1, count: ByteSink.blockSize + 1))
            try sink.finish()
        }
    }

    /// Opens `path` for direct writes where the file system allows it.
    static func openDirect(_ path: String) -> (Int32, Bool) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | OutputFile.directFlag, 0o644)
        if fd >= 0 { return (fd, OutputFile.directFlag != 0) }
        return (open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644), false)
    }

    // MARK: FileBytes

    @Test func readsWholeFilesAndRefusesWhatIsNotOne() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for size in [0, 1, 65_535, 65_536, 300_001] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            let path = folder.appendingPathComponent("f\(size)").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            #expect(FileBytes.read(path) == bytes, "size \(size)")
        }
        #expect(FileBytes.read(folder.appendingPathComponent("missing.csv").path) == nil)
        #expect(FileBytes.read(folder.path) == nil)  // a directory
        #expect(FileBytes.read("bad\u{0}name") == nil)
    }

    /// Large regular files are mapped, not copied; every way of reading gives the same bytes.
    @Test func largeFilesAreMappedSmallOnesRead() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for size in [0, 10, Tuning.default.mapMinBytes - 1, Tuning.default.mapMinBytes, Tuning.default.mapMinBytes + 4_097] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 29 &+ $0 >> 9) }
            let path = folder.appendingPathComponent("t\(size)").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let text = try #require(FileBytes.text(path))
            #expect(text.isMapped == (size >= Tuning.default.mapMinBytes), "size \(size)")
            #expect(text == TextBytes(bytes), "size \(size)")
            #expect(Array(text.dropFirst(3)) == Array(bytes.dropFirst(3)), "size \(size)")
        }
        #expect(FileBytes.text(folder.appendingPathComponent("missing.csv").path) == nil)
        #expect(FileBytes.text(folder.path) == nil)
        #expect(FileBytes.text("bad\u{0}name") == nil)
    }

    /// A mapped school file with a byte-order mark is parsed in place: the table's text
    /// is the mapping without its first three bytes, not a copy.
    @Test func aMappedFileWithAByteOrderMarkIsNotCopied() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var csv = "\u{FEFF}school_id;name;pupils\r\n"
        var i = 0
        while csv.utf8.count < Tuning.default.mapMinBytes + 10 { csv += "S\(i);Школа № \(i);\(i % 900)\r\n"; i += 1 }
        let path = folder.appendingPathComponent("bom.csv").path
        try csv.write(toFile: path, atomically: false, encoding: .utf8)
        let text = try #require(FileBytes.text(path))
        let (table, diagnostics) = CSVReader.read(bytes: text, path: path)
        let t = try #require(table)
        #expect(diagnostics.isEmpty)
        #expect(t.source.bytes.isMapped)
        #expect(t.source.bytes.count == text.count - 3)
        #expect(t.rowCount == i)
        #expect(t.field(row: i - 1, column: 1) == "Школа № \(i - 1)")
    }

    @Test func readsAPipeWhoseSizeIsUnknown() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 % 251) }
        let (readEnd, writeEnd) = (fds[0], fds[1])
        let writer = Thread {
            bytes.withUnsafeBytes { raw in
                var done = 0
                while done < raw.count {
                    let n = write(writeEnd, raw.baseAddress! + done, raw.count - done)
                    if n <= 0 { break }
                    done += n
                }
            }
            close(writeEnd)
        }
        writer.start()
        let read = FileBytes.read("/dev/fd/\(readEnd)")
        close(readEnd)
        #expect(read == bytes)
    }

    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("riskmap-output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
