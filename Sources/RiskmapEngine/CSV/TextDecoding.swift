import RiskmapLanguage
import RiskmapPlatform

/// Byte-level text helpers for input files: UTF-8 validation, BOM handling and
/// Windows-1251 → UTF-8 decoding (Russian Excel saves "CSV" in Windows-1251).
public enum TextDecoding {
    /// The UTF-8 byte-order mark `EF BB BF`.
    public static let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Whether `bytes` start with a UTF-8 byte-order mark.
    public static func hasUTF8BOM<S: Sequence<UInt8>>(_ bytes: S) -> Bool {
        bytes.starts(with: utf8BOM)
    }

    /// Whether `bytes` are well-formed UTF-8 (no overlong forms, surrogates or code
    /// points above U+10FFFF).
    public static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { isValidUTF8($0) }
    }

    /// Whether the bytes in `buffer` are well-formed UTF-8.
    ///
    /// Words of eight bytes holding only ASCII and two-byte characters (Cyrillic) are
    /// checked at once: every continuation byte must follow a lead byte C2–DF and every
    /// such lead byte must be followed by one continuation byte. Anything else (three-
    /// and four-byte characters, errors) is checked one character at a time.
    public static func isValidUTF8(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = buffer.count
        let high: UInt64 = 0x8080_8080_8080_8080
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        var i = 0
        while i < n {
            // `pending`: the previous word ended with a two-byte lead byte.
            var pending = false
            while i + 8 <= n {
                let w = buffer.loadWord(at: i)
                let bit7 = w & high
                if bit7 == 0 {
                    if pending { return false }
                    i += 8
                    continue
                }
                let bit6 = (w << 1) & high, bit5 = (w << 2) & high
                if bit7 & bit6 & bit5 != 0 { break }  // a longer lead byte or an invalid byte
                let lead2 = bit7 & bit6 & ~bit5
                let continuation = bit7 & ~bit6
                if continuation != (lead2 << 8) | (pending ? 0x80 : 0) { return false }
                // C0 and C1 would be overlong: their bits 1–4 are zero.
                let payload = w & 0x1E1E_1E1E_1E1E_1E1E
                let zeroPayload = ~((payload &+ low7) | payload) & high
                if zeroPayload & lead2 != 0 { return false }
                pending = lead2 >> 63 != 0
                i += 8
            }
            if pending { i -= 1 }  // restart at that lead byte
            // One character at a time, for (at least) the next sixteen bytes.
            let stop = min(n, i + 16)
            while i < stop {
                let b0 = buffer[i]
                if b0 < 0x80 {
                    i += 1
                } else if b0 < 0xC2 {
                    return false
                } else if b0 < 0xE0 {
                    guard i + 1 < n, buffer[i + 1] & 0xC0 == 0x80 else { return false }
                    i += 2
                } else if b0 < 0xF0 {
                    guard i + 2 < n else { return false }
                    let b1 = buffer[i + 1], b2 = buffer[i + 2]
                    guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80 else { return false }
                    if b0 == 0xE0 && b1 < 0xA0 { return false }  // overlong
                    if b0 == 0xED && b1 >= 0xA0 { return false }  // UTF-16 surrogate
                    i += 3
                } else if b0 < 0xF5 {
                    guard i + 3 < n else { return false }
                    let b1 = buffer[i + 1], b2 = buffer[i + 2], b3 = buffer[i + 3]
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
    /// undefined byte, 0x98, becomes U+FFFD. ASCII runs are copied eight bytes at a time.
    public static func decodeWindows1251(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { input in
            [UInt8](capacity: windows1251DecodedCapacity(input)) { decodeWindows1251(input, into: &$0) }
        }
    }

    /// `decodeWindows1251` for a whole input text.
    public static func decodeWindows1251(_ text: TextBytes) -> TextBytes {
        text.withUnsafeBufferPointer { input in
            TextBytes(capacity: windows1251DecodedCapacity(input)) { decodeWindows1251(input, into: &$0) }
        }
    }

    /// Room for the UTF-8 of `input`: one byte per byte, one more per high byte, one
    /// more again per byte 0x80–0xBF (where the three-byte characters are), plus slack
    /// for the four-byte stores of `decodeWindows1251(_:into:)`.
    static func windows1251DecodedCapacity(_ input: UnsafeBufferPointer<UInt8>) -> Int {
        let high: UInt64 = 0x8080_8080_8080_8080
        let n = input.count
        var capacity = n + 4
        var i = 0
        while i + 8 <= n {
            let w = input.loadWord(at: i)
            let bit7 = w & high
            let bit7NotBit6 = bit7 & ~(w << 1)
            capacity += sumOfBytes(bit7 >> 7) + sumOfBytes(bit7NotBit6 >> 7)
            i += 8
        }
        while i < n {
            capacity += input[i] >= 0x80 ? (input[i] < 0xC0 ? 2 : 1) : 0
            i += 1
        }
        return capacity
    }

    /// Appends the UTF-8 of `input` to `out` (with room for at least
    /// `windows1251DecodedCapacity` bytes).
    static func decodeWindows1251(_ input: UnsafeBufferPointer<UInt8>, into out: inout OutputSpan<UInt8>) {
        let high: UInt64 = 0x8080_8080_8080_8080
        let n = input.count
        let table = windows1251UTF8
        var i = 0
        while i < n {
            if i + 8 <= n {
                let w = input.loadWord(at: i)
                if w & high == 0 {
                    out.append(littleEndian: w)
                    i += 8
                    continue
                }
            }
            let stop = min(n, i + 8)
            while i < stop {
                let b = input[i]
                if b < 0x80 {
                    out.append(b)
                } else {
                    // Up to three UTF-8 bytes, packed little-endian; the third is
                    // zero for two-byte characters.
                    let packed = table[Int(b &- 0x80)]
                    out.append(lowBytesOf: packed, count: packed >> 16 == 0 ? 2 : 3)
                }
                i += 1
            }
        }
    }

    /// The sum of the eight bytes of `lanes` (each at most 1).
    @inline(__always)
    static func sumOfBytes(_ lanes: UInt64) -> Int {
        Int((lanes &* 0x0101_0101_0101_0101) >> 56)
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

    /// The UTF-8 encoding of bytes 0x80–0xFF, packed little-endian into a `UInt32`.
    static let windows1251UTF8: [UInt32] = windows1251High.map { scalar in
        let value = UInt32(scalar)
        if value < 0x800 {
            return (0xC0 | value >> 6) | (0x80 | value & 0x3F) << 8
        }
        return (0xE0 | value >> 12) | (0x80 | (value >> 6) & 0x3F) << 8 | (0x80 | value & 0x3F) << 16
    }
}

// MARK: - Mostly UTF-8 files (issue 17)

extension TextDecoding {
    /// The length of the well-formed UTF-8 character at `i`, or 0 when the byte there
    /// does not start one.
    static func utf8Length(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let b0 = b[i]
        if b0 < 0x80 { return 1 }
        func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool { i + k < b.count && b[i + k] >= lo && b[i + k] <= hi }
        switch b0 {
        case 0xC2...0xDF: return cont(1) ? 2 : 0
        case 0xE0: return cont(1, 0xA0) && cont(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE, 0xEF: return cont(1) && cont(2) ? 3 : 0
        case 0xED: return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0
        case 0xF0: return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3: return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4: return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0
        default: return 0
        }
    }

    /// What a file that is not all UTF-8 holds: its well-formed multi-byte characters and
    /// the offsets of the bytes that start none.
    static func utf8Evidence(_ b: UnsafeBufferPointer<UInt8>) -> (multibyte: Int, invalid: [Int]) {
        var multibyte = 0, invalid: [Int] = [], i = 0
        while i < b.count {
            let n = utf8Length(b, at: i)
            if n == 0 { invalid.append(i); i += 1 } else { if n > 1 { multibyte += 1 }; i += n }
        }
        return (multibyte, invalid)
    }

    /// Whether the evidence says UTF-8: more well-formed multi-byte characters than bad
    /// bytes. Windows-1251 Cyrillic text is almost all bad bytes as UTF-8 (its letters are
    /// single bytes C0–FF), so it never passes; a UTF-8 file with one stray byte does.
    static func isMostlyUTF8(_ evidence: (multibyte: Int, invalid: [Int])) -> Bool {
        evidence.multibyte > 0 && evidence.multibyte > evidence.invalid.count
    }

    /// `bytes` with every bad byte (`invalid`, ascending) replaced by U+FFFD, and where
    /// each replacement starts in the result.
    static func repairUTF8(_ b: UnsafeBufferPointer<UInt8>, invalid: [Int]) -> (bytes: [UInt8], at: [Int]) {
        var out: [UInt8] = []
        out.reserveCapacity(b.count + 2 * invalid.count)
        var at: [Int] = []
        var from = 0
        for i in invalid {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[from..<i]))
            at.append(out.count)
            out.append(contentsOf: [0xEF, 0xBF, 0xBD])
            from = i + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[from...]))
        return (out, at)
    }
}
