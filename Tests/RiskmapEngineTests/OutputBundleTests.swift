import Foundation
import Testing
@testable import RiskmapEngine

/// The output folder of `riskmap plan`: every file written in full and flushed, with its
/// folders, before the folder takes the target's name.
@Suite struct OutputBundleTests {
    @Test func everyFileAndFolderIsFlushedBeforeTheRename() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("riskmap-bundle-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out").path
        var bundle = OutputBundle()
        bundle.add("a.txt", "первый")
        bundle.add("schools/s1/plan.md", "второй")
        bundle.add("schools/s2/plan.md", "третий")
        bundle.add("big.bin", bytes: [UInt8](repeating: 7, count: 3 << 20))
        var synced: [String] = []
        try bundle.write(to: out) { step in
            if case .synced(let path) = step { synced.append(path) }
        }
        // What was flushed, relative to the staging folder (whose name is the last entry).
        let staging = try #require(synced.last)
        #expect(URL(fileURLWithPath: staging).lastPathComponent.hasPrefix(".out.riskmap-new-"))
        let relative = synced.map { $0 == staging ? "." : String($0.dropFirst(staging.count + 1)) }
        #expect(relative == ["a.txt", "schools/s1/plan.md", "schools/s2/plan.md", "big.bin",
                             "schools/s1", "schools/s2", "schools", "."])
        // The folder is in place, with every file in full, and no staging folder is left.
        #expect(try String(contentsOfFile: out + "/a.txt", encoding: .utf8) == "первый")
        #expect(try String(contentsOfFile: out + "/schools/s2/plan.md", encoding: .utf8) == "третий")
        #expect(FileManager.default.contents(atPath: out + "/big.bin") == Data(repeating: 7, count: 3 << 20))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["out"])
    }

    @Test func anUnwritableFileLeavesNoStagingFolder() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("riskmap-bundle-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        var bundle = OutputBundle()
        bundle.add("a.txt", "x")
        bundle.add("a.txt/b.txt", "a file cannot be a folder")
        #expect(throws: OutputBundle.Failure.self) { try bundle.write(to: root.appendingPathComponent("out").path) }
        #expect((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? [] == [])
    }
}
