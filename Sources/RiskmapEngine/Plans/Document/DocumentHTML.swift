import RiskmapLanguage

/// A `Document` as a self-contained HTML page, print-ready on A4 (landscape when the
/// document is): tables with fixed column widths from the columns' weights, a header row
/// repeated on each printed page, fill-in columns left blank with room to write.
public enum DocumentHTML {
    public static func render(_ document: Document) -> String {
        let t = PlanText(document.lang)
        var body = ""
        let width = DocxPage(document.orientation).textWidth
        for block in document.blocks { body += render(block, t, width: width) }
        if let footer = document.footer { body += "<footer>\(HTMLEscape.text(footer))</footer>\n" }
        var css = documentCSS
        switch document.orientation {
        case .portrait: break
        case .landscape: css += "\n" + landscapeCSS
        }
        return HTMLPage.render(lang: t.htmlLang, title: document.title, body: body, extraCSS: css)
    }

    static let documentCSS = """
    @page { size: A4; margin: 12mm 12mm 12mm 15mm }
    table.doc { table-layout: fixed; overflow-wrap: break-word; hyphens: manual; font-size: 8pt; line-height: 1.15 }
    table.doc th { font-size: 7.5pt }
    table.doc th.num { white-space: normal }
    table.doc tr { break-inside: auto; page-break-inside: auto }
    table.doc th, table.doc td { padding: 1px 3px }
    table.doc .addresses { font-size: 7pt }
    h2 { margin-top: 4mm }
    h3 { margin: 2.5mm 0 1mm }
    footer { margin-top: 2mm; padding-top: 1mm; break-before: avoid; page-break-before: avoid }
    ul.doc { font-size: 8.5pt; line-height: 1.3 }
    table.doc td.fill { height: 9mm }
    p.note { color: #555; font-size: 9.5pt }
    p.warning { border: 1.5px solid #b7791f; background: #fff8e1; border-radius: 4px; padding: 2mm 3mm; margin: 3mm 0 }
    ul.doc { margin: 0 0 3mm; padding-left: 6mm }
    ul.doc li { margin-bottom: 1mm }
    table.signatures { width: 100%; margin-top: 3mm; font-size: 10.5pt; break-inside: avoid }
    table.signatures td:first-child { width: 34% }
    table.signatures td { border: none; padding: 3.5mm 3mm 0 0; vertical-align: bottom }
    table.signatures td.line { border-bottom: 1px solid #333; width: 28% }
    table.signatures .hint { display: block; font-size: 8pt; color: #666; text-align: center }
    .page-break { break-before: page; page-break-before: always; height: 0 }
    """

    static let landscapeCSS = """
    @page { size: A4 landscape; margin: 12mm }
    body { max-width: 273mm }
    """

    /// `width`: the text width in twips, for the columns' minimum widths (`ColumnWidths`).
    static func render(_ block: Document.Block, _ t: PlanText, width: Int) -> String {
        switch block {
        case .heading(let level, let inlines):
            let l = min(max(level, 1), 3)
            return "<h\(l)>\(inline(inlines))</h\(l)>\n"
        case .paragraph(let inlines, let style):
            switch style {
            case .body: return "<p>\(inline(inlines))</p>\n"
            case .subtitle: return "<p class=\"subtitle\">\(inline(inlines))</p>\n"
            case .note: return "<p class=\"note\">\(inline(inlines))</p>\n"
            case .warning: return "<p class=\"warning\" role=\"note\"><strong>\(HTMLEscape.text(t.warningLabel))</strong> \(inline(inlines))</p>\n"
            }
        case .bullets(let items):
            return "<ul class=\"doc\">\n" + items.map { "<li>\(inline($0))</li>\n" }.joined() + "</ul>\n"
        case .fields(let fields):
            return HTMLPage.meta(fields.map { ($0.label, inline($0.value)) })
        case .table(let table):
            return render(table, width: width)
        case .signatures(let signatures):
            var out = "<table class=\"signatures\">\n<tbody>\n"
            for s in signatures {
                out += "<tr><td>\(HTMLEscape.text(s.role))</td>"
                out += "<td class=\"line\"><span class=\"hint\">\(HTMLEscape.text(t.signatureHint))</span></td>"
                out += "<td class=\"line\">\(HTMLEscape.text(s.name))<span class=\"hint\">\(HTMLEscape.text(t.nameHint))</span></td>"
                out += "<td class=\"line\"><span class=\"hint\">\(HTMLEscape.text(t.dateHint))</span></td></tr>\n"
            }
            return out + "</tbody>\n</table>\n"
        case .pageBreak:
            return "<div class=\"page-break\"></div>\n"
        }
    }

    /// The columns get the widths Word gets (`ColumnWidths`: by weight, but never narrower
    /// than the column's longest word), as shares of the table, so no word breaks mid-word.
    static func render(_ table: Document.Table, width: Int) -> String {
        var out = "<table id=\"\(HTMLEscape.text(table.name))\" class=\"doc\">\n<colgroup>"
        for columnWidth in ColumnWidths.widths(table, total: width) {
            let share = Double(columnWidth) * 100 / Double(max(1, width))
            out += "<col style=\"width:\(NumberFormat.decimal(share, digits: 1, lang: .en))%\">"
        }
        out += "</colgroup>\n<thead><tr>"
        for column in table.columns {
            out += (column.alignment == .trailing ? "<th class=\"num\">" : "<th>") + HTMLEscape.text(column.title) + "</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            out += "<tr>"
            for (column, cell) in zip(table.columns, row) {
                if column.fillIn {
                    out += "<td class=\"fill\"></td>"
                    continue
                }
                out += column.alignment == .trailing ? "<td class=\"num\">" : "<td>"
                let main = inline(cell.main)
                out += main.isEmpty && cell.detail.isEmpty ? "—" : main
                if !cell.detail.isEmpty { out += "<span class=\"addresses\">\(inline(cell.detail))</span>" }
                out += "</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    static func inline(_ inlines: [Document.Inline]) -> String {
        inlines.map { i -> String in
            switch i {
            case .text(let s): return HTMLEscape.text(s)
            case .strong(let s): return "<strong>\(HTMLEscape.text(s))</strong>"
            case .link(let s, let target): return "<a href=\"\(HTMLEscape.text(target))\">\(HTMLEscape.text(s))</a>"
            case .status(let s, let code): return "<span class=\"status st-\(HTMLEscape.text(code))\">\(HTMLEscape.text(s))</span>"
            }
        }.joined()
    }
}
