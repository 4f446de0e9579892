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
        let (text, encoding) = decode(bytes, forced: options.encoding)
        guard text.count <= CSVTable.maxBytes else {
            return (nil, [Diagnostic(.error, .unreadableFile(path), path: path)])
        }
        let source = SourceFile(path: path, bytes: text)
        let delimiter = options.delimiter.flatMap { isUsableDelimiter($0) ? $0 : nil }
            ?? text.withUnsafeBufferPointer { detectDelimiter($0) }
        var parser = Parser(source: source, delimiter: delimiter)
        parser.parse()
        guard parser.rowFirstField.count >= 2 else {
            return (nil, [Diagnostic(.error, .csvEmptyFile, path: path)])
        }
        let table = CSVTable(
            source: source, encoding: encoding, delimiter: delimiter,
            fieldStarts: parser.fieldStarts, fieldEnds: parser.fieldEnds,
            rowFirstField: parser.rowFirstField
        )
        return (table, parser.diagnostics)
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

    /// One pass over the bytes, recording field offsets. Physical row 0 is the header.
    struct Parser {
        let source: SourceFile
        let delimiter: UInt8
        var fieldStarts: [UInt32] = []
        var fieldEnds: [UInt32] = []
        var rowFirstField: [UInt32] = []
        var diagnostics: [Diagnostic] = []

        init(source: SourceFile, delimiter: UInt8) {
            self.source = source
            self.delimiter = delimiter
        }

        mutating func parse() {
            let bytes = source.bytes
            reserve(bytes)
            bytes.withUnsafeBufferPointer { parse($0) }
            rowFirstField.append(UInt32(fieldStarts.count))
        }

        /// Reserves room from the line count and the header's cell count.
        private mutating func reserve(_ bytes: [UInt8]) {
            let lines = bytes.withUnsafeBufferPointer { buffer in
                var count = 1
                for b in buffer where b == UInt8(ascii: "\n") { count += 1 }
                return count
            }
            let columns = bytes.withUnsafeBufferPointer { buffer in
                var count = 1
                for b in buffer {
                    if b == UInt8(ascii: "\n") { break }
                    if b == delimiter { count += 1 }
                }
                return count
            }
            let fields = min(lines * columns + columns, bytes.count + lines + 1)
            fieldStarts.reserveCapacity(fields)
            fieldEnds.reserveCapacity(fields)
            rowFirstField.reserveCapacity(lines + 2)
        }

        private mutating func parse(_ p: UnsafeBufferPointer<UInt8>) {
            let n = p.count
            let delim = delimiter
            let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
            var columns = -1
            var i = 0
            while i < n {
                // Skip fully empty lines.
                let first = p[i]
                if first == lf { i += 1; continue }
                if first == cr {
                    i += 1
                    if i < n && p[i] == lf { i += 1 }
                    continue
                }
                let rowStart = fieldStarts.count
                rowFirstField.append(UInt32(rowStart))
                fields: while true {
                    if i < n && p[i] == quote {
                        let open = i
                        i += 1
                        var dirty = false
                        var closed = false
                        while i < n {
                            if p[i] == quote {
                                if i + 1 < n && p[i + 1] == quote {
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
                            diagnostics.append(.error(
                                .csvUnterminatedQuote,
                                at: SourceRange(file: source, start: open, end: open + 1)))
                        } else if i < n, p[i] != delim, p[i] != lf, p[i] != cr {
                            // Text after the closing quote: kept literally.
                            dirty = true
                            while i < n {
                                let c = p[i]
                                if c == delim || c == lf || c == cr { break }
                                i += 1
                            }
                        }
                        if dirty {
                            fieldStarts.append(UInt32(open))
                            fieldEnds.append(UInt32(i) | CSVTable.unescapeBit)
                        } else {
                            fieldStarts.append(UInt32(open + 1) | CSVTable.quotedBit)
                            fieldEnds.append(UInt32(i - 1))
                        }
                    } else {
                        let start = i
                        while i < n {
                            let c = p[i]
                            if c == delim || c == lf || c == cr { break }
                            i += 1
                        }
                        fieldStarts.append(UInt32(start))
                        fieldEnds.append(UInt32(i))
                    }
                    if i >= n { break fields }
                    let c = p[i]
                    i += 1
                    if c == delim { continue fields }
                    if c == cr && i < n && p[i] == lf { i += 1 }
                    break fields
                }
                let count = fieldStarts.count - rowStart
                if columns < 0 {
                    columns = count
                } else if count != columns {
                    reportRagged(rowStart: rowStart, count: count, columns: columns)
                }
            }
        }

        private mutating func reportRagged(rowStart: Int, count: Int, columns: Int) {
            func raw(_ index: Int) -> (Int, Int) {
                let s = fieldStarts[index], e = fieldEnds[index]
                let start = Int(s & CSVTable.offsetMask), end = Int(e & CSVTable.offsetMask)
                return s & CSVTable.quotedBit != 0 ? (start - 1, end + 1) : (start, end)
            }
            if count < columns {
                let range = SourceRange(file: source, start: raw(rowStart).0, end: raw(rowStart + count - 1).1)
                diagnostics.append(.warning(.csvTooFewFields(expected: columns, got: count), at: range))
            } else {
                let extra = raw(rowStart + columns)
                let range = SourceRange(file: source, start: extra.0, end: extra.1)
                diagnostics.append(.warning(
                    .csvTooManyFields(expected: columns, got: count), at: range, help: .csvTooManyFieldsHelp))
            }
        }
    }
}
