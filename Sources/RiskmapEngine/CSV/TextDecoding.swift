/// Byte-level text helpers for input files: UTF-8 validation, BOM handling and
/// Windows-1251 → UTF-8 decoding (Russian Excel saves "CSV" in Windows-1251).
public enum TextDecoding {
    /// The UTF-8 byte-order mark `EF BB BF`.
    public static let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Whether `bytes` start with a UTF-8 byte-order mark.
    public static func hasUTF8BOM(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }

    /// Whether `bytes` are well-formed UTF-8 (no overlong forms, surrogates or code
    /// points above U+10FFFF). ASCII runs are checked sixteen bytes at a time.
    public static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { isValidUTF8($0) }
    }

    /// Whether the bytes in `buffer` are well-formed UTF-8.
    public static func isValidUTF8(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buffer.baseAddress else { return true }
        let n = buffer.count
        var i = 0
        while i < n {
            // ASCII fast path: sixteen bytes with no high bit set.
            if i + 16 <= n {
                let raw = UnsafeRawPointer(base + i)
                let word = raw.loadUnaligned(as: UInt64.self) | raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0 {
                    i += 16
                    continue
                }
            }
            // Otherwise check the characters of (at least) those sixteen bytes one by one.
            let stop = min(n, i + 16)
            while i < stop {
                let b0 = base[i]
                if b0 < 0x80 {
                    i += 1
                } else if b0 < 0xC2 {
                    return false
                } else if b0 < 0xE0 {
                    guard i + 1 < n, base[i + 1] & 0xC0 == 0x80 else { return false }
                    i += 2
                } else if b0 < 0xF0 {
                    guard i + 2 < n else { return false }
                    let b1 = base[i + 1], b2 = base[i + 2]
                    guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80 else { return false }
                    if b0 == 0xE0 && b1 < 0xA0 { return false }  // overlong
                    if b0 == 0xED && b1 >= 0xA0 { return false }  // UTF-16 surrogate
                    i += 3
                } else if b0 < 0xF5 {
                    guard i + 3 < n else { return false }
                    let b1 = base[i + 1], b2 = base[i + 2], b3 = base[i + 3]
                    guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80, b3 & 0xC0 == 0x80 else { return false }
                    if b0 == 0xF0 && b1 < 0x90 { return false }  // overlong
                    if b0 == 0xF4 && b1 >= 0x90 { return false }  // above U+10FFFF
                    i += 4
                } else {
                    return false
                }
            }
        }
        return true
    }

    /// Decodes Windows-1251 bytes to UTF-8. Every byte maps to one character; the one
    /// undefined byte, 0x98, becomes U+FFFD.
    public static func decodeWindows1251(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { input in
            var size = 0
            for b in input { size += Int(utf8Length[Int(b)]) }
            return [UInt8](unsafeUninitializedCapacity: size) { out, count in
                var o = 0
                for b in input {
                    if b < 0x80 {
                        out[o] = b
                        o += 1
                        continue
                    }
                    let scalar = windows1251High[Int(b) - 0x80]
                    if scalar < 0x800 {
                        out[o] = UInt8(0xC0 | (scalar >> 6))
                        out[o + 1] = UInt8(0x80 | (scalar & 0x3F))
                        o += 2
                    } else {
                        out[o] = UInt8(0xE0 | (scalar >> 12))
                        out[o + 1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
                        out[o + 2] = UInt8(0x80 | (scalar & 0x3F))
                        o += 3
                    }
                }
                count = o
            }
        }
    }

    /// The Unicode scalar of a Windows-1251 byte.
    public static func windows1251Scalar(_ byte: UInt8) -> Unicode.Scalar {
        let value = byte < 0x80 ? UInt32(byte) : UInt32(windows1251High[Int(byte) - 0x80])
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }

    /// Code points of bytes 0x80–0xFF (the official Microsoft table; 0x98 is undefined).
    static let windows1251High: [UInt16] = {
        var table: [UInt16] = [
            // 0x80
            0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021,
            0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F,
            // 0x90
            0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
            0xFFFD, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F,
            // 0xA0
            0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7,
            0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,
            // 0xB0
            0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7,
            0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457,
        ]
        // 0xC0–0xFF: А–я (U+0410–U+044F).
        for k in 0..<64 { table.append(UInt16(0x0410 + k)) }
        return table
    }()

    /// UTF-8 length of each Windows-1251 byte once decoded.
    static let utf8Length: [UInt8] = (0..<256).map { b in
        if b < 0x80 { return 1 }
        return windows1251High[b - 0x80] < 0x800 ? 2 : 3
    }
}
