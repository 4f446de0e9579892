import Foundation
import Testing
import RiskmapCLI
import RiskmapEngine

/// `riskmap plan` end to end, in-process, on the starter fixture and the shipped samples.
@Suite struct PlanCommandTests {
    static func plan(_ out: String, _ extra: [String] = []) -> EngineCLI.Output {
        EngineCLI.run(["plan", "--rules", EngineCLI.starterRules, "--schools", EngineCLI.starterSchools, "--out", out] + extra)
    }

    static func files(_ folder: String) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory)
            if !isDirectory.boolValue { result[path] = FileManager.default.contents(atPath: folder + "/" + path) }
        }
        return result
    }

    @Test func twoRunsGiveByteIdenticalOutputs() throws {
        let tmp = try EngineCLI.temporaryFolder()
        defer { EngineCLI.cleanUp(tmp) }
        let a = Self.plan(tmp.path + "/a")
        let b = Self.plan(tmp.path + "/b")
        #expect(a.code == 0, "\(a)")
        #expect(b.code == 0, "\(b)")
        let filesA = try Self.files(tmp.path + "/a")
        let filesB = try Self.files(tmp.path + "/b")
        #expect(filesA.keys.sorted() == filesB.keys.sorted())
        for (path, data) in filesA where path != "manifest.json" {
            #expect(filesB[path] == data, "\(path) differs between runs")
        }
        #expect(filesA["plans.json"] != nil)
        #expect(filesA["manifest.json"] != nil)
        // The same command twice into the same folder: every file, manifest included, is identical.
        let first = try Self.files(tmp.path + "/a")
        #expect(Self.plan(tmp.path + "/a").code == 0)
        let second = try Self.files(tmp.path + "/a")
        #expect(first == second)
    }

    @Test func manifestRecordsRuleBookInputsAndCommandLine() throws {
        let tmp = try EngineCLI.temporaryFolder()
        defer { EngineCLI.cleanUp(tmp) }
        let result = Self.plan(tmp.path + "/out", ["--plan-year", "2026/27"])
        #expect(result.code == 0, "\(result)")
        let data = try #require(FileManager.default.contents(atPath: tmp.path + "/out/manifest.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let ruleset = try #require(manifest["ruleset"] as? [String: Any])
        #expect(ruleset["version"] as? String == "0.1")
        #expect((ruleset["sha256"] as? String)?.count == 64)
        let inputs = try #require(manifest["inputs"] as? [[String: Any]])
        #expect(inputs.first?["role"] as? String == "schools")
        // The hash of the bytes that were read and evaluated (not of a second reading).
        let schools = try #require(FileManager.default.contents(atPath: EngineCLI.starterSchools))
        #expect(inputs.first?["sha256"] as? String == SHA256.hex([UInt8](schools)))
        #expect(manifest["planYear"] as? String == "2026/27")
        #expect((manifest["commandLine"] as? [String])?.contains("--plan-year") == true)
        #expect(result.stderr.contains("Планы на 2026/27 учебный год"))
    }

    @Test func anUnwritableOutIsReportedAndNothingCrashes() throws {
        let result = Self.plan("/proc/riskmap-cannot-write-here")
        #expect(result.code == 73, "\(result)")
        #expect(result.stderr.contains("прежние результаты не изменены"))
    }

    @Test func anOutThatIsAFileIsLeftIntact() throws {
        let tmp = try EngineCLI.temporaryFolder()
        defer { EngineCLI.cleanUp(tmp) }
        let path = try EngineCLI.write("не трогать", "out", in: tmp)
        let result = Self.plan(path)
        #expect(result.code == 73, "\(result)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "не трогать")
    }

    @Test func theShippedDefaultsProducePlans() throws {
        let tmp = try EngineCLI.temporaryFolder()
        defer { EngineCLI.cleanUp(tmp) }
        let result = EngineCLI.run(["plan", "--rules", EngineCLI.path("Rules"), "--schools", EngineCLI.path("Samples/tomsk.csv"),
                                    "--out", tmp.path + "/out"])
        #expect(result.code == 0, "\(result)")
        let data = try #require(FileManager.default.contents(atPath: tmp.path + "/out/plans.json"))
        let plans = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let schools = try #require(plans["schools"] as? [[String: Any]])
        #expect(schools.count == 18)
        // The directory beside the sample names the bodies, not the bare role titles.
        let manifest = try String(contentsOfFile: tmp.path + "/out/manifest.json", encoding: .utf8)
        #expect(manifest.contains("tomsk-directory.csv"))
    }

    /// The shipped book's typed deadlines and several responsible roles on the Tomsk sample
    /// (data 2018/19, plan 2019/20): ranges, frequencies and every role, in every output.
    @Test func theShippedBookResolvesRangesFrequenciesAndSeveralRoles() throws {
        let tmp = try EngineCLI.temporaryFolder()
        defer { EngineCLI.cleanUp(tmp) }
        let result = EngineCLI.run(["plan", "--rules", EngineCLI.path("Rules"), "--schools", EngineCLI.path("Samples/tomsk.csv"),
                                    "--out", tmp.path + "/out"])
        #expect(result.code == 0, "\(result)")
        let csv = try String(contentsOfFile: tmp.path + "/out/roadmap.csv", encoding: .utf8)
        func row(_ title: String) -> String? { csv.split(separator: "\r\n").first { $0.contains(title) }.map(String.init) }
        // «май–июнь» (Асино, п. 2.15): the end of the plan's school year.
        #expect(row("Формирование муниципальной дорожной карты")?.contains(";май–июнь 2020 г.;") == true)
        // «август–сентябрь»: the summer before the plan's school year.
        #expect(row("Мониторинг потребности руководящих")?.contains(";август–сентябрь 2019 г.;") == true)
        // «2 раза в год» (Томский р-н, разд. VII, п. 5).
        #expect(row("Анализ результатов ВПР")?.contains(";2 раза в течение 2019/20 учебного года;") == true)
        // «УО, ОО» (Томский р-н, разд. IV, блок 3, п. 1.1): both responsible, in that order.
        #expect(row("Утверждение состава муниципальной рабочей группы")?
            .contains(";\"Управление образования Администрации Томского района; руководители 18 ОО — исполнителей программы\";") == true)
        let md = try String(contentsOfFile: tmp.path + "/out/roadmap.md", encoding: .utf8)
        #expect(md.contains("| май–июнь 2020 г. |"))
        let data = try #require(FileManager.default.contents(atPath: tmp.path + "/out/plans.json"))
        let plans = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let roadmap = try #require((plans["municipalities"] as? [[String: Any]])?.first?["roadmap"] as? [[String: Any]])
        let setup = try #require(roadmap.first { $0["measure"] as? String == "working_group_setup" })
        #expect((setup["responsible"] as? [String])?.count == 2)
        let vpr = try #require(roadmap.first { $0["measure"] as? String == "vpr_analysis" })
        let deadline = try #require(vpr["deadline"] as? [String: Any])
        #expect((deadline["frequency"] as? [String: Any])?["times"] as? Int == 2)
        // Ordered by deadline: the summer range first, frequencies after «в течение года».
        let texts = roadmap.compactMap { ($0["deadline"] as? [String: Any])?["text"] as? String }
        #expect(texts.first == "август–сентябрь 2019 г.")
        let during = try #require(texts.lastIndex { $0.hasPrefix("в течение 2019/20") })
        let twice = try #require(texts.firstIndex(of: "2 раза в течение 2019/20 учебного года"))
        #expect(during < twice)
    }

    @Test func usageErrors() {
        #expect(EngineCLI.run(["plan", "--plan-year", "двадцать"]).code == 64)
        #expect(EngineCLI.run(["plan", "extra"]).code == 64)
        #expect(EngineCLI.run(["plan", "--schools", "/nonexistent.csv", "--rules", EngineCLI.starterRules]).code == 66)
    }
}
