import RiskmapLanguage
/// Turns cell text into typed values, the way Russian spreadsheets write them.
///
/// Rules shared by the number parsers:
/// * surrounding spaces, tabs, NBSP (U+00A0) and narrow NBSP (U+202F) are ignored;
/// * an optional sign: `+`, `-` or `−` (U+2212);
/// * digits, optionally grouped by thousands with a space, NBSP or U+202F between
///   groups (`1 234 567`; the first group has 1–3 digits, the others exactly 3);
/// * an optional decimal separator `.` or `,` with at least one digit on each side;
/// * nothing else: no exponents (`1e5`), no second separator (`1.2.3`, `1,234.5`),
///   no `inf`/`nan`, no units.
public enum CellParser {
    // MARK: Missing values

    /// Whether the cell means "no value": empty, `-`, `—`, `–`, `н/д`, `нет данных` or
    /// `n/a` (case-insensitive, surrounding whitespace ignored).
    public static func isMissing<S: StringProtocol>(_ text: S) -> Bool {
        let t = trimmed(text)
        if t.isEmpty { return true }
        if t.utf8.count > 20 { return false }
        switch t.lowercased() {
        case "-", "—", "–", "н/д", "нет данных", "n/a": return true
        default: return false
        }
    }

    /// `isMissing` on UTF-8 bytes; decides common cells (empty, numbers) without
    /// allocating.
    public static func isMissing(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0, n = bytes.count
        while i < n, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        while n > i, bytes[n - 1] == 0x20 || bytes[n - 1] == 0x09 { n -= 1 }
        if i == n { return true }
        let first = bytes[i]
        if (first >= 0x30 && first <= 0x39) || first == UInt8(ascii: "+") || first == UInt8(ascii: ".") {
            return false
        }
        return isMissing(String(decoding: bytes, as: UTF8.self))
    }

    // MARK: Numbers

    /// A decimal number: `12`, `12.5`, `12,5`, ` 1 234,5 `, `-3`, `+3`. `nil` for
    /// anything else, including `1e5`, `12%` and `1.2.3`.
    public static func parseNumber(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { parseNumber(bytes: $0) }
    }

    /// `parseNumber` on UTF-8 bytes, without allocating for plain decimals. Up to 15
    /// significant digits the result is computed as an exact integer divided by an
    /// exact power of ten (one correctly rounded operation), so it equals
    /// `Double("12.5")`; longer numbers go through `Double(String)`.
    public static func parseNumber(bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        // Fast path: a plain ASCII decimal of at most 15 bytes ("123", "12.3", "0,45").
        if bytes.count <= 15, let base = bytes.baseAddress {
            var mantissa: UInt64 = 0
            var fraction = -1  // digits after the separator; -1: no separator yet
            var plain = bytes.count > 0
            for i in 0..<bytes.count {
                let c = base[i]
                let digit = c &- 0x30
                if digit < 10 {
                    mantissa = mantissa &* 10 &+ UInt64(digit)
                    if fraction >= 0 { fraction += 1 }
                } else if (c == 0x2E || c == 0x2C) && fraction < 0 && i > 0 {
                    fraction = 0
                } else {
                    plain = false
                    break
                }
            }
            if plain && fraction != 0 {
                return Double(mantissa) / NumberScan.powerOfTen(max(fraction, 0))
            }
        }
        guard let scan = NumberScan(bytes) else { return nil }
        return scan.double(bytes)
    }

    /// A percentage value: a number with an optional trailing `%` (with or without a
    /// space before it): `35,5%` → 35.5, `35.5` → 35.5.
    public static func parsePercent(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { buffer in
            var n = buffer.count
            while n > 0, let w = NumberScan.spaceWidth(buffer, at: n, trailing: true) { n -= w }
            if n > 0, buffer[n - 1] == UInt8(ascii: "%") { n -= 1 }
            return parseNumber(bytes: UnsafeBufferPointer(rebasing: buffer[0..<n]))
        }
    }

    /// A whole number: `12`, `1 234`, `-3`; `12,0` and `12.0` are accepted as 12, but
    /// `12,5` is not. `nil` when out of `Int` range.
    public static func parseInteger(_ text: String) -> Int? {
        var text = text
        return text.withUTF8 { buffer in
            guard let scan = NumberScan(buffer), scan.fractionIsZero else { return nil }
            return scan.integer
        }
    }

    /// A count: a number whose digits after the separator, if any, are all zero, not
    /// below zero: `12`, `12,0`, `1 234`, `99999999999999999999`; not `12,5`, `-3` nor
    /// `12,0000000000000000001`. Unlike `parseInteger`, not limited to `Int`.
    public static func parseCount(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { parseCount(bytes: $0) }
    }

    /// `parseCount` on UTF-8 bytes. Up to 15 bytes (15 digits) a fraction that is not
    /// zero always shows in the double; longer numbers have their fraction digits checked.
    public static func parseCount(bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let v = parseNumber(bytes: bytes), v >= 0, v == v.rounded() else { return nil }
        if bytes.count <= 15 { return v }
        guard let scan = NumberScan(bytes), scan.fractionIsZero else { return nil }
        return v
    }

    // MARK: Booleans

    /// Yes/no: `да`/`нет`, `1`/`0`, `true`/`false`, `истина`/`ложь` (Excel's
    /// Russian TRUE/FALSE), `yes`/`no`; case-insensitive. `+` and `-` are not
    /// accepted (`-` means a missing value).
    public static func parseBool(_ text: String) -> Bool? {
        let t = trimmed(text)
        if t.utf8.count > 12 { return nil }
        switch t.lowercased() {
        case "да", "1", "true", "истина", "yes": return true
        case "нет", "0", "false", "ложь", "no": return false
        default: return nil
        }
    }

    /// `parseBool` on UTF-8 bytes; `1` and `0` are decided without allocating.
    public static func parseBool(bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        if bytes.count == 1 {
            if bytes[0] == UInt8(ascii: "1") { return true }
            if bytes[0] == UInt8(ascii: "0") { return false }
        }
        return parseBool(String(decoding: bytes, as: UTF8.self))
    }

    // MARK: Helpers

    /// `text` without surrounding whitespace (spaces, tabs, line ends, NBSP, U+202F, …).
    ///
    /// Also trimmed (issue 17): the invisible format characters that spreadsheets and
    /// editors leave around values (zero-width space U+200B–U+200F, word joiner U+2060–
    /// U+2064, byte-order mark U+FEFF, Mongolian vowel separator U+180E), which would
    /// otherwise split one school id into two. Control characters left inside are made
    /// visible (`VisibleText`): they never reach a terminal or a document.
    public static func trimmed<S: StringProtocol>(_ text: S) -> String {
        let scalars = text.unicodeScalars
        var lo = scalars.startIndex, hi = scalars.endIndex
        while lo < hi, isTrimmable(scalars[lo]) { lo = scalars.index(after: lo) }
        while hi > lo, isTrimmable(scalars[scalars.index(before: hi)]) { hi = scalars.index(before: hi) }
        return VisibleText.cell(String(String.UnicodeScalarView(scalars[lo..<hi])))
    }

    /// Whitespace (Unicode's White_Space: spaces, tabs, NBSP, line ends, U+2000–U+200A,
    /// U+3000…) and invisible format characters.
    @inline(__always)
    static func isTrimmable(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x200B...0x200F, 0x2060...0x2064, 0xFEFF, 0x180E: return true
        default: return s.properties.isWhitespace
        }
    }
}

/// The pieces of a number found by one scan over its bytes.
struct NumberScan {
    var negative = false
    /// The first significant digits (at most 19) as an integer.
    var mantissa: UInt64 = 0
    /// Digits after leading zeros (integer and fraction parts).
    var significantDigits = 0
    var fractionDigits = 0
    var fractionIsZero = true
    /// The integer part, `nil` on overflow.
    var integer: Int? = 0

    /// 10^k for 0 ≤ k ≤ 22 (all exactly representable as `Double`).
    @inline(__always)
    static func powerOfTen(_ k: Int) -> Double {
        switch k {
        case 0: return 1
        case 1: return 1e1
        case 2: return 1e2
        case 3: return 1e3
        case 4: return 1e4
        case 5: return 1e5
        case 6: return 1e6
        case 7: return 1e7
        case 8: return 1e8
        case 9: return 1e9
        case 10: return 1e10
        case 11: return 1e11
        case 12: return 1e12
        case 13: return 1e13
        case 14: return 1e14
        case 15: return 1e15
        case 16: return 1e16
        case 17: return 1e17
        case 18: return 1e18
        case 19: return 1e19
        case 20: return 1e20
        case 21: return 1e21
        default: return 1e22
        }
    }

    /// Scans `bytes`; `nil` when they are not a number by `CellParser`'s rules.
    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        var i = 0
        var n = bytes.count
        // Trim.
        while i < n, let w = NumberScan.spaceWidth(bytes, at: i, trailing: false) { i += w }
        while n > i, let w = NumberScan.spaceWidth(bytes, at: n, trailing: true) { n -= w }
        guard i < n else { return nil }
        // Sign.
        if bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        } else if i + 3 <= n, bytes[i] == 0xE2, bytes[i + 1] == 0x88, bytes[i + 2] == 0x92 {
            negative = true
            i += 3
        }
        // Integer part with optional thousands groups.
        var groupDigits = 0
        var grouped = false
        var sawDigit = false
        while i < n {
            let b = bytes[i]
            if b >= 0x30 && b <= 0x39 {
                addDigit(b, fraction: false)
                groupDigits += 1
                sawDigit = true
                i += 1
                continue
            }
            if sawDigit, let w = NumberScan.groupSeparatorWidth(bytes, at: i, end: n) {
                // A group separator must follow 1–3 digits (first group) or exactly 3.
                if grouped ? groupDigits != 3 : groupDigits > 3 { return nil }
                grouped = true
                groupDigits = 0
                i += w
                guard i < n, bytes[i] >= 0x30 && bytes[i] <= 0x39 else { return nil }
                continue
            }
            break
        }
        guard sawDigit else { return nil }
        if grouped && groupDigits != 3 { return nil }
        // Fraction.
        if i < n && (bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: ",")) {
            i += 1
            let start = i
            while i < n, bytes[i] >= 0x30 && bytes[i] <= 0x39 {
                addDigit(bytes[i], fraction: true)
                i += 1
            }
            guard i > start else { return nil }
        }
        guard i == n else { return nil }
        if negative, let value = integer { integer = 0 - value }
    }

    private mutating func addDigit(_ byte: UInt8, fraction: Bool) {
        let d = byte &- 0x30
        if fraction {
            fractionDigits += 1
            if d != 0 { fractionIsZero = false }
        } else if let value = integer {
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(Int(d))
            integer = o1 || o2 ? nil : sum
        }
        if significantDigits == 0 && d == 0 { return }
        if significantDigits < 19 { mantissa = mantissa &* 10 &+ UInt64(d) }
        significantDigits += 1
    }

    /// The value; exact fast path for up to 15 significant digits.
    func double(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        if significantDigits <= 15 && fractionDigits <= 22 {
            let value = Double(mantissa) / NumberScan.powerOfTen(fractionDigits)
            return negative ? -value : value
        }
        // Rebuild a plain decimal ("-123.45") for the standard library.
        var text = negative ? "-" : ""
        var sawSeparator = false
        for b in bytes {
            if b >= 0x30 && b <= 0x39 { text.unicodeScalars.append(Unicode.Scalar(b)) }
            else if (b == UInt8(ascii: ".") || b == UInt8(ascii: ",")) && !sawSeparator {
                text += "."
                sawSeparator = true
            }
        }
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// Width of a trimmable space ending before `at` (trailing) or starting at `at`.
    static func spaceWidth(_ b: UnsafeBufferPointer<UInt8>, at i: Int, trailing: Bool) -> Int? {
        if trailing {
            let last = b[i - 1]
            if last == 0x20 || last == 0x09 || last == 0x0A || last == 0x0D { return 1 }
            if i >= 2, b[i - 2] == 0xC2, last == 0xA0 { return 2 }
            if i >= 3, b[i - 3] == 0xE2, b[i - 2] == 0x80, last == 0xAF { return 3 }
            return nil
        }
        let first = b[i]
        if first == 0x20 || first == 0x09 || first == 0x0A || first == 0x0D { return 1 }
        return groupSeparatorWidth(b, at: i, end: b.count)
    }

    /// Width of a thousands separator (space, NBSP or U+202F) at `i`.
    static func groupSeparatorWidth(_ b: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> Int? {
        let first = b[i]
        if first == 0x20 { return 1 }
        if first == 0xC2, i + 1 < end, b[i + 1] == 0xA0 { return 2 }
        if first == 0xE2, i + 2 < end, b[i + 1] == 0x80, b[i + 2] == 0xAF { return 3 }
        return nil
    }
}
