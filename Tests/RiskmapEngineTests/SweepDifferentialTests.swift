import Foundation
import Testing
@testable import RiskmapEngine
import RiskmapLanguage
import RiskmapPlatform

/// `Sweep` re-evaluates only what a parameter's value changes; at every grid point it must
/// equal a full run of the rule book compiled with that value — every factor, level and
/// group of every row, on random rule books (parameters in computed indicators, time
/// functions, `N лет подряд` with a parameter, cohorts) and on the shipped samples.
///
/// A failure names its seed: `RISKMAP_DIFF_SEED=<seed> RISKMAP_DIFF_BOOKS=1 swift test --filter SweepDifferentialTests`.
@Suite struct SweepDifferentialTests {
    /// Grid values per random-book parameter: each default, others around it.
    static let randomGrids: [String: [Double]] = [
        "lim": [-2, -1, 0, 0.5, 1, 2.5, 3, 4],
        "share": [0, 10, 25, 33.3, 50, 75, 100],
        "yrs": [1, 2, 3, 4, 2],
    ]

    @Test func sweepEqualsFullRunsOnRandomBooks() throws {
        for seed in DifferentialTests.firstSeed..<(DifferentialTests.firstSeed + UInt64(max(1, DifferentialTests.books / 2))) {
            var generator = RandomRuleBook(seed: seed)
            let text = generator.book()
            let (bookOrNil, diagnostics, _) = Checker.check(files: [SourceFile(path: "random-\(seed).rules", text: text)])
            guard let book = bookOrNil else {
                Issue.record("seed \(seed): the generated rule book does not check:\n\(DiagnosticRenderer(lang: .en).render(diagnostics))")
                continue
            }
            let profiles = makeProfiles(book, DifferentialTests.randomRows(book, &generator.rng))
            for param in book.params {
                let values = Self.randomGrids[param.code] ?? [param.value - 1, param.value, param.value + 1]
                Self.compare(book, profiles, params: [param.index], points: values.map { [$0] }, label: "seed \(seed), \(param.code)")
            }
            // Two parameters: a grid.
            let lim = book.params.first { $0.code == "lim" }!, share = book.params.first { $0.code == "share" }!
            let points: [[Double]] = [-1.0, 1, 3].flatMap { a -> [[Double]] in [0.0, 25, 60].map { b -> [Double] in [a, b] } }
            Self.compare(book, profiles, params: [lim.index, share.index], points: points, label: "seed \(seed), lim × share")
        }
    }

    @Test(arguments: ["tomsk", "asino", "baikalovo", "dorogobuzh"])
    func sweepEqualsFullRunsOnTheSamples(_ sample: String) throws {
        let (book, profiles) = try Self.sample(sample)
        for param in book.params {
            let low = param.range?.lowerBound ?? param.value - 2, high = param.range?.upperBound ?? param.value + 2
            var values = (0...4).map { low + (high - low) * Double($0) / 4 }
            values.insert(param.value, at: 2)
            Self.compare(book, profiles, params: [param.index], points: values.map { [$0] }, label: "\(sample), \(param.code)")
        }
    }

    /// The counts and changes of `Sweep.run` are the same in both modes.
    @Test func resultsAgreeOnTomsk() throws {
        let (book, profiles) = try Self.sample("tomsk")
        let p = book.params.first { $0.code == "vpr_fail_max" }!
        let axis = try SweepAxis.make(book, param: p.code, from: "5%", to: "60%", step: "5%")
        let points = try SweepAxis.grid([axis], book)
        let year = profiles.years.count - 1
        let fast = Sweep.run(book, profiles, yearIndex: year, axes: [axis], points: points, mode: .incremental)
        let slow = Sweep.run(book, profiles, yearIndex: year, axes: [axis], points: points, mode: .reference)
        #expect(fast.points == slow.points)
        #expect(fast.changes == slow.changes)
        #expect(!fast.changes.isEmpty)
        #expect(fast.fullRuns == 0)
        #expect(!fast.dependentFactors.isEmpty && fast.dependentFactors.count < book.factors.count)
    }

    static func sample(_ name: String) throws -> (CheckedRuleBook, ProfileSet) {
        guard case .success(let files) = RuleBookLoader.load(packageRoot.appendingPathComponent("Rules").path) else {
            throw RuleBookError(description: "cannot load Rules")
        }
        let (bookOrNil, diagnostics, _) = Checker.check(files: files)
        guard let book = bookOrNil else { throw RuleBookError(description: DiagnosticRenderer(lang: .en).render(diagnostics)) }
        let path = packageRoot.appendingPathComponent("Samples/\(name).csv").path
        let bytes = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
        let (table, _) = CSVReader.read(bytes: bytes, path: path)
        guard let table else { throw RuleBookError(description: "cannot read \(path)") }
        let (profiles, _) = ProfileLoader.load(table: table, book: book, defaultYear: book.header.year, keeping: nil)
        return (book, profiles)
    }

    /// Every factor, level and group of every row, incremental against full runs, with
    /// several thread counts and block sizes.
    static func compare(_ book: CheckedRuleBook, _ profiles: ProfileSet, params: [Int], points: [[Double]], label: String) {
        var tuning = Tuning.default
        var expected: [IncrementalRun.Result] = []
        Sweep.evaluate(book, profiles, params: params, points: points, mode: .reference, tuning: tuning) { _, r in expected.append(r) }
        for (threads, blockRows) in [(1, 16_384), (3, 5)] {
            tuning.threads = threads
            tuning.evaluatorBlockRows = blockRows
            Sweep.evaluate(book, profiles, params: params, points: points, mode: .incremental, tuning: tuning) { i, got in
                let want = expected[i]
                let at = "\(label) = \(points[i]), \(threads) threads, blocks of \(blockRows)"
                for f in book.factors where got.factors[f.index] != want.factors[f.index] {
                    let r = zip(got.factors[f.index], want.factors[f.index]).enumerated().first { $1.0 != $1.1 }!.offset
                    Issue.record("factor \(f.code), row \(r): sweep \(got.factors[f.index][r]), full run \(want.factors[f.index][r]); \(at)")
                }
                for s in book.scales where got.levels[s.index] != want.levels[s.index] {
                    Issue.record("scale \(s.code): sweep and full run differ; \(at)")
                }
                for g in book.groups where got.groups[g.index] != want.groups[g.index] {
                    Issue.record("group \(g.code): sweep and full run differ; \(at)")
                }
            }
        }
    }
}
