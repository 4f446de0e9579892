import Foundation
import Testing
import RiskmapCLI
import RiskmapEngine
import RiskmapLanguage

/// `riskmap diff` end to end: the impact of one changed parameter on a sample (checked
/// against two independent classifications), year over year, bad input, and the Markdown
/// report's golden.
@Suite(.enabled(if: riskmapBinary != nil,
                "the riskmap binary is not built (.build/debug/riskmap): run `swift build --product riskmap` first"))
struct DiffCommandTests {
    /// A project copy whose rule book raises the ВПР «2» threshold vpr_fail_max from 25 % to 35 %.
    static func changedProject(_ from: String = "= 25%", _ to: String = "= 35%") throws -> URL {
        let project = try Binary.project()
        let path = project.appendingPathComponent("Rules/20-parameters.rules").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("параметр vpr_fail_max ") })
        #expect(line.hasSuffix(from))
        let changed = text.replacingOccurrences(of: String(line), with: line.replacingOccurrences(of: from, with: to))
        try Data(changed.utf8).write(to: URL(fileURLWithPath: path))
        return project
    }

    /// What a school's classification is, for comparison: groups, levels, factors (triggered
    /// and undecided) and measures, computed by the engine without `diff`.
    static func outcomes(rules: String, schools: String) throws -> [String: [String]] {
        guard case .success(let (book?, _)) = Session.ruleBook(at: rules) else { throw RuleBookError("rules: \(rules)") }
        let session = Session(Program(book: book), purpose: .plans)
        guard case .success(let loaded) = session.profiles(at: schools, defaultYear: nil) else { throw RuleBookError("schools") }
        let outcomes = session.run(loaded.profiles)
        let p = outcomes.profiles
        var result: [String: [String]] = [:]
        for r in p.rows(inYear: p.years.count - 1) {
            var state: [String] = []
            for g in book.groups { state.append("\(g.code)=\(outcomes.groups[g.index][r] == .triggered ? "in" : outcomes.groups[g.index][r] == .unknown ? "?" : "out")") }
            for s in book.scales { state.append("\(s.code)=\(outcomes.levels[s.index][r])") }
            for f in book.factors {
                let st = outcomes.factors[f.index][r]
                state.append("\(f.code)=\(st == .triggered ? "yes" : st == .unknown ? "?" : "no")")
            }
            for m in book.measures { state.append("\(m.code)=\(outcomes.measures[m.index][r])") }
            result[p.school(row: r).id] = state
        }
        return result
    }

    struct RuleBookError: Error { var text: String; init(_ t: String) { text = t } }

    // MARK: - Acceptance

    @Test func listsExactlyTheSchoolsTheChangeFlipsWithTheCause() throws {
        let project = try Self.changedProject()
        defer { EngineCLI.cleanUp(project) }
        let original = EngineCLI.path("Rules")
        for sample in ["tomsk", "asino", "baikalovo", "dorogobuzh"] {
            let schools = EngineCLI.path("Samples/\(sample).csv")
            let before = try Self.outcomes(rules: original, schools: schools)
            let after = try Self.outcomes(rules: project.appendingPathComponent("Rules").path, schools: schools)
            let flipped = Set(before.keys.filter { before[$0] != after[$0] })
            let r = try Binary.run(["diff", "Rules", schools, "--old", original, "--format", "json"], in: project)
            #expect(r.code == 0, "\(r)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stderr.utf8)) as? [String: Any], "\(r.stderr.prefix(500))")
            let listed = (json["schools"] as? [[String: Any]] ?? [])
            #expect(Set(listed.compactMap { $0["id"] as? String }) == flipped, "\(sample)")
            if sample == "tomsk" { #expect(flipped.count >= 3, "the change should flip several schools of the Tomsk sample") }
            for school in listed {
                let causes = school["causes"] as? [[String: Any]] ?? []
                let named = causes.contains { (($0["declaration"] as? [String: Any])?["code"] as? String) == "vpr_fail_max" }
                #expect(named, "\(school["id"] ?? "?") has no cause naming vpr_fail_max")
                let texts = causes.compactMap { $0["text"] as? String }
                #expect(texts.contains { $0.hasPrefix("Параметр vpr_fail_max «Высокая доля отметок «2» по ВПР»: 25 % → 35 %: ") })
            }
        }
        // The terminal table names the parameter with each school.
        let table = try Binary.run(["diff", "Rules", EngineCLI.path("Samples/tomsk.csv"), "--old", original], in: project)
        #expect(table.code == 0)
        #expect(table.stderr.contains("Параметр vpr_fail_max «Высокая доля отметок «2» по ВПР»: 25 % → 35 %"))
        #expect(table.stderr.contains("Причина: Параметр vpr_fail_max"))
    }

    @Test func markdownGolden() throws {
        let project = try Self.changedProject()
        defer { EngineCLI.cleanUp(project) }
        let r = try Binary.run(["diff", "Rules", "Samples/tomsk.csv", "--old", EngineCLI.path("Rules"), "--format", "md"], in: project)
        #expect(r.code == 0, "\(r)")
        EngineCLI.expectGolden(r.stderr, "diff-tomsk-vpr.md")
    }

    @Test func everyFormatWritesAtomicallyToOut() throws {
        let project = try Self.changedProject()
        defer { EngineCLI.cleanUp(project) }
        for format in ["table", "md", "html", "csv", "json"] {
            let out = project.appendingPathComponent("diff.\(format)").path
            let r = try Binary.run(["diff", "Rules", "Samples/tomsk.csv", "--old", EngineCLI.path("Rules"), "--format", format, "--out", out], in: project)
            #expect(r.code == 0, "\(r)")
            let text = try String(contentsOfFile: out, encoding: .utf8)
            #expect(text.contains("vpr_fail_max") || text.contains("vpr\\_fail\\_max"), "\(format)")
            if format == "html" {
                #expect(text.contains("<svg id=\"chart\"") && !text.contains("<script") && text.contains("@page { size: A4"))
            }
            if format == "csv" {
                let bytes = [UInt8](FileManager.default.contents(atPath: out) ?? Data())
                #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
                #expect(text.contains("school_id;name;municipality;kind;code;"))
            }
        }
    }

    @Test func nothingChangedSaysSoAndSucceeds() throws {
        let r = EngineCLI.run(["diff", EngineCLI.path("Rules"), EngineCLI.path("Samples/tomsk.csv"), "--old", EngineCLI.path("Rules")])
        #expect(r.code == 0, "\(r)")
        #expect(r.stdout.contains("Методика не изменилась"))
        #expect(r.stdout.contains("Ни у одной школы результат не изменился."))
        let en = EngineCLI.run(["diff", EngineCLI.path("Rules"), EngineCLI.path("Samples/tomsk.csv"), "--old", EngineCLI.path("Rules"), "--lang", "en"])
        #expect(en.stdout.contains("The rule book did not change"))
    }

    @Test func gitRevisionOfTheRulesFolder() throws {
        // The package is a git checkout in development; HEAD's Rules equal the shipped ones
        // unless they are being edited (then HEAD differs and diff still succeeds).
        let probe = try Binary.run(["-C", EngineCLI.root.path, "rev-parse", "HEAD"], in: EngineCLI.root, tool: "/usr/bin/git")
        guard probe.code == 0 else { return }
        let r = try Binary.run(["diff", "Rules", "Samples/tomsk.csv", "--old", "HEAD"], in: EngineCLI.root)
        #expect(r.code == 0, "\(r)")
        #expect(r.stderr.contains("Влияние изменения методики"))
        let missing = try Binary.run(["diff", "Rules", "Samples/tomsk.csv", "--old", "no-such-revision-42"], in: EngineCLI.root)
        #expect(missing.code == 66, "\(missing)")
        #expect(missing.stderr.contains("--old no-such-revision-42: нет такой папки или файла, и это не ревизия git папки Rules"), "\(missing)")
    }

    // MARK: - Year over year

    @Test func yearOverYearMovement() throws {
        let schools = EngineCLI.path("Samples/tomsk.csv")
        let r = EngineCLI.run(["diff", EngineCLI.path("Rules"), schools, "--year", "2017/18", "--year", "2018/19", "--format", "json"])
        #expect(r.code == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["mode"] as? String == "years")
        let movements = try #require(json["movements"] as? [[String: Any]])
        let shnor = try #require(movements.first { $0["code"] as? String == "shnor" })
        // Independently: classify both years and compare ШНОР membership.
        func members(_ year: String) -> [String: String] {
            let csv = EngineCLI.run(["classify", "--rules", EngineCLI.path("Rules"), "--schools", schools, "--year", year, "--format", "csv", "--lang", "en"])
            var result: [String: String] = [:]
            for line in csv.stdout.split(separator: "\r\n").dropFirst() {
                let cells = line.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
                result[cells[0]] = cells[5]
            }
            return result
        }
        let a = members("2017/18"), b = members("2018/19")
        let entered = b.keys.filter { b[$0]!.contains("shnor") && !(a[$0] ?? "").contains("shnor") }.sorted()
        let listed = (shnor["entered"] as? [String] ?? []) + (shnor["undecided"] as? [String] ?? [])
        for id in entered { #expect(listed.contains { $0.hasPrefix(id + " ") }, "\(id) entered ШНОР") }
        #expect(!(shnor["stayed"] as? [String] ?? []).isEmpty)
        let table = EngineCLI.run(["diff", EngineCLI.path("Rules"), schools, "--year", "2017/18", "--year", "2018/19"])
        #expect(table.stdout.contains("Движение школ: 2017/18 → 2018/19"))
        #expect(table.stdout.contains("остались ("))
        #expect(table.stdout.contains("  Почему:\n    «"))
    }

    @Test func yearOverYearSaysWhenASchoolCanLeave() throws {
        let project = try Binary.project()
        defer { EngineCLI.cleanUp(project) }
        let path = project.appendingPathComponent("Rules/40-classification.rules").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let changed = text.replacingOccurrences(of: "    или oge_fail и oge_below_district\n}", with: "    или oge_fail и oge_below_district\n  выход после 2 лет без условия\n}")
        #expect(changed != text)
        try Data(changed.utf8).write(to: URL(fileURLWithPath: path))
        let r = try Binary.run(["diff", "Rules", "Samples/tomsk.csv", "--year", "2017/18", "--year", "2018/19"], in: project)
        #expect(r.code == 0, "\(r)")
        #expect(r.stderr.contains("Выход из группы: выйдет из группы «Школа с низкими образовательными результатами (ШНОР)»"), "\(r.stderr.suffix(2000))")
        let explain = try Binary.run(["explain", "TOM-01", "--year", "2018/19"], in: project)
        #expect(explain.stderr.contains("выйдет из группы «Школа с низкими образовательными результатами (ШНОР)»"))
    }

    // MARK: - Bad input

    @Test func brokenNewRuleBookNamesTheSideAndThePosition() throws {
        let project = try Binary.project()
        defer { EngineCLI.cleanUp(project) }
        let path = project.appendingPathComponent("Rules/20-parameters.rules").path
        try Data("параметр broken = \n".utf8).write(to: URL(fileURLWithPath: path), options: [])
        let r = try Binary.run(["diff", "Rules", "Samples/tomsk.csv", "--old", EngineCLI.path("Rules")], in: project)
        #expect(r.code == 1, "\(r)")
        #expect(r.stderr.contains("Новая книга правил (Rules):"), "\(r)")
        #expect(r.stderr.contains("Rules/20-parameters.rules:2:1: ошибка"), "\(r)")
        // The broken book as the old side.
        let old = try Binary.run(["diff", EngineCLI.path("Rules"), "Samples/tomsk.csv", "--old", "Rules"], in: project)
        #expect(old.code == 1)
        #expect(old.stderr.contains("Прежняя книга правил (--old Rules):"), "\(old)")
    }

    @Test func anIndicatorRemovedIsAMessageNotATrap() throws {
        let project = try Binary.project()
        defer { EngineCLI.cleanUp(project) }
        // Remove the whole Olympiad block: a parameter, an indicator and what reads them.
        let r = try Binary.run(["diff", "Rules", "Samples/tomsk.csv", "--old", EngineCLI.path("Tests/Fixtures/starter")], in: project)
        #expect([0, 1].contains(r.code), "\(r)")
        #expect(r.stderr.contains("Добавлен показатель") || r.stderr.contains("Удалён показатель"), "\(r.stderr.prefix(3000))")
    }

    @Test func usageErrors() {
        let rules = EngineCLI.path("Rules"), schools = EngineCLI.path("Samples/tomsk.csv")
        let format = EngineCLI.run(["diff", rules, schools, "--old", rules, "--format", "pdf"])
        #expect(format.code == 64)
        #expect(format.stderr.contains("pdf"))
        let noOld = EngineCLI.run(["diff", rules, schools])
        #expect(noOld.code == 64)
        #expect(noOld.stderr.contains("--old"))
        let three = EngineCLI.run(["diff", rules, schools, "--year", "2017/18", "--year", "2018/19", "--year", "2019/20"])
        #expect(three.code == 64)
        let both = EngineCLI.run(["diff", rules, schools, "--old", rules, "--year", "2017/18", "--year", "2018/19"])
        #expect(both.code == 64)
        let missingYear = EngineCLI.run(["diff", rules, schools, "--year", "2017/18", "--year", "2030/31"])
        #expect(missingYear.code == 1)
        #expect(missingYear.stderr.contains("2030/31"))
        let missingSchools = EngineCLI.run(["diff", rules, "nope.csv", "--old", rules])
        #expect(missingSchools.code == 66)
        #expect(!missingSchools.stderr.isEmpty)
    }
}
