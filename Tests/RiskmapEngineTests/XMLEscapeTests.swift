import Testing
@testable import RiskmapEngine

/// The `.docx` writer's byte-level XML escaper against a plain reference, scalar by scalar,
/// on random hostile texts. A failure names its seed.
@Suite struct XMLEscapeTests {
    /// XML 1.0 escaping written plainly: what the spec forbids is dropped, the four markup
    /// characters replaced, whitespace controls a space.
    static func reference(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out += " "
            case "\u{FFFE}", "\u{FFFF}": break
            default:
                if c.value >= 0x20 { out.unicodeScalars.append(c) }
            }
        }
        return out
    }

    static let pieces = ["a", "Школа", " ", "&", "<", ">", "\"", "'", "]]>", "<![CDATA[", "&amp;", "\n", "\r", "\r\n", "\t",
                         "\u{0}", "\u{1}", "\u{8}", "\u{B}", "\u{C}", "\u{1F}", "\u{7F}", "\u{85}", "\u{AD}", "\u{202E}", "\u{2066}",
                         "\u{FEFF}", "\u{FFFD}", "\u{FFFE}", "\u{FFFF}", "\u{EFFF}", "\u{FFEF}", "é", "e\u{301}", "«", "»", "№", "—",
                         "😀", "👨‍👩‍👧", "\u{A0}", "\u{10FFFF}", "x"]

    static func randomText(_ g: inout SplitMix) -> String {
        (0..<Int.random(in: 0...14, using: &g)).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &g)] }.joined()
    }

    @Test func agreesWithTheReference() {
        let seed = UInt64.random(in: 0...UInt64.max)
        var g = SplitMix(seed: seed)
        for _ in 0..<20_000 {
            let s = Self.randomText(&g)
            #expect(XMLEscape.text(s) == Self.reference(s), "seed \(seed): \(s.debugDescription)")
        }
    }

    /// The Word runs' byte test for tabs, breaks and soft hyphens against the scalars.
    @Test func breakDetectionAgreesWithTheScalars() {
        let seed = UInt64.random(in: 0...UInt64.max)
        var g = SplitMix(seed: seed)
        let breaks: Set<Unicode.Scalar> = ["\t", "\n", "\u{B}", "\u{C}", "\r", "\u{85}", "\u{AD}", "\u{2028}", "\u{2029}"]
        let pieces = Self.pieces + ["\u{2028}", "\u{2029}", "\u{2027}", "\u{202A}", "\u{80}", "\u{AC}", "\u{AE}", "«", "…"]
        for _ in 0..<20_000 {
            let s = (0..<Int.random(in: 0...6, using: &g)).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &g)] }.joined()
            #expect(DocxRuns.hasBreaks(s) == s.unicodeScalars.contains(where: breaks.contains), "seed \(seed): \(s.debugDescription)")
        }
    }

    @Test func plainTextComesBackAsItIs() {
        for s in ["", "Школа № 5 «Радуга» — 2025/26", "a'b", "😀\u{A0}x"] {
            #expect(XMLEscape.text(s) == s)
        }
    }

    @Test func hostileTextCannotMakeMarkup() {
        let e = XMLEscape.text("]]></w:t></w:r><w:r><w:t>\"x\"\u{0}\u{FFFF}")
        #expect(!e.contains("<") && !e.contains(">") && !e.contains("\"") && !e.contains("\u{0}") && !e.contains("\u{FFFF}"))
    }
}
