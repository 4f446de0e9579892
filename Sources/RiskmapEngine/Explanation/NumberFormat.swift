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
    public static func literal(_ text: String, lang: Lang) -> String {
        var t = text
        var percent = false
        if t.hasSuffix("%") { t.removeLast(); percent = true }
        if lang == .ru { t = t.replacingOccurrences(of: ".", with: ",") }
        if t.hasPrefix("-") { t = "−" + t.dropFirst() }
        return percent ? t + " %" : t
    }
}
