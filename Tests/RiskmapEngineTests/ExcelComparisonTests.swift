import Testing
@testable import RiskmapEngine
import RiskmapLanguage

/// Numbers compare as in Excel: both sides rounded to 15 significant digits, so values that
/// print the same compare equal; statistics give Excel's documented results.
@Suite struct ExcelComparisonTests {
    static let declarations = """
        indicator y "Игрек" : number
        indicator p "Доля" : percent
        indicator n "Эн" : count
        indicator m "Эм" : count

        """

    @Test func tiesThatAreTies() throws {
        // The mean of 0,7; 0,7; 0,7 is 0,6999999999999998 in binary arithmetic.
        let e = try Evaluated(Self.declarations + """
            factor above "Выше среднего" { when y > mean(y) }
            factor atLeast "Не ниже среднего" { when y >= mean(y) }
            factor equal "Равно среднему" { when y = mean(y) }
            """, ["A", "B", "C"].map { TestRow($0, ["y": 0.7]) })
        for id in ["A", "B", "C"] {
            #expect(e.factor("above", id) == .notTriggered)
            #expect(e.factor("atLeast", id) == .triggered)
            #expect(e.factor("equal", id) == .triggered)
        }
        // ОГЭ 3,1 / 3,2 / 3,3: the school with 3,2 is not below the mean 3,2.
        let oge = try Evaluated(Self.declarations + "factor below \"Ниже среднего\" { when y < mean(y) }\n",
                                [TestRow("A", ["y": 3.1]), TestRow("B", ["y": 3.2]), TestRow("C", ["y": 3.3])])
        #expect(oge.factor("below", "A") == .triggered)
        #expect(oge.factor("below", "B") == .notTriggered)
        #expect(oge.factor("below", "C") == .notTriggered)
        #expect(oge.explain("below", "B").text == "«Игрек» 3,2 не ниже, чем среднее по всем школам года (3,2)")
    }

    @Test func arithmeticThatPrintsTheSameComparesTheSame() throws {
        let e = try Evaluated(Self.declarations + """
            factor share "Доля вакансий" { when (n / m) * 100% > 10% }
            factor exact "Ровно 10 %" { when (n / m) * 100% = 10% }
            factor sum "Сумма" { when y + 0.2 = 0.3 }
            """, [TestRow("S", ["n": 1, "m": 10, "y": 0.1])])
        #expect(e.factor("share") == .notTriggered)   // (1 / 10) × 100 = 10,000000000000002
        #expect(e.factor("exact") == .triggered)
        #expect(e.factor("sum") == .triggered)         // 0,1 + 0,2 = 0,30000000000000004
    }

    /// Excel's documented examples: AVERAGE(10, 7, 9, 27, 2) = 11; MEDIAN(1…5) = 3,
    /// MEDIAN(1…6) = 3,5; PERCENTILE.INC({1, 2, 3, 4}; 0,3) = 1,9; RANK.EQ of 7, 3,5, 3,5, 1, 2
    /// (descending) = 1, 2, 2, 5, 4.
    @Test func excelDocumentedStatistics() throws {
        func values(_ call: String, _ ys: [Double]) throws -> [Double?] {
            let rows = ys.enumerated().map { TestRow("S\($0.offset)", ["y": .number($0.element)]) }
            let e = try Evaluated(Self.declarations + "factor f \"F\" { when \(call) > -1000000 }\n", rows)
            var node: RExpr?
            e.book.factors[0].condition.forEach { if case .cohort = $0.node, node == nil { node = $0 } }
            return (0..<e.profiles.rowCount).map { r in
                let v = e.evaluation.cohortValue(node!, row: r)
                return v.isNaN ? nil : v
            }
        }
        #expect(try values("mean(y)", [10, 7, 9, 27, 2]).allSatisfy { $0 == 11 })
        #expect(try values("median(y)", [1, 2, 3, 4, 5]).allSatisfy { $0 == 3 })
        #expect(try values("median(y)", [1, 2, 3, 4, 5, 6]).allSatisfy { $0 == 3.5 })
        #expect(try values("percentile(y, 30)", [1, 2, 3, 4]).allSatisfy { $0.map { ComparedNumber.rounded($0) } == 1.9 })
        #expect(try values("rank(y)", [7, 3.5, 3.5, 1, 2]) == [1, 2, 2, 5, 4])
        // And a comparison with the percentile sees 1,9.
        let e = try Evaluated(Self.declarations + "factor f \"F\" { when y * 0 + 1.9 = percentile(y, 30) }\n",
                              [1, 2, 3, 4].map { TestRow("S\(Int($0))", ["y": .number($0)]) })
        #expect(e.factor("f", "S1") == .triggered)
    }

    /// The executor and the reference round only nearly equal sides (`ComparedNumber.sides`); comparing the
    /// rounded sides always (the definition) must give the same answer, for pairs that are
    /// equal, a few units in the last place apart, decimal sums, far apart and special.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func roundingOnlyNearlyEqualSidesIsTheSameAsAlways(seed: UInt64) {
        var rng = SplitMix(seed: seed)
        let specials: [Double] = [0, -0.0, .infinity, -.infinity, .nan, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 1e15, 1e-300]
        for _ in 0..<20_000 {
            let base: Double
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: base = Double(Int.random(in: -1000...1000, using: &rng)) / 10
            case 1: base = Double(Int.random(in: -1000...1000, using: &rng)) / 10 + Double(Int.random(in: -1000...1000, using: &rng)) / 100
            case 2: base = Double.random(in: -1e6...1e6, using: &rng)
            default: base = specials.randomElement(using: &rng)!
            }
            var other = base
            switch Int.random(in: 0..<5, using: &rng) {
            case 0: break
            case 1: for _ in 0..<Int.random(in: 1...8, using: &rng) { other = other.nextUp }
            case 2: for _ in 0..<Int.random(in: 1...8, using: &rng) { other = other.nextDown }
            case 3: other = base * (1 + Double.random(in: -1e-12...1e-12, using: &rng))
            default: other = Double.random(in: -1e6...1e6, using: &rng)
            }
            let (a, b) = ComparedNumber.sides(base, other)
            let (ra, rb) = (ComparedNumber.rounded(base), ComparedNumber.rounded(other))
            let fast = [a < b, a <= b, a == b], slow = [ra < rb, ra <= rb, ra == rb]
            #expect(fast == slow, "seed \(seed): \(base) vs \(other)")
        }
    }

    @Test func roundingIsToFifteenSignificantDigits() {
        #expect(ComparedNumber.rounded(0.6999999999999998) == 0.7)
        #expect(ComparedNumber.rounded(10.000000000000002) == 10)
        #expect(ComparedNumber.rounded(0.30000000000000004) == 0.3)
        #expect(ComparedNumber.rounded(123456789012345.67) == 123456789012346)
        #expect(ComparedNumber.rounded(-2.5) == -2.5)
        #expect(ComparedNumber.rounded(0) == 0 && ComparedNumber.rounded(.infinity) == .infinity && ComparedNumber.rounded(.nan).isNaN)
    }
}
