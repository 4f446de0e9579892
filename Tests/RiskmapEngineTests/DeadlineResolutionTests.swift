import Testing
@testable import RiskmapEngine
import RiskmapLanguage

/// Deadline ranges and frequencies resolved into the plan's school year, in both languages,
/// and how plans order them; several responsible roles in a plan.
@Suite struct DeadlineResolutionTests {
    static let year = SchoolYear(start: 2026)

    @Test(arguments: [
        (Deadline.range(from: MonthDay(.september), to: MonthDay(.october)), "сентябрь–октябрь 2026 г.", "September–October 2026"),
        (.range(from: MonthDay(.may), to: MonthDay(.june)), "май–июнь 2027 г.", "May–June 2027"),
        (.range(from: MonthDay(.november), to: MonthDay(.february)), "ноябрь 2026 г. – февраль 2027 г.",
         "November 2026 – February 2027"),
        (.range(from: MonthDay(.august), to: MonthDay(.september)), "август–сентябрь 2026 г.", "August–September 2026"),
        (.range(from: MonthDay(.september, day: 1), to: MonthDay(.october, day: 15)), "01.09.2026–15.10.2026",
         "01.09.2026–15.10.2026"),
        (.range(from: MonthDay(.january, day: 10), to: MonthDay(.february)), "10.01.2027–28.02.2027", "10.01.2027–28.02.2027"),
        (.frequency(.monthly), "ежемесячно в течение 2026/27 учебного года", "monthly during the 2026/27 school year"),
        (.frequency(.quarterly), "ежеквартально в течение 2026/27 учебного года", "quarterly during the 2026/27 school year"),
        (.frequency(.times(2, per: .year)), "2 раза в течение 2026/27 учебного года", "twice during the 2026/27 school year"),
        (.frequency(.times(1, per: .year)), "1 раз в течение 2026/27 учебного года", "once during the 2026/27 school year"),
        (.frequency(.times(5, per: .year)), "5 раз в течение 2026/27 учебного года", "5 times during the 2026/27 school year"),
        (.frequency(.times(1, per: .term)), "1 раз в четверть в течение 2026/27 учебного года",
         "once a term during the 2026/27 school year"),
        (.frequency(.times(2, per: .month)), "2 раза в месяц в течение 2026/27 учебного года",
         "twice a month during the 2026/27 school year"),
        (.frequency(.times(3, per: .quarter)), "3 раза в квартал в течение 2026/27 учебного года",
         "3 times a quarter during the 2026/27 school year"),
    ])
    func rendersInBothLanguages(deadline: Deadline, ru: String, en: String) {
        #expect(ResolvedDeadline.resolve(deadline, in: Self.year, lang: .ru).text == ru)
        #expect(ResolvedDeadline.resolve(deadline, in: Self.year, lang: .en).text == en)
    }

    @Test func aRangeHasItsFirstAndLastDay() {
        let r = ResolvedDeadline.resolve(.range(from: MonthDay(.november), to: MonthDay(.february)), in: SchoolYear(start: 2027), lang: .ru)
        #expect(r.date.map { [$0.year, $0.month, $0.day] } == [2027, 11, 1])
        #expect(r.until.map { [$0.year, $0.month, $0.day] } == [2028, 2, 29])  // a leap year
        let summer = ResolvedDeadline.resolve(.range(from: MonthDay(.june), to: MonthDay(.september)), in: Self.year, lang: .ru)
        #expect(summer.date.map { [$0.year, $0.month, $0.day] } == [2026, 6, 1])  // the summer before the school year
        #expect(summer.until.map { [$0.year, $0.month, $0.day] } == [2026, 9, 30])
    }

    /// «29 февраля» (valid in the rule book) falls on the 28th in a year without a 29th.
    @Test func theTwentyNinthOfFebruaryInAnOrdinaryYear() {
        #expect(ResolvedDeadline.resolve(.month(.february, day: 29), in: Self.year, lang: .ru).text == "28.02.2027")
        #expect(ResolvedDeadline.resolve(.month(.february, day: 29), in: SchoolYear(start: 2027), lang: .ru).text == "29.02.2028")
        let r = ResolvedDeadline.resolve(.range(from: MonthDay(.january, day: 10), to: MonthDay(.february, day: 29)), in: Self.year, lang: .ru)
        #expect(r.text == "10.01.2027–28.02.2027")
    }

    @Test func placementOfRanges() {
        #expect(Deadline.placement(from: MonthDay(.september), to: MonthDay(.october)) == .withinYear)
        #expect(Deadline.placement(from: MonthDay(.october), to: MonthDay(.october)) == .withinYear)
        #expect(Deadline.placement(from: MonthDay(.november), to: MonthDay(.march)) == .withinYear)
        #expect(Deadline.placement(from: MonthDay(.august), to: MonthDay(.september)) == .fromSummerBefore)
        #expect(Deadline.placement(from: MonthDay(.october), to: MonthDay(.september)) == .reversed)
        #expect(Deadline.placement(from: MonthDay(.may), to: MonthDay(.march)) == .reversed)
        #expect(Deadline.placement(from: MonthDay(.october, day: 15), to: MonthDay(.october, day: 1)) == .reversed)
        #expect(Deadline.placement(from: MonthDay(.august), to: MonthDay(.july)) == .reversed)
    }

    /// Dated deadlines and ranges by their first day; then «в течение года»; then
    /// frequencies, the more frequent first; then «ежегодно», text, none.
    @Test func orderIsDeterministic() {
        let deadlines: [Deadline?] = [
            nil, .text("x"), .annually, .frequency(.times(1, per: .year)), .frequency(.times(2, per: .year)),
            .frequency(.times(1, per: .term)), .frequency(.quarterly), .frequency(.monthly), .frequency(.times(2, per: .month)),
            .duringYear, .month(.may, day: nil), .month(.october, day: nil),
            .range(from: MonthDay(.october), to: MonthDay(.december)), .range(from: MonthDay(.september), to: MonthDay(.may)),
            .range(from: MonthDay(.august), to: MonthDay(.september)),
        ]
        let keys = deadlines.map { ResolvedDeadline.resolve($0, in: Self.year, lang: .ru).sortKey }
        #expect(keys == keys.sorted().reversed())
        #expect(Set(keys.map { "\($0.tier)/\($0.key)" }).count == keys.count)
    }

    static let book = """
    правила "План" { версия "1" год 2026/27 }
    показатель a "Показатель А" : число
    фактор fa "Фактор А" { если a > 10 }
    роль uo "Управление образования"
    роль uo_specialist "Специалист Управления образования"
    роль director "Руководитель ОО"
    роль rmo "РМО"
    мера joint "Совместная мера" { устраняет fa ответственный uo, director соисполнители rmo срок сентябрь–октябрь }
    мера often "Частая мера" { устраняет fa ответственный director срок ежемесячно }
    мера summer "Летняя мера" { устраняет fa ответственный uo_specialist, uo срок август–сентябрь }
    """

    static func plans(directory: String? = nil) throws -> PlanSet {
        let book = try checkedBook(book)
        var dir = Directory()
        if let directory {
            let (table, _) = CSVReader.read(bytes: Array(directory.utf8), path: "dir.csv")
            dir = Directory.load(table: try #require(table), book: book).0
        }
        var profiles = ProfileSet(indicatorCount: book.indicators.count, years: [SchoolYear(start: 2025)])
        let s = profiles.school(id: "S1", name: "Школа S1", municipality: "M1")
        let r = profiles.appendRow(school: s, yearIndex: 0, line: 0)
        profiles.set(indicator: 0, row: r, value: 20)
        profiles.finish()
        return Planner(Executor(Program(book: book)).run(profiles), directory: dir, lang: .ru).plan(yearIndex: 0)
    }

    @Test func severalResponsibleRolesInDeclaredOrder() throws {
        let plans = try Self.plans()
        let items = plans.schools[0].items
        #expect(items.map { plans.book.measures[$0.measure].code } == ["summer", "joint", "often"])
        #expect(items[0].responsible == ["Специалист Управления образования", "Управление образования"])
        #expect(items[1].responsible == ["Управление образования", "Руководитель ОО"])
        #expect(items[1].coExecutors == ["РМО"])
        #expect(items[1].deadline.text == "сентябрь–октябрь 2026 г.")
        #expect(items[2].deadline.text == "ежемесячно в течение 2026/27 учебного года")
        let roadmap = plans.municipalities[0].items
        #expect(roadmap.map(\.responsible) == items.map(\.responsible))
    }

    /// Two roles the directory gives to the same body: the body is named once.
    @Test func aBodyNamedForTwoRolesIsListedOnce() throws {
        let plans = try Self.plans(directory: "municipality;role;who\nM1;uo;УО М1\nM1;uo_specialist;УО М1\nM1;rmo;УО М1\n")
        let items = plans.schools[0].items
        #expect(items[0].responsible == ["УО М1"])
        #expect(items[1].responsible == ["УО М1", "Руководитель ОО"])
        #expect(items[1].coExecutors.isEmpty)  // already responsible
    }

    @Test func documentsListEveryResponsibleRole() throws {
        let plans = try Self.plans()
        let c = PlanContext(plans)
        let joined = "Управление образования; Руководитель ОО"
        let plan = SchoolPlanDocument.build(plans.schools[0], index: 0, c)
        #expect(DocumentMarkdown.render(plan).contains("| сентябрь–октябрь 2026 г. | \(joined) |"))
        #expect(RoadmapWriter.csv(c).contains("\"\(joined)\";РМО;"))
        let roadmap = RoadmapDocument.build(c)
        #expect(DocumentMarkdown.render(roadmap).contains("| \(joined) (соисполнители: РМО) |"))
        #expect(DocumentHTML.render(roadmap).contains(joined))
        #expect(DocumentHTML.render(plan).contains(joined))
        let json = PlansJSONWriter.json(plans)
        #expect(json.contains("\"responsible\": [\n            \"Управление образования\",\n            \"Руководитель ОО\"\n          ]"))
        #expect(json.contains("\"until\": \"2026-10-31\""))
        #expect(json.contains("\"frequency\": {\n              \"times\": 1,\n              \"per\": \"month\"\n            }"))
    }
}
