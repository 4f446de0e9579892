import RiskmapLanguage
import RiskmapPlatform

/// What changed for the schools between two classifications of the same schools file: two
/// rule books on one school year (`riskmap diff --old`), or one rule book on two school years
/// (`riskmap diff --year A --year B`). Per school, every group, level, factor and measure
/// that changed, with its cause: the changed declarations the outcome depends on and the
/// explanations of both sides. Schools are matched by id and listed by id.
public struct OutcomeDiff: Sendable {
    public enum Mode: String, Sendable {
        /// Two rule books, one school year.
        case rules
        /// One rule book, two school years.
        case years
    }

    /// One classification: its outcomes and school year.
    public struct Side: Sendable {
        public let outcomes: Outcomes
        public let yearIndex: Int
        public var year: SchoolYear { outcomes.profiles.years[yearIndex] }
        public var book: CheckedRuleBook { outcomes.book }
        /// Row of each school id in the year.
        let rowOf: [String: Int]

        public init(_ outcomes: Outcomes, yearIndex: Int) {
            self.outcomes = outcomes
            self.yearIndex = yearIndex
            var rows: [String: Int] = [:]
            for r in outcomes.profiles.rows(inYear: yearIndex) { rows[outcomes.profiles.school(row: r).id] = r }
            rowOf = rows
        }

        public var schoolCount: Int { rowOf.count }
    }

    public enum ItemKind: String, Sendable, CaseIterable {
        case group, level, factor, measure
    }

    /// The state of one item for one school on one side: a stable code and its words.
    public struct ItemState: Sendable, Equatable {
        public var code: String
        public var text: String

        /// States that mean "no": not in the group, not triggered, not in the plan, not declared.
        var isNeutral: Bool { ["out", "not_triggered", "not_applicable", "not_in_plan", "not_declared", "none"].contains(code) }
        /// States that mean "yes": in the group, triggered, in the plan.
        var isPositive: Bool { ["in", "triggered", "in_plan"].contains(code) }
    }

    /// One changed item of a school.
    public struct ItemChange: Sendable {
        public var kind: ItemKind
        /// The group, scale, factor or measure.
        public var key: DeclarationKey
        public var title: String
        public var before: ItemState
        public var after: ItemState
    }

    /// Why a factor came out as it did, on each side: its status, and the explanation.
    public struct Evidence: Sendable {
        public var code: String
        public var title: String
        public var beforeStatus: String
        public var before: String
        public var afterStatus: String
        public var after: String
    }

    /// One cause of a school's changes: a changed declaration (nil for a change of data,
    /// year over year, or when no changed declaration explains it), what it changed, and the
    /// explanations behind it.
    public struct Cause: Sendable {
        public var change: DeclarationChange?
        public var effects: [ItemChange]
        public var evidence: [Evidence]
    }

    public struct SchoolChange: Sendable {
        public var id: String
        public var name: String
        public var municipality: String
        public var changes: [ItemChange]
        public var causes: [Cause]
        /// When the school can expect to leave its groups with an exit criterion (after side).
        public var exits: [String]
    }

    /// How many schools are in a group, at a level or have a factor triggered, on each side.
    public struct Count: Sendable {
        public var kind: ItemKind
        /// The group, scale or factor; for a level, `level` is the level's code.
        public var key: DeclarationKey
        public var level: String?
        public var title: String
        public var before: Int
        public var after: Int
        /// Schools undecided for lack of data (groups, levels, factors).
        public var beforeUnknown: Int
        public var afterUnknown: Int

        public var changed: Bool { before != after || beforeUnknown != afterUnknown }
    }

    /// Schools that entered, left, stayed in a group or at a level, and those undecided on
    /// one side.
    public struct Movement: Sendable {
        public var kind: ItemKind
        public var key: DeclarationKey
        public var level: String?
        public var title: String
        public var entered: [String]
        public var left: [String]
        public var stayed: [String]
        /// «TOM-01 «…»: входит → не определено».
        public var undecided: [String]
    }

    public let mode: Mode
    public let old: Side
    public let new: Side
    public let rules: RuleBookDiff
    public let lang: Lang
    public private(set) var counts: [Count] = []
    public private(set) var schools: [SchoolChange] = []
    public private(set) var movements: [Movement] = []

    /// `threads`: how many threads explain the schools that changed (the result does not depend on it).
    public init(mode: Mode, old: Side, new: Side, rules: RuleBookDiff, lang: Lang, threads: Int = Tuning.default.threads) {
        self.mode = mode
        self.old = old
        self.new = new
        self.rules = rules
        self.lang = lang
        let items = Self.items(old.book, new.book)
        let oldExplainer = Explainer(old.outcomes, lang: lang, citations: false)
        let newExplainer = Explainer(new.outcomes, lang: lang, citations: false)
        let ids = Set(old.rowOf.keys).union(new.rowOf.keys).sorted()
        let t = DiffText(lang)
        // Counts: every group and factor; every level of every scale, and «не определён».
        var counts: [Count] = []
        var countsOf = [[Int]](repeating: [], count: items.count)
        for (n, item) in items.enumerated() where item.kind != .measure {
            if item.kind == .level {
                let scale = (new.book.scales.first { $0.code == item.key.code } ?? old.book.scales.first { $0.code == item.key.code })!
                for level in scale.levels.map({ ($0.code, $0.title) }) + [("unknown", ExplanationText.levelUnknown(lang))] {
                    countsOf[n].append(counts.count)
                    counts.append(Count(kind: .level, key: item.key, level: level.0, title: item.title + ": " + level.1,
                                        before: 0, after: 0, beforeUnknown: 0, afterUnknown: 0))
                }
            } else {
                countsOf[n].append(counts.count)
                counts.append(Count(kind: item.kind, key: item.key, level: nil, title: item.title, before: 0, after: 0, beforeUnknown: 0, afterUnknown: 0))
            }
        }
        var movements: [Movement] = []
        var movementsOf = [[Int]](repeating: [], count: items.count)
        /// Each movement's count (for its level's index).
        var countOfMovement: [Int] = []
        // Movements are reported year over year.
        for (n, item) in items.enumerated() where mode == .years && (item.kind == .group || item.kind == .level) {
            for i in countsOf[n] where counts[i].level != "unknown" {
                movementsOf[n].append(movements.count)
                countOfMovement.append(i)
                movements.append(Movement(kind: item.kind, key: item.key, level: counts[i].level, title: counts[i].title,
                                          entered: [], left: [], stayed: [], undecided: []))
            }
        }
        // For a level's count: the level's index in the old and the new book (-1: «не определён»;
        // a level one book lacks: an index no row has).
        let levelIndex: [(Int, Int)?] = counts.map { c in
            guard let level = c.level else { return nil }
            if level == "unknown" { return (Int(Outcomes.unknownLevel), Int(Outcomes.unknownLevel)) }
            func index(_ b: CheckedRuleBook) -> Int { b.scales.first { $0.code == c.key.code }?.levels.firstIndex { $0.code == level } ?? -1000 }
            return (index(old.book), index(new.book))
        }
        let differentBooks = mode == .rules
        let columnsOld = items.map { Column($0, $0.old, old.outcomes) }, columnsNew = items.map { Column($0, $0.new, new.outcomes) }
        /// A school that changed, before its causes are found.
        struct Pending {
            var school: ProfileSet.School
            var before: Int?
            var after: Int?
            var changes: [ItemChange]
        }
        var pending: [Pending] = []
        for id in ids {
            let before = old.rowOf[id], after = new.rowOf[id]
            let school = (after.map { new.outcomes.profiles.school(row: $0) } ?? before.map { old.outcomes.profiles.school(row: $0) })!
            let label = "\(school.id) «\(school.name)»"
            var changes: [ItemChange] = []
            for (n, item) in items.enumerated() {
                // Raw codes first: most items of most schools are the same on both sides.
                let ra = before.map { columnsOld[n].raw($0) } ?? -100, rb = after.map { columnsNew[n].raw($0) } ?? -100
                for i in countsOf[n] {
                    if let (la, lb) = levelIndex[i] {
                        if ra == la { counts[i].before += 1 }
                        if rb == lb { counts[i].after += 1 }
                    } else {
                        if ra == 1 { counts[i].before += 1 }
                        if rb == 1 { counts[i].after += 1 }
                        if item.kind != .measure && ra == 2 { counts[i].beforeUnknown += 1 }
                        if item.kind != .measure && rb == 2 { counts[i].afterUnknown += 1 }
                    }
                }
                for i in movementsOf[n] {
                    let (la, lb) = levelIndex[countOfMovement[i]] ?? (1, 1)
                    let inBefore = ra == la, inAfter = rb == lb
                    let definiteBefore = before != nil && (item.kind == .level ? ra != Int(Outcomes.unknownLevel) : ra != 2)
                    let definiteAfter = after != nil && (item.kind == .level ? rb != Int(Outcomes.unknownLevel) : rb != 2)
                    if inBefore && inAfter {
                        movements[i].stayed.append(label)
                    } else if inAfter && definiteBefore {
                        movements[i].entered.append(label)
                    } else if inBefore && definiteAfter {
                        movements[i].left.append(label)
                    } else if inBefore || inAfter {
                        let a = Self.state(item, item.old, side: old, row: before, t), b = Self.state(item, item.new, side: new, row: after, t)
                        movements[i].undecided.append(label + ": " + a.text + " → " + b.text)
                    }
                }
                if ra == rb && (item.kind != .level || !differentBooks) && item.old != nil && item.new != nil { continue }
                let a = Self.state(item, item.old, side: old, row: before, t), b = Self.state(item, item.new, side: new, row: after, t)
                guard a.code != b.code, !(a.isNeutral && b.isNeutral) else { continue }
                changes.append(ItemChange(kind: item.kind, key: item.key, title: item.title, before: a, after: b))
            }
            guard !changes.isEmpty else { continue }
            pending.append(Pending(school: school, before: before, after: after, changes: changes))
        }
        // The causes and explanations of the schools that changed: the slow part, on several threads.
        let rules = self.rules, mode = self.mode
        schools = Parallel.map(count: pending.count, threads: threads) { i in
            let p = pending[i]
            let changes = p.changes, before = p.before, after = p.after
            var causes: [Cause] = []
            // Explanations of the changed factors, both sides.
            func evidence(_ factors: [ItemChange]) -> [Evidence] {
                factors.map { c in
                    let a = Self.explanation(c.key.code, side: old, row: before, oldExplainer, t)
                    let b = Self.explanation(c.key.code, side: new, row: after, newExplainer, t)
                    return Evidence(code: c.key.code, title: c.title, beforeStatus: c.before.text, before: a,
                                    afterStatus: c.after.text, after: b)
                }
            }
            let changedFactors = changes.filter { $0.kind == .factor }
            switch mode {
            case .rules:
                var byChange: [DeclarationKey: (DeclarationChange, [ItemChange])] = [:]
                var unexplained: [ItemChange] = []
                for c in changes {
                    let found = rules.causes(of: c.key)
                    if found.isEmpty { unexplained.append(c) }
                    for change in found { byChange[change.key, default: (change, [])].1.append(c) }
                }
                for key in byChange.keys.sorted() {
                    let (change, effects) = byChange[key]!
                    let factors = changedFactors.filter { rules.dependencies(of: $0.key).contains(key) }
                    causes.append(Cause(change: change, effects: effects, evidence: evidence(factors)))
                }
                if !unexplained.isEmpty { causes.append(Cause(change: nil, effects: unexplained, evidence: [])) }
            case .years:
                causes.append(Cause(change: nil, effects: changes, evidence: evidence(changedFactors)))
            }
            var exits: [String] = []
            if let after {
                for g in new.book.groups {
                    if let f = ExitForecast.of(group: g.index, row: after, new.outcomes) { exits.append(ExitText.forecast(f, group: g.title, lang)) }
                }
            }
            return SchoolChange(id: p.school.id, name: p.school.name, municipality: p.school.municipality,
                                changes: changes, causes: causes, exits: exits)
        }
        self.counts = counts
        self.movements = movements
    }

    /// Whether anything differs: a declaration or an outcome.
    public var isEmpty: Bool { rules.isEmpty && schools.isEmpty }

    /// The groups, scales, factors and measures of both books: the new book's order, then
    /// what only the old one has.
    struct Item {
        var kind: ItemKind
        var key: DeclarationKey
        var title: String
        /// Its index in the old and in the new book (nil: not declared there).
        var old: Int? = nil
        var new: Int? = nil
    }

    static func items(_ old: CheckedRuleBook, _ new: CheckedRuleBook) -> [Item] {
        func of(_ b: CheckedRuleBook) -> [Item] {
            b.groups.map { Item(kind: .group, key: DeclarationKey(.group, $0.code), title: $0.title, old: $0.index) }
                + b.scales.map { Item(kind: .level, key: DeclarationKey(.scale, $0.code), title: $0.title, old: $0.index) }
                + b.factors.map { Item(kind: .factor, key: DeclarationKey(.factor, $0.code), title: $0.title, old: $0.index) }
                + b.measures.map { Item(kind: .measure, key: DeclarationKey(.measure, $0.code), title: $0.title, old: $0.index) }
        }
        let oldItems = of(old)
        let oldIndex = Dictionary(oldItems.map { ($0.key, $0.old!) }, uniquingKeysWith: { a, _ in a })
        var items = of(new).map { var i = $0; i.new = i.old; i.old = oldIndex[i.key]; return i }
        let known = Set(items.map(\.key))
        items += oldItems.filter { !known.contains($0.key) }
        return ItemKind.allCases.flatMap { kind in items.filter { $0.kind == kind } }
    }

    /// One item's outcome column on one side, read without going through `Outcomes` per row.
    enum Column {
        case status([Status])
        case level([Int16])
        case plan([Bool])
        case notDeclared

        init(_ item: Item, _ index: Int?, _ o: Outcomes) {
            guard let index else { self = .notDeclared; return }
            switch item.kind {
            case .group: self = .status(o.groups[index])
            case .factor: self = .status(o.factors[index])
            case .level: self = .level(o.levels[index])
            case .measure: self = o.measures.isEmpty ? .notDeclared : .plan(o.measures[index])
            }
        }

        /// As `OutcomeDiff.raw`.
        func raw(_ row: Int) -> Int {
            switch self {
            case .status(let c): return Int(c[row].rawValue)
            case .level(let c): return Int(c[row])
            case .plan(let c): return c[row] ? 1 : 0
            case .notDeclared: return -101
            }
        }
    }

    /// The item's outcome as a number: a group's or factor's status (1 in / triggered, 2
    /// undecided), a level's index (`Outcomes.unknownLevel`, `noLevel`), a measure 1 or 0;
    /// -100 for a school not in the data, -101 for an item not in the book.
    static func raw(_ item: Item, _ index: Int?, side: Side, row: Int?) -> Int {
        guard let row else { return -100 }
        guard let index else { return -101 }
        let o = side.outcomes
        switch item.kind {
        case .group: return Int(o.groups[index][row].rawValue)
        case .level: return Int(o.levels[index][row])
        case .factor: return Int(o.factors[index][row].rawValue)
        case .measure: return o.measures.isEmpty ? -101 : (o.measures[index][row] ? 1 : 0)
        }
    }

    static func state(_ item: Item, _ index: Int?, side: Side, row: Int?, _ t: DiffText) -> ItemState {
        guard let row else { return ItemState(code: "no_data", text: t.noData(side.year)) }
        guard let index else { return ItemState(code: "not_declared", text: t.notDeclared) }
        let o = side.outcomes
        switch item.kind {
        case .group:
            switch o.groups[index][row] {
            case .triggered: return ItemState(code: "in", text: t.member(true))
            case .unknown: return ItemState(code: "unknown", text: t.undecided)
            case .notTriggered, .notApplicable: return ItemState(code: "out", text: t.member(false))
            }
        case .level:
            let level = o.levels[index][row]
            if level >= 0 {
                let l = side.book.scales[index].levels[Int(level)]
                return ItemState(code: l.code, text: l.title)
            }
            return level == Outcomes.unknownLevel ? ItemState(code: "unknown", text: ExplanationText.levelUnknown(t.lang))
                : ItemState(code: "none", text: ExplanationText.levelNone(t.lang))
        case .factor:
            let status = o.factors[index][row]
            return ItemState(code: status.code, text: status.text(t.lang))
        case .measure:
            guard !o.measures.isEmpty else { return ItemState(code: "not_declared", text: t.notDeclared) }
            return o.measures[index][row] ? ItemState(code: "in_plan", text: t.inPlan(true)) : ItemState(code: "not_in_plan", text: t.inPlan(false))
        }
    }

    static func explanation(_ code: String, side: Side, row: Int?, _ explainer: Explainer, _ t: DiffText) -> String {
        let lang = t.lang
        guard let row else { return t.noData(side.year) }
        guard let f = side.book.factors.first(where: { $0.code == code }) else { return t.notDeclared }
        _ = lang
        return explainer.factor(f.index, row: row).text
    }
}
