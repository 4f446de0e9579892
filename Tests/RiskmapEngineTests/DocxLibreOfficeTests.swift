import Foundation
import Testing
@testable import RiskmapEngine
import RiskmapLanguage

/// The Word files as a user gets them: LibreOffice opens the generated `.docx` and prints it
/// to PDF; the PDF must have the pages, the page size and orientation expected, and every
/// word of the measures table whole (no word broken at a line end).
///
/// Needs `soffice` (LibreOffice) and `pdfinfo`/`pdftotext` (poppler-utils) on `PATH`; skipped,
/// with a message saying what to install, when they are missing:
/// `apt-get install -y libreoffice-writer-nogui poppler-utils`.
@Suite(.serialized) struct DocxLibreOfficeTests {
    static func tool(_ names: [String]) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in names {
            for dir in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
                return "\(dir)/\(name)"
            }
        }
        return nil
    }

    static let soffice = tool(["soffice", "libreoffice"])
    static let pdfinfo = tool(["pdfinfo"])
    static let pdftotext = tool(["pdftotext"])

    /// Runs `tool`, its output in a file (a pipe could fill up); gives up after `timeout` seconds.
    static func run(_ tool: String, _ arguments: [String], in folder: URL, timeout: TimeInterval = 180) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = folder.path
        process.environment = environment
        let outURL = folder.appendingPathComponent("output-\(UUID().uuidString).txt")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            Issue.record("\(tool) did not finish within \(Int(timeout)) s: \(arguments)")
        }
        try out.close()
        return (process.terminationStatus, String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self))
    }

    /// The words of the table cells that a line end must not cut: letters only, not in a compound.
    static func words(_ table: Document.Table) -> Set<String> {
        var words: Set<String> = []
        for row in table.rows {
            for cell in row {
                for inline in cell.main + cell.detail {
                    // A line may end after a compound's hyphen (and pdftotext then joins the halves).
                    for token in inline.plainText.split(separator: " ") where !token.contains("-") {
                        for w in token.split(whereSeparator: { !$0.isLetter }) where w.count >= 4 { words.insert(String(w)) }
                    }
                }
            }
        }
        return words
    }

    @Test func libreOfficePrintsTheDocumentsAsExpected() throws {
        guard let soffice = Self.soffice, let pdfinfo = Self.pdfinfo, let pdftotext = Self.pdftotext else {
            print("DocxLibreOfficeTests: SKIPPED — needs soffice, pdfinfo and pdftotext on PATH; install them with "
                + "`apt-get install -y libreoffice-writer-nogui poppler-utils` to check the .docx files in LibreOffice")
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("riskmap-docx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = DocxSamples.schoolPlan(), roadmap = DocxSamples.roadmap()
        try Data(DocxWriter.render(plan)).write(to: folder.appendingPathComponent("plan.docx"))
        try Data(DocxWriter.render(roadmap)).write(to: folder.appendingPathComponent("roadmap.docx"))
        // A profile of its own: a running LibreOffice (or another test run) must not take the job.
        let convert = try Self.run(soffice, ["-env:UserInstallation=\(folder.appendingPathComponent("profile").absoluteString)",
                                             "--headless", "--convert-to", "pdf", "--outdir", folder.path, "plan.docx", "roadmap.docx"],
                                   in: folder)
        #expect(convert.status == 0, "\(convert.output)")

        // Pages and page size as LibreOffice 7.4 lays them out: the plan's 25 measures over
        // several portrait pages, the roadmap's over fewer landscape ones.
        for (name, pages, size) in [("plan", 3...7, "595.304 x 841.89"), ("roadmap", 2...4, "841.89 x 595.304")] {
            let info = try Self.run(pdfinfo, ["\(name).pdf"], in: folder)
            #expect(info.status == 0, "\(info.output)")
            let count = info.output.split(separator: "\n").first { $0.hasPrefix("Pages:") }
                .flatMap { Int($0.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)) }
            #expect(pages.contains(count ?? 0), "\(name): \(count ?? 0) pages")
            #expect(info.output.contains("Page size:       \(size) pts (A4)"), "\(name): \(info.output)")

            // Every word of the tables whole, and the header row on every page the table spans.
            let text = try Self.run(pdftotext, ["-enc", "UTF-8", "\(name).pdf", "-"], in: folder).output
            let printed = Set(text.split(whereSeparator: { !$0.isLetter }).map(String.init))
            let doc = name == "plan" ? plan : roadmap
            for case .table(let table) in doc.blocks {
                let broken = Self.words(table).subtracting(printed)
                #expect(broken.isEmpty, "\(name), table \(table.name): words broken or missing: \(broken.sorted())")
            }
            let tablePages = text.split(separator: "\u{C}").filter { $0.contains("Отметка об") }
            #expect(tablePages.count >= 2, "\(name): the measures table spans pages")
            #expect(tablePages.allSatisfy { $0.contains("Мероприятие") }, "\(name): the header row repeats")
        }
    }
}
