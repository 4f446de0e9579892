import RiskmapLanguage

/// What kind of declaration a change is about, in the order a cover note lists them.
public enum DeclarationKind: Int, Sendable, CaseIterable, Comparable {
    case param, indicator, factor, scale, group, measure, role, direction

    public static func < (a: DeclarationKind, b: DeclarationKind) -> Bool { a.rawValue < b.rawValue }

    /// Stable machine name (JSON, CSV).
    public var code: String {
        switch self {
        case .param: return "parameter"
        case .indicator: return "indicator"
        case .factor: return "factor"
        case .scale: return "scale"
        case .group: return "group"
        case .measure: return "measure"
        case .role: return "role"
        case .direction: return "direction"
        }
    }
}

/// A declaration of either rule book, by kind and code.
public struct DeclarationKey: Hashable, Comparable, Sendable {
    public var kind: DeclarationKind
    public var code: String

    public init(_ kind: DeclarationKind, _ code: String) {
        self.kind = kind
        self.code = code
    }

    public static func < (a: DeclarationKey, b: DeclarationKey) -> Bool { (a.kind, a.code) < (b.kind, b.code) }
}

/// One declaration added, removed or changed between two rule books, with what changed.
public struct DeclarationChange: Sendable {
    public enum Kind: String, Sendable {
        case added, removed, changed
    }

    /// One changed part of a declaration: its old and new text (nil: not there).
    public struct Detail: Sendable, Equatable {
        public var aspect: Aspect
        public var old: String?
        public var new: String?
    }

    /// The parts of a declaration a change is reported for.
    public enum Aspect: String, Sendable, CaseIterable {
        case value, title, type, range, formula, reliable, pooling, applies, condition, targets, levels, exit
        case addresses, onlyWhen, scope, responsible, coExecutors, due, result, basis, direction, signsPlan
    }

    public var key: DeclarationKey
    public var kind: Kind
    /// The declaration's title (the new one when it has both).
    public var title: String
    public var details: [Detail]

    /// Whether the change can change an outcome (a changed basis or result text cannot).
    public var affectsOutcomes: Bool {
        kind != .changed || details.contains { ![.basis, .result, .title, .responsible, .coExecutors, .due, .targets].contains($0.aspect) }
    }
}

/// The declarations two rule books differ in, and which declarations each outcome depends on.
/// Conditions are compared as the formatter prints them (normalised: Russian keywords, one
/// space, no comments), so reformatting or translating a file is no change.
public struct RuleBookDiff: Sendable {
    public let old: CheckedRuleBook
    public let new: CheckedRuleBook
    /// Sorted by kind, then code.
    public let changes: [DeclarationChange]
    /// For each declaration of either book: itself and every declaration it reads, in turn.
    let dependencies: [DeclarationKey: Set<DeclarationKey>]

    public init(old: CheckedRuleBook, oldSyntax: RuleBookSyntax, new: CheckedRuleBook, newSyntax: RuleBookSyntax, lang: Lang) {
        self.old = old
        self.new = new
        let a = RuleBookText(old, oldSyntax, lang: lang), b = RuleBookText(new, newSyntax, lang: lang)
        var changes: [DeclarationChange] = []
        for key in Set(a.parts.keys).union(b.parts.keys).sorted() {
            switch (a.parts[key], b.parts[key]) {
            case (nil, let n?):
                changes.append(DeclarationChange(key: key, kind: .added, title: b.titles[key] ?? "", details: Self.details(nil, n)))
            case (let o?, nil):
                changes.append(DeclarationChange(key: key, kind: .removed, title: a.titles[key] ?? "", details: Self.details(o, nil)))
            case (let o?, let n?):
                let details = Self.details(o, n)
                if !details.isEmpty {
                    changes.append(DeclarationChange(key: key, kind: .changed, title: b.titles[key] ?? "", details: details))
                }
            case (nil, nil):
                break
            }
        }
        self.changes = changes
        var deps = Dependencies(old).closures
        for (key, set) in Dependencies(new).closures { deps[key, default: []].formUnion(set) }
        dependencies = deps
    }

    /// The rule book of one side only (year over year): no changes.
    public init(book: CheckedRuleBook) {
        old = book
        new = book
        changes = []
        dependencies = Dependencies(book).closures
    }

    public var isEmpty: Bool { changes.isEmpty }

    /// The changes an outcome of `key` depends on (its own declaration included).
    public func causes(of key: DeclarationKey) -> [DeclarationChange] {
        let deps = dependencies[key] ?? [key]
        return changes.filter { deps.contains($0.key) && $0.affectsOutcomes }
    }

    /// The declarations `key` reads (itself included).
    public func dependencies(of key: DeclarationKey) -> Set<DeclarationKey> { dependencies[key] ?? [key] }

    /// The parts present in either version, compared aspect by aspect.
    static func details(_ old: [DeclarationChange.Aspect: String]?, _ new: [DeclarationChange.Aspect: String]?) -> [DeclarationChange.Detail] {
        DeclarationChange.Aspect.allCases.compactMap { aspect in
            let o = old?[aspect], n = new?[aspect]
            if old != nil && new != nil && o == n { return nil }
            if o == nil && n == nil { return nil }
            // An added or removed declaration lists only what decides outcomes.
            if old == nil || new == nil, [.basis, .title, .result].contains(aspect) { return nil }
            return DeclarationChange.Detail(aspect: aspect, old: o, new: n)
        }
    }
}

/// Each declaration of a rule book as comparable texts, one per aspect.
struct RuleBookText {
    var parts: [DeclarationKey: [DeclarationChange.Aspect: String]] = [:]
    var titles: [DeclarationKey: String] = [:]

    init(_ book: CheckedRuleBook, _ syntax: RuleBookSyntax, lang: Lang) {
        let printer = Formatter(lang: lang)
        func text(_ e: Expr?) -> String? { e.map { Self.normalised(printer.expression($0)) } }
        for declaration in syntax.declarations {
            switch declaration {
            case .ruleset, .example:
                continue
            case .indicator(let d):
                let key = DeclarationKey(.indicator, d.code.name)
                var p: [DeclarationChange.Aspect: String] = [.type: d.kind.keyword.canonical(lang)]
                if d.kind == .category { p[.type]! += " " + d.categories.map(\.name).joined(separator: ", ") }
                p[.title] = d.title?.value
                if let r = d.range { p[.range] = NumberFormat.literal(Self.literal(r.0), lang: lang) + "…" + NumberFormat.literal(Self.literal(r.1), lang: lang) }
                p[.formula] = text(d.formula)
                p[.reliable] = text(d.reliable)
                if let y = d.pooledYears { p[.pooling] = String(describing: y) }
                p[.basis] = d.source?.value
                parts[key] = p
            case .param(let d):
                let key = DeclarationKey(.param, d.code.name)
                var p: [DeclarationChange.Aspect: String] = [.value: NumberFormat.literal(Self.literal(d.value), lang: lang)]
                if let unit = d.unit?.value { p[.value]! += " " + unit }
                p[.title] = d.title?.value
                if let r = d.range { p[.range] = NumberFormat.literal(Self.literal(r.0), lang: lang) + "…" + NumberFormat.literal(Self.literal(r.1), lang: lang) }
                p[.basis] = d.basis?.value
                parts[key] = p
            case .factor(let d):
                let key = DeclarationKey(.factor, d.code.name)
                var p: [DeclarationChange.Aspect: String] = [.title: d.title?.value, .applies: text(d.applies?.value),
                                                             .condition: text(d.when?.value), .basis: d.basis?.value.value].compactMapValues { $0 }
                if !d.targets.isEmpty {
                    // Targets (целевые показатели) shape the plans, not the outcomes.
                    p[.targets] = d.targets.map { t in
                        (text(t.value.goal) ?? "") + (t.value.years.map { " " + Self.years($0, lang) } ?? "")
                    }.joined(separator: "; ")
                }
                parts[key] = p
            case .scale(let d):
                let key = DeclarationKey(.scale, d.code.name)
                let levels = d.levels.map { l in
                    l.code.name + " «" + (l.title?.value ?? "") + "» " + (text(l.condition).map { (lang == .ru ? "если " : "when ") + $0 } ?? (lang == .ru ? "иначе" : "otherwise"))
                }
                parts[key] = [.title: d.title?.value, .levels: levels.joined(separator: "; ")].compactMapValues { $0 }
            case .group(let d):
                let key = DeclarationKey(.group, d.code.name)
                var p: [DeclarationChange.Aspect: String] = [.title: d.title?.value, .condition: text(d.when?.value),
                                                             .basis: d.basis?.value.value].compactMapValues { $0 }
                if let exit = book.groups.first(where: { $0.code == d.code.name })?.exit {
                    p[.exit] = ExitText.rule(exit, book: book, lang)
                }
                parts[key] = p
            case .role(let d):
                var p: [DeclarationChange.Aspect: String] = [.title: d.title?.value ?? ""]
                if d.signsPlan != nil { p[.signsPlan] = lang == .ru ? "подписывает план" : "signs plan" }
                parts[DeclarationKey(.role, d.code.name)] = p
            case .direction(let d):
                parts[DeclarationKey(.direction, d.code.name)] = [.title: d.title?.value ?? ""]
            case .measure(let d):
                let key = DeclarationKey(.measure, d.code.name)
                var p: [DeclarationChange.Aspect: String] = [:]
                p[.title] = d.title?.value
                p[.direction] = d.direction?.value.name
                p[.addresses] = d.addresses.map { $0.value.map(\.name).joined(separator: ", ") }
                p[.onlyWhen] = text(d.onlyWhen?.value)
                p[.scope] = d.scope.map { $0.value.rawValue }
                p[.responsible] = d.responsible.map { $0.value.map(\.name).joined(separator: ", ") }
                p[.coExecutors] = d.coExecutors.map { $0.value.map(\.name).joined(separator: ", ") }
                p[.due] = d.due.map { printer.deadline($0.value) }
                p[.result] = d.result?.value.value
                p[.basis] = d.basis?.value.value
                parts[key] = p
            }
        }
        for i in book.indicators { titles[DeclarationKey(.indicator, i.code)] = i.title }
        for p in book.params { titles[DeclarationKey(.param, p.code)] = p.title }
        for f in book.factors { titles[DeclarationKey(.factor, f.code)] = f.title }
        for s in book.scales { titles[DeclarationKey(.scale, s.code)] = s.title }
        for g in book.groups { titles[DeclarationKey(.group, g.code)] = g.title }
        for m in book.measures { titles[DeclarationKey(.measure, m.code)] = m.title }
        for r in book.roles { titles[DeclarationKey(.role, r.code)] = r.title }
        for d in book.directions { titles[DeclarationKey(.direction, d.code)] = d.title }
    }

    /// A target's horizon: «за 2 года» / "over 2 years", or with a parameter's name.
    static func years(_ c: YearCount, _ lang: Lang) -> String {
        switch (c, lang) {
        case (.literal(let n, _), .ru): return "за \(n) " + Plural.russian(n, "год", "года", "лет")
        case (.literal(let n, _), .en): return "over \(n) " + (n == 1 ? "year" : "years")
        case (.param(let id), .ru): return "за \(id.name) лет"
        case (.param(let id), .en): return "over \(id.name) years"
        }
    }

    static func literal(_ n: NumberLiteral) -> String {
        (n.negative ? "-" : "") + n.text + (n.isPercent ? "%" : "")
    }

    /// One line, single spaces, no comments (a `#` outside quotes to the end of its line).
    static func normalised(_ s: String) -> String {
        var out = ""
        var quoted = false, comment = false, space = false
        for c in s {
            if c == "\n" { comment = false; space = true; continue }
            if comment { continue }
            if c == "\"" || c == "«" || c == "»" { quoted.toggle() }
            if c == "#" && !quoted { comment = true; continue }
            if c == " " || c == "\t" { space = true; continue }
            if space && !out.isEmpty { out.append(" ") }
            space = false
            out.append(c)
        }
        return out
    }
}

/// Which declarations each declaration of a rule book reads, in turn.
struct Dependencies {
    let book: CheckedRuleBook
    private(set) var closures: [DeclarationKey: Set<DeclarationKey>] = [:]

    init(_ book: CheckedRuleBook) {
        self.book = book
        for i in book.indicators.indices { _ = closure(DeclarationKey(.indicator, book.indicators[i].code), visiting: []) }
        for f in book.factors { _ = closure(DeclarationKey(.factor, f.code), visiting: []) }
        for s in book.scales { _ = closure(DeclarationKey(.scale, s.code), visiting: []) }
        for g in book.groups { _ = closure(DeclarationKey(.group, g.code), visiting: []) }
        for m in book.measures { _ = closure(DeclarationKey(.measure, m.code), visiting: []) }
        for p in book.params { closures[DeclarationKey(.param, p.code)] = [DeclarationKey(.param, p.code)] }
    }

    private mutating func closure(_ key: DeclarationKey, visiting: Set<DeclarationKey>) -> Set<DeclarationKey> {
        if let done = closures[key] { return done }
        guard !visiting.contains(key) else { return [key] }
        var visiting = visiting
        visiting.insert(key)
        var result: Set<DeclarationKey> = [key]
        for direct in directReads(key) where direct != key {
            result.formUnion(closure(direct, visiting: visiting))
        }
        closures[key] = result
        return result
    }

    /// The declarations `key`'s own text names.
    private func directReads(_ key: DeclarationKey) -> Set<DeclarationKey> {
        var exprs: [RExpr] = []
        var reads = Set<DeclarationKey>()
        switch key.kind {
        case .param, .role, .direction:
            return []
        case .indicator:
            guard let i = book.indicators.first(where: { $0.code == key.code }) else { return [] }
            exprs = [i.formula, i.reliable].compactMap { $0 }
            if let pooling = i.pooling {
                reads.insert(DeclarationKey(.indicator, book.indicators[pooling.weight].code))
                if case .param(let p) = pooling.threshold { reads.insert(DeclarationKey(.param, book.params[p].code)) }
                if case .param(let p) = pooling.years { reads.insert(DeclarationKey(.param, book.params[p].code)) }
            }
        case .factor:
            guard let f = book.factors.first(where: { $0.code == key.code }) else { return [] }
            exprs = [f.applies, f.condition].compactMap { $0 }
        case .scale:
            guard let s = book.scales.first(where: { $0.code == key.code }) else { return [] }
            exprs = s.levels.compactMap(\.condition)
        case .group:
            guard let g = book.groups.first(where: { $0.code == key.code }) else { return [] }
            exprs = [g.condition]
            if let exit = g.exit, case .param(let p) = exit.years { reads.insert(DeclarationKey(.param, book.params[p].code)) }
        case .measure:
            guard let m = book.measures.first(where: { $0.code == key.code }) else { return [] }
            exprs = [m.onlyWhen].compactMap { $0 }
            for f in m.addresses { reads.insert(DeclarationKey(.factor, book.factors[f].code)) }
        }
        for e in exprs {
            e.forEach { node in
                switch node.node {
                case .indicator(let i): reads.insert(DeclarationKey(.indicator, book.indicators[i].code))
                case .param(let p): reads.insert(DeclarationKey(.param, book.params[p].code))
                case .factor(let f): reads.insert(DeclarationKey(.factor, book.factors[f].code))
                case .scaleLevel(let s): reads.insert(DeclarationKey(.scale, book.scales[s].code))
                case .group(let g): reads.insert(DeclarationKey(.group, book.groups[g].code))
                case .countTriggered: for f in book.factors { reads.insert(DeclarationKey(.factor, f.code)) }
                case .cohort(_, _, _, by: .indicator(let i)?): reads.insert(DeclarationKey(.indicator, book.indicators[i].code))
                case .persistence(_, let years, let atLeast):
                    for y in [years, atLeast].compactMap({ $0 }) {
                        if case .param(let p) = y { reads.insert(DeclarationKey(.param, book.params[p].code)) }
                    }
                default: break
                }
            }
        }
        return reads
    }
}
