import RiskmapLanguage
import RiskmapPlatform

/// `riskmap backtest`: the classification against a document's list, per (school year,
/// group) the list judges: the confusion table, precision and recall, and which agreements
/// rest on expert-judgement inputs (`источник экспертная оценка`).
///
/// An agreement *rests on* expert judgements when, with every expert-judgement input of the
/// rule book removed (read as missing), the school is no longer a member of the group.
/// Schools of the year the list does not name (and those it names as not members) are «not
/// on the list»; when there are none, precision cannot be measured.
public struct Backtest: Sendable {
    public struct GroupResult: Sendable {
        public var group: Int
        public var yearIndex: Int
        /// Rows listed as members, by riskmap's status.
        public var both: [Int] = []
        public var onlyList: [Int] = []
        public var listUndetermined: [Int] = []
        /// Rows not on the list (unnamed, or named as not members), by riskmap's status.
        public var onlyRiskmap: [Int] = []
        public var neither: [Int] = []
        public var unlistedUndetermined: [Int] = []
        /// Of `both`: the rows whose membership rests on expert-judgement inputs.
        public var bothFromExpert: [Int] = []
        /// Of `onlyRiskmap`: the same.
        public var onlyRiskmapFromExpert: [Int] = []

        public var listed: Int { both.count + onlyList.count + listUndetermined.count }
        public var unlisted: Int { onlyRiskmap.count + neither.count + unlistedUndetermined.count }
        /// Found / listed (undetermined counts as not found).
        public var recall: Double? { listed == 0 ? nil : Double(both.count) / Double(listed) }
        /// Only when the year has schools not on the list.
        public var precision: Double? {
            unlisted == 0 || both.count + onlyRiskmap.count == 0 ? nil : Double(both.count) / Double(both.count + onlyRiskmap.count)
        }
        public var bothFromMeasured: Int { both.count - bothFromExpert.count }
    }

    public let outcomes: Outcomes
    public let results: [GroupResult]
    /// Judgements whose school-year is not in the profiles.
    public let notCompared: [ExpectedList.Judgement]
    /// The rule book's expert-judgement indicators (stored ones).
    public let expertIndicators: [Int]

    public init(_ outcomes: Outcomes, expected: ExpectedList, tuning: Tuning = .default) {
        self.outcomes = outcomes
        let book = outcomes.book, profiles = outcomes.profiles
        expertIndicators = book.indicators.filter { $0.isExpertJudgement }.map(\.index)
        // The same run without the expert judgements.
        var stripped = profiles
        for i in expertIndicators where profiles.columns.isStored[i] {
            for r in 0..<profiles.rowCount { stripped.set(indicator: i, row: r, value: .nan) }
        }
        let withoutExpert = expertIndicators.isEmpty ? outcomes : Executor(outcomes.program, tuning: tuning).run(stripped, measures: false)
        var results: [GroupResult] = []
        var notCompared: [ExpectedList.Judgement] = []
        var keys: [(year: SchoolYear, group: Int)] = []
        for j in expected.judgements where !keys.contains(where: { $0.year == j.year && $0.group == j.group }) { keys.append((j.year, j.group)) }
        keys.sort { ($0.year, $0.group) < ($1.year, $1.group) }
        for key in keys {
            let judgements = expected.judgements.filter { $0.year == key.year && $0.group == key.group }
            guard let y = profiles.yearIndex(key.year) else { notCompared += judgements; continue }
            var listedRows = Set<Int>()
            for j in judgements where j.member {
                guard let s = profiles.schoolIndex(id: j.schoolID), let r = profiles.row(school: s, yearIndex: y) else { notCompared.append(j); continue }
                listedRows.insert(r)
            }
            for j in judgements where !j.member {
                if profiles.schoolIndex(id: j.schoolID).flatMap({ profiles.row(school: $0, yearIndex: y) }) == nil { notCompared.append(j) }
            }
            var result = GroupResult(group: key.group, yearIndex: y)
            for r in profiles.rows(inYear: y) {
                let status = outcomes.groups[key.group][r]
                let expert = status == .triggered && withoutExpert.groups[key.group][r] != .triggered
                if listedRows.contains(r) {
                    switch status {
                    case .triggered: result.both.append(r); if expert { result.bothFromExpert.append(r) }
                    case .unknown: result.listUndetermined.append(r)
                    case .notTriggered, .notApplicable: result.onlyList.append(r)
                    }
                } else {
                    switch status {
                    case .triggered: result.onlyRiskmap.append(r); if expert { result.onlyRiskmapFromExpert.append(r) }
                    case .unknown: result.unlistedUndetermined.append(r)
                    case .notTriggered, .notApplicable: result.neither.append(r)
                    }
                }
            }
            results.append(result)
        }
        self.results = results
        self.notCompared = notCompared
    }
}
