import Foundation
import RiskmapLanguage

/// The rule files of a rules folder at a git revision (`riskmap diff --old REV`), read with
/// `git ls-tree` and `git show REV:./FILE` into memory: nothing is written to disk. Each
/// file's path reads `REV:Rules/20-parameters.rules`, so diagnostics say where they are.
enum GitRevision {
    enum Problem: Error, Sendable {
        /// git could not be started.
        case gitMissing
        /// git refused: not a repository, an unknown revision, … (its first line of stderr).
        case git(String)
        /// The revision has no `.rules` files in the folder.
        case noRuleFiles
        /// The rules folder itself does not exist (git needs a folder to run in).
        case noFolder
    }

    static func files(revision: String, rules: String) -> Result<[SourceFile], Problem> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: rules, isDirectory: &isDirectory) else { return .failure(.noFolder) }
        // A single rules file: its folder, and only that file.
        let folder = isDirectory.boolValue ? rules : (rules as NSString).deletingLastPathComponent
        let only = isDirectory.boolValue ? nil : (rules as NSString).lastPathComponent
        let base = folder.isEmpty ? "." : folder
        let listing: Data
        switch run(["-C", base, "ls-tree", "-r", "--name-only", revision, "--", "."]) {
        case .failure(let p): return .failure(p)
        case .success(let d): listing = d
        }
        let names = String(decoding: listing, as: UTF8.self).split(separator: "\n").map(String.init)
            .filter { $0.hasSuffix(".rules") && (only == nil || $0 == only) }.sorted()
        guard !names.isEmpty else { return .failure(.noRuleFiles) }
        var files: [SourceFile] = []
        let shown = rules.hasSuffix("/") ? String(rules.dropLast()) : rules
        for name in names {
            switch run(["-C", base, "show", "\(revision):./\(name)"]) {
            case .failure(let p): return .failure(p)
            case .success(let d):
                let path = isDirectory.boolValue ? "\(revision):\(shown)/\(name)" : "\(revision):\(shown)"
                files.append(SourceFile(path: path, bytes: [UInt8](d)))
            }
        }
        return .success(files)
    }

    /// Runs git with `arguments`: its standard output, or why it failed.
    private static func run(_ arguments: [String]) -> Result<Data, Problem> {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["LC_ALL"] = "C"
        environment["GIT_TERMINAL_PROMPT"] = "0"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return .failure(.gitMissing) }
        // Read both pipes before waiting, so a large output cannot block git.
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            if process.terminationStatus == 127 { return .failure(.gitMissing) }
            let line = String(decoding: errors, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
            return .failure(.git(line))
        }
        return .success(data)
    }
}
