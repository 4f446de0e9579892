/// How a spreadsheet cell's stored value reads as text, as the user sees it in the cell:
/// numbers in plain decimal notation (no exponent, at most 15 significant digits, as
/// Excel shows them), percent-formatted numbers as percents (`0,35` shown as «35%» is
/// `35%`), dates as `dd.mm.yyyy`, booleans as TRUE / FALSE.
enum CellText {
    /// What a cell format makes of a number.
    enum NumberKind: Sendable, Equatable {
        case plain, percent, date

        /// From a format id (`numFmtId`) and, for custom formats, the format code.
        init(formatID: Int, code: String?) {
            switch formatID {
            case 9, 10: self = .percent
            case 14...22, 27...36, 45...47, 50...58: self = .date
            default:
                guard let code else {
                    self = .plain
                    return
                }
                self = NumberKind.classify(code)
            }
        }

        /// A custom format code: percent if it has `%`, a date if it has day, month or
        /// year letters — outside quoted text, `[…]` sections and escaped characters.
        static func classify(_ code: String) -> NumberKind {
            var plain = ""
            var inQuote = false, inBracket = false, escaped = false
            // Only the first section (positive numbers) counts.
            for ch in code {
                if escaped { escaped = false; continue }
                if inQuote { if ch == "\"" { inQuote = false }; continue }
                if inBracket { if ch == "]" { inBracket = false }; continue }
                switch ch {
                case "\\", "_", "*": escaped = true
                case "\"": inQuote = true
                case "[": inBracket = true
                case ";": break
                default: plain.append(ch)
                }
                if ch == ";" { break }
            }
            if plain.contains("%") { return .percent }
            let lower = plain.lowercased()
            if lower == "general" { return .plain }
            if lower.contains(where: { "dmy".contains($0) }) { return .date }
            return .plain
        }
    }

    // MARK: - Numbers

    /// A decimal number as digits and a power of ten: `digits × 10^exponent`.
    struct Decimal: Equatable {
        var negative: Bool
        /// Significant digits, no leading zeros ("" for zero).
        var digits: [UInt8]
        var exponent: Int

        /// `12`, `-0.35`, `1.2345E-5`, `3E+20`; nil for anything else.
        init?(_ text: some StringProtocol) {
            var bytes = Array(text.utf8)[...]
            negative = bytes.first == UInt8(ascii: "-")
            if negative || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
            var mantissa: [UInt8] = []
            var pointShift = 0
            var seenPoint = false, seenDigit = false
            while let b = bytes.first, b != UInt8(ascii: "E"), b != UInt8(ascii: "e") {
                bytes = bytes.dropFirst()
                if b == UInt8(ascii: ".") {
                    if seenPoint { return nil }
                    seenPoint = true
                } else if b >= 0x30 && b <= 0x39 {
                    seenDigit = true
                    mantissa.append(b)
                    if seenPoint { pointShift -= 1 }
                } else {
                    return nil
                }
            }
            guard seenDigit else { return nil }
            var exp = 0
            if !bytes.isEmpty {
                bytes = bytes.dropFirst()
                guard let e = Int(String(decoding: bytes, as: UTF8.self)), abs(e) < 400 else { return nil }
                exp = e
            }
            while let first = mantissa.first, first == UInt8(ascii: "0") { mantissa.removeFirst() }
            var e2 = exp + pointShift
            while let last = mantissa.last, last == UInt8(ascii: "0") {
                mantissa.removeLast()
                e2 += 1
            }
            digits = mantissa
            exponent = mantissa.isEmpty ? 0 : e2
            if mantissa.isEmpty { negative = false }
        }

        /// Rounded half up to `significant` digits.
        func rounded(to significant: Int) -> Decimal {
            guard digits.count > significant else { return self }
            var kept = Array(digits[..<significant])
            var exp = exponent + (digits.count - significant)
            if digits[significant] >= UInt8(ascii: "5") {
                var i = kept.count - 1
                while i >= 0 {
                    if kept[i] == UInt8(ascii: "9") {
                        kept[i] = UInt8(ascii: "0")
                        i -= 1
                    } else {
                        kept[i] += 1
                        break
                    }
                }
                if i < 0 { kept.insert(UInt8(ascii: "1"), at: 0) }
            }
            while let last = kept.last, last == UInt8(ascii: "0") {
                kept.removeLast()
                exp += 1
            }
            var result = self
            result.digits = kept
            result.exponent = kept.isEmpty ? 0 : exp
            return result
        }

        /// Plain notation with a point: `0.000012345`, `300000000000000000000`.
        var text: String {
            if digits.isEmpty { return "0" }
            var out = negative ? "-" : ""
            let body = String(decoding: digits, as: UTF8.self)
            if exponent >= 0 {
                out += body + String(repeating: "0", count: exponent)
            } else if -exponent >= digits.count {
                out += "0." + String(repeating: "0", count: -exponent - digits.count) + body
            } else {
                let split = digits.count + exponent
                out += String(body.prefix(split)) + "." + String(body.dropFirst(split))
            }
            return out
        }
    }

    /// A number cell's text for its format.
    static func number(_ raw: String, kind: NumberKind, date1904: Bool) -> String {
        guard var decimal = Decimal(raw) else { return raw }
        switch kind {
        case .plain:
            return decimal.rounded(to: 15).text
        case .percent:
            decimal.exponent += decimal.digits.isEmpty ? 0 : 2
            return decimal.rounded(to: 15).text + "%"
        case .date:
            guard let serial = Double(raw) else { return raw }
            return date(serial: serial, date1904: date1904) ?? decimal.rounded(to: 15).text
        }
    }

    // MARK: - Dates

    /// A date serial number as `dd.mm.yyyy` (with ` hh:mm` when it has a time of day).
    /// The 1900 system counts 1900-02-29, which did not exist, as Lotus 1-2-3 did.
    static func date(serial: Double, date1904: Bool) -> String? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        var days = Int(serial.rounded(.down))
        let minutes = Int(((serial - Double(days)) * 1440).rounded())
        var extraDay = 0
        var (h, m) = (minutes / 60, minutes % 60)
        if h == 24 { (h, m, extraDay) = (0, 0, 1) }
        days += extraDay
        let civil: (year: Int, month: Int, day: Int)
        if date1904 {
            civil = civilDate(daysSinceEpoch: days + daysFrom1970(1904, 1, 1))
        } else if days == 60 {
            civil = (1900, 2, 29)
        } else if days == 0 {
            civil = (1900, 1, 0)
        } else {
            civil = civilDate(daysSinceEpoch: days + daysFrom1970(1899, 12, days < 60 ? 31 : 30))
        }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        var out = "\(two(civil.day)).\(two(civil.month)).\(civil.year)"
        if h != 0 || m != 0 { out += " \(two(h)):\(two(m))" }
        return out
    }

    /// `2025-09-01` or `2025-09-01T10:30:00` (a cell of type `d`) as `01.09.2025`.
    static func isoDate(_ text: String) -> String {
        let parts = text.prefix(10).split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let mo = Int(parts[1]), let d = Int(parts[2]) else { return text }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(d)).\(two(mo)).\(y)"
    }

    /// Days from 1970-01-01 to a civil date (proleptic Gregorian).
    static func daysFrom1970(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilDate(daysSinceEpoch z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    // MARK: - Strings

    /// Undoes Office Open XML's `_xHHHH_` escapes of characters XML cannot hold
    /// (`_x000D_` is a carriage return; `_x005F_` a literal underscore).
    static func unescapeOOXML(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(UInt8(ascii: "_")) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "_"), i + 6 < bytes.count, bytes[i + 1] == UInt8(ascii: "x"), bytes[i + 6] == UInt8(ascii: "_"),
               let v = UInt32(String(decoding: bytes[(i + 2)..<(i + 6)], as: UTF8.self), radix: 16), let scalar = Unicode.Scalar(v) {
                out += Array(String(scalar).utf8)
                i += 7
                continue
            }
            out.append(bytes[i])
            i += 1
        }
        return out
    }
}
