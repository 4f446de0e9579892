/// The fixed parts of a `.docx` package and the few that depend on the document: content
/// types, relationships, settings, footer, core and app properties.
enum DocxPackage {
    static let footerID = "rId4"
    private static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    private static let officeRelationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

    static let contentTypes: String = {
        let wml = "application/vnd.openxmlformats-officedocument.wordprocessingml."
        var out = header + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        out += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        out += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        let overrides = [
            ("/word/document.xml", wml + "document.main+xml"),
            ("/word/styles.xml", wml + "styles+xml"),
            ("/word/numbering.xml", wml + "numbering+xml"),
            ("/word/settings.xml", wml + "settings+xml"),
            ("/word/footer1.xml", wml + "footer+xml"),
            ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
            ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
        ]
        for (part, type) in overrides { out += "<Override PartName=\"\(part)\" ContentType=\"\(type)\"/>" }
        return out + "</Types>"
    }()

    static let packageRelationships = relationships([
        ("rId1", officeRelationship + "officeDocument", "word/document.xml"),
        ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml"),
        ("rId3", officeRelationship + "extended-properties", "docProps/app.xml"),
    ])

    static let documentRelationships = relationships([
        ("rId1", officeRelationship + "styles", "styles.xml"),
        ("rId2", officeRelationship + "numbering", "numbering.xml"),
        ("rId3", officeRelationship + "settings", "settings.xml"),
        (footerID, officeRelationship + "footer", "footer1.xml"),
    ])

    private static func relationships(_ list: [(id: String, type: String, target: String)]) -> String {
        var out = header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for r in list { out += "<Relationship Id=\"\(r.id)\" Type=\"\(r.type)\" Target=\"\(r.target)\"/>" }
        return out + "</Relationships>"
    }

    /// Automatic hyphenation off: Word must not break Russian words at line ends. The
    /// compatibility mode of Word 2013+ keeps a table's border on the text margin.
    static func settings(lang: String) -> String {
        var out = header + "<w:settings \(DocxStyles.namespaces)>"
        out += "<w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"708\"/><w:autoHyphenation w:val=\"false\"/>"
        out += "<w:characterSpacingControl w:val=\"doNotCompress\"/>"
        out += "<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
        out += "<w:themeFontLang w:val=\"\(lang)\"/>"
        return out + "</w:settings>"
    }

    /// The footer of every page: the document's footer line, and the page number («Стр. 2 из 5»)
    /// at the right margin.
    static func footer(_ line: String?, page: DocxPage, text: PlanText) -> String {
        var out = header + "<w:ftr \(DocxStyles.namespaces)><w:p><w:pPr><w:pStyle w:val=\"\(DocxStyles.Paragraph.footer.rawValue)\"/>"
        out += "<w:pBdr><w:top w:val=\"single\" w:sz=\"4\" w:space=\"4\" w:color=\"CCCCCC\"/></w:pBdr>"
        out += "<w:tabs><w:tab w:val=\"right\" w:pos=\"\(page.textWidth)\"/></w:tabs><w:suppressAutoHyphens/></w:pPr>"
        if let line, !line.isEmpty { out += DocxRuns.run(line) }
        let parts = text.pageNumberParts
        out += "<w:r><w:tab/></w:r>" + DocxRuns.run(parts.before)
        out += "<w:fldSimple w:instr=\" PAGE \"><w:r><w:t>1</w:t></w:r></w:fldSimple>"
        out += DocxRuns.run(parts.between)
        out += "<w:fldSimple w:instr=\" NUMPAGES \"><w:r><w:t>1</w:t></w:r></w:fldSimple>"
        return out + "</w:p></w:ftr>"
    }

    /// The title and language only: no dates, so the same document gives the same bytes.
    static func core(title: String, lang: String) -> String {
        var out = header + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
        out += "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
        out += "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
        out += "<dc:title>\(XMLEscape.text(title))</dc:title><dc:creator>riskmap</dc:creator><dc:language>\(lang)</dc:language>"
        return out + "</cp:coreProperties>"
    }

    static let app = header
        + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
        + "<Application>riskmap</Application></Properties>"
}
