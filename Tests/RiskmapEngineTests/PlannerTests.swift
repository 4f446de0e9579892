import Foundation
import Testing
@testable import RiskmapEngine
import RiskmapLanguage

/// Deadlines, plan lines, municipal roadmaps, data to supply and the atomic output folder.
@Suite struct PlannerTests {
    // MARK: Deadlines

    @Test(arguments: [
        (Deadline.month(.september, day: nil), "30.09.2026"),
        (.month(.october, day: nil), "31.10.2026"),
        (.month(.december, day: 25), "25.12.2026"),
        (.month(.january, day: nil), "31.01.2027"),
        (.month(.february, day: nil), "28.02.2027"),
        (.month(.august, day: 31), "31.08.2027"),
        (.month(.september, day: 1), "01.09.2026"),
        (.date(year: 2026, month: 10, day: 15), "15.10.2026"),
        (.quarter(1), "31.03.2027"),
        (.quarter(2), "30.06.2027"),
        (.quarter(3), "30.09.2026"),
        (.quarter(4), "31.12.2026"),
        (.annually, "ежегодно"),
        (.duringYear, "в течение 2026/27 учебного года"),
        (.text("по графику РМО"), "по графику РМО"),
    ])
    func deadlineResolvesInTheSchoolYear(deadline: Deadline, expected: String) {
        #expect(ResolvedDeadline.resolve(deadline, in: SchoolYear(start: 2026), lang: .ru).text == expected)
    }

    @Test func februaryOfALeapYear() {
        #expect(ResolvedDeadline.resolve(.month(.february, day: nil), in: SchoolYear(start: 2027), lang: .ru).text == "29.02.2028")
    }

    @Test func datedDeadlinesSortBeforeUndatedOnes() {
        let y = SchoolYear(start: 2026)
        let keys = [Deadline.month(.september, day: nil), .month(.may, day: nil), .duringYear, .annually, .text("x")]
            .map { ResolvedDeadline.resolve($0, in: y, lang: .ru).sortKey }
        #expect(keys == keys.sorted())
        #expect(ResolvedDeadline.resolve(nil, in: y, lang: .ru).sortKey == DeadlineOrder(.none))
    }

    @Test func englishDeadlineWords() {
        let y = SchoolYear(start: 2026)
        #expect(ResolvedDeadline.resolve(.annually, in: y, lang: .en).text == "annually")
        #expect(ResolvedDeadline.resolve(.duringYear, in: y, lang: .en).text == "during the 2026/27 school year")
    }

    // MARK: Planner

    static let book = """
    правила "План" { версия "1" год 2026/27 }
    показатель a "Показатель А" : число
    показатель b "Показатель Б" : число
    фактор fa "Фактор А" { если a > 10 }
    фактор fb "Фактор Б" { если b > 10 }
    роль uo "Управление образования"
    роль director "Руководитель ОО"
    мера both "Мера для обоих факторов" { устраняет fa, fb ответственный director соисполнители uo срок май }
    мера early "Ранняя мера" { устраняет fa ответственный director срок сентябрь }
    мера group_m "Рабочая группа" { устраняет fa, fb уровень муниципалитет ответственный uo срок октябрь }
    """

    static func plans(_ rows: [(String, String, Double?, Double?)], directory: Directory = Directory()) throws -> PlanSet {
        let book = try checkedBook(book)
        var profiles = ProfileSet(indicatorCount: book.indicators.count, years: [SchoolYear(start: 2025)])
        for (id, municipality, a, b) in rows {
            let s = profiles.school(id: id, name: "Школа \(id)", municipality: municipality)
            let r = profiles.appendRow(school: s, yearIndex: 0, line: 0)
            if let a { profiles.set(indicator: 0, row: r, value: a) }
            if let b { profiles.set(indicator: 1, row: r, value: b) }
        }
        profiles.finish()
        let evaluation = Executor(Program(book: book)).run(profiles)
        return Planner(evaluation, directory: directory, lang: .ru).plan(yearIndex: 0)
    }

    @Test func aMeasureAddressingTwoTriggeredFactorsAppearsOnce() throws {
        let plans = try Self.plans([("S1", "M1", 20, 20)])
        let codes = plans.schools[0].items.map { plans.book.measures[$0.measure].code }
        #expect(codes == ["early", "both"])  // by deadline: September before May
        let both = try #require(plans.schools[0].items.first { plans.book.measures[$0.measure].code == "both" })
        #expect(both.factors.map { plans.book.factors[$0].code } == ["fa", "fb"])
        #expect(both.responsible == ["Руководитель ОО"])
        #expect(both.coExecutors == ["Управление образования"])
        #expect(plans.planYear == SchoolYear(start: 2026))
        #expect(both.deadline.text == "31.05.2027")
    }

    @Test func aMunicipalityMeasureAppearsOncePerMunicipality() throws {
        let plans = try Self.plans([("S1", "M1", 20, nil), ("S2", "M1", nil, 20), ("S3", "M2", 20, 0), ("S4", "M2", 0, 0)])
        #expect(plans.municipalities.map(\.municipality) == ["M1", "M2"])
        for roadmap in plans.municipalities {
            let group = roadmap.items.filter { plans.book.measures[$0.measure].code == "group_m" }
            #expect(group.count == 1)
        }
        let m1 = plans.municipalities[0].items.first { plans.book.measures[$0.measure].code == "group_m" }!
        #expect(m1.schools.map { plans.schools[$0].school.id } == ["S1", "S2"])
        let m2 = plans.municipalities[1].items.first { plans.book.measures[$0.measure].code == "group_m" }!
        #expect(m2.schools.map { plans.schools[$0].school.id } == ["S3"])
        // Not in the schools' own tables.
        #expect(plans.schools.allSatisfy { plan in !plan.items.contains { plans.book.measures[$0.measure].scope == .municipality } })
        #expect(plans.schools[0].municipalMeasures.map { plans.book.measures[$0].code } == ["group_m"])
    }

    @Test func aSchoolWithOnlyUnknownFactorsGetsDataToSupplyAndNoMeasures() throws {
        let plans = try Self.plans([("S1", "M1", nil, nil)])
        let plan = plans.schools[0]
        #expect(plan.items.isEmpty)
        #expect(plan.municipalMeasures.isEmpty)
        #expect(plan.dataToSupply.map { plans.book.indicators[$0.indicator].code } == ["a", "b"])
        #expect(plan.dataToSupply.allSatisfy { $0.year == SchoolYear(start: 2025) })
        #expect(plan.dataToSupply[0].factors.map { plans.book.factors[$0].code } == ["fa"])
    }

    @Test func rolesResolveThroughTheDirectory() throws {
        let book = try checkedBook(Self.book)
        let csv = "municipality;role;who\nM1;uo;Управление образования Администрации М1\n;director;Директор школы\n"
        let (table, _) = CSVReader.read(bytes: Array(csv.utf8), path: "dir.csv")
        let (directory, diagnostics) = Directory.load(table: try #require(table), book: book)
        #expect(diagnostics.isEmpty)
        let plans = try Self.plans([("S1", "M1", 20, 20), ("S2", "M2", 20, 20)], directory: directory)
        let both1 = plans.schools[0].items.first { plans.book.measures[$0.measure].code == "both" }!
        #expect(both1.responsible == ["Директор школы"])
        #expect(both1.coExecutors == ["Управление образования Администрации М1"])
        let both2 = plans.schools[1].items.first { plans.book.measures[$0.measure].code == "both" }!
        #expect(both2.coExecutors == ["Управление образования"])  // no entry for M2: the role's title
    }

    /// A role with several rows in the directory is filled by every body, in the file's order;
    /// a municipality's own rows replace the rows for every municipality.
    @Test func aRoleWithSeveralDirectoryRowsListsThemAll() throws {
        let book = try checkedBook(Self.book)
        let csv = "municipality;role;who\nM1;director;Директор школы\nM1;director;Заместитель директора по УВР\n"
            + "M1;director;Директор школы\n;director;Руководитель\n;uo;УО\n;uo;МКУ «ЦРО»\n"
        let (table, _) = CSVReader.read(bytes: Array(csv.utf8), path: "dir.csv")
        let (directory, diagnostics) = Directory.load(table: try #require(table), book: book)
        #expect(diagnostics.isEmpty)
        #expect(directory.who(role: "director", municipality: "M1") == ["Директор школы", "Заместитель директора по УВР"])
        #expect(directory.who(role: "director", municipality: "M2") == ["Руководитель"])
        #expect(directory.who(role: "rmk", municipality: "M1") == [])
        let plans = try Self.plans([("S1", "M1", 20, 20)], directory: directory)
        let both = try #require(plans.schools[0].items.first { plans.book.measures[$0.measure].code == "both" })
        #expect(both.responsible == ["Директор школы", "Заместитель директора по УВР"])
        #expect(both.coExecutors == ["УО", "МКУ «ЦРО»"])
    }

    /// A row naming schools fills the role for those schools only: each school's plan shows
    /// its own curator (or the rows naming no school), the roadmap every one.
    @Test func directoryRowsForSomeSchools() throws {
        let book = try checkedBook(Self.book)
        let csv = "municipality;role;who;school\nM1;director;Куратор округа А;\"S1, S3\"\nM1;director;Куратор округа Б;S2\n"
            + "M1;director;Директор школы;\n"
        let (table, _) = CSVReader.read(bytes: Array(csv.utf8), path: "dir.csv")
        let (directory, diagnostics) = Directory.load(table: try #require(table), book: book)
        #expect(diagnostics.isEmpty)
        #expect(directory.who(role: "director", municipality: "M1", school: "S1") == ["Куратор округа А"])
        #expect(directory.who(role: "director", municipality: "M1", school: "S2") == ["Куратор округа Б"])
        #expect(directory.who(role: "director", municipality: "M1", school: "S4") == ["Директор школы"])
        #expect(directory.who(role: "director", municipality: "M1") == ["Куратор округа А", "Куратор округа Б", "Директор школы"])
        let plans = try Self.plans([("S1", "M1", 20, 20), ("S2", "M1", 20, 20), ("S4", "M1", 20, 20)], directory: directory)
        let responsible = plans.schools.map { plan in plan.items.first { plans.book.measures[$0.measure].code == "both" }!.responsible }
        #expect(responsible == [["Куратор округа А"], ["Куратор округа Б"], ["Директор школы"]])
    }

    @Test func aDirectoryWithAnUnknownRoleWarnsWithItsPlace() throws {
        let book = try checkedBook(Self.book)
        let csv = "municipality;role;who\nM1;ou;Кто-то\n"
        let (table, _) = CSVReader.read(bytes: Array(csv.utf8), path: "dir.csv")
        let (_, diagnostics) = Directory.load(table: try #require(table), book: book)
        #expect(diagnostics.count == 1)
        #expect(diagnostics[0].severity == .warning)
        #expect(diagnostics[0].location == SourceLocation(line: 2, column: 4))
    }

    @Test func plansJSONIsStable() throws {
        let a = PlansJSONWriter.json(try Self.plans([("S1", "M1", 20, nil), ("S2", "M2", nil, 3)]))
        let b = PlansJSONWriter.json(try Self.plans([("S1", "M1", 20, nil), ("S2", "M2", nil, 3)]))
        #expect(a == b)
        #expect(try JSONSerialization.jsonObject(with: Data(a.utf8)) is [String: Any])
    }

    // MARK: Output folder

    @Test func sha256MatchesKnownVectors() {
        #expect(SHA256.hex(Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Array(String(repeating: "a", count: 1000).utf8)
        #expect(SHA256.hex(long) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    @Test func aFailedWriteLeavesThePreviousOutputsIntact() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("riskmap-out-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out").path
        var first = OutputBundle()
        first.add("a.txt", "первый")
        first.add("sub/b.txt", "второй")
        try OutputBundleTests.withManifest(first).write(to: out)
        var broken = OutputBundle()
        broken.add("a.txt", "новый")
        broken.add("bad\u{0}name.txt", "x")  // cannot be created
        #expect(throws: OutputBundle.Failure.self) { try broken.write(to: out) }
        #expect(try String(contentsOfFile: out + "/a.txt", encoding: .utf8) == "первый")
        #expect(try String(contentsOfFile: out + "/sub/b.txt", encoding: .utf8) == "второй")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "no half-written staging folders: \(leftovers)")
        // A successful write replaces the whole folder (riskmap's stale files go away).
        var second = OutputBundle()
        second.add("c.txt", "третий")
        try OutputBundleTests.withManifest(second).write(to: out)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == ["c.txt", "manifest.json"])
    }
}
