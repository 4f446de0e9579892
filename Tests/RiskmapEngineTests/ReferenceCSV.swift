import Foundation
@testable import RiskmapEngine
import RiskmapLanguage

/// The CSV reader written for obviousness, to check `CSVReader` (speculative UTF-8, word-
/// at-a-time scanning, the text scanned in two parts on two threads) against: decode the
/// bytes to a string, then split it into records and fields one scalar at a time, with
/// the rules of `CSVReader`'s and `CSVTable`'s documentation. Foundation decodes
/// Windows-1251 and the standard library validates UTF-8; nothing of `CSVReader` is reused.
///
/// Not covered: forced delimiters or encodings (`CSVOptions`), files of 2 GiB.
struct ReferenceCSV {
    /// A field: its text (unquoted, `""` → `"`, not trimmed) and where it is, quotes
    /// included, as offsets in `text`.
    struct Field { var text: String; var start: Int; var end: Int }
    /// A record: its fields, where it starts, and where its last field ends.
    struct Record { var fields: [Field]; var start: Int; var end: Int }

    /// The decoded text, one Unicode scalar per element (offsets count scalars, so the
    /// column of an offset is its distance from the line start, plus one).
    let text: [Unicode.Scalar]
    /// The records; the first is the header.
    private(set) var records: [Record] = []
    /// Unterminated quotes and rows whose cell count is not the header's, in text order.
    private(set) var notes: [LoadedProfiles.Note] = []

    init(_ bytes: [UInt8]) {
        text = Array(Self.decode(bytes).unicodeScalars)
        records = records(Self.delimiter(text))
    }

    // MARK: - Decoding

    /// UTF-8 with a BOM (dropped), else UTF-8 if the bytes are valid UTF-8, else Windows-1251.
    static func decode(_ bytes: [UInt8]) -> String {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return String(decoding: bytes.dropFirst(3), as: UTF8.self) }
        if let utf8 = String(validating: bytes, as: UTF8.self) { return utf8 }
        return String(data: Data(bytes), encoding: .windowsCP1251) ?? "<not Windows-1251>"
    }

    // MARK: - Records

    /// The first non-empty line's most frequent of `;`, tab and `,` outside quotes (every
    /// `"` opens or closes quotes); ties go to `;`, then tab, then `,`.
    static func delimiter(_ s: [Unicode.Scalar]) -> Unicode.Scalar {
        var i = 0
        while i < s.count, s[i] == "\n" || s[i] == "\r" { i += 1 }
        var counts: [Unicode.Scalar: Int] = [";": 0, "\t": 0, ",": 0]
        var inQuotes = false
        while i < s.count {
            let c = s[i]
            i += 1
            if c == "\"" {
                inQuotes.toggle()
            } else if !inQuotes {
                if c == "\n" || c == "\r" { break }
                if let n = counts[c] { counts[c] = n + 1 }
            }
        }
        var best: Unicode.Scalar = ";"
        for c: Unicode.Scalar in ["\t", ","] where counts[c]! > counts[best]! { best = c }
        return best
    }

    /// RFC 4180 records: a field starting with `"` is quoted up to the next lone `"` (`""`
    /// inside is a quote; delimiters and line ends inside are text), and whatever follows
    /// the closing quote up to the next delimiter or line end is kept as is; an
    /// unterminated quote runs to the end of the text (an error). A `"` elsewhere is text.
    /// Records end at LF, CRLF or a lone CR; lines holding nothing are not records. The
    /// first record is the header; a later one with fewer cells is a warning at its start,
    /// one with more a warning at its first extra cell.
    private mutating func records(_ delimiter: Unicode.Scalar) -> [Record] {
        let s = text
        var records: [Record] = []
        var i = 0
        func isEnd(_ c: Unicode.Scalar) -> Bool { c == delimiter || c == "\n" || c == "\r" }
        while i < s.count {
            if s[i] == "\n" || s[i] == "\r" {
                i += 1
                continue
            }
            var fields: [Field] = []
            let recordStart = i
            while true {
                let start = i
                var value = String.UnicodeScalarView()
                if i < s.count && s[i] == "\"" {
                    i += 1
                    var closed = false
                    while i < s.count {
                        if s[i] == "\"" {
                            if i + 1 < s.count && s[i + 1] == "\"" {
                                value.append("\"")
                                i += 2
                                continue
                            }
                            closed = true
                            i += 1
                            break
                        }
                        value.append(s[i])
                        i += 1
                    }
                    if !closed { note(.error, .csvUnterminatedQuote, at: start) }
                }
                while i < s.count && !isEnd(s[i]) {
                    value.append(s[i])
                    i += 1
                }
                fields.append(Field(text: String(value), start: start, end: i))
                if i < s.count && s[i] == delimiter {
                    i += 1
                    continue
                }
                break
            }
            // The line end: CRLF, LF or CR.
            if i < s.count { i += s[i] == "\r" && i + 1 < s.count && s[i + 1] == "\n" ? 2 : 1 }
            let record = Record(fields: fields, start: recordStart, end: fields.last!.end)
            if let header = records.first, fields.count != header.fields.count {
                let columns = header.fields.count
                if fields.count < columns {
                    note(.warning, .csvTooFewFields(expected: columns, got: fields.count), at: record.start)
                } else {
                    note(.warning, .csvTooManyFields(expected: columns, got: fields.count), at: fields[columns].start)
                }
            }
            records.append(record)
        }
        return records
    }

    // MARK: - Diagnostics

    /// 1-based line (line feeds before `offset`, plus one: a lone CR ends a record, not a
    /// line, as in the fast path) and column (scalars since the line start, plus one).
    func location(_ offset: Int) -> (line: Int, column: Int) {
        let before = text[..<offset]
        let lineStart = before.lastIndex(of: "\n").map { $0 + 1 } ?? 0
        return (before.filter { $0 == "\n" }.count + 1, offset - lineStart + 1)
    }

    /// The note for a diagnostic at `offset`.
    func note(at offset: Int, _ severity: Diagnostic.Severity, _ message: Message) -> LoadedProfiles.Note {
        var n = LoadedProfiles.note(Diagnostic(severity, message, path: "reference"))
        (n.line, n.column) = location(offset)
        return n
    }

    mutating func note(_ severity: Diagnostic.Severity, _ message: Message, at offset: Int) {
        notes.append(note(at: offset, severity, message))
    }
}
