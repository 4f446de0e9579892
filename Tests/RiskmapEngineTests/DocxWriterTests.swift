import Foundation
import Testing
@testable import RiskmapEngine
import RiskmapLanguage

/// The Word writer: the package read back with the project's ZIP reader, every part parsed
/// by XMLParser, page, tables, hyphenation, determinism, hostile text and every block kind.
@Suite struct DocxWriterTests {
    static let samples: [(String, Document)] = [
        ("plan", DocxSamples.schoolPlan()),
        ("plan-en", DocxSamples.schoolPlan(lang: .en)),
        ("roadmap", DocxSamples.roadmap()),
        ("every-kind", everyKind(.ru)),
        ("every-kind-en", everyKind(.en)),
        ("empty", Document(title: "", lang: .ru)),
    ]

    /// One block of every kind, with the corner cases of each.
    static func everyKind(_ lang: Lang) -> Document {
        Document(title: "Все блоки", lang: lang, blocks: [
            .heading(level: 1, [.text("Заголовок 1")]),
            .heading(level: 2, [.text("Заголовок 2")]),
            .heading(level: 3, [.text("Заголовок 3")]),
            .heading(level: 9, [.text("Слишком глубокий")]),
            .heading(level: -1, [.text("Отрицательный")]),
            .paragraph([.text("Обычный "), .strong("жирный"), .text(" и "), .link("ссылка", target: "../summary.html")], .body),
            .paragraph([.text("Подзаголовок")], .subtitle),
            .paragraph([.text("Примечание\tс табуляцией\nи переносом\r\nстроки\u{AD}мягкий")], .note),
            .paragraph([.text("Предупреждение")], .warning),
            .paragraph([.status("сработал", code: "triggered"), .status("не определён", code: "unknown"),
                        .status("не сработал", code: "not_triggered"), .status("не применяется", code: "not_applicable"),
                        .status("?", code: "something-new")], .body),
            .bullets([[.text("первый")], [.strong("второй"), .text(" пункт")]]),
            .bullets([]),
            .fields([Document.Field("Школа", [.text("СОШ № 1")]), Document.Field("Год", [])]),
            .fields([]),
            .pageBreak,
            .table(Document.Table(name: "t", columns: [
                Document.Column("№", weight: 1, alignment: .trailing),
                Document.Column("Мероприятие", weight: 0),
                Document.Column("Огромный вес", weight: Int.max),
                Document.Column("Отметка об исполнении", weight: -5, fillIn: true),
            ], rows: [
                [Document.Cell("1"), Document.Cell("Мероприятие", detail: "устраняет: фактор"), Document.Cell(""), Document.Cell("не видно")],
                [Document.Cell("2"), Document.Cell([], detail: [.text("только деталь")]), Document.Cell("x"), Document.Cell("")],
            ])),
            .table(Document.Table(name: "no-rows", columns: [Document.Column("Один", weight: 1)], rows: [])),
            .table(Document.Table(name: "no-columns", columns: [], rows: [[], []])),
            .pageBreak,
            .pageBreak,
            .signatures([Document.Signature(role: "Директор школы", name: "И. И. Иванов"), Document.Signature(role: "Руководитель МОУО")]),
            .signatures([]),
            .pageBreak,
        ], footer: "Подвал «документа» & <теги>")
    }

    @Test func thePackageHasEveryPartWithItsContentType() throws {
        let package = try DocxReadBack(DocxWriter.render(DocxSamples.schoolPlan()))
        #expect(package.names == DocxWriter.partNames)
        let types = package["[Content_Types].xml"]
        #expect(types.contains("<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"))
        for name in package.names where !name.hasSuffix(".rels") && name != "[Content_Types].xml" {
            #expect(types.contains("<Override PartName=\"/\(name)\""), "\(name) has no content type")
        }
        #expect(types.contains("wordprocessingml.document.main+xml"))
        // Every relationship's target is in the package.
        for (rels, folder) in [("_rels/.rels", ""), ("word/_rels/document.xml.rels", "word/")] {
            for target in package[rels].components(separatedBy: "Target=\"").dropFirst().map({ String($0.prefix { $0 != "\"" }) }) {
                #expect(package.names.contains(folder + target), "\(rels) → \(target)")
            }
        }
        #expect(package.document.contains("r:id=\"\(DocxPackage.footerID)\""))
    }

    @Test(arguments: samples.map(\.0))
    func everyPartIsWellFormed(_ name: String) throws {
        let doc = try #require(Self.samples.first { $0.0 == name }?.1)
        let package = try DocxReadBack(DocxWriter.render(doc))
        for part in package.names {
            let (_, error) = DocxReadBack.parse(package[part])
            #expect(error == nil, "\(name): \(part): \(error ?? "")")
            #expect(package[part].hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"), "\(part)")
        }
    }

    @Test func pageSizeAndOrientation() throws {
        let portrait = try DocxReadBack(DocxWriter.render(DocxSamples.schoolPlan())).document
        #expect(portrait.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"))
        let landscape = try DocxReadBack(DocxWriter.render(DocxSamples.roadmap())).document
        #expect(landscape.contains("<w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/>"))
        // Margins between 12 and 20 mm (680–1134 twips).
        for m in ["top", "right", "bottom", "left"] {
            let value = portrait.components(separatedBy: "w:\(m)=\"").dropFirst().first.flatMap { Int($0.prefix { $0 != "\"" }) }
            #expect((680...1134).contains(value ?? 0), "\(m): \(value ?? -1)")
        }
    }

    @Test(arguments: samples.map(\.0))
    func tablesSpanTheTextWidth(_ name: String) throws {
        let doc = try #require(Self.samples.first { $0.0 == name }?.1)
        let package = try DocxReadBack(DocxWriter.render(doc))
        let textWidth = DocxPage(doc.orientation).textWidth
        for grid in package.gridWidths {
            #expect(grid.reduce(0, +) == textWidth, "\(name): \(grid)")
            #expect(grid.allSatisfy { $0 > 0 }, "\(name): \(grid)")
        }
        #expect(package.document.components(separatedBy: "<w:tblW w:w=\"\(textWidth)\" w:type=\"dxa\"/>").count - 1 == package.gridWidths.count)
        #expect(package.document.components(separatedBy: "<w:tblLayout w:type=\"fixed\"/>").count - 1 == package.gridWidths.count)
    }

    @Test func onlyTheFirstRowIsAHeaderAndNoRowSplits() throws {
        let package = try DocxReadBack(DocxWriter.render(DocxSamples.schoolPlan()))
        let bordered = package.tableRows.filter { $0.first?.contains("<w:shd") == true }
        #expect(bordered.count == 2)
        for rows in bordered {
            #expect(rows[0].contains("<w:tblHeader/>"))
            #expect(rows[0].contains("w:fill=\"E9ECEF\""))
            #expect(rows.dropFirst().allSatisfy { !$0.contains("<w:tblHeader/>") })
        }
        // Header rows stay whole; body rows of the bordered tables may break across pages.
        #expect(bordered.allSatisfy { $0[0].contains("<w:cantSplit/>") && !$0.dropFirst().contains { $0.contains("<w:cantSplit/>") } })
        #expect(bordered[1].count == DocxSamples.measures.count + 1)
    }

    @Test func wordsAreNeverHyphenatedAutomatically() throws {
        let package = try DocxReadBack(DocxWriter.render(DocxSamples.schoolPlan()))
        #expect(package["word/settings.xml"].contains("<w:autoHyphenation w:val=\"false\"/>"))
        for part in ["word/document.xml", "word/footer1.xml"] {
            let paragraphs = package[part].components(separatedBy: "<w:p>").count - 1
            #expect(paragraphs > 0)
            #expect(package[part].components(separatedBy: "<w:suppressAutoHyphens/>").count - 1 == paragraphs, "\(part)")
        }
        #expect(package["word/styles.xml"].contains("<w:lang w:val=\"ru-RU\""))
        #expect(package["word/settings.xml"].contains("<w:themeFontLang w:val=\"ru-RU\"/>"))
        let en = try DocxReadBack(DocxWriter.render(DocxSamples.schoolPlan(lang: .en)))
        #expect(en["word/styles.xml"].contains("<w:lang w:val=\"en-US\""))
    }

    @Test func sameDocumentSameBytes() throws {
        for (name, doc) in Self.samples {
            #expect(DocxWriter.render(doc) == DocxWriter.render(doc), "\(name)")
        }
        #expect(DocxWriter.render(DocxSamples.schoolPlan()) != DocxWriter.render(DocxSamples.schoolPlan(lang: .en)))
        // No dates in the core properties.
        let core = try DocxReadBack(DocxWriter.render(DocxSamples.schoolPlan()))["docProps/core.xml"]
        #expect(!core.contains("dcterms:created") && !core.contains("dcterms:modified"))
        #expect(core.contains("<dc:title>План поддержки школы: МБОУ «Асиновская средняя общеобразовательная школа № 4»</dc:title>"))
    }

    static let hostileNames = [
        "Школа <b>№1</b> & «Ко\"рень»",
        "]]><w:p>инъекция</w:p><![CDATA[",
        "Управляющие\u{0}\u{1}\u{8}\u{B}\u{C}\u{1F}символы",
        "\u{202E}ьлокш\u{202C} \u{2066}изоляция\u{2069} \u{200F}",
        "Не\u{FFFE}символы\u{FFFF} 😀 e\u{301} \u{7F}\u{85}",
        "&amp; &#0; &lt;",
    ]

    /// What the reader must see of a hostile name: the text without what XML forbids.
    static func visible(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.filter {
            !($0.value < 0x20 || $0 == "\u{FFFE}" || $0 == "\u{FFFF}" || $0 == "\u{85}")
        }))
    }

    @Test(arguments: hostileNames)
    func hostileTextStaysTextInEveryPlace(_ name: String) throws {
        var doc = DocxSamples.schoolPlan(name: name)
        doc.footer = name
        doc.blocks.append(.signatures([Document.Signature(role: name, name: name)]))
        doc.blocks.append(.table(Document.Table(name: name, columns: [Document.Column(name, weight: 1)],
                                                rows: [[Document.Cell([.status(name, code: name)], detail: [.link(name, target: name)])]])))
        let package = try DocxReadBack(DocxWriter.render(doc))
        for part in package.names {
            let (_, error) = DocxReadBack.parse(package[part])
            #expect(error == nil, "\(part): \(error ?? "")")
        }
        let text = package.visibleText
        #expect(text.contains(Self.visible(name)), "\(name.debugDescription) not in the text")
        #expect(DocxReadBack.parse(package["word/footer1.xml"]).collector?.text.contains(Self.visible(name)) == true)
        #expect(!package.document.contains("<w:p>инъекция"))
    }

    @Test func everyBlockKindRendersAsWordExpects() throws {
        let package = try DocxReadBack(DocxWriter.render(Self.everyKind(.ru)))
        let d = package.document
        for style in ["Heading1", "Heading2", "Heading3", "Subtitle", "Note", "Warning", "ListBullet", "FieldLabel"] {
            #expect(d.contains("<w:pStyle w:val=\"\(style)\"/>"), "\(style)")
            #expect(package["word/styles.xml"].contains("w:styleId=\"\(style)\""), "\(style)")
        }
        // Levels outside 1–3 are clamped.
        #expect(d.components(separatedBy: "<w:pStyle w:val=\"Heading3\"/>").count - 1 == 2)
        #expect(d.components(separatedBy: "<w:pStyle w:val=\"Heading1\"/>").count - 1 == 2)
        #expect(d.contains("<w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">жирный</w:t>"))
        #expect(d.contains("<w:tab/>") && d.contains("<w:br/>") && d.contains("<w:softHyphen/>"))
        #expect(d.components(separatedBy: "<w:br/>").count - 1 == 2, "CRLF is one break")
        // Status chips: the HTML colours; an unknown code looks neutral.
        for fill in ["FDE2E1", "FFF4D6", "E6F4EA", "F1F3F5"] { #expect(d.contains("w:fill=\"\(fill)\""), "\(fill)") }
        #expect(d.components(separatedBy: "w:fill=\"F1F3F5\"").count - 1 == 2)
        // Bullets use the numbering part.
        #expect(package["word/numbering.xml"].contains("<w:numFmt w:val=\"bullet\"/>"))
        #expect(d.components(separatedBy: "<w:pStyle w:val=\"ListBullet\"/>").count - 1 == 2)
        // Page breaks start the next block's page; two in a row keep an empty page; none at the end.
        #expect(d.components(separatedBy: "<w:pageBreakBefore/>").count - 1 == 3)
        #expect(!d.contains("w:type=\"page\""))
        // The table: a trailing column right-aligned, an empty cell «—», a fill-in column
        // empty with room to write, details as a second paragraph.
        let rows = try #require(package.tableRows.first { $0.first?.contains("Отметка об исполнении") == true })
        #expect(rows.count == 3)
        #expect(rows[1].contains("<w:trHeight w:val=\"680\" w:hRule=\"atLeast\"/>"))
        #expect(rows[1].contains("<w:jc w:val=\"right\"/></w:pPr><w:r><w:t xml:space=\"preserve\">1</w:t>"))
        #expect(rows[1].contains(">—</w:t>"))
        #expect(!rows[1].contains("не видно"))
        #expect(rows[1].contains("<w:pStyle w:val=\"CellDetail\"/>"))
        #expect(rows[2].contains(">—</w:t>") && rows[2].contains("только деталь"))
        // A table without rows is its header; one without columns is left out.
        #expect(package.tableRows.contains { $0.count == 1 && $0[0].contains(">Один<") })
        // Signatures: the wording of the document's language, a named signatory's name.
        let text = PlanText(.ru)
        #expect(d.contains(text.signatureCaption) && d.contains(text.nameCaption) && d.contains(XMLEscape.text(text.signDateLine)))
        #expect(d.contains("И. И. Иванов"))
        let en = try DocxReadBack(DocxWriter.render(Self.everyKind(.en))).document
        #expect(en.contains(PlanText(.en).signatureCaption) && !en.contains(text.signatureCaption))
        // The footer: its line and the page number fields.
        let footer = package["word/footer1.xml"]
        #expect(footer.contains("Подвал «документа» &amp; &lt;теги&gt;"))
        #expect(footer.contains("<w:fldSimple w:instr=\" PAGE \">") && footer.contains("<w:fldSimple w:instr=\" NUMPAGES \">"))
    }

    @Test func anEmptyDocumentIsStillAWordDocument() throws {
        let package = try DocxReadBack(DocxWriter.render(Document(title: "", lang: .en)))
        #expect(package.document.contains("<w:body><w:p>"))
        #expect(package["word/footer1.xml"].contains("Page "))
    }

    @Test func columnsKeepTheirLongestWordAndTheirShare() {
        // A wide word in a light column takes width from the heavy one.
        let w = ColumnWidths.widths(weights: [1, 9], minimums: [3000, 100], total: 10_000)
        #expect(w == [3000, 7000])
        // Minimums that fit leave the weights alone.
        #expect(ColumnWidths.widths(weights: [1, 1], minimums: [100, 100], total: 1001) == [501, 500])
        // Minimums that cannot all fit: the weights decide.
        #expect(ColumnWidths.widths(weights: [1, 3], minimums: [900, 900], total: 1000) == [250, 750])
        // Every column at its minimum: the rest by weight.
        #expect(ColumnWidths.widths(weights: [1, 1, 2], minimums: [300, 300, 300], total: 1000).reduce(0, +) == 1000)
        #expect(ColumnWidths.shares([0, -3, Int.max], total: 9922).reduce(0, +) == 9922)
        #expect(ColumnWidths.shares([], total: 100) == [])
        // «ежеквартально» at 10 pt is about 7.1 em = 1,420 twips.
        #expect((1380...1460).contains(ColumnWidths.longestWord("раз ежеквартально", halfPoints: 20, bold: false)))
        #expect(ColumnWidths.longestWord("Педагог-психолог", halfPoints: 20, bold: false)
            < ColumnWidths.longestWord("Педагогпсихолог", halfPoints: 20, bold: false))
    }

    /// The HTML page gives its columns the widths Word gets: a light column holding a long
    /// word («квалификации» in a deadline) is widened to the word, not broken inside it as the
    /// weights alone made it (the bug: «квалификац-ии» in Chromium's print of TOM-07).
    @Test func htmlColumnsKeepTheirLongestWordAsWordDoes() {
        let table = Document.Table(name: "t", columns: [Document.Column("Мероприятие", weight: 30), Document.Column("Срок", weight: 1)],
                                   rows: [[Document.Cell("Повышение квалификации"), Document.Cell("по плану повышения квалификации")]])
        let html = DocumentHTML.render(Document(title: "t", lang: .ru, blocks: [.table(table)]))
        let total = DocxPage(.portrait).textWidth
        let widths = ColumnWidths.widths(table, total: total)
        #expect(widths[1] >= ColumnWidths.longestWord("квалификации", halfPoints: 16, bold: false))
        let shares = widths.map { NumberFormat.decimal(Double($0) * 100 / Double(total), digits: 1, lang: .en) }
        #expect(html.contains("<colgroup><col style=\"width:\(shares[0])%\"><col style=\"width:\(shares[1])%\"></colgroup>"))
        // Weights alone would give the deadline 1/31 of the page: about 3 %.
        #expect((Double(widths[1]) / Double(total)) > 0.06)
        // A number column keeps its cells on one line in the HTML (`td.num`): measured whole,
        // and its header may wrap (the report template's «Базовое значение» ran into the next
        // header when it could not).
        let numbers = Document.Table(name: "n", columns: [Document.Column("Показатель", weight: 30),
                                                          Document.Column("Базовое значение", weight: 1, alignment: .trailing)],
                                     rows: [[Document.Cell("ВПР"), Document.Cell("не выше 25 %")]])
        let numberWidths = ColumnWidths.widths(numbers, total: total)
        #expect(numberWidths[1] >= ColumnWidths.longestWord("не\u{A0}выше\u{A0}25\u{A0}%", halfPoints: 16, bold: false))
        #expect(DocumentHTML.documentCSS.contains("table.doc th.num { white-space: normal }"))
        // Text kept on one line: a space counts as the no-break space it renders as.
        #expect(ColumnWidths.longestWord("не выше 25 %", halfPoints: 16, bold: false, breaksAtSpaces: false)
            == ColumnWidths.longestWord("не\u{A0}выше\u{A0}25\u{A0}%", halfPoints: 16, bold: false))
        #expect(ColumnWidths.longestWord("не выше 25 %", halfPoints: 16, bold: false)
            < ColumnWidths.longestWord("не выше 25 %", halfPoints: 16, bold: false, breaksAtSpaces: false))
    }

    /// Writes the sample documents where `RISKMAP_DOCX_OUT` says, for looking at them in
    /// Word or LibreOffice; does nothing otherwise.
    @Test func writeSamplesForLooking() throws {
        guard let folder = ProcessInfo.processInfo.environment["RISKMAP_DOCX_OUT"] else { return }
        for (name, doc) in Self.samples {
            try Data(DocxWriter.render(doc)).write(to: URL(fileURLWithPath: folder + "/\(name).docx"))
        }
    }
}

extension DocxWriterTests {
    /// The time to render a school plan: `RISKMAP_DOCX_PERF=1 swift test -c release --filter perfProbe`
    /// (about 3 ms and 11 KB per plan on the development machine, two thirds of it DEFLATE).
    @Test func perfProbe() {
        guard ProcessInfo.processInfo.environment["RISKMAP_DOCX_PERF"] != nil else { return }
        let doc = DocxSamples.schoolPlan()
        let start = Date()
        var n = 0
        for _ in 0..<50 { n += DocxWriter.render(doc).count }
        print("PERF", Date().timeIntervalSince(start) / 50 * 1000, "ms per plan", n / 50)
    }
}
