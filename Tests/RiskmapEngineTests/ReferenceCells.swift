import RiskmapLanguage

/// The cell rules of `ReferenceLoader`, each written from its documentation (README
/// «School profiles (CSV)», docs/language.md §2.2, the comments of `CellParser` and
/// `ProfileLoader.parseYear`) on plain `String`s. `CellParser` is deliberately not
/// reused: it is what is being checked (its byte-level number scanner is one of the fast
/// paths).
enum ReferenceCells {
    /// A cell's problem: the diagnostic's message.
    struct Problem: Error { var message: Message }

    /// Without surrounding whitespace (any `Character.isWhitespace`).
    /// Whitespace and the invisible format characters trimmed (U+200B–U+200F,
    /// U+2060–U+2064, U+FEFF, U+180E), control characters inside shown as symbols.
    static func trimmed(_ text: String) -> String {
        func trim(_ s: Unicode.Scalar) -> Bool {
            s.properties.isWhitespace || (0x200B...0x200F).contains(s.value) || (0x2060...0x2064).contains(s.value)
                || s.value == 0xFEFF || s.value == 0x180E
        }
        var scalars = Array(text.unicodeScalars)
        while let f = scalars.first, trim(f) { scalars.removeFirst() }
        while let l = scalars.last, trim(l) { scalars.removeLast() }
        return VisibleText.cell(String(String.UnicodeScalarView(scalars)))
    }

    /// Empty, `-`, `—`, `–`, `н/д`, `нет данных` or `n/a`, in any case, once trimmed.
    static func isMissing(_ text: String) -> Bool {
        ["", "-", "—", "–", "н/д", "нет данных", "n/a"].contains(trimmed(text).lowercased())
    }

    /// The spaces a number may have around it: space, tab, NBSP, narrow NBSP (and line
    /// ends, which `CellParser` also skips).
    static let numberSpaces: Set<Character> = [" ", "\t", "\u{A0}", "\u{202F}", "\n", "\r", "\r\n"]
    /// Thousands separators: space, NBSP, narrow NBSP.
    static let groupSeparators: Set<Character> = [" ", "\u{A0}", "\u{202F}"]

    /// An optional sign (`+`, `-`, `−`), digits grouped by thousands or not (`1 234 567`:
    /// a first group of 1–3 digits, then groups of exactly 3), an optional `.` or `,` with
    /// digits on both sides. Nothing else. The value is `Double` of the plain decimal.
    static func number(_ text: String) -> Double? {
        var t = Substring(text)
        while let c = t.first, numberSpaces.contains(c) { t.removeFirst() }
        while let c = t.last, numberSpaces.contains(c) { t.removeLast() }
        var sign = ""
        if let c = t.first, c == "+" || c == "-" || c == "−" {
            sign = c == "+" ? "" : "-"
            t.removeFirst()
        }
        let parts = t.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "." || $0 == "," })
        guard parts.count <= 2 else { return nil }
        let groups = parts[0].split(omittingEmptySubsequences: false, whereSeparator: { groupSeparators.contains($0) })
        func digits(_ s: Substring) -> Bool { !s.isEmpty && s.allSatisfy { $0.isASCII && $0.isNumber } }
        guard groups.allSatisfy(digits) else { return nil }
        if groups.count > 1 {
            guard groups[0].count <= 3, groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        }
        var plain = sign + groups.joined()
        if parts.count == 2 {
            guard digits(parts[1]) else { return nil }
            plain += "." + parts[1]
        }
        guard let value = Double(plain), value.isFinite else { return nil }
        return value
    }

    /// A whole number not below 0: a number whose digits after the decimal separator, if
    /// any, are all zero (`12,0`, `1 234`, `99999999999999999999`; not `12,5`, `-3`).
    static func count(_ text: String) -> Double? {
        guard let value = number(text), value >= 0 else { return nil }
        let fraction = text.drop(while: { $0 != "." && $0 != "," }).dropFirst()
        return fraction.allSatisfy { $0 == "0" || numberSpaces.contains($0) } ? value : nil
    }

    /// A number with an optional `%` after it (a space before it allowed).
    static func percent(_ text: String) -> Double? {
        var t = Substring(text)
        while let c = t.last, numberSpaces.contains(c) { t.removeLast() }
        if t.last == "%" { t.removeLast() }
        return number(String(t))
    }

    /// `да`/`нет`, `1`/`0`, `true`/`false`, `истина`/`ложь`, `yes`/`no`, in any case.
    static func bool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "да", "1", "true", "истина", "yes": return true
        case "нет", "0", "false", "ложь", "no": return false
        default: return nil
        }
    }

    /// `2025`, `2025/26`, `2025/2026`, `2025-26`, `2025-2026` (also `–` or `—` as the
    /// dash, spaces around it): the school year starting in 2025; the first year is four
    /// digits, 1900–2200, the second the next year in full or its last two digits.
    static func year(_ text: String) -> SchoolYear? {
        let parts = text.split(omittingEmptySubsequences: false, whereSeparator: { "/-–—".contains($0) }).map { trimmed(String($0)) }
        func digits(_ s: String) -> Bool { !s.isEmpty && s.allSatisfy { $0.isASCII && $0.isNumber } }
        guard parts.count <= 2, digits(parts[0]), parts[0].count == 4, let start = Int(parts[0]),
              (1900...2200).contains(start) else { return nil }
        if parts.count == 1 { return SchoolYear(start: start) }
        guard digits(parts[1]), let end = Int(parts[1]), end == start + 1 || end == (start + 1) % 100 else { return nil }
        return SchoolYear(start: start)
    }

    /// A cell's value for `indicator`, or its problem. Missing markers are missing for
    /// every kind. A count is a whole number ≥ 0; a percent is within 0–100 unless a range
    /// is declared, a number or count within ±10¹⁵; a declared range bounds counts, numbers and percents. A category value
    /// matches exactly, else ignoring case (the first such). A text is kept trimmed.
    static func value(_ raw: String, _ indicator: Indicator) -> Result<LoadedProfiles.Value, Problem> {
        if isMissing(raw) { return .success(.missing) }
        let text = trimmed(raw)
        let bad = Problem(message: .profileBadValue(text: text, expected: indicator.type))
        let v: Double
        switch indicator.kind {
        case .count:
            guard let n = count(text) else { return .failure(bad) }
            v = n
        case .number:
            guard let n = number(text) else { return .failure(bad) }
            v = n
        case .percent:
            guard let n = percent(text) else { return .failure(bad) }
            v = n
        case .bool:
            return bool(text).map { .success(.flag($0)) } ?? .failure(bad)
        case .category:
            if let c = indicator.categories.first(where: { $0 == text })
                ?? indicator.categories.first(where: { $0.lowercased() == text.lowercased() }) {
                return .success(.category(c))
            }
            return .failure(Problem(message: .profileUnknownCategory(text: text, indicator: indicator.code)))
        case .text:
            return .success(.text(text))
        }
        // Without a declared range a number or count is within ±10¹⁵ (issue 17).
        let range = indicator.range ?? (indicator.kind == .percent ? 0...100 : -1e15...1e15)
        if !range.contains(v) {
            return .failure(Problem(message: .profileOutOfRange(text: text, low: "\(range.lowerBound)", high: "\(range.upperBound)")))
        }
        return .success(.number(v))
    }
}
