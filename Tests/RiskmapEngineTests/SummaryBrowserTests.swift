import Foundation
import Testing
@testable import RiskmapEngine
import RiskmapLanguage

/// Acceptance of the plans issues: the documents rendered by a real browser. Headless
/// Chromium loads the summary from a temporary folder, the rendered DOM must contain the
/// factor bars (`table#factors`) and the school table (`table#schools` with a row per
/// school), and printing to PDF and PNG must produce non-empty files. For the 18 Tomsk
/// schools (issue 13): the summary prints on at most 3 A4 pages, every school plan on at most
/// 6, the roadmap in landscape; no table is wider than the printable width of its page.
///
/// `.ci/run` installs Chromium from Debian's packages when it is missing; the test is skipped
/// (with a message naming the browsers looked for) only when none is on `PATH`.
@Suite struct SummaryBrowserTests {
    static let candidates = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

    static let browser: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in candidates {
            for dir in path.split(separator: ":") {
                let candidate = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }()

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the browser headless with a fresh profile; gives up after `timeout` seconds.
    static func chromium(_ browser: String, _ arguments: [String], profile: URL, timeout: TimeInterval = 90) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = ["--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--no-default-browser-check",
                             "--disable-dev-shm-usage", "--disable-extensions", "--hide-scrollbars",
                             "--user-data-dir=\(profile.path)"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = profile.path
        process.environment = environment
        let outURL = profile.appendingPathComponent("stdout-\(UUID().uuidString)")
        let errURL = profile.appendingPathComponent("stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            Issue.record("\(browser) did not finish within \(Int(timeout)) s: \(arguments)")
        }
        try out.close()
        try err.close()
        return Run(status: process.terminationStatus,
                   stdout: String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self),
                   stderr: String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self))
    }

    static func size(_ url: URL) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    @Test func summaryRendersInHeadlessChromium() throws {
        guard let browser = Self.browser else {
            print("SummaryBrowserTests: SKIPPED — no headless browser found on PATH (looked for \(Self.candidates.joined(separator: ", "))); "
                + "install one with `apt-get install -y chromium` (.ci/run does this) to run the browser acceptance test")
            return
        }
        // One municipality's summary (a region's lists municipalities instead of schools).
        let plans = try PlanDocumentsTests.plans(csv: "plan-schools.csv").municipality(1).plans
        var bundle = OutputBundle()
        PlanDocuments.add(plans, to: &bundle)
        let html = try #require(bundle.text("summary.html"))

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("riskmap-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("summary.html")
        try Data(html.utf8).write(to: page)
        let profile = folder.appendingPathComponent("profile")
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)

        // The rendered DOM.
        let dom = try Self.chromium(browser, ["--dump-dom", page.absoluteString], profile: profile)
        #expect(dom.status == 0, "\(browser) --dump-dom failed: \(dom.stderr)")
        let text = dom.stdout
        let barsStart = try #require(text.range(of: "<table id=\"factors\""), "table#factors is not in the rendered DOM")
        let barsEnd = try #require(text.range(of: "</table>", range: barsStart.upperBound..<text.endIndex))
        let bars = text[barsStart.lowerBound..<barsEnd.upperBound]
        #expect(bars.components(separatedBy: "class=\"seg ").count - 1 >= 4, "the factor bars are empty")
        let tableStart = try #require(text.range(of: "<table id=\"schools\""), "table#schools is not in the rendered DOM")
        let tableEnd = try #require(text.range(of: "</table>", range: tableStart.upperBound..<text.endIndex))
        let table = text[tableStart.lowerBound..<tableEnd.upperBound]
        let bodyRows = table.components(separatedBy: "<tr>").count - 2  // minus the text before the first row and the header
        #expect(bodyRows == plans.schools.count, "table#schools has \(bodyRows) rows for \(plans.schools.count) schools")
        for plan in plans.schools { #expect(table.contains(HTMLEscape.text(plan.school.name)), "no row for \(plan.school.id)") }

        // Printing to PDF and PNG.
        let pdf = folder.appendingPathComponent("summary.pdf")
        let printed = try Self.chromium(browser, ["--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", page.absoluteString], profile: profile)
        #expect(printed.status == 0, "\(browser) --print-to-pdf failed: \(printed.stderr)")
        #expect(Self.size(pdf) > 1000, "the PDF is empty")
        if let head = try? FileHandle(forReadingFrom: pdf).readData(ofLength: 5) {
            #expect(String(decoding: head, as: UTF8.self) == "%PDF-")
        }
        let png = folder.appendingPathComponent("summary.png")
        let shot = try Self.chromium(browser, ["--window-size=1000,2400", "--screenshot=\(png.path)", page.absoluteString], profile: profile)
        #expect(shot.status == 0, "\(browser) --screenshot failed: \(shot.stderr)")
        #expect(Self.size(png) > 1000, "the PNG is empty")
        if let keep = ProcessInfo.processInfo.environment["RISKMAP_KEEP_BROWSER_OUTPUT"] {
            // For looking at the rendering: copies the page, PDF and PNG into the given folder.
            let target = URL(fileURLWithPath: keep)
            try? FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            for file in [page, pdf, png] {
                let to = target.appendingPathComponent(file.lastPathComponent)
                try? FileManager.default.removeItem(at: to)
                try? FileManager.default.copyItem(at: file, to: to)
            }
        }
    }

    // MARK: Issue 13: page counts and widths, Tomsk

    /// The shipped rule book over `Samples/tomsk.csv` (2018/19) with its directory.
    static func tomsk() throws -> PlanSet {
        guard case .success(let files) = RuleBookLoader.load(packageRoot.appendingPathComponent("Rules").path) else {
            throw RuleBookError(description: "cannot load Rules/")
        }
        let (checked, checkDiagnostics, _) = Checker.check(files: files)
        guard let book = checked else { throw RuleBookError(description: DiagnosticRenderer(lang: .en).render(checkDiagnostics)) }
        func table(_ name: String) throws -> CSVTable {
            let path = packageRoot.appendingPathComponent("Samples/\(name)").path
            let (table, _) = CSVReader.read(bytes: [UInt8](FileManager.default.contents(atPath: path) ?? Data()), path: path)
            guard let table else { throw RuleBookError(description: "cannot read \(path)") }
            return table
        }
        let (profiles, _) = ProfileLoader.load(table: try table("tomsk.csv"), book: book, defaultYear: nil)
        let (directory, _) = Directory.load(table: try table("tomsk-directory.csv"), book: book)
        guard let year = profiles.yearIndex(SchoolYear(start: 2018)) else { throw RuleBookError(description: "no 2018/19") }
        return Planner(Executor(Program(book: book)).run(profiles), directory: directory, lang: .ru).plan(yearIndex: year)
    }

    /// Pages of a PDF Chromium printed, and whether its first page is landscape.
    static func pages(_ pdf: URL) -> (count: Int, landscape: Bool) {
        let text = String(decoding: (try? Data(contentsOf: pdf)) ?? Data(), as: UTF8.self)
        let count = text.components(separatedBy: "/Type /Page").count - text.components(separatedBy: "/Type /Pages").count
        var landscape = false
        if let box = text.range(of: "/MediaBox [") {
            let numbers = text[box.upperBound...].prefix { $0 != "]" }.split(separator: " ").compactMap { Double($0) }
            if numbers.count == 4 { landscape = numbers[2] > numbers[3] }
        }
        return (count, landscape)
    }

    /// A script appended to a copy of the page: every table's width against the page's
    /// printable width (the window is set to it), written into the DOM for `--dump-dom`.
    static let widthProbe = """
    <script>
    const wide = [];
    const limit = document.documentElement.clientWidth + 1;
    for (const t of document.querySelectorAll('table')) {
      const r = t.getBoundingClientRect();
      if (r.right > limit || t.scrollWidth > t.clientWidth + 1) wide.push((t.id || t.className) + ':' + Math.round(r.right) + '>' + limit);
    }
    const out = document.createElement('pre');
    out.id = 'probe';
    out.textContent = 'WI' + 'DE[' + wide.join(',') + ']';
    document.body.appendChild(out);
    </script>
    """

    @Test func tomskDocumentsFitTheirPages() throws {
        guard let browser = Self.browser else {
            print("SummaryBrowserTests: SKIPPED — no headless browser found on PATH (looked for \(Self.candidates.joined(separator: ", ")))")
            return
        }
        let plans = try Self.tomsk()
        #expect(plans.schools.count == 18)
        var bundle = OutputBundle()
        PlanDocuments.add(plans, to: &bundle)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("riskmap-pages-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("schools"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let profile = folder.appendingPathComponent("profile")
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        for (path, bytes) in bundle.files where path.hasSuffix(".html") {
            try Data(bytes).write(to: folder.appendingPathComponent(path))
        }
        // The summary, the roadmap, and every school plan; table widths are probed in the first
        // two and the three longest plans (by size).
        let plansBySize = bundle.files.filter { $0.path.hasPrefix("schools/") && $0.path.hasSuffix(".html") }
            .sorted { ($0.bytes.count, $0.path) > ($1.bytes.count, $1.path) }.map(\.path)
        #expect(plansBySize.count == 18)
        let probed = Set(["summary.html", "roadmap.html"] + plansBySize.prefix(3))
        let limits: [(path: String, pages: Int, landscape: Bool)] =
            [("summary.html", 3, false), ("roadmap.html", 30, true)] + plansBySize.map { ($0, 6, false) }
        for (path, limit, landscape) in limits {
            let page = folder.appendingPathComponent(path)
            let pdf = folder.appendingPathComponent(path.replacingOccurrences(of: "/", with: "-") + ".pdf")
            let printed = try Self.chromium(browser, ["--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", page.absoluteString], profile: profile)
            #expect(printed.status == 0, "\(path): \(printed.stderr)")
            let result = Self.pages(pdf)
            // A school plan's limit counts its annex «Основания методики» (its last section) too.
            if path.hasPrefix("schools/") {
                let html = String(decoding: try Data(contentsOf: page), as: UTF8.self)
                #expect(html.contains("<h2>Приложение. Основания методики</h2>"), "\(path) has no annex")
            }
            #expect(result.count >= 1 && result.count <= limit, "\(path) prints on \(result.count) A4 pages (at most \(limit))")
            #expect(result.landscape == landscape, "\(path): landscape \(result.landscape)")
            guard probed.contains(path) else { continue }

            // No table wider than the printable width: A4 less the margins, at 96 px per inch.
            let width = landscape ? Int((297.0 - 24) / 25.4 * 96) : Int((210.0 - 30) / 25.4 * 96)
            let html = String(decoding: try Data(contentsOf: page), as: UTF8.self)
            let probe = folder.appendingPathComponent(path + ".probe.html")
            try Data(html.replacingOccurrences(of: "</body>", with: Self.widthProbe + "</body>").utf8).write(to: probe)
            let dom = try Self.chromium(browser, ["--window-size=\(width),1200", "--dump-dom", probe.absoluteString], profile: profile)
            let report = dom.stdout.range(of: "<pre id=\"probe\">WIDE[").map { String(dom.stdout[$0.upperBound...].prefix { $0 != "]" }) }
            #expect(report == "", "\(path): tables wider than \(width) px: \(report ?? "the probe did not run")")
        }
    }
}
