import Foundation
import Testing
import RiskmapCLI

/// Issue 17, item 1: no input stops riskmap with a runtime trap. Each case ran into an
/// integer overflow (exit 132, «Illegal instruction», nothing said) before; now each is a
/// diagnostic with file, line and column, or a usage message, and the run goes on.
@Suite(.enabled(if: Binary.path != nil)) struct NoTrapTests {
    /// `Samples/tomsk.csv` with one column added (every row the same value), or with the
    /// first row's year replaced.
    static func schools(column: (String, String)? = nil, firstYear: String? = nil) throws -> String {
        var lines = try String(contentsOfFile: EngineCLI.path("Samples/tomsk.csv"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        if let (header, value) = column {
            lines = lines.enumerated().map { $0.offset == 0 ? $0.element + ";" + header : $0.element + ";" + value }
        }
        if let firstYear { lines[1] = lines[1].replacingOccurrences(of: ";2017/18;", with: ";\(firstYear);") }
        return lines.joined(separator: "\n") + "\n"
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        /// Arguments; `SCHOOLS` is replaced by the case's schools file, `RULES` by its rules.
        var args: [String]
        var schools: String?
        /// A rule file added to a copy of the shipped rules.
        var rule: String?
        var code: Int32
        /// Text the output must contain.
        var says: [String]
        var testDescription: String { name }
    }

    static let huge = "99999999999999999999"

    static let cases: [Case] = {
        do {
            return [
                Case(name: "year cell", args: ["classify", "--schools", "SCHOOLS"], schools: try schools(firstYear: "2018/" + huge),
                     code: 1, says: ["schools.csv:2:", "неверный учебный год «2018/\(huge)»"]),
                Case(name: "--year", args: ["classify", "--year", "2018/" + huge], code: 64, says: ["--year"]),
                Case(name: "--plan-year", args: ["plan", "--plan-year", "2019/" + huge, "--out", "o"], code: 64, says: ["--plan-year"]),
                Case(name: "count cell, explain", args: ["explain", "TOM-01", "--schools", "SCHOOLS"],
                     schools: try schools(column: ("teacher_vacancies", huge)), code: 1,
                     says: ["schools.csv:2:", "вне допустимого диапазона -1000000000000000…1000000000000000"]),
                Case(name: "count cell, plan", args: ["plan", "--schools", "SCHOOLS", "--out", "o"],
                     schools: try schools(column: ("teacher_vacancies", huge)), code: 1, says: ["вне допустимого диапазона"]),
                Case(name: "count cell, classify json", args: ["classify", "--schools", "SCHOOLS", "--format", "json"],
                     schools: try schools(column: ("teacher_vacancies", huge)), code: 1, says: ["\"schools\""]),
                Case(name: "count cell just under the limit", args: ["explain", "TOM-01", "--schools", "SCHOOLS"],
                     schools: try schools(column: ("teacher_vacancies", "1000000000000000")), code: 0, says: ["TOM-01"]),
                Case(name: "large percent literal", args: ["check", "RULES"],
                     rule: "фактор big \"Б\" {\n  если vpr_math_5_fail > 50000000000000\n}\n", code: 1,
                     says: ["99-x.rules:2:26: ошибка: процент сравнивается с числом 50000000000000"]),
                Case(name: "предыдущее with a huge argument", args: ["check", "RULES"],
                     rule: "фактор big \"Б\" {\n  если предыдущее(vpr_math_5_fail, \(huge)) > 5%\n}\n", code: 1,
                     says: ["99-x.rules:2:36: ошибка: число \(huge) вне допустимого диапазона: от -1000000000000000 до 1000000000000000",
                            "99-x.rules:2:36: ошибка: второй аргумент «предыдущее» — число лет назад, целое от 1 до 20"]),
                Case(name: "a wide range and an example below it", args: ["test", "RULES"],
                     rule: "показатель xx \"Икс\" : число диапазон 0...10000000000000\nфактор big \"Б\" {\n  если xx > 5\n}\n"
                        + "пример \"икс\" {\n  дано xx = -5\n  ожидается big\n}\n", code: 1,
                     says: ["99-x.rules:6:13: ошибка: значение «xx» вне допустимого диапазона 0…10000000000000"]),
                Case(name: "a wide range and a schools file", args: ["classify", "--rules", "RULES", "--schools", "SCHOOLS"],
                     schools: try schools(column: ("xx", "-5")),
                     rule: "показатель xx \"Икс\" : число диапазон 0...10000000000000\nфактор big \"Б\" {\n  если xx > 5\n}\n", code: 1,
                     says: ["вне допустимого диапазона 0…10000000000000"]),
                Case(name: "a literal over the limit in a range", args: ["check", "RULES"],
                     rule: "показатель xx \"Икс\" : число диапазон 0...\(huge)\n", code: 1,
                     says: ["99-x.rules:1:42: ошибка: число \(huge) вне допустимого диапазона"]),
                Case(name: "100,000 parentheses", args: ["check", "RULES"],
                     rule: "фактор deep \"Г\" {\n  если " + String(repeating: "(", count: 100_000) + "vpr_math_5_fail > 5%"
                        + String(repeating: ")", count: 100_000) + "\n}\n", code: 1, says: ["выражение вложено глубже 200 уровней"]),
                Case(name: "100,000 не", args: ["check", "RULES"],
                     rule: "фактор deep \"Г\" {\n  если " + String(repeating: "не ", count: 100_000) + "vpr_math_5_fail > 5%\n}\n",
                     code: 1, says: ["выражение вложено глубже 200 уровней"]),
            ]
        } catch {
            return []
        }
    }()

    @Test(arguments: cases) func noTrap(_ c: Case) throws {
        let project = try Binary.project()
        defer { EngineCLI.cleanUp(project) }
        var args = c.args
        if let schools = c.schools {
            try Data(schools.utf8).write(to: project.appendingPathComponent("schools.csv"))
            args = args.map { $0 == "SCHOOLS" ? "schools.csv" : $0 }
        }
        if let rule = c.rule {
            let rules = project.appendingPathComponent("r")
            try FileManager.default.copyItem(at: project.appendingPathComponent("Rules"), to: rules)
            try Data(rule.utf8).write(to: rules.appendingPathComponent("99-x.rules"))
            args = args.map { $0 == "RULES" ? "r" : $0 }
        }
        let r = try Binary.run(args, in: project)
        #expect(r.code == c.code, "\(c.name): \(r.stderr.prefix(2000))")
        #expect(r.code < 128, "\(c.name) trapped")
        for text in c.says {
            #expect(r.stderr.contains(text), "\(c.name): «\(text)» not in \(r.stderr.prefix(3000))")
        }
    }
}
