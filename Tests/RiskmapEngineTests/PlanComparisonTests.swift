import Foundation
import Testing
@testable import RiskmapEngine
import RiskmapLanguage

/// `plan --compare-with`: the previous plans.json read back (`PreviousPlans`) and compared
/// with a plan set (`PlanComparison`), by codes, only where both sides are decided; and the
/// exit forecasts a plan carries (`SchoolPlan.exits`).
@Suite struct PlanComparisonTests {
    /// One factor with a target, one group on it; `f` and `g` are the codes (to rename them).
    static func book(factor f: String = "f", group g: String = "g", exit: Bool = false) -> String {
        """
        ruleset "T" { version "1" }
        indicator a "Показатель A" : number
        factor \(f) "Фактор F" {
          when a > 10
          target a <= 10 over 2 years
        }
        group \(g) "Группа G" {
          when \(f)
        \(exit ? "  exit after 2 years without condition" : "")
        }

        """
    }

    /// Plans of `year` for rows of (school, year, a).
    static func plans(_ text: String, _ rows: [(String, Int, V)], year y: Int) throws -> (PlanSet, Outcomes) {
        let e = try Evaluated(text, rows.map { TestRow($0.0, year($0.1), ["a": $0.2]) })
        let plans = Planner(e.evaluation, lang: .ru).plan(yearIndex: e.profiles.yearIndex(year(y))!)
        return (plans, e.evaluation)
    }

    /// The previous plans as `plan` writes them (plans.json), read back.
    static func previous(_ plans: PlanSet) throws -> PreviousPlans {
        try PreviousPlans.parse(Data(PlansJSONWriter.json(plans).utf8), path: "old/plans.json", folder: "old").get()
    }

    /// Compares the plan of 2025/26 with that of 2024/25 (school S, `a` before and now).
    static func compare(_ before: V, _ now: V, book text: String = book()) throws -> (PlanComparison, PlanSet) {
        let rows = [("S", 2024, before), ("S", 2025, now)]
        let (old, _) = try plans(text, rows, year: 2024)
        let (new, outcomes) = try plans(text, rows, year: 2025)
        return (PlanComparison(previous: try previous(old), current: new, outcomes: outcomes), new)
    }

    // MARK: Factors and groups

    @Test(arguments: [
        // (a before, a now, new, resolved, undetermined: (now?) or nil)
        (V.number(20), V.number(5), false, true, Bool?.none),
        (.number(5), .number(20), true, false, nil),
        (.number(20), .missing, false, false, true),
        (.missing, .number(20), false, false, false),
        (.missing, .number(5), false, false, nil),
        (.number(5), .missing, false, false, nil),
        (.number(20), .number(20), false, false, nil),
        (.number(5), .number(5), false, false, nil),
    ])
    func factorChange(before: V, now: V, isNew: Bool, resolved: Bool, undeterminedNow: Bool?) throws {
        let (c, _) = try Self.compare(before, now)
        let school = try #require(c.schools[0])
        #expect(school.newFactors == (isNew ? [0] : []))
        #expect(school.resolved == (resolved ? [0] : []))
        #expect(school.undeterminedFactors.map(\.now) == (undeterminedNow.map { [$0] } ?? []))
    }

    @Test(arguments: [
        // (a before, a now, entered, left, undetermined: (now?) or nil)
        (V.number(5), V.number(20), true, false, Bool?.none),
        (.number(20), .number(5), false, true, nil),
        (.number(20), .missing, false, false, true),
        (.missing, .number(20), false, false, false),
        (.missing, .number(5), false, false, nil),
        (.number(20), .number(20), false, false, nil),
    ])
    func groupChange(before: V, now: V, entered: Bool, left: Bool, undeterminedNow: Bool?) throws {
        let (c, plans) = try Self.compare(before, now)
        let school = try #require(c.schools[0])
        #expect(school.entered == (entered ? [0] : []))
        #expect(school.left == (left ? [0] : []))
        #expect(school.undeterminedGroups.map(\.now) == (undeterminedNow.map { [$0] } ?? []))
        #expect(c.groupCounts(plans).map(\.entered) == [entered ? 1 : 0])
        #expect(c.groupCounts(plans).map(\.left) == [left ? 1 : 0])
    }

    // MARK: Targets

    /// The previous plan (data 2024/25, a = 20) set a ≤ 15 by the end of 2025/26 and a ≤ 10
    /// by the end of 2026/27; the 2025/26 data is checked against the first step.
    @Test(arguments: [
        (V.number(12), PlanComparison.TargetOutcome.met),
        (.number(15), .met),
        (.number(18), .notMet),
        (.missing, .unknown),
    ])
    func previousTargetAgainstTheStepOfTheDataYear(now: V, outcome: PlanComparison.TargetOutcome) throws {
        let (c, _) = try Self.compare(.number(20), now)
        let check = try #require(c.schools[0]?.targets.first)
        #expect(check.expected == 15)
        #expect(check.outcome == outcome)
        #expect(c.targetCount(outcome) == 1)
    }

    @Test func aTargetOfTheSameDataYearIsNotDueAndNothingChanged() throws {
        let rows: [(String, Int, V)] = [("S", 2025, .number(20))]
        let (plans, outcomes) = try Self.plans(Self.book(), rows, year: 2025)
        let c = PlanComparison(previous: try Self.previous(plans), current: plans, outcomes: outcomes)
        let school = try #require(c.schools[0])
        #expect(school.targets.map(\.outcome) == [.notDue])
        #expect(school.entered.isEmpty && school.left.isEmpty && school.newFactors.isEmpty && school.resolved.isEmpty)
        let markdown = DocumentMarkdown.render(SchoolPlanDocument.build(plans.with(c).schools[0], index: 0, PlanContext(plans.with(c))))
        #expect(markdown.contains("## Что изменилось"))
        #expect(markdown.contains("Группы и факторы риска школы не изменились."), "\(markdown)")
        #expect(markdown.contains("Показатель A: срок ещё не наступил (первый шаг — к концу 2026/27 учебного года)."), "\(markdown)")
    }

    // MARK: Schools and codes

    @Test func schoolsNewAndGone() throws {
        let rows: [(String, Int, V)] = [("A", 2024, 20), ("B", 2024, 20), ("B", 2025, 20), ("C", 2025, 5)]
        let (old, _) = try Self.plans(Self.book(), rows, year: 2024)
        let (new, outcomes) = try Self.plans(Self.book(), rows, year: 2025)
        let c = PlanComparison(previous: try Self.previous(old), current: new, outcomes: outcomes)
        #expect(new.schools.map(\.school.id) == ["B", "C"])
        #expect(c.schools[0] != nil)
        #expect(c.schools[1] == nil)
        #expect(c.newSchools == 1)
        #expect(c.gone.map(\.id) == ["A"])
        let summary = SummaryHTML.render(PlanContext(new.with(c)))
        #expect(summary.contains("<h2>Что изменилось</h2>"))
        #expect(summary.contains("Школ, которых не было в прежнем плане: 1; школ прежнего плана, которых нет в текущем: 1. Выбыли: Школа A (A)."))
        let plan = DocumentMarkdown.render(SchoolPlanDocument.build(new.schools[1], index: 1, PlanContext(new.with(c))))
        #expect(plan.contains("Школы не было в прежнем плане — сравнивать не с чем."))
    }

    @Test func codesTheRuleBookNoLongerHasAreListedAndNotCompared() throws {
        let rows: [(String, Int, V)] = [("S", 2024, 20), ("S", 2025, 20)]
        let (old, _) = try Self.plans(Self.book(factor: "f_old", group: "g_old"), rows, year: 2024)
        let (new, outcomes) = try Self.plans(Self.book(), rows, year: 2025)
        let c = PlanComparison(previous: try Self.previous(old), current: new, outcomes: outcomes)
        #expect(c.goneFactors == ["f_old"])
        #expect(c.goneGroups == ["g_old"])
        #expect(c.newFactors == [0] && c.newGroups == [0])
        let school = try #require(c.schools[0])
        // Not «entered» nor «new»: the previous rule book had no such codes.
        #expect(school.entered.isEmpty && school.newFactors.isEmpty)
        #expect(school.goneCodes == ["g_old", "f_old"])
        // The target's indicator still exists: compared by its code.
        #expect(school.targets.map(\.outcome) == [.notMet])
        let summary = SummaryHTML.render(PlanContext(new.with(c)))
        #expect(summary.contains("Коды прежнего plans.json, которых нет в текущей методике (по ним не сравнивается): группы g_old; факторы f_old."))
        let plan = DocumentMarkdown.render(SchoolPlanDocument.build(new.schools[0], index: 0, PlanContext(new.with(c))))
        #expect(plan.contains("в текущей методике таких кодов нет (сравнить нельзя): g\\_old, f\\_old."), "\(plan)")
    }

    @Test func theSchoolPlanAndTheSummarySayWhatChanged() throws {
        let rows: [(String, Int, V)] = [("S", 2024, 20), ("S", 2025, 5), ("T", 2024, 5), ("T", 2025, 20), ("U", 2024, 20), ("U", 2025, .missing)]
        let (old, _) = try Self.plans(Self.book(), rows, year: 2024)
        let (new, outcomes) = try Self.plans(Self.book(), rows, year: 2025)
        let plans = new.with(PlanComparison(previous: try Self.previous(old), current: new, outcomes: outcomes))
        let context = PlanContext(plans)
        func markdown(_ i: Int) -> String { DocumentMarkdown.render(SchoolPlanDocument.build(plans.schools[i], index: i, context)) }
        let s = markdown(0), t = markdown(1), u = markdown(2)
        #expect(s.contains("- Вышла из группы: «Группа G»."), "\(s)")
        #expect(s.contains("- Устранённые факторы риска (прежде сработали, теперь нет): «Фактор F»."))
        #expect(s.contains("- Показатель A: 5 при цели не выше 15 — достигнут."), "\(s)")
        #expect(t.contains("- Вошла в группу: «Группа G»."))
        #expect(t.contains("- Новые факторы риска (прежде не сработали): «Фактор F»."))
        #expect(u.contains("«Фактор F»: не определён (не хватает данных); в прежнем плане сработал — не считается устранённым."), "\(u)")
        #expect(u.contains("Показатель A: цель не выше 15 — не определён (нет данных), не считается достигнутым."), "\(u)")
        #expect(!u.contains("Устранённые"))
        let summary = SummaryHTML.render(context)
        #expect(summary.contains("<tr><td>Группа G</td><td class=\"num\">1</td><td class=\"num\">1</td></tr>"), "\(summary)")
        #expect(summary.contains("<tr><td>Фактор F</td><td class=\"num\">1</td><td class=\"num\">1</td><td class=\"num\">1</td></tr>"))
        #expect(summary.contains("Целевые показатели прежнего плана: достигнуто 1, не достигнуто 0, не определено (нет данных) 1."))
        // Without a comparison, no section.
        #expect(!SummaryHTML.render(PlanContext(new)).contains("Что изменилось"))
        #expect(!DocumentMarkdown.render(SchoolPlanDocument.build(new.schools[0], index: 0, PlanContext(new))).contains("Что изменилось"))
    }

    @Test func englishWording() throws {
        let rows: [(String, Int, V)] = [("S", 2024, 20), ("S", 2025, 5)]
        let e = try Evaluated(Self.book(), rows.map { TestRow($0.0, year($0.1), ["a": $0.2]) })
        let old = Planner(e.evaluation, lang: .en).plan(yearIndex: e.profiles.yearIndex(year(2024))!)
        let new = Planner(e.evaluation, lang: .en).plan(yearIndex: e.profiles.yearIndex(year(2025))!)
        let plans = new.with(PlanComparison(previous: try Self.previous(old), current: new, outcomes: e.evaluation))
        let md = DocumentMarkdown.render(SchoolPlanDocument.build(plans.schools[0], index: 0, PlanContext(plans)))
        #expect(md.contains("## What changed"))
        #expect(md.contains("- Left the group: “Группа G”."), "\(md)")
        #expect(md.contains("- Resolved risk factors (triggered before, not now): “Фактор F”."))
    }

    // MARK: Reading plans.json

    @Test(arguments: [
        ("{", PreviousPlans.Failure.notJSON("p/plans.json")),
        ("[]", .notJSON("p/plans.json")),
        ("{\"ruleset\": {}}", .field("p/plans.json", field: "schools")),
        ("{\"schools\": []}", .field("p/plans.json", field: "ruleset")),
        ("{\"ruleset\": {}, \"schools\": [{\"groups\": []}]}", .field("p/plans.json", field: "schools[0].id")),
        ("{\"ruleset\": {}, \"schools\": [{\"id\": \"S\", \"groups\": [], \"factors\": [{\"code\": \"f\", \"status\": \"maybe\"}]}]}",
         .field("p/plans.json", field: "schools[0].factors[0].status")),
        ("{\"format\": {\"name\": \"riskmap-plans\", \"version\": 2}, \"ruleset\": {}, \"schools\": []}",
         .format("p/plans.json", found: "riskmap-plans 2")),
        ("{\"format\": \"something else\", \"ruleset\": {}, \"schools\": []}", .format("p/plans.json", found: "? ?")),
    ])
    func badPlansJSONIsRefused(text: String, failure: PreviousPlans.Failure) {
        let result = PreviousPlans.parse(Data(text.utf8), path: "p/plans.json", folder: "p")
        guard case .failure(let f) = result else { Issue.record("accepted: \(text)"); return }
        #expect(f == failure)
    }

    @Test func aPlansJSONWithoutAFormatFieldReadsAsTheFirstLayout() throws {
        let text = "{\"ruleset\": {\"title\": \"T\", \"version\": \"0\"}, \"dataYear\": \"2024/25\", \"schools\": [{\"id\": \"S\", \"groups\": [\"g\"], \"factors\": []}]}"
        let p = try PreviousPlans.parse(Data(text.utf8), path: "p/plans.json", folder: "p").get()
        #expect(p.schools.map(\.id) == ["S"])
        #expect(p.groupCodes == ["g"])
        #expect(p.dataYear == year(2024))
    }

    @Test func folderProblems() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("riskmap-previous-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let missing = root.appendingPathComponent("none").path
        #expect(PreviousPlans.read(folder: missing).failure == .notFound(missing))
        let file = root.appendingPathComponent("file.txt")
        try Data("x".utf8).write(to: file)
        #expect(PreviousPlans.read(folder: file.path).failure == .notAFolder(file.path))
        #expect(PreviousPlans.read(folder: root.path).failure == .noPlans(root.path + "/plans.json"))
    }

    // MARK: Exit forecasts in the plan

    @Test func thePlanSaysWhenTheSchoolCanLeaveTheGroup() throws {
        let rows: [(String, Int, V)] = [("S", 2023, 20), ("S", 2024, 5), ("U", 2023, 20), ("U", 2024, .missing)]
        let (plans, _) = try Self.plans(Self.book(exit: true), rows, year: 2024)
        let s = plans.schools[0], u = plans.schools[1]
        #expect(s.groups == [0])
        #expect(s.exits == [GroupExitPlan(group: 0, forecast: ExitForecast(years: 2, yearsWithout: 1, undecided: false), missing: [])])
        #expect(u.exits.map(\.forecast) == [ExitForecast(years: 2, yearsWithout: 0, undecided: true)])
        #expect(u.exits.first?.missing == [MissingValue(indicator: 0, year: year(2024))])
        let context = PlanContext(plans)
        let sm = DocumentMarkdown.render(SchoolPlanDocument.build(s, index: 0, context))
        let um = DocumentMarkdown.render(SchoolPlanDocument.build(u, index: 1, context))
        #expect(sm.contains("Школа выйдет из группы «Группа G», если условие не выполнится ещё 1 год (не выполняется 1 год подряд)."), "\(sm)")
        #expect(um.contains("Когда школа выйдет из группы «Группа G», обещать нельзя: в этом году не хватает данных, чтобы решить, выполнено ли условие группы (не хватает: «Показатель A» (2024/25)). Выход — после 2 лет подряд без условия."), "\(um)")
        // Under «Почему школа в программе», before the next section.
        let why = try #require(sm.range(of: "## Почему школа в программе")), forecast = try #require(sm.range(of: "Школа выйдет"))
        #expect(why.upperBound < forecast.lowerBound)
        let json = PlansJSONWriter.json(plans)
        #expect(json.contains("\"exits\": [\n        {\n          \"group\": \"g\",\n          \"years\": 2,\n          \"yearsWithout\": 1,\n          \"remaining\": 1,\n          \"undecided\": false\n        }"), "\(json)")
        #expect(json.contains("\"undecided\": true,\n          \"missing\": ["))
        #expect(json.contains("\"format\": {\n    \"name\": \"riskmap-plans\",\n    \"version\": 1\n  }"))
        // A group without an exit criterion: no forecast.
        let (plain, _) = try Self.plans(Self.book(), rows, year: 2024)
        #expect(plain.schools.allSatisfy { $0.exits.isEmpty })
    }
}

extension PlanSet {
    func with(_ comparison: PlanComparison) -> PlanSet {
        var copy = self
        copy.comparison = comparison
        return copy
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let f) = self { return f }
        return nil
    }
}
