/// Tables in WordprocessingML: the document's tables (bordered, header row repeated on
/// every page), the label–value fields and the approval block (both borderless). Widths are
/// fixed in twips so Word and LibreOffice lay them out the same, never by content.
enum DocxTable {
    typealias Paragraph = DocxBody.Paragraph

    /// The header row's shading: the HTML `th` background.
    static let headerFill = "E9ECEF"
    /// The least height of a row with a fill-in column: room to write by hand (the HTML's 12 mm).
    static let fillInRowHeight = 680

    static func table(_ table: Document.Table, page: DocxPage, text: PlanText) -> String {
        let widths = ColumnWidths.widths(table, total: page.textWidth)
        var out = open(.grid, widths: widths, total: page.textWidth)
        // The header row: repeated on every page, never split, shaded like the HTML `th`.
        out += "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
        for (column, width) in zip(table.columns, widths) {
            let p = Paragraph(style: .tableHeading, alignRight: column.alignment == .trailing)
            out += cell(width: width, fill: headerFill, p.xml(DocxRuns.run(column.title)))
        }
        out += "</w:tr>"
        let fillInRow = table.columns.contains(where: \.fillIn)
        for row in table.rows {
            // A long row may continue on the next page, as in the HTML print: keeping every row
            // whole left half-empty pages before tall rows.
            out += "<w:tr><w:trPr>"
            if fillInRow { out += "<w:trHeight w:val=\"\(fillInRowHeight)\" w:hRule=\"atLeast\"/>" }
            out += "</w:trPr>"
            // `Table.init` checks one cell per column; `zip` keeps a malformed row from trapping.
            for ((column, width), c) in zip(zip(table.columns, widths), row) {
                let p = Paragraph(style: .tableText, alignRight: column.alignment == .trailing)
                var content: String
                if column.fillIn {
                    content = p.xml("")
                } else if c.main.isEmpty {
                    content = p.xml(DocxRuns.run(text.dash))
                } else {
                    content = p.xml(DocxRuns.runs(c.main))
                }
                if !column.fillIn && !c.detail.isEmpty {
                    var d = Paragraph(style: .cellDetail)
                    d.alignRight = p.alignRight
                    content += d.xml(DocxRuns.runs(c.detail))
                }
                out += cell(width: width, fill: nil, content)
            }
            out += "</w:tr>"
        }
        return out + "</w:tbl>"
    }

    /// Label–value lines: a borderless table, the label column as wide as the longest label
    /// needs (within limits), labels grey.
    static func fields(_ fields: [Document.Field], page: DocxPage) -> String {
        let longest = fields.map(\.label.count).max() ?? 0
        let label = min(max(longest * 115 + 170, 1700), page.textWidth * 2 / 5)
        let widths = [label, page.textWidth - label]
        var out = open(.plain, widths: widths, total: page.textWidth)
        for field in fields {
            out += "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
            out += cell(width: widths[0], fill: nil, Paragraph(style: .fieldLabel).xml(DocxRuns.run(field.label)))
            out += cell(width: widths[1], fill: nil, Paragraph(style: .fieldValue).xml(DocxRuns.runs(field.value)))
            out += "</w:tr>"
        }
        return out + "</w:tbl>"
    }

    /// The approval block, one signatory under another: role | line to sign | name (or a
    /// line for it), captions under the lines, then the date line. Each signatory's rows
    /// keep together on one page.
    static func signatures(_ signatures: [Document.Signature], page: DocxPage, text: PlanText) -> String {
        let widths = ColumnWidths.shares([40, 25, 35], total: page.textWidth)
        var out = open(.plain, widths: widths, total: page.textWidth)
        for (i, s) in signatures.enumerated() {
            let keep = Paragraph(style: .fieldValue, keepNext: true)
            var line = keep
            line.alignCenter = true
            // Space above every signatory but the first (the heading above gives the first its room).
            out += "<w:tr><w:trPr><w:cantSplit/>" + (i > 0 ? "<w:trHeight w:val=\"280\" w:hRule=\"atLeast\"/>" : "") + "</w:trPr>"
            out += cell(width: widths[0], fill: nil, keep.xml(DocxRuns.run(s.role)), bottom: true)
            out += cell(width: widths[1], fill: nil, line.xml(DocxRuns.run(text.signLine)), bottom: true)
            out += cell(width: widths[2], fill: nil, line.xml(DocxRuns.run(s.name.isEmpty ? text.signLine : s.name)), bottom: true)
            out += "</w:tr><w:tr><w:trPr><w:cantSplit/></w:trPr>"
            let caption = Paragraph(style: .signatureCaption, keepNext: true)
            out += cell(width: widths[0], fill: nil, caption.xml(""))
            out += cell(width: widths[1], fill: nil, caption.xml(DocxRuns.run(text.signatureCaption)))
            out += cell(width: widths[2], fill: nil, caption.xml(s.name.isEmpty ? DocxRuns.run(text.nameCaption) : ""))
            out += "</w:tr><w:tr><w:trPr><w:cantSplit/></w:trPr>"
            out += cell(width: widths[0], fill: nil, Paragraph(style: .fieldValue).xml(DocxRuns.run(text.signDateLine)))
            out += cell(width: widths[1], fill: nil, Paragraph(style: .fieldValue).xml(""))
            out += cell(width: widths[2], fill: nil, Paragraph(style: .fieldValue).xml(""))
            out += "</w:tr>"
        }
        return out + "</w:tbl>"
    }

    /// `<w:tbl>` with its properties and grid: the table as wide as the text, its columns
    /// fixed (Word's default autofit would size them by content).
    private static func open(_ style: DocxStyles.Table, widths: [Int], total: Int) -> String {
        var out = "<w:tbl><w:tblPr><w:tblStyle w:val=\"\(style.rawValue)\"/><w:tblW w:w=\"\(total)\" w:type=\"dxa\"/>"
        out += "<w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>"
        for w in widths { out += "<w:gridCol w:w=\"\(w)\"/>" }
        return out + "</w:tblGrid>"
    }

    /// A cell; `bottom`: its content sits on the row's bottom (a signature line under a long role).
    private static func cell(width: Int, fill: String?, _ content: String, bottom: Bool = false) -> String {
        var out = "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/>"
        if let fill { out += "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"\(fill)\"/>" }
        if bottom { out += "<w:vAlign w:val=\"bottom\"/>" }
        return out + "</w:tcPr>" + content + "</w:tc>"
    }
}
