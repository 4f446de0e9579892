import Foundation

/// How numbers compare, as in Excel: the two sides of a comparison (`<`, `<=`, `>`, `>=`,
/// `=`, `!=`, and the equality of `в (…)`) are rounded to 15 significant digits first, just
/// for the comparison. So values that print the same compare equal: the mean of 0,7; 0,7; 0,7
/// (0,6999999999999998 in binary arithmetic) is not below 0,7, and (1 / 10) × 100 % is not
/// above 10 %. Arithmetic itself keeps full precision, as Excel's does.
public enum ComparedNumber {
    /// `x` rounded to 15 significant digits (correctly rounded, by the C library's
    /// decimal conversion). Zero, infinities and NaN are returned as they are.
    public static func rounded(_ x: Double) -> Double {
        guard x.isFinite, x != 0 else { return x }
        return Double(String(format: "%.14e", x)) ?? x
    }

    /// The two sides as a comparison sees them. Rounding changes a value by less than
    /// 5 × 10⁻¹⁵ of it and never reverses an order, so sides that are equal, or differ by
    /// more than 10⁻¹³ of the larger, compare as they are; only nearly equal ones are rounded.
    @inline(__always)
    public static func sides(_ x: Double, _ y: Double) -> (Double, Double) {
        guard x != y, abs(x - y) <= closeness * max(abs(x), abs(y)) else { return (x, y) }
        return (rounded(x), rounded(y))
    }

    /// Sides closer than this fraction of the larger are rounded before they are compared.
    public static let closeness = 1e-13
}
