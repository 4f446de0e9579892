import Foundation
import Testing
@testable import RiskmapEngine
import RiskmapLanguage

/// `устраняет GROUP`: a measure every school of a group gets each year, whatever factors fire
/// (the standing items of the yearly cycle in the seeds' templates: diagnostics, analysis of
/// results). Issue 13.
@Suite struct GroupMeasureTests {
    /// `low` has two schools in group `g` through the scale; S3 is in no group.
    static let book = """
        правила "T" { версия "1" год 2025/26 }
        показатель fails "Двойки" : процент
        показатель teachers_old "Педагоги 55+" : процент
        показатель remote "Удалённая" : логический
        фактор low "Низкие результаты" { если fails > 30% }
        фактор old_staff "Старение кадров" { если teachers_old > 40% }
        группа g "ШНОР" если low
        роль uo "УО"
        мера staff "Наставничество" { устраняет old_staff ответственный uo срок октябрь }
        мера diagnostics "Входная диагностика" { устраняет g ответственный uo срок сентябрь }
        мера both "Анализ результатов" { устраняет old_staff, g только если не remote ответственный uo срок май }
        пример "Школа группы получает диагностику без своего фактора" {
          дано fails = 40%, teachers_old = 10%, remote = нет
          ожидается diagnostics
          ожидается both
          ожидается не staff
        }
        пример "Школа вне группы — нет" {
          дано fails = 10%, teachers_old = 10%, remote = нет
          ожидается не diagnostics
          ожидается не both
        }

        """

    @Test func aGroupMeasureGoesToEverySchoolOfTheGroup() throws {
        let book = try checkedBook(Self.book)
        #expect(book.measures.map(\.addressesGroups) == [[], [0], [0]])
        #expect(book.measures.map(\.addresses) == [[1], [], [1]])
        let runner = ExampleRunner(book: book, lang: .ru)
        for outcome in runner.runAll() {
            #expect(outcome.passed, "\(outcome.example.title): \(outcome.mismatches.map { "\($0.expected) ≠ \($0.actual)" })")
        }
        let profiles = makeProfiles(book, [
            TestRow("S1", ["fails": 40, "teachers_old": 10, "remote": false]),
            TestRow("S2", ["fails": 40, "teachers_old": 10, "remote": true]),
            TestRow("S3", ["fails": 10, "teachers_old": 50, "remote": false]),
        ])
        let outcomes = Executor(Program(book: book)).run(profiles)
        #expect(outcomes.measures[1] == [true, true, false])
        // `только если` still holds: S2 is remote.
        #expect(outcomes.measures[2] == [true, false, true])
        // The reference evaluator agrees.
        let reference = ReferenceEvaluator(book: book, profiles: profiles)
        #expect((0..<3).map { reference.inPlan(1, row: $0) } == [true, true, false])
        #expect((0..<3).map { reference.inPlan(2, row: $0) } == [true, false, true])

        // The plan says why the line is there.
        let plans = Planner(outcomes, lang: .ru).plan(yearIndex: 0)
        let s1 = plans.schools[0]
        #expect(s1.items.map { book.measures[$0.measure].code } == ["diagnostics", "both"])
        #expect(s1.items.allSatisfy { $0.factors.isEmpty })
        var bundle = OutputBundle()
        PlanDocuments.add(plans, to: &bundle)
        let md = try #require(bundle.text("schools/S1.md"))
        #expect(md.contains("Входная диагностика (каждой школе группы «ШНОР»)"), "\(md)")
        let roadmap = try #require(bundle.text("roadmap.md"))
        #expect(roadmap.contains("каждой школе группы «ШНОР»"), "\(roadmap)")
    }

    /// A name that is neither a factor nor a group is still «фактор не объявлен», at its place.
    @Test func anUnknownNameIsStillAnError() {
        let (_, diagnostics, _) = Checker.check(files: [SourceFile(path: "m.rules", text: Self.book + "мера x { устраняет gg ответственный uo срок май }\n")])
        let errors = diagnostics.filter { $0.severity == .error }
        #expect(errors.map { "\($0.message.code) \($0.location?.description ?? "-")" } == ["unknownFactor 23:20"])
        // The hint looks among groups too: «gg» → «g».
        #expect(errors.first?.help?.text(.ru).contains("«g»") == true)
        let text = DiagnosticRenderer(lang: .ru).render(errors)
        #expect(text.contains("m.rules:23:20: ошибка:"), "\(text)")
    }
}
