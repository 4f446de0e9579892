import Testing
@testable import RiskmapEngine

/// The ZIP writer's DEFLATE against the project's `Inflater`, on random and repetitive data.
@Suite struct DeflaterTests {
    static func roundTrip(_ bytes: [UInt8]) throws -> [UInt8] {
        try Inflater.inflate(Deflater.deflate(bytes), limit: bytes.count)
    }

    @Test func roundTripsRandomData() throws {
        let seed = UInt64.random(in: 0...UInt64.max)
        var g = SplitMix(seed: seed)
        for _ in 0..<300 {
            let n = Int.random(in: 0...5_000, using: &g)
            // A small alphabet makes matches of every length and distance; a large one literals.
            let alphabet = UInt8.random(in: 1...255, using: &g)
            let bytes = (0..<n).map { _ in UInt8.random(in: 0...alphabet, using: &g) }
            #expect(try Self.roundTrip(bytes) == bytes, "seed \(seed), length \(n), alphabet \(alphabet)")
        }
    }

    @Test func roundTripsLongRunsAndFarMatches() throws {
        let seed = UInt64.random(in: 0...UInt64.max)
        var g = SplitMix(seed: seed)
        let block = (0..<1_000).map { _ in UInt8.random(in: 0...255, using: &g) }
        let cases: [[UInt8]] = [
            [], [7], [1, 2], [1, 2, 3], [UInt8](repeating: 0, count: 100_000),
            block + [UInt8](repeating: 9, count: 40_000) + block,  // a match 41,000 back is out of the window
            block + [UInt8](repeating: 9, count: 31_000) + block,  // …31,000 back is in it
            Array(String(repeating: "<w:tc><w:tcPr><w:tcW w:w=\"1234\" w:type=\"dxa\"/></w:tcPr>Школа</w:tc>", count: 2_000).utf8),
        ]
        for bytes in cases {
            #expect(try Self.roundTrip(bytes) == bytes, "seed \(seed), length \(bytes.count)")
        }
        let xml = cases[7]
        #expect(Deflater.deflate(xml).count < xml.count / 8)
    }

    /// The sliced CRC-32 equals the textbook loop on every length around the 8-byte steps.
    @Test func crc32EqualsTheBytewiseReference() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        let seed = UInt64.random(in: 0...UInt64.max)
        var g = SplitMix(seed: seed)
        for _ in 0..<500 {
            let n = Int.random(in: 0...300, using: &g)
            let bytes = (0..<n).map { _ in UInt8.random(in: 0...255, using: &g) }
            #expect(CRC32.checksum(bytes) == CRC32.bytewise(bytes), "seed \(seed), length \(n)")
        }
    }
}
