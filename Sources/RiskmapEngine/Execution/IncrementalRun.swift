import RiskmapLanguage
import RiskmapPlatform

/// One full run of a program without measures, kept so that the same rule book can be run
/// again with other parameter values re-evaluating only what they change (`riskmap sweep`).
///
/// A parameter is a constant in the lowered program, so what a new value changes is found
/// by comparing the new program with the base one: a derived column, cohort, factor, scale
/// or group is re-evaluated when its lowered expression differs (a constant changed) or it
/// reads something re-evaluated — transitively, through computed indicators, reliability
/// conditions, pooling, `предыдущее`, `N лет подряд`, cohort arguments, factors, levels,
/// groups and `количество(сработавших)`. Everything else keeps the base run's values. When
/// the new values change the program's shape (a number of years of a time function, a
/// cohort shared or not), the whole program is run again. `Sweep` is tested against full
/// runs of programs compiled with the same values (`SweepDifferentialTests`).
struct IncrementalRun {
    let executor: Executor
    let profiles: ProfileSet
    private let base: Executor.Run

    /// What one run re-evaluated.
    struct Dependents: Sendable, Equatable {
        var factors: [Int] = []
        var scales: [Int] = []
        var groups: [Int] = []
        /// Derived columns and cohorts recomputed.
        var prepasses = 0
        /// The program's shape changed: everything was run again.
        var full = false
    }

    /// Per row: every factor's status, every scale's level, every group's status.
    struct Result {
        var factors: [[Status]]
        var levels: [[Int16]]
        var groups: [[Status]]
        var dependents: Dependents
    }

    init(_ executor: Executor, profiles: ProfileSet) {
        self.executor = executor
        self.profiles = profiles
        var run = Executor.Run(program: executor.program, profiles: profiles,
                               layout: BlockLayout(threads: executor.threads, blockRows: executor.blockRows))
        let rows = profiles.rowCount
        run.prepare(.factors)
        run.binder.factors = Kernels.factorStatuses(executor.program.factors.map { (run.binder.bind($0.applies), run.binder.bind($0.condition)) },
                                                    rows: rows, run.layout)
        run.prepare(.scales)
        run.binder.levels = Kernels.levels(executor.program.scales.map { $0.map { run.binder.bind($0) } }, rows: rows, run.layout)
        run.prepare(.groups)
        run.binder.groups = Kernels.conditionStatuses(executor.program.groups.map { run.binder.bind($0) }, rows: rows, run.layout)
        base = run
    }

    /// The base run's results.
    var baseResult: Result {
        Result(factors: base.binder.factors, levels: base.binder.levels, groups: base.binder.groups, dependents: Dependents())
    }

    /// The results of `program` (the base program's rule book with other parameter values).
    func run(_ program: Program) -> Result {
        let old = base.program
        guard program.derived.count == old.derived.count, program.cohorts.count == old.cohorts.count,
              program.prepasses == old.prepasses, program.yearsBack == old.yearsBack, program.texts == old.texts,
              program.factors.count == old.factors.count, program.scales.map(\.count) == old.scales.map(\.count),
              program.groups.count == old.groups.count
        else {
            let outcomes = Executor(program, threads: executor.threads, blockRows: executor.blockRows).run(profiles, measures: false)
            var all = Dependents()
            all.factors = Array(program.factors.indices)
            all.scales = Array(program.scales.indices)
            all.groups = Array(program.groups.indices)
            all.full = true
            return Result(factors: outcomes.factors, levels: outcomes.levels, groups: outcomes.groups, dependents: all)
        }
        var run = base
        run.program = program
        var dirty = Dirty()
        var dependents = Dependents()
        let rows = profiles.rowCount

        func preparations(_ stage: Program.Stage) {
            for prepass in program.prepasses[stage.rawValue] {
                switch prepass {
                case .derived(let d):
                    let changed: Bool
                    switch program.derived[d] {
                    case .indicator: changed = false
                    case .computed(let node), .countDecided(let node, _):
                        changed = program.derived[d] != old.derived[d] || dirty.reads(node)
                    }
                    guard changed else { continue }
                    dirty.derived.insert(d)
                    run.cohorts.forget(argument: d)
                case .cohort(let slot):
                    guard program.cohorts[slot] != old.cohorts[slot] || dirty.derived.contains(program.cohorts[slot].argument) else { continue }
                    dirty.cohorts.insert(slot)
                }
                run.compute(prepass)
                dependents.prepasses += 1
            }
        }

        preparations(.factors)
        let factors = program.factors.indices.filter { i in
            let (applies, condition) = program.factors[i], (oldApplies, oldCondition) = old.factors[i]
            return applies != oldApplies || condition != oldCondition || applies.map(dirty.reads) == true || dirty.reads(condition)
        }
        if !factors.isEmpty {
            let statuses = Kernels.factorStatuses(factors.map { (run.binder.bind(program.factors[$0].applies), run.binder.bind(program.factors[$0].condition)) },
                                                  rows: rows, run.layout)
            for (k, i) in factors.enumerated() { run.binder.factors[i] = statuses[k] }
            run.countRange = nil
        }
        dirty.factors = Set(factors)

        preparations(.scales)
        let scales = program.scales.indices.filter { s in
            program.scales[s] != old.scales[s] || program.scales[s].contains { $0.map(dirty.reads) == true }
        }
        if !scales.isEmpty {
            let levels = Kernels.levels(scales.map { program.scales[$0].map { run.binder.bind($0) } }, rows: rows, run.layout)
            for (k, s) in scales.enumerated() { run.binder.levels[s] = levels[k] }
        }
        dirty.scales = Set(scales)

        preparations(.groups)
        let groups = program.groups.indices.filter { g in program.groups[g] != old.groups[g] || dirty.reads(program.groups[g]) }
        if !groups.isEmpty {
            let statuses = Kernels.conditionStatuses(groups.map { run.binder.bind(program.groups[$0]) }, rows: rows, run.layout)
            for (k, g) in groups.enumerated() { run.binder.groups[g] = statuses[k] }
        }
        dependents.factors = factors
        dependents.scales = scales
        dependents.groups = groups
        return Result(factors: run.binder.factors, levels: run.binder.levels, groups: run.binder.groups, dependents: dependents)
    }

    /// What has been re-evaluated so far.
    private struct Dirty {
        var derived = Set<Int>()
        var cohorts = Set<Int>()
        var factors = Set<Int>()
        var scales = Set<Int>()

        /// Whether `node` reads anything re-evaluated.
        func reads(_ node: Program.Node) -> Bool {
            switch node {
            case .constant, .text, .indicator: return false
            case .factor(let i): return factors.contains(i)
            case .level(let s): return scales.contains(s)
            // Groups are the last stage read by conditions: only measures read them.
            case .group: return false
            case .countTriggered, .assumedCount: return !factors.isEmpty
            case .unary(_, let x): return reads(x)
            case .binary(_, let a, let b): return reads(a) || reads(b)
            case .membership(let x, let items, _): return reads(x) || items.contains(where: reads)
            case .guarded(_, let rest): return reads(rest)
            case .cohort(let slot): return cohorts.contains(slot)
            case .earlier(let d, _): return derived.contains(d)
            case .reliable(let value, let condition): return reads(value) || reads(condition)
            case .persistence(let d, _, _): return derived.contains(d)
            case .pooled(_, _, let condition, _, _, _): return reads(condition)
            }
        }
    }
}
