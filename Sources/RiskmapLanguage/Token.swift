/// A lexical token. Keywords carry the language they were spelled in, so the formatter
/// can keep a file Russian or English.
public struct Token: Sendable {
    public enum Kind: Sendable, Equatable {
        case identifier(String)
        case keyword(Keyword, Lang)
        case number(Double, text: String)
        /// `30%`: the value is in percentage points (30).
        case percent(Double, text: String)
        case string(String)
        /// `2026-10-15` or `15.10.2026`.
        case date(year: Int, month: Int, day: Int)
        case symbol(Symbol)
        case endOfFile
    }

    public var kind: Kind
    public var range: SourceRange
    /// Comments that stood on their own lines before this token.
    public var leadingComments: [String] = []
    /// A comment that followed this token on the same line.
    public var trailingComment: String?
    /// True when a line break separates this token from the previous one.
    public var startsLine: Bool = false

    public init(kind: Kind, range: SourceRange) {
        self.kind = kind
        self.range = range
    }

    public func isKeyword(_ keyword: Keyword) -> Bool {
        if case .keyword(let k, _) = kind { return k == keyword }
        return false
    }

    public func isSymbol(_ symbol: Symbol) -> Bool {
        if case .symbol(let s) = kind { return s == symbol }
        return false
    }
}

public enum Symbol: String, Sendable, CaseIterable {
    case leftBrace = "{"
    case rightBrace = "}"
    case leftParen = "("
    case rightParen = ")"
    case comma = ","
    case colon = ":"
    case semicolon = ";"
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessEqual = "<="
    case greater = ">"
    case greaterEqual = ">="
    case plus = "+"
    case minus = "-"
    /// `–` or `—`: only in deadline ranges (`сентябрь–октябрь`).
    case dash = "–"
    case star = "*"
    case slash = "/"
    case ellipsis = "..."
}
