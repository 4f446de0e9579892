import Foundation

/// CSV fields as every writer of riskmap writes them for Excel.
///
/// * Quoting: a field holding `;`, `,`, a quote or a line break is put in quotes, its
///   quotes doubled.
/// * Spreadsheet safety (OWASP «CSV injection»): a field that begins with `=`, `+`, `-`,
///   `@`, a tab or a carriage return would be read by Excel as a formula; unless it is a
///   plain number (`-5`, `+3`, `-2,5`, which stay numbers), it gets a leading `'`, which
///   Excel shows as text and never evaluates. Every text written to a CSV comes from the
///   schools file or the rule book, so every field goes through this.
public enum CSVField {
    /// Whether a field must be quoted: it holds `;`, `,`, a quote or a line break.
    static func needsQuotes(_ s: String) -> Bool {
        s.utf8.contains(where: isSpecial)
    }

    @inline(__always)
    static func isSpecial(_ b: UInt8) -> Bool {
        b == UInt8(ascii: ";") || b == UInt8(ascii: "\"") || b == 10 || b == 13 || b == UInt8(ascii: ",")
    }

    /// Whether a byte starts a formula in a spreadsheet: `=`, `+`, `-`, `@`, tab, CR.
    @inline(__always)
    static func startsFormula(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "=") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: "@") || b == 9 || b == 13
    }

    /// Whether the field's bytes need a leading `'`: they start a formula and are not a
    /// plain number.
    static func needsNeutralising(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, startsFormula(first) else { return false }
        return CellParser.parseNumber(bytes: bytes) == nil
    }

    static func needsNeutralising(_ s: String) -> Bool {
        guard let first = s.utf8.first, startsFormula(first) else { return false }
        var s = s
        return s.withUTF8 { needsNeutralising($0) }
    }

    /// The field as written: neutralised, then quoted if needed.
    public static func escape(_ s: String) -> String {
        // On bytes: a quote followed by a combining mark is one Character, which a
        // Character-wise replacement would not double — a quote that then ends the field
        // early, and whatever follows starts a new cell (found by Fuzz/writers).
        var out: [UInt8] = []
        append(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends UTF-8 field bytes, neutralised and quoted if needed.
    static func append(bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        let neutralise = needsNeutralising(bytes)
        let special = bytes.contains(where: isSpecial)
        if special { out.append(UInt8(ascii: "\"")) }
        if neutralise { out.append(UInt8(ascii: "'")) }
        guard special else { out.append(contentsOf: bytes); return }
        for b in bytes {
            if b == UInt8(ascii: "\"") { out.append(b) }
            out.append(b)
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends the field, neutralised and quoted if needed, as UTF-8 bytes.
    public static func append(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { append(bytes: $0, to: &out) }
    }
}
