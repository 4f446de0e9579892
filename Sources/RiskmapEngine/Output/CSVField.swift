import Foundation

/// CSV field quoting shared by the writers.
public enum CSVField {
    /// Whether a field must be quoted: it holds `;`, `,`, a quote or a line break.
    static func needsQuotes(_ s: String) -> Bool {
        s.utf8.contains { $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 || $0 == UInt8(ascii: ",") }
    }

    public static func escape(_ s: String) -> String {
        guard needsQuotes(s) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Appends UTF-8 field bytes, quoted if needed.
    static func append(bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        let special = bytes.contains { $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 || $0 == UInt8(ascii: ",") }
        guard special else { out.append(contentsOf: bytes); return }
        out.append(UInt8(ascii: "\""))
        for b in bytes {
            if b == UInt8(ascii: "\"") { out.append(b) }
            out.append(b)
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends the field, quoted if needed, as UTF-8 bytes.
    public static func append(_ s: String, to out: inout [UInt8]) {
        guard needsQuotes(s) else { out += s.utf8; return }
        out.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            if b == UInt8(ascii: "\"") { out.append(b) }
            out.append(b)
        }
        out.append(UInt8(ascii: "\""))
    }
}
