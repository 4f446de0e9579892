import Testing
@testable import RiskmapEngine
import RiskmapLanguage

/// Cohort functions: percentile, mean, median, rank — as Excel's PERCENTILE.INC, AVERAGE,
/// MEDIAN and RANK.EQ (descending), over the schools of the same school year, optionally
/// split by municipality or by a category, ignoring missing values.
@Suite struct CohortTests {
    static let declarations = """
        indicator x "Икс" : number
        indicator t "Тип" : category(СОШ, ООШ)

        """

    /// Evaluates `expression` (a cohort call) over `rows`; returns its value per row (nil: unknown).
    static func values(_ expression: String, _ rows: [TestRow]) throws -> [Double?] {
        let e = try Evaluated(declarations + "factor f \"F\" { when \(expression) > -1000000 }\n", rows)
        var node: RExpr?
        e.book.factors[0].condition.forEach { if case .cohort = $0.node, node == nil { node = $0 } }
        guard let node else { throw RuleBookError(description: "no cohort node in \(expression)") }
        return (0..<e.profiles.rowCount).map { r in
            let v = e.evaluation.cohortValue(node, row: r)
            return v.isNaN ? nil : v
        }
    }

    static func rows(_ xs: [V], year y: Int = 2025, municipality: (Int) -> String = { _ in "M" },
                     type: (Int) -> V = { _ in .missing }) -> [TestRow] {
        xs.enumerated().map { i, v in
            TestRow("S\(i + 1)", year(y), municipality: municipality(i), ["x": v, "t": type(i)])
        }
    }

    static func close(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (let a?, let b?): return abs(a - b) < 1e-9
        default: return false
        }
    }

    // MARK: - Percentile

    struct PercentileCase: Sendable, CustomTestStringConvertible {
        var values: [Double]
        var p: Double
        var excel: Double
        var testDescription: String { "PERCENTILE.INC(\(values), \(p / 100)) = \(excel)" }
    }

    /// Hand-computed PERCENTILE.INC values (h = (n − 1)·p, linear interpolation).
    static let percentileCases: [PercentileCase] = [
        .init(values: Array(1...10).map(Double.init), p: 10, excel: 1.9),
        .init(values: Array(1...10).map(Double.init), p: 25, excel: 3.25),
        .init(values: Array(1...10).map(Double.init), p: 50, excel: 5.5),
        .init(values: Array(1...10).map(Double.init), p: 90, excel: 9.1),
        .init(values: Array(1...10).map(Double.init), p: 0, excel: 1),
        .init(values: Array(1...10).map(Double.init), p: 100, excel: 10),
        .init(values: [15, 20, 35, 40, 50], p: 40, excel: 29),
        .init(values: [15, 20, 35, 40, 50], p: 75, excel: 40),
        .init(values: [62, 65, 80], p: 10, excel: 62.6),
        .init(values: [7], p: 30, excel: 7),
        .init(values: [3, 3, 3, 9], p: 80, excel: 5.4),
    ]

    @Test("percentile = Excel PERCENTILE.INC", arguments: percentileCases)
    func percentile(_ c: PercentileCase) throws {
        #expect(Self.close(CohortStatistics.percentileInclusive(c.values.sorted(), c.p), c.excel))
        // Through the language, with the rows in a shuffled order.
        let shuffled = c.values.enumerated().sorted { ($0.offset * 7) % c.values.count < ($1.offset * 7) % c.values.count }.map { V.number($0.element) }
        let p = c.p == c.p.rounded() ? String(Int(c.p)) : String(c.p)
        let got = try Self.values("percentile(x, \(p))", Self.rows(shuffled))
        for v in got { #expect(Self.close(v, c.excel), "got \(String(describing: v))") }
        let russian = try Self.values("процентиль(x, \(p))", Self.rows(shuffled))
        #expect(russian.allSatisfy { Self.close($0, c.excel) })
    }

    @Test func percentileIgnoresMissingValues() throws {
        let xs: [V] = [.missing, 1, 2, .missing, 3, 4, 5, 6, 7, 8, 9, 10, .missing]
        let got = try Self.values("percentile(x, 10)", Self.rows(xs))
        // Every school of the year gets the statistic, including those without a value.
        #expect(got.allSatisfy { Self.close($0, 1.9) })
        #expect(try Self.values("percentile(x, 25)", Self.rows(xs)).allSatisfy { Self.close($0, 3.25) })
    }

    @Test func percentileWithNoDataIsUnknown() throws {
        let got = try Self.values("percentile(x, 10)", Self.rows([.missing, .missing]))
        #expect(got == [nil, nil])
    }

    @Test func percentileAsAThreshold() throws {
        let text = Self.declarations + "factor low \"Низ\" { when x < percentile(x, 10) }\n"
        let e = try Evaluated(text, Self.rows((1...10).map { V.number(Double($0)) } + [.missing]))
        let statuses = (1...11).map { e.factor("low", "S\($0)") }
        #expect(statuses == [.triggered] + Array(repeating: .notTriggered, count: 9) + [.unknown])
    }

    // MARK: - Mean, median

    @Test func mean() throws {
        #expect(try Self.values("mean(x)", Self.rows((1...10).map { V.number(Double($0)) })).allSatisfy { Self.close($0, 5.5) })
        #expect(try Self.values("среднее(x)", Self.rows([2, .missing, 4, 9])).allSatisfy { Self.close($0, 5) })
        #expect(try Self.values("mean(x)", Self.rows([.missing])) == [nil])
    }

    static let medianCases: [([Double], Double)] = [
        ([3, 1, 2], 2),
        ([4, 1, 3, 2], 2.5),
        ([10, 40, 20, 30, 50], 30),
        ([5, 5, 1, 9], 5),
        ([7], 7),
        ([1, 100], 50.5),
    ]

    @Test("median, odd and even counts", arguments: medianCases)
    func median(_ values: [Double], _ expected: Double) throws {
        let got = try Self.values("median(x)", Self.rows(values.map { V.number($0) } + [.missing]))
        #expect(got.allSatisfy { Self.close($0, expected) }, "\(got)")
        #expect(try Self.values("медиана(x)", Self.rows(values.map { V.number($0) })).allSatisfy { Self.close($0, expected) })
    }

    // MARK: - Rank

    @Test func rankIsDescendingWithTies() throws {
        // RANK.EQ(x, xs, 0): 1 + the number of greater values; ties share the best rank.
        let got = try Self.values("rank(x)", Self.rows([10, 20, 20, 5, .missing, 20, 1]))
        #expect(got == [4, 1, 1, 5, nil, 1, 6])
        #expect(try Self.values("ранг(x)", Self.rows([3, 3, 3])) == [1, 1, 1])
        #expect(CohortStatistics.rankDescending([1, 5, 10, 20, 20, 20], 10) == 4)
        #expect(CohortStatistics.rankDescending([1, 5, 10, 20, 20, 20], 20) == 1)
        #expect(CohortStatistics.rankDescending([1, 5, 10, 20, 20, 20], 1) == 6)
    }

    // MARK: - Partitions

    @Test func byMunicipality() throws {
        // Schools 1–3 in «Северный», 4–6 in «Южный».
        let xs: [V] = [1, 2, 3, 10, 20, .missing]
        let rows = Self.rows(xs, municipality: { $0 < 3 ? "Северный" : "Южный" })
        #expect(try Self.values("mean(x by municipality)", rows) == [2, 2, 2, 15, 15, 15])
        #expect(try Self.values("среднее(x по муниципалитету)", rows) == [2, 2, 2, 15, 15, 15])
        #expect(try Self.values("median(x by municipality)", rows) == [2, 2, 2, 15, 15, 15])
        #expect(try Self.values("rank(x by municipality)", rows) == [3, 2, 1, 2, 1, nil])
        let p = try Self.values("percentile(x, 25 by municipality)", rows)
        #expect(p.enumerated().allSatisfy { i, v in Self.close(v, i < 3 ? 1.5 : 12.5) }, "\(p)")
        // Without a partition: all six schools.
        #expect(try Self.values("mean(x)", rows).allSatisfy { Self.close($0, 7.2) })
    }

    @Test func byCategory() throws {
        let xs: [V] = [1, 2, 3, 10, 20, 30]
        let types: [V] = ["СОШ", "ООШ", "СОШ", "ООШ", "СОШ", .missing]
        let rows = Self.rows(xs, type: { types[$0] })
        // СОШ: 1, 3, 20; ООШ: 2, 10; the school without a type has no cohort.
        #expect(try Self.values("mean(x by t)", rows) == [8, 6, 8, 6, 8, nil])
        #expect(try Self.values("среднее(x по t)", rows) == [8, 6, 8, 6, 8, nil])
        #expect(try Self.values("median(x by t)", rows) == [3, 6, 3, 6, 3, nil])
        #expect(try Self.values("rank(x by t)", rows) == [3, 2, 2, 1, 1, nil])
        let p = try Self.values("percentile(x, 50 by t)", rows)
        #expect(p.count == 6 && Self.close(p[0], 3) && Self.close(p[1], 6) && p[5] == nil)
    }

    @Test func cohortsStayWithinTheirSchoolYear() throws {
        // The same schools in two years; each year's statistic uses only that year's rows.
        let earlier = Self.rows([100, 200, 300], year: 2024)
        let later = Self.rows([1, 2, .missing], year: 2025)
        let e = try Evaluated(Self.declarations + """
            factor m "M" { when x >= mean(x) }
            factor r "R" { when rank(x) = 1 }
            factor p "P" { when x <= percentile(x, 50) }
            """, earlier + later)
        func value(_ factor: Int, _ id: String, _ y: Int) -> Double {
            var node: RExpr?
            e.book.factors[factor].condition.forEach { if case .cohort = $0.node { node = $0 } }
            return e.evaluation.cohortValue(node!, row: e.row(id, year(y)))
        }
        #expect(value(0, "S1", 2024) == 200)
        #expect(value(0, "S1", 2025) == 1.5)
        #expect(value(0, "S3", 2025) == 1.5)
        #expect(value(1, "S3", 2024) == 1)
        #expect(value(1, "S2", 2025) == 1)
        #expect(value(1, "S3", 2025).isNaN)
        #expect(value(2, "S1", 2024) == 200)
        #expect(value(2, "S2", 2025) == 1.5)
        #expect(e.factor("m", "S3", year(2024)) == .triggered)
        #expect(e.factor("m", "S2", year(2025)) == .triggered)
        #expect(e.factor("m", "S3", year(2025)) == .unknown)
        #expect(e.factor("r", "S2", year(2025)) == .triggered)
        #expect(e.factor("r", "S2", year(2024)) == .notTriggered)
    }

    @Test func cohortOfAComputedValue() throws {
        let text = """
            indicator v "Вакансии" : count
            indicator n "Педагоги" : count
            factor f "F" { when (v / n) * 100% > percentile((v / n) * 100%, 50) }
            """
        let e = try Evaluated(text, [
            TestRow("A", ["v": 1, "n": 10]), TestRow("B", ["v": 2, "n": 10]),
            TestRow("C", ["v": 3, "n": 10]), TestRow("D", ["v": 1, "n": 0]),
        ])
        // D divides by zero: unknown, and not part of the cohort (median of 10, 20, 30 = 20).
        #expect(["A", "B", "C", "D"].map { e.factor("f", $0) } == [.notTriggered, .notTriggered, .triggered, .unknown])
    }

    @Test func cohortInScaleAndMeasureStages() throws {
        let text = """
            indicator a "А" : bool
            indicator b "Б" : bool
            factor fa "ФА" { when a }
            factor fb "ФБ" { when b }
            scale s "Шкала" {
              top "верх" when count(triggered) > mean(count(triggered))
              rest "прочие" otherwise
            }
            group g "Г" when s = top
            role r "Р"
            measure m "М" { addresses fa  only when g  responsible r }
            """
        let e = try Evaluated(text, [
            TestRow("A", ["a": true, "b": true]), TestRow("B", ["a": true, "b": false]),
            TestRow("C", ["a": false, "b": false]),
        ])
        // Mean count = 1: only A is above it.
        #expect(["A", "B", "C"].map { e.level("s", $0) } == ["top", "rest", "rest"])
        #expect(["A", "B", "C"].map { e.measure("m", $0) } == [true, false, false])
    }

    /// Groups large enough to be sorted on several threads give the same values as one
    /// thread: known values only, ascending, per group in member order.
    @Test(arguments: [1, 2, 3])
    func groupSortingDoesNotDependOnThreads(threads: Int) {
        let rows = 150_000
        var argument: [Double] = []
        for r in 0..<rows {
            let value = Double((r * 7_919) % 1_000) / 4
            argument.append(r % 11 == 0 ? Double.nan : value)
        }
        let members: [[Int32]] = [
            (0..<rows).filter { $0 % 3 == 0 }.map(Int32.init),
            (0..<rows).filter { $0 % 3 == 1 }.map(Int32.init),
            [],
            (0..<rows).filter { $0 % 3 == 2 }.map(Int32.init),
        ]
        let sorted = Cohorts.sortedKnownValues(members, .computed(argument), threads: threads)
        let expected = members.map { $0.map { argument[Int($0)] }.filter { !$0.isNaN }.sorted() }
        #expect(sorted == expected)
        #expect(sorted[2].isEmpty && sorted[0].count == members[0].filter { $0 % 11 != 0 }.count)
    }

    // MARK: - Sorting

    /// Cohort values are sorted by radix when there are many: the result is what `sort()`
    /// gives (−0 read as 0), for negative, tiny, huge, infinite, repeated and equal values,
    /// below and above the size where radix sorting starts.
    @Test(arguments: [0, 1, 2, 511, 512, 513, 5_000])
    func radixSortAgreesWithSort(count: Int) {
        var generator = SystemRandomNumberGenerator()
        let specials: [Double] = [0, -0.0, 1, -1, .infinity, -.infinity, .leastNonzeroMagnitude,
                                  -.leastNonzeroMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 35.5, 35.5]
        for round in 0..<3 {
            var values: [Double] = (0..<count).map { i in
                switch (i + round) % 4 {
                case 0: return specials[Int.random(in: 0..<specials.count, using: &generator)]
                case 1: return Double(Int.random(in: -50...50, using: &generator)) / 2
                case 2: return Double.random(in: -1e6...1e6, using: &generator)
                default: return Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &generator) & ~(0x7FF << 52))  // subnormal-ish
                }
            }
            let expected = values.map { $0 == 0 ? 0 : $0 }.sorted()
            CohortStatistics.sort(&values)
            #expect(values.map(\.bitPattern) == expected.map(\.bitPattern), "count \(count) round \(round)")
        }
        // All equal: every byte pass is skipped.
        var same = [Double](repeating: 7.25, count: 1_000)
        CohortStatistics.sort(&same)
        #expect(same.allSatisfy { $0 == 7.25 })
    }
}
