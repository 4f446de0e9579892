import RiskmapLanguage
import RiskmapPlatform

/// A parsed CSV file: a header row and data rows, stored as byte offsets into the
/// (UTF-8) source text. No cell is turned into a `String` until asked for.
///
/// Rows are numbered from 0 (the first data row); the header is not a data row.
/// Columns are numbered from 0. A row may have fewer or more cells than the header;
/// the reader reports that as a warning.
public struct CSVTable: Sendable {
    /// The text as UTF-8 (decoded from Windows-1251 if needed, BOM removed); every
    /// range of this table points into it.
    public let source: SourceFile
    /// The encoding of the input bytes (detected or forced).
    public let encoding: CSVEncoding
    /// The field delimiter (detected or forced): `,`, `;` or tab.
    public let delimiter: UInt8

    /// Same storage as `source.bytes`, held here so that hot-path reads need no
    /// reference counting through the class.
    @usableFromInline let bytes: TextBytes
    /// Per physical row (0 = the header): where it starts. Its fields are found by
    /// scanning it again (`CSVRowScanner`): no offset of every field is stored.
    @usableFromInline let rowStarts: [UInt32]
    /// Per physical row: the raw end of its last field (its line end or the end of the text).
    @usableFromInline let rowEnds: [UInt32]
    /// Per physical row: index of its first field counting all rows; one extra entry at
    /// the end (so a row's field count is the difference of two entries).
    @usableFromInline let rowFirstField: [UInt32]

    /// Set in a field start: a clean quoted field, the offset is its content's.
    @inlinable static var quotedBit: UInt32 { 1 << 31 }
    @inlinable static var offsetMask: UInt32 { ~(1 << 31) }
    /// Inputs must be shorter than this (offsets keep one bit for flags).
    static let maxBytes = Int(Int32.max) - 1

    /// The header's cells, found by one scan (asking for each header cell by scanning the
    /// row again made a wide header cost quadratic time: issue 17).
    let headerCells: [Cell]

    struct Cell: Sendable {
        var start: Int, end: Int, unescape: Bool
        var rawStart: Int, rawEnd: Int
    }

    /// The most header cells a table may have (Excel's column limit, 16,384).
    public static let maxColumns = 16_384

    init(source: SourceFile, encoding: CSVEncoding, delimiter: UInt8, rows: CSVRowScanner.Rows) {
        self.init(source: source, encoding: encoding, delimiter: delimiter, starts: rows.starts, ends: rows.ends,
                  firstField: rows.firstField)
    }

    init(source: SourceFile, encoding: CSVEncoding, delimiter: UInt8, starts: [UInt32], ends: [UInt32], firstField: [UInt32]) {
        self.source = source
        self.encoding = encoding
        self.delimiter = delimiter
        self.bytes = source.bytes
        rowStarts = starts
        rowEnds = ends
        rowFirstField = firstField
        headerCells = CSVTable.cells(source, delimiter: delimiter, start: starts.first.map(Int.init),
                                     count: firstField.count >= 2 ? min(Int(firstField[1] - firstField[0]), CSVTable.maxColumns + 1) : 0)
    }

    /// The cells of the row starting at `start` (at most `count`), found by one scan.
    static func cells(_ source: SourceFile, delimiter: UInt8, start: Int?, count: Int) -> [Cell] {
        guard let start, count > 0 else { return [] }
        return source.bytes.withUnsafeBufferPointer { all in
            var scanner = CSVRowScanner(text: all, delimiter: delimiter, source: source, capacity: count)
            scanner.rescan(from: start, limit: count)
            return (0..<count).map { c in
                let content = scanner.content(c)
                return Cell(start: content.start, end: content.end, unescape: content.unescape,
                            rawStart: scanner.rawStart(c), rawEnd: scanner.rawEnd(c))
            }
        }
    }

    /// The same table with data row `row` as its header (the rows above it dropped): for a
    /// file whose headers sit below a title.
    public func withHeader(atRow row: Int) -> CSVTable {
        let k = checked(row) + 1
        return CSVTable(source: source, encoding: encoding, delimiter: delimiter, starts: Array(rowStarts[k...]),
                        ends: Array(rowEnds[k...]), firstField: Array(rowFirstField[k...]))
    }

    /// The texts of data row `row`'s cells (unquoted, trimmed), found by one scan.
    public func fields(row: Int) -> [String] {
        let physical = checked(row) + 1
        return CSVTable.cells(source, delimiter: delimiter, start: Int(rowStarts[physical]),
                              count: min(physicalFieldCount(physical), CSVTable.maxColumns + 1)).map { cell in
            CellParser.trimmed(cell.unescape ? String(decoding: unescaped(cell.start, cell.end), as: UTF8.self)
                                             : String(decoding: bytes[cell.start..<cell.end], as: UTF8.self))
        }
    }

    // MARK: Shape

    /// The number of header cells.
    public var columnCount: Int { physicalFieldCount(0) }

    /// The number of data rows (the header and fully empty lines are not rows).
    @inlinable
    public var rowCount: Int { rowFirstField.count - 2 }

    /// The number of cells in data row `row` (may differ from `columnCount`).
    public func fieldCount(row: Int) -> Int { physicalFieldCount(checked(row) + 1) }

    /// The 1-based line on which data row `row` starts.
    public func line(ofRow row: Int) -> Int {
        source.location(of: rowRange(row).start).line
    }

    /// The whole text of data row `row` (all of its cells, without the line end).
    public func rowRange(_ row: Int) -> SourceRange {
        physicalRowRange(checked(row) + 1)
    }

    // MARK: Header

    /// The name in header cell `column`: unquoted, with surrounding whitespace removed.
    public func header(_ column: Int) -> String {
        guard column >= 0, column < headerCells.count else { return CellParser.trimmed(physicalField(0, column)) }
        let cell = headerCells[column]
        return CellParser.trimmed(cell.unescape ? String(decoding: unescaped(cell.start, cell.end), as: UTF8.self)
                                                : String(decoding: bytes[cell.start..<cell.end], as: UTF8.self))
    }

    /// Where header cell `column` is in the source.
    public func headerRange(_ column: Int) -> SourceRange {
        guard column >= 0, column < headerCells.count else { return physicalFieldRange(0, column) }
        return SourceRange(file: source, start: headerCells[column].rawStart, end: headerCells[column].rawEnd)
    }

    // MARK: Fields

    /// The text of a cell: unquoted (`""` inside quotes becomes `"`), not trimmed;
    /// `""` when the row has no such cell.
    public func field(row: Int, column: Int) -> String {
        physicalField(checked(row) + 1, column)
    }

    /// Where a cell is in the source, quotes included. For a cell missing at the end of
    /// a short row: an empty range at the end of the row.
    public func fieldRange(row: Int, column: Int) -> SourceRange {
        physicalFieldRange(checked(row) + 1, column)
    }

    /// Calls `body` with the bytes of a cell: the source bytes for an unquoted or simply
    /// quoted cell (no allocation), an unescaped copy for a cell with `""`. A missing
    /// cell gives an empty buffer.
    public func withFieldBytes<R>(
        row: Int, column: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R
    ) rethrows -> R {
        let physical = checked(row) + 1
        guard column >= 0, column < physicalFieldCount(physical) else {
            return try body(UnsafeBufferPointer(start: nil, count: 0))
        }
        let (start, end, unescape) = cell(physical, column).content
        if !unescape {
            return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
        }
        return try unescaped(start, end).withUnsafeBufferPointer(body)
    }

    // MARK: Internals

    @inlinable
    func checked(_ row: Int) -> Int {
        precondition(row >= 0 && row < rowCount, "CSV row \(row) out of range 0..<\(rowCount)")
        return row
    }

    @inlinable
    func physicalFieldCount(_ physical: Int) -> Int {
        Int(rowFirstField[physical + 1] - rowFirstField[physical])
    }

    /// The content extent of cell `column` of physical row `physical` (which has it),
    /// and whether it must be unescaped; and its raw extent, quotes included.
    func cell(_ physical: Int, _ column: Int) -> (content: (start: Int, end: Int, unescape: Bool), raw: (start: Int, end: Int)) {
        bytes.withUnsafeBufferPointer { all in
            var scanner = CSVRowScanner(text: all, delimiter: delimiter, source: source, capacity: column + 1)
            scanner.rescan(from: Int(rowStarts[physical]), limit: column + 1)
            return (scanner.content(column), (scanner.rawStart(column), scanner.rawEnd(column)))
        }
    }

    func physicalRowRange(_ physical: Int) -> SourceRange {
        SourceRange(file: source, start: Int(rowStarts[physical]), end: Int(rowEnds[physical]))
    }

    func physicalFieldRange(_ physical: Int, _ column: Int) -> SourceRange {
        guard column >= 0, column < physicalFieldCount(physical) else {
            let end = Int(rowEnds[physical])
            return SourceRange(file: source, start: end, end: end)
        }
        let raw = cell(physical, column).raw
        return SourceRange(file: source, start: raw.start, end: raw.end)
    }

    func physicalField(_ physical: Int, _ column: Int) -> String {
        guard column >= 0, column < physicalFieldCount(physical) else { return "" }
        let (start, end, unescape) = cell(physical, column).content
        if !unescape {
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }
        return String(decoding: unescaped(start, end), as: UTF8.self)
    }

    /// The raw quoted field at `start..<end`, unescaped.
    func unescaped(_ start: Int, _ end: Int) -> [UInt8] {
        bytes.withUnsafeBufferPointer { all in
            let raw = UnsafeBufferPointer(rebasing: all[start..<end])
            return [UInt8](capacity: raw.count) { CSVTable.unescape(raw, into: &$0) }
        }
    }

    /// Unescapes a raw quoted field (`"a""b"c` → `a"bc`): drops the opening quote,
    /// turns `""` into `"`, drops the closing quote and keeps anything after it as is.
    /// An unterminated field keeps everything after the opening quote. Appends at most
    /// `raw.count` bytes.
    static func unescape(_ raw: UnsafeBufferPointer<UInt8>, into out: inout OutputSpan<UInt8>) {
        let quote = UInt8(ascii: "\"")
        let n = raw.count
        var i = raw.first == quote ? 1 : 0
        while i < n {
            let b = raw[i]
            if b == quote {
                if i + 1 < n && raw[i + 1] == quote {
                    out.append(quote)
                    i += 2
                    continue
                }
                // Closing quote: the rest is literal.
                out.append(copying: UnsafeBufferPointer(rebasing: raw[(i + 1)...]))
                break
            }
            out.append(b)
            i += 1
        }
    }
}
