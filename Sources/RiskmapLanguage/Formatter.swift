/// Prints a parsed file in canonical form: two-space indentation, one clause per line,
/// keywords in the file's own language, comments kept where they were attached.
/// Printing never changes meaning: parse → print → parse gives the same `SyntaxDump`.
public final class Formatter {
    public static let lineWidth = 100

    private let lang: Lang
    private var out = ""

    public init(lang: Lang) { self.lang = lang }

    public static func format(_ file: FileSyntax) -> String {
        Formatter(lang: file.lang).print(file)
    }

    private func kw(_ k: Keyword) -> String { k.canonical(lang) }

    func print(_ file: FileSyntax) -> String {
        out = ""
        var previousWasBlock = false
        var previousKind: String?
        for (i, declaration) in file.declarations.enumerated() {
            let (kind, isBlock) = Formatter.shape(declaration)
            let comments = declaration.comments
            // Blank lines separate blocks, commented declarations, kinds, and the groups the author made.
            let authorGap = i > 0 && Formatter.blankLineBefore(declaration, after: file.declarations[i - 1])
            if i > 0 && (isBlock || previousWasBlock || !comments.leading.isEmpty || kind != previousKind || authorGap) {
                out += "\n"
            }
            printDeclaration(declaration)
            previousWasBlock = isBlock
            previousKind = kind
        }
        if !file.trailingComments.isEmpty {
            if !file.declarations.isEmpty { out += "\n" }
            for c in file.trailingComments { out += c + "\n" }
        }
        return out
    }

    /// True when the source had an empty line between the two declarations.
    static func blankLineBefore(_ d: Declaration, after previous: Declaration) -> Bool {
        let start = d.sourceRange.startLocation.line - d.comments.leading.count
        let end = previous.sourceRange.file.location(of: previous.sourceRange.end).line
        return start - end > 1
    }

    private static func shape(_ d: Declaration) -> (String, Bool) {
        switch d {
        case .ruleset: return ("ruleset", true)
        case .indicator: return ("indicator", false)
        case .param: return ("param", false)
        case .factor: return ("factor", true)
        case .scale: return ("scale", true)
        case .group(let g): return ("group", !isInlineGroup(g))
        case .role: return ("role", false)
        case .direction: return ("direction", false)
        case .measure: return ("measure", true)
        case .example: return ("example", true)
        }
    }

    private static func isInlineGroup(_ g: GroupDecl) -> Bool {
        g.basis == nil && g.exit == nil && g.closingComments.isEmpty && (g.when?.comments.leading.isEmpty ?? true)
            && g.when?.comments.trailing == nil && g.comments.trailing == nil
    }

    // MARK: - Helpers

    private static func quote(_ s: String) -> String {
        var r = "\""
        for c in s {
            switch c {
            case "\"": r += "\\\""
            case "\\": r += "\\\\"
            case "\n": r += "\\n"
            case "\t": r += "\\t"
            default: r.append(c)
            }
        }
        return r + "\""
    }

    private func title(_ s: StringLiteral?) -> String {
        s.map { " " + Formatter.quote($0.value) } ?? ""
    }

    private func number(_ n: NumberLiteral) -> String {
        (n.negative ? "-" : "") + n.text + (n.isPercent ? "%" : "")
    }

    private func leading(_ comments: [String], indent: String) {
        // Empty markers are the empty lines the author left between comment paragraphs.
        for c in comments { out += c.isEmpty ? "\n" : indent + c + "\n" }
    }

    private func line(_ text: String, indent: String, trailing: String?) {
        out += indent + text + (trailing.map { "  " + $0 } ?? "") + "\n"
    }

    private func openBlock(_ head: String, _ comments: Comments) {
        leading(comments.leading, indent: "")
        line(head + " {", indent: "", trailing: comments.trailing)
    }

    private func closeBlock(_ closing: [String]) {
        leading(closing, indent: "  ")
        out += "}\n"
    }

    private func clause<T>(_ c: Clause<T>?, _ render: (T) -> String) {
        guard let c else { return }
        leading(c.comments.leading, indent: "  ")
        line(render(c.value), indent: "  ", trailing: c.comments.trailing)
    }

    /// A clause whose value is a condition; long conditions break before top-level `or`/`and`.
    private func conditionClause(_ c: Clause<Expr>?, prefix: String) {
        guard let c else { return }
        leading(c.comments.leading, indent: "  ")
        conditionLines(prefix: prefix, c.value, indent: "  ", trailing: c.comments.trailing)
    }

    private func conditionLines(prefix: String, _ e: Expr, indent: String, trailing: String?) {
        let comment = trailing ?? Formatter.lastComment(e)
        var text = prefix + " " + expression(e, base: indent, depth: 0, forceTopBreaks: false, suppressLastComment: true)
        // No line breaks of the author's and too long for one line: one top-level operand a line.
        if !text.contains("\n"), Formatter.chain(e).count > 1,
           indent.count + text.count + (comment.map { $0.count + 2 } ?? 0) > Formatter.lineWidth {
            text = prefix + " " + expression(e, base: indent, depth: 0, forceTopBreaks: true, suppressLastComment: true)
        }
        line(text, indent: indent, trailing: comment)
    }

    /// The comment written after the last operand of `e` (searching into trailing chains).
    static func lastComment(_ e: Expr) -> String? {
        if let c = e.trailingComment { return c }
        if case .logical(_, _, let b) = e.kind { return lastComment(b) }
        return nil
    }

    static func flatten(_ e: Expr, _ op: LogicalOp) -> [Expr] {
        if case .logical(let o, let a, let b) = e.kind, o == op { return flatten(a, op) + [b] }
        return [e]
    }

    /// Flattens the top-level `or` chain (or, failing that, the `and` chain) into operands.
    private static func chain(_ e: Expr) -> [(Expr, LogicalOp)] {
        func flatten(_ e: Expr, _ op: LogicalOp) -> [Expr] {
            if case .logical(let o, let a, let b) = e.kind, o == op { return flatten(a, op) + [b] }
            return [e]
        }
        for op in [LogicalOp.or, .and] {
            let items = flatten(e, op)
            if items.count > 1 { return items.map { ($0, op) } }
        }
        return [(e, .or)]
    }

    // MARK: - Declarations

    private func printDeclaration(_ d: Declaration) {
        switch d {
        case .ruleset(let r):
            openBlock(kw(.ruleset) + " " + Formatter.quote(r.title.value), r.comments)
            clause(r.version) { kw(.version) + " " + Formatter.quote($0.value) }
            clause(r.year) { kw(.year) + " " + $0.description }
            clause(r.basis) { kw(.basis) + " " + Formatter.quote($0.value) }
            closeBlock(r.closingComments)
        case .indicator(let i):
            leading(i.comments.leading, indent: "")
            let name = kw(.indicator) + " " + i.code.name + title(i.title)
            var type = ": " + kw(i.kind.keyword)
            if i.kind == .category {
                type += "(" + i.categories.map { categoryText($0.name) }.joined(separator: ", ") + ")"
            }
            var head = name + " " + type
            if head.count > Formatter.lineWidth, i.kind == .category {
                // A long category list goes on its own line: `показатель x "…"` / `  : категория(…)`.
                line(name, indent: "", trailing: nil)
                head = "  " + type
            }
            var attributes: [String] = []
            if let u = i.unit { attributes.append(kw(.unit) + " " + Formatter.quote(u.value)) }
            if let r = i.range { attributes.append(kw(.range) + " " + number(r.0) + "..." + number(r.1)) }
            if i.expert != nil || i.source != nil {
                var clause = kw(.source)
                if i.expert != nil { clause += " " + kw(.expert) + " " + kw(.judgement) }
                if let s = i.source { clause += " " + Formatter.quote(s.value) }
                attributes.append(clause)
            }
            if !i.columns.isEmpty {
                attributes.append(kw(.column) + " " + i.columns.map { Formatter.quote($0.value) }.joined(separator: ", "))
            }
            if let reliable = i.reliable {
                var clause = kw(.reliable) + " " + kw(.when) + " " + expression(reliable)
                if let years = i.pooledYears {
                    clause += " " + kw(.otherwise) + " " + kw(.over) + " " + lastYears(years)
                }
                attributes.append(clause)
            }
            guard let formula = i.formula else {
                oneLiner(head, attributes, trailing: i.comments.trailing)
                break
            }
            // A computed indicator: its formula on the next line, `  = …`.
            oneLiner(head, attributes, trailing: nil)
            conditionLines(prefix: "=", formula, indent: "  ", trailing: i.comments.trailing)
        case .param(let p):
            leading(p.comments.leading, indent: "")
            let head = kw(.param) + " " + p.code.name + title(p.title) + " = " + number(p.value)
            var attributes: [String] = []
            if let u = p.unit { attributes.append(kw(.unit) + " " + Formatter.quote(u.value)) }
            if let r = p.range { attributes.append(kw(.range) + " " + number(r.0) + "..." + number(r.1)) }
            if let b = p.basis { attributes.append(kw(.basis) + " " + Formatter.quote(b.value)) }
            oneLiner(head, attributes, trailing: p.comments.trailing)
        case .factor(let f):
            openBlock(kw(.factor) + " " + f.code.name + title(f.title), f.comments)
            clause(f.basis) { kw(.basis) + " " + Formatter.quote($0.value) }
            conditionClause(f.applies, prefix: kw(.applies) + " " + kw(.when))
            conditionClause(f.when, prefix: kw(.when))
            for t in f.targets {
                leading(t.comments.leading, indent: "  ")
                var text = kw(.target) + " " + expression(t.value.goal, base: "  ", depth: 0, forceTopBreaks: false, suppressLastComment: false)
                if let years = t.value.years { text += " " + kw(.over) + " " + yearsText(years) }
                line(text, indent: "  ", trailing: t.comments.trailing)
            }
            closeBlock(f.closingComments)
        case .scale(let s):
            openBlock(kw(.scale) + " " + s.code.name + title(s.title), s.comments)
            for level in s.levels {
                leading(level.comments.leading, indent: "  ")
                let head = level.code.name + title(level.title)
                if let condition = level.condition {
                    conditionLines(prefix: head + " " + kw(.when), condition, indent: "  ", trailing: level.comments.trailing)
                } else {
                    line(head + " " + kw(.otherwise), indent: "  ", trailing: level.comments.trailing)
                }
            }
            closeBlock(s.closingComments)
        case .group(let g):
            if Formatter.isInlineGroup(g), let when = g.when {
                leading(g.comments.leading, indent: "")
                conditionLines(prefix: kw(.group) + " " + g.code.name + title(g.title) + " " + kw(.when), when.value,
                               indent: "", trailing: g.comments.trailing)
            } else {
                openBlock(kw(.group) + " " + g.code.name + title(g.title), g.comments)
                clause(g.basis) { kw(.basis) + " " + Formatter.quote($0.value) }
                conditionClause(g.when, prefix: kw(.when))
                clause(g.exit) { kw(.exit) + " " + afterYears($0) + " " + kw(.without) + " " + kw(.condition) }
                closeBlock(g.closingComments)
            }
        case .role(let r):
            leading(r.comments.leading, indent: "")
            line(kw(.role) + " " + r.code.name + title(r.title) + (r.signsPlan == nil ? "" : " " + kw(.signs) + " " + PlanWord.spelling(lang)),
                 indent: "", trailing: r.comments.trailing)
        case .direction(let d):
            leading(d.comments.leading, indent: "")
            line(kw(.direction) + " " + d.code.name + title(d.title), indent: "", trailing: d.comments.trailing)
        case .measure(let m):
            openBlock(kw(.measure) + " " + m.code.name + title(m.title), m.comments)
            clause(m.direction) { kw(.direction) + " " + $0.name }
            clause(m.addresses) { kw(.addresses) + " " + $0.map(\.name).joined(separator: ", ") }
            conditionClause(m.onlyWhen, prefix: kw(.only) + " " + kw(.when))
            clause(m.scope) { kw(.scope) + " " + kw($0 == .school ? .school : .municipality) }
            clause(m.responsible) { kw(.responsible) + " " + $0.map(\.name).joined(separator: ", ") }
            clause(m.coExecutors) { kw(.with) + " " + $0.map(\.name).joined(separator: ", ") }
            clause(m.due) { kw(.due) + " " + deadline($0) }
            clause(m.result) { kw(.result) + " " + Formatter.quote($0.value) }
            clause(m.basis) { kw(.basis) + " " + Formatter.quote($0.value) }
            closeBlock(m.closingComments)
        case .example(let e):
            openBlock(kw(.example) + " " + Formatter.quote(e.title.value), e.comments)
            for g in e.givens {
                leading(g.comments.leading, indent: "  ")
                var head = kw(.given) + " "
                if let school = g.value.school {
                    head += kw(.school) + " " + school.name + (g.value.year.map { " " + $0.description } ?? "") + ": "
                } else if let year = g.value.year {
                    head += year.description + ": "
                }
                let items = g.value.assignments.map { $0.name.name + " = " + expression($0.value) }
                if g.value.assignments.contains(where: \.breakBefore) {
                    var lines = [head]
                    for (i, (item, assignment)) in zip(items, g.value.assignments).enumerated() {
                        let piece = item + (i < items.count - 1 ? "," : "")
                        if assignment.breakBefore { lines.append("  " + piece) } else {
                            lines[lines.count - 1] += (lines[lines.count - 1] == head ? "" : " ") + piece
                        }
                    }
                    for (i, l) in lines.enumerated() { line(l, indent: "  ", trailing: i == lines.count - 1 ? g.comments.trailing : nil) }
                } else {
                    wrappedList(head, items, trailing: g.comments.trailing)
                }
            }
            for x in e.expectations {
                clause(x) { x in
                    let text = expectation(x.expectation)
                    guard let school = x.school else { return text }
                    // `ожидается школа A: …`
                    let keyword = kw(.expect)
                    return keyword + " " + kw(.school) + " " + school.name + ":" + text.dropFirst(keyword.count)
                }
            }
            closeBlock(e.closingComments)
        }
    }

    private func categoryText(_ value: String) -> String {
        let isWord = !value.isEmpty && value.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
            && !(value.unicodeScalars.first.map { ("0"..."9").contains($0) } ?? true)
            && Keyword.match(value) == nil
        return isWord ? value : Formatter.quote(value)
    }

    private func oneLiner(_ head: String, _ attributes: [String], trailing: String?) {
        let flat = ([head] + attributes).joined(separator: " ")
        if flat.count + (trailing.map { $0.count + 2 } ?? 0) <= Formatter.lineWidth || attributes.isEmpty {
            line(flat, indent: "", trailing: trailing)
            return
        }
        line(head, indent: "", trailing: nil)
        for (i, a) in attributes.enumerated() {
            line(a, indent: "  ", trailing: i == attributes.count - 1 ? trailing : nil)
        }
    }

    private func wrappedList(_ head: String, _ items: [String], trailing: String?) {
        let flat = head + items.joined(separator: ", ")
        if 2 + flat.count <= Formatter.lineWidth {
            line(flat, indent: "  ", trailing: trailing)
            return
        }
        var current = head
        var lines: [String] = []
        for (i, item) in items.enumerated() {
            let piece = item + (i < items.count - 1 ? "," : "")
            if current != head, 2 + current.count + 1 + piece.count > Formatter.lineWidth {
                lines.append(current)
                current = "  " + piece
            } else {
                current += (current == head || current.hasSuffix(" ") ? "" : " ") + piece
            }
        }
        lines.append(current)
        for (i, l) in lines.enumerated() {
            line(l, indent: "  ", trailing: i == lines.count - 1 ? trailing : nil)
        }
    }

    private func expectation(_ x: Expectation) -> String {
        switch x {
        case .level(let s, let l):
            return kw(.expect) + " " + s.name + " = " + l.name
        case .status(let id, let outcome):
            switch outcome {
            case .triggered: return kw(.expect) + " " + id.name
            case .notTriggered: return kw(.expect) + " " + kw(.not) + " " + id.name
            case .notApplicable:
                return kw(.expect) + " " + id.name + " " + kw(.not) + " " + (lang == .ru ? kw(.applies) : kw(.applicable))
            case .unknown:
                return kw(.expect) + " " + id.name + " " + (lang == .ru ? kw(.not) + " " + kw(.unknown) : kw(.unknown))
            }
        }
    }

    func monthDay(_ d: MonthDay) -> String {
        deadline(.month(d.month, day: d.day))
    }

    public func deadline(_ d: Deadline) -> String {
        switch d {
        case .month(let m, let day):
            switch (lang, day) {
            case (.ru, nil): return m.spellings(.ru)[0]
            case (.ru, let day?): return "\(day) " + m.spellings(.ru)[1]
            case (.en, nil): return m.spellings(.en)[0]
            case (.en, let day?): return m.spellings(.en)[0] + " \(day)"
            }
        case .date(let y, let m, let day):
            let mm = m < 10 ? "0\(m)" : "\(m)"
            let dd = day < 10 ? "0\(day)" : "\(day)"
            return lang == .ru ? "\(dd).\(mm).\(y)" : "\(y)-\(mm)-\(dd)"
        case .quarter(let q): return kw(.quarter) + " \(q)"
        case .range(let from, let to):
            // Months alone with a dash; with both days, «с 1 сентября по 15 октября»; with one, a spaced dash.
            if from.day == nil && to.day == nil { return monthDay(from) + "–" + monthDay(to) }
            if from.day == nil || to.day == nil { return monthDay(from) + " – " + monthDay(to) }
            let (start, end) = lang == .ru ? (DeadlineWord.from.spellings(.ru)[0], kw(.by))
                : (DeadlineWord.from.spellings(.en)[0], DeadlineWord.to.spellings(.en)[0])
            return start + " " + monthDay(from) + " " + end + " " + monthDay(to)
        case .frequency(let f):
            switch f {
            case .monthly: return kw(.monthly)
            case .quarterly: return kw(.quarterly)
            case .times(let n, let period):
                let word: String
                switch (lang, period) {
                case (.ru, .year): word = kw(.year)
                case (.ru, .term): word = DeadlineWord.term.spellings(.ru)[0]
                case (.ru, .quarter): word = kw(.quarter)
                case (.ru, .month): word = DeadlineWord.month.spellings(.ru)[0]
                case (.en, .year): word = kw(.year)
                case (.en, .term): word = DeadlineWord.term.spellings(.en)[0]
                case (.en, .quarter): word = kw(.quarter)
                case (.en, .month): word = DeadlineWord.month.spellings(.en)[0]
                }
                switch lang {
                case .ru: return "\(n) " + Plural.russian(n, "раз", "раза", "раз") + " " + kw(.in) + " " + word
                case .en:
                    let times = DeadlineWord.times.spellings(.en)[n == 1 ? 1 : 0]
                    return "\(n) " + times + " " + DeadlineWord.per.spellings(.en)[0] + " " + word
                }
            }
        case .annually: return kw(.annually)
        case .duringYear: return lang == .ru ? "в течение года" : "during year"
        case .text(let t): return Formatter.quote(t)
        }
    }

    // MARK: - Expressions

    public func expression(_ e: Expr) -> String {
        expression(e, base: "", depth: 0, forceTopBreaks: false, suppressLastComment: false)
    }

    /// Prints an expression; `base` is the clause's indentation, `depth` the nesting of
    /// `or`/`and` chains (each level indents continuation lines by two more spaces).
    func expression(_ e: Expr, base: String, depth: Int, forceTopBreaks: Bool, suppressLastComment: Bool) -> String {
        func sub(_ x: Expr) -> String {
            expression(x, base: base, depth: depth, forceTopBreaks: false, suppressLastComment: false)
        }
        switch e.kind {
        case .number(_, let text): return text
        case .percent(_, let text): return text + "%"
        case .boolean(let b): return kw(b ? .true : .false)
        case .string(let s): return Formatter.quote(s)
        case .name(let n): return n
        case .negate(let x): return "-" + sub(x)
        case .arithmetic(let op, let a, let b): return sub(a) + " " + op.rawValue + " " + sub(b)
        case .comparison(let op, let a, let b): return sub(a) + " " + op.rawValue + " " + sub(b)
        case .logical(let op, _, _):
            let items = Formatter.flatten(e, op)
            var text = ""
            for (i, item) in items.enumerated() {
                let isLast = i == items.count - 1
                if i > 0 {
                    let breakHere = item.breakBefore || (forceTopBreaks && depth == 0) || Formatter.lastComment(items[i - 1]) != nil
                    text += (breakHere ? "\n" + base + String(repeating: "  ", count: depth + 1) : " ") + kw(op == .and ? .and : .or) + " "
                }
                text += expression(item, base: base, depth: depth + 1, forceTopBreaks: false,
                                   suppressLastComment: suppressLastComment && isLast)
                if let c = item.trailingComment, !(suppressLastComment && isLast) { text += "  " + c }
            }
            return text
        case .not(let x): return kw(.not) + " " + sub(x)
        case .membership(let x, let items, let negated):
            return sub(x) + " " + (negated ? kw(.not) + " " : "") + kw(.in) + " (" + items.map(expression).joined(separator: ", ") + ")"
        case .call(let c):
            let name = c.builtin?.canonical(lang) ?? c.name.name
            var by = ""
            switch c.by {
            case .municipality?: by = " " + kw(.by) + " " + (lang == .ru ? "муниципалитету" : "municipality")
            case .indicator(let id)?: by = " " + kw(.by) + " " + id.name
            case nil: break
            }
            return name + "(" + c.arguments.map(expression).joined(separator: ", ") + by + ")"
        case .countTriggered:
            return kw(.count) + "(" + kw(.triggered) + ")"
        case .persistence(let x, let years, let atLeast):
            func count(_ c: YearCount) -> (text: String, n: Int?) {
                switch c {
                case .literal(let n, _): return (String(n), n)
                case .param(let id): return (id.name, nil)
                }
            }
            let n = count(years)
            if let atLeast {
                let k = count(atLeast).text
                switch lang {
                case .en: return sub(x) + " in \(k) of last \(n.text) " + (n.n == 1 ? "year" : "years")
                case .ru:
                    // «из последних 3 лет», «из последних 21 года».
                    let word = n.n.map { $0 % 10 == 1 && $0 % 100 != 11 ? "года" : "лет" } ?? "лет"
                    return sub(x) + " в \(k) из последних \(n.text) " + word
                }
            }
            switch lang {
            case .en: return sub(x) + " for \(n.text) " + (n.n == 1 ? "year" : "years")
            case .ru: return sub(x) + " \(n.text) " + (n.n.map { Plural.russian($0, "год", "года", "лет") } ?? "лет") + " " + kw(.for)
            }
        case .parenthesized(let x):
            return "(" + sub(x) + ")"
        }
    }
}

extension Formatter {
    /// `после 2 лет` / `after 2 years` (a group's exit criterion).
    func afterYears(_ c: YearCount) -> String {
        let (text, n): (String, Int?)
        switch c {
        case .literal(let v, _): (text, n) = (String(v), v)
        case .param(let id): (text, n) = (id.name, nil)
        }
        switch lang {
        case .en: return kw(.after) + " \(text) " + (n == 1 ? "year" : "years")
        case .ru: return kw(.after) + " \(text) " + (n.map { Plural.russian($0, "года", "лет", "лет") } ?? "лет")
        }
    }

    /// `2 года` / `2 years` (a target's horizon).
    func yearsText(_ c: YearCount) -> String {
        switch c {
        case .literal(let v, _):
            switch lang {
            case .en: return "\(v) " + (v == 1 ? "year" : "years")
            case .ru: return "\(v) " + Plural.russian(v, "год", "года", "лет")
            }
        case .param(let id):
            return id.name + " " + (lang == .en ? "years" : "лет")
        }
    }

    /// `последние 3 года` / `last 3 years` (pooling of a reliability clause).
    func lastYears(_ c: YearCount) -> String {
        let (text, n): (String, Int?)
        switch c {
        case .literal(let v, _): (text, n) = (String(v), v)
        case .param(let id): (text, n) = (id.name, nil)
        }
        switch lang {
        case .en: return "last \(text) " + (n == 1 ? "year" : "years")
        case .ru: return "последние \(text) " + (n.map { Plural.russian($0, "год", "года", "лет") } ?? "лет")
        }
    }
}
