/// A small XML tokenizer for the parts of an Excel workbook: start tags (with their
/// attributes kept as a byte range, read on demand), end tags, empty-element tags and the
/// text between tags. Names are compared without their namespace prefix (`x:row` is
/// `row`). Comments, processing instructions and declarations are skipped; CDATA is
/// text. No entity beyond the five predefined and numeric references is expanded (an
/// Excel part has no DTD), so no input can make it read anything else.
struct XMLScanner {
    enum Failure: Error, Equatable, Sendable {
        case malformed(offset: Int)
    }

    enum Kind: Equatable {
        case start, end, empty, text
    }

    struct Token {
        var kind: Kind
        /// The local name (after any `prefix:`), for tags.
        var name: Range<Int>
        /// Between the name and `>` (or `/>`), for start and empty tags.
        var attributes: Range<Int>
        /// The raw text (entities not yet expanded), for text tokens; a CDATA section's content.
        var text: Range<Int>
        var isCDATA = false
    }

    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var position = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    private static let lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">"), slash = UInt8(ascii: "/")
    private static let bang = UInt8(ascii: "!"), question = UInt8(ascii: "?"), colon = UInt8(ascii: ":")

    /// The next token, nil at the end.
    mutating func next() throws(Failure) -> Token? {
        let n = bytes.count
        while position < n {
            let start = position
            if bytes[position] != XMLScanner.lt {
                var end = position
                while end < n && bytes[end] != XMLScanner.lt { end += 1 }
                position = end
                return Token(kind: .text, name: 0..<0, attributes: 0..<0, text: start..<end)
            }
            guard position + 1 < n else { throw .malformed(offset: position) }
            let second = bytes[position + 1]
            if second == XMLScanner.question {
                position = try find([UInt8]("?>".utf8), from: position + 2) + 2
                continue
            }
            if second == XMLScanner.bang {
                if matches([UInt8]("<!--".utf8), at: position) {
                    position = try find([UInt8]("-->".utf8), from: position + 4) + 3
                    continue
                }
                if matches([UInt8]("<![CDATA[".utf8), at: position) {
                    let contentStart = position + 9
                    let end = try find([UInt8]("]]>".utf8), from: contentStart)
                    position = end + 3
                    return Token(kind: .text, name: 0..<0, attributes: 0..<0, text: contentStart..<end, isCDATA: true)
                }
                // <!DOCTYPE …> and other declarations: skipped.
                position = try find([XMLScanner.gt], from: position + 2) + 1
                continue
            }
            let isEnd = second == XMLScanner.slash
            var p = position + (isEnd ? 2 : 1)
            let nameStart = p
            var localStart = p
            while p < n, !XMLScanner.isNameEnd(bytes[p]) {
                if bytes[p] == XMLScanner.colon { localStart = p + 1 }
                p += 1
            }
            guard p > nameStart else { throw .malformed(offset: position) }
            let name = localStart..<p
            // The attributes run to the `>` outside quotes.
            let attributesStart = p
            var quote: UInt8 = 0
            while p < n {
                let b = bytes[p]
                if quote != 0 {
                    if b == quote { quote = 0 }
                } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                    quote = b
                } else if b == XMLScanner.gt {
                    break
                }
                p += 1
            }
            guard p < n else { throw .malformed(offset: position) }
            let selfClosing = !isEnd && p > attributesStart && bytes[p - 1] == XMLScanner.slash
            position = p + 1
            let kind: Kind = isEnd ? .end : (selfClosing ? .empty : .start)
            return Token(kind: kind, name: name, attributes: attributesStart..<(selfClosing ? p - 1 : p), text: 0..<0)
        }
        return nil
    }

    private static func isNameEnd(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == gt || b == slash
    }

    private func matches(_ pattern: [UInt8], at offset: Int) -> Bool {
        guard offset + pattern.count <= bytes.count else { return false }
        for (i, b) in pattern.enumerated() where bytes[offset + i] != b { return false }
        return true
    }

    private func find(_ pattern: [UInt8], from offset: Int) throws(Failure) -> Int {
        var i = offset
        while i + pattern.count <= bytes.count {
            if bytes[i] == pattern[0] && matches(pattern, at: i) { return i }
            i += 1
        }
        throw .malformed(offset: offset)
    }

    // MARK: - Reading tokens

    /// Whether the token's local name is `name`.
    func isNamed(_ token: Token, _ name: StaticString) -> Bool {
        let count = name.utf8CodeUnitCount
        guard token.name.count == count else { return false }
        return name.withUTF8Buffer { pattern in
            var i = 0
            while i < count {
                if bytes[token.name.lowerBound + i] != pattern[i] { return false }
                i += 1
            }
            return true
        }
    }

    func name(_ token: Token) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[token.name]), as: UTF8.self)
    }

    /// The value of the attribute whose local name is `name` (any prefix), entities expanded.
    func attribute(_ token: Token, _ name: String) -> String? {
        attributes(token).first { $0.name == name }?.value
    }

    /// Every attribute as (local name, prefix, value).
    func attributes(_ token: Token) -> [(name: String, prefix: String, value: String)] {
        var out: [(String, String, String)] = []
        var p = token.attributes.lowerBound
        let end = token.attributes.upperBound
        while p < end {
            while p < end, XMLScanner.isSpace(bytes[p]) { p += 1 }
            let nameStart = p
            var colon = -1
            while p < end, bytes[p] != UInt8(ascii: "="), !XMLScanner.isSpace(bytes[p]) {
                if bytes[p] == XMLScanner.colon { colon = p }
                p += 1
            }
            let nameEnd = p
            while p < end, XMLScanner.isSpace(bytes[p]) { p += 1 }
            guard p < end, bytes[p] == UInt8(ascii: "=") else { break }
            p += 1
            while p < end, XMLScanner.isSpace(bytes[p]) { p += 1 }
            guard p < end, bytes[p] == UInt8(ascii: "\"") || bytes[p] == UInt8(ascii: "'") else { break }
            let quote = bytes[p]
            p += 1
            let valueStart = p
            while p < end, bytes[p] != quote { p += 1 }
            let value = XMLScanner.decode(UnsafeBufferPointer(rebasing: bytes[valueStart..<p]))
            p += 1
            let local = colon >= 0 ? colon + 1 : nameStart
            let prefix = colon >= 0 ? String(decoding: UnsafeBufferPointer(rebasing: bytes[nameStart..<colon]), as: UTF8.self) : ""
            out.append((String(decoding: UnsafeBufferPointer(rebasing: bytes[local..<nameEnd]), as: UTF8.self), prefix, value))
        }
        return out
    }

    /// A text token's content, entities expanded.
    func text(_ token: Token) -> String {
        let raw = UnsafeBufferPointer(rebasing: bytes[token.text])
        return token.isCDATA ? String(decoding: raw, as: UTF8.self) : XMLScanner.decode(raw)
    }

    /// Appends a text token's content, entities expanded, to `out`.
    func appendText(_ token: Token, to out: inout [UInt8]) {
        let raw = UnsafeBufferPointer(rebasing: bytes[token.text])
        if token.isCDATA || !raw.contains(UInt8(ascii: "&")) {
            out.append(contentsOf: raw)
        } else {
            out.append(contentsOf: XMLScanner.decode(raw).utf8)
        }
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// Expands `&lt;` `&gt;` `&amp;` `&quot;` `&apos;` and `&#…;` `&#x…;`; anything else
    /// is kept as written.
    static func decode(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        guard raw.contains(UInt8(ascii: "&")) else { return String(decoding: raw, as: UTF8.self) }
        let text = String(decoding: raw, as: UTF8.self)
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].prefix(12).firstIndex(of: ";") else {
                out += "&"
                rest = rest[rest.index(after: amp)...]
                continue
            }
            let entity = rest[rest.index(after: amp)..<semi]
            var replacement: String?
            switch entity {
            case "lt": replacement = "<"
            case "gt": replacement = ">"
            case "amp": replacement = "&"
            case "quot": replacement = "\""
            case "apos": replacement = "'"
            default:
                if entity.hasPrefix("#x") || entity.hasPrefix("#X"), let v = UInt32(entity.dropFirst(2), radix: 16), let s = Unicode.Scalar(v) {
                    replacement = String(s)
                } else if entity.hasPrefix("#"), let v = UInt32(entity.dropFirst()), let s = Unicode.Scalar(v) {
                    replacement = String(s)
                }
            }
            if let replacement {
                out += replacement
                rest = rest[rest.index(after: semi)...]
            } else {
                out += "&"
                rest = rest[rest.index(after: amp)...]
            }
        }
        return out + rest
    }
}
