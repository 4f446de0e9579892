import Dispatch
import RiskmapLanguage

/// The text encoding of a CSV file.
public enum CSVEncoding: String, Sendable {
    /// UTF-8, with or without a byte-order mark.
    case utf8
    /// Windows-1251 (Russian Excel's "CSV (разделители — запятые)").
    case cp1251
}

/// How to read a CSV file; `nil` means "detect".
public struct CSVOptions: Sendable {
    /// The field delimiter. `nil`: detect `,`, `;` or tab from the header line.
    /// A quote or line-end byte cannot be a delimiter and is ignored (detected instead).
    public var delimiter: UInt8?
    /// The encoding. `nil`: UTF-8 when the bytes are valid UTF-8, else Windows-1251.
    public var encoding: CSVEncoding?

    /// Options that detect what is not given.
    public init(delimiter: UInt8? = nil, encoding: CSVEncoding? = nil) {
        self.delimiter = delimiter
        self.encoding = encoding
    }
}

/// Reads CSV files as exported by Excel and other spreadsheet tools (RFC 4180 quoting,
/// `,` `;` or tab delimiters, CRLF or LF line ends, UTF-8 or Windows-1251).
public enum CSVReader {
    /// Parses `bytes` into a table. Never fails on malformed input: problems are
    /// reported as diagnostics (ragged rows are warnings, an unterminated quote is an
    /// error) and the table is returned; it is `nil` only when there is no header line.
    public static func read(
        bytes: [UInt8], path: String, options: CSVOptions = CSVOptions()
    ) -> (CSVTable?, [Diagnostic]) {
        if options.encoding == nil, bytes.count >= speculativeMinBytes, Evaluator.defaultThreadCount > 1,
           !TextDecoding.hasUTF8BOM(bytes) {
            // Large file, encoding to detect: the bytes are parsed as UTF-8 while another
            // thread checks that they are; if they are not, they are decoded and parsed again.
            let box = SpeculativeRead()
            let input = UnsafeSendable((bytes, path, options))
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                let (bytes, path, options) = input.value
                if i == 0 {
                    box.valid = TextDecoding.isValidUTF8(bytes)
                } else {
                    box.result = read(text: bytes, encoding: .utf8, path: path, options: options)
                }
            }
            if box.valid, let result = box.result { return result }
            return read(text: TextDecoding.decodeWindows1251(bytes), encoding: .cp1251, path: path, options: options)
        }
        let (text, encoding) = decode(bytes, forced: options.encoding)
        return read(text: text, encoding: encoding, path: path, options: options)
    }

    /// Inputs at least this large are validated as UTF-8 while being parsed.
    static let speculativeMinBytes = 1 << 20

    private final class SpeculativeRead: @unchecked Sendable {
        var valid = false
        var result: (CSVTable?, [Diagnostic])?
    }

    /// Parses decoded text.
    static func read(
        text: [UInt8], encoding: CSVEncoding, path: String, options: CSVOptions
    ) -> (CSVTable?, [Diagnostic]) {
        guard text.count <= CSVTable.maxBytes else {
            return (nil, [Diagnostic(.error, .unreadableFile(path), path: path)])
        }
        let source = SourceFile(path: path, bytes: text)
        let delimiter = options.delimiter.flatMap { isUsableDelimiter($0) ? $0 : nil }
            ?? text.withUnsafeBufferPointer { detectDelimiter($0) }
        let parsed = parse(source, delimiter: delimiter)
        guard parsed.rowFirstField.count >= 2 else {
            return (nil, [Diagnostic(.error, .csvEmptyFile, path: path)])
        }
        let table = CSVTable(
            source: source, encoding: encoding, delimiter: delimiter,
            fieldStarts: parsed.fieldStarts, rowEnds: parsed.rowEnds,
            unescapeFields: parsed.unescapeFields, rowFirstField: parsed.rowFirstField
        )
        return (table, parsed.diagnostics)
    }

    // MARK: Encoding

    /// The UTF-8 text of `bytes` (BOM removed) and the encoding it was read as.
    static func decode(_ bytes: [UInt8], forced: CSVEncoding?) -> ([UInt8], CSVEncoding) {
        let bom = TextDecoding.hasUTF8BOM(bytes)
        let encoding = forced ?? (bom || TextDecoding.isValidUTF8(bytes) ? .utf8 : .cp1251)
        switch encoding {
        case .utf8: return (bom ? Array(bytes[3...]) : bytes, .utf8)
        case .cp1251: return (TextDecoding.decodeWindows1251(bytes), .cp1251)
        }
    }

    // MARK: Delimiter

    static let candidates: [UInt8] = [UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: ",")]

    static func isUsableDelimiter(_ byte: UInt8) -> Bool {
        byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\n") && byte != UInt8(ascii: "\r")
    }

    /// Counts `;`, tab and `,` outside quotes on the first non-empty line and picks the
    /// most frequent; ties go to `;`, then tab, then `,` (so a one-column file gets `;`).
    static func detectDelimiter(_ text: UnsafeBufferPointer<UInt8>) -> UInt8 {
        let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var i = 0
        while i < text.count, text[i] == lf || text[i] == cr { i += 1 }
        var counts = [0, 0, 0]
        var inQuotes = false
        while i < text.count {
            let b = text[i]
            i += 1
            if b == quote { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if b == lf || b == cr { break }
            if let k = candidates.firstIndex(of: b) { counts[k] += 1 }
        }
        var best = 0
        for k in 1..<candidates.count where counts[k] > counts[best] { best = k }
        return candidates[best]
    }

    // MARK: Parsing

    /// The field offsets and diagnostics of one pass over the text.
    struct Parsed {
        var fieldStarts: [UInt32] = []
        /// Per physical row: the raw end of its last field.
        var rowEnds: [UInt32] = []
        /// One bit per field that must be unescaped; empty when none.
        var unescapeFields: [UInt64] = []
        /// Physical row 0 is the header; one extra entry at the end.
        var rowFirstField: [UInt32] = []
        var diagnostics: [Diagnostic] = []
    }

    /// Splits the text of `source` into rows and fields.
    static func parse(_ source: SourceFile, delimiter: UInt8) -> Parsed {
        source.bytes.withUnsafeBufferPointer { text in
            // Every field but the last ends at a delimiter or line-end byte, so this
            // bounds the field count and the buffers never grow.
            let capacity = countBoundaries(text, delimiter) + 1
            var parsed = Parsed()
            parsed.fieldStarts = [UInt32](unsafeUninitializedCapacity: capacity) { starts, startCount in
                LargeBuffer.prepare(starts.baseAddress!, byteCount: capacity * MemoryLayout<UInt32>.stride)
                var scanner = Scanner(
                    text: text, delimiter: delimiter, source: source,
                    starts: starts.baseAddress!, capacity: capacity)
                scanner.run(rows: &parsed.rowFirstField, rowEnds: &parsed.rowEnds, diagnostics: &parsed.diagnostics)
                startCount = scanner.fieldCount
                parsed.unescapeFields = scanner.unescape
            }
            parsed.rowFirstField.append(UInt32(parsed.fieldStarts.count))
            return parsed
        }
    }

    /// Counts delimiter bytes and line-end bytes (LF and CR), sixteen bytes at a time.
    static func countBoundaries(_ text: UnsafeBufferPointer<UInt8>, _ delimiter: UInt8) -> Int {
        guard let base = text.baseAddress else { return 0 }
        let n = text.count
        let d = SIMD16<UInt8>(repeating: delimiter)
        let lf = SIMD16<UInt8>(repeating: 0x0A), cr = SIMD16<UInt8>(repeating: 0x0D)
        let zero = SIMD16<UInt8>(repeating: 0)
        var total = 0
        var j = 0
        while j + 16 <= n {
            // Per-lane counters, summed for at most 255 blocks so that they cannot wrap.
            var lanes = zero
            var k = 0
            while k < 255 && j + 16 <= n {
                let v = UnsafeRawPointer(base + j).loadUnaligned(as: SIMD16<UInt8>.self)
                lanes &+= zero.replacing(with: 1, where: (v .== d) .| (v .== lf) .| (v .== cr))
                j += 16
                k += 1
            }
            total += Int(SIMD16<UInt16>(truncatingIfNeeded: lanes).wrappedSum())
        }
        while j < n {
            let b = base[j]
            if b == delimiter || b == 0x0A || b == 0x0D { total += 1 }
            j += 1
        }
        return total
    }

    /// The high bit of every byte of `word` equal to the byte repeated in `pattern`
    /// (exact: no carries between bytes).
    @inline(__always)
    static func matches(_ word: UInt64, _ pattern: UInt64) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let x = word ^ pattern
        return ~(((x & low7) &+ low7) | x) & ~low7
    }

    /// The parsing loop, writing field offsets into buffers sized by `countBoundaries`.
    struct Scanner {
        let text: UnsafeBufferPointer<UInt8>
        let delimiter: UInt8
        let source: SourceFile
        let starts: UnsafeMutablePointer<UInt32>
        let capacity: Int
        var fieldCount = 0
        /// The raw end of the last field recorded.
        var lastEnd = 0
        /// One bit per field that must be unescaped (allocated at the first one).
        var unescape: [UInt64] = []

        static let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

        init(
            text: UnsafeBufferPointer<UInt8>, delimiter: UInt8, source: SourceFile,
            starts: UnsafeMutablePointer<UInt32>, capacity: Int
        ) {
            self.text = text
            self.delimiter = delimiter
            self.source = source
            self.starts = starts
            self.capacity = capacity
        }

        mutating func run(rows: inout [UInt32], rowEnds: inout [UInt32], diagnostics: inout [Diagnostic]) {
            let n = text.count
            let lf = Scanner.lf, cr = Scanner.cr
            var columns = -1
            var i = 0
            while i < n {
                // Skip fully empty lines.
                let first = text[i]
                if first == lf { i += 1; continue }
                if first == cr {
                    i += 1
                    if i < n && text[i] == lf { i += 1 }
                    continue
                }
                let rowStart = fieldCount
                rows.append(UInt32(rowStart))
                i = row(from: i, diagnostics: &diagnostics)
                rowEnds.append(UInt32(truncatingIfNeeded: lastEnd))
                let count = fieldCount - rowStart
                if columns < 0 {
                    columns = count
                } else if count != columns {
                    diagnostics.append(ragged(rowStart: rowStart, count: count, columns: columns))
                }
            }
        }

        /// Records the fields of the row starting at `start`; returns the index after
        /// its line end. Unquoted text is scanned eight bytes at a time: each word gives
        /// a bit mask of delimiters and line ends, and every set bit ends a field.
        @inline(__always)
        mutating func row(from start: Int, diagnostics: inout [Diagnostic]) -> Int {
            let n = text.count
            let base = text.baseAddress!
            let delim = delimiter
            let quote = Scanner.quote, lf = Scanner.lf, cr = Scanner.cr
            let ones: UInt64 = 0x0101_0101_0101_0101
            let d = ones &* UInt64(delim), l = ones &* UInt64(lf), r = ones &* UInt64(cr)
            var fieldStart = start
            while true {
                if fieldStart < n && base[fieldStart] == quote {
                    let after = quotedField(at: fieldStart, diagnostics: &diagnostics)
                    if after >= n { return n }
                    if base[after] == delim {
                        fieldStart = after + 1
                        continue
                    }
                    return lineEnd(at: after)
                }
                var j = fieldStart
                while j + 8 <= n {
                    let w = UInt64(littleEndian: UnsafeRawPointer(base + j).loadUnaligned(as: UInt64.self))
                    var hits = CSVReader.matches(w, d) | CSVReader.matches(w, l) | CSVReader.matches(w, r)
                    while hits != 0 {
                        let boundary = j + hits.trailingZeroBitCount >> 3
                        record(fieldStart, boundary)
                        if base[boundary] != delim { return lineEnd(at: boundary) }
                        fieldStart = boundary + 1
                        if fieldStart < n && base[fieldStart] == quote { break }
                        hits &= hits &- 1
                    }
                    if hits != 0 { break }  // a quoted field starts: handled above
                    j += 8
                }
                if j + 8 <= n { continue }
                // The last few bytes of the text, one at a time.
                while j < n {
                    let c = base[j]
                    if c == delim {
                        record(fieldStart, j)
                        fieldStart = j + 1
                        if fieldStart < n && base[fieldStart] == quote { break }
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
            starts[fieldCount] = UInt32(truncatingIfNeeded: start)
            lastEnd = end
            fieldCount += 1
        }

        /// The index after the line end (LF, CR or CRLF) at `i`.
        @inline(__always)
        func lineEnd(at i: Int) -> Int {
            if text[i] == Scanner.cr && i + 1 < text.count && text[i + 1] == Scanner.lf { return i + 2 }
            return i + 1
        }

        /// The index of the first delimiter, LF or CR at or after `i` (or the end).
        func nextBoundary(from i: Int) -> Int {
            var j = i
            while j < text.count {
                let c = text[j]
                if c == delimiter || c == Scanner.lf || c == Scanner.cr { return j }
                j += 1
            }
            return j
        }

        /// Records the quoted field opening at `open`; returns the index after it.
        mutating func quotedField(at open: Int, diagnostics: inout [Diagnostic]) -> Int {
            let n = text.count
            let quote = Scanner.quote
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
            } else if i < n, text[i] != delimiter, text[i] != Scanner.lf, text[i] != Scanner.cr {
                // Text after the closing quote is kept literally.
                dirty = true
                i = nextBoundary(from: i)
            }
            if dirty {
                starts[fieldCount] = UInt32(truncatingIfNeeded: open)
                if unescape.isEmpty { unescape = [UInt64](repeating: 0, count: capacity / 64 + 1) }
                unescape[fieldCount >> 6] |= 1 << UInt64(fieldCount & 63)
            } else {
                starts[fieldCount] = UInt32(truncatingIfNeeded: open + 1) | CSVTable.quotedBit
            }
            lastEnd = i
            fieldCount += 1
            return i
        }

        /// The warning for a row whose cell count differs from the header's.
        func ragged(rowStart: Int, count: Int, columns: Int) -> Diagnostic {
            func rawStart(_ index: Int) -> Int {
                let s = starts[index]
                return Int(s & CSVTable.offsetMask) - (s & CSVTable.quotedBit != 0 ? 1 : 0)
            }
            // Fields of the current row end one byte before the next one; the last at `lastEnd`.
            func raw(_ index: Int) -> (start: Int, end: Int) {
                (rawStart(index), index + 1 < fieldCount ? rawStart(index + 1) - 1 : lastEnd)
            }
            if count < columns {
                let range = SourceRange(file: source, start: raw(rowStart).start, end: raw(rowStart + count - 1).end)
                return .warning(.csvTooFewFields(expected: columns, got: count), at: range)
            }
            let extra = raw(rowStart + columns)
            return .warning(
                .csvTooManyFields(expected: columns, got: count),
                at: SourceRange(file: source, start: extra.start, end: extra.end),
                help: .csvTooManyFieldsHelp)
        }
    }
}
