import Foundation
import RiskmapLanguage

/// Numbers as a Russian reader expects them: decimal comma, «14,3 %»; English uses a point.
public enum NumberFormat {
    /// At most `digits` decimals, trailing zeros dropped.
    public static func decimal(_ v: Double, digits: Int = 2, lang: Lang) -> String {
        guard v.isFinite else { return "—" }
        // Beyond 10¹² a fraction means nothing to a reader, and 10¹² × 100 stays inside Int.
        guard abs(v) < 1e12 else { return NumberText.whole(v, minus: "−") }
        let digits = abs(v) >= 10 ? min(digits, 1) : digits
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(v) * scale).rounded()
        let whole = Int(scaled / scale)
        var fraction = String(Int(scaled) - whole * Int(scale))
        if digits > 0 {
            fraction = String(repeating: "0", count: max(0, digits - fraction.count)) + fraction
            while fraction.hasSuffix("0") { fraction.removeLast() }
        } else {
            fraction = ""
        }
        let sign = v < 0 && scaled != 0 ? "−" : ""  // U+2212, as the explainer writes `-5`
        let separator = lang == .ru ? "," : "."
        return sign + String(whole) + (fraction.isEmpty ? "" : separator + fraction)
    }

    /// A value of the given type: «14,3 %» for percents, «12» for counts.
    public static func value(_ v: Double, _ type: ValueType, lang: Lang) -> String {
        switch type {
        case .percent: return decimal(v, lang: lang) + " %"
        case .count: return decimal(v, digits: 0, lang: lang)
        default: return decimal(v, lang: lang)
        }
    }

    /// A literal as written in the rule book, with the reader's decimal separator.
    /// Works on the literal's bytes (digits, `.`, `-`, `%`: all ASCII).
    public static func literal(_ text: String, lang: Lang) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 4)
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "."): bytes.append(lang == .ru ? UInt8(ascii: ",") : b)
            case UInt8(ascii: "-") where bytes.isEmpty: bytes += [0xE2, 0x88, 0x92]  // U+2212 minus
            default: bytes.append(b)
            }
        }
        if bytes.last == UInt8(ascii: "%") {
            bytes.removeLast()
            bytes += [UInt8(ascii: " "), UInt8(ascii: "%")]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
