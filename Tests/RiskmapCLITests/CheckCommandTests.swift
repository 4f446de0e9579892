import Foundation
import Testing
@testable import RiskmapCLI

@Suite struct CheckCommandTests {
    @Test func starterBookIsClean() {
        let run = CLIRun(["check", ScratchBook.starter.path])
        #expect(run.exitCode == 0)
        #expect(run.standardOutput == "")
        #expect(run.standardError.contains("Проверено файлов: \(ScratchBook.starterCount)"))
        #expect(run.standardError.contains("ошибок нет"))
    }

    @Test func brokenNameIsReportedWithFileLineColumnAndCaret() throws {
        let book = try ScratchBook()
        defer { book.remove() }
        try book.replace(in: "30-factors.rules", "если internet_mbps < slow_internet", with: "если internet_mbps < slow_internt")
        let run = CLIRun(["check", book.path])
        #expect(run.exitCode == 1)
        let file = book.path("30-factors.rules")
        #expect(run.standardError.contains("""
        \(file):3:24: ошибка: имя «slow_internt» не объявлено
         3 |   если internet_mbps < slow_internt или не has_growth_point
           |                        ^^^^^^^^^^^^
          подсказка: возможно, имелось в виду «slow_internet»

        """), "\(run.standardError)")
        #expect(run.standardError.contains("1 ошибка, 0 предупреждений"))
    }

    @Test func brokenSyntaxIsReportedWithFileLineColumnAndCaret() throws {
        let book = try ScratchBook()
        defer { book.remove() }
        try book.replace(in: "10-indicators.rules", "\"Вакантные ставки педагогов\" : количество", with: "\"Вакантные ставки педагогов\" количество")
        let run = CLIRun(["check", book.path])
        #expect(run.exitCode == 1)
        let file = book.path("10-indicators.rules")
        #expect(run.standardError.contains("""
        \(file):4:51: ошибка: ожидалось: «:», найдено «количество»
         4 | показатель vacancies "Вакантные ставки педагогов" количество
           |                                                   ^^^^^^^^^^

        """), "\(run.standardError)")
    }

    @Test func everyErrorInTheBookIsReportedInOneRun() throws {
        let book = try ScratchBook()
        defer { book.remove() }
        try book.replace(in: "30-factors.rules", "teachers_over_55 > 40%", with: "teachers_over_55 > 0.4")
        try book.replace(in: "60-measures.rules", "ответственный director\n  соисполнители uo", with: "ответственный directr\n  соисполнители uo")
        try book.replace(in: "90-examples.rules", "school_type = ООШ", with: "school_type = ОШ")
        let run = CLIRun(["check", book.path, "--format", "json"])
        #expect(run.exitCode == 1)
        let json = try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any]
        let diagnostics = json?["diagnostics"] as? [[String: Any]] ?? []
        #expect(diagnostics.map { $0["code"] as? String } == ["percentVersusNumber", "unknownRole", "unknownCategoryValue"])
        #expect(json?["errors"] as? Int == 3)
    }

    @Test func unknownOptionIsAUsageError() {
        let run = CLIRun(["check", ScratchBook.starter.path, "--frobnicate"])
        #expect(run.exitCode == 64)
        #expect(run.standardError.contains("--frobnicate"))
    }

    @Test(arguments: [
        ["check", "--format", "xml"],
        ["check", "--format"],
        ["check", "a", "b"],
        ["check", "--lang", "de"],
    ])
    func otherUsageErrors(args: [String]) {
        #expect(CLIRun(args).exitCode == 64)
    }

    @Test func missingPathIsNoInput() {
        let missing = "/nonexistent/riskmap/rules-\(UUID().uuidString)"
        let run = CLIRun(["check", missing])
        #expect(run.exitCode == 66)
        #expect(run.standardError.contains(missing))
        let json = CLIRun(["check", missing, "--format", "json"])
        #expect(json.exitCode == 66)
        #expect((try? JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8))) != nil)
    }

    @Test func folderWithoutRuleFilesIsNoInput() throws {
        let book = try ScratchBook(copyStarter: false)
        defer { book.remove() }
        let run = CLIRun(["check", book.path])
        #expect(run.exitCode == 66)
        #expect(run.standardError.contains("*.rules"))
    }

    @Test func jsonOutputParsesAndHasTheFields() throws {
        let book = try ScratchBook()
        defer { book.remove() }
        try book.replace(in: "30-factors.rules", "если internet_mbps < slow_internet", with: "если internet_mbps < slow_internt")
        try book.replace(in: "60-measures.rules", "  срок квартал 1\n", with: "")
        let run = CLIRun(["check", book.path, "--format", "json"])
        #expect(run.exitCode == 1)
        #expect(run.standardError == "")
        let object = try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8))
        let json = try #require(object as? [String: Any])
        let diagnostics = try #require(json["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == 2)
        #expect(json["errors"] as? Int == 1)
        #expect(json["warnings"] as? Int == 1)
        let error = try #require(diagnostics.first { $0["severity"] as? String == "error" })
        #expect(error["file"] as? String == book.path("30-factors.rules"))
        #expect(error["line"] as? Int == 3)
        #expect(error["column"] as? Int == 24)
        #expect(error["endLine"] as? Int == 3)
        #expect(error["endColumn"] as? Int == 36)
        #expect(error["code"] as? String == "undeclared")
        #expect(error["message"] as? String == "имя «slow_internt» не объявлено")
        #expect(error["help"] as? String == "возможно, имелось в виду «slow_internet»")
        let warning = try #require(diagnostics.first { $0["severity"] as? String == "warning" })
        #expect(warning["code"] as? String == "missingDeadline")
        for d in diagnostics {
            for key in ["file", "line", "column", "severity", "message"] {
                #expect(d[key] != nil, "\(key) missing")
            }
        }
    }

    @Test func jsonForACleanBook() throws {
        let run = CLIRun(["check", ScratchBook.starter.path, "--format=json"])
        #expect(run.exitCode == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        #expect((json["diagnostics"] as? [Any])?.isEmpty == true)
        #expect(json["errors"] as? Int == 0)
    }

    @Test func englishWithLangOption() throws {
        let book = try ScratchBook()
        defer { book.remove() }
        try book.replace(in: "30-factors.rules", "если internet_mbps < slow_internet", with: "если internet_mbps < slow_internt")
        for args in [["check", book.path, "--lang", "en"], ["check", "--lang=en", book.path]] {
            let run = CLIRun(args)
            #expect(run.exitCode == 1)
            #expect(run.standardError.contains("30-factors.rules:3:24: error: 'slow_internt' is not declared\n"))
            #expect(run.standardError.contains("  help: did you mean 'slow_internet'?\n"))
            #expect(run.standardError.contains("Files checked: \(ScratchBook.starterCount); 1 error, 0 warnings"))
            #expect(!run.standardError.contains("ошибка"))
        }
        let json = CLIRun(["check", book.path, "--lang", "en", "--format", "json"])
        #expect(json.standardOutput.contains("\"message\" : \"'slow_internt' is not declared\"")
            || json.standardOutput.contains("\"message\": \"'slow_internt' is not declared\""))
    }

    @Test func englishFromTheEnvironment() {
        let run = CLIRun(["check", ScratchBook.starter.path], environment: ["LANG": "en_US.UTF-8"])
        #expect(run.exitCode == 0)
        #expect(run.standardError.contains("Files checked: \(ScratchBook.starterCount)"))
        let russian = CLIRun(["check", ScratchBook.starter.path], environment: ["LANG": "en_US.UTF-8", "LC_ALL": "ru_RU.UTF-8"])
        #expect(russian.standardError.contains("Проверено файлов: \(ScratchBook.starterCount)"))
    }

    @Test func singleFileCanBeChecked() {
        let run = CLIRun(["check", ScratchBook.starter.appendingPathComponent("10-indicators.rules").path])
        #expect(run.exitCode == 0)
        #expect(run.standardError.contains("предупреждение"))  // no ruleset header in this file alone
    }

    @Test func invalidUTF8FileIsAnError() throws {
        let book = try ScratchBook()
        defer { book.remove() }
        try Data([0xEF, 0xEE, 0xEA, 0xE0, 0xE7, 0xE0, 0xF2, 0xE5, 0xEB, 0xFC]).write(to: book.directory.appendingPathComponent("99-cp1251.rules"))
        let run = CLIRun(["check", book.path])
        #expect(run.exitCode == 1)
        #expect(run.standardError.contains("99-cp1251.rules:1:1: ошибка: файл не в кодировке UTF-8"))
    }
}
