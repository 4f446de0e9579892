/// Text for XML 1.0 element content and attribute values (the parts of a `.docx`).
///
/// Replaces `&`, `<`, `>` and `"`; drops what XML 1.0 forbids anywhere in a document — the
/// C0 control characters other than tab, line feed and carriage return, and U+FFFE, U+FFFF —
/// because one such character makes Word refuse the whole file. Tab, line feed and carriage
/// return become a space: Word reads them in text as whitespace anyway, and the document
/// writer turns real tabs and line breaks into `<w:tab/>` and `<w:br/>` before escaping.
enum XMLEscape {
    /// Works on UTF-8 bytes: everything it replaces or drops is ASCII, except U+FFFE and
    /// U+FFFF (EF BF BE, EF BF BF). Text with none of them comes back as it is.
    static func text(_ s: String) -> String {
        var s = s
        let escaped = s.withUTF8 { b -> String? in
            guard b.contains(where: { special.contains($0) || $0 == 0xEF }) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(b.count + 32)
            var i = 0
            while i < b.count {
                let c = b[i]
                switch c {
                case UInt8(ascii: "&"): out += "&amp;".utf8
                case UInt8(ascii: "<"): out += "&lt;".utf8
                case UInt8(ascii: ">"): out += "&gt;".utf8
                case UInt8(ascii: "\""): out += "&quot;".utf8
                case 0x09, 0x0A, 0x0D: out.append(UInt8(ascii: " "))
                case 0x00..<0x20: break
                case 0xEF where i + 2 < b.count && b[i + 1] == 0xBF && (b[i + 2] == 0xBE || b[i + 2] == 0xBF):
                    i += 3
                    continue
                default: out.append(c)
                }
                i += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
        return escaped ?? s
    }

    /// The ASCII bytes `text` replaces or drops: the four markup characters and C0.
    private static let special = ASCIIByteSet("&<>\"" + String(String.UnicodeScalarView((0..<0x20).compactMap(Unicode.Scalar.init))))
}
