import Foundation
import Testing
@testable import RiskmapCLI
import RiskmapEngine
import RiskmapLanguage

/// `script` (util-linux) runs a command on a pseudo-terminal.
let scriptTool: String? = ["/usr/bin/script", "/bin/script"].first { FileManager.default.isExecutableFile(atPath: $0) }

/// Progress on a terminal, nothing elsewhere; help that shows defaults, an example and the columns.
@Suite struct ProgressAndHelpTests {
    /// On a terminal (a pseudo-terminal made by `script`), a step that takes longer than
    /// `RISKMAP_PROGRESS_AFTER` shows the step, a count and a rate, then is cleared.
    @Test(.enabled(if: Binary.path != nil && scriptTool != nil, "needs the riskmap binary and script(1)"))
    func progressOnATerminal() throws {
        let project = try Binary.project()
        defer { EngineCLI.cleanUp(project) }
        try Data(try Binary.manySchools(2).utf8).write(to: project.appendingPathComponent("Samples/big.csv"))
        let command = "'\(Binary.path!)' plan --schools Samples/big.csv --out out"
        let r = try Binary.run(["-q", "-e", "-f", "-c", command, "/dev/null"].map { $0 }, in: project,
                               environment: ["RISKMAP_PROGRESS_AFTER": "0", "PATH": "/usr/bin:/bin", "TERM": "dumb"], tool: scriptTool!)
        #expect(r.code == 0, "\(r)")
        #expect(r.stderr.contains("\r"), "a status line rewritten in place: \(r.stderr.debugDescription.prefix(400))")
        #expect(r.stderr.contains("Планы школ: ") || r.stderr.contains("Подготовка документов: "), "\(r.stderr.debugDescription.prefix(600))")
        #expect(r.stderr.range(of: #"\d+ из \d+ школ(ы)?, \d+ школ/с…"#, options: .regularExpression) != nil,
                "a count and a rate: \(r.stderr.debugDescription.prefix(600))")
        #expect(r.stderr.contains("\u{1B}[K"), "the line is cleared")
        #expect(r.stderr.contains("Планы на 2019/20 учебный год"), "the summary still comes: \(r.stderr.debugDescription.suffix(300))")
        // Not a terminal: no status line at all.
        let plain = try Binary.run(["plan", "--schools", "Samples/big.csv", "--out", "out2"], in: project,
                                   environment: ["RISKMAP_PROGRESS_AFTER": "0"])
        #expect(plain.code == 0)
        #expect(!plain.stderr.contains("\r") && !plain.stderr.contains("\u{1B}"), "\(plain.stderr.debugDescription)")
    }

    @Test func progressWording() {
        let s = RunProgressSample.snapshot(step: "planning", done: 12_000, total: 40_000, seconds: 1.5)
        #expect(s == "Планы школ: 12\u{A0}000 из 40\u{A0}000 школ, 8\u{A0}000 школ/с…")
        #expect(RunProgressSample.snapshot(step: "loadingProfiles", done: 0, total: 40_000, seconds: 2.2) == "Чтение профилей: 40\u{A0}000 строк… 2 с")
        #expect(RunProgressSample.snapshot(step: "evaluating", done: 0, total: nil, seconds: 3, lang: "en") == "Evaluating factors, levels and groups… 3 s")
        #expect(RunProgressSample.snapshot(step: "writingFiles", done: 21, total: 21, seconds: 1, lang: "ru") == "Запись файлов: 21 из 21 файла, 21 файлов/с…")
    }

    @Test(arguments: ["check", "fmt", "classify", "explain", "plan", "test"])
    func helpShowsDefaultsAnExampleAndTheColumns(command: String) {
        for lang in ["ru", "en"] {
            let r = EngineCLI.run([command, "--help", "--lang", lang])
            #expect(r.code == 0)
            let text = r.stdout
            #expect(text.contains(lang == "ru" ? "По умолчанию" : "Defaults"), "\(command) \(lang): \(text)")
            #expect(text.contains(lang == "ru" ? "Пример" : "Example"), "\(command) \(lang)")
            #expect(text.contains("riskmap \(command)"))
            if ["classify", "explain", "plan"].contains(command) {
                #expect(text.contains("Rules/") && text.contains("Samples/tomsk.csv"), "\(command) \(lang): the files read by default")
                #expect(text.contains("school_id") && text.contains("municipality") && text.contains("year"), "\(command) \(lang): the columns")
                #expect(text.contains(".xlsx") && text.contains("--sheet"), "\(command) \(lang)")
            }
        }
    }
}

/// Renders progress lines the way the display does.
enum RunProgressSample {
    static func snapshot(step: String, done: Int, total: Int?, seconds: Double, lang: String = "ru") -> String {
        let snapshot = RunProgress.Snapshot(step: RunProgress.Step(rawValue: step)!, done: done, total: total, seconds: seconds)
        return CLIText.progress(snapshot, Lang(rawValue: lang)!)
    }
}
