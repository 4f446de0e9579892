import RiskmapLanguage

/// One swept parameter: its values, from `FROM` to `TO` by `step`, in the parameter's unit
/// (percentage points for a percent parameter).
public struct SweepAxis: Sendable, Equatable {
    /// The parameter's index in the rule book.
    public let param: Int
    public let from: Double
    public let to: Double
    public let step: Double
    public let values: [Double]

    /// The most grid points a sweep evaluates (all axes together).
    public static let maxPoints = 10_000

    /// What is wrong with a sweep's specification.
    public enum Problem: Error, Sendable, Equatable {
        /// `vpr_fail=…`: no parameter of that name (`suggestion`: the closest one).
        case unknownParameter(String, suggestion: String?)
        /// Not `PARAM=FROM..TO`.
        case malformed(String)
        /// A number that does not read (`text`), or a `%` on a parameter that is not a percent.
        case badNumber(String)
        case percentOnNumber(param: String, text: String)
        /// FROM > TO.
        case reversed(param: String, from: String, to: String)
        /// step ≤ 0.
        case badStep(String)
        /// A value outside the parameter's `диапазон`.
        case outOfRange(param: String, value: String, low: String, high: String)
        /// The same parameter twice.
        case repeated(String)
        /// More than two parameters.
        case tooManyParameters
        /// No parameter at all.
        case noParameter
        /// More grid points than `maxPoints`.
        case tooManyPoints(Int)
    }

    /// The axis for parameter `param` of `book` from `from` to `to` by `step` (numbers as
    /// written: `25%`, `0,5`, `2.5`).
    public static func make(_ book: CheckedRuleBook, param name: String, from: String, to: String, step: String?) throws(Problem) -> SweepAxis {
        guard let p = book.params.first(where: { $0.code == name }) else {
            throw .unknownParameter(name, suggestion: Suggestion.closest(to: name, among: book.params.map(\.code)))
        }
        func number(_ text: String) throws(Problem) -> Double {
            var t = text.trimmingWhitespace()
            var percent = false
            if t.hasSuffix("%") { t.removeLast(); t = t.trimmingWhitespace(); percent = true }
            if percent && !p.isPercent { throw .percentOnNumber(param: p.code, text: text) }
            t = String(t.map { $0 == "," ? "." : $0 }).replacingMinus()
            guard !t.isEmpty, t.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+") }),
                  let v = Double(t), v.isFinite, abs(v) <= NumberText.limit
            else { throw .badNumber(text) }
            return v
        }
        let low = try number(from), high = try number(to)
        guard low <= high else { throw .reversed(param: p.code, from: from, to: to) }
        let s: Double
        if let step {
            s = try number(step)
            guard s > 0 else { throw .badStep(step) }
        } else {
            s = high > low ? high - low : 1
        }
        if let range = p.range {
            for (v, text) in [(low, from), (high, to)] where !range.contains(v) {
                throw .outOfRange(param: p.code, value: text, low: Self.text(range.lowerBound, p), high: Self.text(range.upperBound, p))
            }
        }
        let count = ((high - low) / s * (1 + 1e-12)).rounded(.down) + 1
        guard count <= Double(maxPoints) else { throw .tooManyPoints(count.isFinite ? Int(min(count, 1e15)) : Int.max) }
        let values = (0..<Int(count)).map { k in Self.tidy(low + Double(k) * s) }
        return SweepAxis(param: p.index, from: low, to: high, step: s, values: values)
    }

    /// `0.30000000000000004` → `0.3`: ten decimals are more than any threshold needs.
    static func tidy(_ v: Double) -> Double {
        abs(v) < 1e5 ? (v * 1e10).rounded() / 1e10 : v
    }

    static func text(_ v: Double, _ p: Param) -> String {
        NumberFormat.decimal(v, digits: 4, lang: .en) + (p.isPercent ? "%" : "")
    }

    /// The grid of several axes, the last varying fastest: a parameter's values per point.
    public static func grid(_ axes: [SweepAxis], _ book: CheckedRuleBook) throws(Problem) -> [[Double]] {
        guard !axes.isEmpty else { throw .noParameter }
        guard axes.count <= 2 else { throw .tooManyParameters }
        if axes.count == 2, axes[0].param == axes[1].param { throw .repeated(book.params[axes[0].param].code) }
        let total = axes.reduce(1) { $0 * $1.values.count }
        guard total <= maxPoints else { throw .tooManyPoints(total) }
        var points: [[Double]] = [[]]
        for axis in axes { points = points.flatMap { p in axis.values.map { p + [$0] } } }
        return points
    }
}

extension String {
    func trimmingWhitespace() -> String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }

    /// `−5` (U+2212) → `-5`.
    func replacingMinus() -> String {
        String(map { $0 == "\u{2212}" ? "-" : $0 })
    }
}
