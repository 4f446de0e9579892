import RiskmapPlatform

/// An Excel workbook (`.xlsx`, Office Open XML as written by Excel, LibreOffice and the
/// like): its sheets in tab order, shared strings, cell formats (which numbers are dates
/// or percents) and each sheet's cells as the text a user sees in them.
struct ExcelWorkbook {
    enum Failure: Error, Sendable {
        case archive(ZipArchive.Failure)
        case xml(part: String)
        case missing(part: String)
        case binaryWorkbook
        case noSheets
        case noSheet(name: String, available: [String])
    }

    struct Sheet: Sendable {
        var name: String
        var part: String
        var hidden: Bool
    }

    let archive: ZipArchive
    /// Worksheets in tab order (chart sheets left out).
    let sheets: [Sheet]
    let date1904: Bool
    private let workbookPart: String

    init(_ bytes: TextBytes) throws(Failure) {
        do {
            archive = try ZipArchive(bytes)
        } catch {
            throw .archive(error)
        }
        // _rels/.rels names the workbook part (xl/workbook.xml unless told otherwise).
        var workbook = "xl/workbook.xml"
        if archive.entry("_rels/.rels") != nil {
            for rel in try ExcelWorkbook.relationships(archive, "_rels/.rels", base: "") where rel.type.hasSuffix("/officeDocument") {
                workbook = rel.target
            }
        }
        if workbook.hasSuffix(".bin") || archive.entry("xl/workbook.bin") != nil { throw .binaryWorkbook }
        workbookPart = workbook
        let base = ExcelWorkbook.folder(of: workbook)
        let relsPart = base + "_rels/" + String(workbook.dropFirst(base.count)) + ".rels"
        var targets: [String: (target: String, type: String)] = [:]
        if archive.entry(relsPart) != nil {
            for rel in try ExcelWorkbook.relationships(archive, relsPart, base: base) { targets[rel.id] = (rel.target, rel.type) }
        }
        var sheets: [Sheet] = []
        var date1904 = false
        try ExcelWorkbook.scan(archive, workbook) { scanner, token in
            guard token.kind != .end, token.kind != .text else { return }
            if scanner.isNamed(token, "workbookPr") {
                let value = scanner.attribute(token, "date1904")
                date1904 = value == "1" || value == "true"
            } else if scanner.isNamed(token, "sheet") {
                let attributes = scanner.attributes(token)
                let name = attributes.first { $0.name == "name" }?.value ?? ""
                let id = attributes.first { $0.name == "id" && !$0.prefix.isEmpty }?.value ?? ""
                let hidden = attributes.first { $0.name == "state" }.map { $0.value != "visible" } ?? false
                guard let target = targets[id], target.type.hasSuffix("/worksheet") else { return }
                sheets.append(Sheet(name: name, part: target.target, hidden: hidden))
            }
        }
        self.sheets = sheets
        self.date1904 = date1904
    }

    /// The sheet named `name` (exactly, else ignoring case), or the first visible one.
    func sheet(named name: String?) throws(Failure) -> Sheet {
        guard !sheets.isEmpty else { throw .noSheets }
        guard let name else { return sheets.first { !$0.hidden } ?? sheets[0] }
        if let sheet = sheets.first(where: { $0.name == name }) ?? sheets.first(where: { $0.name.lowercased() == name.lowercased() }) {
            return sheet
        }
        throw .noSheet(name: name, available: sheets.map(\.name))
    }

    // MARK: - Parts

    struct Relationship {
        var id: String
        var type: String
        var target: String
    }

    /// A part's relationships, targets resolved against `base` (the part's folder).
    static func relationships(_ archive: ZipArchive, _ part: String, base: String) throws(Failure) -> [Relationship] {
        var out: [Relationship] = []
        try scan(archive, part) { scanner, token in
            guard token.kind == .start || token.kind == .empty, scanner.isNamed(token, "Relationship") else { return }
            let attributes = scanner.attributes(token)
            func value(_ n: String) -> String { attributes.first { $0.name == n }?.value ?? "" }
            if value("TargetMode") == "External" { return }
            out.append(Relationship(id: value("Id"), type: value("Type"), target: resolve(value("Target"), base: base)))
        }
        return out
    }

    /// `worksheets/sheet1.xml` against `xl/` is `xl/worksheets/sheet1.xml`; `/xl/…` is absolute.
    static func resolve(_ target: String, base: String) -> String {
        var parts = target.hasPrefix("/") ? [] : base.split(separator: "/").map(String.init)
        for piece in target.split(separator: "/") {
            if piece == ".." { _ = parts.popLast() } else if piece != "." { parts.append(String(piece)) }
        }
        return parts.joined(separator: "/")
    }

    static func folder(of part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "" }
        return String(part[...slash])
    }

    /// Calls `body` with every token of `part`.
    static func scan(_ archive: ZipArchive, _ part: String,
                     _ body: (XMLScanner, XMLScanner.Token) throws(Failure) -> Void) throws(Failure) {
        let bytes: [UInt8]
        do {
            bytes = try archive.extract(part)
        } catch .missing {
            throw .missing(part: part)
        } catch {
            throw .archive(error)
        }
        try bytes.withUnsafeBufferPointer { (buffer) throws(Failure) in
            var scanner = XMLScanner(buffer)
            do {
                while let token = try scanner.next() { try body(scanner, token) }
            } catch let failure as Failure {
                throw failure
            } catch {
                throw .xml(part: part)
            }
        }
    }

    /// The related part of the workbook of `type` (…/sharedStrings, …/styles), if any.
    func relatedPart(_ type: String) throws(Failure) -> String? {
        let base = ExcelWorkbook.folder(of: workbookPart)
        let relsPart = base + "_rels/" + String(workbookPart.dropFirst(base.count)) + ".rels"
        guard archive.entry(relsPart) != nil else { return nil }
        return try ExcelWorkbook.relationships(archive, relsPart, base: base).first { $0.type.hasSuffix("/" + type) }?.target
    }

    // MARK: - Shared strings and formats

    /// Every shared string, as UTF-8: the text of its runs (phonetic runs left out).
    func sharedStrings() throws(Failure) -> [[UInt8]] {
        guard let part = try relatedPart("sharedStrings"), archive.entry(part) != nil else { return [] }
        var strings: [[UInt8]] = []
        var current: [UInt8] = []
        var inText = false, phonetic = 0
        try ExcelWorkbook.scan(archive, part) { scanner, token in
            switch token.kind {
            case .start:
                if scanner.isNamed(token, "si") { current = [] } else if scanner.isNamed(token, "t") { inText = true } else if scanner.isNamed(token, "rPh") { phonetic += 1 }
            case .empty:
                if scanner.isNamed(token, "si") { strings.append([]) }
            case .end:
                if scanner.isNamed(token, "si") { strings.append(CellText.unescapeOOXML(current)) } else if scanner.isNamed(token, "t") { inText = false } else if scanner.isNamed(token, "rPh") { phonetic -= 1 }
            case .text:
                if inText && phonetic == 0 { scanner.appendText(token, to: &current) }
            }
        }
        return strings
    }

    /// Per cell format (`s` of a cell): how its numbers read.
    func cellFormats() throws(Failure) -> [CellText.NumberKind] {
        guard let part = try relatedPart("styles"), archive.entry(part) != nil else { return [] }
        var custom: [Int: String] = [:]
        var formats: [Int] = []
        var inCellXfs = false
        try ExcelWorkbook.scan(archive, part) { scanner, token in
            switch token.kind {
            case .start, .empty:
                if scanner.isNamed(token, "numFmt"), let id = scanner.attribute(token, "numFmtId").flatMap({ Int($0) }) {
                    custom[id] = scanner.attribute(token, "formatCode") ?? ""
                } else if scanner.isNamed(token, "cellXfs") {
                    inCellXfs = token.kind == .start
                } else if inCellXfs, scanner.isNamed(token, "xf") {
                    formats.append(scanner.attribute(token, "numFmtId").flatMap { Int($0) } ?? 0)
                }
            case .end:
                if scanner.isNamed(token, "cellXfs") { inCellXfs = false }
            case .text:
                break
            }
        }
        return formats.map { CellText.NumberKind(formatID: $0, code: custom[$0]) }
    }
}
