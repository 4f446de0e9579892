import Foundation
import RiskmapLanguage
import RiskmapPlatform

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
    /// `tuning`: threads, and the sizes from which a text is scanned in parallel.
    public static func read(
        bytes: TextBytes, path: String, options: CSVOptions = CSVOptions(), tuning: Tuning = .default
    ) -> (CSVTable?, [Diagnostic]) {
        if options.encoding == nil, bytes.count >= tuning.speculativeUTF8MinBytes, tuning.threads > 1,
           !TextDecoding.hasUTF8BOM(bytes) {
            // Large file, encoding to detect: the bytes are parsed as UTF-8 while they are
            // checked to be UTF-8; if they are not, they are decoded and parsed again.
            let (result, valid) = read(text: bytes, encoding: .utf8, path: path, options: options, tuning: tuning, checkingUTF8: true)
            if valid { return result }
            return readNotUTF8(bytes, path: path, options: options, tuning: tuning)
        }
        if options.encoding == nil, !TextDecoding.hasUTF8BOM(bytes), !bytes.withUnsafeBufferPointer({ TextDecoding.isValidUTF8($0) }) {
            return readNotUTF8(bytes, path: path, options: options, tuning: tuning)
        }
        let (text, encoding) = decode(bytes, forced: options.encoding)
        return read(text: text, encoding: encoding, path: path, options: options, tuning: tuning)
    }

    /// A file that is not well-formed UTF-8, its encoding to detect: decided from the
    /// whole file's evidence. Windows-1251 when that is what it is; a UTF-8 file with a
    /// few bad bytes stays UTF-8 (each bad byte shown as U+FFFD), with a warning at each
    /// — rather than every letter of the file garbled as Windows-1251 with no word.
    static func readNotUTF8(_ bytes: TextBytes, path: String, options: CSVOptions, tuning: Tuning) -> (CSVTable?, [Diagnostic]) {
        let evidence = bytes.withUnsafeBufferPointer { TextDecoding.utf8Evidence($0) }
        guard TextDecoding.isMostlyUTF8(evidence) else {
            return read(text: TextDecoding.decodeWindows1251(bytes), encoding: .cp1251, path: path, options: options, tuning: tuning)
        }
        let (repaired, at) = bytes.withUnsafeBufferPointer { TextDecoding.repairUTF8($0, invalid: evidence.invalid) }
        let (table, diagnostics) = read(text: TextBytes(repaired), encoding: .utf8, path: path, options: options, tuning: tuning)
        guard let table else { return (table, diagnostics) }
        let warnings = zip(evidence.invalid, at).map { original, offset in
            let byte = bytes.withUnsafeBufferPointer { $0[original] }
            let hex = "0x" + String(byte, radix: 16, uppercase: true)
            return Diagnostic.warning(.csvInvalidUTF8(byte: hex), at: SourceRange(file: table.source, start: offset, end: offset + 3),
                                      help: .csvInvalidUTF8Help)
        }
        return (table, warnings + diagnostics)
    }

    /// `read(bytes:path:options:tuning:)` for bytes in an array (copied once).
    public static func read(
        bytes: [UInt8], path: String, options: CSVOptions = CSVOptions(), tuning: Tuning = .default
    ) -> (CSVTable?, [Diagnostic]) {
        read(bytes: TextBytes(bytes), path: path, options: options, tuning: tuning)
    }

    /// Parses decoded text.
    static func read(
        text: TextBytes, encoding: CSVEncoding, path: String, options: CSVOptions, tuning: Tuning
    ) -> (CSVTable?, [Diagnostic]) {
        read(text: text, encoding: encoding, path: path, options: options, tuning: tuning, checkingUTF8: false).0
    }

    /// Parses text; `checkingUTF8`: also says, checking while parsing, whether it is
    /// well-formed UTF-8 (`false` otherwise).
    static func read(
        text: TextBytes, encoding: CSVEncoding, path: String, options: CSVOptions, tuning: Tuning, checkingUTF8: Bool
    ) -> ((CSVTable?, [Diagnostic]), validUTF8: Bool) {
        guard text.count <= CSVTable.maxBytes else {
            return ((nil, [Diagnostic(.error, .unreadableFile(path), path: path)]), false)
        }
        let source = SourceFile(path: path, bytes: text, tuning: tuning)
        let delimiter = options.delimiter.flatMap { isUsableDelimiter($0) ? $0 : nil }
            ?? text.withUnsafeBufferPointer { detectDelimiter($0) }
        let (rows, valid) = parse(source, delimiter: delimiter, checkingUTF8: checkingUTF8, tuning: tuning)
        guard rows.starts.count >= 1 else {
            return ((nil, [Diagnostic(.error, .csvEmptyFile, path: path)]), valid)
        }
        let table = CSVTable(source: source, encoding: encoding, delimiter: delimiter, rows: rows)
        if table.columnCount > CSVTable.maxColumns {
            let header = SourceRange(file: source, start: Int(table.rowStarts[0]), end: Int(table.rowStarts[0]))
            return ((nil, [.error(.csvTooManyColumns(count: table.columnCount, limit: CSVTable.maxColumns), at: header)]), valid)
        }
        return ((table, rows.diagnostics), valid)
    }

    // MARK: Encoding

    /// The UTF-8 text of `bytes` (BOM removed) and the encoding it was read as.
    static func decode(_ bytes: TextBytes, forced: CSVEncoding?) -> (TextBytes, CSVEncoding) {
        let bom = TextDecoding.hasUTF8BOM(bytes)
        let encoding = forced ?? (bom || bytes.withUnsafeBufferPointer { TextDecoding.isValidUTF8($0) } ? .utf8 : .cp1251)
        switch encoding {
        case .utf8: return (bom ? bytes.dropFirst(TextDecoding.utf8BOM.count) : bytes, .utf8)
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

    /// Splits the text of `source` into rows (their fields are found again on demand)
    /// and, if `checkingUTF8`, checks that it is well-formed UTF-8.
    ///
    /// A large text is split at a line end near the middle, and its two parts are scanned
    /// (and checked) on all cores. The second part's scan assumes that line end is
    /// outside quotes; if the first part's last row runs past it (a quoted cell with line
    /// breaks), the second part is scanned again from where that row ends. A line feed
    /// is never part of a multi-byte character, so the parts can be checked apart.
    static func parse(
        _ source: SourceFile, delimiter: UInt8, checkingUTF8: Bool, tuning: Tuning = .default
    ) -> (rows: CSVRowScanner.Rows, validUTF8: Bool) {
        let split = source.bytes.count >= tuning.parallelScanMinBytes && tuning.threads > 1
            ? source.bytes.withUnsafeBufferPointer(splitPoint) : nil
        return parse(source, delimiter: delimiter, checkingUTF8: checkingUTF8, split: split, threads: tuning.threads)
    }

    /// What one task of a split parse found: a part's rows, or whether a part is UTF-8.
    private enum PartResult {
        case rows(CSVRowScanner.Part)
        case valid(Bool)

        var part: CSVRowScanner.Part {
            if case .rows(let part) = self { return part }
            return CSVRowScanner.Part()
        }

        var isValid: Bool {
            if case .valid(let valid) = self { return valid }
            return false
        }
    }

    /// `parse`, split at `split` (the offset after a line feed; `nil`: in one part), the
    /// parts on up to `threads` threads.
    static func parse(
        _ source: SourceFile, delimiter: UInt8, checkingUTF8: Bool, split: Int?, threads: Int = 2
    ) -> (rows: CSVRowScanner.Rows, validUTF8: Bool) {
        source.bytes.withUnsafeBufferPointer { text in
            let n = text.count
            guard let split, split > 0, split < n, text[split - 1] == UInt8(ascii: "\n") else {
                let valid = checkingUTF8 && TextDecoding.isValidUTF8(text)
                var scanner = CSVRowScanner(text: text, delimiter: delimiter, source: source)
                return (scanner.run(), valid)
            }
            // The header's cell count, for the second part's ragged-row warnings (-1 when
            // the first part has no rows: the second part's first row is then the header).
            let columns = headerColumns(text, before: split, delimiter: delimiter, source: source)
            // Tasks: scan the first part, scan the second, check each part is UTF-8.
            let results = Parallel.map(count: checkingUTF8 ? 4 : 2, threads: threads) { task -> PartResult in
                switch task {
                case 0, 1:
                    var scanner = CSVRowScanner(text: text, delimiter: delimiter, source: source)
                    return .rows(task == 0
                        ? scanner.run(from: 0, to: split, columns: -1)
                        : scanner.run(from: split, to: n, columns: columns))
                case 2:
                    return .valid(TextDecoding.isValidUTF8(UnsafeBufferPointer(rebasing: text[..<split])))
                default:
                    return .valid(TextDecoding.isValidUTF8(UnsafeBufferPointer(rebasing: text[split...])))
                }
            }
            let first = results[0].part
            var rows = first.rows
            var second = results[1].part
            if first.stop != split {
                // The split was inside a quoted cell: the rest again, from the true row end.
                var scanner = CSVRowScanner(text: text, delimiter: delimiter, source: source)
                second = scanner.run(from: first.stop, to: n, columns: columns)
            }
            let offset = UInt32(truncatingIfNeeded: first.fields)
            rows.starts += second.rows.starts
            rows.ends += second.rows.ends
            rows.firstField += second.rows.firstField.map { $0 &+ offset }
            rows.firstField.append(UInt32(truncatingIfNeeded: first.fields + second.fields))
            rows.diagnostics += second.rows.diagnostics
            return (rows, checkingUTF8 && results[2].isValid && results[3].isValid)
        }
    }

    /// The cell count of the first non-empty line starting before `end`; -1 if none.
    static func headerColumns(_ text: UnsafeBufferPointer<UInt8>, before end: Int, delimiter: UInt8, source: SourceFile) -> Int {
        guard let header = (0..<end).first(where: { text[$0] != UInt8(ascii: "\n") && text[$0] != UInt8(ascii: "\r") }) else { return -1 }
        var scanner = CSVRowScanner(text: text, delimiter: delimiter, source: source)
        _ = scanner.run(from: header, to: header + 1, columns: -1)
        return scanner.fieldCount
    }

    /// The offset after the first line feed at or after the middle of `text`, if that
    /// leaves something on both sides.
    static func splitPoint(_ text: UnsafeBufferPointer<UInt8>) -> Int? {
        guard text.count >= 2 else { return nil }
        var i = text.count / 2
        while i < text.count && text[i] != UInt8(ascii: "\n") { i += 1 }
        let split = i + 1
        return split < text.count ? split : nil
    }

    /// The high bit of every byte of `word` equal to the byte repeated in `pattern`
    /// (exact: no carries between bytes).
    @inline(__always)
    static func matches(_ word: UInt64, _ pattern: UInt64) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let x = word ^ pattern
        return ~(((x & low7) &+ low7) | x) & ~low7
    }
}
