import Foundation
import Testing
@testable import RiskmapEngine
import RiskmapLanguage
import RiskmapPlatform

/// Excel workbooks read as tables: cell types and formats, the layout behind cell names,
/// sheet choice, damaged files, and what other binary files are called.
@Suite struct WorkbookTests {
    static func table(_ builder: WorkbookBuilder, sheet: String? = nil) -> (CSVTable?, [Diagnostic]) {
        WorkbookReader.table(TextBytes(builder.bytes), path: "data.xlsx", sheet: sheet)
    }

    /// Every cell of the table, header first, as the loader reads them.
    static func cells(_ table: CSVTable) -> [[String]] {
        [(0..<table.columnCount).map { table.header($0) }]
            + (0..<table.rowCount).map { r in (0..<table.fieldCount(row: r)).map { table.field(row: r, column: $0) } }
    }

    @Test func cellTypesAndFormats() throws {
        var b = WorkbookBuilder()
        b.sharedStrings = ["school_id", "name", "<r><t>МБОУ «СОШ</t></r><r><t xml:space=\"preserve\"> № 1»</t></r><rPh><t>ふりがな</t></rPh>",
                           "a_x000D_b", "Tom &amp; Jerry"]
        b.cellFormats = [0, 9, 14, 165, 166, 10]
        b.customFormats = [(165, "0.0%"), (166, "dd\\.mm\\.yyyy;@")]
        b.sheets = [("Лист1", WorkbookBuilder.sheet("""
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>value</t></is></c></row>\
            <row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" s="1"><v>0.35</v></c><c r="C2"><v>1.2345E-5</v></c></row>\
            <row r="3"><c t="s"><v>3</v></c><c s="2"><v>45901</v></c><c><v>0.35000000000000003</v></c></row>\
            <row r="5"><c r="C5" t="b"><v>1</v></c><c r="A5" t="e"><v>#N/A</v></c><c r="B5" t="d"><v>2025-09-01T00:00:00</v></c></row>\
            <row r="6"><c r="A6" t="str"><f>A1&amp;"x"</f><v>school_idx</v></c><c r="B6" s="3"><v>0.123</v></c><c r="C6" s="4"><v>45901.5</v></c></row>\
            <row r="7"><c r="A7" t="inlineStr"><is><t>tab\there "quoted"</t></is></c><c r="B7" t="s"><v>4</v></c><c r="C7" s="5"><v>-1E+20</v></c></row>\
            <row r="8"><c r="A8" s="1"/><c r="B8" t="s"><v>4</v></c></row>
            """))]
        let (table, diagnostics) = Self.table(b)
        #expect(diagnostics.isEmpty, "\(diagnostics.map { $0.message.text(.en) })")
        let t = try #require(table)
        #expect(Self.cells(t) == [
            ["school_id", "name", "value"],
            ["МБОУ «СОШ № 1»", "35%", "0.000012345"],
            ["a\rb", "01.09.2025", "0.35"],
            ["#N/A", "01.09.2025", "TRUE"],
            ["school_idx", "12.3%", "01.09.2025 12:00"],
            ["tab\there \"quoted\"", "Tom & Jerry", "-10000000000000000000000%"],
            ["", "Tom & Jerry", ""],
        ])
        // The sheet's row N is the text's line N: row 5 is on line 5 (row 4 is empty).
        #expect(t.line(ofRow: 2) == 5)
    }

    @Test func diagnosticsNameTheCell() throws {
        var b = WorkbookBuilder()
        b.sheets = [("Мой лист", WorkbookBuilder.sheet("""
            <row r="2"><c r="B2" t="inlineStr"><is><t>id</t></is></c><c r="D2" t="inlineStr"><is><t>pupils</t></is></c></row>\
            <row r="7"><c r="B7" t="inlineStr"><is><t>S1</t></is></c><c r="D7" t="inlineStr"><is><t>много</t></is></c></row>
            """))]
        let t = try #require(Self.table(b).0)
        #expect(t.fieldRange(row: 0, column: 3).cellName == "'Мой лист'!D7")
        #expect(t.headerRange(1).cellName == "'Мой лист'!B2")
        let d = Diagnostic.error(.profileBadValue(text: "много", expected: .count), at: t.fieldRange(row: 0, column: 3))
        #expect(DiagnosticRenderer(lang: .ru).render(d).hasPrefix("data.xlsx: 'Мой лист'!D7: ошибка: значение «много» не подходит"))
        let json = DiagnosticRenderer(lang: .en).json([d])
        #expect(json.contains("\"cell\": \"'Мой лист'!D7\"") && json.contains("\"line\": 7") && json.contains("\"column\": 4"))
        #expect(SheetLayout.columnLetters(0) == "A" && SheetLayout.columnLetters(25) == "Z" && SheetLayout.columnLetters(26) == "AA"
                && SheetLayout.columnLetters(16383) == "XFD")
    }

    @Test func sheetChoice() throws {
        var b = WorkbookBuilder()
        b.sheets = [("Пояснения", WorkbookBuilder.sheet("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>см. лист Данные</t></is></c></row>")),
                    ("Данные", WorkbookBuilder.sheet("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>school_id</t></is></c></row>"))]
        #expect(try #require(Self.table(b).0).header(0) == "см. лист Данные")
        #expect(try #require(Self.table(b, sheet: "Данные").0).header(0) == "school_id")
        #expect(try #require(Self.table(b, sheet: "данные").0).header(0) == "school_id")
        let (none, diagnostics) = Self.table(b, sheet: "Лист9")
        #expect(none == nil)
        #expect(diagnostics.first?.message.text(.ru) == "в книге нет листа «Лист9» (есть: «Пояснения», «Данные»)")
        #expect(WorkbookReader.sheetNames(TextBytes(b.bytes)) == ["Пояснения", "Данные"])
    }

    @Test func damagedWorkbooksAreOneClearError() throws {
        var b = WorkbookBuilder()
        b.sheets = [("Лист1", WorkbookBuilder.sheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"))]
        let good = b.bytes
        // Cut short: no central directory.
        let (t1, d1) = WorkbookReader.table(TextBytes(Array(good.prefix(good.count / 2))), path: "x.xlsx", sheet: nil)
        #expect(t1 == nil && d1.count == 1 && d1[0].message.kind == .workbookUnreadable && d1[0].help?.kind == .workbookHelp)
        // Malformed sheet XML.
        b.sheets = [("Лист1", "<worksheet><sheetData><row r=\"1\"><c r=\"A1\"")]
        #expect(Self.table(b).1.first?.message.kind == .workbookUnreadable)
        // A cell reference beyond Excel's columns.
        b.sheets = [("Лист1", WorkbookBuilder.sheet("<row r=\"1\"><c r=\"ZZZZ1\"><v>1</v></c></row>"))]
        #expect(Self.table(b).1.first?.message.kind == .workbookUnreadable)
        // No worksheet at all.
        b.sheets = []
        #expect(Self.table(b).1.first?.message.kind == .workbookNoSheets)
        // An entry whose bytes do not match its CRC-32.
        let parts = WorkbookBuilder(sheets: [("Лист1", WorkbookBuilder.sheet(""))]).parts
        let i = parts.firstIndex { $0.0 == "xl/workbook.xml" }!
        let entries = parts.enumerated().map { k, p in
            (name: p.0, data: p.1, method: 0, size: p.1.count, crc: k == i ? CRC32.checksum(p.1) ^ 1 : CRC32.checksum(p.1))
        }
        #expect(WorkbookReader.table(TextBytes(WorkbookBuilder.zip(entries)), path: "x.xlsx", sheet: nil).1.first?.message.kind == .workbookUnreadable)
    }

    @Test func deflatedParts() throws {
        // A sheet compressed by zlib (fixed Huffman): "<sheetData/>" would do, but the
        // LibreOffice fixtures below use dynamic blocks; this checks method 8 + CRC-32 wiring.
        let stream = InflaterTests.bytes("4b4c4a0600")  // "abc"
        let zip = WorkbookBuilder.zip([(name: "a.txt", data: stream, method: 8, size: 3, crc: CRC32.checksum(Array("abc".utf8)))])
        #expect(try ZipArchive(TextBytes(zip)).extract("a.txt") == Array("abc".utf8))
        let wrongSize = WorkbookBuilder.zip([(name: "a.txt", data: stream, method: 8, size: 2, crc: CRC32.checksum(Array("abc".utf8)))])
        #expect(throws: ZipArchive.Failure.self) { try ZipArchive(TextBytes(wrongSize)).extract("a.txt") }
        let other = WorkbookBuilder.zip([(name: "a.txt", data: stream, method: 12, size: 3, crc: 0)])
        #expect(throws: ZipArchive.Failure.unsupported("compression method 12 (a.txt)")) { try ZipArchive(TextBytes(other)).extract("a.txt") }
    }

    @Test func libreOfficeWorkbooks() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let data = try #require(FileManager.default.contents(atPath: root.path + "/Tests/Fixtures/workbooks/starter-libreoffice.xlsx"))
        let (table, diagnostics) = WorkbookReader.table(TextBytes([UInt8](data)), path: "starter.xlsx", sheet: nil)
        #expect(diagnostics.isEmpty)
        let t = try #require(table)
        let cells = Self.cells(t)
        #expect(cells[0].last == "Выгружено")
        #expect(cells[1] == ["S1", "МБОУ «СОШ № 1»", "Северный", "2024/25", "СОШ", "500", "30", "1", "30%", "100", "1", "32.5", "70", "10", "01.09.2025"])
        #expect(cells[2][5] == "510", "a formula's cached value")
        #expect(cells[2][8] == "35.5%")
        #expect(t.fieldRange(row: 3, column: 13).cellName == "Данные!N5")
    }

    // MARK: - What a file is

    @Test func sniffing() throws {
        func kind(_ bytes: [UInt8]) -> InputSniffer.Kind { InputSniffer.kind(TextBytes(bytes)) }
        #expect(kind(Array("school_id;name\nS1;x\n".utf8)) == .text)
        #expect(kind([0xEF, 0xBB, 0xBF] + Array("id\n".utf8)) == .text)
        #expect(kind(Array("id;name\nS1;Школа\n".utf8).map { $0 }) == .text)
        #expect(kind(Array("%PDF-1.7\n".utf8)) == .other(.pdf))
        #expect(kind([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A]) == .other(.image))
        #expect(kind([0x7F, 0x45, 0x4C, 0x46, 2, 1]) == .other(.executable))
        #expect(kind([0x1F, 0x8B, 8, 0]) == .other(.archive))
        #expect(kind([0x00, 0x01, 0x02, 0x03]) == .other(.binary))
        #expect(kind([0xFF, 0xFE, 0x41, 0x00]) == .utf16(littleEndian: true))
        var b = WorkbookBuilder()
        b.sheets = [("Лист1", WorkbookBuilder.sheet(""))]
        #expect(kind(b.bytes) == .workbook)
        #expect(kind(Array(b.bytes.prefix(200))) == .workbook, "a cut-short workbook is still called one")
        #expect(kind(WorkbookBuilder.zip([("word/document.xml", Array("<w/>".utf8))])) == .other(.docx))
        #expect(kind(WorkbookBuilder.zip([("xl/workbook.bin", [1])])) == .other(.xlsb))
        #expect(kind(WorkbookBuilder.zip([("mimetype", Array("application/vnd.oasis.opendocument.spreadsheet".utf8))])) == .other(.ods))
        #expect(kind(WorkbookBuilder.zip([("notes.txt", Array("x".utf8))])) == .other(.zip))
        let ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 64)
        #expect(kind(ole + "Workbook".utf8.flatMap { [$0, 0] }) == .other(.xls))
        #expect(kind(ole + "EncryptedPackage".utf8.flatMap { [$0, 0] }) == .encryptedOffice)
        #expect(kind(ole + "WordDocument".utf8.flatMap { [$0, 0] }) == .other(.doc))
        // UTF-16 text becomes UTF-8.
        let utf16: [UInt8] = [0xFF, 0xFE] + "id\tшкола\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(Array(InputSniffer.utf8(fromUTF16: TextBytes(utf16), littleEndian: true)) == Array("id\tшкола\n".utf8))
    }

    // MARK: - Cell text

    @Test func numbersAsExcelShowsThem() {
        func n(_ raw: String, _ kind: CellText.NumberKind = .plain) -> String { CellText.number(raw, kind: kind, date1904: false) }
        #expect(n("12") == "12")
        #expect(n("-0.5") == "-0.5")
        #expect(n("1E-3") == "0.001")
        #expect(n("1.5E+3") == "1500")
        #expect(n("0.1000000000000000055511151231257827") == "0.1")
        #expect(n("123456789012345678") == "123456789012346000")
        #expect(n("0.99999999999999999") == "1")
        #expect(n("-0") == "0")
        #expect(n("0.35", .percent) == "35%")
        #expect(n("1", .percent) == "100%")
        #expect(n("0", .percent) == "0%")
        #expect(n("abc") == "abc")
        #expect(n("60", .date) == "29.02.1900")
        #expect(n("61", .date) == "01.03.1900")
        #expect(n("1", .date) == "01.01.1900")
        #expect(n("45901", .date) == "01.09.2025")
        #expect(CellText.number("0", kind: .date, date1904: true) == "01.01.1904")
        #expect(CellText.isoDate("2025-09-01") == "01.09.2025")
    }

    @Test func formatCodes() {
        #expect(CellText.NumberKind(formatID: 9, code: nil) == .percent)
        #expect(CellText.NumberKind(formatID: 14, code: nil) == .date)
        #expect(CellText.NumberKind(formatID: 2, code: nil) == .plain)
        #expect(CellText.NumberKind.classify("0.0%") == .percent)
        #expect(CellText.NumberKind.classify("dd\\.mm\\.yyyy") == .date)
        #expect(CellText.NumberKind.classify("[$-419]DD.MM.YYYY") == .date)
        #expect(CellText.NumberKind.classify("\"день\" 0") == .plain)
        #expect(CellText.NumberKind.classify("General") == .plain)
        #expect(CellText.NumberKind.classify("# ##0,00\\ \"₽\"") == .plain)
    }
}
