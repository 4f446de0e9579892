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
        bytes: TextBytes, path: String, options: CSVOptions = CSVOptions()
    ) -> (CSVTable?, [Diagnostic]) {
        if options.encoding == nil, bytes.count >= speculativeMinBytes, Evaluator.defaultThreadCount > 1,
           !TextDecoding.hasUTF8BOM(bytes) {
            // Large file, encoding to detect: the bytes are parsed as UTF-8 while another
            // thread checks that they are; if they are not, they are decoded and parsed again.
            let box = SpeculativeRead()
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                if i == 0 {
                    box.valid = bytes.withUnsafeBufferPointer { TextDecoding.isValidUTF8($0) }
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

    /// `read(bytes:path:options:)` for bytes in an array (copied once).
    public static func read(
        bytes: [UInt8], path: String, options: CSVOptions = CSVOptions()
    ) -> (CSVTable?, [Diagnostic]) {
        read(bytes: TextBytes(bytes), path: path, options: options)
    }

    /// Inputs at least this large are validated as UTF-8 while being parsed.
    static let speculativeMinBytes = 1 << 20

    private final class SpeculativeRead: @unchecked Sendable {
        var valid = false
        var result: (CSVTable?, [Diagnostic])?
    }

    /// Parses decoded text.
    static func read(
        text: TextBytes, encoding: CSVEncoding, path: String, options: CSVOptions
    ) -> (CSVTable?, [Diagnostic]) {
        guard text.count <= CSVTable.maxBytes else {
            return (nil, [Diagnostic(.error, .unreadableFile(path), path: path)])
        }
        let source = SourceFile(path: path, bytes: text)
        let delimiter = options.delimiter.flatMap { isUsableDelimiter($0) ? $0 : nil }
            ?? text.withUnsafeBufferPointer { detectDelimiter($0) }
        let rows = parse(source, delimiter: delimiter)
        guard rows.starts.count >= 1 else {
            return (nil, [Diagnostic(.error, .csvEmptyFile, path: path)])
        }
        let table = CSVTable(source: source, encoding: encoding, delimiter: delimiter, rows: rows)
        return (table, rows.diagnostics)
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

    /// Splits the text of `source` into rows (their fields are found again on demand).
    static func parse(_ source: SourceFile, delimiter: UInt8) -> CSVRowScanner.Rows {
        source.bytes.withUnsafeBufferPointer { text in
            var scanner = CSVRowScanner(text: text, delimiter: delimiter, source: source)
            defer { scanner.deallocate() }
            return scanner.run()
        }
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
