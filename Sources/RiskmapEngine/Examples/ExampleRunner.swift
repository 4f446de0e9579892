import RiskmapLanguage

/// Runs the `example` blocks of a rule book as tests of the rules.
public struct ExampleRunner {
    public struct Mismatch: Sendable {
        public var expectation: ResolvedExpectation
        public var expected: String
        public var actual: String
        /// The explanation of a factor (empty for levels, groups, measures).
        public var trace: String
    }

    public struct Outcome: Sendable {
        public var example: Example
        public var mismatches: [Mismatch]
        public var passed: Bool { mismatches.isEmpty }
    }

    public struct Coverage: Sendable {
        public var factors: [String]
        public var levels: [String]
        public var groups: [String]
        public var measures: [String]
        public var isComplete: Bool { factors.isEmpty && levels.isEmpty && groups.isEmpty && measures.isEmpty }
    }

    public let book: CheckedRuleBook
    public let lang: Lang
    let program: Program

    public init(book: CheckedRuleBook, lang: Lang) {
        self.book = book
        self.lang = lang
        program = Program(book: book)
    }

    /// The school year an example's untagged `given` stands for.
    var currentYear: SchoolYear {
        if let y = book.header.year { return y }
        let tagged = book.examples.flatMap { $0.years.compactMap(\.year) }
        return SchoolYear(start: (tagged.map(\.start).max() ?? 2000) + 1)
    }

    /// Evaluates one example as a profile set of its schools (one municipality); returns the
    /// outcomes and, per school of the example, its row in the example's current year.
    public func evaluate(_ example: Example) -> (Outcomes, [Int]) {
        let current = currentYear
        let years = Set(example.years.map { $0.year ?? current } + [current])
        var profiles = ProfileSet(indicatorCount: book.indicators.count, years: Array(years))
        var rowOf: [[SchoolYear: Int]] = []
        for (i, name) in example.schools.enumerated() {
            let title = name.isEmpty ? example.title : name
            let school = profiles.school(id: name.isEmpty ? "example" : "example-\(i)-\(name)", name: title, municipality: "")
            var rows: [SchoolYear: Int] = [:]
            for year in years.sorted() {
                rows[year] = profiles.appendRow(school: school, yearIndex: profiles.yearIndex(year)!, line: 0)
            }
            rowOf.append(rows)
        }
        for given in example.years {
            let row = rowOf[given.school][given.year ?? current]!
            for (indicator, value) in given.values {
                switch value {
                case .number(let v): profiles.set(indicator: indicator, row: row, value: v)
                case .bool(let b): profiles.set(indicator: indicator, row: row, value: b ? 1 : 0)
                case .category(let i): profiles.set(indicator: indicator, row: row, value: Double(i))
                case .text(let s):
                    let v = profiles.intern(text: s)
                    profiles.set(indicator: indicator, row: row, value: v)
                }
            }
        }
        profiles.finish()
        return (Executor(program).run(profiles), rowOf.map { $0[current]! })
    }

    public func run(_ example: Example) -> Outcome {
        let (outcomes, rows) = evaluate(example)
        let explainer = Explainer(outcomes, lang: lang)
        var mismatches: [Mismatch] = []
        for item in example.expectations {
            let row = rows[item.school]
            let expectation = item.expectation
            // In an example of several schools, each line names its school.
            let prefix = example.schools[item.school].isEmpty ? "" : "\(example.schools[item.school]): "
            let before = mismatches.count
            defer {
                for i in before..<mismatches.count {
                    mismatches[i].expected = prefix + mismatches[i].expected
                    mismatches[i].actual = prefix + mismatches[i].actual
                }
            }
            switch expectation {
            case .factor(let f, let outcome, _):
                let actual = outcomes.factors[f][row]
                if actual != Self.status(outcome) {
                    mismatches.append(Mismatch(expectation: expectation, expected: "\(book.factors[f].code): \(Self.status(outcome).text(lang))",
                                               actual: "\(book.factors[f].code): \(actual.text(lang))",
                                               trace: explainer.factor(f, row: row).text))
                }
            case .group(let g, let present, _):
                let actual = outcomes.groups[g][row]
                if (actual == .triggered) != present || actual == .unknown {
                    mismatches.append(Mismatch(expectation: expectation, expected: "\(book.groups[g].code): \(ExplanationText.membership(present, lang))",
                                               actual: "\(book.groups[g].code): \(actual == .unknown ? Status.unknown.text(lang) : ExplanationText.membership(actual == .triggered, lang))",
                                               trace: ""))
                }
            case .groupUnknown(let g, _):
                let actual = outcomes.groups[g][row]
                if actual != .unknown {
                    mismatches.append(Mismatch(expectation: expectation, expected: "\(book.groups[g].code): \(Status.unknown.text(lang))",
                                               actual: "\(book.groups[g].code): \(ExplanationText.membership(actual == .triggered, lang))", trace: ""))
                }
            case .measure(let m, let present, _):
                let actual = outcomes.measures[m][row]
                if actual != present {
                    mismatches.append(Mismatch(expectation: expectation, expected: "\(book.measures[m].code): \(ExplanationText.inPlan(present, lang))",
                                               actual: "\(book.measures[m].code): \(ExplanationText.inPlan(actual, lang))", trace: ""))
                }
            case .levelUnknown(let s, _):
                let actual = outcomes.levels[s][row]
                if actual != Outcomes.unknownLevel {
                    let scale = book.scales[s]
                    let actualText = actual >= 0 ? scale.levels[Int(actual)].code : "—"
                    mismatches.append(Mismatch(expectation: expectation, expected: "\(scale.code) = \(Status.unknown.text(lang))",
                                               actual: "\(scale.code) = \(actualText)", trace: ""))
                }
            case .level(let s, let level, _):
                let actual = outcomes.levels[s][row]
                if actual != Int16(level) {
                    let scale = book.scales[s]
                    let actualText = actual >= 0 ? scale.levels[Int(actual)].code : (actual == Outcomes.unknownLevel ? Status.unknown.text(lang) : "—")
                    mismatches.append(Mismatch(expectation: expectation, expected: "\(scale.code) = \(scale.levels[level].code)",
                                               actual: "\(scale.code) = \(actualText)", trace: ""))
                }
            }
        }
        return Outcome(example: example, mismatches: mismatches)
    }

    public func runAll() -> [Outcome] { book.examples.map(run) }

    /// What no example mentions.
    public func coverage() -> Coverage {
        var factors = Set<Int>(), levels = Set<[Int]>(), groups = Set<Int>(), measures = Set<Int>()
        for example in book.examples {
            for x in example.expectations {
                switch x.expectation {
                case .factor(let f, _, _): factors.insert(f)
                case .group(let g, _, _): groups.insert(g)
                case .measure(let m, _, _): measures.insert(m)
                case .level(let s, let l, _): levels.insert([s, l])
                case .levelUnknown, .groupUnknown: break
                }
            }
        }
        return Coverage(
            factors: book.factors.filter { !factors.contains($0.index) }.map(\.code),
            levels: book.scales.flatMap { s in s.levels.filter { !levels.contains([s.index, $0.index]) }.map { "\(s.code) = \($0.code)" } },
            groups: book.groups.filter { !groups.contains($0.index) }.map(\.code),
            measures: book.measures.filter { !measures.contains($0.index) }.map(\.code))
    }

    static func status(_ outcome: ExpectedOutcome) -> Status {
        switch outcome {
        case .triggered: return .triggered
        case .notTriggered: return .notTriggered
        case .notApplicable: return .notApplicable
        case .unknown: return .unknown
        }
    }
}
