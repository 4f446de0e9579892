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
