import RiskmapLanguage
import RiskmapPlatform

/// A worksheet as text the CSV reader reads like any exported file: the sheet's row N is
/// line N (rows without values are empty lines, which are not rows), its cells
/// tab-separated from column A to the last column holding a value anywhere in the sheet,
/// quoted when they hold a tab, a quote or a line break. The `SheetLayout` beside it lets
/// diagnostics name cells (`Лист1!D7`).
enum SheetText {
    /// One cell with a value: its 1-based row, 0-based column and text (a range of `values`).
    private struct Cells {
        var row: [Int32] = []
        var column: [Int32] = []
        var end: [UInt32] = []
        var values: [UInt8] = []

        mutating func append(row: Int, column: Int, _ text: [UInt8]) {
            guard !text.isEmpty else { return }
            self.row.append(Int32(row))
            self.column.append(Int32(column))
            values += text
            end.append(UInt32(values.count))
        }

        var count: Int { row.count }
        func start(_ i: Int) -> Int { i == 0 ? 0 : Int(end[i - 1]) }
    }

    /// Excel's limits: rows and columns beyond them mean the part is damaged.
    static let maxRows = 1_048_576, maxColumns = 16_384

    static func read(_ workbook: ExcelWorkbook, _ sheet: ExcelWorkbook.Sheet) throws(ExcelWorkbook.Failure) -> (TextBytes, SheetLayout) {
        let strings = try workbook.sharedStrings()
        let formats = try workbook.cellFormats()
        var cells = Cells()
        var row = 0, column = -1
        var type = "n", style = 0
        var inCell = false, inValue = false, inInline = false, inText = false, phonetic = 0
        var value: [UInt8] = [], inline: [UInt8] = []
        var badReference = false
        var done = false
        try ExcelWorkbook.scan(workbook.archive, sheet.part) { scanner, token in
            guard !done else { return }
            switch token.kind {
            case .start, .empty:
                if scanner.isNamed(token, "row") {
                    row = scanner.attribute(token, "r").flatMap { Int($0) } ?? (row < maxRows ? row + 1 : maxRows + 1)
                    column = -1
                } else if scanner.isNamed(token, "c") {
                    if let reference = scanner.attribute(token, "r") {
                        if let (c, r) = cellReference(reference) { (column, row) = (c, r) } else { badReference = true }
                    } else if column < maxColumns {
                        column += 1
                    }
                    type = scanner.attribute(token, "t") ?? "n"
                    style = scanner.attribute(token, "s").flatMap { Int($0) } ?? 0
                    value = []
                    inline = []
                    inCell = token.kind == .start
                } else if inCell && scanner.isNamed(token, "v") {
                    inValue = token.kind == .start
                } else if inCell && scanner.isNamed(token, "is") {
                    inInline = token.kind == .start
                } else if inInline && scanner.isNamed(token, "t") {
                    inText = token.kind == .start
                } else if inInline && scanner.isNamed(token, "rPh") {
                    if token.kind == .start { phonetic += 1 }
                }
            case .end:
                if scanner.isNamed(token, "c") {
                    inCell = false
                    if row < 1 || row > maxRows || column < 0 || column >= maxColumns { badReference = true; return }
                    cells.append(row: row, column: column, text(type: type, value: value, inline: inline,
                                                               kind: formats.indices.contains(style) ? formats[style] : .plain,
                                                               strings: strings, date1904: workbook.date1904))
                } else if scanner.isNamed(token, "v") {
                    inValue = false
                } else if scanner.isNamed(token, "is") {
                    inInline = false
                } else if scanner.isNamed(token, "t") {
                    inText = false
                } else if scanner.isNamed(token, "rPh") {
                    phonetic -= 1
                } else if scanner.isNamed(token, "sheetData") {
                    done = true
                }
            case .text:
                if inValue { scanner.appendText(token, to: &value) } else if inText && phonetic == 0 { scanner.appendText(token, to: &inline) }
            }
        }
        if badReference { throw .xml(part: sheet.part) }
        return layOut(cells, sheetName: sheet.name)
    }

    /// `B12` → (column 1, row 12).
    static func cellReference(_ reference: String) -> (column: Int, row: Int)? {
        var column = 0, row = 0, letters = 0
        for b in reference.utf8 {
            if b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") && row == 0 {
                column = column * 26 + Int(b - UInt8(ascii: "A")) + 1
                letters += 1
            } else if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") && letters > 0 {
                row = row * 10 + Int(b - UInt8(ascii: "0"))
                if row > maxRows { return nil }
            } else if b != UInt8(ascii: "$") {
                return nil
            }
            if letters > 3 { return nil }
        }
        guard letters > 0, row > 0 else { return nil }
        return (column - 1, row)
    }

    /// A cell's text from its type (`t`), stored value and format.
    private static func text(type: String, value: [UInt8], inline: [UInt8], kind: CellText.NumberKind,
                             strings: [[UInt8]], date1904: Bool) -> [UInt8] {
        switch type {
        case "s":
            guard let i = Int(String(decoding: value, as: UTF8.self)), i >= 0, i < strings.count else { return [] }
            return strings[i]
        case "inlineStr":
            return CellText.unescapeOOXML(inline)
        case "str", "e":
            return CellText.unescapeOOXML(value)
        case "b":
            return Array((value == [UInt8(ascii: "1")] ? "TRUE" : "FALSE").utf8)
        case "d":
            return Array(CellText.isoDate(String(decoding: value, as: UTF8.self)).utf8)
        default:
            guard !value.isEmpty else { return [] }
            return Array(CellText.number(String(decoding: value, as: UTF8.self), kind: kind, date1904: date1904).utf8)
        }
    }

    /// The text: line N for row N, every non-empty row padded to the sheet's width.
    private static func layOut(_ cells: Cells, sheetName: String) -> (TextBytes, SheetLayout) {
        var order = Array(0..<cells.count)
        let sorted = zip(order, order.dropFirst()).allSatisfy { a, b in
            (cells.row[a], cells.column[a]) < (cells.row[b], cells.column[b])
        }
        if !sorted { order.sort { (cells.row[$0], cells.column[$0], $0) < (cells.row[$1], cells.column[$1], $1) } }
        let width = Int((cells.column.max() ?? -1) + 1)
        let lastRow = Int(cells.row.max() ?? 0)
        var text: [UInt8] = []
        text.reserveCapacity(cells.values.count + cells.count * 2 + lastRow)
        var lineFirstField: [UInt32] = []
        lineFirstField.reserveCapacity(lastRow + 2)
        var fieldStarts: [UInt32] = []
        var k = 0
        for line in 1...max(1, lastRow) {
            lineFirstField.append(UInt32(fieldStarts.count))
            if k < order.count, Int(cells.row[order[k]]) == line {
                var column = 0
                while column < width {
                    if column > 0 { text.append(UInt8(ascii: "\t")) }
                    fieldStarts.append(UInt32(text.count))
                    // A duplicated cell reference: the last one wins, as in Excel.
                    var found: Int?
                    while k < order.count, Int(cells.row[order[k]]) == line, Int(cells.column[order[k]]) == column {
                        found = order[k]
                        k += 1
                    }
                    if let i = found { appendField(cells.values[cells.start(i)..<Int(cells.end[i])], to: &text) }
                    column += 1
                }
            }
            if lastRow > 0 { text.append(UInt8(ascii: "\n")) }
        }
        // The empty line after the last line feed, and the end.
        lineFirstField.append(UInt32(fieldStarts.count))
        lineFirstField.append(UInt32(fieldStarts.count))
        return (TextBytes(text), SheetLayout(sheetName: sheetName, lineFirstField: lineFirstField, fieldStarts: fieldStarts))
    }

    /// A field, quoted (`""` for a quote) when it holds a tab, a quote or a line break.
    private static func appendField(_ value: ArraySlice<UInt8>, to text: inout [UInt8]) {
        let quote = UInt8(ascii: "\"")
        guard value.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == quote }) else {
            text += value
            return
        }
        text.append(quote)
        for b in value {
            if b == quote { text.append(quote) }
            text.append(b)
        }
        text.append(quote)
    }
}

extension CSVReader {
    /// Reads the text of a sheet (`SheetText`) as a table: tab-separated, UTF-8, its
    /// source carrying the layout so diagnostics name cells.
    static func read(sheet text: TextBytes, layout: SheetLayout, path: String, tuning: Tuning) -> (CSVTable?, [Diagnostic]) {
        let source = SourceFile(path: path, bytes: text, tuning: tuning, sheet: layout)
        let tab = UInt8(ascii: "\t")
        let (rows, _) = parse(source, delimiter: tab, checkingUTF8: false, tuning: tuning)
        guard rows.starts.count >= 1 else { return (nil, [Diagnostic(.error, .csvEmptyFile, path: path)]) }
        return (CSVTable(source: source, encoding: .utf8, delimiter: tab, rows: rows), rows.diagnostics)
    }
}
