/// Markdown that pastes into Word cleanly: pipe tables with escaped cells, no raw HTML.
enum MarkdownTable {
    /// Inline text: characters Markdown would read as markup are escaped, line breaks
    /// become spaces (a pipe-table cell is one line).
    static func escape(_ s: String) -> String {
        // Most cells have nothing to escape: checked on bytes, the text comes back as it is.
        guard s.utf8.contains(where: { escaped.contains($0) }) else { return s }
        // By Unicode scalar, not Character: a `|` or a line break followed by a combining
        // mark is one Character, but Markdown still sees the `|` (found by Fuzz/writers).
        var out = String.UnicodeScalarView()
        for c in s.unicodeScalars {
            switch c {
            case "\\", "|", "*", "_", "`", "<", "[", "]": out.append("\\"); out.append(c)
            case "\n", "\r", "\t": out.append(" ")
            default: out.append(c)
            }
        }
        return String(out)
    }

    /// The bytes of the characters `escape` changes (all ASCII).
    private static let escaped: Set<UInt8> = Set("\\|*_`<[]\n\r\t".utf8)

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
