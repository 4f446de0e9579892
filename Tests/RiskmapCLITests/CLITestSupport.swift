import Foundation
import RiskmapCLI

/// Runs `riskmap` in-process and captures what it prints.
struct CLIRun {
    var exitCode: Int32
    var standardOutput: String
    var standardError: String

    init(_ args: [String], environment: [String: String] = [:]) {
        let console = Console(capture: true)
        exitCode = Riskmap.run(args, environment: environment, console: console)
        standardOutput = console.standardOutput
        standardError = console.standardError
    }
}

/// A scratch folder holding a copy of the starter rule book; removed by `remove()`.
struct ScratchBook {
    static let starter = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/starter")

    /// Number of rule files in the starter book.
    static var starterCount: Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: starter.path)) ?? []).filter { $0.hasSuffix(".rules") }.count
    }

    let directory: URL

    init(copyStarter: Bool = true) throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("riskmap-cli-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        if copyStarter {
            for name in try FileManager.default.contentsOfDirectory(atPath: Self.starter.path) where name.hasSuffix(".rules") {
                try FileManager.default.copyItem(at: Self.starter.appendingPathComponent(name),
                                                 to: directory.appendingPathComponent(name))
            }
        }
    }

    var path: String { directory.path }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func read(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: directory.appendingPathComponent(name))
    }

    /// Replaces `old` (which must occur exactly once) in a file.
    func replace(in name: String, _ old: String, with new: String) throws {
        let text = try read(name)
        precondition(text.components(separatedBy: old).count == 2, "«\(old)» is not in \(name) exactly once")
        try write(name, text.replacingOccurrences(of: old, with: new))
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}
