import RiskmapLanguage

/// A `Document` as Markdown that pastes into Word: pipe tables with escaped cells, no raw
/// HTML. A cell's detail follows its main text in parentheses; a fill-in column stays blank.
public enum DocumentMarkdown {
    public static func render(_ document: Document) -> String {
        let text = PlanText(document.lang)
        var parts: [String] = []
        for block in document.blocks { parts.append(render(block, text)) }
        if let footer = document.footer { parts.append("---\n\n" + MarkdownTable.escape(footer) + "\n") }
        return parts.joined(separator: "\n")
    }

    static func render(_ block: Document.Block, _ t: PlanText) -> String {
        switch block {
        case .heading(let level, let inlines):
            return String(repeating: "#", count: min(max(level, 1), 6)) + " " + inline(inlines) + "\n"
        case .paragraph(let inlines, let style):
            switch style {
            case .body, .subtitle: return inline(inlines) + "\n"
            case .note: return "_" + inline(inlines) + "_\n"
            case .warning: return "> **" + t.warningLabel + "** " + inline(inlines) + "\n"
            }
        case .bullets(let items):
            return items.map { "- " + inline($0) + "\n" }.joined()
        case .fields(let fields):
            return fields.map { "- **\(MarkdownTable.escape($0.label)):** \(inline($0.value))\n" }.joined()
        case .table(let table):
            return render(table)
        case .signatures(let signatures):
            return signatures.map { s in
                let name = s.name.isEmpty ? t.signatureNameBlank : MarkdownTable.escape(s.name)
                return "\(MarkdownTable.escape(s.role)): \(t.signatureLine) \(name) \(t.signatureDate)\n"
            }.joined(separator: "\n")
        case .pageBreak:
            return "---\n"
        }
    }

    static func render(_ table: Document.Table) -> String {
        var out = "| " + table.columns.map { MarkdownTable.escape($0.title) }.joined(separator: " | ") + " |\n"
        out += "|" + table.columns.map { $0.alignment == .trailing ? "---:|" : "---|" }.joined() + "\n"
        for row in table.rows {
            out += "| " + zip(table.columns, row).map { column, cell -> String in
                if column.fillIn { return " " }
                let main = inline(cell.main)
                let detail = inline(cell.detail)
                if main.isEmpty && detail.isEmpty { return "—" }
                if detail.isEmpty { return main }
                return main.isEmpty ? detail : "\(main) (\(detail))"
            }.joined(separator: " | ") + " |\n"
        }
        return out
    }

    static func inline(_ inlines: [Document.Inline]) -> String {
        inlines.map { i -> String in
            switch i {
            case .text(let s), .status(let s, _): return MarkdownTable.escape(s)
            case .strong(let s): return s.isEmpty ? "" : "**" + MarkdownTable.escape(s) + "**"
            case .link(let s, let target): return "[" + MarkdownTable.escape(s) + "](" + linkTarget(target) + ")"
            }
        }.joined()
    }

    /// A link target without the characters that would end it or break the line.
    static func linkTarget(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case " ": out += "%20"
            case "(": out += "%28"
            case ")": out += "%29"
            case "<": out += "%3C"
            case ">": out += "%3E"
            case "\n", "\r", "\t": out += "%20"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
