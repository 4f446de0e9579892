/// Recursive-descent parser for one rule file. Collects every syntax error it can find:
/// after an error it skips to the next clause or declaration and goes on.
public struct Parser {
    /// Expressions nested deeper than this are rejected (no stack overflow on hostile input).
    public static let maxDepth = 200

    private struct Failure: Error {}

    private let file: SourceFile
    private var tokens: [Token]
    private var pos = 0
    private var depth = 0
    /// Operators in the left-deep chains (`a or b or …`, `a + b + …`) above the current
    /// point: each makes the tree one level deeper, so they count against `maxDepth` too.
    private var chainLinks = 0
    /// Set when a too-deep expression made the parser skip to the next declaration: the
    /// block it was in is not reported as unclosed.
    private var skippedToDeclaration = false
    /// Inside a declaration's `{ … }` (where `направление CODE` is a measure's clause).
    private var inBlock = false
    private var leadingClaimed = Set<Int>()
    private var trailingClaimed = Set<Int>()
    public private(set) var diagnostics: [Diagnostic] = []
    /// Index of the token after each unterminated string (see `report`).
    private var afterUnterminatedString = Set<Int>()

    public init(file: SourceFile) {
        self.file = file
        var lexer = Lexer(file: file)
        if let invalid = Lexer.validate(file) {
            tokens = [Token(kind: .endOfFile, range: SourceRange(file: file, start: 0, end: 0))]
            diagnostics = [invalid]
        } else {
            tokens = lexer.tokenize()
            diagnostics = lexer.diagnostics
            for d in diagnostics where d.message.kind == .unterminatedString {
                if let i = tokens.firstIndex(where: { $0.range.start == d.range?.start }) { afterUnterminatedString.insert(i + 1) }
            }
        }
    }

    /// Parses a whole file.
    public static func parse(_ file: SourceFile) -> (FileSyntax, [Diagnostic]) {
        var parser = Parser(file: file)
        let syntax = parser.parseFile()
        return (syntax, parser.diagnostics)
    }

    /// Parses a single expression (used by tests and tools).
    public static func parseExpression(_ file: SourceFile) -> (Expr?, [Diagnostic]) {
        var parser = Parser(file: file)
        guard !parser.diagnostics.hasErrors else { return (nil, parser.diagnostics) }
        let expr = try? parser.expression()
        if expr != nil, !parser.at(.endOfFile) {
            parser.report(.expected(.endOfInput, found: parser.describe(parser.current)), at: parser.current.range)
        }
        return (parser.diagnostics.hasErrors ? nil : expr, parser.diagnostics)
    }

    // MARK: - Token access

    private var current: Token { tokens[pos] }
    private var previous: Token { tokens[max(0, pos - 1)] }

    private func peekToken(_ offset: Int) -> Token {
        tokens[min(pos + offset, tokens.count - 1)]
    }

    private func at(_ kind: Token.Kind) -> Bool {
        if case .endOfFile = kind, case .endOfFile = current.kind { return true }
        return current.kind == kind
    }

    private func at(_ keyword: Keyword) -> Bool { current.isKeyword(keyword) }
    private func at(_ symbol: Symbol) -> Bool { current.isSymbol(symbol) }
    /// A dash pasted from a word processor (`a – b`) is a minus in expressions.
    private var atMinus: Bool { at(.minus) || at(.dash) }

    @discardableResult
    private mutating func advance() -> Token {
        let token = tokens[pos]
        if pos < tokens.count - 1 { pos += 1 }
        return token
    }

    private mutating func report(_ message: Message, at range: SourceRange, help: Message? = nil) {
        // One error per place: a failed clause at the end of the file is not also an unclosed block.
        if let last = diagnostics.last, let r = last.range, r.file === range.file, r.start == range.start { return }
        // An unterminated string swallowed the rest of its line: what the parser expected after
        // it is the same mistake, not a new one.
        if case .expected = message, afterUnterminatedString.contains(pos) { return }
        diagnostics.append(.error(message, at: range, help: help))
    }

    private mutating func fail(_ expected: Expected, help: Message? = nil) -> Failure {
        report(.expected(expected, found: describe(current)), at: current.range, help: help)
        return Failure()
    }

    func describe(_ token: Token) -> String {
        switch token.kind {
        case .endOfFile: return ""
        default: return token.range.text
        }
    }

    private mutating func expect(_ symbol: Symbol) throws -> Token {
        guard at(symbol) else { throw fail(.symbol(symbol)) }
        return advance()
    }

    private mutating func expect(_ keyword: Keyword) throws -> Token {
        guard at(keyword) else { throw fail(.keyword(keyword)) }
        return advance()
    }

    private mutating func identifier(_ what: Expected = .identifier) throws -> Identifier {
        switch current.kind {
        case .identifier(let name):
            let token = advance()
            return Identifier(name, token.range)
        case .keyword(let keyword, let lang):
            // A reserved word where a name is expected: say so precisely.
            report(.reservedWord(token: current.range.text, keyword: keyword.canonical(lang)), at: current.range,
                   help: .reservedWordHelp(current.range.text))
            throw Failure()
        default:
            throw fail(what)
        }
    }

    private mutating func string() throws -> StringLiteral {
        guard case .string(let value) = current.kind else { throw fail(.string) }
        let token = advance()
        return StringLiteral(value: value, range: token.range)
    }

    private mutating func optionalString() -> StringLiteral? {
        guard case .string(let value) = current.kind else { return nil }
        let token = advance()
        return StringLiteral(value: value, range: token.range)
    }

    private mutating func numberLiteral() throws -> NumberLiteral {
        let start = current.range
        var negative = false
        if atMinus { advance(); negative = true }
        switch current.kind {
        case .number(let v, let text):
            let token = advance()
            return NumberLiteral(value: v, isPercent: false, text: text, negative: negative, range: start.union(token.range))
        case .percent(let v, let text):
            let token = advance()
            return NumberLiteral(value: v, isPercent: true, text: text, negative: negative, range: start.union(token.range))
        default:
            throw fail(.number)
        }
    }

    private mutating func integer() throws -> (Int, SourceRange) {
        guard case .number(let v, let text) = current.kind, !text.contains("."), v < 1_000_000 else {
            throw fail(.integer)
        }
        let token = advance()
        return (Int(v), token.range)
    }

    private mutating func schoolYear() throws -> SchoolYear {
        let (first, firstRange) = try integer()
        guard (1900...2200).contains(first) else {
            report(.invalidSchoolYear(firstRange.text), at: firstRange, help: .schoolYearHelp)
            throw Failure()
        }
        if at(.slash) {
            advance()
            let (second, secondRange) = try integer()
            let ok = second == (first + 1) % 100 || second == first + 1
            if !ok {
                report(.invalidSchoolYear(firstRange.union(secondRange).text), at: firstRange.union(secondRange), help: .schoolYearHelp)
                throw Failure()
            }
        }
        return SchoolYear(start: first)
    }

    // MARK: - Comments

    private mutating func claimLeading(_ index: Int) -> [String] {
        // Most tokens carry no comment: nothing to claim (and no set to grow).
        guard !tokens[index].leadingComments.isEmpty, !leadingClaimed.contains(index) else { return [] }
        leadingClaimed.insert(index)
        return tokens[index].leadingComments
    }

    private mutating func claimTrailing(_ index: Int) -> String? {
        guard index >= 0, tokens[index].trailingComment != nil, !trailingClaimed.contains(index) else { return nil }
        trailingClaimed.insert(index)
        return tokens[index].trailingComment
    }

    /// Comments inside `range` that nothing claimed, in source order.
    private mutating func strayComments(_ range: Range<Int>) -> [String] {
        var out: [String] = []
        for i in range where i < tokens.count {
            out += claimLeading(i)
            if let t = claimTrailing(i) { out.append(t) }
        }
        return out
    }

    /// Wraps a clause: claims comments before and after it.
    private mutating func clause<T>(_ body: (inout Parser) throws -> T) throws -> Clause<T> {
        let start = pos
        let leading = claimLeading(start)
        let keywordRange = current.range
        let value = try body(&self)
        let trailing = claimTrailing(pos - 1)
        let stray = strayComments(start..<pos)
        return Clause(value: value, keywordRange: keywordRange, comments: Comments(leading: leading + stray, trailing: trailing))
    }

    // MARK: - Recovery

    private static let declarationKeywords: Set<Keyword> = [
        .ruleset, .indicator, .param, .factor, .scale, .group, .role, .direction, .measure, .example,
    ]

    private var atDeclarationStart: Bool {
        guard case .keyword(let k, _) = current.kind, Parser.declarationKeywords.contains(k) else { return false }
        // `направление CODE` is also a measure's clause; the declaration has a title after the code.
        if k == .direction, inBlock {
            if case .string = peekToken(2).kind { return true }
            return false
        }
        return true
    }

    /// Skips to the next declaration keyword that starts a line.
    private mutating func synchronizeDeclaration() {
        while !at(.endOfFile) {
            if atDeclarationStart, current.startsLine { return }
            advance()
        }
    }

    /// True when the current token could begin a clause (a keyword other than an operator,
    /// or a name such as a scale level).
    private var startsClause: Bool {
        switch current.kind {
        case .identifier: return true
        case .keyword(let k, _): return ![.and, .or, .not, .in, .for].contains(k)
        default: return false
        }
    }

    /// Inside a block: skips to the next token that starts a line (a new clause) or `}`.
    private mutating func synchronizeClause() {
        var nesting = 0
        if !at(.endOfFile), !at(.rightBrace) { advance() }
        while !at(.endOfFile) {
            if at(.leftBrace) { nesting += 1 }
            if at(.rightBrace) {
                if nesting == 0 { return }
                nesting -= 1
            }
            if nesting == 0, current.startsLine {
                if atDeclarationStart { return }
                if case .keyword = current.kind { return }
                if case .identifier = current.kind { return }
            }
            advance()
        }
    }

    // MARK: - File

    public mutating func parseFile() -> FileSyntax {
        var declarations: [Declaration] = []
        while !at(.endOfFile) {
            if diagnostics.count >= Lexer.errorLimit * 2 {
                report(.tooManyErrors(diagnostics.count), at: current.range)
                break
            }
            guard atDeclarationStart else {
                report(.expected(.declaration, found: describe(current)), at: current.range, help: .declarationHelp)
                advance()
                synchronizeDeclaration()
                continue
            }
            skippedToDeclaration = false
            do {
                declarations.append(try declaration())
            } catch {
                synchronizeDeclaration()
            }
        }
        let trailing = claimLeading(pos)
        return FileSyntax(file: file, lang: dominantLanguage(), declarations: declarations, trailingComments: trailing)
    }

    private func dominantLanguage() -> Lang {
        var ru = 0, en = 0
        for token in tokens {
            if case .keyword(_, let lang) = token.kind {
                if lang == .ru { ru += 1 } else { en += 1 }
            }
        }
        return en > ru ? .en : .ru
    }

    private mutating func declaration() throws -> Declaration {
        let start = pos
        let leading = claimLeading(start)
        let keywordToken = advance()
        guard case .keyword(let keyword, _) = keywordToken.kind else { throw fail(.declaration) }
        var decl: Declaration
        switch keyword {
        case .ruleset: decl = .ruleset(try ruleset(keywordToken))
        case .indicator: decl = .indicator(try indicator(keywordToken))
        case .param: decl = .param(try param(keywordToken))
        case .factor: decl = .factor(try factor(keywordToken))
        case .scale: decl = .scale(try scale(keywordToken))
        case .group: decl = .group(try group(keywordToken))
        case .role: decl = .role(try role(keywordToken))
        case .direction: decl = .direction(try direction(keywordToken))
        case .measure: decl = .measure(try measure(keywordToken))
        case .example: decl = .example(try example(keywordToken))
        default: throw fail(.declaration)
        }
        let stray = strayComments(start..<pos)
        decl.addComments(leading: leading, extra: stray)
        return decl
    }

    /// Parses `{ clause* }`; `clause` handles one clause and returns false if the current
    /// token does not start a clause it knows.
    private mutating func block(
        _ owner: Keyword,
        opening: inout String?,
        closing: inout [String],
        _ clause: (inout Parser, Keyword?) throws -> Bool
    ) throws -> SourceRange {
        let open = try expect(.leftBrace)
        inBlock = true
        defer { inBlock = false }
        opening = claimTrailing(pos - 1)
        _ = open
        while !at(.rightBrace) {
            if skippedToDeclaration {
                skippedToDeclaration = false
                throw Failure()
            }
            if at(.endOfFile) {
                report(.expected(.symbol(.rightBrace), found: ""), at: current.range, help: .unclosedBlockHelp)
                throw Failure()
            }
            if atDeclarationStart, current.startsLine {
                report(.expected(.symbol(.rightBrace), found: describe(current)), at: current.range, help: .unclosedBlockHelp)
                throw Failure()
            }
            var keyword: Keyword? = nil
            if case .keyword(let k, _) = current.kind { keyword = k }
            let before = pos
            do {
                if try !clause(&self, keyword) {
                    report(.expected(.clause(owner), found: describe(current)), at: current.range, help: .clauseHelp(owner))
                    synchronizeClause()
                }
            } catch {
                if pos == before { advance() }
                // The clause failed on the first token of the next line (`дано x =` then a new
                // clause): that token may start a good clause; do not skip it.
                if !(pos > before && current.startsLine && startsClause) { synchronizeClause() }
            }
            if at(.semicolon) { advance() }
        }
        closing = claimLeading(pos)
        let close = advance()
        return close.range
    }

    // MARK: - Clauses

    /// One clause a declaration takes: its keyword, how its value is parsed and where it is
    /// stored. Each declaration kind lists its clauses in a table below; adding a clause is
    /// one entry there (the «expected a clause» help lists the table too).
    struct ClauseRule<Decl>: Sendable {
        let keyword: Keyword
        /// A declaration without it gets «missing clause» when its block closes.
        var required = false
        /// Whether the declaration already has this clause (never, for a repeatable one).
        let isSet: @Sendable (Decl) -> Bool
        /// Parses the clause, its keyword being the current token, into the declaration.
        let parse: @Sendable (inout Parser, inout Decl) throws -> Void

        /// `keyword value` in a block, at most once; keeps the comments around it.
        static func once<T>(_ keyword: Keyword, _ path: WritableKeyPath<Decl, Clause<T>?> & Sendable, required: Bool = false,
                            _ value: @escaping @Sendable (inout Parser) throws -> T) -> ClauseRule {
            ClauseRule(keyword: keyword, required: required, isSet: { $0[keyPath: path] != nil }) { p, decl in
                decl[keyPath: path] = try p.clause { p in p.advance(); return try value(&p) }
            }
        }

        /// `keyword value` in a block, any number of times.
        static func repeated<T>(_ keyword: Keyword, _ path: WritableKeyPath<Decl, [Clause<T>]> & Sendable,
                                _ value: @escaping @Sendable (inout Parser) throws -> T) -> ClauseRule {
            ClauseRule(keyword: keyword, isSet: { _ in false }) { p, decl in
                decl[keyPath: path].append(try p.clause { p in p.advance(); return try value(&p) })
            }
        }

        /// `keyword value` after a one-line declaration (`unit "чел."`), at most once; its
        /// comments belong to the declaration.
        static func attribute<T>(_ keyword: Keyword, _ path: WritableKeyPath<Decl, T?> & Sendable,
                                 _ value: @escaping @Sendable (inout Parser) throws -> T) -> ClauseRule {
            ClauseRule(keyword: keyword, isSet: { $0[keyPath: path] != nil }) { p, decl in
                p.advance()
                decl[keyPath: path] = try value(&p)
            }
        }
    }

    private static let rulesetClauses: [ClauseRule<RulesetDecl>] = [
        .once(.version, \.version) { try $0.string() },
        .once(.year, \.year) { try $0.schoolYear() },
        .once(.basis, \.basis) { try $0.string() },
    ]

    private static let indicatorAttributes: [ClauseRule<IndicatorDecl>] = [
        .attribute(.unit, \.unit) { try $0.string() },
        .attribute(.range, \.range) { try $0.numericRange() },
        // `источник "ОО-1"`, `источник экспертная оценка`, or both: `источник экспертная оценка "…"`.
        ClauseRule(keyword: .source, isSet: { $0.source != nil || $0.expert != nil }) { p, decl in
            p.advance()
            if p.at(.expert) {
                let start = p.advance().range
                decl.expert = start.union(try p.expect(.judgement).range)
                if case .string = p.current.kind { decl.source = try p.string() }
            } else {
                decl.source = try p.string()
            }
        },
        ClauseRule(keyword: .column, isSet: { _ in false }) { p, decl in
            p.advance()
            decl.columns += try p.stringList()
        },
        ClauseRule(keyword: .reliable, isSet: { $0.reliable != nil }) { p, decl in
            p.advance()
            decl.reliable = try p.whenCondition()
            decl.pooledYears = try p.pooling()
        },
    ]

    private static let paramAttributes: [ClauseRule<ParamDecl>] = [
        .attribute(.unit, \.unit) { try $0.string() },
        .attribute(.range, \.range) { try $0.numericRange() },
        .attribute(.basis, \.basis) { try $0.string() },
    ]

    private static let factorClauses: [ClauseRule<FactorDecl>] = [
        .once(.basis, \.basis) { try $0.string() },
        .once(.applies, \.applies) { try $0.whenCondition() },
        .once(.when, \.when, required: true) { try $0.topLevelExpression() },
        .repeated(.target, \.targets) { try $0.target() },
    ]

    private static let groupClauses: [ClauseRule<GroupDecl>] = [
        .once(.basis, \.basis) { try $0.string() },
        .once(.when, \.when, required: true) { try $0.topLevelExpression() },
        .once(.exit, \.exit) { try $0.exitRule() },
    ]

    private static let measureClauses: [ClauseRule<MeasureDecl>] = [
        .once(.direction, \.direction) { try $0.identifier() },
        .once(.addresses, \.addresses) { try $0.identifierList() },
        .once(.only, \.onlyWhen) { try $0.whenCondition() },
        .once(.scope, \.scope) { try $0.measureScope() },
        .once(.responsible, \.responsible) { try $0.identifierList() },
        .once(.with, \.coExecutors) { try $0.identifierList() },
        .once(.due, \.due) { try $0.deadline() },
        .once(.result, \.result) { try $0.string() },
        .once(.basis, \.basis) { try $0.string() },
    ]

    private static let exampleClauses: [ClauseRule<ExampleDecl>] = [
        .repeated(.given, \.givens) { try $0.given() },
        .repeated(.expect, \.expectations) { try $0.expectation() },
    ]

    /// The clauses of a block declaration, in table order (for the «expected a clause» help).
    static func clauseKeywords(_ owner: Keyword) -> [Keyword] {
        switch owner {
        case .ruleset: return rulesetClauses.map(\.keyword)
        case .factor: return factorClauses.map(\.keyword)
        case .group: return groupClauses.map(\.keyword)
        case .measure: return measureClauses.map(\.keyword)
        case .example: return exampleClauses.map(\.keyword)
        default: return []
        }
    }

    /// Parses one clause of `rules` if `keyword` starts one (false if not), reporting a
    /// clause given twice. `seen` collects the clauses met, parsed or not.
    private mutating func clause<Decl>(_ rules: [ClauseRule<Decl>], _ keyword: Keyword?, _ decl: inout Decl,
                                       seen: inout Set<Keyword>) throws -> Bool {
        guard let keyword, let rule = rules.first(where: { $0.keyword == keyword }) else { return false }
        if rule.isSet(decl) { report(.duplicateClause(keyword), at: current.range) }
        seen.insert(keyword)
        try rule.parse(&self, &decl)
        return true
    }

    /// A declaration's `{ clause* }` block with the clauses of `rules`; a required clause that
    /// is absent (not merely broken) is reported at `name`.
    private mutating func clauseBlock<Decl: BlockDeclaration>(_ owner: Keyword, _ rules: [ClauseRule<Decl>], _ decl: inout Decl,
                                                             name: SourceRange) throws -> SourceRange {
        var seen = Set<Keyword>()
        var opening: String?
        var closing: [String] = []
        let end = try block(owner, opening: &opening, closing: &closing) { p, keyword in
            try p.clause(rules, keyword, &decl, seen: &seen)
        }
        for rule in rules where rule.required && !seen.contains(rule.keyword) {
            report(.missingClause(rule.keyword), at: name)
        }
        decl.comments.trailing = opening
        decl.closingComments = closing
        return end
    }

    /// The attributes after a one-line declaration (`unit "%" range 0...100`), in any order.
    private mutating func attributes<Decl>(_ rules: [ClauseRule<Decl>], _ decl: inout Decl) throws {
        var seen = Set<Keyword>()
        while case .keyword(let keyword, _) = current.kind, try clause(rules, keyword, &decl, seen: &seen) {}
    }

    // MARK: - Declarations

    private mutating func ruleset(_ keyword: Token) throws -> RulesetDecl {
        let title = try string()
        var decl = RulesetDecl(title: title, version: nil, year: nil, basis: nil, range: keyword.range, comments: Comments())
        let end = try clauseBlock(.ruleset, Parser.rulesetClauses, &decl, name: title.range)
        decl.range = keyword.range.union(end)
        return decl
    }

    private mutating func indicator(_ keyword: Token) throws -> IndicatorDecl {
        let code = try identifier()
        let title = optionalString()
        _ = try expect(.colon)
        let kindToken = current
        let kind: IndicatorKind
        switch current.kind {
        case .keyword(.count, _): kind = .count
        case .keyword(.number, _): kind = .number
        case .keyword(.percent, _): kind = .percent
        case .keyword(.bool, _): kind = .bool
        case .keyword(.category, _): kind = .category
        case .keyword(.text, _): kind = .text
        default: throw fail(.indicatorType, help: .indicatorTypeHelp)
        }
        advance()
        var categories: [Identifier] = []
        if kind == .category {
            _ = try expect(.leftParen)
            repeat {
                if at(.comma) { advance() }
                categories.append(try categoryValue())
            } while at(.comma)
            _ = try expect(.rightParen)
        }
        var decl = IndicatorDecl(
            code: code, title: title, kind: kind, kindRange: kindToken.range, categories: categories,
            unit: nil, range: nil, source: nil, expert: nil, columns: [], formula: nil, reliable: nil, pooledYears: nil, declRange: keyword.range,
            comments: Comments())
        try attributes(Parser.indicatorAttributes, &decl)
        // A computed indicator: `= EXPR`, after the type or after the attributes.
        if at(.equal) {
            advance()
            decl.formula = try topLevelExpression()
            try attributes(Parser.indicatorAttributes, &decl)
        }
        decl.declRange = keyword.range.union(previous.range)
        decl.comments.trailing = claimTrailing(pos - 1)
        return decl
    }

    /// A category value: a bare word (`СОШ`), a number-like word is not allowed, or a string
    /// for values with spaces (`"Средняя школа"`).
    private mutating func categoryValue() throws -> Identifier {
        switch current.kind {
        case .identifier(let name):
            let t = advance(); return Identifier(name, t.range)
        case .string(let value):
            let t = advance(); return Identifier(value, t.range)
        case .keyword(_, _):
            // Words such as «школа» are keywords elsewhere but fine as values.
            let t = advance(); return Identifier(t.range.text, t.range)
        default:
            throw fail(.categoryValue)
        }
    }

    private mutating func numericRange() throws -> (NumberLiteral, NumberLiteral) {
        let low = try numberLiteral()
        _ = try expect(.ellipsis)
        let high = try numberLiteral()
        return (low, high)
    }

    private mutating func param(_ keyword: Token) throws -> ParamDecl {
        let code = try identifier()
        let title = optionalString()
        _ = try expect(.equal)
        let value = try numberLiteral()
        var decl = ParamDecl(code: code, title: title, value: value, unit: nil, range: nil, basis: nil,
                             declRange: keyword.range, comments: Comments())
        try attributes(Parser.paramAttributes, &decl)
        decl.declRange = keyword.range.union(previous.range)
        decl.comments.trailing = claimTrailing(pos - 1)
        return decl
    }

    /// `when COND` (English) or `если COND` (Russian) after `applies` / `only`.
    private mutating func whenCondition() throws -> Expr {
        _ = try expect(.when)
        return try topLevelExpression()
    }

    /// `иначе за последние N лет` / `otherwise over last N years` after a reliability
    /// condition, if there.
    private mutating func pooling() throws -> YearCount? {
        guard at(.otherwise), peekToken(1).isKeyword(.over) else { return nil }
        advance(); advance()
        _ = try expect(.last)
        let n = try yearCount()
        _ = try expectYearWord()
        return n
    }

    /// `ПОКАЗАТЕЛЬ <= ЗНАЧЕНИЕ [за N лет]` after `цель` (the checker checks the comparison).
    private mutating func target() throws -> TargetDecl {
        let goal = try topLevelExpression()
        guard at(.over) else { return TargetDecl(goal: goal, years: nil) }
        advance()
        let n = try yearCount()
        _ = try expectYearWord()
        return TargetDecl(goal: goal, years: n)
    }

    private mutating func factor(_ keyword: Token) throws -> FactorDecl {
        let code = try identifier()
        let title = optionalString()
        var decl = FactorDecl(code: code, title: title, basis: nil, applies: nil, when: nil,
                              declRange: keyword.range, comments: Comments())
        let end = try clauseBlock(.factor, Parser.factorClauses, &decl, name: code.range)
        decl.declRange = keyword.range.union(end)
        return decl
    }

    private mutating func scale(_ keyword: Token) throws -> ScaleDecl {
        let code = try identifier()
        let title = optionalString()
        var decl = ScaleDecl(code: code, title: title, levels: [], declRange: keyword.range, comments: Comments())
        var opening: String?
        var closing: [String] = []
        let end = try block(.scale, opening: &opening, closing: &closing) { p, keyword in
            guard keyword == nil, case .identifier = p.current.kind else { return false }
            let level = try p.clause { p -> ScaleLevel in
                let levelCode = try p.identifier()
                let levelTitle = p.optionalString()
                var condition: Expr?
                if p.at(.otherwise) {
                    p.advance()
                } else if p.at(.when) {
                    p.advance()
                    condition = try p.topLevelExpression()
                } else {
                    throw p.fail(.levelCondition)
                }
                return ScaleLevel(code: levelCode, title: levelTitle, condition: condition, comments: Comments())
            }
            var value = level.value
            value.comments = level.comments
            decl.levels.append(value)
            return true
        }
        decl.comments.trailing = opening
        decl.closingComments = closing
        decl.declRange = keyword.range.union(end)
        return decl
    }

    private mutating func group(_ keyword: Token) throws -> GroupDecl {
        let code = try identifier()
        let title = optionalString()
        var decl = GroupDecl(code: code, title: title, basis: nil, when: nil, declRange: keyword.range, comments: Comments())
        if at(.when) {
            let start = pos
            advance()
            let expr = try topLevelExpression()
            decl.when = Clause(value: expr, keywordRange: tokens[start].range, comments: Comments())
            decl.comments.trailing = claimTrailing(pos - 1)
            decl.declRange = keyword.range.union(previous.range)
            return decl
        }
        let end = try clauseBlock(.group, Parser.groupClauses, &decl, name: code.range)
        decl.declRange = keyword.range.union(end)
        return decl
    }

    /// `после N лет без условия` / `after N years without condition`, after `выход` / `exit`.
    private mutating func exitRule() throws -> YearCount {
        _ = try expect(.after)
        let n = try yearCount()
        _ = try expectYearWord()
        _ = try expect(.without)
        _ = try expect(.condition)
        return n
    }

    private mutating func role(_ keyword: Token) throws -> RoleDecl {
        let code = try identifier()
        let title = optionalString()
        var signsPlan: SourceRange? = nil
        if at(.signs) {
            let start = advance().range
            guard case .identifier(let word) = current.kind, PlanWord.matches(word) else { throw fail(.planWord) }
            advance()
            signsPlan = start.union(previous.range)
        }
        let decl = RoleDecl(code: code, title: title, signsPlan: signsPlan, declRange: keyword.range.union(previous.range),
                            comments: Comments(trailing: claimTrailing(pos - 1)))
        return decl
    }

    /// `направление CODE "Title"`, one line like a role.
    private mutating func direction(_ keyword: Token) throws -> DirectionDecl {
        let code = try identifier()
        let title = optionalString()
        return DirectionDecl(code: code, title: title, declRange: keyword.range.union(previous.range),
                             comments: Comments(trailing: claimTrailing(pos - 1)))
    }

    private mutating func identifierList() throws -> [Identifier] {
        var list = [try identifier()]
        while at(.comma) {
            advance()
            list.append(try identifier())
        }
        return list
    }

    private mutating func stringList() throws -> [StringLiteral] {
        var list = [try string()]
        while at(.comma) {
            advance()
            list.append(try string())
        }
        return list
    }

    private mutating func measureScope() throws -> MeasureScope {
        if at(.school) { advance(); return .school }
        if at(.municipality) { advance(); return .municipality }
        throw fail(.scope)
    }

    private mutating func measure(_ keyword: Token) throws -> MeasureDecl {
        let code = try identifier()
        let title = optionalString()
        var decl = MeasureDecl(code: code, title: title, declRange: keyword.range, comments: Comments())
        let end = try clauseBlock(.measure, Parser.measureClauses, &decl, name: code.range)
        decl.declRange = keyword.range.union(end)
        return decl
    }

    private func monthAtCurrent() -> Month? {
        if case .identifier(let word) = current.kind { return Month.match(word)?.0 }
        return nil
    }

    private mutating func deadline() throws -> Deadline {
        switch current.kind {
        case .string(let text):
            advance()
            return .text(text)
        case .date(let y, let m, let d):
            advance()
            return .date(year: y, month: m, day: d)
        case .keyword(.annually, _):
            advance()
            return .annually
        case .keyword(.monthly, _):
            advance()
            return .frequency(.monthly)
        case .keyword(.quarterly, _):
            advance()
            return .frequency(.quarterly)
        case .keyword(.during, _):
            advance()
            _ = try expectYearWord()
            return .duringYear
        case .keyword(.in, _) where peekToken(1).isKeyword(.during):
            advance(); advance()
            _ = try expectYearWord()
            return .duringYear
        case .keyword(.quarter, _):
            advance()
            let (q, range) = try integer()
            guard (1...4).contains(q) else { report(.invalidQuarter(q), at: range); throw Failure() }
            return .quarter(q)
        case .number:
            if peekToken(1).isKeyword(.quarter) {
                let (n, range) = try integer()
                advance()
                guard (1...4).contains(n) else { report(.invalidQuarter(n), at: range); throw Failure() }
                return .quarter(n)
            }
            if case .identifier(let word) = peekToken(1).kind, DeadlineWord.match(word)?.0 == .times {
                return .frequency(try frequency())
            }
            return try monthOrRange()
        case .identifier(let word):
            if DeadlineWord.match(word)?.0 == .from {
                let start = advance().range
                let from = try monthDay()
                if at(.by) || at(.dash) || at(.minus) || atDeadlineWord(.to) {
                    advance()
                } else {
                    throw fail(.keyword(.by), help: .deadlineRangeHelp)
                }
                let to = try monthDay()
                return try range(from, to, start: start)
            }
            guard monthAtCurrent() != nil else {
                throw fail(.deadline, help: Parser.monthSuggestion(word).map { .didYouMean($0) } ?? .deadlineHelp)
            }
            return try monthOrRange()
        default:
            throw fail(.deadline, help: .deadlineHelp)
        }
    }

    private func atDeadlineWord(_ word: DeadlineWord) -> Bool {
        if case .identifier(let w) = current.kind { return DeadlineWord.match(w)?.0 == word }
        return false
    }

    private static func monthSuggestion(_ word: String) -> String? {
        Suggestion.closest(to: word, among: Lang.allCases.flatMap { lang in Month.allCases.flatMap { $0.spellings(lang) } })
    }

    /// `октябрь`, `15 октября`, or a range `сентябрь–октябрь`, `1 сентября – 15 октября`.
    private mutating func monthOrRange() throws -> Deadline {
        let start = current.range
        let from = try monthDay()
        guard at(.dash) || at(.minus) else { return .month(from.month, day: from.day) }
        advance()
        let to = try monthDay()
        return try range(from, to, start: start)
    }

    private mutating func range(_ from: MonthDay, _ to: MonthDay, start: SourceRange) throws -> Deadline {
        if Deadline.placement(from: from, to: to) == .reversed {
            report(.reversedDeadlineRange, at: start.union(previous.range), help: .deadlineRangeHelp)
            throw Failure()
        }
        return .range(from: from, to: to)
    }

    /// A month with an optional day: `октябрь`, `15 октября`, `октябрь 15`, `october 15`.
    private mutating func monthDay() throws -> MonthDay {
        if case .number = current.kind {
            let (n, range) = try integer()
            guard let month = monthAtCurrent() else { throw failMonth() }
            advance()
            guard DateParts.isValid(year: 2000, month: month.rawValue, day: n) else {
                report(.invalidDay(n), at: range); throw Failure()
            }
            return MonthDay(month, day: n)
        }
        guard let month = monthAtCurrent() else { throw failMonth() }
        advance()
        if case .number = current.kind, !current.startsLine {
            let (day, range) = try integer()
            guard DateParts.isValid(year: 2000, month: month.rawValue, day: day) else {
                report(.invalidDay(day), at: range); throw Failure()
            }
            return MonthDay(month, day: day)
        }
        return MonthDay(month)
    }

    private mutating func failMonth() -> Failure {
        var help: Message = .monthsHelp
        if case .identifier(let word) = current.kind, let m = Parser.monthSuggestion(word) { help = .didYouMean(m) }
        return fail(.month, help: help)
    }

    /// `2 раза в год`, `1 раз в четверть`, `3 раза в месяц` / `2 times a year`, `1 time per term`.
    private mutating func frequency() throws -> Frequency {
        let (n, countRange) = try integer()
        advance()  // раз / times
        if at(.in) || atDeadlineWord(.per) {
            advance()
        } else {
            throw fail(.keyword(.in), help: .frequencyHelp)
        }
        let period: FrequencyPeriod
        if at(.year) || at(.years) {
            period = .year
        } else if at(.quarter) {
            period = .quarter
        } else if atDeadlineWord(.term) {
            period = .term
        } else if atDeadlineWord(.month) {
            period = .month
        } else {
            throw fail(.frequencyPeriod, help: .frequencyHelp)
        }
        advance()
        guard n >= 1 else { report(.invalidFrequency(n), at: countRange, help: .frequencyHelp); throw Failure() }
        return .times(n, per: period)
    }

    private mutating func expectYearWord() throws -> Token {
        if at(.year) || at(.years) { return advance() }
        throw fail(.keyword(.year))
    }

    private mutating func example(_ keyword: Token) throws -> ExampleDecl {
        let title = try string()
        var decl = ExampleDecl(title: title, givens: [], expectations: [], declRange: keyword.range, comments: Comments())
        let end = try clauseBlock(.example, Parser.exampleClauses, &decl, name: title.range)
        decl.declRange = keyword.range.union(end)
        return decl
    }

    private mutating func given() throws -> Given {
        var school: Identifier?
        var year: SchoolYear?
        if at(.school) {
            advance()
            school = try identifier()
            if case .number = current.kind { year = try schoolYear() }
            _ = try expect(.colon)
        } else if case .number = current.kind {
            year = try schoolYear()
            _ = try expect(.colon)
        }
        var assignments: [Assignment] = []
        repeat {
            if at(.comma) { advance() }
            let broke = current.startsLine
            let name = try identifier()
            _ = try expect(.equal)
            let value = try givenValue()
            assignments.append(Assignment(name: name, value: value, breakBefore: broke && !assignments.isEmpty))
        } while at(.comma)
        return Given(school: school, year: year, assignments: assignments)
    }

    /// A literal value in `given`: a number, a percent, yes/no, a category value or a string.
    private mutating func givenValue() throws -> Expr {
        let start = current.range
        switch current.kind {
        case .number(let v, let text):
            advance(); return Expr(.number(v, text: text), start)
        case .percent(let v, let text):
            advance(); return Expr(.percent(v, text: text), start)
        case .symbol(.minus):
            advance()
            let inner = try givenValue()
            return Expr(.negate(inner), start.union(inner.range))
        case .keyword(.true, _):
            advance(); return Expr(.boolean(true), start)
        case .keyword(.false, _):
            advance(); return Expr(.boolean(false), start)
        case .string(let s):
            advance(); return Expr(.string(s), start)
        case .identifier(let name):
            advance(); return Expr(.name(name), start)
        case .keyword where !current.startsLine:
            // A category value that is also a keyword (`уровень = школа`); a keyword on the
            // next line starts a new clause instead (the value is missing).
            let t = advance(); return Expr(.name(t.range.text), start)
        default:
            throw fail(.value)
        }
    }

    private mutating func expectation() throws -> SchoolExpectation {
        var school: Identifier?
        if at(.school) {
            advance()
            school = try identifier()
            _ = try expect(.colon)
        }
        return SchoolExpectation(school: school, expectation: try schoolExpectation())
    }

    private mutating func schoolExpectation() throws -> Expectation {
        if at(.not) {
            advance()
            let name = try identifier()
            return .status(name, .notTriggered)
        }
        let name = try identifier()
        if at(.equal) {
            advance()
            let level = try identifier()
            return .level(name, level)
        }
        if at(.unknown) {
            advance()
            return .status(name, .unknown)
        }
        if at(.not) {
            let notToken = advance()
            if at(.applicable) || at(.applies) { advance(); return .status(name, .notApplicable) }
            if at(.unknown) { advance(); return .status(name, .unknown) }
            _ = notToken
            throw fail(.outcome, help: .outcomeHelp)
        }
        return .status(name, .triggered)
    }

    // MARK: - Expressions

    /// An expression that is a whole clause: a top-level `or`/`and` chain keeps the
    /// comments written after its operands.
    private mutating func topLevelExpression() throws -> Expr {
        try expression()
    }

    private mutating func nested<T>(_ body: (inout Parser) throws -> T) throws -> T {
        depth += 1
        defer { depth -= 1 }
        try checkDepth()
        return try body(&self)
    }

    private mutating func checkDepth() throws {
        if depth + chainLinks > Parser.maxDepth {
            report(.tooDeeplyNested(Parser.maxDepth), at: current.range)
            // Skip the rest of the nesting so we do not report it again per level.
            while !at(.endOfFile), !(current.startsLine && atDeclarationStart) { advance() }
            skippedToDeclaration = true
            throw Failure()
        }
    }

    /// One more operator in a chain (see `chainLinks`); the caller restores `chainLinks`.
    private mutating func link() throws {
        chainLinks += 1
        try checkDepth()
    }

    public mutating func expression() throws -> Expr {
        try nested { p in try p.orExpression() }
    }

    private mutating func withTrailing(_ expr: Expr) -> Expr {
        var e = expr
        // Only the clause's own chain keeps comments (the formatter prints them there); a comment
        // inside parentheses or a call is left to the clause, which keeps it as a leading comment.
        if depth == 1, !at(.endOfFile), current.startsLine || isChainContinuation, let comment = claimTrailing(pos - 1) {
            e.trailingComment = comment
        }
        return e
    }

    private var isChainContinuation: Bool { at(.or) || at(.and) }

    private mutating func orExpression() throws -> Expr {
        var left = withTrailing(try andExpression())
        let savedLinks = chainLinks
        defer { chainLinks = savedLinks }
        while at(.or) {
            let broke = advance().startsLine || current.startsLine
            try link()
            var right = withTrailing(try andExpression())
            right.breakBefore = broke
            left = Expr(.logical(.or, left, right), left.range.union(right.range))
        }
        return left
    }

    private mutating func andExpression() throws -> Expr {
        var left = withTrailing(try notExpression())
        let savedLinks = chainLinks
        defer { chainLinks = savedLinks }
        while at(.and) {
            let broke = advance().startsLine || current.startsLine
            try link()
            var right = withTrailing(try notExpression())
            right.breakBefore = broke
            left = Expr(.logical(.and, left, right), left.range.union(right.range))
        }
        return left
    }

    private mutating func notExpression() throws -> Expr {
        if at(.not) {
            let start = advance().range
            let inner = try nested { p in try p.notExpression() }
            return Expr(.not(inner), start.union(inner.range))
        }
        return try persistence(try comparison())
    }

    /// `COND for N years` (English) or `COND N лет подряд` / `COND в течение N лет`
    /// (Russian); `COND in K of last N years` / `COND в K из последних N лет`. N and K: a
    /// whole number from 1 to 20 or a parameter.
    private mutating func persistence(_ condition: Expr) throws -> Expr {
        func made(_ years: YearCount, _ atLeast: YearCount?, _ end: Token) -> Expr {
            Expr(.persistence(condition, years: years, atLeast: atLeast), condition.range.union(end.range))
        }
        if at(.for) {
            advance()
            let n = try yearCount()
            return made(n, nil, try expectYearWord())
        }
        if at(.in), peekToken(1).isKeyword(.during) {
            advance(); advance()
            let n = try yearCount()
            return made(n, nil, try expectYearWord())
        }
        if at(.in), peekToken(2).isKeyword(.of) {
            advance()
            let k = try yearCount()
            _ = try expect(.of)
            _ = try expect(.last)
            let n = try yearCount()
            return made(n, k, try expectYearWord())
        }
        if peekToken(1).isKeyword(.years) || peekToken(1).isKeyword(.year) {
            switch current.kind {
            case .number, .identifier:
                let n = try yearCount()
                advance()
                return made(n, nil, try expect(.for))
            default: break
            }
        }
        return condition
    }

    /// A number of years: a whole number from 1 to 20, or a parameter's name.
    private mutating func yearCount() throws -> YearCount {
        if case .identifier(let name) = current.kind {
            let t = advance()
            return .param(Identifier(name, t.range))
        }
        let (n, range) = try integer()
        guard (1...20).contains(n) else {
            report(.invalidYears(n), at: range)
            throw Failure()
        }
        return .literal(n, range)
    }

    private func comparisonOp() -> ComparisonOp? {
        guard case .symbol(let s) = current.kind else { return nil }
        switch s {
        case .less: return .less
        case .lessEqual: return .lessEqual
        case .greater: return .greater
        case .greaterEqual: return .greaterEqual
        case .equal: return .equal
        case .notEqual: return .notEqual
        default: return nil
        }
    }

    private mutating func comparison() throws -> Expr {
        let left = try additive()
        if let op = comparisonOp() {
            advance()
            let right = try additive()
            if comparisonOp() != nil {
                report(.chainedComparison, at: current.range, help: .chainedComparisonHelp)
                throw Failure()
            }
            return Expr(.comparison(op, left, right), left.range.union(right.range))
        }
        var negated = false
        if at(.not), peekToken(1).isKeyword(.in) {
            advance()
            negated = true
        }
        // `в течение N лет` and `в K из последних N лет` after a condition are time
        // conditions, not membership.
        if at(.in), !peekToken(1).isKeyword(.during), !peekToken(2).isKeyword(.of) {
            advance()
            _ = try expect(.leftParen)
            var items: [Expr] = []
            repeat {
                if at(.comma) { advance() }
                items.append(try additive())
            } while at(.comma)
            let close = try expect(.rightParen)
            return Expr(.membership(left, items, negated: negated), left.range.union(close.range))
        }
        if negated { throw fail(.keyword(.in)) }
        return left
    }

    private mutating func additive() throws -> Expr {
        var left = try multiplicative()
        let savedLinks = chainLinks
        defer { chainLinks = savedLinks }
        while at(.plus) || atMinus {
            let op: ArithmeticOp = at(.plus) ? .add : .subtract
            advance()
            try link()
            let right = try multiplicative()
            left = Expr(.arithmetic(op, left, right), left.range.union(right.range))
        }
        return left
    }

    private mutating func multiplicative() throws -> Expr {
        var left = try unary()
        let savedLinks = chainLinks
        defer { chainLinks = savedLinks }
        while at(.star) || at(.slash) {
            let op: ArithmeticOp = at(.star) ? .multiply : .divide
            advance()
            try link()
            let right = try unary()
            left = Expr(.arithmetic(op, left, right), left.range.union(right.range))
        }
        return left
    }

    private mutating func unary() throws -> Expr {
        if atMinus {
            let start = advance().range
            let inner = try nested { p in try p.unary() }
            return Expr(.negate(inner), start.union(inner.range))
        }
        return try primary()
    }

    private mutating func primary() throws -> Expr {
        let token = current
        switch token.kind {
        case .number(let v, let text):
            advance(); return Expr(.number(v, text: text), token.range)
        case .percent(let v, let text):
            advance(); return Expr(.percent(v, text: text), token.range)
        case .string(let s):
            advance(); return Expr(.string(s), token.range)
        case .keyword(.true, _):
            advance(); return Expr(.boolean(true), token.range)
        case .keyword(.false, _):
            advance(); return Expr(.boolean(false), token.range)
        case .keyword(.count, _) where peekToken(1).isSymbol(.leftParen):
            advance(); advance()
            _ = try expect(.triggered)
            let close = try expect(.rightParen)
            return Expr(.countTriggered, token.range.union(close.range))
        case .symbol(.leftParen):
            advance()
            let inner = try expression()
            let close = try expect(.rightParen)
            return Expr(.parenthesized(inner), token.range.union(close.range))
        case .identifier(let name):
            advance()
            if at(.leftParen) { return try call(Identifier(name, token.range)) }
            return Expr(.name(name), token.range)
        case .keyword(let keyword, let lang):
            if keyword == .not || keyword == .and || keyword == .or {
                throw fail(.expression)
            }
            // A reserved word used as a name or category value (`school_type = школа`).
            if Parser.declarationKeywords.contains(keyword) || current.startsLine {
                throw fail(.expression)
            }
            _ = lang
            advance()
            return Expr(.name(token.range.text), token.range)
        default:
            throw fail(.expression)
        }
    }

    private mutating func call(_ name: Identifier) throws -> Expr {
        _ = try expect(.leftParen)
        var arguments: [Expr] = []
        var by: CohortBy?
        if !at(.rightParen) {
            repeat {
                if at(.comma) { advance() }
                arguments.append(try expression())
            } while at(.comma)
            if at(.by) {
                advance()
                if at(.municipality) {
                    by = .municipality(advance().range)
                } else {
                    by = .indicator(try identifier())
                }
            }
        }
        let close = try expect(.rightParen)
        let builtin = Builtin.match(name.name)?.0
        return Expr(.call(Call(name: name, builtin: builtin, arguments: arguments, by: by)), name.range.union(close.range))
    }
}

extension Declaration {
    mutating func addComments(leading: [String], extra: [String]) {
        func update(_ c: inout Comments) { c.leading = leading + extra + c.leading }
        switch self {
        case .ruleset(var d): update(&d.comments); self = .ruleset(d)
        case .indicator(var d): update(&d.comments); self = .indicator(d)
        case .param(var d): update(&d.comments); self = .param(d)
        case .factor(var d): update(&d.comments); self = .factor(d)
        case .scale(var d): update(&d.comments); self = .scale(d)
        case .group(var d): update(&d.comments); self = .group(d)
        case .role(var d): update(&d.comments); self = .role(d)
        case .direction(var d): update(&d.comments); self = .direction(d)
        case .measure(var d): update(&d.comments); self = .measure(d)
        case .example(var d): update(&d.comments); self = .example(d)
        }
    }
}

/// A declaration with a `{ clause* }` block: the block's comments go here.
protocol BlockDeclaration {
    var comments: Comments { get set }
    var closingComments: [String] { get set }
}

extension RulesetDecl: BlockDeclaration {}
extension FactorDecl: BlockDeclaration {}
extension GroupDecl: BlockDeclaration {}
extension MeasureDecl: BlockDeclaration {}
extension ExampleDecl: BlockDeclaration {}
