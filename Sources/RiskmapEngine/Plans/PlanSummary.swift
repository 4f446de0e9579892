import RiskmapLanguage

/// The figures of the summary page: schools per level, group and factor, and the workload
/// of each responsible party. Everything in rule-book or first-appearance order.
public struct PlanSummary: Sendable {
    public struct Count: Sendable {
        public var code: String
        public var title: String
        public var schools: Int
    }

    public struct Workload: Sendable {
        public var who: String
        /// Roadmap lines (a measure in a municipality) where the party is responsible.
        public var responsible: Int
        /// Roadmap lines where it is a co-executor.
        public var coExecutor: Int
        /// Schools those lines concern (with repeats across measures).
        public var schoolLines: Int
    }

    /// Per scale: schools per level, in the scale's order, then «не определён».
    public var levels: [(scale: String, title: String, counts: [Count])]
    public var groups: [Count]
    public var factors: [Count]
    public var unknownFactors: [Count]
    public var workload: [Workload]

    public init(_ plans: PlanSet) {
        let book = plans.book
        let lang = plans.lang
        levels = book.scales.map { scale in
            var counts = scale.levels.map { level in
                Count(code: level.code, title: level.title,
                      schools: plans.schools.filter { $0.levels.contains { $0.scale == scale.index && $0.code == level.code } }.count)
            }
            let unknown = plans.schools.filter { $0.levels.contains { $0.scale == scale.index && $0.code == "unknown" } }.count
            if unknown > 0 { counts.append(Count(code: "unknown", title: ExplanationText.levelUnknown(lang), schools: unknown)) }
            return (scale.code, scale.title, counts)
        }
        groups = book.groups.map { g in Count(code: g.code, title: g.title, schools: plans.schools.filter { $0.groups.contains(g.index) }.count) }
        factors = book.factors.map { f in
            Count(code: f.code, title: f.title,
                  schools: plans.schools.filter { $0.factors[f.index].explanation.status == .triggered }.count)
        }
        unknownFactors = book.factors.map { f in
            Count(code: f.code, title: f.title,
                  schools: plans.schools.filter { $0.factors[f.index].explanation.status == .unknown }.count)
        }
        var order: [String] = []
        var table: [String: Workload] = [:]
        func touch(_ who: String) {
            if table[who] == nil { order.append(who); table[who] = Workload(who: who, responsible: 0, coExecutor: 0, schoolLines: 0) }
        }
        for roadmap in plans.municipalities {
            for item in roadmap.items {
                for who in item.responsible {
                    touch(who)
                    table[who]!.responsible += 1
                    table[who]!.schoolLines += item.schools.count
                }
                for c in item.coExecutors {
                    touch(c)
                    table[c]!.coExecutor += 1
                }
            }
        }
        workload = order.map { table[$0]! }.sorted { ($0.responsible + $0.coExecutor, $1.who) > ($1.responsible + $1.coExecutor, $0.who) }
    }
}
