import Foundation
import Testing
import RiskmapCLI

/// Every command × every kind of mistake: each is refused with a message on standard
/// error that says what is wrong (and, where there is one, what to type). No command
/// exits non-zero without a message.
@Suite struct UsageErrorTableTests {
    enum Mistake: String, CaseIterable {
        case unknownOption, misspelledOption, valueMissingAtEnd, valueMissingBeforeOption, unexpectedArgument
        case flagWithValue, badLanguage, missingPath, folderForFile, fileForFolder, shortOption
    }

    static let commands = ["check", "fmt", "test", "classify", "explain", "plan"]

    /// The arguments of `command` with `mistake`, and a fragment the message must have;
    /// nil when the mistake cannot be made with this command.
    static func case_(_ command: String, _ mistake: Mistake, _ tmp: URL) -> ([String], String)? {
        let rules = ["--rules", EngineCLI.starterRules]
        let schools = ["--schools", EngineCLI.starterSchools]
        let data = ["classify", "explain", "plan"].contains(command)
        let school = command == "explain" ? ["S1"] : []
        let base = data ? rules + schools + school : [EngineCLI.starterRules]
        switch mistake {
        case .unknownOption:
            return ([command, "--frobnicate"] + base, "неизвестный параметр «--frobnicate»")
        case .misspelledOption:
            switch command {
            case "check": return ([command, "--fromat", "json"], "возможно, имелся в виду «--format»")
            case "fmt": return ([command, "--chek"], "возможно, имелся в виду «--check»")
            case "test": return ([command, "--lnag", "en"], "возможно, имелся в виду «--lang»")
            default: return ([command, "--shools", EngineCLI.starterSchools] + rules + school, "возможно, имелся в виду «--schools»")
            }
        case .valueMissingAtEnd:
            return ([command] + (data ? school : []) + ["--lang"], "не указано значение параметра «--lang»")
        case .valueMissingBeforeOption:
            if data { return ([command, "--schools", "--year", "2018/19"] + rules + school, "не указано значение параметра «--schools» (сразу за ним идёт «--year»)") }
            if command == "check" { return ([command, "--format", "--frobnicate"], "не указано значение параметра «--format»") }
            return ([command, "--lang", "--check"], "не указано значение параметра «--lang»")
        case .unexpectedArgument:
            if data && command != "explain" { return ([command, "Samples/asino.csv"] + rules, "--schools Samples/asino.csv") }
            if command == "explain" { return ([command, "S1", "S2"] + rules + schools, "лишний аргумент «S2»") }
            return ([command, EngineCLI.starterRules, "extra"], "лишний аргумент «extra»")
        case .flagWithValue:
            if data { return ([command, "--strict=yes"] + base, "параметр «--strict» пишется без значения") }
            if command == "fmt" { return ([command, "--check=1", EngineCLI.starterRules], "параметр «--check» пишется без значения") }
            return nil
        case .badLanguage:
            return ([command, "--lang", "de"] + base, "недопустимое значение «de» для --lang")
        case .missingPath:
            if data { return ([command, "--schools", tmp.path + "/нет.csv"] + rules + school, "не существует") }
            return ([command, tmp.path + "/нет"], "не существует")
        case .folderForFile:
            if data { return ([command, "--schools", tmp.path] + rules + school, "папка, а нужен файл") }
            return nil
        case .fileForFolder:
            if command == "plan" { return ([command, "--out", EngineCLI.starterSchools] + rules + schools, "файл, а для результатов нужна папка") }
            if command == "classify" { return ([command, "--out", tmp.path] + rules + schools, "папка, а для --out нужен файл") }
            return nil
        case .shortOption:
            return ([command, "-x"] + base, "неизвестный параметр «-x»")
        }
    }

    @Test(arguments: commands) func everyMistakeIsExplained(command: String) throws {
        let tmp = try EngineCLI.temporaryFolder()
        defer { EngineCLI.cleanUp(tmp) }
        for mistake in Mistake.allCases {
            guard let (args, fragment) = Self.case_(command, mistake, tmp) else { continue }
            let r = EngineCLI.run(args)
            #expect(r.code != 0, "\(mistake): \(args) was accepted")
            #expect(!r.stderr.isEmpty, "\(mistake): \(args) exited \(r.code) without a message")
            #expect(r.stderr.contains(fragment), "\(mistake): \(args)\n\(r.stderr)")
            // The same in English says something else in English.
            let en = EngineCLI.run(args + ["--lang", "en"].filter { _ in mistake != .badLanguage && mistake != .valueMissingAtEnd })
            #expect(en.code == r.code && !en.stderr.isEmpty, "\(mistake) in English: \(en)")
        }
    }

    @Test func usageErrorsSayWhatToType() {
        let r = EngineCLI.run(["plan", "Samples/asino.csv"])
        #expect(r.code == 64)
        #expect(r.stderr == "riskmap plan: лишний аргумент «Samples/asino.csv»; файл школ указывается так: riskmap plan --schools Samples/asino.csv\n  подробнее: riskmap plan --help\n")
        let en = EngineCLI.run(["classify", "--fromat", "json", "--lang", "en"])
        #expect(en.stderr == "riskmap classify: unknown option '--fromat'; did you mean '--format'?\n  see: riskmap classify --help\n")
        let other = EngineCLI.run(["classify", "--directory", "x.csv"])
        #expect(other.stderr.hasPrefix("riskmap classify: у команды classify нет параметра «--directory» (он есть у команды riskmap plan)"))
        let rules = EngineCLI.run(["plan", "Rules"])
        #expect(rules.stderr.contains("книга правил указывается так: riskmap plan --rules Rules"))
        let noSchool = EngineCLI.run(["explain", "--rules", EngineCLI.starterRules])
        #expect(noSchool.code == 64 && noSchool.stderr.contains("укажите школу"))
        let unknown = EngineCLI.run(["plna"])
        #expect(unknown.code == 64 && unknown.stderr.contains("«plan»"), "\(unknown)")
    }

    /// Outside a project: the missing `Rules` comes with a hint about `--rules`.
    @Test func outsideAProject() throws {
        let tmp = try EngineCLI.temporaryFolder()
        defer { EngineCLI.cleanUp(tmp) }
        for command in ["classify", "plan", "explain"] {
            let r = EngineCLI.run([command, "--rules", tmp.path + "/Rules"] + (command == "explain" ? ["S1"] : []))
            #expect(r.code == 66)
            #expect(r.stderr.contains("путь «\(tmp.path)/Rules» не существует"))
            #expect(r.stderr.contains("--rules ПАПКА"), "\(r)")
        }
        for command in ["check", "fmt", "test"] {
            let r = EngineCLI.run([command, tmp.path + "/Rules"])
            #expect(r.code == 66 && r.stderr.contains("riskmap \(command) ПАПКА"), "\(r)")
        }
    }

    @Test func planYearBeforeTheData() {
        let r = EngineCLI.run(["plan", "--rules", EngineCLI.path("Rules"), "--schools", EngineCLI.path("Samples/tomsk.csv"),
                               "--plan-year", "2017/18", "--out", FileManager.default.temporaryDirectory.path + "/riskmap-never-\(UUID())"])
        #expect(r.code == 64)
        #expect(r.stderr.contains("учебный год плана 2017/18 раньше года данных 2018/19"), "\(r)")
        #expect(r.stderr.contains("--plan-year 2019/20"))
    }
}
