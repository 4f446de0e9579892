import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import RiskmapEngine
import RiskmapPlatform

/// A `.docx` read back with the project's own ZIP reader, every part as text, and the XML
/// checks the Word writer's tests share.
struct DocxReadBack {
    let names: [String]
    let parts: [String: String]

    init(_ bytes: [UInt8]) throws {
        let archive = try ZipArchive(TextBytes(bytes))
        names = archive.entries.map(\.name)
        var parts: [String: String] = [:]
        for entry in archive.entries { parts[entry.name] = String(decoding: try archive.extract(entry), as: UTF8.self) }
        self.parts = parts
    }

    subscript(_ name: String) -> String { parts[name] ?? "" }

    var document: String { self["word/document.xml"] }

    /// Elements' names, attributes and the text of `w:t` elements, as XMLParser sees them.
    final class Collector: NSObject, XMLParserDelegate {
        var elements: [(name: String, attributes: [String: String])] = []
        var text = ""
        private var inText = false

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            elements.append((name, attributes))
            if name == "w:t" { inText = true }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "w:t" { inText = false }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inText { text += string }
        }
    }

    /// Parses `xml`; nil with the parser's error when it is not well-formed.
    static func parse(_ xml: String) -> (collector: Collector?, error: String?) {
        let parser = XMLParser(data: Data(xml.utf8))
        let collector = Collector()
        parser.delegate = collector
        guard parser.parse() else { return (nil, parser.parserError.map { "\($0)" } ?? "unknown error") }
        return (collector, nil)
    }

    /// The `w:t` text of the document: what a reader sees, without tabs and breaks.
    var visibleText: String { Self.parse(document).collector?.text ?? "" }

    /// Every `w:gridCol` width, table by table.
    var gridWidths: [[Int]] {
        document.components(separatedBy: "<w:tblGrid>").dropFirst().map { part in
            let grid = part.components(separatedBy: "</w:tblGrid>")[0]
            return grid.components(separatedBy: "w:w=\"").dropFirst().compactMap { Int($0.prefix { $0 != "\"" }) }
        }
    }

    /// Every table's rows (the XML of each `w:tr`), table by table (no nested tables).
    var tableRows: [[String]] {
        document.components(separatedBy: "<w:tbl>").dropFirst().map { part in
            let table = part.components(separatedBy: "</w:tbl>")[0]
            return table.components(separatedBy: "<w:tr>").dropFirst().map { $0.components(separatedBy: "</w:tr>")[0] }
        }
    }
}
