/// Runs (`w:r`) of WordprocessingML from a document's inline text.
enum DocxRuns {
    /// How a factor's status chip looks: the HTML's `.st-*` colours (fill, border, text).
    enum StatusLook: Equatable {
        case triggered
        case unknown
        case notTriggered
        case notApplicable

        /// An unknown code gets the neutral look rather than none: the text still reads.
        init(code: String) {
            switch code {
            case "triggered": self = .triggered
            case "unknown": self = .unknown
            case "not_triggered": self = .notTriggered
            default: self = .notApplicable
            }
        }

        var colours: (fill: String, border: String, text: String) {
            switch self {
            case .triggered: ("FDE2E1", "C62828", "8E1B1B")
            case .unknown: ("FFF4D6", "B7791F", "6B4A10")
            case .notTriggered: ("E6F4EA", "2E7D32", "1B5E20")
            case .notApplicable: ("F1F3F5", "ADB5BD", "495057")
            }
        }
    }

    static func runs(_ inlines: [Document.Inline]) -> String {
        var out = ""
        for inline in inlines {
            switch inline {
            case .text(let s):
                out += run(s)
            case .strong(let s):
                out += run(s, properties: "<w:b/><w:bCs/>")
            case .link(let s, _):
                // The targets are other output files (`../summary.html`), of no use inside Word.
                out += run(s)
            case .status(let s, let code):
                let c = StatusLook(code: code).colours
                // No-break spaces pad the chip like the HTML's padding and keep it on one line
                // (the HTML's `white-space: nowrap`); a column is made as wide as its widest chip.
                let chip = "\u{A0}" + s.replacingOccurrences(of: " ", with: "\u{A0}") + "\u{A0}"
                out += run(chip, properties: "<w:color w:val=\"\(c.text)\"/><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/>"
                    + "<w:bdr w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"\(c.border)\"/>"
                    + "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"\(c.fill)\"/>")
            }
        }
        return out
    }

    /// One run of `text`: tabs become `<w:tab/>`, line breaks (LF, CR, CRLF, VT, FF, NEL,
    /// U+2028, U+2029) `<w:br/>`, soft hyphens `<w:softHyphen/>` (Word shows a raw U+00AD as
    /// a visible hyphen-like mark in some versions); the rest is escaped text with its spaces kept.
    static func run(_ text: String, properties: String = "") -> String {
        var out = "<w:r>"
        if !properties.isEmpty { out += "<w:rPr>\(properties)</w:rPr>" }
        if !hasBreaks(text) {
            if !text.isEmpty { out += "<w:t xml:space=\"preserve\">" + XMLEscape.text(text) + "</w:t>" }
            return out + "</w:r>"
        }
        var pending = String.UnicodeScalarView()
        func flush() {
            guard !pending.isEmpty else { return }
            out += "<w:t xml:space=\"preserve\">" + XMLEscape.text(String(pending)) + "</w:t>"
            pending = String.UnicodeScalarView()
        }
        var afterCR = false
        for scalar in text.unicodeScalars {
            defer { afterCR = scalar == "\r" }
            switch scalar {
            case "\t":
                flush()
                out += "<w:tab/>"
            case "\n" where afterCR:
                break  // CRLF is one break
            case "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}":
                flush()
                out += "<w:br/>"
            case "\u{AD}":
                flush()
                out += "<w:softHyphen/>"
            default:
                pending.append(scalar)
            }
        }
        flush()
        return out + "</w:r>"
    }

    /// Whether `text` has a character `run` turns into an element: C0 tab to carriage return,
    /// NEL and the soft hyphen (C2 85, C2 AD), the line and paragraph separators (E2 80 A8/A9).
    static func hasBreaks(_ text: String) -> Bool {
        let b = text.utf8
        var i = b.startIndex
        while i != b.endIndex {
            let c = b[i]
            i = b.index(after: i)
            switch c {
            case 0x09...0x0D: return true
            case 0xC2: if i != b.endIndex, b[i] == 0x85 || b[i] == 0xAD { return true }
            case 0xE2:
                if i != b.endIndex, b[i] == 0x80 {
                    let j = b.index(after: i)
                    if j != b.endIndex, b[j] == 0xA8 || b[j] == 0xA9 { return true }
                }
            default: break
            }
        }
        return false
    }

    /// The plain text of inlines, for tests and the core properties.
    static func plainText(_ inlines: [Document.Inline]) -> String {
        inlines.map(\.plainText).joined()
    }
}
