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

    /// Every Tomsk school plan (2018/19 data, the shipped rule book) as Word prints it in
    /// LibreOffice: at most 6 A4 pages, its annex «Основания методики» included (#13), and the
    /// words of its tables whole.
    @Test func tomskPlansFitSixPagesInWord() throws {
        guard let soffice = Self.soffice, let pdfinfo = Self.pdfinfo, let pdftotext = Self.pdftotext else {
            print("DocxLibreOfficeTests: SKIPPED — needs soffice, pdfinfo and pdftotext on PATH")
            return
        }
        let plans = try SummaryBrowserTests.tomsk()
        var bundle = OutputBundle()
        PlanDocuments.add(plans, to: &bundle)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("riskmap-docx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var names: [String] = []
        for (path, bytes) in bundle.files where path.hasPrefix("schools/") && path.hasSuffix(".docx") {
            let name = String(path.dropFirst("schools/".count))
            try Data(bytes).write(to: folder.appendingPathComponent(name))
            names.append(name)
        }
        #expect(names.count == 18)
        let convert = try Self.run(soffice, ["-env:UserInstallation=\(folder.appendingPathComponent("profile").absoluteString)",
                                             "--headless", "--convert-to", "pdf", "--outdir", folder.path] + names.sorted(),
                                   in: folder, timeout: 600)
        #expect(convert.status == 0, "\(convert.output)")
        for name in names.sorted() {
            let pdf = name.replacingOccurrences(of: ".docx", with: ".pdf")
            let info = try Self.run(pdfinfo, [pdf], in: folder)
            let count = info.output.split(separator: "\n").first { $0.hasPrefix("Pages:") }
                .flatMap { Int($0.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
            #expect((1...6).contains(count), "\(name): \(count) A4 pages in Word (at most 6, the annex included)")
            let text = try Self.run(pdftotext, ["-enc", "UTF-8", pdf, "-"], in: folder).output
            #expect(text.contains("Приложение. Основания методики"), "\(name): no annex")
            let printed = Set(text.split(whereSeparator: { !$0.isLetter }).map(String.init))
            let id = String(name.dropLast(".docx".count))
            let index = try #require(plans.schools.firstIndex { $0.school.id == id })
            let doc = SchoolPlanDocument.build(plans.schools[index], index: index, PlanContext(plans))
            for case .table(let table) in doc.blocks where table.name.hasPrefix("plan-") {
                let broken = Self.words(table).subtracting(printed)
                #expect(broken.isEmpty, "\(name), table \(table.name): words broken or missing: \(broken.sorted())")
            }
        }
    }
}
