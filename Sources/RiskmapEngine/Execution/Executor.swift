import RiskmapLanguage
import RiskmapPlatform

/// Runs a `Program` over a profile set: the stages in order (factors → scales → groups →
/// measures), each after its prepasses (derived columns, cohort values), every stage by
/// blocks of rows on several threads. The outcomes never depend on the block size or the
/// thread count; the differential tests run it with several of each against
/// `ReferenceEvaluator`.
public struct Executor: Sendable {
    public let program: Program
    /// Threads for large inputs (default: `RISKMAP_THREADS`, else the active cores).
    public var threads: Int
    /// Rows per unit of parallel work.
    public var blockRows: Int

    public init(_ program: Program, threads: Int, blockRows: Int) {
        self.program = program
        self.threads = max(1, threads)
        self.blockRows = max(1, blockRows)
    }

    /// Threads and block size from `tuning`.
    public init(_ program: Program, tuning: Tuning = .default) {
        self.init(program, threads: tuning.threads, blockRows: tuning.evaluatorBlockRows)
    }

    /// Evaluates every row: factors, scale levels, groups and, unless `measures` is false
    /// (classification needs no plans), the measures. The profiles must hold every
    /// indicator the run reads (`Program.indicatorsRead(measures:)`).
    public func run(_ profiles: ProfileSet, measures includeMeasures: Bool = true) -> Outcomes {
        precondition(program.indicatorsRead(measures: includeMeasures).allSatisfy { profiles.columns.isStored[$0] },
                     "the profiles were loaded without indicators this run reads")
        var run = Run(program: program, profiles: profiles, layout: BlockLayout(threads: threads, blockRows: blockRows))
        let rows = profiles.rowCount

        run.prepare(.factors)
        let factors = Kernels.factorStatuses(program.factors.map { (run.binder.bind($0.applies), run.binder.bind($0.condition)) },
                                             rows: rows, run.layout)
        run.binder.factors = factors

        run.prepare(.scales)
        let levels = Kernels.levels(program.scales.map { $0.map { run.binder.bind($0) } }, rows: rows, run.layout)
        run.binder.levels = levels

        run.prepare(.groups)
        let groups = Kernels.conditionStatuses(program.groups.map { run.binder.bind($0) }, rows: rows, run.layout)
        run.binder.groups = groups

        var measures: [[Bool]] = []
        if includeMeasures {
            run.prepare(.measures)
            measures = Kernels.measures(program.measures.map { run.binder.bind($0) }, addresses: program.book.measures.map(\.addresses),
                                        factors: factors, addressesGroups: program.book.measures.map(\.addressesGroups), groups: groups,
                                        rows: rows, run.layout)
        }
        return Outcomes(program: program, profiles: profiles, factors: factors, levels: levels, groups: groups,
                        measures: measures, cohortValues: run.binder.cohorts.map { $0 ?? [] })
    }

    /// The state of one run, between stages.
    struct Run {
        var program: Program
        let layout: BlockLayout
        var binder: Binder
        var cohorts: Cohorts
        /// Per row, the fewest and the most factors that can be triggered (once the
        /// factors are known; shared by every comparison with the count).
        var countRange: (low: [Double], high: [Double])?

        init(program: Program, profiles: ProfileSet, layout: BlockLayout) {
            self.program = program
            self.layout = layout
            // Text literals: the interned value of the same text in the data, else a
            // number no cell has (one per literal, so two different literals differ).
            let texts = program.texts.enumerated().map { i, s in profiles.textValue(of: s) ?? Double(-1 - i) }
            var earlierRows: [Int: [Int32]] = [:]
            for back in program.yearsBack {
                earlierRows[back] = (0..<profiles.rowCount).map { r in Int32(profiles.row(r, yearsBack: back) ?? -1) }
            }
            binder = Binder(profiles: profiles, texts: texts,
                            derived: program.derived.map { d in
                                if case .indicator(let i) = d { return .indicator(profiles.columns[i]) }
                                return nil
                            },
                            cohorts: [[Double]?](repeating: nil, count: program.cohorts.count),
                            earlierRows: earlierRows)
            cohorts = Cohorts(profiles: profiles, threads: layout.threads)
        }

        /// Computes the derived columns and cohort values `stage` reads, inner ones first.
        mutating func prepare(_ stage: Program.Stage) {
            for prepass in program.prepasses[stage.rawValue] { compute(prepass) }
        }

        /// Computes one derived column or cohort's values.
        mutating func compute(_ prepass: Program.Prepass) {
            switch prepass {
            case .derived(let d):
                switch program.derived[d] {
                case .indicator: return
                case .computed(let node):
                    binder.derived[d] = .computed(Kernels.values(binder.bind(node), rows: binder.profiles.rowCount, layout))
                case .countDecided(let node, let monotone):
                    binder.derived[d] = .computed(countDecided(node, monotone: monotone))
                }
            case .cohort(let slot):
                let cohort = program.cohorts[slot]
                binder.cohorts[slot] = cohorts.values(cohort, argument: binder.derived[cohort.argument]!)
            }
        }

        /// A comparison that reads `количество(сработавших)`, for every row: evaluated with
        /// the count assumed to be each value from the row's triggered factors to those plus
        /// its undetermined ones; the value where all agree, else unknown.
        mutating func countDecided(_ node: Program.Node, monotone: Bool) -> [Double] {
            let rows = binder.profiles.rowCount
            let (low, high) = countRange ?? Kernels.triggeredCountRange(binder.factors, rows: rows, layout)
            countRange = (low, high)
            var assuming = binder
            assuming.countOverride = low
            var result = Kernels.values(assuming.bind(node), rows: rows, layout)
            guard !monotone else {
                // The fewest and the most possible counts decide it.
                assuming.countOverride = high
                let other = Kernels.values(assuming.bind(node), rows: rows, layout)
                for r in 0..<rows where result[r] != other[r] && !(result[r].isNaN && other[r].isNaN) { result[r] = .nan }
                return result
            }
            let widest = zip(low, high).reduce(0.0) { max($0, $1.1 - $1.0) }
            var extra = 1.0
            while extra <= widest {
                assuming.countOverride = zip(low, high).map { min($0 + extra, $1) }
                let other = Kernels.values(assuming.bind(node), rows: rows, layout)
                for r in 0..<rows where result[r] != other[r] && !(result[r].isNaN && other[r].isNaN) { result[r] = .nan }
                extra += 1
            }
            return result
        }
    }
}
