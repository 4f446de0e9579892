import RiskmapLanguage

/// A `Document` as a Word `.docx` file (Office Open XML, ISO/IEC 29500 transitional):
/// the smallest package Word and LibreOffice open without complaint — body, styles,
/// numbering for bullets, settings, a footer with page numbers, core and app properties —
/// in a ZIP archive. No dates anywhere, entries in a fixed order: the same document
/// gives the same bytes.
///
/// The integrator's line: `bundle.add("schools/\(name).docx", DocxWriter.render(doc))`.
public enum DocxWriter {
    /// The package's parts in the order they are written (`[Content_Types].xml` first, as
    /// tools that sniff the format expect).
    static let partNames = [
        "[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
        "word/styles.xml", "word/numbering.xml", "word/settings.xml", "word/footer1.xml",
        "docProps/core.xml", "docProps/app.xml",
    ]

    public static func render(_ doc: Document) -> [UInt8] {
        if let bytes = try? archive(doc) { return bytes }
        // Only a document of gigabytes gets here (no ZIP64): a short one saying so instead.
        let text = PlanText(doc.lang)
        let short = Document(title: doc.title, lang: doc.lang, orientation: doc.orientation,
                             blocks: [.paragraph([.text(text.wordTooLarge)], .warning)], footer: doc.footer)
        return (try? archive(short)) ?? []
    }

    /// Every part's text by name, in `partNames` order.
    static func parts(_ doc: Document) -> [(name: String, xml: String)] {
        let text = PlanText(doc.lang)
        let page = DocxPage(doc.orientation)
        var body = DocxBody(page: page, text: text)
        body.add(doc.blocks)
        let xml: [String: String] = [
            "[Content_Types].xml": DocxPackage.contentTypes,
            "_rels/.rels": DocxPackage.packageRelationships,
            "word/document.xml": body.documentXML(footerID: DocxPackage.footerID),
            "word/_rels/document.xml.rels": DocxPackage.documentRelationships,
            "word/styles.xml": DocxStyles.styles(lang: text.wordLang),
            "word/numbering.xml": DocxStyles.numbering,
            "word/settings.xml": DocxPackage.settings(lang: text.wordLang),
            "word/footer1.xml": DocxPackage.footer(doc.footer, page: page, text: text),
            "docProps/core.xml": DocxPackage.core(title: doc.title, lang: text.wordLang),
            "docProps/app.xml": DocxPackage.app,
        ]
        return partNames.map { ($0, xml[$0] ?? "") }
    }

    static func archive(_ doc: Document) throws(ZipWriter.Failure) -> [UInt8] {
        var zip = ZipWriter()
        for (name, xml) in parts(doc) { zip.add(name, xml) }
        return try zip.archive()
    }
}
