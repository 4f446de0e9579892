import Foundation
import Testing
import RiskmapCLI

/// `plan` never loses a file it did not write, and its output folder is always a complete
/// set — after a refusal, a re-run, Ctrl-C, `kill`, or `kill -9` at any moment.
@Suite struct OutputSafetyTests {
    // MARK: - The three ways a user lost files

    /// `riskmap plan --out .` in a folder with other files: refused, every file kept.
    @Test(.enabled(if: Binary.path != nil)) func outIsTheCurrentFolder() throws {
        let project = try Binary.project()
        defer { EngineCLI.cleanUp(project) }
        try Data("мои заметки".utf8).write(to: project.appendingPathComponent("заметки.txt"))
        let before = try FileManager.default.contentsOfDirectory(atPath: project.path).sorted()
        let r = try Binary.run(["plan", "--out", "."], in: project)
        #expect(r.code == 73, "\(r)")
        #expect(r.stderr.contains("текущая папка"), "\(r)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: project.path).sorted() == before)
        #expect(try String(contentsOf: project.appendingPathComponent("заметки.txt"), encoding: .utf8) == "мои заметки")
        #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent("Samples/tomsk.csv").path))
        // The parent of the current folder is refused too.
        let up = try Binary.run(["plan", "--out", ".."], in: project.appendingPathComponent("Samples"))
        #expect(up.code != 0)
        #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent("Samples/tomsk.csv").path))
    }

    /// `--out` is the folder holding the schools file (and its directory): refused, both kept.
    @Test func outHoldsTheInput() throws {
        let tmp = try EngineCLI.temporaryFolder()
        defer { EngineCLI.cleanUp(tmp) }
        let data = tmp.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: EngineCLI.path("Samples/tomsk.csv"), toPath: data.path + "/tomsk.csv")
        try FileManager.default.copyItem(atPath: EngineCLI.path("Samples/tomsk-directory.csv"), toPath: data.path + "/tomsk-directory.csv")
        for out in [data.path, tmp.path] {
            let r = EngineCLI.run(["plan", "--rules", EngineCLI.path("Rules"), "--schools", data.path + "/tomsk.csv", "--out", out])
            #expect(r.code == 73, "\(r)")
            #expect(r.stderr.contains("содержит входной файл"), "\(r)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: data.path).sorted() == ["tomsk-directory.csv", "tomsk.csv"])
        // The rules folder is an input too.
        let rules = tmp.appendingPathComponent("rules")
        try FileManager.default.copyItem(atPath: EngineCLI.path("Rules"), toPath: rules.path)
        let r = EngineCLI.run(["plan", "--rules", rules.path, "--schools", data.path + "/tomsk.csv", "--out", rules.path])
        #expect(r.code == 73, "\(r)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: rules.path).count == FileManager.default.contentsOfDirectory(atPath: EngineCLI.path("Rules")).count)
    }

    /// A file the user put into the output folder survives a re-run; so does an edited plan.
    @Test func usersFilesSurviveARerun() throws {
        let tmp = try EngineCLI.temporaryFolder()
        defer { EngineCLI.cleanUp(tmp) }
        let out = tmp.path + "/out"
        let args = ["plan", "--rules", EngineCLI.path("Rules"), "--schools", EngineCLI.path("Samples/tomsk.csv"), "--out", out]
        #expect(EngineCLI.run(args).code == 0)
        try Data("правки".utf8).write(to: URL(fileURLWithPath: out + "/schools/мои-правки.docx"))
        let plan = out + "/schools/TOM-01.md"
        let original = try String(contentsOfFile: plan, encoding: .utf8)
        try Data((original + "\nЗаметки методиста.\n").utf8).write(to: URL(fileURLWithPath: plan))
        let r = EngineCLI.run(args)
        #expect(r.code == 0, "\(r)")
        #expect(try String(contentsOfFile: out + "/schools/мои-правки.docx", encoding: .utf8) == "правки")
        #expect(try String(contentsOfFile: plan, encoding: .utf8) == original)
        #expect(try String(contentsOfFile: out + "/schools/TOM-01 (ваша правка).md", encoding: .utf8).hasSuffix("Заметки методиста.\n"))
        #expect(r.stderr.contains("schools/мои-правки.docx"), "the run says what it kept: \(r)")
        #expect(r.stderr.contains("schools/TOM-01.md → schools/TOM-01 (ваша правка).md"), "\(r)")
        // A folder riskmap did not write is not replaced.
        let docs = tmp.path + "/docs"
        try FileManager.default.createDirectory(atPath: docs, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: docs + "/отчёт.docx"))
        let refused = EngineCLI.run(Array(args.dropLast()) + [docs])
        #expect(refused.code == 73)
        #expect(refused.stderr.contains("записана не riskmap"), "\(refused)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: docs) == ["отчёт.docx"])
    }

    // MARK: - Interrupted and killed runs

    /// A project with a schools file large enough that a run takes a few seconds.
    static func bigProject(copies: Int) throws -> URL {
        let project = try Binary.project()
        try Data(try Binary.manySchools(copies).utf8).write(to: project.appendingPathComponent("Samples/big.csv"))
        return project
    }

    /// SIGINT and SIGTERM while the new folder is being written: the temporary folder is
    /// removed, the previous outputs are untouched, the run ends by the signal.
    @Test(.enabled(if: Binary.path != nil), arguments: [SIGINT, SIGTERM])
    func interruptedRunsCleanUp(signal: Int32) throws {
        let project = try Self.bigProject(copies: 2)
        defer { EngineCLI.cleanUp(project) }
        let args = ["plan", "--schools", "Samples/big.csv", "--out", "out"]
        let first = try Binary.run(args + ["--plan-year", "2019/20"], in: project)
        #expect(first.code == 0, "\(first)")
        var interrupted = false
        for _ in 0..<3 where !interrupted {
            let running = try Binary.start(args + ["--plan-year", "2020/21"], in: project)
            // Wait until the new folder is being written, then interrupt.
            let deadline = Date().addingTimeInterval(120)
            while running.process.isRunning && Date() < deadline && Binary.temporaries(project).isEmpty { usleep(2_000) }
            if running.process.isRunning && !Binary.temporaries(project).isEmpty {
                kill(running.pid, signal)
                interrupted = true
            }
            let r = running.wait()
            if interrupted { #expect(r.code == 128 + signal, "\(r)") }
        }
        #expect(interrupted, "never caught the run while it wrote its folder")
        #expect(Binary.temporaries(project).isEmpty, "left: \(Binary.temporaries(project))")
        #expect((try? Binary.completeSet(project.path + "/out").get()) == "2019/20")
    }

    /// `kill -9` at random moments, again and again: `out/` is always the previous complete
    /// set or the new one, never a mix; the next run removes what the killed ones left.
    /// With the one-step swap `out/` is never missing. With the two renames used where the
    /// file system cannot swap (`RISKMAP_FOLDER_SWAP=renames`), a kill between them leaves
    /// the previous set whole beside it (`.out.riskmap-old-PID`), and the next run puts it
    /// back before anything else.
    @Test(.enabled(if: Binary.path != nil), arguments: ["swap", "renames"])
    func killedRunsNeverLeaveAMix(folderSwap: String) throws {
        let project = try Self.bigProject(copies: 3)
        defer { EngineCLI.cleanUp(project) }
        let args = ["plan", "--schools", "Samples/big.csv", "--out", "out"]
        let environment = folderSwap == "renames" ? ["RISKMAP_FOLDER_SWAP": "renames"] : [:]
        let started = Date()
        let first = try Binary.run(args + ["--plan-year", "2019/20"], in: project, environment: environment)
        let duration = Date().timeIntervalSince(started)
        #expect(first.code == 0, "\(first)")
        var generator = SystemRandomNumberGenerator()
        var years: [String] = []
        for k in 0..<5 {
            let year = k % 2 == 0 ? "2020/21" : "2019/20"
            let running = try Binary.start(args + ["--plan-year", year], in: project, environment: environment)
            // Anywhere in the run, the last third (writing and swapping) twice as often.
            let fraction = k % 2 == 0 ? Double.random(in: 0.6...1.05, using: &generator) : Double.random(in: 0.05...1.05, using: &generator)
            usleep(useconds_t(duration * fraction * 1_000_000))
            kill(running.pid, SIGKILL)
            _ = running.wait()
            var folder = project.path + "/out"
            if folderSwap == "renames", !FileManager.default.fileExists(atPath: folder) {
                // Killed between the renames: the previous set is whole, beside its name.
                let aside = Binary.temporaries(project).filter { $0.hasPrefix(".out.riskmap-old-") }
                #expect(aside.count == 1, "out/ missing and \(Binary.temporaries(project)) beside it")
                folder = project.path + "/" + (aside.first ?? "out")
            }
            switch Binary.completeSet(folder) {
            case .success(let y): years.append(y)
            case .failure(let f): Issue.record("after a kill at \(Int(fraction * 100)) % of the run: \(f)")
            }
        }
        #expect(years.allSatisfy { $0 == "2019/20" || $0 == "2020/21" }, "\(years)")
        let last = try Binary.run(args + ["--plan-year", "2021/22"], in: project, environment: environment)
        #expect(last.code == 0, "\(last)")
        #expect((try? Binary.completeSet(project.path + "/out").get()) == "2021/22")
        #expect(Binary.temporaries(project).isEmpty, "left: \(Binary.temporaries(project))")
    }
}
