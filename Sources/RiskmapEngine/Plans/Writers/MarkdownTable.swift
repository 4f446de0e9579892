/// Markdown that pastes into Word cleanly: pipe tables with escaped cells, no raw HTML.
enum MarkdownTable {
    /// Inline text: characters Markdown would read as markup are escaped, line breaks
    /// become spaces (a pipe-table cell is one line).
    /// Works on UTF-8 bytes (every byte it changes is ASCII, and no byte of a multi-byte
    /// character is ASCII); most cells have nothing to escape and come back as they are.
    static func escape(_ s: String) -> String {
        var s = s
        let escapedText = s.withUTF8 { b -> String? in
            guard b.contains(where: escaped.contains) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(b.count + 16)
            var i = 0
            while i < b.count {
                let c = b[i]
                switch c {
                case UInt8(ascii: "\\"), UInt8(ascii: "|"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "`"),
                     UInt8(ascii: "<"), UInt8(ascii: "["), UInt8(ascii: "]"):
                    out.append(UInt8(ascii: "\\"))
                    out.append(c)
                case UInt8(ascii: "\r"):
                    out.append(UInt8(ascii: " "))
                    if i + 1 < b.count, b[i + 1] == UInt8(ascii: "\n") { i += 1 }  // CRLF: one space
                case UInt8(ascii: "\n"), UInt8(ascii: "\t"):
                    out.append(UInt8(ascii: " "))
                default:
                    out.append(c)
                }
                i += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
        return escapedText ?? s
    }

    /// The bytes `escape` changes.
    private static let escaped = ASCIIByteSet("\\|*_`<[]\n\r\t")

    /// A pipe table; cells are escaped here, an empty cell shows «—» unless `keepEmpty`.
    static func render(_ header: [String], _ rows: [[String]], keepEmpty: Bool = false) -> String {
        func line(_ cells: [String]) -> String {
            "| " + cells.map { cell -> String in
                let e = escape(cell)
                return e.isEmpty ? (keepEmpty ? " " : "—") : e
            }.joined(separator: " | ") + " |\n"
        }
        var out = "| " + header.map(escape).joined(separator: " | ") + " |\n"
        out += "|" + header.map { _ in "---|" }.joined() + "\n"
        for row in rows { out += line(row) }
        return out
    }
}
