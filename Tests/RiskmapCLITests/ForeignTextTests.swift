import Foundation
import Testing

/// The documents a municipality sends (school plans, roadmap, report template, summary) name
/// only its own district's schools: `riskmap plan` with the shipped rule book on every sample
/// (and the years its source document analysed) produces no name of another seed district,
/// school or company, and no «в документе не указан» or quoted report. The methodologist's
/// outputs (roadmap.csv, plans.json) keep each measure's basis and are not scanned. A school
/// plan's last section, «Приложение. Основания методики», and the roadmap's last annex,
/// «Приложение 2. Основания мероприятий», cite the seed documents on purpose (the audit
/// trail): there a source district's name may stand as a citation («Асино, разд. 1»), but no
/// school of another district and none of the phrases `neverShown` may.
@Suite struct ForeignTextTests {
    /// Each sample district's place and school names, as word stems.
    static let districts: [String: [String]] = [
        "tomsk": ["Томский р", "Томского р", "Итатск", "Калтайск", "Кафтанчиков", "Моряковск", "Спасская",
                  "Александровская", "Корниловск", "Лучановск", "Михетко", "Межениновск", "Мирненск",
                  "Молодежненск", "Наумовск", "Нелюбинск", "Октябрьская СОШ", "Рассветовск", "Семилуженск",
                  "Турунтаевск", "Халдеевск"],
        "asino": ["Асино", "Асинов", "Батурин", "Минаевк", "Новиковк", "Ягодное", "Больше-Дорохов"],
        "baikalovo": ["Байкалов", "Баженовск", "Вязовск", "Городищен", "Краснополян", "Ляпуновск", "Нижне-Иленск",
                      "Пелевин", "Чурманск", "Шадринск", "Еланск"],
        "dorogobuzh": ["Дорогобуж", "Дорогобужская", "Верхнеднепров"],
    ]

    /// The source documents as the bases cite them: allowed in the annexes only.
    static let citations = ["Томский р", "Томского р", "Асино", "Асинов", "Байкалов", "Дорогобуж"]

    /// Never in a document a school receives.
    static let neverShown = ["ПАО «", "не указан", "в отчёте", "как в документе", "Цель блока"]

    /// The annex of a school plan: where the scanned text ends.
    static let annexHeading = "Приложение. Основания методики"
    /// The roadmap's annex of the measures' bases: where its scanned text ends.
    static let roadmapBasesHeading = "Приложение 2. Основания мероприятий"

    static let runs: [(sample: String, year: String?)] = [
        ("tomsk", nil), ("asino", nil), ("asino", "2018/19"), ("baikalovo", nil), ("baikalovo", "2020/21"), ("dorogobuzh", nil),
    ]

    @Test(arguments: runs.indices)
    func documentsNameNoOtherDistrict(_ i: Int) throws {
        let (sample, year) = Self.runs[i]
        let tmp = try EngineCLI.temporaryFolder()
        defer { EngineCLI.cleanUp(tmp) }
        let out = tmp.path + "/out"
        var args = ["plan", "--rules", EngineCLI.path("Rules"), "--schools", EngineCLI.path("Samples/\(sample).csv"), "--out", out]
        if let year { args += ["--year", year] }
        let result = EngineCLI.run(args)
        #expect(result.code == 0 || result.code == 1, "\(result)")
        let foreign = Self.districts.filter { $0.key != sample }.flatMap(\.value)
        let fm = FileManager.default
        let documents = ["roadmap.md", "roadmap.html", "roadmap.docx", "report-template.md", "report-template.html", "report-template.docx",
                         "report-template.csv", "summary.html"]
            + (try fm.contentsOfDirectory(atPath: out + "/schools")).sorted().map { "schools/" + $0 }
        #expect(documents.count > 5)
        var measureLines = 0
        var annexes = 0, roadmapAnnexes = 0
        for path in documents {
            // Word documents: their XML parts.
            var text = String(decoding: try WordText.readable(out + "/" + path), as: UTF8.self)
            var annex = ""
            if path.hasPrefix("schools/") {
                // The plan up to its annex; the annex is the plan's last section.
                let parts = text.components(separatedBy: Self.annexHeading)
                #expect(parts.count <= 2, "\(path): more than one annex heading")
                if parts.count == 2 {
                    annexes += 1
                    for heading in ["Согласование", "Почему школа в программе"] where parts[1].contains(heading) {
                        Issue.record("\(path): «\(heading)» after the annex")
                    }
                    annex = parts[1]
                }
                text = parts[0]
            }
            if path.hasPrefix("roadmap.") && path != "roadmap.csv" {
                let parts = text.components(separatedBy: Self.roadmapBasesHeading)
                #expect(parts.count == 2, "\(path): one annex of the measures' bases")
                if parts.count == 2 { roadmapAnnexes += 1; annex = parts[1] }
                text = parts[0]
            }
            for (scanned, allowed, part) in [(text, [String](), "the document"), (annex, Self.citations, "its annex of sources")] {
                let lower = scanned.lowercased()
                for name in foreign where !allowed.contains(name) && lower.contains(name.lowercased()) {
                    Issue.record("\(sample) \(year ?? "default"): \(path), \(part), names «\(name)» of another district")
                }
                for phrase in Self.neverShown where lower.contains(phrase.lowercased()) {
                    Issue.record("\(sample) \(year ?? "default"): \(path), \(part), says «\(phrase)»")
                }
            }
            if path.hasPrefix("schools/"), path.hasSuffix(".md") {
                measureLines += text.split(separator: "\n").filter { $0.hasPrefix("| ") && $0.contains("(устраняет: фактор") }.count
            }
        }
        // The scan looked at real plans with measures, not empty ones.
        #expect(measureLines > 0, "\(sample): no measures planned")
        // …and the annexes were found, so the scan did not stop early by accident.
        #expect(annexes > 0, "\(sample): no school plan has an annex")
        #expect(roadmapAnnexes == 3, "\(sample): the roadmap's md, html and docx each have the annex of bases")
    }
}
