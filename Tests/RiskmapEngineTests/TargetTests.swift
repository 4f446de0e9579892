import Foundation
import Testing
@testable import RiskmapEngine
@testable import RiskmapLanguage

/// Целевые показатели: the `цель` clause (checking, formatting) and the planner's steps from a
/// school's baseline to the goal.
@Suite struct TargetTests {
    static let book = """
    правила "Цели" { версия "1" год 2026/27 }
    показатель fail "Доля «2»" : процент
    показатель fail_alt "Доля «2» (другой столбец)" : процент
    показатель avg "Средний балл" : число
    показатель vacancies "Вакансии" : количество
    показатель lab "Нет лаборатории" : логический
    параметр fail_max "Порог" = 30%
    параметр horizon "Лет до цели" = 2
    фактор high_fail "Много «2»" {
      если fail >= fail_max или fail_alt >= fail_max
      цель fail <= fail_max за horizon лет
      цель fail_alt <= fail_max за horizon лет
    }
    фактор low_avg "Балл ниже среднего" {
      если avg < среднее(avg по муниципалитету)
      цель avg >= среднее(avg по муниципалитету)
    }
    фактор staff "Вакансии" {
      если vacancies > 0 или lab = да
      цель vacancies <= 0 за 3 года
      цель lab = нет за 2 года
    }
    роль head "Директор"
    мера m1 "Мера" { устраняет high_fail, low_avg, staff ответственный head срок май }
    """

    static func plans(_ rows: [(id: String, fail: Double?, alt: Double?, avg: Double?, vacancies: Double?, lab: Double?)]) throws -> PlanSet {
        let book = try checkedBook(book)
        var profiles = ProfileSet(indicatorCount: book.indicators.count, years: [SchoolYear(start: 2025)])
        for row in rows {
            let s = profiles.school(id: row.id, name: "Школа \(row.id)", municipality: "М")
            let r = profiles.appendRow(school: s, yearIndex: 0, line: 0)
            for (i, v) in [row.fail, row.alt, row.avg, row.vacancies, row.lab].enumerated() {
                if let v { profiles.set(indicator: i, row: r, value: v) }
            }
        }
        profiles.finish()
        let evaluation = Executor(Program(book: book)).run(profiles)
        return Planner(evaluation, lang: .ru).plan(yearIndex: 0)
    }

    // MARK: Steps

    @Test(arguments: [
        // (baseline, goal, direction, years, whole) → values per plan year
        (80.0 as Double?, 30.0 as Double?, Target.Direction.atMost, 2, false, [55.0, 30.0] as [Double?]),
        (80, 30, .atMost, 1, false, [30]),
        (3, 0, .atMost, 2, true, [1, 0]),  // 1.5 rounds towards the goal
        (0, 5, .atLeast, 2, true, [3, 5]),  // 2.5 rounds towards the goal
        (2.5, 4, .atLeast, 3, false, [3, 3.5, 4]),
        (nil, 30, .atMost, 2, false, [nil, 30]),  // no baseline: only the goal is known
        (80, nil, .atMost, 2, false, [nil, nil]),  // no goal: nothing to step to
    ])
    func stepsGoEvenlyFromTheBaselineToTheGoal(baseline: Double?, goal: Double?, direction: Target.Direction, years: Int,
                                               whole: Bool, expected: [Double?]) {
        let steps = Planner.steps(from: baseline, to: goal, direction, years: years, planYear: SchoolYear(start: 2026), whole: whole)
        #expect(steps.map(\.value) == expected)
        #expect(steps.map(\.year) == (0..<years).map { SchoolYear(start: 2026 + $0) })
    }

    @Test func anExactTargetIsOneStepInItsLastYear() {
        let steps = Planner.steps(from: 1, to: 0, .exactly, years: 2, planYear: SchoolYear(start: 2026), whole: false)
        #expect(steps == [FactorTarget.Step(year: SchoolYear(start: 2027), value: 0)])
    }

    // MARK: Planner

    @Test func aTriggeredFactorGetsATargetPerIndicatorNotYetAtItsGoal() throws {
        let plans = try Self.plans([
            ("S1", 50, nil, 3, 2, 1),  // all three factors; fail_alt unknown but fail decided
            ("S2", 10, 40, 5, 0, 0),  // high_fail through the other column; above the mean
        ])
        let book = plans.book
        func describe(_ t: FactorTarget) -> String {
            "\(book.factors[t.factor].code).\(book.indicators[t.indicator].code) \(t.baseline.map { "\($0)" } ?? "?")→\(t.goal.map { "\($0)" } ?? "?") "
                + t.steps.map { "\($0.year):\($0.value.map { "\($0)" } ?? "?")" }.joined(separator: ",")
        }
        #expect(plans.schools[0].targets.map(describe) == [
            "high_fail.fail 50.0→30.0 2026/27:40.0,2027/28:30.0",
            "low_avg.avg 3.0→4.0 2026/27:4.0",  // the municipality's mean of 3 and 5
            "staff.vacancies 2.0→0.0 2026/27:1.0,2027/28:0.0,2028/29:0.0",
            "staff.lab 1.0→0.0 2027/28:0.0",
        ])
        // S2: fail (10) already at the goal; low_avg and staff not triggered.
        #expect(plans.schools[1].targets.map(describe) == ["high_fail.fail_alt 40.0→30.0 2026/27:35.0,2027/28:30.0"])
        #expect(plans.schools[0].targets.allSatisfy { $0.responsible == ["Директор"] && $0.baselineYear == SchoolYear(start: 2025) })
    }

    @Test func aFactorWhoseTargetsHaveNoBaselineKeepsThemAsUnknown() throws {
        // staff triggered by the lab; vacancies unknown, lab known: only lab. Then both unknown
        // is impossible for a triggered factor, so check the fail pair with one side known.
        let plans = try Self.plans([("S1", nil, 45, nil, nil, 1)])
        let codes = plans.schools[0].targets.map { plans.book.indicators[$0.indicator].code }
        #expect(codes == ["fail_alt", "lab"])
    }

    @Test func anUntriggeredOrUndeterminedFactorHasNoTargets() throws {
        let plans = try Self.plans([("S1", nil, nil, nil, nil, nil), ("S2", 0, 0, 4, 0, 0)])
        #expect(plans.schools.allSatisfy { $0.targets.isEmpty })
    }

    @Test func plansJSONListsTheTargetsInTheIndicatorsKinds() throws {
        let plans = try Self.plans([("S1", 50, nil, 3, 2, 1), ("S2", 10, 40, 5, 0, 0)])
        let json = PlansJSONWriter.json(plans)
        #expect(json.contains("\"indicator\": \"lab\""))
        #expect(json.contains("\"baseline\": true"))
        #expect(json.contains("\"goal\": false"))
        #expect(json.contains("\"direction\": \"atMost\""))
    }

    // MARK: Checking and formatting

    @Test(arguments: [
        ("цель fail < fail_max", "targetForm"),
        ("цель fail_max >= fail", "targetForm"),
        ("цель fail + 1 <= fail_max", "targetForm"),
        ("цель fail != fail_max", "targetForm"),
        ("цель fail <= fail_max за fail_max лет", "yearsParam"),
        ("цель fail <= да", "unitMismatch"),
        ("цель nothing <= 5", "undeclared"),
    ])
    func aTargetMustCompareAnIndicatorWithItsGoal(clause: String, code: String) throws {
        let source = """
        правила "Т" { версия "1" }
        показатель fail "Доля" : процент
        параметр fail_max "Порог" = 30%
        фактор f "Ф" {
          если fail > fail_max
          \(clause)
        }
        """
        let errors = Checker.check(files: [SourceFile(path: "t.rules", text: source)]).1.filter { $0.severity == .error }
        #expect(errors.map(\.message.code).contains(code), "\(errors.map { $0.message.text(.en) })")
        #expect(errors.first?.location?.line == 6)
    }

    @Test func theTargetFormMessageHasAHintInBothLanguages() throws {
        let source = "правила \"Т\" { версия \"1\" }\nпоказатель x \"X\" : число\nфактор f \"Ф\" {\n  если x > 1\n  цель x > 1\n}\n"
        let errors = Checker.check(files: [SourceFile(path: "t.rules", text: source)]).1.filter { $0.severity == .error }
        let e = try #require(errors.first)
        #expect(e.message.code == "targetForm")
        #expect(e.location?.description == "5:8")
        #expect(e.help?.text(.ru).contains("цель vpr_math_5_fail <= vpr_fail_max за 2 года") == true)
        #expect(e.help?.text(.en).contains("target vpr_math_5_fail <= vpr_fail_max over 2 years") == true)
    }

    @Test func targetsRoundTripThroughTheFormatterInBothLanguages() throws {
        let parsed = Parser.parse(SourceFile(path: "t.rules", text: Self.book))
        let russian = Formatter(lang: .ru).print(parsed.0)
        #expect(russian.contains("  цель fail <= fail_max за horizon лет\n"))
        #expect(russian.contains("  цель vacancies <= 0 за 3 года\n"))
        #expect(russian.contains("  цель avg >= среднее(avg по муниципалитету)\n"))
        let english = Formatter(lang: .en).print(parsed.0)
        #expect(english.contains("  target vacancies <= 0 over 3 years\n"))
        #expect(english.contains("  target lab = false over 2 years\n"))
        // Both read back to the same rule book.
        let back = try checkedBook(english)
        #expect(back.factors.map { $0.targets.count } == [2, 1, 2])
        #expect(back.factors[2].targets.map { $0.direction } == [Target.Direction.atMost, .exactly])
    }
}
