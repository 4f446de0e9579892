import RiskmapLanguage
import RiskmapPlatform

/// Finds the fields of one CSV row at a time. `CSVReader` runs it over the whole text
/// once (row boundaries, field counts, problems); `CSVTable` and the profile loader run it
/// again over a single row when they need that row's fields, so no table of every field's
/// offset is kept (for a 226 MB file that table was 157 MB).
///
/// Field starts are recorded as in `CSVTable`: with `CSVTable.quotedBit` set, the field
/// was a clean quoted field and the offset is that of its content. A field ends one byte
/// (the delimiter) before the next field's raw start; the last one at `lastEnd`.
/// Unquoted text is scanned eight bytes at a time.
///
/// The scanner reads `text` (which must stay alive while it is used) and owns a small
/// buffer, one entry per field of the current row.
struct CSVRowScanner {
    let text: UnsafeBufferPointer<UInt8>
    let delimiter: UInt8
    let source: SourceFile
    /// Per field of the current row: its start (see above); as long as the longest row.
    private(set) var starts: ScratchBuffer<UInt32>
    /// Fields of the current row found so far.
    private(set) var fieldCount = 0
    /// The raw end of the last field recorded.
    private(set) var lastEnd = 0
    /// Whether a field of the current row must be unescaped (then `unescape` says which).
    private(set) var rowDirty = false
    /// One bit per field of the current row that must be unescaped (valid when `rowDirty`).
    private var unescape: [UInt64] = []
    /// Stop after this many fields (a scan of a row's first cells only).
    private var limit = Int.max

    static let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

    init(text: UnsafeBufferPointer<UInt8>, delimiter: UInt8, source: SourceFile, capacity: Int = 64) {
        self.text = text
        self.delimiter = delimiter
        self.source = source
        starts = ScratchBuffer(repeating: 0, count: max(1, capacity))
    }

    // MARK: One row

    /// Scans the row starting at `start` again, up to `limit` fields; problems are not
    /// reported (the first pass did).
    mutating func rescan(from start: Int, limit: Int = .max) {
        beginRow()
        self.limit = limit
        var ignored: [Diagnostic] = []
        _ = row(from: start, diagnostics: &ignored)
        self.limit = .max
    }

    mutating func beginRow() {
        fieldCount = 0
        if rowDirty {
            rowDirty = false
            for i in unescape.indices { unescape[i] = 0 }
        }
    }

    /// The content bytes of field `k` of the scanned row; nil when it must be unescaped.
    @inline(__always)
    func fieldBytes(_ k: Int) -> UnsafeBufferPointer<UInt8>? {
        let (start, end, unescape) = content(k)
        if unescape { return nil }
        return UnsafeBufferPointer(rebasing: text[start..<end])
    }

    /// Where field `k` starts, its opening quote included.
    @inline(__always)
    func rawStart(_ k: Int) -> Int {
        let s = starts[k]
        return Int(s & CSVTable.offsetMask) - (s & CSVTable.quotedBit != 0 ? 1 : 0)
    }

    /// Where field `k` ends, its closing quote included.
    @inline(__always)
    func rawEnd(_ k: Int) -> Int {
        k + 1 < fieldCount ? rawStart(k + 1) - 1 : lastEnd
    }

    func needsUnescape(_ k: Int) -> Bool {
        rowDirty && k >> 6 < unescape.count && unescape[k >> 6] & (1 << UInt64(k & 63)) != 0
    }

    /// The extent of field `k`'s content (without the quotes of a clean quoted field),
    /// and whether it must be unescaped (then the extent is the raw field).
    @inline(__always)
    func content(_ k: Int) -> (start: Int, end: Int, unescape: Bool) {
        let s = starts[k]
        let end = rawEnd(k)
        if s & CSVTable.quotedBit != 0 { return (Int(s & CSVTable.offsetMask), end - 1, false) }
        return (Int(s), end, needsUnescape(k))
    }

    // MARK: The whole text

    /// What one pass over the text found.
    struct Rows {
        /// Per physical row (0 = the header): where it starts.
        var starts: [UInt32] = []
        /// Per physical row: the raw end of its last field.
        var ends: [UInt32] = []
        /// Per physical row: index of its first field counting all rows; one extra entry.
        var firstField: [UInt32] = []
        var diagnostics: [Diagnostic] = []
    }

    /// Scans every row: boundaries, field counts, unterminated quotes and rows whose
    /// cell count differs from the header's.
    mutating func run() -> Rows {
        var part = run(from: 0, to: text.count, columns: -1)
        part.rows.firstField.append(UInt32(truncatingIfNeeded: part.fields))
        return part.rows
    }

    /// What a scan of part of the text found: its rows (`firstField` counting from 0 and
    /// without the closing entry), their fields, and where the scan stopped.
    struct Part {
        var rows = Rows()
        var fields = 0
        /// Where the scan stopped: `end`, or after a row that ran past `end`.
        var stop = 0
    }

    /// Scans the rows that start in `start..<end` (the last may run past `end`);
    /// `columns`: the header's cell count, or -1 when the first row is the header.
    /// `start` must be the start of a line outside quotes.
    mutating func run(from start: Int, to end: Int, columns: Int) -> Part {
        var part = Part()
        let n = text.count
        let lf = Self.lf, cr = Self.cr
        var columns = columns
        var i = start
        while i < end {
            // Skip fully empty lines.
            let first = text[i]
            if first == lf { i += 1; continue }
            if first == cr {
                i += 1
                if i < n && text[i] == lf { i += 1 }
                continue
            }
            beginRow()
            let rowStart = i
            i = row(from: i, diagnostics: &part.rows.diagnostics)
            part.rows.starts.append(UInt32(truncatingIfNeeded: rowStart))
            part.rows.ends.append(UInt32(truncatingIfNeeded: lastEnd))
            part.rows.firstField.append(UInt32(truncatingIfNeeded: part.fields))
            part.fields += fieldCount
            if columns < 0 {
                columns = fieldCount
            } else if fieldCount != columns {
                part.rows.diagnostics.append(ragged(count: fieldCount, columns: columns))
            }
        }
        part.stop = i
        return part
    }

    // MARK: Scanning

    /// Records the fields of the row starting at `start`; returns the index after
    /// its line end. Each word of unquoted text gives a bit mask of delimiters and line
    /// ends, and every set bit ends a field.
    @inline(__always)
    mutating func row(from start: Int, diagnostics: inout [Diagnostic]) -> Int {
        let n = text.count
        let delim = delimiter
        let quote = Self.quote, lf = Self.lf, cr = Self.cr
        let ones: UInt64 = 0x0101_0101_0101_0101
        let d = ones &* UInt64(delim), l = ones &* UInt64(lf), r = ones &* UInt64(cr)
        var fieldStart = start
        while true {
            if fieldStart < n && text[fieldStart] == quote {
                let after = quotedField(at: fieldStart, diagnostics: &diagnostics)
                if fieldCount >= limit { return after }
                if after >= n { return n }
                if text[after] == delim {
                    fieldStart = after + 1
                    continue
                }
                return lineEnd(at: after)
            }
            var j = fieldStart
            while j + 8 <= n {
                let w = text.loadWord(at: j)
                var hits = CSVReader.matches(w, d) | CSVReader.matches(w, l) | CSVReader.matches(w, r)
                while hits != 0 {
                    let boundary = j + hits.trailingZeroBitCount >> 3
                    record(fieldStart, boundary)
                    if text[boundary] != delim { return lineEnd(at: boundary) }
                    if fieldCount >= limit { return boundary }
                    fieldStart = boundary + 1
                    if fieldStart < n && text[fieldStart] == quote { break }
                    hits &= hits &- 1
                }
                if hits != 0 { break }  // a quoted field starts: handled above
                j += 8
            }
            if j + 8 <= n { continue }
            // The last few bytes of the text, one at a time.
            while j < n {
                let c = text[j]
                if c == delim {
                    record(fieldStart, j)
                    if fieldCount >= limit { return j }
                    fieldStart = j + 1
                    if fieldStart < n && text[fieldStart] == quote { break }
                } else if c == lf || c == cr {
                    record(fieldStart, j)
                    return lineEnd(at: j)
                }
                j += 1
            }
            if j < n { continue }
            record(fieldStart, n)
            return n
        }
    }

    @inline(__always)
    mutating func record(_ start: Int, _ end: Int) {
        if fieldCount == starts.count { grow() }
        starts[fieldCount] = UInt32(truncatingIfNeeded: start)
        lastEnd = end
        fieldCount += 1
    }

    private mutating func grow() {
        starts = starts.grown(repeating: 0)
    }

    /// The index after the line end (LF, CR or CRLF) at `i`.
    @inline(__always)
    func lineEnd(at i: Int) -> Int {
        if text[i] == Self.cr && i + 1 < text.count && text[i + 1] == Self.lf { return i + 2 }
        return i + 1
    }

    /// The index of the first delimiter, LF or CR at or after `i` (or the end).
    func nextBoundary(from i: Int) -> Int {
        var j = i
        while j < text.count {
            let c = text[j]
            if c == delimiter || c == Self.lf || c == Self.cr { return j }
            j += 1
        }
        return j
    }

    /// Records the quoted field opening at `open`; returns the index after it.
    mutating func quotedField(at open: Int, diagnostics: inout [Diagnostic]) -> Int {
        let n = text.count
        let quote = Self.quote
        var i = open + 1
        var dirty = false
        var closed = false
        while i < n {
            if text[i] == quote {
                if i + 1 < n && text[i + 1] == quote {
                    dirty = true
                    i += 2
                    continue
                }
                closed = true
                i += 1
                break
            }
            i += 1
        }
        if !closed {
            dirty = true
            diagnostics.append(.error(.csvUnterminatedQuote, at: SourceRange(file: source, start: open, end: open + 1)))
        } else if i < n, text[i] != delimiter, text[i] != Self.lf, text[i] != Self.cr {
            // Text after the closing quote is kept literally.
            dirty = true
            i = nextBoundary(from: i)
        }
        if fieldCount == starts.count { grow() }
        if dirty {
            starts[fieldCount] = UInt32(truncatingIfNeeded: open)
            rowDirty = true
            while unescape.count <= fieldCount >> 6 { unescape.append(0) }
            unescape[fieldCount >> 6] |= 1 << UInt64(fieldCount & 63)
        } else {
            starts[fieldCount] = UInt32(truncatingIfNeeded: open + 1) | CSVTable.quotedBit
        }
        lastEnd = i
        fieldCount += 1
        return i
    }

    /// The warning for the current row, whose cell count differs from the header's.
    func ragged(count: Int, columns: Int) -> Diagnostic {
        if count < columns {
            let range = SourceRange(file: source, start: rawStart(0), end: rawEnd(count - 1))
            return .warning(.csvTooFewFields(expected: columns, got: count), at: range)
        }
        return .warning(
            .csvTooManyFields(expected: columns, got: count),
            at: SourceRange(file: source, start: rawStart(columns), end: rawEnd(columns)),
            help: .csvTooManyFieldsHelp)
    }
}
