import RiskmapPlatform

/// Turns a rule file into tokens. Works on UTF-8 bytes; comments are attached to the
/// neighbouring tokens so that the formatter can keep them.
public struct Lexer {
    /// Lexical errors in one file beyond this number are summarised, not listed.
    public static let errorLimit = 50

    private let file: SourceFile
    private let bytes: TextBytes
    private var index = 0
    private var tokens: [Token] = []
    private var pendingComments: [String] = []
    private var sawNewline = true
    /// Line breaks since the last token or comment; two or more mean an empty line.
    private var newlineRun = 0
    public private(set) var diagnostics: [Diagnostic] = []

    public init(file: SourceFile) {
        self.file = file
        self.bytes = file.bytes
    }

    /// Checks that the file is text we can read: valid UTF-8 and no NUL bytes.
    public static func validate(_ file: SourceFile) -> Diagnostic? {
        let bytes = file.bytes
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0 {
                return .error(.binaryFile, at: SourceRange(file: file, start: i, end: i + 1))
            }
            if b < 0x80 { i += 1; continue }
            let length: Int
            if b & 0xE0 == 0xC0, b >= 0xC2 { length = 2 }
            else if b & 0xF0 == 0xE0 { length = 3 }
            else if b & 0xF8 == 0xF0, b <= 0xF4 { length = 4 }
            else { return invalid(file, at: i) }
            if i + length > bytes.count { return invalid(file, at: i) }
            for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { return invalid(file, at: i) }
            // Reject overlong and surrogate encodings, as the Swift decoder would.
            if length == 3 {
                let b1 = bytes[i + 1]
                if (b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 >= 0xA0) { return invalid(file, at: i) }
            } else if length == 4 {
                let b1 = bytes[i + 1]
                if (b == 0xF0 && b1 < 0x90) || (b == 0xF4 && b1 >= 0x90) { return invalid(file, at: i) }
            }
            i += length
        }
        return nil
    }

    private static func invalid(_ file: SourceFile, at offset: Int) -> Diagnostic {
        .error(.invalidUTF8, at: SourceRange(file: file, start: offset, end: offset + 1), help: .invalidUTF8Help)
    }

    public mutating func tokenize() -> [Token] {
        // Skip a UTF-8 byte-order mark.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        while true {
            skipTrivia()
            if index >= bytes.count { break }
            if diagnostics.count >= Lexer.errorLimit {
                diagnostics.append(.error(.tooManyErrors(Lexer.errorLimit), at: range(index, bytes.count)))
                break
            }
            lexToken()
        }
        var eof = Token(kind: .endOfFile, range: range(bytes.count, bytes.count))
        eof.leadingComments = pendingComments
        eof.startsLine = true
        tokens.append(eof)
        return tokens
    }

    private func range(_ start: Int, _ end: Int) -> SourceRange {
        SourceRange(file: file, start: start, end: end)
    }

    private func peek(_ offset: Int = 0) -> UInt8? {
        let i = index + offset
        return i < bytes.count ? bytes[i] : nil
    }

    private mutating func skipTrivia() {
        while let b = peek() {
            switch b {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                index += 1
            case UInt8(ascii: "\n"):
                index += 1
                sawNewline = true
                newlineRun += 1
            case UInt8(ascii: "#"):
                let start = index
                while let c = peek(), c != UInt8(ascii: "\n") { index += 1 }
                var end = index
                // The text stops before the line end and every CR in front of it: with one CR
                // kept, «#\r\r\n» would format to «#\r» + «\n», which reads back as «#» — not
                // the formatter's fixed point (found by the `lang` fuzzer).
                while end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let text = String(decoding: bytes[start..<end], as: UTF8.self)
                if !sawNewline, !tokens.isEmpty, tokens[tokens.count - 1].trailingComment == nil {
                    tokens[tokens.count - 1].trailingComment = text
                } else {
                    // An empty line between two comments is kept as an empty marker.
                    if newlineRun >= 2, !pendingComments.isEmpty { pendingComments.append("") }
                    pendingComments.append(text)
                }
                newlineRun = 0
            default:
                return
            }
        }
    }

    private mutating func emit(_ kind: Token.Kind, from start: Int) {
        var token = Token(kind: kind, range: range(start, index))
        if newlineRun >= 2, !pendingComments.isEmpty { pendingComments.append("") }
        newlineRun = 0
        token.leadingComments = pendingComments
        token.startsLine = sawNewline
        pendingComments = []
        sawNewline = false
        tokens.append(token)
    }

    /// Decodes the scalar at `index` (the file is valid UTF-8 by now).
    private func scalar(at i: Int) -> (Unicode.Scalar, Int) {
        let b = bytes[i]
        if b < 0x80 { return (Unicode.Scalar(b), 1) }
        let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
        var value = UInt32(b) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for k in 1..<length where i + k < bytes.count {
            value = (value << 6) | (UInt32(bytes[i + k]) & 0x3F)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    private static func isIdentifierStart(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII {
            return s == "_" || ("a"..."z").contains(s) || ("A"..."Z").contains(s)
        }
        return s.properties.isAlphabetic
    }

    private static func isIdentifierContinue(_ s: Unicode.Scalar) -> Bool {
        isIdentifierStart(s) || ("0"..."9").contains(s)
    }

    private func isDigit(_ b: UInt8?) -> Bool {
        guard let b else { return false }
        return b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")
    }

    private mutating func lexToken() {
        let start = index
        let (s, length) = scalar(at: index)
        if Lexer.isIdentifierStart(s) {
            index += length
            while index < bytes.count {
                let (c, l) = scalar(at: index)
                guard Lexer.isIdentifierContinue(c) else { break }
                index += l
            }
            let word = String(decoding: bytes[start..<index], as: UTF8.self)
            if let (keyword, lang) = Keyword.match(word) {
                emit(.keyword(keyword, lang), from: start)
            } else {
                emit(.identifier(word), from: start)
            }
            return
        }
        if isDigit(bytes[index]) {
            lexNumber()
            return
        }
        switch s {
        case "\"", "\u{201C}":
            lexString(closing: s == "\"" ? "\"" : "\u{201D}", openingLength: length)
            return
        default:
            break
        }
        index += length
        let next = peek()
        func twoChar(_ second: Character, _ symbol: Symbol, else single: Symbol) -> Symbol {
            if let next, Character(Unicode.Scalar(next)) == second { index += 1; return symbol }
            return single
        }
        let symbol: Symbol?
        switch s {
        case "{": symbol = .leftBrace
        case "}": symbol = .rightBrace
        case "(": symbol = .leftParen
        case ")": symbol = .rightParen
        case ",": symbol = .comma
        case ":": symbol = .colon
        case ";": symbol = .semicolon
        case "=": symbol = twoChar("=", .equal, else: .equal)
        case "!":
            if next == UInt8(ascii: "=") { index += 1; symbol = .notEqual } else { symbol = nil }
        case "<":
            if next == UInt8(ascii: ">") { index += 1; symbol = .notEqual }
            else { symbol = twoChar("=", .lessEqual, else: .less) }
        case ">": symbol = twoChar("=", .greaterEqual, else: .greater)
        case "≤": symbol = .lessEqual
        case "≥": symbol = .greaterEqual
        case "≠": symbol = .notEqual
        case "+": symbol = .plus
        case "-", "−": symbol = .minus
        case "–", "—": symbol = .dash
        case "*", "×": symbol = .star
        case "/": symbol = .slash
        case "…": symbol = .ellipsis
        case ".":
            if next == UInt8(ascii: ".") {
                index += 1
                if peek() == UInt8(ascii: ".") { index += 1 }
                symbol = .ellipsis
            } else {
                symbol = nil
            }
        default: symbol = nil
        }
        if let symbol {
            emit(.symbol(symbol), from: start)
        } else {
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            let help: Message? = (s == "«" || s == "»") ? .guillemetHelp : nil
            diagnostics.append(.error(.unexpectedCharacter(text), at: range(start, index), help: help))
        }
    }

    private mutating func digits() -> Int {
        let start = index
        while isDigit(peek()) { index += 1 }
        return index - start
    }

    private mutating func lexNumber() {
        let start = index
        let intDigits = digits()
        // ISO date: 2026-10-15
        if intDigits == 4, peek() == UInt8(ascii: "-"), isDigit(peek(1)), isDigit(peek(2)),
           peek(3) == UInt8(ascii: "-"), isDigit(peek(4)), isDigit(peek(5)), !isDigit(peek(6)) {
            let year = Int(String(decoding: bytes[start..<index], as: UTF8.self)) ?? 0
            let month = Int(String(decoding: bytes[index + 1..<index + 3], as: UTF8.self)) ?? 0
            let day = Int(String(decoding: bytes[index + 4..<index + 6], as: UTF8.self)) ?? 0
            index += 6
            emitDate(year: year, month: month, day: day, from: start)
            return
        }
        // Russian date: 15.10.2026
        if intDigits <= 2, peek() == UInt8(ascii: "."), isDigit(peek(1)) {
            var k = 1
            while isDigit(peek(k)) { k += 1 }
            if k <= 3, peek(k) == UInt8(ascii: "."), isDigit(peek(k + 1)), isDigit(peek(k + 2)),
               isDigit(peek(k + 3)), isDigit(peek(k + 4)), !isDigit(peek(k + 5)) {
                let day = Int(String(decoding: bytes[start..<index], as: UTF8.self)) ?? 0
                let month = Int(String(decoding: bytes[index + 1..<index + k], as: UTF8.self)) ?? 0
                let year = Int(String(decoding: bytes[index + k + 1..<index + k + 5], as: UTF8.self)) ?? 0
                index += k + 5
                emitDate(year: year, month: month, day: day, from: start)
                return
            }
        }
        if peek() == UInt8(ascii: "."), isDigit(peek(1)) {
            index += 1
            _ = digits()
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        let value = Double(text) ?? 0
        if !(value <= NumberText.limit) {
            diagnostics.append(.error(.numberTooLarge(text: text, limit: NumberText.limitText), at: range(start, index)))
        }
        if peek() == UInt8(ascii: "%") {
            index += 1
            emit(.percent(value, text: text), from: start)
        } else {
            emit(.number(value, text: text), from: start)
        }
    }

    private mutating func emitDate(year: Int, month: Int, day: Int, from start: Int) {
        if DateParts.isValid(year: year, month: month, day: day) {
            emit(.date(year: year, month: month, day: day), from: start)
        } else {
            diagnostics.append(.error(.invalidDate(String(decoding: bytes[start..<index], as: UTF8.self)), at: range(start, index)))
            // Still emit the token, so the parser does not report a second error at the same place.
            emit(.date(year: year, month: month, day: day), from: start)
        }
    }

    private mutating func lexString(closing: Unicode.Scalar, openingLength: Int) {
        let start = index
        index += openingLength
        var value = ""
        while index < bytes.count {
            let (c, l) = scalar(at: index)
            if c == "\n" { break }
            if c == closing || (closing == "\u{201D}" && c == "\"") {
                index += l
                emit(.string(value), from: start)
                return
            }
            if c == "\\", index + 1 < bytes.count {
                let (e, el) = scalar(at: index + 1)
                switch e {
                case "n": value += "\n"
                case "t": value += "\t"
                default: value.unicodeScalars.append(e)
                }
                index += 1 + el
                continue
            }
            value.unicodeScalars.append(c)
            index += l
        }
        diagnostics.append(.error(.unterminatedString, at: range(start, index), help: .unterminatedStringHelp))
        emit(.string(value), from: start)
    }
}

/// Calendar validation shared by the lexer and deadlines.
public enum DateParts {
    public static func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard (1900...2200).contains(year), (1...12).contains(month), day >= 1 else { return false }
        return day <= daysIn(month: month, year: year)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
