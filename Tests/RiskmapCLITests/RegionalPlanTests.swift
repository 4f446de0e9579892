import Foundation
import Testing
import RiskmapCLI

/// `riskmap plan` on a schools file with several municipalities (issue 16, item 4): a folder
/// per municipality with what its office signs and sends, a regional summary comparing them,
/// and `--municipality NAME` for one of them.
@Suite struct RegionalPlanTests {
    /// The starter profiles: municipalities «Северный» (S1, S2) and «Южный» (S3, S4).
    static func plan(_ extra: [String], in tmp: URL) -> (EngineCLI.Output, String) {
        let out = tmp.path + "/out"
        return (EngineCLI.run(["plan", "--rules", EngineCLI.starterRules, "--schools", EngineCLI.starterSchools, "--out", out] + extra), out)
    }

    static func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test func aFolderPerMunicipalityAndARegionalSummary() throws {
        let tmp = try EngineCLI.temporaryFolder()
        defer { EngineCLI.cleanUp(tmp) }
        let (r, out) = Self.plan([], in: tmp)
        #expect(r.code == 0, "\(r)")
        let top = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(top == ["manifest.json", "plans.json", "summary.html", "Северный", "Южный"])
        for (folder, ids) in [("Северный", ["S1", "S2"]), ("Южный", ["S3", "S4"])] {
            let own = try FileManager.default.contentsOfDirectory(atPath: out + "/" + folder).sorted()
            #expect(own == ["report-template.csv", "report-template.docx", "report-template.html", "report-template.md",
                            "roadmap.csv", "roadmap.docx", "roadmap.html", "roadmap.md", "schools", "summary.html"])
            let schools = try FileManager.default.contentsOfDirectory(atPath: out + "/" + folder + "/schools").sorted()
            #expect(schools == ids.flatMap { [$0 + ".docx", $0 + ".html", $0 + ".md"] })
            // The municipality's own roadmap names none of the other schools; its summary links to its plans.
            let roadmap = try Self.read(out + "/" + folder + "/roadmap.md")
            let others = ["S1", "S2", "S3", "S4"].filter { !ids.contains($0) }
            for id in others { #expect(!roadmap.contains("schools/\(id).html"), "\(folder) lists \(id)") }
            let summary = try Self.read(out + "/" + folder + "/summary.html")
            #expect(summary.contains("<table id=\"schools\""))
            for id in ids { #expect(summary.contains("href=\"schools/\(id).html\"")) }
        }
        let regional = try Self.read(out + "/summary.html")
        #expect(regional.contains("<h1>Сводка по региону</h1>"))
        #expect(regional.contains("<table id=\"municipalities\""))
        #expect(regional.contains("<a href=\"Северный/summary.html\">Северный</a>"))
        #expect(regional.contains("<a href=\"Южный/summary.html\">Южный</a>"))
        #expect(!regional.contains("<table id=\"schools\""))
        // plans.json and the manifest cover the region; every output is listed with its hash.
        let plans = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/plans.json"))) as? [String: Any])
        #expect((plans["schools"] as? [Any])?.count == 4)
        if case .failure(let wrong) = Binary.completeSet(out) { Issue.record("\(wrong)") }
    }

    @Test func oneMunicipalityByName() throws {
        let tmp = try EngineCLI.temporaryFolder()
        defer { EngineCLI.cleanUp(tmp) }
        let (r, out) = Self.plan(["--municipality", "южный"], in: tmp)
        #expect(r.code == 0, "\(r)")
        #expect(r.stderr.contains("2 школы"), "\(r)")
        let top = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(top.contains("roadmap.md") && top.contains("schools") && !top.contains("Южный"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out + "/schools").sorted()
            == ["S3.docx", "S3.html", "S3.md", "S4.docx", "S4.html", "S4.md"])
        #expect(try !Self.read(out + "/roadmap.md").contains("Северный"))
    }

    @Test func anUnknownMunicipalityNamesTheKnownOnesAndWritesNothing() throws {
        let tmp = try EngineCLI.temporaryFolder()
        defer { EngineCLI.cleanUp(tmp) }
        let (first, out) = Self.plan([], in: tmp)
        #expect(first.code == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json"))
        let (r, _) = Self.plan(["--municipality", "Западный"], in: tmp)
        #expect(r.code == 64, "\(r)")
        #expect(r.stderr.contains("нет муниципалитета «Западный»"), "\(r)")
        #expect(r.stderr.contains("«Северный», «Южный»"), "\(r)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json")) == before, "the previous outputs are untouched")
        let en = EngineCLI.run(["plan", "--rules", EngineCLI.starterRules, "--schools", EngineCLI.starterSchools, "--out", out,
                                "--municipality", "West", "--lang", "en"])
        #expect(en.code == 64 && en.stderr.contains("no municipality 'West'"), "\(en)")
    }
}
