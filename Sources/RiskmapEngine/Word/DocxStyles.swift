/// `word/styles.xml` and `word/numbering.xml`: the look of the HTML pages (`HTMLPage.css`)
/// in Word's terms. Sizes are in half-points, spacing in twips (1 mm ≈ 57 twips).
enum DocxStyles {
    /// Arial is on every Windows and Mac; LibreOffice substitutes the metric-compatible
    /// Liberation Sans, so lines and pages break in the same places.
    static let font = "Arial"

    static let namespaces = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
        + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""

    /// The paragraph styles the document writer names.
    enum Paragraph: String, CaseIterable {
        case normal = "Normal"
        case heading1 = "Heading1"
        case heading2 = "Heading2"
        case heading3 = "Heading3"
        case subtitle = "Subtitle"
        case note = "Note"
        case warning = "Warning"
        case listBullet = "ListBullet"
        case tableText = "TableText"
        case tableHeading = "TableHeading"
        case cellDetail = "CellDetail"
        case fieldLabel = "FieldLabel"
        case fieldValue = "FieldValue"
        case signatureCaption = "SignatureCaption"
        case footer = "Footer"
        /// A thin paragraph after a table: Word joins two tables that touch, and the HTML
        /// leaves 3 mm under every table.
        case spacer = "Spacer"
    }

    enum Table: String, CaseIterable {
        case grid = "TableGrid"
        case plain = "PlainTable"
    }

    /// The numbering definition of bulleted lists (`ListBullet` refers to it).
    static let bulletNumID = 1

    static func styles(lang: String) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles \(namespaces)>"
        out += "<w:docDefaults><w:rPrDefault><w:rPr>"
        out += "<w:rFonts w:ascii=\"\(font)\" w:eastAsia=\"\(font)\" w:hAnsi=\"\(font)\" w:cs=\"\(font)\"/>"
        out += "<w:color w:val=\"111111\"/><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/>"
        out += "<w:lang w:val=\"\(lang)\" w:eastAsia=\"\(lang)\" w:bidi=\"ar-SA\"/>"
        out += "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
        out += "<w:suppressAutoHyphens/><w:spacing w:after=\"113\" w:line=\"264\" w:lineRule=\"auto\"/>"
        out += "</w:pPr></w:pPrDefault></w:docDefaults>"
        for style in Paragraph.allCases { out += paragraphStyle(style) }
        for style in Table.allCases { out += tableStyle(style) }
        out += "</w:styles>"
        return out
    }

    private static func paragraphStyle(_ style: Paragraph) -> String {
        let (name, basedOn, pPr, rPr) = definition(style)
        var out = "<w:style w:type=\"paragraph\"" + (style == .normal ? " w:default=\"1\"" : "") + " w:styleId=\"\(style.rawValue)\">"
        out += "<w:name w:val=\"\(name)\"/>"
        if let basedOn { out += "<w:basedOn w:val=\"\(basedOn.rawValue)\"/>" }
        switch style {
        case .heading1, .heading2, .heading3: out += "<w:next w:val=\"Normal\"/>"
        default: break
        }
        out += "<w:qFormat/><w:pPr>\(pPr)</w:pPr>"
        if !rPr.isEmpty { out += "<w:rPr>\(rPr)</w:rPr>" }
        return out + "</w:style>"
    }

    /// Name, parent, `w:pPr` and `w:rPr` contents (in the schema's element order).
    private static func definition(_ style: Paragraph) -> (String, Paragraph?, String, String) {
        let keep = "<w:keepNext/><w:keepLines/>"
        switch style {
        case .normal:
            return ("Normal", nil, "<w:suppressAutoHyphens/>", "")
        case .heading1:
            return ("heading 1", .normal, keep + "<w:spacing w:before=\"0\" w:after=\"113\" w:line=\"240\" w:lineRule=\"auto\"/><w:outlineLvl w:val=\"0\"/>",
                    "<w:b/><w:bCs/><w:sz w:val=\"34\"/><w:szCs w:val=\"34\"/>")
        case .heading2:
            return ("heading 2", .normal, keep + "<w:spacing w:before=\"397\" w:after=\"113\"/><w:outlineLvl w:val=\"1\"/>",
                    "<w:b/><w:bCs/><w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/>")
        case .heading3:
            return ("heading 3", .normal, keep + "<w:spacing w:before=\"283\" w:after=\"113\"/><w:outlineLvl w:val=\"2\"/>",
                    "<w:b/><w:bCs/><w:sz w:val=\"23\"/><w:szCs w:val=\"23\"/>")
        case .subtitle:
            return ("Subtitle", .normal, "<w:spacing w:after=\"227\"/>", "<w:color w:val=\"333333\"/><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/>")
        case .note:
            return ("Note", .normal, "", "<w:color w:val=\"555555\"/><w:sz w:val=\"19\"/><w:szCs w:val=\"19\"/>")
        case .warning:
            let side = "w:val=\"single\" w:sz=\"8\" w:space=\"4\" w:color=\"B7791F\""
            return ("Warning", .normal,
                    "<w:keepLines/><w:pBdr><w:top \(side)/><w:left \(side)/><w:bottom \(side)/><w:right \(side)/></w:pBdr>"
                        + "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"FFF4D6\"/>"
                        + "<w:spacing w:before=\"170\" w:after=\"227\"/><w:ind w:left=\"113\" w:right=\"113\"/>",
                    "")
        case .listBullet:
            return ("List Bullet", .normal,
                    "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"\(bulletNumID)\"/></w:numPr><w:spacing w:after=\"57\"/>"
                        + "<w:ind w:left=\"425\" w:hanging=\"283\"/>",
                    // Lists are the plans' long enumerations (data to supply): smaller, as in the HTML.
                    "<w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/>")
        case .tableText:
            return ("Table Text", .normal, "<w:spacing w:after=\"0\" w:line=\"228\" w:lineRule=\"auto\"/>", "<w:sz w:val=\"16\"/><w:szCs w:val=\"16\"/>")
        case .tableHeading:
            return ("Table Heading", .tableText, "<w:keepNext/>", "<w:b/><w:bCs/>")
        case .cellDetail:
            return ("Cell Detail", .tableText, "<w:spacing w:before=\"20\"/>", "<w:color w:val=\"444444\"/><w:sz w:val=\"14\"/><w:szCs w:val=\"14\"/>")
        case .fieldLabel:
            return ("Field Label", .tableText, "", "<w:color w:val=\"444444\"/><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/>")
        case .fieldValue:
            return ("Field Value", .tableText, "", "<w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/>")
        case .signatureCaption:
            return ("Signature Caption", .tableText, "<w:jc w:val=\"center\"/>", "<w:color w:val=\"555555\"/><w:sz w:val=\"16\"/><w:szCs w:val=\"16\"/>")
        case .footer:
            return ("footer", .normal, "<w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>",
                    "<w:color w:val=\"555555\"/><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/>")
        case .spacer:
            return ("Table Spacer", .normal, "<w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>", "<w:sz w:val=\"12\"/><w:szCs w:val=\"12\"/>")
        }
    }

    private static func tableStyle(_ style: Table) -> String {
        var out = "<w:style w:type=\"table\" w:styleId=\"\(style.rawValue)\">"
        switch style {
        case .grid:
            let side = "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"666666\""
            out += "<w:name w:val=\"Table Grid\"/><w:pPr><w:spacing w:after=\"0\"/></w:pPr>"
            out += "<w:tblPr><w:tblBorders><w:top \(side)/><w:left \(side)/><w:bottom \(side)/><w:right \(side)/>"
            out += "<w:insideH \(side)/><w:insideV \(side)/></w:tblBorders>"
            out += "<w:tblCellMar><w:top w:w=\"20\" w:type=\"dxa\"/><w:left w:w=\"57\" w:type=\"dxa\"/>"
            out += "<w:bottom w:w=\"20\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>"
        case .plain:
            out += "<w:name w:val=\"Plain Table\"/><w:pPr><w:spacing w:after=\"0\"/></w:pPr>"
            out += "<w:tblPr><w:tblBorders><w:top w:val=\"nil\"/><w:left w:val=\"nil\"/><w:bottom w:val=\"nil\"/><w:right w:val=\"nil\"/>"
            out += "<w:insideH w:val=\"nil\"/><w:insideV w:val=\"nil\"/></w:tblBorders>"
            out += "<w:tblCellMar><w:top w:w=\"20\" w:type=\"dxa\"/><w:left w:w=\"0\" w:type=\"dxa\"/>"
            out += "<w:bottom w:w=\"20\" w:type=\"dxa\"/><w:right w:w=\"113\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>"
        }
        return out + "</w:style>"
    }

    static let numbering: String = {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:numbering \(namespaces)>"
        out += "<w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"singleLevel\"/>"
        out += "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"•\"/><w:lvlJc w:val=\"left\"/>"
        out += "<w:pPr><w:ind w:left=\"425\" w:hanging=\"283\"/></w:pPr>"
        out += "<w:rPr><w:rFonts w:ascii=\"\(font)\" w:hAnsi=\"\(font)\" w:cs=\"\(font)\" w:hint=\"default\"/></w:rPr></w:lvl></w:abstractNum>"
        out += "<w:num w:numId=\"\(bulletNumID)\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>"
        return out
    }()
}
