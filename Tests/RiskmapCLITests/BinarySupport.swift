import Foundation
import RiskmapEngine

/// Runs the built `riskmap` binary as a user would: in a folder of the test's choosing,
/// with an environment, to the end or until the test kills it.
enum Binary {
    /// The binary (`riskmapBinary`, see EndToEndTests).
    static var path: String? { riskmapBinary }

    struct Running {
        let process: Process
        let output: URL

        var pid: Int32 { process.processIdentifier }

        /// Waits for the end; the exit code, or 128 + the signal that ended it.
        func wait() -> EngineCLI.Output {
            process.waitUntilExit()
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            let code = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
            return EngineCLI.Output(code: code, stdout: "", stderr: text)
        }
    }

    /// Starts `riskmap args` in `folder`; standard output and error go to one file.
    /// `tool`: another program to run (default: riskmap).
    static func start(_ args: [String], in folder: URL, environment: [String: String] = [:], tool: String? = nil) throws -> Running {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool ?? path!)
        process.arguments = args
        process.currentDirectoryURL = folder
        process.environment = environment
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("riskmap-output-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try handle.close()
        return Running(process: process, output: output)
    }

    static func run(_ args: [String], in folder: URL, environment: [String: String] = [:], tool: String? = nil) throws -> EngineCLI.Output {
        let running = try start(args, in: folder, environment: environment, tool: tool)
        defer { try? FileManager.default.removeItem(at: running.output) }
        return running.wait()
    }

    /// A project folder as a user has it: the shipped rules and samples, copied.
    static func project() throws -> URL {
        let folder = try EngineCLI.temporaryFolder()
        for name in ["Rules", "Samples"] {
            try FileManager.default.copyItem(atPath: EngineCLI.path(name), toPath: folder.appendingPathComponent(name).path)
        }
        return folder
    }

    /// `Samples/tomsk.csv` with every school repeated `copies` times under new ids.
    static func manySchools(_ copies: Int) throws -> String {
        let text = try String(contentsOfFile: EngineCLI.path("Samples/tomsk.csv"), encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let header = lines.removeFirst()
        var out = [header]
        for k in 0..<copies {
            for line in lines {
                var fields = line.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
                fields[0] += "-\(k)"
                out.append(fields.joined(separator: ";"))
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// Whether `folder` is a complete output set: its manifest lists every file in it
    /// with the right SHA-256, and nothing else is there. Returns the plan year, or a
    /// description of what is wrong.
    static func completeSet(_ folder: String) -> Result<String, Failure> {
        struct Wrong: Error {}
        guard let data = FileManager.default.contents(atPath: folder + "/manifest.json"),
              let manifest = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let outputs = manifest["outputs"] as? [[String: String]] else { return .failure(Failure("no readable manifest in \(folder)")) }
        var expected: [String: String] = [:]
        for o in outputs { expected[o["path"] ?? ""] = o["sha256"] }
        var found = Set<String>()
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let p = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: folder + "/" + p, isDirectory: &isDirectory)
            if !isDirectory.boolValue && p != "manifest.json" { found.insert(p) }
        }
        guard found == Set(expected.keys) else {
            return .failure(Failure("files differ from the manifest: \(found.symmetricDifference(expected.keys).sorted().prefix(5))"))
        }
        for (path, sha) in expected {
            guard let bytes = FileManager.default.contents(atPath: folder + "/" + path), SHA256.hex([UInt8](bytes)) == sha else {
                return .failure(Failure("\(path) does not match its SHA-256"))
            }
        }
        return .success(manifest["planYear"] as? String ?? "")
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    /// Entries of `folder` that start with `.out.riskmap-` (temporary folders).
    static func temporaries(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasPrefix(".out.riskmap-") }.sorted()
    }
}
