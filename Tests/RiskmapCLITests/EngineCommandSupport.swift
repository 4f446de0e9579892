import Foundation
import Testing
import RiskmapCLI

/// Helpers for the classify / explain / test / end-to-end tests (namespaced so they do not
/// collide with other test files of this target).
enum EngineCLI {
    /// The package root, from this file's path.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    static var starterRules: String { path("Tests/Fixtures/starter") }
    static var starterSchools: String { path("Tests/Fixtures/profiles/starter-schools.csv") }

    struct Output: CustomStringConvertible {
        var code: Int32
        var stdout: String
        var stderr: String
        var description: String { "exit \(code)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }
    }

    /// Runs the command line in-process with no environment (Russian messages).
    static func run(_ args: [String], environment: [String: String] = [:]) -> Output {
        let console = Console(capture: true)
        let code = Riskmap.run(args, environment: environment, console: console)
        return Output(code: code, stdout: console.standardOutput, stderr: console.standardError)
    }

    /// `classify` on the starter rule book and `schools` (default: the starter profiles).
    static func classify(_ extra: [String], schools: String? = nil) -> Output {
        run(["classify", "--rules", starterRules, "--schools", schools ?? starterSchools] + extra)
    }

    /// A fresh temporary folder, removed by the caller with `cleanUp`.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("riskmap-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func cleanUp(_ url: URL) { try? FileManager.default.removeItem(at: url) }

    /// Writes `text` as UTF-8 to `name` in `folder`; returns the path.
    @discardableResult
    static func write(_ text: String, _ name: String, in folder: URL) throws -> String {
        try write(Array(text.utf8), name, in: folder)
    }

    @discardableResult
    static func write(_ bytes: [UInt8], _ name: String, in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    // MARK: - Golden files

    /// Tests/RiskmapCLITests/Golden (the source folder, so updates land in the repository).
    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static var updatingGoldens: Bool { ProcessInfo.processInfo.environment["RISKMAP_UPDATE_GOLDEN"] == "1" }

    /// Compares `actual` with the golden file `name` byte for byte; with
    /// `RISKMAP_UPDATE_GOLDEN=1` writes it instead.
    static func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = goldenFolder.appendingPathComponent(name)
        if updatingGoldens {
            do {
                try Data(actual.utf8).write(to: url)
            } catch {
                Issue.record("cannot write golden \(url.path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record("missing golden file \(url.path); run with RISKMAP_UPDATE_GOLDEN=1 to create it", sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        if expected != actual {
            Issue.record("""
                output differs from golden \(name) (RISKMAP_UPDATE_GOLDEN=1 regenerates it)
                \(firstDifference(expected, actual))
                """, sourceLocation: sourceLocation)
        }
    }

    /// The first differing line, for readable failures.
    static func firstDifference(_ expected: String, _ actual: String) -> String {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(e.count, a.count) {
            let el = i < e.count ? String(e[i]) : "<end>"
            let al = i < a.count ? String(a[i]) : "<end>"
            if el != al { return "line \(i + 1):\n  expected: \(el)\n  actual:   \(al)" }
        }
        return "(differences in line endings or bytes only)"
    }

    // MARK: - Windows-1251

    /// Encodes text to Windows-1251: ASCII, А–я, Ёё, «», №, —, –, NBSP. Anything else is a
    /// test bug.
    static func cp1251(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        for scalar in text.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0..<0x80: out.append(UInt8(v))
            case 0x0410...0x044F: out.append(UInt8(v - 0x0410 + 0xC0))
            case 0x0401: out.append(0xA8)  // Ё
            case 0x0451: out.append(0xB8)  // ё
            case 0x00AB: out.append(0xAB)  // «
            case 0x00BB: out.append(0xBB)  // »
            case 0x2116: out.append(0xB9)  // №
            case 0x2014: out.append(0x97)  // —
            case 0x2013: out.append(0x96)  // –
            case 0x00A0: out.append(0xA0)
            default:
                Issue.record("cannot encode U+\(String(v, radix: 16)) in Windows-1251")
                out.append(UInt8(ascii: "?"))
            }
        }
        return out
    }
}
