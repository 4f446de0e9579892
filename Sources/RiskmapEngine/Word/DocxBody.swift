import RiskmapLanguage

/// The body of `word/document.xml`: a document's blocks as WordprocessingML paragraphs and
/// tables, top to bottom.
struct DocxBody {
    typealias Style = DocxStyles.Paragraph

    let page: DocxPage
    let text: PlanText
    private(set) var xml = ""
    /// A `pageBreak` waiting for the next block, which then starts the new page itself (a
    /// break of its own would leave an empty line at the top of the page).
    private var pageBreakPending = false

    init(page: DocxPage, text: PlanText) {
        self.page = page
        self.text = text
    }

    /// The paragraph properties the writer sets, in the schema's order (Word rejects
    /// elements out of order).
    struct Paragraph {
        var style: Style
        var keepNext = false
        var pageBreakBefore = false
        var alignRight = false
        var alignCenter = false

        var properties: String {
            var out = "<w:pPr><w:pStyle w:val=\"\(style.rawValue)\"/>"
            if keepNext { out += "<w:keepNext/>" }
            if pageBreakBefore { out += "<w:pageBreakBefore/>" }
            // Word must never hyphenate Russian words on its own (a user may turn automatic
            // hyphenation on for the document); every paragraph says so, not only the styles.
            out += "<w:suppressAutoHyphens/>"
            if alignRight { out += "<w:jc w:val=\"right\"/>" } else if alignCenter { out += "<w:jc w:val=\"center\"/>" }
            return out + "</w:pPr>"
        }

        func xml(_ runs: String) -> String { "<w:p>" + properties + runs + "</w:p>" }
    }

    mutating func add(_ blocks: [Document.Block]) {
        for block in blocks { add(block) }
    }

    mutating func add(_ block: Document.Block) {
        switch block {
        case .heading(let level, let inlines):
            let style: Style = switch min(max(level, 1), 3) {
            case 1: .heading1
            case 2: .heading2
            default: .heading3
            }
            paragraph(Paragraph(style: style), DocxRuns.runs(inlines))
        case .paragraph(let inlines, let style):
            paragraph(Paragraph(style: Self.style(style)), DocxRuns.runs(inlines))
        case .bullets(let items):
            for item in items { paragraph(Paragraph(style: .listBullet), DocxRuns.runs(item)) }
        case .fields(let fields):
            guard !fields.isEmpty else { return }
            startPageIfPending()
            xml += DocxTable.fields(fields, page: page)
            spacer()
        case .table(let table):
            guard !table.columns.isEmpty else { return }
            startPageIfPending()
            xml += DocxTable.table(table, page: page, text: text)
            spacer()
        case .signatures(let signatures):
            guard !signatures.isEmpty else { return }
            startPageIfPending()
            xml += DocxTable.signatures(signatures, page: page, text: text)
            spacer()
        case .pageBreak:
            // A second break in a row keeps its empty page.
            if pageBreakPending { xml += Paragraph(style: .spacer, pageBreakBefore: true).xml("") }
            pageBreakPending = true
        }
    }

    /// The body, never empty (Word wants at least one paragraph), and the section
    /// properties that end it.
    func documentXML(footerID: String) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        out += "<w:document \(DocxStyles.namespaces)><w:body>"
        out += xml.isEmpty ? Paragraph(style: .normal).xml("") : xml
        out += page.sectionProperties(footerID: footerID)
        return out + "</w:body></w:document>"
    }

    static func style(_ style: Document.Style) -> Style {
        switch style {
        case .body: .normal
        case .subtitle: .subtitle
        case .note: .note
        case .warning: .warning
        }
    }

    private mutating func paragraph(_ p: Paragraph, _ runs: String) {
        var p = p
        p.pageBreakBefore = pageBreakPending
        pageBreakPending = false
        xml += p.xml(runs)
    }

    /// Before a table: a page break waiting goes on an empty thin paragraph (a table row
    /// cannot carry one).
    private mutating func startPageIfPending() {
        guard pageBreakPending else { return }
        pageBreakPending = false
        xml += Paragraph(style: .spacer, pageBreakBefore: true).xml("")
    }

    private mutating func spacer() {
        xml += Paragraph(style: .spacer).xml("")
    }
}
