/// A position-free, comment-free S-expression rendering of syntax trees. Two trees are
/// equal "ignoring positions" exactly when their dumps are equal; parser tests compare
/// against dumps, and `fmt` is checked to never change one.
public enum SyntaxDump {
    public static func ruleBook(_ book: RuleBookSyntax) -> String {
        book.files.map(file).joined(separator: "\n")
    }

    public static func file(_ file: FileSyntax) -> String {
        file.declarations.map(declaration).joined(separator: "\n")
    }

    static func str(_ s: String) -> String {
        var out = ""
        JSONValue.escape(s, into: &out)
        return out
    }

    static func opt(_ s: StringLiteral?) -> String { s.map { str($0.value) } ?? "_" }

    static func num(_ n: NumberLiteral) -> String {
        (n.negative ? "-" : "") + n.text + (n.isPercent ? "%" : "")
    }

    public static func declaration(_ d: Declaration) -> String {
        switch d {
        case .ruleset(let r):
            return "(ruleset \(str(r.title.value)) version=\(opt(r.version?.value)) year=\(r.year.map { $0.value.description } ?? "_") basis=\(opt(r.basis?.value)))"
        case .indicator(let i):
            let range = i.range.map { "\(num($0.0))...\(num($0.1))" } ?? "_"
            return "(indicator \(i.code.name) \(opt(i.title)) \(i.kind.rawValue)(\(i.categories.map(\.name).joined(separator: ","))) unit=\(opt(i.unit)) range=\(range) source=\(opt(i.source))\(i.expert == nil ? "" : " expert") columns=[\(i.columns.map { str($0.value) }.joined(separator: ","))]\(i.formula.map { " = " + expression($0) } ?? "")\(i.reliable.map { " reliable=" + expression($0) } ?? "")\(i.pooledYears.map { " pooled=" + years($0) } ?? ""))"
        case .param(let p):
            let range = p.range.map { "\(num($0.0))...\(num($0.1))" } ?? "_"
            return "(param \(p.code.name) \(opt(p.title)) \(num(p.value)) unit=\(opt(p.unit)) range=\(range) basis=\(opt(p.basis)))"
        case .factor(let f):
            return "(factor \(f.code.name) \(opt(f.title)) basis=\(opt(f.basis?.value)) applies=\(f.applies.map { expression($0.value) } ?? "_") when=\(f.when.map { expression($0.value) } ?? "_")\(f.targets.map { " target=" + expression($0.value.goal) + ($0.value.years.map { " over=" + SyntaxDump.years($0) } ?? "") }.joined()))"
        case .scale(let s):
            let levels = s.levels.map { "(\($0.code.name) \(opt($0.title)) \($0.condition.map(expression) ?? "otherwise"))" }
            return "(scale \(s.code.name) \(opt(s.title)) \(levels.joined(separator: " ")))"
        case .group(let g):
            return "(group \(g.code.name) \(opt(g.title)) basis=\(opt(g.basis?.value)) when=\(g.when.map { expression($0.value) } ?? "_")\(g.exit.map { " exit=" + years($0.value) } ?? ""))"
        case .role(let r):
            return "(role \(r.code.name) \(opt(r.title))\(r.signsPlan == nil ? "" : " signs-plan"))"
        case .direction(let d):
            return "(direction \(d.code.name) \(opt(d.title)))"
        case .measure(let m):
            var parts = ["measure \(m.code.name) \(opt(m.title))"]
            if let d = m.direction { parts.append("direction=\(d.value.name)") }
            parts.append("addresses=[\(m.addresses?.value.map(\.name).joined(separator: ",") ?? "")]")
            parts.append("only=\(m.onlyWhen.map { expression($0.value) } ?? "_")")
            parts.append("scope=\(m.scope?.value.rawValue ?? "_")")
            parts.append("responsible=" + (m.responsible.map { "[" + $0.value.map(\.name).joined(separator: ",") + "]" } ?? "_"))
            parts.append("with=[\(m.coExecutors?.value.map(\.name).joined(separator: ",") ?? "")]")
            parts.append("due=\(m.due.map { deadline($0.value) } ?? "_")")
            parts.append("result=\(opt(m.result?.value)) basis=\(opt(m.basis?.value))")
            return "(" + parts.joined(separator: " ") + ")"
        case .example(let e):
            var parts = ["example \(str(e.title.value))"]
            for g in e.givens {
                let values = g.value.assignments.map { "\($0.name.name)=\(expression($0.value))" }
                let school = g.value.school.map { "school:\($0.name) " } ?? ""
                parts.append("(given \(school)\(g.value.year?.description ?? "_") \(values.joined(separator: " ")))")
            }
            for x in e.expectations {
                let school = x.value.school.map { "school:\($0.name) " } ?? ""
                switch x.value.expectation {
                case .status(let id, let outcome): parts.append("(expect \(school)\(id.name) \(outcome.rawValue))")
                case .level(let s, let l): parts.append("(expect \(school)\(s.name)=\(l.name))")
                }
            }
            return "(" + parts.joined(separator: " ") + ")"
        }
    }

    public static func deadline(_ d: Deadline) -> String {
        switch d {
        case .month(let m, let day): return "month:\(m.rawValue)" + (day.map { ":\($0)" } ?? "")
        case .date(let y, let m, let d): return "date:\(y)-\(m)-\(d)"
        case .quarter(let q): return "quarter:\(q)"
        case .range(let from, let to):
            func end(_ x: MonthDay) -> String { "\(x.month.rawValue)" + (x.day.map { ":\($0)" } ?? "") }
            return "range:\(end(from))-\(end(to))"
        case .frequency(.monthly): return "monthly"
        case .frequency(.quarterly): return "quarterly"
        case .frequency(.times(let n, let period)): return "times:\(n)/\(period.rawValue)"
        case .annually: return "annually"
        case .duringYear: return "during-year"
        case .text(let t): return "text:\(str(t))"
        }
    }

    public static func expression(_ e: Expr) -> String {
        switch e.kind {
        case .number(_, let text): return text
        case .percent(_, let text): return text + "%"
        case .boolean(let b): return b ? "true" : "false"
        case .string(let s): return str(s)
        case .name(let n): return n
        case .negate(let x): return "(- \(expression(x)))"
        case .arithmetic(let op, let a, let b): return "(\(op.rawValue) \(expression(a)) \(expression(b)))"
        case .comparison(let op, let a, let b): return "(\(op.rawValue) \(expression(a)) \(expression(b)))"
        case .logical(let op, let a, let b): return "(\(op.rawValue) \(expression(a)) \(expression(b)))"
        case .not(let x): return "(not \(expression(x)))"
        case .membership(let x, let items, let negated):
            return "(\(negated ? "not-in" : "in") \(expression(x)) \(items.map(expression).joined(separator: " ")))"
        case .call(let c):
            let name = c.builtin?.rawValue ?? c.name.name
            var by = ""
            switch c.by {
            case .municipality?: by = " by:municipality"
            case .indicator(let id)?: by = " by:\(id.name)"
            case nil: break
            }
            return "(\(name) \(c.arguments.map(expression).joined(separator: " "))\(by))"
        case .countTriggered: return "(count triggered)"
        case .persistence(let x, let years, let atLeast):
            func count(_ c: YearCount) -> String {
                switch c {
                case .literal(let n, _): return String(n)
                case .param(let id): return id.name
                }
            }
            if let k = atLeast { return "(in \(count(k)) of \(count(years)) \(expression(x)))" }
            return "(for \(count(years)) \(expression(x)))"
        case .parenthesized(let x): return "(paren \(expression(x)))"
        }
    }
}

extension SyntaxDump {
    /// A number of years: the literal or the parameter's name.
    static func years(_ c: YearCount) -> String {
        switch c {
        case .literal(let n, _): return String(n)
        case .param(let id): return id.name
        }
    }
}
