import Foundation
import Testing
import RiskmapCLI
import RiskmapEngine

/// Issue 17, item 2: no text from the schools file or the rule book reaches a formula
/// position in a CSV riskmap writes, or markup in an HTML page.
@Suite(.enabled(if: Binary.path != nil)) struct OutputInjectionTests {
    /// A project whose data and rules carry hostile text: school names, a municipality and
    /// measure titles that are formulas or markup.
    static func hostileProject() throws -> URL {
        let project = try Binary.project()
        var csv = try String(contentsOf: project.appendingPathComponent("Samples/tomsk.csv"), encoding: .utf8)
        csv = csv.replacingOccurrences(of: "МБОУ «Александровская СОШ»", with: "\"=HYPERLINK(\"\"http://evil.example\"\";\"\"Анализ\"\")\"")
        csv = csv.replacingOccurrences(of: "МАОУ «Спасская СОШ»", with: "@SUM(1+1)*cmd|' /C calc'!A0")
        csv = csv.replacingOccurrences(of: "МБОУ «Халдеевская ООШ»", with: "<script>alert(1)</script>")
        csv = csv.replacingOccurrences(of: ";Томский район;", with: ";\"\"\"><img src=x onerror=alert(1)></style>\";")
        try Data(csv.utf8).write(to: project.appendingPathComponent("Samples/tomsk.csv"))
        let measures = project.appendingPathComponent("Rules/60-measures-results.rules")
        var rules = try String(contentsOf: measures, encoding: .utf8)
        rules = rules.replacingOccurrences(of: "\"Утверждение состава муниципальной рабочей группы",
                                           with: "\"=HYPERLINK('http://evil.example','Анализ') Утверждение состава муниципальной рабочей группы")
        rules = rules.replacingOccurrences(of: "\"Собеседование с руководителями школ",
                                           with: "\"</style><script>alert(2)</script><img src=x onerror=alert(3)> Собеседование с руководителями школ")
        try Data(rules.utf8).write(to: measures)
        return project
    }

    /// The cells of a `;`-separated file with quotes (the BOM dropped).
    static func cells(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], cell = "", quoted = false
        var chars = Array(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text).makeIterator()
        var pending: Character?
        while let c = pending ?? chars.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let n = chars.next() { if n == "\"" { cell.append("\"") } else { quoted = false; pending = n } } else { quoted = false }
                } else { cell.append(c) }
            } else if c == "\"" && cell.isEmpty {
                quoted = true
            } else if c == ";" {
                row.append(cell); cell = ""
            } else if c == "\r\n" || c == "\n" {
                row.append(cell); cell = ""; rows.append(row); row = []
            } else {
                cell.append(c)
            }
        }
        if !cell.isEmpty || !row.isEmpty { row.append(cell); rows.append(row) }
        return rows
    }

    /// Cells that a spreadsheet would take for a formula.
    static func formulas(_ text: String) -> [String] {
        cells(text).joined().filter { cell in
            guard let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return false }
            return Double(cell.replacingOccurrences(of: ",", with: ".")) == nil
        }
    }

    @Test func csvOutputsNeutraliseFormulas() throws {
        let project = try Self.hostileProject()
        defer { EngineCLI.cleanUp(project) }
        let plan = try Binary.run(["plan", "--out", "out"], in: project)
        #expect(plan.code == 0, "\(plan.stderr.prefix(2000))")
        var checked = 0
        for name in ["roadmap.csv", "report-template.csv"] {
            let text = try String(contentsOf: project.appendingPathComponent("out/" + name), encoding: .utf8)
            #expect(Self.formulas(text) == [], "\(name)")
            #expect(text.contains("'=HYPERLINK('http://evil.example','Анализ') Утверждение"), "\(name)")
            #expect(text.contains("\"\"\"><img src=x onerror=alert(1)></style>\""), "\(name)")
            checked += 1
        }
        let roadmap = try String(contentsOf: project.appendingPathComponent("out/roadmap.csv"), encoding: .utf8)
        #expect(roadmap.contains("'=HYPERLINK(\"\"http://evil.example\"\";\"\"Анализ\"\")"), "the school name in the roadmap's list")
        let out = project.appendingPathComponent("classes.csv").path
        for year in ["2017/18", "2018/19"] {
            let classify = try Binary.run(["classify", "--format", "csv", "--year", year, "--out", out], in: project)
            #expect(classify.code == 0, "\(classify.stderr.prefix(2000))")
            let text = try String(contentsOfFile: out, encoding: .utf8)
            #expect(Self.formulas(text) == [], "classify \(year)")
            let names = Self.cells(text).dropFirst().map { $0[1] }
            #expect(names.contains("'=HYPERLINK(\"http://evil.example\";\"Анализ\")"), "\(names)")
            #expect(names.contains("'@SUM(1+1)*cmd|' /C calc'!A0"), "\(names)")
            #expect(Self.cells(text).dropFirst().allSatisfy { $0[2] == "\"><img src=x onerror=alert(1)></style>" })
            checked += 1
        }
        #expect(checked == 4)
    }

    /// Plain numbers stay numbers; everything starting a formula is neutralised.
    @Test(arguments: [
        ("-5", "-5"), ("+3", "+3"), ("-2,5", "\"-2,5\""), ("12", "12"), ("=1+1", "'=1+1"), ("-1+cmd", "'-1+cmd"),
        ("@A1", "'@A1"), ("\tx", "'\tx"), ("\rx", "\"'\rx\""), ("+", "'+"), ("-", "'-"), ("a=b", "a=b"),
        ("=HYPERLINK(\"u\";\"t\")", "\"'=HYPERLINK(\"\"u\"\";\"\"t\"\")\""),
        // A quote followed by a combining mark is one Character, still a quote to Excel
        // (found by Fuzz/writers: the field ended early and the rest became a new cell).
        ("a\"\u{064B};\n\t=cmd", "\"a\"\"\u{064B};\n\t=cmd\""),
    ])
    func fieldEscaping(cell: String, written: String) {
        #expect(RiskmapEngine.CSVField.escape(cell) == written)
        var bytes: [UInt8] = []
        RiskmapEngine.CSVField.append(cell, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == written)
    }

    @Test func htmlOutputsEscapeMarkup() throws {
        let project = try Self.hostileProject()
        defer { EngineCLI.cleanUp(project) }
        let plan = try Binary.run(["plan", "--out", "out"], in: project)
        #expect(plan.code == 0, "\(plan.stderr.prefix(2000))")
        let out = project.appendingPathComponent("out")
        var pages = ["summary.html", "roadmap.html"]
        pages += try FileManager.default.contentsOfDirectory(atPath: out.path + "/schools").filter { $0.hasSuffix(".html") }.map { "schools/" + $0 }
        #expect(pages.count > 10)
        var sawName = false, sawMunicipality = false, sawMeasure = false
        for page in pages {
            let html = try String(contentsOf: out.appendingPathComponent(page), encoding: .utf8)
            for hostile in ["<script", "<img"] {
                #expect(!html.contains(hostile), "\(page) holds «\(hostile)» at \(html.range(of: hostile).map { String(html[$0.lowerBound...].prefix(200)) } ?? "")")
            }
            // Only the page's own style sheets close.
            #expect(html.components(separatedBy: "</style>").count == html.components(separatedBy: "<style").count, "\(page)")
            sawName = sawName || html.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
            sawMunicipality = sawMunicipality || html.contains("&quot;&gt;&lt;img src=x onerror")
                || html.contains("&#34;&gt;&lt;img src=x onerror")
            sawMeasure = sawMeasure || html.contains("&lt;/style&gt;&lt;script&gt;alert(2)")
        }
        #expect(sawName && sawMunicipality && sawMeasure, "\(sawName) \(sawMunicipality) \(sawMeasure)")
    }
}
