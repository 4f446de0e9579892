import RiskmapLanguage

/// What several plan documents share: wording, file names of the school plans, and
/// lookups from plan lines back to the rule book and the roadmap.
struct PlanContext {
    let plans: PlanSet
    let text: PlanText
    /// Per school (same order as `plans.schools`): the file name without extension.
    let fileNames: [String]
    /// The direction (section) of each measure.
    let directions: MeasureDirections
    /// `shortName` of every name and measure title the plans show, made once: the documents
    /// shorten the same few names thousands of times.
    let shortNames: [String: String]

    /// Per school: the folder of its documents relative to the page being written, with a
    /// trailing `/` (the regional summary links into the municipalities' folders), or empty.
    let schoolFolders: [String]

    /// `fileNames`: the school plans' names when they are not this set's own (a
    /// municipality's part of a region keeps the region's names).
    init(_ plans: PlanSet, fileNames: [String]? = nil, schoolFolders: [String]? = nil) {
        self.plans = plans
        text = PlanText(plans.lang)
        self.fileNames = fileNames ?? SafeFileName.assign(plans.schools.map(\.school.id))
        self.schoolFolders = schoolFolders ?? Array(repeating: "", count: plans.schools.count)
        directions = MeasureDirections(plans.book)
        var names = Set(plans.book.roles.map(\.title) + plans.book.measures.map(\.title))
        for plan in plans.schools {
            for item in plan.items {
                names.formUnion(item.responsible)
                names.formUnion(item.coExecutors)
            }
        }
        for roadmap in plans.municipalities {
            for item in roadmap.items {
                names.formUnion(item.responsible)
                names.formUnion(item.coExecutors)
            }
        }
        shortNames = Dictionary(uniqueKeysWithValues: names.map { ($0, Self.shortName($0)) })
    }

    /// A school plan's page, relative to the page being written.
    func schoolPage(_ i: Int) -> String { schoolFolders[i] + "schools/" + fileNames[i] + ".html" }

    /// `shortName`, looked up.
    func short(_ name: String) -> String { shortNames[name] ?? Self.shortName(name) }

    var book: CheckedRuleBook { plans.book }

    func factorTitle(_ f: Int) -> String { book.factors[f].title }

    /// «Дефицит педагогических кадров», «Низкий уровень оснащения школы»
    func factorList(_ factors: [Int]) -> String {
        factors.map { text.quoted(factorTitle($0)) }.joined(separator: ", ")
    }

    static func rank(_ s: Status) -> Int {
        switch s {
        case .triggered: return 0
        case .unknown: return 1
        case .notTriggered: return 2
        case .notApplicable: return 3
        }
    }

    /// Triggered first, then «не определён», then not triggered, then not applicable;
    /// rule-book order within each.
    func orderedFactors(_ plan: SchoolPlan) -> [FactorResult] {
        plan.factors.sorted { (Self.rank($0.explanation.status), $0.factor) < (Self.rank($1.explanation.status), $1.factor) }
    }

    /// (scale title, level title) per scale.
    func levels(_ plan: SchoolPlan) -> [(scale: String, level: String)] {
        plan.levels.map { (book.scales[$0.scale].title, $0.title) }
    }

    func groups(_ plan: SchoolPlan) -> String {
        plan.groups.isEmpty ? text.none : plan.groups.map { book.groups[$0].title }.joined(separator: "; ")
    }

    /// Groups left undecided by missing data, or nil when there are none.
    func undecidedGroups(_ plan: SchoolPlan) -> String? {
        plan.undecidedGroups.isEmpty ? nil : plan.undecidedGroups.map { book.groups[$0].title }.joined(separator: "; ")
    }

    func rulebook() -> String { text.ruleBookLine(book.header.title, book.header.version) }

    func footer() -> String { text.footer(version: book.header.version) }

    func roadmap(of municipality: String) -> MunicipalRoadmap? {
        plans.municipalities.first { $0.municipality == municipality }
    }

    /// The 1-based line of a measure in a municipality's roadmap.
    func roadmapNumber(measure: Int, municipality: String) -> Int? {
        roadmap(of: municipality)?.items.firstIndex { $0.measure == measure }.map { $0 + 1 }
    }

    /// The factors a roadmap line addresses: those of the measure triggered in any of its schools.
    func factors(of item: RoadmapItem) -> [Int] {
        book.measures[item.measure].addresses.filter { f in
            item.schools.contains { plans.schools[$0].factors[f].explanation.status == .triggered }
        }.reduce(into: [Int]()) { if !$0.contains($1) { $0.append($1) } }
    }

    func schoolNames(_ item: RoadmapItem) -> [String] { item.schools.map { plans.schools[$0].school.name } }

    /// The factor's explanation, without the «не применяется: » the status column already says.
    func explanation(_ f: FactorResult) -> String {
        let text = f.explanation.text
        let prefix = ExplanationText.notApplicable("", plans.lang)
        if f.explanation.status == .notApplicable && text.hasPrefix(prefix) {
            let rest = String(text.dropFirst(prefix.count))
            return rest.capitalizedFirst
        }
        return text
    }

    /// The longest name of a responsible party a table shows in full.
    static let shortNameLimit = 60

    /// A responsible party's name as a narrow table column shows it: in full up to
    /// `shortNameLimit` characters, else up to its first « (», «: », « — », «, » or «; »
    /// (the rest — what the body does — is listed once under the table, `longNames`).
    static func shortName(_ s: String) -> String {
        guard s.count > shortNameLimit else { return s }
        var cut = s.endIndex
        for separator in [" (", ": ", " — ", ", ", "; "] {
            if let r = s.range(of: separator), r.lowerBound < cut, s.distance(from: s.startIndex, to: r.lowerBound) >= 12 {
                cut = r.lowerBound
            }
        }
        if cut == s.endIndex || s.distance(from: s.startIndex, to: cut) > shortNameLimit {
            return String(s.prefix(shortNameLimit - 1)).trimmingSpaces + "…"
        }
        return String(s[..<cut])
    }

    /// «А; Б» with each name shortened.
    func shortList(_ who: [String]) -> String { text.responsibleList(who.map(short)) }

    /// The responsible parties of a measure as a narrow column shows them: up to two names
    /// (shortened); more than that — a directory that gives several bodies for one role —
    /// the measure's roles as the rule book names them (shortened).
    func responsibleCell(measure m: Int, _ who: [String]) -> String {
        who.count <= 2 ? shortList(who) : shortList(book.measures[m].responsible.map { book.roles[$0].title })
    }

    /// The co-executors of a measure, shortened as `responsibleCell` does.
    func coExecutorCell(measure m: Int, _ who: [String]) -> String {
        who.count <= 2 ? shortList(who) : shortList(book.measures[m].coExecutors.map { book.roles[$0].title })
    }

    /// The names `responsibleCell` shows for these lists (for `longNames`).
    func shownNames(_ items: [(measure: Int, who: [String])]) -> [[String]] {
        items.map { $0.who.count <= 2 ? $0.who : book.measures[$0.measure].responsible.map { book.roles[$0].title } }
    }

    /// The names `shortName` shortens, each once, in order of first appearance.
    func longNames(_ lists: [[String]]) -> [String] {
        var out: [String] = []
        for list in lists { for who in list where short(who) != who && !out.contains(who) { out.append(who) } }
        return out
    }

    func result(_ m: Int) -> String { book.measures[m].result ?? "" }
    func basis(_ m: Int) -> String { book.measures[m].basis ?? "" }
}
