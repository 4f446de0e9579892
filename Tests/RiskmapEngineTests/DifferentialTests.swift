import Foundation
import Testing
@testable import RiskmapEngine
import RiskmapLanguage

/// The executor (vector kernels, blocks of rows, several threads) against the reference
/// evaluator (a plain tree walk), on random rule books that use every construct of the
/// language and random profiles with missing cells, ties, zeros and absent school years.
/// Every factor status, level, group, measure and cohort value of every row must agree,
/// whatever the block size and the thread count.
///
/// A failure names its seed. To reproduce it alone:
/// `RISKMAP_DIFF_SEED=<seed> RISKMAP_DIFF_BOOKS=1 swift test --filter DifferentialTests`.
/// More books: `RISKMAP_DIFF_BOOKS=2000 swift test --filter DifferentialTests`.
@Suite struct DifferentialTests {
    static let environment = ProcessInfo.processInfo.environment
    static var books: Int { environment["RISKMAP_DIFF_BOOKS"].flatMap { Int($0) } ?? 40 }
    static var firstSeed: UInt64 { environment["RISKMAP_DIFF_SEED"].flatMap { UInt64($0) } ?? 1 }

    /// Thread counts and block sizes: one block on one thread, and many small blocks on
    /// several threads (blocks smaller than a vector chunk, uneven last blocks).
    static let layouts: [(threads: Int, blockRows: Int)] = [(1, 16_384), (2, 1), (4, 7), (3, 64), (2, 300)]

    @Test func executorAgreesWithTheReference() throws {
        var checked = 0
        for seed in Self.firstSeed..<(Self.firstSeed + UInt64(Self.books)) {
            checked += try Self.check(seed: seed)
        }
        #expect(checked > 0)
    }

    /// Checks one random rule book on one random profile set; returns the number of
    /// (row, result) pairs compared.
    static func check(seed: UInt64) throws -> Int {
        var generator = RandomRuleBook(seed: seed)
        let text = generator.book()
        let (bookOrNil, diagnostics, _) = Checker.check(files: [SourceFile(path: "random-\(seed).rules", text: text)])
        guard let book = bookOrNil else {
            Issue.record("seed \(seed): the generated rule book does not check:\n\(DiagnosticRenderer(lang: .en).render(diagnostics))\n\(text)")
            return 0
        }
        let profiles = makeProfiles(book, randomRows(book, &generator.rng))
        let reference = ReferenceEvaluator(book: book, profiles: profiles)
        let rows = 0..<profiles.rowCount
        // What the reference says, once.
        let factors = book.factors.map { f in rows.map { reference.factorStatus(f.index, row: $0) } }
        let levels = book.scales.map { s in rows.map { reference.level(s.index, row: $0) } }
        let groups = book.groups.map { g in rows.map { reference.groupStatus(g.index, row: $0) } }
        let measures = book.measures.map { m in rows.map { reference.inPlan(m.index, row: $0) } }
        var cohortNodes: [RExpr] = []
        func collect(_ e: RExpr?) { e?.forEach { if case .cohort = $0.node { cohortNodes.append($0) } } }
        book.factors.forEach { collect($0.applies); collect($0.condition) }
        book.scales.forEach { $0.levels.forEach { collect($0.condition) } }
        book.groups.forEach { collect($0.condition) }
        book.measures.forEach { collect($0.onlyWhen) }
        let cohorts = cohortNodes.map { node -> [Double] in
            guard case .cohort(let f, let argument, let parameter, let partition) = node.node else { return [] }
            return rows.map { reference.cohort(f, argument, parameter, partition, row: $0).number ?? .nan }
        }

        var compared = 0
        let program = Program(book: book)
        for layout in layouts {
            let outcomes = Executor(program, threads: layout.threads, blockRows: layout.blockRows).run(profiles)
            func where_(_ r: Int) -> String {
                "school \(profiles.schools[Int(profiles.rowSchool[r])].id) \(profiles.years[Int(profiles.rowYear[r])]), "
                    + "\(layout.threads) threads, blocks of \(layout.blockRows) rows (seed \(seed))"
            }
            func source(_ range: SourceRange) -> String { range.text }
            for r in rows {
                for f in book.factors where outcomes.factors[f.index][r] != factors[f.index][r] {
                    Issue.record("factor \(f.code): reference \(factors[f.index][r]), executor \(outcomes.factors[f.index][r]); \(where_(r))\n\(source(f.declRange))")
                }
                for s in book.scales where outcomes.levels[s.index][r] != levels[s.index][r] {
                    Issue.record("scale \(s.code): reference \(levels[s.index][r]), executor \(outcomes.levels[s.index][r]); \(where_(r))\n\(source(s.declRange))")
                }
                for g in book.groups where outcomes.groups[g.index][r] != groups[g.index][r] {
                    Issue.record("group \(g.code): reference \(groups[g.index][r]), executor \(outcomes.groups[g.index][r]); \(where_(r))\n\(source(g.declRange))")
                }
                for m in book.measures where outcomes.measures[m.index][r] != measures[m.index][r] {
                    Issue.record("measure \(m.code): reference \(measures[m.index][r]), executor \(outcomes.measures[m.index][r]); \(where_(r))\n\(source(m.declRange))")
                }
                for (node, values) in zip(cohortNodes, cohorts) {
                    let fast = outcomes.cohortValue(node, row: r)
                    if !(fast == values[r] || (fast.isNaN && values[r].isNaN)) {
                        Issue.record("\(node.range.text): reference \(values[r]), executor \(fast); \(where_(r))")
                    }
                }
                compared += book.factors.count + book.scales.count + book.groups.count + book.measures.count + cohortNodes.count
            }
            // The explanations (from the reference, with the recorded cohort values) state
            // the executor's status and, for an unknown factor, what is missing.
            guard layout.blockRows == layouts[0].blockRows else { continue }
            let explainer = Explainer(outcomes, lang: .ru)
            for r in rows {
                for f in book.factors {
                    let e = explainer.factor(f.index, row: r)
                    if e.status != factors[f.index][r] || e.text.isEmpty {
                        Issue.record("explanation of \(f.code): \(e.status) «\(e.text)»; \(where_(r))")
                    }
                    if e.status == .unknown, !e.missing.isEmpty, !e.text.hasPrefix("нет данных: «") {
                        Issue.record("explanation of unknown \(f.code) does not name the missing data: «\(e.text)»; \(where_(r))")
                    }
                }
            }
        }
        return compared
    }

    /// Schools in three municipalities over 2021/22–2025/26, each year present or not;
    /// every cell missing one time in five; values from small sets, so that cohorts have
    /// ties, divisions meet zeros and texts repeat.
    static func randomRows(_ book: CheckedRuleBook, _ rng: inout SplitMix) -> [TestRow] {
        var rows: [TestRow] = []
        let municipalities = ["Северный", "Южный", "Западный"]
        for s in 0..<Int.random(in: 4...18, using: &rng) {
            let municipality = municipalities.randomElement(using: &rng)!
            for y in 2021...2025 where Int.random(in: 0..<4, using: &rng) > 0 {
                var values: [String: V] = [:]
                for indicator in book.indicators where !indicator.isComputed {
                    if Int.random(in: 0..<5, using: &rng) == 0 { values[indicator.code] = .missing; continue }
                    switch indicator.kind {
                    case .bool: values[indicator.code] = .bool(Bool.random(using: &rng))
                    case .category: values[indicator.code] = .word(indicator.categories.randomElement(using: &rng)!)
                    case .text: values[indicator.code] = .word(RandomRuleBook.texts.randomElement(using: &rng)!)
                    case .count: values[indicator.code] = .number(Double(Int.random(in: 0...4, using: &rng)))
                    case .percent: values[indicator.code] = .number(Double(Int.random(in: 0...8, using: &rng)) * 12.5)
                    case .number: values[indicator.code] = .number([-2, -0.5, 0, 0.1, 0.2, 0.7, 1, 2.5, 3, 7].randomElement(using: &rng)!)
                    }
                }
                rows.append(TestRow("S\(s)", year(y), municipality: municipality, values))
            }
        }
        rows.shuffle(using: &rng)
        return rows
    }
}
