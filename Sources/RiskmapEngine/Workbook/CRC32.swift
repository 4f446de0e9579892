import RiskmapPlatform

/// CRC-32 (ISO 3309, the ZIP checksum), eight bytes per step with eight tables
/// ("slicing-by-8"); `bytewise` is the textbook one-table loop it must equal (a
/// differential test compares them on random inputs).
enum CRC32 {
    /// `tables[0]` is the textbook table; `tables[k][n]`: the CRC of byte `n` followed by `k` zero bytes.
    private static let tables: [[UInt32]] = {
        let first: [UInt32] = (0..<256).map { n in
            var c = UInt32(n)
            for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
            return c
        }
        var tables = [first]
        for k in 1..<8 {
            tables.append((0..<256).map { n in
                let c = tables[k - 1][n]
                return first[Int(c & 0xFF)] ^ (c >> 8)
            })
        }
        return tables
    }()

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { buffer in
            tables.withUnsafeBufferPointer { t in
                let (t0, t1, t2, t3) = (t[0], t[1], t[2], t[3])
                let (t4, t5, t6, t7) = (t[4], t[5], t[6], t[7])
                var crc: UInt32 = 0xFFFF_FFFF
                var i = 0
                while i + 8 <= buffer.count {
                    let word = buffer.loadWord(at: i) ^ UInt64(crc)
                    crc = t7[Int(word & 0xFF)] ^ t6[Int(word >> 8 & 0xFF)] ^ t5[Int(word >> 16 & 0xFF)] ^ t4[Int(word >> 24 & 0xFF)]
                        ^ t3[Int(word >> 32 & 0xFF)] ^ t2[Int(word >> 40 & 0xFF)] ^ t1[Int(word >> 48 & 0xFF)] ^ t0[Int(word >> 56)]
                    i += 8
                }
                while i < buffer.count {
                    crc = t0[Int((crc ^ UInt32(buffer[i])) & 0xFF)] ^ (crc >> 8)
                    i += 1
                }
                return crc ^ 0xFFFF_FFFF
            }
        }
    }

    /// The textbook loop, one byte per step: the reference for `checksum`.
    static func bytewise(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = tables[0][Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
