/// Text from input files made safe to show on a terminal or in a document: control
/// characters (C0 but tab, DEL, C1), which could move the cursor, clear the screen or
/// change colours (terminal escape sequences begin with ESC), and the bidirectional
/// overrides, which reorder what is shown, are replaced by visible symbols.
public enum VisibleText {
    /// Whether `s` is a control or bidirectional-override character.
    @inline(__always)
    public static func isUnsafe(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return v < 0x20 || (v >= 0x7F && v <= 0x9F) || (v >= 0x202A && v <= 0x202E) || (v >= 0x2066 && v <= 0x2069)
    }

    /// The visible stand-in for an unsafe character: the Control Pictures block for C0 and
    /// DEL (␛ for ESC, ␀ for NUL), U+FFFD for the others.
    static func picture(_ s: Unicode.Scalar) -> Unicode.Scalar {
        switch s.value {
        case 0..<0x20: return Unicode.Scalar(0x2400 + s.value)!
        case 0x7F: return "\u{2421}"
        default: return "\u{FFFD}"
        }
    }

    /// One line of text: every unsafe character (line breaks and tabs too) made visible.
    public static func line(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars { out.append(isUnsafe(s) ? picture(s) : s) }
        return String(out)
    }

    /// A cell's text: line breaks and tabs kept (a quoted cell may hold several lines),
    /// every other unsafe character made visible.
    public static func cell(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isUnsafe($0) && $0 != "\n" && $0 != "\t" && $0 != "\r" }) else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars { out.append(isUnsafe(s) && s != "\n" && s != "\t" && s != "\r" ? picture(s) : s) }
        return String(out)
    }

    /// Text of several lines (a terminal's output): line feeds and tabs kept, a CR before
    /// a line feed kept, every other unsafe character made visible.
    public static func lines(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        guard scalars.contains(where: { isUnsafe($0) && $0 != "\n" && $0 != "\t" && $0 != "\r" }) else { return text }
        var out = String.UnicodeScalarView()
        for (i, s) in scalars.enumerated() {
            if s == "\n" || s == "\t" || (s == "\r" && i + 1 < scalars.count && scalars[i + 1] == "\n") || !isUnsafe(s) {
                out.append(s)
            } else {
                out.append(picture(s))
            }
        }
        return String(out)
    }
}
