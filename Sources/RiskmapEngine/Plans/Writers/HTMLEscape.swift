/// Text for HTML element content and attribute values.
enum HTMLEscape {
    /// Works on UTF-8 bytes (the five characters it replaces are ASCII); text with none of
    /// them comes back as it is.
    static func text(_ s: String) -> String {
        var s = s
        let escapedText = s.withUTF8 { b -> String? in
            guard b.contains(where: special.contains) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(b.count + 32)
            for c in b {
                switch c {
                case UInt8(ascii: "&"): out += "&amp;".utf8
                case UInt8(ascii: "<"): out += "&lt;".utf8
                case UInt8(ascii: ">"): out += "&gt;".utf8
                case UInt8(ascii: "\""): out += "&quot;".utf8
                case UInt8(ascii: "'"): out += "&#39;".utf8
                default: out.append(c)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        return escapedText ?? s
    }

    /// The bytes `text` replaces.
    private static let special = ASCIIByteSet("&<>\"'")
}
