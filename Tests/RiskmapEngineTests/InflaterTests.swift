import Foundation
import Testing
@testable import RiskmapEngine
import RiskmapPlatform

/// DEFLATE (RFC 1951): vectors built by hand from the RFC's block formats, streams made by
/// zlib (fixed and dynamic Huffman), a ZIP archive made by Info-ZIP, and malformed input.
@Suite struct InflaterTests {
    static func bytes(_ hex: String) -> [UInt8] {
        var out: [UInt8] = []
        var i = hex.startIndex
        while i < hex.endIndex {
            let j = hex.index(i, offsetBy: 2)
            out.append(UInt8(hex[i..<j], radix: 16)!)
            i = j
        }
        return out
    }

    /// Bits packed as DEFLATE packs them: each value least significant bit first, Huffman
    /// codes most significant bit first.
    struct BitWriter {
        var bytes: [UInt8] = []
        var bitCount = 0

        mutating func put(_ value: Int, _ n: Int) {
            for b in 0..<n { bit((value >> b) & 1) }
        }

        mutating func code(_ value: Int, _ n: Int) {
            for b in (0..<n).reversed() { bit((value >> b) & 1) }
        }

        mutating func bit(_ v: Int) {
            if bitCount % 8 == 0 { bytes.append(0) }
            bytes[bytes.count - 1] |= UInt8(v) << UInt8(bitCount % 8)
            bitCount += 1
        }

        /// A literal of the fixed code (RFC 1951 3.2.6).
        mutating func fixedLiteral(_ v: Int) {
            switch v {
            case 0...143: code(0x30 + v, 8)
            case 144...255: code(0x190 + v - 144, 9)
            case 256...279: code(v - 256, 7)
            default: code(0xC0 + v - 280, 8)
            }
        }
    }

    static func inflate(_ b: [UInt8], limit: Int = 1 << 20) throws(Inflater.Failure) -> [UInt8] { try Inflater.inflate(b, limit: limit) }

    @Test func storedBlock() throws {
        // BFINAL=1, BTYPE=00, aligned; LEN=5, NLEN=~5; "hello".
        #expect(try Self.inflate([0x01, 0x05, 0x00, 0xFA, 0xFF] + Array("hello".utf8)) == Array("hello".utf8))
        // An empty stored block, then a final one.
        #expect(try Self.inflate([0x00, 0x00, 0x00, 0xFF, 0xFF, 0x01, 0x02, 0x00, 0xFD, 0xFF, 0x41, 0x42]) == Array("AB".utf8))
    }

    @Test func fixedHuffmanByHand() throws {
        // "a", then a match of length 9 at distance 1 (overlapping: aaaaaaaaaa), then "b", end.
        var w = BitWriter()
        w.put(1, 1); w.put(1, 2)
        w.fixedLiteral(97)
        w.fixedLiteral(263)  // length 9 (base 9, no extra bits)
        w.code(0, 5)         // distance code 0: distance 1
        w.fixedLiteral(98)
        w.fixedLiteral(256)
        #expect(try Self.inflate(w.bytes) == Array("aaaaaaaaaab".utf8))
        // Length 258 (code 285) and a distance with extra bits (code 4: 5 + 1 extra bit).
        var v = BitWriter()
        v.put(1, 1); v.put(1, 2)
        for c in "abcdef".utf8 { v.fixedLiteral(Int(c)) }
        v.fixedLiteral(285)
        v.code(4, 5); v.put(1, 1)  // distance 6
        v.fixedLiteral(256)
        let expected = Array("abcdef".utf8) + (0..<258).map { Array("abcdef".utf8)[$0 % 6] }
        #expect(try Self.inflate(v.bytes) == expected)
    }

    @Test func zlibStreams() throws {
        // zlib 1.2, raw deflate, Z_FIXED: "abc" and 20 × "a" (block type 1).
        #expect(try Self.inflate(Self.bytes("4b4c4a0600")) == Array("abc".utf8))
        #expect(try Self.inflate(Self.bytes("4b4cc40400")) == Array(repeating: UInt8(ascii: "a"), count: 20))
        // zlib level 9, dynamic Huffman (block type 2), Cyrillic UTF-8.
        let dynamic = Self.bytes("d58f4d0ac2500c84f73dc56cdc09adb115a197d32ab8702128b8127f768220b5586dadaf424f30ef0a9ec43c7b029712082199f992f0c8076b564cf19eaed18bc1037366cced88c6ce59428b94a58a4c0c0924f265a0aaab73d9059a933415f8620d2eb9e31e7de946e878fc47f28a059f346abeb350a5e38b3acfbcb5e42f2ef4258a310c7ed76f358ed095b99eef4e2ed45cc70803d8899d69cb68cb7d972945873669bfd29c40c00d2fba28f1edd8fb00")
        #expect((dynamic[0] >> 1) & 3 == 2)
        let text = String(repeating: "Школа № 1; Северный район; 2025/26; доля «2» по ВПР 32,5 %\n", count: 3)
            + String(repeating: "Гимназия № 2; Южный; 2024/25; 80\n", count: 2) + "ООШ Пелевино; 40 учеников; интернет 2 Мбит/с\n"
        #expect(try Self.inflate(dynamic) == Array(text.utf8))
    }

    @Test func malformedStreamsAreErrors() {
        #expect(throws: Inflater.Failure.invalidBlockType) { try Self.inflate([0x07]) }
        #expect(throws: Inflater.Failure.storedLengthMismatch) { try Self.inflate([0x01, 0x05, 0x00, 0x00, 0x00]) }
        #expect(throws: Inflater.Failure.truncated) { try Self.inflate([0x01, 0x05, 0x00, 0xFA, 0xFF, 0x68]) }
        #expect(throws: Inflater.Failure.truncated) { try Self.inflate([]) }
        #expect(throws: Inflater.Failure.self) { try Self.inflate(Self.bytes("d58f4d0ac2500c84f73dc56c")) }
        // A match reaching before the start.
        var w = BitWriter()
        w.put(1, 1); w.put(1, 2)
        w.fixedLiteral(97); w.fixedLiteral(257); w.code(1, 5)  // distance 2 with one byte out
        w.fixedLiteral(256)
        #expect(throws: Inflater.Failure.distanceTooFar) { try Self.inflate(w.bytes) }
        // More output than allowed (a ZIP entry's declared size).
        #expect(throws: Inflater.Failure.tooLarge) { try Self.inflate(Self.bytes("4b4cc40400"), limit: 10) }
        // A dynamic header with an over-subscribed code-length code (four lengths of 1).
        var d = BitWriter()
        d.put(1, 1); d.put(2, 2)
        d.put(0, 5); d.put(0, 5); d.put(0, 4)
        for _ in 0..<4 { d.put(1, 3) }
        #expect(throws: Inflater.Failure.invalidCodeLengths) { try Self.inflate(d.bytes) }
    }

    @Test func huffmanTablesRejectBadLengths() {
        #expect(throws: Inflater.Failure.invalidCodeLengths) { try HuffmanTable(lengths: [1, 1, 1], allowIncomplete: false) }
        #expect(throws: Inflater.Failure.invalidCodeLengths) { try HuffmanTable(lengths: [2, 2, 2], allowIncomplete: false) }
        #expect(throws: Never.self) { try HuffmanTable(lengths: [2, 2, 2], allowIncomplete: true) }
        #expect(throws: Never.self) { try HuffmanTable(lengths: [1, 1], allowIncomplete: false) }
    }

    /// A ZIP archive made by Info-ZIP (`zip -9`): every entry inflates to the sample it was made of.
    @Test func infoZipArchive() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let data = try #require(FileManager.default.contents(atPath: root.path + "/Tests/Fixtures/workbooks/samples-zip9.zip"))
        let archive = try ZipArchive(TextBytes([UInt8](data)))
        #expect(archive.entries.count == 8)
        for entry in archive.entries {
            #expect(entry.method == 8)
            let sample = try #require(FileManager.default.contents(atPath: root.path + "/Samples/" + entry.name))
            #expect(try archive.extract(entry) == [UInt8](sample), "\(entry.name)")
        }
        // A damaged byte in the compressed data is caught (by the inflater or the CRC-32).
        var damaged = [UInt8](data)
        let first = archive.entries[0]
        damaged[first.localHeader + 30 + first.name.utf8.count + 40] ^= 0x55
        let broken = try ZipArchive(TextBytes(damaged))
        #expect(throws: ZipArchive.Failure.self) { try broken.extract(broken.entries[0]) }
        #expect(throws: ZipArchive.Failure.notAnArchive) { try ZipArchive(TextBytes(Array(data.prefix(100)))) }
    }
}
