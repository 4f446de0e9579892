import Foundation
@testable import RiskmapEngine

/// Builds small `.xlsx` files for tests: the parts as XML text, in a ZIP archive whose
/// entries are stored (or, for `deflate`, a raw DEFLATE stream given by the test).
struct WorkbookBuilder {
    var sheets: [(name: String, xml: String)] = []
    var sharedStrings: [String]?
    /// `cellXfs` number formats, in order; custom ones as (id, code).
    var cellFormats: [Int] = []
    var customFormats: [(Int, String)] = []
    var date1904 = false

    /// A sheet from rows of cells (`<c>` elements' inner XML and attributes, written by the test).
    static func sheet(_ rows: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\(rows)</sheetData></worksheet>
        """
    }

    var parts: [(String, [UInt8])] {
        var out: [(String, String)] = []
        out.append(("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"))
        out.append(("_rels/.rels", """
            <?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
            </Relationships>
            """))
        var rels = ""
        var sheetList = ""
        for (i, sheet) in sheets.enumerated() {
            rels += "<Relationship Id=\"rId\(i + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\(i + 1).xml\"/>"
            sheetList += "<sheet name=\"\(sheet.name)\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
            out.append(("xl/worksheets/sheet\(i + 1).xml", sheet.xml))
        }
        if let strings = sharedStrings {
            rels += "<Relationship Id=\"rIdS\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
            out.append(("xl/sharedStrings.xml", "<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                        + strings.map { $0.hasPrefix("<") ? "<si>\($0)</si>" : "<si><t>\($0)</t></si>" }.joined() + "</sst>"))
        }
        if !cellFormats.isEmpty {
            rels += "<Relationship Id=\"rIdT\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"/xl/styles.xml\"/>"
            let custom = customFormats.map { "<numFmt numFmtId=\"\($0.0)\" formatCode=\"\($0.1)\"/>" }.joined()
            out.append(("xl/styles.xml", "<?xml version=\"1.0\"?><styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                        + "<numFmts>\(custom)</numFmts><cellStyleXfs><xf numFmtId=\"0\"/></cellStyleXfs><cellXfs>"
                        + cellFormats.map { "<xf numFmtId=\"\($0)\" fontId=\"0\"/>" }.joined() + "</cellXfs></styleSheet>"))
        }
        out.append(("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\(rels)</Relationships>"))
        out.append(("xl/workbook.xml", """
            <?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="\(date1904 ? 1 : 0)"/>\
            <sheets>\(sheetList)</sheets></workbook>
            """))
        return out.map { ($0.0, Array($0.1.utf8)) }
    }

    var bytes: [UInt8] { Self.zip(parts) }

    /// A ZIP archive of stored entries (or deflated ones: `(name, raw DEFLATE, size, crc)`).
    static func zip(_ entries: [(String, [UInt8])]) -> [UInt8] {
        zip(entries.map { (name: $0.0, data: $0.1, method: 0, size: $0.1.count, crc: CRC32.checksum($0.1)) })
    }

    static func zip(_ entries: [(name: String, data: [UInt8], method: Int, size: Int, crc: UInt32)]) -> [UInt8] {
        func u16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
        func u32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * UInt32($0))) & 0xFF) } }
        var out: [UInt8] = []
        var central: [UInt8] = []
        for e in entries {
            let name = Array(e.name.utf8)
            let offset = out.count
            out += u32(0x0403_4B50) + u16(20) + u16(0) + u16(e.method) + u16(0) + u16(0) + u32(e.crc)
                + u32(UInt32(e.data.count)) + u32(UInt32(e.size)) + u16(name.count) + u16(0) + name + e.data
            central += u32(0x0201_4B50) + u16(20) + u16(20) + u16(0) + u16(e.method) + u16(0) + u16(0) + u32(e.crc)
                + u32(UInt32(e.data.count)) + u32(UInt32(e.size)) + u16(name.count) + u16(0) + u16(0) + u16(0) + u16(0)
                + u32(0) + u32(UInt32(offset)) + name
        }
        let cdOffset = out.count
        out += central
        out += u32(0x0605_4B50) + u16(0) + u16(0) + u16(entries.count) + u16(entries.count) + u32(UInt32(central.count))
            + u32(UInt32(cdOffset)) + u16(0)
        return out
    }
}
