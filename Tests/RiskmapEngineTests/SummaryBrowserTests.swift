import Foundation
import Testing
@testable import RiskmapEngine
import RiskmapLanguage

/// Acceptance of the plans issue: `summary.html` rendered by a real browser. Headless
/// Chromium loads the page from a temporary folder, the rendered DOM must contain the chart
/// (`svg#chart` with bars) and the school table (`table#schools` with a row per school), and
/// printing to PDF and PNG must produce non-empty files.
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
        let plans = try PlanDocumentsTests.plans(csv: "plan-schools.csv")
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
        let svgStart = try #require(text.range(of: "<svg id=\"chart\""), "svg#chart is not in the rendered DOM")
        let svgEnd = try #require(text.range(of: "</svg>", range: svgStart.upperBound..<text.endIndex))
        let svg = text[svgStart.lowerBound..<svgEnd.upperBound]
        #expect(svg.contains("role=\"img\""))
        #expect(svg.components(separatedBy: "<rect").count - 1 >= 4, "the chart has no bars")
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
}
