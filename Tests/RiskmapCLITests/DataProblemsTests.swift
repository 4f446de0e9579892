import Foundation
import Testing
import RiskmapCLI

/// Misread data is said out loud; data errors travel with the outputs; `--strict` writes nothing.
@Suite struct DataProblemsTests {
    static let header = "school_id;name;municipality;year;school_type;pupils;teachers;vacancies;Педагоги 55+, %;internet_mbps;has_growth_point;vpr_math_fail;ЕГЭ рус. ср. балл;low_income_share"

    /// The starter profiles with `edit` applied to their text.
    static func schools(_ edit: (String) -> String) throws -> String {
        edit(try String(contentsOfFile: EngineCLI.starterSchools, encoding: .utf8))
    }

    static func plan(_ csv: String, _ extra: [String] = [], in tmp: URL) throws -> (EngineCLI.Output, String) {
        let path = try EngineCLI.write(csv, "schools.csv", in: tmp)
        let out = tmp.path + "/out"
        return (EngineCLI.run(["plan", "--rules", EngineCLI.starterRules, "--schools", path, "--out", out] + extra), out)
    }

    /// Percent as fraction, misspelled header, calendar year: each has its message; under
    /// `--strict`, exit 1 and no outputs.
    @Test func eachMisreadingHasItsMessageAndStrictWritesNothing() throws {
        let cases: [(String, (String) -> String, String)] = [
            ("fractions", { $0.replacingOccurrences(of: ";32,5;", with: ";0,325;").replacingOccurrences(of: ";31;", with: ";0,31;")
                .replacingOccurrences(of: ";5;80;", with: ";0,05;80;").replacingOccurrences(of: ";12;65;", with: ";0,12;65;") },
             "все значения процентного столбца «vpr_math_fail» (4 значения) не больше 1"),
            ("misspelled", { $0.replacingOccurrences(of: "vpr_math_fail", with: "vpr_math_fial") },
             "столбец «vpr_math_fial» не соответствует ни одному показателю, а показатель «vpr_math_fail»"),
            ("calendar", { $0.replacingOccurrences(of: "2025/26", with: "2026").replacingOccurrences(of: "2024/25", with: "2025") },
             "год «2025» прочитан как учебный год 2025/26"),
        ]
        for (name, edit, message) in cases {
            let tmp = try EngineCLI.temporaryFolder()
            defer { EngineCLI.cleanUp(tmp) }
            let csv = try Self.schools(edit)
            let (plain, out) = try Self.plan(csv, in: tmp)
            #expect(plain.stderr.contains(message), "\(name): \(plain)")
            #expect(FileManager.default.fileExists(atPath: out + "/summary.html"), "\(name): outputs are written without --strict")
            try FileManager.default.removeItem(atPath: out)
            let (strict, _) = try Self.plan(csv, ["--strict"], in: tmp)
            #expect(strict.code == 1, "\(name): \(strict)")
            #expect(strict.stderr.contains(message))
            #expect(strict.stderr.contains("результаты не записаны"), "\(name): \(strict)")
            #expect(!FileManager.default.fileExists(atPath: out), "\(name): --strict wrote outputs")
        }
    }

    @Test func yearFormatCalendarReadsExamYears() throws {
        let tmp = try EngineCLI.temporaryFolder()
        defer { EngineCLI.cleanUp(tmp) }
        let csv = try Self.schools { $0.replacingOccurrences(of: "2025/26", with: "2026").replacingOccurrences(of: "2024/25", with: "2025") }
        let path = try EngineCLI.write(csv, "schools.csv", in: tmp)
        let r = EngineCLI.run(["classify", "--rules", EngineCLI.starterRules, "--schools", path, "--year-format", "calendar", "--format", "json"])
        #expect(r.code == 0, "\(r)")
        #expect(r.stderr.isEmpty)
        #expect(r.stdout == EngineCLI.classify(["--format", "json"]).stdout, "2026 read as 2025/26, as in the original")
        let bad = EngineCLI.run(["classify", "--rules", EngineCLI.starterRules, "--schools", path, "--year-format", "exam"])
        #expect(bad.code == 64 && bad.stderr.contains("calendar, school"))
    }

    /// Errors in the data: the outputs are written all the same and list the problems —
    /// the summary, the plan of each school concerned, the manifest.
    @Test func errorsTravelWithTheOutputs() throws {
        let tmp = try EngineCLI.temporaryFolder()
        defer { EngineCLI.cleanUp(tmp) }
        let csv = try Self.schools { $0.replacingOccurrences(of: "S4;МБОУ «СОШ № 4»;Южный;2025/26;СОШ;300", with: "S4;МБОУ «СОШ № 4»;Южный;2025/26;СОШ;триста")
            .replacingOccurrences(of: "S3;МБОУ «Гимназия № 2»", with: ";МБОУ «Гимназия № 2»") }
        let (r, out) = try Self.plan(csv, in: tmp)
        #expect(r.code == 1, "\(r)")
        #expect(r.stderr.contains("перечислены в summary.html"), "\(r)")
        let summary = try String(contentsOfFile: out + "/summary.html", encoding: .utf8)
        #expect(summary.contains("<h2>Проблемы в данных</h2>"))
        #expect(summary.contains("schools.csv:6:37"), "the bad cell, with line and column")
        #expect(summary.contains("значение «триста» не подходит"))
        #expect(summary.contains("не указан код школы"))
        // Two municipalities: the regional summary links into the school's municipality folder.
        #expect(summary.contains("<a href=\"Южный/schools/S4.html\">МБОУ «СОШ № 4»</a>"))
        #expect(try String(contentsOfFile: out + "/Южный/summary.html", encoding: .utf8).contains("<a href=\"schools/S4.html\">МБОУ «СОШ № 4»</a>"))
        let s4 = try String(contentsOfFile: out + "/Южный/schools/S4.md", encoding: .utf8)
        #expect(s4.contains("## Проблемы в данных школы"))
        #expect(s4.contains("значение «триста» не подходит"))
        #expect(try String(contentsOfFile: out + "/Южный/schools/S4.html", encoding: .utf8).contains("Проблемы в данных школы"))
        #expect(!(try String(contentsOfFile: out + "/Северный/schools/S1.md", encoding: .utf8)).contains("Проблемы в данных"))
        let data = try #require(FileManager.default.contents(atPath: out + "/manifest.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let problems = try #require(manifest["problems"] as? [[String: Any]])
        #expect(problems.count == 2)
        #expect(problems.contains { $0["school"] as? String == "S4" && $0["code"] as? String == "profileBadValue" && $0["line"] as? Int == 6 })
        #expect(problems.contains { $0["code"] as? String == "profileEmptyId" && $0["school"] == nil })
        // No problems: an empty list, no section.
        let (clean, cleanOut) = try Self.plan(try Self.schools { $0 }, in: tmp)
        #expect(clean.code == 0, "\(clean)")
        let cleanManifest = try String(contentsOfFile: cleanOut + "/manifest.json", encoding: .utf8)
        #expect(cleanManifest.contains("\"problems\": []"))
        #expect(!(try String(contentsOfFile: cleanOut + "/summary.html", encoding: .utf8)).contains("Проблемы в данных"))
    }
}
