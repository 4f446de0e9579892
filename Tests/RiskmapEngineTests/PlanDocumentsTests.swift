import Foundation
import Testing
@testable import RiskmapEngine
import RiskmapLanguage

/// The plan documents: golden files for every output format on the starter sample, and the
/// acceptance points of the plans issue (a measure once per school, a municipal measure once
/// per municipality, data to supply for a school with only unknown factors, determinism).
///
/// To regenerate after an intended change: `RISKMAP_UPDATE_GOLDEN=1 swift test --filter PlanDocumentsTests`
/// (then review the diff under `Golden/plans/`).
@Suite struct PlanDocumentsTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/plans")
    static var updating: Bool { ProcessInfo.processInfo.environment["RISKMAP_UPDATE_GOLDEN"] == "1" }

    /// The starter rule book over a profile CSV, planned for the year after 2025/26.
    static func plans(csv: String = "starter-schools.csv", lang: Lang = .ru) throws -> PlanSet {
        let book = try starterBook()
        let path = packageRoot.appendingPathComponent("Tests/Fixtures/profiles/\(csv)").path
        let bytes = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
        let (table, csvDiagnostics) = CSVReader.read(bytes: bytes, path: path)
        guard let table else { throw RuleBookError(description: "cannot read \(path)") }
        let (profiles, diagnostics) = ProfileLoader.load(table: table, book: book, defaultYear: nil)
        let errors = (csvDiagnostics + diagnostics).filter { $0.severity == .error }
        if !errors.isEmpty { throw RuleBookError(description: DiagnosticRenderer(lang: .en).render(errors)) }
        let evaluation = Executor(Program(book: book)).run(profiles)
        guard let yearIndex = profiles.yearIndex(SchoolYear(start: 2025)) else { throw RuleBookError(description: "no 2025/26") }
        return Planner(evaluation, lang: lang).plan(yearIndex: yearIndex)
    }

    static func bundle(_ plans: PlanSet) -> OutputBundle {
        var bundle = OutputBundle()
        PlanDocuments.add(plans, to: &bundle)
        return bundle
    }

    static func files(under root: URL) -> [String] {
        guard let e = FileManager.default.enumerator(atPath: root.path) else { return [] }
        var out: [String] = []
        while let p = e.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root.appendingPathComponent(p).path, isDirectory: &isDirectory), !isDirectory.boolValue {
                out.append(p)
            }
        }
        return out.sorted()
    }

    // MARK: Golden files

    @Test(arguments: [("starter", "starter-schools.csv", Lang.ru), ("starter-en", "starter-schools.csv", .en), ("plan-schools", "plan-schools.csv", .ru)])
    func goldenFiles(name: String, csv: String, lang: Lang) throws {
        let bundle = Self.bundle(try Self.plans(csv: csv, lang: lang))
        let root = Self.golden.appendingPathComponent(name)
        if Self.updating {
            try? FileManager.default.removeItem(at: root)
            for (path, bytes) in bundle.files {
                let url = root.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: url)
            }
            return
        }
        #expect(Self.files(under: root) == bundle.files.map(\.path).sorted(), "the set of files differs from Golden/plans/\(name)")
        for (path, bytes) in bundle.files {
            let url = root.appendingPathComponent(path)
            guard let expected = FileManager.default.contents(atPath: url.path) else {
                Issue.record("missing golden \(name)/\(path); run with RISKMAP_UPDATE_GOLDEN=1")
                continue
            }
            #expect([UInt8](expected) == bytes, "\(name)/\(path) differs:\n\(String(decoding: bytes, as: UTF8.self))")
        }
    }

    @Test func everyFormatIsPresent() throws {
        let paths = Self.bundle(try Self.plans()).files.map(\.path)
        // Two municipalities: a folder each, the regional summary and plans.json at the top.
        for folder in ["Северный/", "Южный/"] {
            for p in ["roadmap.md", "roadmap.html", "roadmap.docx", "roadmap.csv", "summary.html", "report-template.csv", "report-template.md",
                      "report-template.html", "report-template.docx"] {
                #expect(paths.contains(folder + p), "missing \(folder + p)")
            }
        }
        for p in ["summary.html", "plans.json", "Северный/schools/S1.md", "Северный/schools/S1.html", "Южный/schools/S4.md",
                  "Южный/schools/S4.docx"] {
            #expect(paths.contains(p), "missing \(p)")
        }
        #expect(Set(paths).count == paths.count)
    }

    // MARK: Acceptance

    @Test func aMeasureAddressingTwoTriggeredFactorsAppearsOnceInTheSchoolPlan() throws {
        let plans = try Self.plans()
        let plan = try #require(plans.schools.first { $0.school.id == "S2" })
        let staffPlan = try #require(plans.book.measures.first { $0.code == "staff_plan" })
        #expect(plan.items.filter { $0.measure == staffPlan.index }.count == 1)
        let bundle = Self.bundle(plans)
        for ext in ["md", "html"] {
            let text = try #require(bundle.document("schools/S2.\(ext)"))
            #expect(text.components(separatedBy: staffPlan.title).count - 1 == 1, "\(ext): «\(staffPlan.title)» must appear once")
            #expect(text.contains("Дефицит педагогических кадров"))
            #expect(text.contains("Низкий уровень оснащения школы"))
        }
        let md = try #require(bundle.document("schools/S2.md"))
        let line = try #require(md.split(separator: "\n").first { $0.contains(staffPlan.title) })
        #expect(line.contains("устраняет: факторы 1, 2"))  // by their numbers in «Почему школа в программе»
        // The triggered factors are numbered in rule-book order.
        #expect(md.contains("- **1. Низкий уровень оснащения школы**"))
        #expect(md.contains("- **2. Дефицит педагогических кадров**"))
    }

    @Test func aMunicipalMeasureAppearsOncePerMunicipalityInTheRoadmap() throws {
        let plans = try Self.plans(csv: "plan-schools.csv")
        let workingGroup = try #require(plans.book.measures.first { $0.code == "working_group" })
        let south = try #require(plans.municipalities.first { $0.municipality == "Южный" })
        let lines = south.items.filter { $0.measure == workingGroup.index }
        #expect(lines.count == 1)
        #expect(lines.first?.schools.map { plans.schools[$0].school.id } == ["S4", "S5"])
        let bundle = Self.bundle(plans)
        let csv = try #require(bundle.text("Южный/roadmap.csv"))
        let rows = csv.components(separatedBy: "\r\n").filter { $0.contains(workingGroup.title) }
        #expect(rows.count == 1)
        #expect(rows.first?.hasPrefix("Южный;") == true)
        #expect(rows.first?.contains("МБОУ «СОШ № 4»; МБОУ «СОШ № 5»") == true)
        let md = try #require(bundle.text("Южный/roadmap.md"))
        #expect(md.components(separatedBy: workingGroup.title).count - 1 == 1)
        // Each school's plan points to the roadmap instead of repeating the measure as a line.
        for id in ["S4", "S5"] {
            let school = try #require(bundle.document("schools/\(id).md"))
            #expect(school.contains("## Мероприятия муниципального уровня"))
            #expect(school.contains(" 1 дорожной карты"), "the school's plan names the roadmap's item number")
            #expect(!school.contains(workingGroup.title))
        }
        // Starter: one line per municipality that needs it.
        let starter = try Self.plans()
        let perMunicipality = starter.municipalities.map { $0.items.filter { $0.measure == workingGroup.index }.count }
        #expect(perMunicipality.allSatisfy { $0 <= 1 })
        let starterBundle = Self.bundle(starter)
        let starterLines = try ["Северный", "Южный"].map { m in
            try #require(starterBundle.text(m + "/roadmap.csv")).components(separatedBy: "\r\n").filter { $0.contains(workingGroup.title) }.count
        }
        #expect(starterLines == perMunicipality)
    }

    @Test func aSchoolWithOnlyUnknownFactorsGetsDataToSupplyAndNoMeasures() throws {
        let plans = try Self.plans(csv: "plan-schools.csv")
        let plan = try #require(plans.schools.first { $0.school.id == "N1" })
        #expect(plan.factors.allSatisfy { $0.explanation.status == .unknown })
        #expect(plan.items.isEmpty && plan.municipalMeasures.isEmpty)
        #expect(!plan.dataToSupply.isEmpty)
        let bundle = Self.bundle(plans)
        let md = try #require(bundle.document("schools/N1.md"))
        #expect(md.contains("## Данные, которые необходимо предоставить"))
        #expect(md.contains("- **за 2025/26 учебный год: **") && md.contains("Скорость интернета"))
        #expect(md.contains("Мероприятия не назначены"))
        #expect(!md.contains("| Мероприятие |"))
        for measure in plans.book.measures { #expect(!md.contains(measure.title), "invented measure \(measure.code)") }
        let html = try #require(bundle.document("schools/N1.html"))
        #expect(html.contains("<h2>Данные, которые необходимо предоставить</h2>"))
        #expect(!html.contains("<table id=\"plan-1\""))
        // A school whose data are complete has no such section.
        let complete = try #require(bundle.document("schools/S4.md"))
        #expect(!complete.contains("Данные, которые необходимо предоставить"))
    }

    /// A school director reads the plan: no column of source citations in the school's tables
    /// or the roadmap's; the basis stays in roadmap.csv and plans.json, for the methodologist.
    @Test func sourceCitationsStayOutOfTheDocumentsAndInTheCSVAndJSON() throws {
        let plans = try Self.plans()
        let audit = try #require(plans.book.measures.first { $0.code == "equipment_audit" })
        let basis = try #require(audit.basis)
        let bundle = Self.bundle(plans)
        let schoolsWithAudit = plans.schools.filter { $0.items.contains { $0.measure == audit.index } }
        #expect(!schoolsWithAudit.isEmpty, "the starter sample must plan the measure that has a basis")
        for plan in schoolsWithAudit {
            for ext in ["md", "html"] {
                let whole = try #require(bundle.document("schools/\(plan.school.id).\(ext)"))
                // The plan proper, then its annex «Основания методики» (the last section).
                let parts = whole.components(separatedBy: "Приложение. Основания методики")
                #expect(parts.count == 2, "schools/\(plan.school.id).\(ext): one annex")
                let text = parts[0], annex = parts.count == 2 ? parts[1] : ""
                #expect(text.contains(audit.title))
                #expect(!text.contains(basis), "schools/\(plan.school.id).\(ext) shows the basis")
                #expect(!text.contains("Основание"), "schools/\(plan.school.id).\(ext) has a basis column")
                #expect(!text.contains("Источник"), "schools/\(plan.school.id).\(ext) has a source column")
                // The measures' bases are the roadmap's (one list for the municipality); the
                // school's annex says where they are.
                #expect(!annex.contains(basis), "schools/\(plan.school.id).\(ext): the annex repeats the roadmap's measure bases")
                #expect(annex.contains("Основания мероприятий плана — в приложении 2 «Основания мероприятий» к муниципальной дорожной карте"))
                #expect(annex.contains(plans.book.header.basis ?? "—"), "the annex cites the methodology's basis")
                #expect(!annex.contains("Согласование") && !annex.contains("План мероприятий"))
            }
        }
        // The roadmap: no basis column; the bases in its last annex «Основания мероприятий»,
        // by item number. The report template and the summary: no basis anywhere.
        let md = try #require(bundle.document("roadmap.md"))
        #expect(md.contains("| № | Мероприятие | Срок | Ответственный | Школ | Ожидаемый результат |\n"))
        for path in ["roadmap.md", "roadmap.html"] {
            let parts = try #require(bundle.document(path)).components(separatedBy: "Приложение 2. Основания мероприятий")
            #expect(parts.count == 2, "\(path): one annex of the measures' bases")
            #expect(!parts[0].contains(basis), "\(path) shows the basis before its annex")
            #expect(!parts[0].contains("Основание"), "\(path) has a basis column")
            #expect(parts.count == 2 && parts[1].contains(basis), "\(path): the annex cites the measure's basis")
        }
        #expect(md.contains("| Основание |\n"), "the annex's columns")
        for path in ["report-template.md", "summary.html"] {
            let text = try #require(bundle.document(path))
            #expect(!text.contains(basis), "\(path) shows the basis")
            #expect(!text.contains("Основание"), "\(path) has a basis column")
        }
        // Machine-readable outputs keep it.
        #expect(try #require(bundle.document("roadmap.csv")).contains(basis))
        let json = PlansJSONWriter.json(plans)
        #expect(json.contains("\"basis\": \"\(basis)\"") || json.contains("\"basis\":\"\(basis)\""))
        let sparse = PlansJSONWriter.json(try Self.plans(csv: "plan-schools.csv"))
        #expect(sparse.contains("\"source\""), "plans.json keeps where the data to supply come from")
        // English: the same columns are gone.
        let en = Self.bundle(try Self.plans(lang: .en))
        #expect(!(try #require(en.document("roadmap.md"))).contains("Basis"))
        #expect(!(try #require(en.document("roadmap.html"))).contains("Basis"))
    }

    /// The annex cites, numbered as the plan numbers them, the bases of the school's groups,
    /// triggered factors and planned measures — and only theirs.
    @Test func theAnnexCitesWhatThePlanRestsOn() throws {
        let plans = try Self.plans()
        let bundle = Self.bundle(plans)
        var annexes = 0
        for plan in plans.schools {
            let md = try #require(bundle.document("schools/\(plan.school.id).md"))
            guard let start = md.range(of: "## Приложение. Основания методики") else { continue }
            annexes += 1
            let annex = String(md[start.upperBound...])
            let triggered = plan.factors.filter { $0.explanation.status == .triggered }.map(\.factor)
            for (n, f) in triggered.enumerated() {
                guard let basis = plans.book.factors[f].basis else { continue }
                #expect(annex.contains("| Фактор \(n + 1) | **\(plans.book.factors[f].title):** \(basis) |"), "\(plan.school.id): factor \(n + 1)\n\(annex)")
            }
            for g in plan.groups {
                guard let basis = plans.book.groups[g].basis else { continue }
                #expect(annex.contains("**\(plans.book.groups[g].title):** \(basis)"))
            }
            let planned = Set(plan.items.map(\.measure))
            for m in plans.book.measures where m.basis != nil && !planned.contains(m.index) && m.scope == .school {
                #expect(!annex.contains(m.basis!) || plans.book.measures.contains { planned.contains($0.index) && $0.basis == m.basis },
                        "\(plan.school.id): the annex cites \(m.code), which is not in the plan")
            }
            // No measure's basis: those are in the roadmap's annex, which the note names.
            #expect(!annex.contains("| Мероприятие "), "\(plan.school.id)")
            if plan.items.contains(where: { plans.book.measures[$0.measure].basis != nil }) {
                #expect(annex.contains("в приложении 2 «Основания мероприятий» к муниципальной дорожной карте"), "\(plan.school.id)")
            }
        }
        #expect(annexes > 0)
        // English wording beside the Russian.
        let en = Self.bundle(try Self.plans(lang: .en))
        let md = try #require(en.document("schools/\(plans.schools[0].school.id).md"))
        #expect(md.contains("## Annex. Sources of the methodology"))
        #expect(md.contains("| Methodology | **"))
    }

    /// The fuzz harnesses' Word output (`WordOutput.xmlParts`) is the package's XML parts as
    /// they are zipped, so checking it checks what users get: a hostile school name is
    /// escaped there, and the package itself is the ZIP of those parts.
    @Test func wordXMLPartsAreWhatThePackageHolds() throws {
        var plans = try Self.plans()
        plans.schools[0].school.name = "<q\"q<w:t>"
        var xml = OutputBundle(), package = OutputBundle()
        PlanDocuments.add(plans, to: &xml, word: .xmlParts)
        PlanDocuments.add(plans, to: &package)
        #expect(xml.files.map(\.path) == package.files.map(\.path))
        let docx = xml.files.filter { $0.path.hasSuffix(".docx") }
        #expect(docx.count >= 3)
        for file in docx {
            let text = String(decoding: file.bytes, as: UTF8.self)
            #expect(text.hasPrefix("<?xml"), "\(file.path)")
            #expect(!text.contains("<q") && !text.contains("\"q"), "\(file.path): the hostile name unescaped")
            let zipped = try #require(package.files.first { $0.path == file.path })
            let read = try DocxReadBack(zipped.bytes)
            #expect(text.contains(read.document) && text.contains(read["word/styles.xml"]), "\(file.path): the parts differ from the package's")
        }
        #expect(docx.contains { String(decoding: $0.bytes, as: UTF8.self).contains("&lt;q&quot;q&lt;w:t&gt;") })
        // Everything but the Word files is the same either way.
        for (a, b) in zip(xml.files, package.files) where !a.path.hasSuffix(".docx") && !a.path.hasSuffix("manifest.json") {
            #expect(a.bytes == b.bytes, "\(a.path)")
        }
    }

    @Test func twoRunsGiveByteIdenticalBundles() throws {
        for csv in ["starter-schools.csv", "plan-schools.csv"] {
            let a = Self.bundle(try Self.plans(csv: csv))
            let b = Self.bundle(try Self.plans(csv: csv))
            #expect(a.files.map(\.path) == b.files.map(\.path))
            #expect(a.files.map(\.bytes) == b.files.map(\.bytes))
        }
    }

    // MARK: Formats

    @Test func safeFileNamesKeepLettersAndResolveCollisions() throws {
        #expect(SafeFileName.base("Ю-7/1") == "Ю-7_1")
        #expect(SafeFileName.base("a b.c") == "a_b_c")
        #expect(SafeFileName.base("") == "_")
        #expect(SafeFileName.assign(["Ю-7/1", "Ю-7_1", "ю-7 1", "S1"]) == ["Ю-7_1", "Ю-7_1_2", "ю-7_1_3", "S1"])
        let paths = Self.bundle(try Self.plans(csv: "plan-schools.csv")).files.map(\.path)
        #expect(paths.contains { $0.hasSuffix("/schools/Ю-7_1.md") } && paths.contains { $0.hasSuffix("/schools/Ю-7_1_2.md") })
    }

    /// Issue 17, item 4: long IDs get bounded, stable, distinct names; device names are avoided.
    @Test(arguments: [
        ("CON", "CON_"), ("nul", "nul_"), ("Com1", "Com1_"), ("LPT9", "LPT9_"), ("AUX", "AUX_"), ("PRN", "PRN_"),
        ("CONSOLE", "CONSOLE"), ("COM10", "COM10"), ("CON.txt", "CON_txt"),
        (String(repeating: "a", count: 112), String(repeating: "a", count: 112)),
    ])
    func safeFileNamesAvoidDeviceNames(id: String, name: String) {
        #expect(SafeFileName.base(id) == name)
    }

    @Test(arguments: [113, 200, 1_000, 100_000])
    func safeFileNamesAreBounded(length: Int) {
        for letter in ["a", "ж", "😀"] {
            let id = String(repeating: letter, count: length)
            let name = SafeFileName.base(id)
            #expect(name.utf8.count <= SafeFileName.maxBytes, "\(letter) × \(length)")
            #expect(name.utf8.count + " (ваша правка).html".utf8.count <= 255)
            #expect(name == SafeFileName.base(id), "stable")
            #expect(name.contains("~"))
            // Two long IDs that differ only at the end get different names.
            #expect(SafeFileName.base(id + "x") != name)
        }
    }

    /// A pipe or line break followed by a combining mark (one Character) is escaped all the
    /// same (found by Fuzz/writers for the CSV writer's quotes).
    @Test func markdownEscapesByScalar() {
        #expect(MarkdownTable.escape("a|\u{0308}b") == "a\\|\u{0308}b")
        #expect(MarkdownTable.escape("a\n\u{0308}b") == "a \u{0308}b")
    }

    @Test func markdownEscapesPipesAndHTMLIsSelfContained() throws {
        let bundle = Self.bundle(try Self.plans(csv: "plan-schools.csv"))
        let md = try #require(bundle.document("schools/Ю-7_1.md"))
        #expect(md.contains("МБОУ «Школа \\| филиал № 7»"))
        let roadmap = try #require(bundle.document("roadmap.md"))
        #expect(roadmap.contains("Школа \\| филиал"))
        // Every table row of every Markdown file has as many cells as its header.
        for (path, bytes) in bundle.files where path.hasSuffix(".md") {
            var columns: Int?
            for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
                guard line.hasPrefix("|") else { columns = nil; continue }
                let cells = line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count - 1
                if let columns { #expect(cells == columns, "\(path): \(line)") } else { columns = cells }
            }
        }
        for (path, bytes) in bundle.files where path.hasSuffix(".html") {
            let html = String(decoding: bytes, as: UTF8.self)
            #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"ru\">"), "\(path)")
            #expect(html.contains("<meta charset=\"utf-8\">"))
            #expect(html.contains("@page { size: A4; margin: 15mm }"))
            #expect(!html.contains("<script"), "\(path)")
            #expect(!html.contains("src="), "\(path)")
            #expect(!html.contains("http://"), "\(path)")
            #expect(!html.contains("https://"), "\(path)")
            #expect(!html.contains("<link"), "\(path)")
            #expect(!html.contains("| филиал") || html.contains("Школа | филиал"), "\(path)")
        }
    }

    @Test func csvFilesAreForRussianExcel() throws {
        let bundle = Self.bundle(try Self.plans())
        for path in ["roadmap.csv", "report-template.csv"] {
            let bytes = try #require(bundle.files.first { $0.path == "Северный/" + path }?.bytes)
            #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF], "\(path): UTF-8 BOM")
            let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
            #expect(text.hasSuffix("\r\n"))
            #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        }
        let template = try #require(bundle.document("report-template.csv"))
        let lines = template.dropFirst().components(separatedBy: "\r\n").dropLast()
        #expect(lines.first == "Муниципалитет;№;Мероприятие;Сроки исполнения;Выполнено (содержание ответа)")
        let plans = try Self.plans()
        #expect(lines.count - 1 == plans.municipalities[0].items.count)
        for line in lines.dropFirst() { #expect(line.hasSuffix(";"), "the answer column is empty: \(line)") }
        let md = try #require(bundle.document("report-template.md"))
        #expect(md.contains("| № | Мероприятие | Срок | Ответственный | Школы | Выполнено (содержание ответа) | Статус |"))
        #expect(md.contains("## Лист школы: "), "one sheet per school")
    }

    @Test func summaryHasTheChartTheSchoolTableAndTheWorkload() throws {
        // A municipality's summary (in a region's, the municipalities take the school table's place).
        let region = Self.bundle(try Self.plans())
        #expect(try #require(region.text("summary.html")).contains("<table id=\"municipalities\""))
        let plans = try Self.plans().municipality(0).plans
        let html = try #require(Self.bundle(plans).text("summary.html"))
        #expect(html.contains("<table id=\"factors\" class=\"bars\">"))
        #expect(html.contains("<span class=\"seg k-triggered\""))
        #expect(html.contains("<div class=\"figures\">"))
        #expect(html.contains("<table id=\"schools\""))
        #expect(html.contains("<table id=\"workload\""))
        // Sorted by level, highest first: S1 and S4 rows come before the «низкий» ones.
        let order = SummaryHTML.sortedSchools(plans).map { plans.schools[$0].levels[0].code }
        let rank = order.map { code in plans.book.scales[0].levels.firstIndex { $0.code == code } ?? 99 }
        #expect(rank == rank.sorted())
        for plan in plans.schools { #expect(html.contains(HTMLEscape.text(plan.school.name))) }
    }

    @Test func englishWording() throws {
        let bundle = Self.bundle(try Self.plans(lang: .en))
        let md = try #require(bundle.document("schools/S2.md"))
        #expect(md.contains("# School support plan:"))
        #expect(md.contains("| No. | Measure | Deadline | Responsible | Expected result | Done (mark) |\n"))
        #expect(md.contains("## Why the school is in the programme"))
        #expect(!md.contains("Мероприятие"))
        let summary = try #require(bundle.text("summary.html"))
        #expect(summary.contains("<html lang=\"en\">"))
    }

    // MARK: Documents of issue 13

    /// Целевые показатели from hand-made targets (the planner does not fill them yet):
    /// values by the indicator's type with a decimal comma, «нет данных» for what is unknown,
    /// one column per step year; no section at all when there are no targets.
    @Test func targetsTableRendersHandMadeTargets() throws {
        var plans = try Self.plans()
        let i = try #require(plans.schools.firstIndex { $0.school.id == "S2" })
        let share = try #require(plans.book.indicators.first { $0.code == "teachers_over_55" })
        let speed = try #require(plans.book.indicators.first { $0.code == "internet_mbps" })
        let y26 = SchoolYear(start: 2026), y27 = SchoolYear(start: 2027)
        let before = DocumentMarkdown.render(SchoolPlanDocument.build(plans.schools[i], index: i, PlanContext(plans)))
        // No targets: no table, and the triggered factors without one are named as such.
        #expect(!before.contains("| № | Показатель |"), "no targets, no table")
        #expect(before.contains("методика не задаёт целев"), "\(before)")
        // …without a reason that is false for some of them (grading that swings between years is
        // not a condition the school cannot change).
        #expect(before.contains("отслеживают по исполнению мероприятий плана"), "\(before)")
        #expect(!before.contains("не влияет"), "\(before)")
        plans.schools[i].targets = [
            FactorTarget(factor: 1, indicator: share.index, direction: .atMost, baseline: 50, baselineYear: SchoolYear(start: 2025),
                         goal: 40, steps: [.init(year: y26, value: 45.5), .init(year: y27, value: 40)], responsible: ["Руководитель ОО"]),
            FactorTarget(factor: 0, indicator: speed.index, direction: .atLeast, baseline: nil, baselineYear: SchoolYear(start: 2025),
                         goal: 10, steps: [.init(year: y26, value: nil)], responsible: ["Управление образования"]),
        ]
        let document = SchoolPlanDocument.build(plans.schools[i], index: i, PlanContext(plans))
        let table = try #require(document.blocks.compactMap { block -> Document.Table? in
            if case .table(let t) = block, t.name == "targets" { return t }
            return nil
        }.first)
        #expect(table.columns.map(\.title) == ["№", "Показатель", "Базовое значение", "Цель", "на конец 2026/27", "на конец 2027/28"])
        let md = DocumentMarkdown.render(document)
        #expect(md.contains("| 1 | Доля педагогов старше 55 лет (по фактору 2) | 50 % (2025/26) | не выше 40 % | 45,5 % | 40 % |"))
        #expect(md.contains("| 2 | Скорость интернета (по фактору 1) | нет данных (2025/26) | не ниже 10 | нет данных | — |"))
        // Who answers for which row, under the table.
        #expect(md.contains("Ответственные за достижение целевых показателей (по номерам строк): 1 — Руководитель ОО; 2 — Управление образования."))
        let html = DocumentHTML.render(document)
        #expect(html.contains("<table id=\"targets\" class=\"doc\">"))
        #expect(html.contains("45,5 %"))
        // The targets reach the school's sheet of the report template too.
        let report = DocumentMarkdown.render(ReportTemplateDocument.build(PlanContext(plans)))
        #expect(report.contains("| 1 | Доля педагогов старше 55 лет | 50 % ((2025/26)) | 45,5 % |   |   |"))
    }

    /// The shipped rule book groups measures by direction (`направление`, Rules/55-directions.rules); every
    /// measure has one.
    @Test func shippedMeasuresHaveDirections() throws {
        guard case .success(let files) = RuleBookLoader.load(packageRoot.appendingPathComponent("Rules").path) else {
            Issue.record("cannot load Rules/")
            return
        }
        let directions = MeasureDirections(try #require(Checker.check(files: files).0))
        #expect(directions.titles.count >= 6)
        #expect(directions.ofMeasure.allSatisfy { $0 != nil })
        #expect(directions.titles.contains("Развитие кадрового потенциала и управленческих команд"))
    }

    /// A rule book without directions: one untitled section, numbered 1, 2, 3.
    @Test func measuresWithoutDirectionsAreNumberedPlainly() throws {
        let md = try #require(Self.bundle(try Self.plans()).document("schools/S2.md"))
        #expect(!md.contains("Прочие мероприятия"))
        #expect(md.contains("\n| 1 | "))
    }

    @Test func theSparseYearIsNamed() throws {
        let coverage = [YearCoverage(year: SchoolYear(start: 2018), schools: 8, decided: 0.45),
                        YearCoverage(year: SchoolYear(start: 2019), schools: 8, decided: 0.06)]
        #expect(YearCoverage.better(than: SchoolYear(start: 2019), in: coverage)?.year == SchoolYear(start: 2018))
        #expect(YearCoverage.better(than: SchoolYear(start: 2018), in: coverage) == nil)
        #expect(YearCoverage.better(than: SchoolYear(start: 2020), in: coverage) == nil)
    }
}

extension OutputBundle {
    /// A document by its path inside a municipality's folder: with plans for several
    /// municipalities (`RegionalLayout`) `schools/S4.md` is `Южный/schools/S4.md`, and
    /// `roadmap.md` the first municipality's. A path at the top (`plans.json`) as it is.
    func document(_ path: String) -> String? {
        text(path) ?? files.first { $0.path.hasSuffix("/" + path) }.map { String(decoding: $0.bytes, as: UTF8.self) }
    }
}
