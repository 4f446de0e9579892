import Foundation
import Testing
import RiskmapCLI

/// Runs the built `riskmap` executable (`.build/debug/riskmap`, built by `swift build` or
/// `swift test`) from the package root, as a user would.
/// The built executable: `RISKMAP_BINARY`, else `.build/debug/riskmap` under the package root.
let riskmapBinary: String? = {
    let candidates = [
        ProcessInfo.processInfo.environment["RISKMAP_BINARY"],
        EngineCLI.path(".build/debug/riskmap"),
    ].compactMap { $0 }
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
}()

@Suite(.enabled(if: riskmapBinary != nil,
                "the riskmap binary is not built (.build/debug/riskmap): run `swift build --product riskmap` first"))
struct EndToEndTests {
    /// Runs the binary in the package root with an empty environment (Russian messages).
    static func run(_ args: [String]) throws -> EngineCLI.Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: riskmapBinary!)
        process.arguments = args
        process.currentDirectoryURL = EngineCLI.root
        process.environment = [:]
        let folder = try EngineCLI.temporaryFolder()
        defer { EngineCLI.cleanUp(folder) }
        let outURL = folder.appendingPathComponent("stdout"), errURL = folder.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return EngineCLI.Output(
            code: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    @Test func version() throws {
        let r = try Self.run(["--version"])
        #expect(r.code == 0, "\(r)")
        #expect(r.stdout.hasPrefix("riskmap "))
        #expect(r.stdout == EngineCLI.run(["--version"]).stdout)
    }

    @Test func checkStarter() throws {
        let r = try Self.run(["check", "Tests/Fixtures/starter"])
        #expect(r.code == 0, "\(r)")
    }

    @Test func classifyJSONMatchesInProcess() throws {
        let args = ["classify", "--rules", "Tests/Fixtures/starter", "--schools", "Tests/Fixtures/profiles/starter-schools.csv", "--format", "json"]
        let r = try Self.run(args)
        #expect(r.code == 0, "\(r)")
        #expect(r.stderr == "")
        let inProcess = EngineCLI.classify(["--format", "json"])
        #expect(r.stdout == inProcess.stdout)
        EngineCLI.expectGolden(r.stdout, "classify.json")
    }

    @Test func classifyCSVBytes() throws {
        let r = try Self.run(["classify", "--rules", "Tests/Fixtures/starter", "--schools", "Tests/Fixtures/profiles/starter-schools.csv", "--format", "csv"])
        #expect(r.code == 0, "\(r)")
        #expect(Array(r.stdout.utf8).starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(r.stdout == EngineCLI.classify(["--format", "csv"]).stdout)
    }

    @Test func testStarter() throws {
        let r = try Self.run(["test", "Tests/Fixtures/starter"])
        #expect(r.code == 0, "\(r)")
        #expect(r.stdout.hasPrefix("Примеры: 2 пройдено, 0 не пройдено\n"))
    }

    @Test func unknownCommandExits64() throws {
        let r = try Self.run(["frobnicate"])
        #expect(r.code == 64, "\(r)")
        #expect(r.stdout == "")
        #expect(!r.stderr.isEmpty)
    }

    @Test func noArgumentsExits64() throws {
        let r = try Self.run([])
        #expect(r.code == 64, "\(r)")
        #expect(r.stderr.contains("riskmap"))
    }

    @Test func missingSchoolsExits66() throws {
        let r = try Self.run(["classify", "--rules", "Tests/Fixtures/starter", "--schools", "no-such-file.csv"])
        #expect(r.code == 66, "\(r)")
        #expect(r.stderr.contains("no-such-file.csv"))
    }

    @Test func dataErrorsExit1() throws {
        let folder = try EngineCLI.temporaryFolder()
        defer { EngineCLI.cleanUp(folder) }
        let path = try EngineCLI.write("school_id;year;pupils\nS1;2025/26;много\nS2;2025/26;5\n", "bad.csv", in: folder)
        let r = try Self.run(["classify", "--rules", "Tests/Fixtures/starter", "--schools", path, "--format", "json"])
        #expect(r.code == 1, "\(r)")
        #expect(r.stderr.contains("\(path):2:12: ошибка: значение «много» не подходит"))
        #expect(r.stdout.contains("\"id\": \"S2\""))
    }
}
