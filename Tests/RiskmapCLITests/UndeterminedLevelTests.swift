import Foundation
import Testing
import RiskmapCLI

/// ACCEPTANCE (three-valued counts): a school about which almost nothing is known is never
/// shown as «низкий» risk — not in classify's table, CSV or JSON, not in explain, not in the
/// plan, the roadmap or the summary. Its level is «не определён».
@Suite struct UndeterminedLevelTests {
    static let rules = EngineCLI.path("Rules")
    /// One school with a type and a pupil count only: every factor but a few is undetermined.
    static let schools = "school_id;name;municipality;year;school_type;pupils\nX1;Школа без данных;Район;2025/26;СОШ;300\n"

    @Test func anAlmostUnknownSchoolIsNeverLowRisk() throws {
        let tmp = try EngineCLI.temporaryFolder()
        defer { EngineCLI.cleanUp(tmp) }
        let path = try EngineCLI.write(Self.schools, "schools.csv", in: tmp)
        let base = ["--rules", Self.rules, "--schools", path]

        let table = EngineCLI.run(["classify"] + base)
        #expect(table.code == 0, "\(table)")
        #expect(table.stdout.contains("не определён") && !table.stdout.contains("низкий"), "\(table.stdout)")

        let csv = EngineCLI.run(["classify", "--format", "csv"] + base)
        #expect(csv.stdout.contains("не определён") && !csv.stdout.contains("низкий"))

        let json = EngineCLI.run(["classify", "--format", "json"] + base)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let school = try #require((document["schools"] as? [[String: Any]])?.first)
        let risk = try #require((school["levels"] as? [String: Any])?["risk"] as? [String: Any])
        #expect(risk["code"] as? String == "unknown" && risk["title"] as? String == "не определён")

        let explain = EngineCLI.run(["explain", "X1"] + base)
        #expect(explain.stdout.contains("Уровень риска снижения образовательных результатов: не определён"), "\(explain.stdout)")
        #expect(!explain.stdout.contains("низкий"))

        let out = tmp.appendingPathComponent("out").path
        let plan = EngineCLI.run(["plan", "--out", out] + base)
        #expect(plan.code == 0, "\(plan)")
        for file in ["schools/X1.md", "schools/X1.html"] {
            let text = try String(contentsOfFile: out + "/" + file, encoding: .utf8)
            #expect(text.contains("не определён") && !text.contains("низкий"), "\(file) shows «низкий»")
        }
        // The summary counts the school as undetermined, none as low.
        let summary = try String(contentsOfFile: out + "/summary.html", encoding: .utf8)
        #expect(summary.contains("></span>низкий</td><td class=\"num\">0</td>"))
        #expect(summary.contains("></span>не определён</td><td class=\"num\">1</td>"))
        let plans = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/plans.json"))) as? [String: Any])
        let planned = try #require((plans["schools"] as? [[String: Any]])?.first)
        #expect(((planned["levels"] as? [String: Any])?["risk"] as? [String: Any])?["code"] as? String == "unknown")
    }
}
