import RiskmapLanguage
import RiskmapPlatform

/// One line of a school's support plan.
public struct PlanItem: Sendable {
    public var measure: Int
    /// The triggered factors this measure addresses for the school, in rule-book order.
    public var factors: [Int]
    public var deadline: ResolvedDeadline
    /// Who is responsible, in the order the measure names its roles (a person or body the
    /// directory names for two roles is listed once).
    public var responsible: [String]
    public var coExecutors: [String]
}

/// Data the school must supply so that an undecided factor can be decided.
public struct DataRequest: Sendable, Equatable {
    public var indicator: Int
    public var year: SchoolYear
    /// Factors that stay «не определён» without it.
    public var factors: [Int]
}

public struct FactorResult: Sendable {
    public var factor: Int
    public var explanation: FactorExplanation
}

public struct SchoolPlan: Sendable {
    public var school: ProfileSet.School
    public var row: Int
    /// Per scale: the level's title («высокий», «не определён»).
    public var levels: [(scale: Int, code: String, title: String)]
    public var groups: [Int]
    /// Groups whose condition depends on missing data (neither in nor out).
    public var undecidedGroups: [Int]
    public var factors: [FactorResult]
    /// School-scope measures, ordered by deadline, then rule-book order.
    public var items: [PlanItem]
    /// Municipality-scope measures the school's factors call for (they appear once in the roadmap).
    public var municipalMeasures: [Int]
    public var dataToSupply: [DataRequest]
    /// Целевые показатели: for each triggered factor that declares targets, where its
    /// indicators stand and where the plan aims them, in rule-book order.
    public var targets: [FactorTarget] = []
    /// For each group the school is in that declares an exit criterion (`выход после N лет
    /// без условия`), in rule-book order: when the school can expect to leave it.
    public var exits: [GroupExitPlan] = []
    /// The school's head: who the directory names, for this school, in the role that
    /// `подписывает план` (empty when the rule book has no such role or the directory names
    /// nobody for the school — a municipality-wide row such as «руководители ОО» is not a name).
    public var head: [String] = []
}

/// When a school can expect to leave a group with an exit criterion; `missing`: when the
/// forecast is undecided, the data of this year the group's condition lacks.
public struct GroupExitPlan: Sendable, Equatable {
    public var group: Int
    public var forecast: ExitForecast
    public var missing: [MissingValue]
}

/// A measure in a municipality's roadmap: every measure once, with the schools that need it.
public struct RoadmapItem: Sendable {
    public var measure: Int
    public var schools: [Int]
    public var deadline: ResolvedDeadline
    /// Who is responsible, in the order the measure names its roles (a person or body the
    /// directory names for two roles is listed once).
    public var responsible: [String]
    public var coExecutors: [String]
}

public struct MunicipalRoadmap: Sendable {
    public var municipality: String
    /// Indices into `PlanSet.schools`.
    public var schools: [Int]
    public var items: [RoadmapItem]
}

/// Everything a `plan` run produces, before it is written in any format.
public struct PlanSet: Sendable {
    public var book: CheckedRuleBook
    /// The school year of the data the plans are based on.
    public var dataYear: SchoolYear
    /// The school year the plans are for (deadlines resolve in it).
    public var planYear: SchoolYear
    public var schools: [SchoolPlan]
    public var municipalities: [MunicipalRoadmap]
    public var lang: Lang
    /// The problems found in the data (listed by the documents and the manifest).
    public var problems = DataProblems()
    /// Per school year of the data: how much of it the rule book could decide.
    public var coverage: [YearCoverage] = []
    /// What changed since a previous run (`plan --compare-with`); nil without one.
    public var comparison: PlanComparison? = nil

    /// A year of the data with clearly more data than `dataYear`, if there is one.
    public var betterYear: YearCoverage? { YearCoverage.better(than: dataYear, in: coverage) }
}

/// From an outcomes to support plans: per school, the measures that address its
/// triggered factors (respecting `only when` and scope), each once with all the factors
/// it addresses; per municipality, every needed measure once with its schools.
public struct Planner {
    public let outcomes: Outcomes
    public let directory: Directory
    public let lang: Lang

    public init(_ outcomes: Outcomes, directory: Directory = Directory(), lang: Lang) {
        self.outcomes = outcomes
        self.directory = directory
        self.lang = lang
    }

    var book: CheckedRuleBook { outcomes.book }

    /// Who fills a role: the directory's bodies or positions, else the role's title.
    func who(_ role: Int, _ municipality: String, school: String?) -> [String] {
        let r = book.roles[role]
        let named = directory.who(role: r.code, municipality: municipality, school: school)
        return named.isEmpty ? [r.title] : named
    }

    /// The school's head as the directory names them for this school (see `SchoolPlan.head`).
    func head(of school: ProfileSet.School) -> [String] {
        guard let role = book.roles.first(where: \.signsPlan) else { return [] }
        return directory.who(role: role.code, municipality: school.municipality, onlyFor: school.id)
    }

    /// The bodies or positions behind a list of roles, in order, each once.
    func who(_ roles: [Int], _ municipality: String, school: String? = nil, except: [String] = []) -> [String] {
        var out: [String] = []
        for role in roles {
            for name in who(role, municipality, school: school) where !out.contains(name) && !except.contains(name) { out.append(name) }
        }
        return out
    }

    /// Every school's complete plan. `progress`: counts the schools planned.
    public func plan(yearIndex: Int, planYear: SchoolYear? = nil, progress: RunProgress? = nil) -> PlanSet {
        var set = outline(yearIndex: yearIndex, planYear: planYear)
        let complete = completer(for: set)
        progress?.begin(.planning, total: set.schools.count)
        defer { progress?.end() }
        let outlines = set.schools
        set.schools = Parallel.map(count: outlines.count, threads: Tuning.default.threads) { i -> SchoolPlan in
            defer { progress?.advance() }
            return complete(outlines[i])
        }
        return set
    }

    /// The plans without what is costly to make and to keep: each school's factors carry
    /// their status only (no explanation), and no data to supply or targets yet. The
    /// municipal roadmaps, the summary and the report template need no more; a school's
    /// documents are written from its complete plan (`completer`), one block of schools at
    /// a time, so that a run of a whole region never holds every explanation at once.
    public func outline(yearIndex: Int, planYear: SchoolYear? = nil) -> PlanSet {
        let profiles = outcomes.profiles
        let dataYear = profiles.years[yearIndex]
        let target = planYear ?? SchoolYear(start: dataYear.start + 1)
        let deadlines = book.measures.map { ResolvedDeadline.resolve($0.due, in: target, lang: lang) }
        // Rule-book order of measures, stable-sorted by deadline.
        let measureOrder = book.measures.indices.sorted { (deadlines[$0].sortKey, $0) < (deadlines[$1].sortKey, $1) }

        // Who answers for a measure in a school: the same lists for every school of a
        // municipality that no directory row names, made once and shared (a region has
        // thousands of schools with dozens of measures each).
        var shared: [String: ([String], [String])] = [:]
        func parties(_ m: Int, _ school: ProfileSet.School) -> ([String], [String]) {
            let measure = book.measures[m]
            func make() -> ([String], [String]) {
                let responsible = who(measure.responsible, school.municipality, school: school.id)
                return (responsible, who(measure.coExecutors, school.municipality, school: school.id, except: responsible))
            }
            guard !directory.namesSchool(school.id) else { return make() }
            let key = "\(m)\u{1F}" + school.municipality
            if let lists = shared[key] { return lists }
            let lists = make()
            shared[key] = lists
            return lists
        }
        // The same few lists of addressed factors recur in thousands of plan lines: one copy each.
        var factorLists: Set<[Int]> = []
        func interned(_ list: [Int]) -> [Int] {
            if let known = factorLists.firstIndex(of: list) { return factorLists[known] }
            factorLists.insert(list)
            return list
        }
        var schools: [SchoolPlan] = []
        let rows = profiles.rows(inYear: yearIndex)
        schools.reserveCapacity(rows.count)
        for row in rows {
            let school = profiles.school(row: row)
            let levels = book.scales.map { s -> (Int, String, String) in
                let level = outcomes.levels[s.index][row]
                if level >= 0 { return (s.index, s.levels[Int(level)].code, s.levels[Int(level)].title) }
                return (s.index, level == Outcomes.unknownLevel ? "unknown" : "none",
                        level == Outcomes.unknownLevel ? ExplanationText.levelUnknown(lang) : ExplanationText.levelNone(lang))
            }
            let groups = book.groups.filter { outcomes.groups[$0.index][row] == .triggered }.map(\.index)
            let undecided = book.groups.filter { outcomes.groups[$0.index][row] == .unknown }.map(\.index)
            let factors = book.factors.map {
                FactorResult(factor: $0.index, explanation: FactorExplanation(status: outcomes.factors[$0.index][row], text: "", missing: []))
            }
            var items: [PlanItem] = []
            var municipal: [Int] = []
            for m in measureOrder where outcomes.measures[m][row] {
                let measure = book.measures[m]
                switch measure.scope {
                case .municipality:
                    municipal.append(m)
                case .school:
                    let addressed = Array(Set(measure.addresses.filter { outcomes.factors[$0][row] == .triggered })).sorted()
                    let (responsible, coExecutors) = parties(m, school)
                    items.append(PlanItem(measure: m, factors: interned(addressed), deadline: deadlines[m],
                                          responsible: responsible, coExecutors: coExecutors))
                }
            }
            schools.append(SchoolPlan(school: school, row: row, levels: levels, groups: groups, undecidedGroups: undecided, factors: factors,
                                      items: items, municipalMeasures: municipal, dataToSupply: [], targets: [],
                                      head: head(of: school)))
        }

        // Municipal roadmaps, municipalities in order of first appearance.
        var order: [String] = []
        var bySchool: [String: [Int]] = [:]
        for (i, plan) in schools.enumerated() {
            if bySchool[plan.school.municipality] == nil { order.append(plan.school.municipality) }
            bySchool[plan.school.municipality, default: []].append(i)
        }
        var roadmaps: [MunicipalRoadmap] = []
        for municipality in order {
            let members = bySchool[municipality] ?? []
            var items: [RoadmapItem] = []
            for m in measureOrder {
                let needing = members.filter { outcomes.measures[m][schools[$0].row] }
                guard !needing.isEmpty else { continue }
                let measure = book.measures[m]
                let responsible = who(measure.responsible, municipality)
                items.append(RoadmapItem(measure: m, schools: needing, deadline: deadlines[m],
                                         responsible: responsible,
                                         coExecutors: who(measure.coExecutors, municipality, except: responsible)))
            }
            roadmaps.append(MunicipalRoadmap(municipality: municipality, schools: members, items: items))
        }
        var set = PlanSet(book: book, dataYear: dataYear, planYear: target, schools: schools, municipalities: roadmaps, lang: lang)
        set.coverage = YearCoverage.of(outcomes)
        return set
    }

    /// Completes an outlined school plan (`outline`): every factor's explanation, the data
    /// to supply, the targets. Safe to call from several threads at once.
    public func completer(for set: PlanSet) -> (SchoolPlan) -> SchoolPlan {
        // A school director reads these: reasons only, no source citations.
        let explainer = Explainer(outcomes, lang: lang, citations: false)
        let reference = ReferenceEvaluator(outcomes)
        let (dataYear, planYear) = (set.dataYear, set.planYear)
        let planner = self
        return { outline in
            var plan = outline
            let row = plan.row
            plan.factors = planner.book.factors.map { FactorResult(factor: $0.index, explanation: explainer.factor($0.index, row: row)) }
            // Data to supply: every missing value that left a factor undecided.
            var requests: [DataRequest] = []
            for f in plan.factors where f.explanation.status == .unknown {
                for m in f.explanation.missing {
                    if let i = requests.firstIndex(where: { $0.indicator == m.indicator && $0.year == m.year }) {
                        requests[i].factors.append(f.factor)
                    } else {
                        requests.append(DataRequest(indicator: m.indicator, year: m.year, factors: [f.factor]))
                    }
                }
            }
            requests.sort { ($0.indicator, $0.year) < ($1.indicator, $1.year) }
            plan.dataToSupply = requests
            plan.targets = planner.targets(row: row, items: plan.items, dataYear: dataYear, planYear: planYear, reference: reference)
            plan.exits = planner.exits(row: row, groups: plan.groups, factors: plan.factors, reference: reference)
            return plan
        }
    }

    /// The exit forecasts of the groups the school is in (see `GroupExitPlan`); an undecided
    /// one names the missing data of the group's condition: its own indicators' and those of
    /// the «не определён» factors it reads.
    func exits(row: Int, groups: [Int], factors: [FactorResult], reference: ReferenceEvaluator) -> [GroupExitPlan] {
        groups.compactMap { g in
            guard let forecast = ExitForecast.of(group: g, row: row, outcomes) else { return nil }
            var all: [MissingValue] = []
            if forecast.undecided {
                let entry = book.groups[g].entryCondition
                all = Array(reference.evaluate(entry, row: row).missing)
                var read: [Int] = []
                entry.forEach { e in
                    switch e.node {
                    case .factor(let f): read.append(f)
                    case .countTriggered: read += factors.map(\.factor)
                    default: break
                    }
                }
                for f in factors where read.contains(f.factor) && f.explanation.status == .unknown { all += f.explanation.missing }
            }
            var missing: [MissingValue] = []
            for m in all.filter({ !$0.insufficient }).sorted(by: { ($0.indicator, $0.year) < ($1.indicator, $1.year) }) where !missing.contains(m) {
                missing.append(m)
            }
            return GroupExitPlan(group: g, forecast: forecast, missing: missing)
        }
    }
}
