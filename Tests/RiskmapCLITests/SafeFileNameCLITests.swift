import Foundation
import Testing
import RiskmapCLI

/// Issue 17, item 4: a school id whose file name would pass 255 bytes, or that is a Windows
/// device name, still gets its plan; `plan` no longer fails with exit 73.
@Suite(.enabled(if: Binary.path != nil)) struct SafeFileNameCLITests {
    @Test func longAndDeviceIdsGetPlans() throws {
        let project = try Binary.project()
        defer { EngineCLI.cleanUp(project) }
        let long = String(repeating: "𝐀", count: 100)   // 400 bytes of letters, the longest id
        var csv = try String(contentsOf: project.appendingPathComponent("Samples/tomsk.csv"), encoding: .utf8)
        csv = csv.replacingOccurrences(of: "\nTOM-01;", with: "\n\(long);").replacingOccurrences(of: "\nTOM-02;", with: "\nCON;")
            .replacingOccurrences(of: "\nTOM-03;", with: "\nnul;")
        try Data(csv.utf8).write(to: project.appendingPathComponent("Samples/tomsk.csv"))
        let r = try Binary.run(["plan", "--out", "out"], in: project)
        #expect(r.code == 0, "\(r.stderr.prefix(2000))")
        let files = try FileManager.default.contentsOfDirectory(atPath: project.path + "/out/schools")
        #expect(files.contains("CON_.md") && files.contains("CON_.html"), "\(files)")
        #expect(files.contains("nul_.md"), "\(files)")
        let longName = files.first { $0.hasPrefix("𝐀𝐀𝐀") && $0.hasSuffix(".html") }
        #expect(longName.map { $0.utf8.count <= 125 } == true, "\(files)")
        #expect(!files.contains { ["CON", "NUL", "nul"].contains($0.split(separator: ".").first.map(String.init) ?? "") })
    }
}

/// Issue 17, item 5: `classify --out` respects a symbolic link or a read-only file at its
/// target, and `plan --out` a symbolic link to a folder, each with a message.
@Suite struct OutputTargetTests {
    @Test func classifyOutRespectsLinksAndReadOnlyFiles() throws {
        let folder = try EngineCLI.temporaryFolder()
        defer { EngineCLI.cleanUp(folder) }
        let real = folder.path + "/real.csv", link = folder.path + "/link.csv", locked = folder.path + "/locked.csv"
        try Data("real".utf8).write(to: URL(fileURLWithPath: real))
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        let r = EngineCLI.classify(["--format", "csv", "--out", link])
        #expect(r.code == 73, "\(r)")
        #expect(r.stderr.contains("link.csv» — символическая ссылка"), "\(r)")
        #expect(try String(contentsOfFile: real, encoding: .utf8) == "real")
        try Data("locked".utf8).write(to: URL(fileURLWithPath: locked))
        chmod(locked, 0o444)
        let l = EngineCLI.classify(["--format", "csv", "--out", locked])
        #expect(l.code == 73, "\(l)")
        #expect(l.stderr.contains("locked.csv» доступен только для чтения; riskmap его не перезаписывает"), "\(l)")
        #expect(try String(contentsOfFile: locked, encoding: .utf8) == "locked")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["link.csv", "locked.csv", "real.csv"])
    }

    @Test func planOutRespectsALinkedFolder() throws {
        let folder = try EngineCLI.temporaryFolder()
        defer { EngineCLI.cleanUp(folder) }
        try FileManager.default.createDirectory(atPath: folder.path + "/real", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/out", withDestinationPath: folder.path + "/real")
        let r = EngineCLI.run(["plan", "--rules", EngineCLI.path("Rules"), "--schools", EngineCLI.path("Samples/tomsk.csv"), "--out", folder.path + "/out"])
        #expect(r.code == 73, "\(r)")
        #expect(r.stderr.contains("символическая ссылка"), "\(r)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder.path + "/out") == folder.path + "/real")
    }
}
