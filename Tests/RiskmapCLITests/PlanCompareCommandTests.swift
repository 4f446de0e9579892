import Foundation
import Testing
import RiskmapCLI
import RiskmapEngine

/// `riskmap plan --compare-with PREVIOUS_OUT` end to end with the built binary: a changed
/// parameter (counts checked against the two runs' plans.json, compared independently), two
/// school years (the previous plan's targets), and bad input refused with nothing written.
@Suite(.enabled(if: riskmapBinary != nil,
                "the riskmap binary is not built (.build/debug/riskmap): run `swift build --product riskmap` first"))
struct PlanCompareCommandTests {
    /// Per school id: (groups, undecided groups, factor code → status) from a plans.json.
    static func schools(_ path: String) throws -> [String: (groups: Set<String>, undecided: Set<String>, factors: [String: String])] {
        let data = try #require(FileManager.default.contents(atPath: path))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var out: [String: (Set<String>, Set<String>, [String: String])] = [:]
        for s in try #require(root["schools"] as? [[String: Any]]) {
            var factors: [String: String] = [:]
            for f in s["factors"] as? [[String: Any]] ?? [] { factors[f["code"] as! String] = f["status"] as? String }
            out[s["id"] as! String] = (Set(s["groups"] as? [String] ?? []), Set(s["undecidedGroups"] as? [String] ?? []), factors)
        }
        return out
    }

    static func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test func aChangedParameterListsWhoEnteredAndLeftAndWhatWasResolved() throws {
        let project = try Binary.project()
        defer { EngineCLI.cleanUp(project) }
        let first = try Binary.run(["plan", "--schools", "Samples/tomsk.csv", "--out", "out"], in: project)
        #expect(first.code == 0, "\(first)")
        let before = try Self.schools(project.path + "/out/plans.json")
        // vpr_fail_max 25 % → 35 %, and the new plans replace the previous ones in the same folder.
        let rules = project.appendingPathComponent("Rules/20-parameters.rules").path
        let text = try Self.read(rules)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("параметр vpr_fail_max ") })
        try Data(text.replacingOccurrences(of: String(line), with: line.replacingOccurrences(of: "= 25%", with: "= 35%")).utf8)
            .write(to: URL(fileURLWithPath: rules))
        let second = try Binary.run(["plan", "--schools", "Samples/tomsk.csv", "--out", "out", "--compare-with", "out"], in: project)
        #expect(second.code == 0, "\(second)")
        let after = try Self.schools(project.path + "/out/plans.json")

        // Independently: per group, schools in it now that were neither in nor undecided before, and the reverse.
        let shnor = "shnor"
        let entered = after.filter { id, s in s.groups.contains(shnor) && before[id].map { !$0.groups.contains(shnor) && !$0.undecided.contains(shnor) } == true }
        let left = after.filter { id, s in !s.groups.contains(shnor) && !s.undecided.contains(shnor) && before[id]?.groups.contains(shnor) == true }
        let resolved = after.filter { id, s in
            s.factors["vpr_fail_high"].map { ["not_triggered", "not_applicable"].contains($0) } == true
                && before[id]?.factors["vpr_fail_high"] == "triggered"
        }
        #expect(!left.isEmpty || !resolved.isEmpty, "a higher threshold should change something on the Tomsk sample")
        let summary = try Self.read(project.path + "/out/summary.html")
        #expect(summary.contains("<h2>Что изменилось</h2>"))
        #expect(summary.contains("<tr><td>Школа с низкими образовательными результатами (ШНОР)</td><td class=\"num\">\(entered.count)</td><td class=\"num\">\(left.count)</td></tr>"),
                "\(summary)")
        let new = after.filter { id, s in
            s.factors["vpr_fail_high"] == "triggered"
                && before[id].map { ["not_triggered", "not_applicable"].contains($0.factors["vpr_fail_high"] ?? "") } == true
        }
        if !resolved.isEmpty || !new.isEmpty {
            let title = "Высокая доля отметок «2» по ВПР (математика, русский язык, 5–6 классы)"
            #expect(summary.contains("<tr><td>\(title)</td><td class=\"num\">\(new.count)</td><td class=\"num\">\(resolved.count)</td>"), "\(summary)")
        }
        #expect(second.stderr.contains("Что изменилось по сравнению с out/: вошли в группы — "), "\(second)")
        for id in left.keys {
            let plan = try Self.read(project.path + "/out/schools/\(id).md")
            #expect(plan.contains("- Вышла из групп"), "\(id): \(plan)")
            #expect(plan.contains("«Школа с низкими образовательными результатами (ШНОР)»"))
        }
        for id in resolved.keys {
            let plan = try Self.read(project.path + "/out/schools/\(id).md")
            #expect(plan.contains("Устранённые факторы риска (прежде сработали, теперь нет): "), "\(id)")
        }
        // The same version of the rule book and the same data year: no target is due yet.
        #expect(summary.contains("Целевые показатели прежнего плана: достигнуто 0, не достигнуто 0, не определено (нет данных) 0, срок не наступил"))
        let manifest = try Self.read(project.path + "/out/manifest.json")
        #expect(manifest.contains("--compare-with"))
        #expect(manifest.contains("\"role\": \"previous plans\",\n      \"path\": \"out/plans.json\""), "\(manifest)")
    }

    @Test func twoSchoolYearsCheckThePreviousTargets() throws {
        let tmp = try EngineCLI.temporaryFolder()
        defer { EngineCLI.cleanUp(tmp) }
        let schools = EngineCLI.path("Samples/tomsk.csv")
        let a = try Binary.run(["plan", "--rules", EngineCLI.path("Rules"), "--schools", schools, "--year", "2017/18", "--out", "a"], in: tmp)
        #expect(a.code == 0, "\(a)")
        let b = try Binary.run(["plan", "--rules", EngineCLI.path("Rules"), "--schools", schools, "--year", "2018/19", "--out", "b",
                                "--compare-with", "a", "--lang", "en"], in: tmp)
        #expect(b.code == 0, "\(b)")
        let summary = try Self.read(tmp.path + "/b/summary.html")
        #expect(summary.contains("<h2>What changed</h2>"))
        #expect(summary.contains("Compared with the previous plan (data of 2017/18, rule book"))
        let plans = try FileManager.default.contentsOfDirectory(atPath: tmp.path + "/b/schools").filter { $0.hasSuffix(".md") }
        let texts = try plans.map { try Self.read(tmp.path + "/b/schools/" + $0) }
        #expect(texts.allSatisfy { $0.contains("## What changed") })
        #expect(texts.contains { $0.contains("The previous plan's targets by the data of 2018/19:") })
        #expect(texts.contains { $0.contains(" — met.") })
        #expect(texts.contains { $0.contains(" — not met.") })
        #expect(summary.contains("The previous plan&#39;s targets: 16 met, 12 not met, 0 undecided (no data)."), "\(summary)")
        // The HTML and Word plans carry the section too.
        let html = try Self.read(tmp.path + "/b/schools/" + plans[0].replacingOccurrences(of: ".md", with: ".html"))
        #expect(html.contains("What changed"))
    }

    /// A previous folder that cannot be compared with: a message with the path and a hint,
    /// exit 66, and the output folder exactly as it was.
    @Test(arguments: [
        ("missing", "путь «", "не существует"),
        ("file", "— файл, а нужна папка, которую записал прежний запуск riskmap plan", ""),
        ("empty", "нет файла «", "plans.json»: сравнивать не с чем"),
        ("broken", "plans.json» не читается как JSON", ""),
        ("format", "записан в другом формате («riskmap-plans 9»), а эта версия riskmap читает «riskmap-plans 1»", ""),
        ("fields", "нет поля «schools[0].id»", ""),
    ])
    func badPreviousOutputIsRefusedAndNothingIsWritten(kind: String, message: String, more: String) throws {
        let tmp = try EngineCLI.temporaryFolder()
        defer { EngineCLI.cleanUp(tmp) }
        let good = EngineCLI.run(["plan", "--rules", EngineCLI.starterRules, "--schools", EngineCLI.starterSchools, "--out", tmp.path + "/out"])
        #expect(good.code == 0, "\(good)")
        let outBefore = try PlanCommandTests.files(tmp.path + "/out")
        let previous = tmp.appendingPathComponent("prev")
        switch kind {
        case "missing": break
        case "file": try Data("x".utf8).write(to: previous)
        default:
            try FileManager.default.createDirectory(at: previous, withIntermediateDirectories: true)
            let text: String? = kind == "broken" ? "{\"schools\": [" :
                kind == "format" ? "{\"format\": {\"name\": \"riskmap-plans\", \"version\": 9}, \"ruleset\": {}, \"schools\": []}" :
                kind == "fields" ? "{\"ruleset\": {}, \"schools\": [{\"name\": \"x\"}]}" : nil
            if let text { try Data(text.utf8).write(to: previous.appendingPathComponent("plans.json")) }
        }
        let r = try Binary.run(["plan", "--rules", EngineCLI.starterRules, "--schools", EngineCLI.starterSchools, "--out", "out",
                                "--compare-with", "prev"], in: tmp)
        #expect(r.code == 66, "\(r)")
        #expect(r.stderr.contains("ошибка: "), "\(r)")
        #expect(r.stderr.contains(message), "\(r)")
        #expect(more.isEmpty || r.stderr.contains(more), "\(r)")
        #expect(r.stderr.contains("prev"), "the message names the path: \(r)")
        #expect(r.stderr.contains("подсказка: укажите папку, которую записал прежний запуск riskmap plan (в ней plans.json)"), "\(r)")
        #expect(try PlanCommandTests.files(tmp.path + "/out") == outBefore)
    }

    @Test func englishRefusal() throws {
        let tmp = try EngineCLI.temporaryFolder()
        defer { EngineCLI.cleanUp(tmp) }
        let r = EngineCLI.run(["plan", "--rules", EngineCLI.starterRules, "--schools", EngineCLI.starterSchools, "--out", tmp.path + "/out",
                               "--compare-with", tmp.path + "/nothing", "--lang", "en"])
        #expect(r.code == 66)
        #expect(r.stderr.contains("does not exist"), "\(r)")
        #expect(r.stderr.contains("help: give the folder a previous riskmap plan run wrote (it holds plans.json): --compare-with DIR"), "\(r)")
        #expect(!FileManager.default.fileExists(atPath: tmp.path + "/out"))
    }

    @Test func helpNamesTheOption() {
        let r = EngineCLI.run(["plan", "--help"])
        #expect(r.stdout.contains("[--compare-with ПАПКА]"), "\(r)")
        #expect(r.stdout.contains("«Что изменилось»"))
    }
}
