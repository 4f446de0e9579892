import Foundation

/// Whole numbers of any finite size as digits, with no conversion to `Int` (which traps
/// beyond 9.2 × 10¹⁸): the large values that input files and rule literals may hold.
public enum NumberText {
    /// The largest magnitude of a number riskmap reads, in a rule file or a data cell:
    /// 10¹⁵, below 2⁵³, so every whole number up to it is exact and any arithmetic on it
    /// stays far from `Int`'s limits.
    public static let limit = 1e15
    /// `limit` as a rule file and a message write it.
    public static let limitText = "1000000000000000"

    /// `value` rounded to a whole number, written out in digits (`-` or `−` as the sign).
    public static func whole(_ value: Double, minus: String) -> String {
        guard value.isFinite else { return String(describing: value) }
        let digits = String(format: "%.0f", abs(value).rounded())
        return (value < 0 && digits != "0" ? minus : "") + digits
    }
}
