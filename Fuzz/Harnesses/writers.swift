import Foundation
@testable import RiskmapEngine
import RiskmapLanguage

/// (d) The writers: school ids, names and municipalities made from the input, each marked
/// so its escaping can be told apart, go through classification (CSV, JSON, table) and the
/// whole plan set (Markdown, HTML, Word, CSV, JSON). No marked text may reach markup
/// unescaped (`<q`, `"q` in an HTML page or in a Word document's XML) or a formula position
/// (a CSV cell starting with `=`, `+`, `-`, `@`, tab or CR that is not a plain number). The
/// Word documents are checked as their XML parts (`WordOutput.xmlParts`): the ZIP and its
/// DEFLATE add nothing to escaping and were ~40 % of each run.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWriters(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // Three texts from the input, split at 0xFF; each starts with a marker and a formula
    // character chosen by its first byte.
    let parts = bytes.split(separator: 0xFF, maxSplits: 3, omittingEmptySubsequences: false)
        .map { String(decoding: $0, as: UTF8.self).replacingOccurrences(of: "\0", with: "") }
    func part(_ i: Int) -> String { i < parts.count ? parts[i] : "" }
    let formula = ["=", "+", "-", "@", "\t", "\r"]
    let lead = formula[Int(bytes.first ?? 0) % formula.count]
    let name = lead + "<q" + part(0)
    let municipality = "\"q" + part(1) + "<q"
    let id = lead + "S" + part(2)
    func field(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
    let csv = "school_id;name;municipality;year;pupils;teachers;vacancies\n"
        + "\(field(id));\(field(name));\(field(municipality));2025/26;100;10;3\n"
        + "T2;\(field(name + "2"));\(field(municipality));2025/26;5;1;1\n"
    let (table, _) = CSVReader.read(bytes: Array(csv.utf8), path: "fuzz.csv", tuning: FuzzSupport.tuning)
    guard let table else { FuzzSupport.fail("the generated CSV did not read", bytes) }
    let book = FuzzSupport.starter
    let (profiles, _) = ProfileLoader.load(table: table, book: book, defaultYear: nil, tuning: FuzzSupport.tuning)
    guard profiles.rowCount > 0 else { return 0 }   // an id that trims to nothing
    let outcomes = Executor(FuzzSupport.program, tuning: FuzzSupport.tuning).run(profiles)
    let report = ClassificationReport(outcomes, yearIndex: 0, lang: .ru)
    WriterOracle.csv(String(decoding: report.csvBytes(), as: UTF8.self), "classify.csv", bytes)
    let plans = Planner(outcomes, lang: .ru).plan(yearIndex: 0)
    var bundle = OutputBundle()
    PlanDocuments.add(plans, to: &bundle, word: .xmlParts)
    var docx = 0
    for file in bundle.files {
        if file.path.hasSuffix(".csv") { WriterOracle.csv(String(decoding: file.bytes, as: UTF8.self), file.path, bytes) }
        if file.path.hasSuffix(".html") || file.path.hasSuffix(".docx"), let at = WriterOracle.marked(file.bytes) {
            let around = String(decoding: file.bytes[max(0, at - 400)..<min(file.bytes.count, at + 200)], as: UTF8.self)
            FuzzSupport.fail("\(file.path): unescaped input in markup at byte \(at): …\(around)…", bytes)
        }
        if file.path.hasSuffix(".docx") { docx += 1 }
    }
    if docx == 0 { FuzzSupport.fail("no Word document was checked", bytes) }
    return 0
}

enum WriterOracle {
    /// Where `<q` or `"q` first stands in the bytes: a marker that was not escaped. A link's
    /// `href="q…` is not one: a link target is a file name `SafeFileName` made from the input
    /// (letters, digits, `_`; a municipality's folder may start with the marker's `q` once its
    /// `"` is dropped), escaped as an attribute.
    /// Each `q` is found with `memchr` (the C library's, not instrumented: a byte loop here
    /// took a tenth of each run in coverage callbacks).
    static func marked(_ bytes: [UInt8]) -> Int? {
        let href = Array("href=\"".utf8)
        return bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress, buffer.count > 1 else { return nil }
            var i = 1
            while i < buffer.count, let found = memchr(base + i, Int32(UInt8(ascii: "q")), buffer.count - i) {
                i = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if buffer[i - 1] == UInt8(ascii: "<") || buffer[i - 1] == UInt8(ascii: "\""),
                   !(i >= href.count && buffer[(i - href.count)..<i].elementsEqual(href)) {
                    return i - 1
                }
                i += 1
            }
            return nil
        }
    }

    /// Every cell of a `;` CSV with quotes: none in a formula position.
    static func csv(_ text: String, _ name: String, _ input: [UInt8]) {
        var cell = "", quoted = false, atStart = true
        var scalars = Array(text.unicodeScalars.drop { $0 == "\u{FEFF}" })
        scalars.append("\n")
        var i = 0
        func check() {
            guard let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return }
            if CellParser.parseNumber(cell) == nil { FuzzSupport.fail("\(name): a formula cell «\(cell)»", input) }
        }
        while i < scalars.count {
            let c = scalars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < scalars.count, scalars[i + 1] == "\"" { cell.unicodeScalars.append("\""); i += 1 } else { quoted = false }
                } else { cell.unicodeScalars.append(c) }
            } else if c == "\"" && atStart {
                quoted = true
            } else if c == ";" || c == "\n" {
                if cell.hasSuffix("\r") && c == "\n" { cell.removeLast() }
                check(); cell = ""; atStart = true; i += 1; continue
            } else {
                cell.unicodeScalars.append(c)
            }
            atStart = false
            i += 1
        }
    }
}
