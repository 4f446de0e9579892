@testable import RiskmapEngine
import RiskmapLanguage

/// (b) The CSV reader and the profile loader, then evaluation and plan rendering on
/// whatever loads. Oracle: a naive splitter (lines at LF, fields at `;`) for inputs it can
/// read — valid UTF-8 without BOM, quotes, CR or NUL, `;` in the first line — must see the
/// same header and, for every row, the same fields.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let (table, _) = CSVReader.read(bytes: bytes, path: "fuzz.csv", tuning: FuzzSupport.tuning)
    guard let table else { return 0 }
    NaiveSplitter.compare(table, bytes)
    let book = FuzzSupport.starter
    let (profiles, diagnostics) = ProfileLoader.load(table: table, book: book, defaultYear: SchoolYear(start: 2025),
                                                     tuning: FuzzSupport.tuning)
    _ = DiagnosticRenderer(lang: .ru).render(diagnostics)
    guard profiles.rowCount > 0 else { return 0 }
    let outcomes = Executor(FuzzSupport.program, tuning: FuzzSupport.tuning).run(profiles)
    let yearIndex = profiles.years.count - 1
    let report = ClassificationReport(outcomes, yearIndex: yearIndex, lang: .ru)
    _ = report.table()
    _ = report.csvBytes()
    _ = report.json()
    if let first = report.rows.first { _ = report.explain(row: first) }
    let plans = Planner(outcomes, lang: .ru).plan(yearIndex: yearIndex)
    var bundle = OutputBundle()
    PlanDocuments.add(plans, to: &bundle, word: .xmlParts)
    return 0
}

enum NaiveSplitter {
    static func compare(_ table: CSVTable, _ bytes: [UInt8]) {
        guard !bytes.contains(where: { $0 == UInt8(ascii: "\"") || $0 == 13 || $0 == 0 }),
              !bytes.starts(with: [0xEF, 0xBB, 0xBF]),
              String(validating: bytes, as: UTF8.self) != nil else { return }
        // Split on bytes: a `;` followed by a combining mark is one Character but still a delimiter.
        func split(_ b: ArraySlice<UInt8>, _ separator: UInt8) -> [String] {
            b.split(separator: separator, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        }
        var lineBytes = bytes[...].split(separator: 0x0A, omittingEmptySubsequences: false)
        if lineBytes.last?.isEmpty == true { lineBytes.removeLast() }
        let lines = lineBytes.map { String(decoding: $0, as: UTF8.self) }
        guard let header = lines.first, header.contains(";"), table.delimiter == UInt8(ascii: ";") else { return }
        let headerFields = split(lineBytes[0], 0x3B)
        guard table.columnCount == headerFields.count else {
            FuzzSupport.fail("header: \(table.columnCount) columns, the naive splitter sees \(headerFields.count)", bytes)
        }
        // Headers are trimmed (whitespace, invisible format characters) and their control
        // characters shown as symbols: the documented rule, written again.
        func trim(_ s: Unicode.Scalar) -> Bool {
            s.properties.isWhitespace || (0x200B...0x200F).contains(s.value) || (0x2060...0x2064).contains(s.value)
                || s.value == 0xFEFF || s.value == 0x180E
        }
        func cleaned(_ h: String) -> String {
            var scalars = Array(h.unicodeScalars)
            while let f = scalars.first, trim(f) { scalars.removeFirst() }
            while let l = scalars.last, trim(l) { scalars.removeLast() }
            return VisibleText.cell(String(String.UnicodeScalarView(scalars)))
        }
        for (c, h) in headerFields.map(cleaned).enumerated() where table.header(c) != h {
            FuzzSupport.fail("header \(c): «\(table.header(c))», the naive splitter sees «\(h)»", bytes)
        }
        let rows = lineBytes.dropFirst().filter { !$0.isEmpty }
        guard table.rowCount == rows.count else {
            FuzzSupport.fail("\(table.rowCount) rows, the naive splitter sees \(rows.count)", bytes)
        }
        for (r, line) in rows.enumerated() {
            let fields = split(line, 0x3B)
            for c in 0..<min(fields.count, table.fieldCount(row: r)) where table.field(row: r, column: c) != fields[c] {
                FuzzSupport.fail("row \(r) field \(c): «\(table.field(row: r, column: c))», the naive splitter sees «\(fields[c])»", bytes)
            }
        }
    }
}
