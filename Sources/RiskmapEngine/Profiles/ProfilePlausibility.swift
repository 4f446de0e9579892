import RiskmapLanguage
import RiskmapPlatform

/// Checks that data which reads without errors is plausibly what its author meant, and
/// says so when it is not (warnings; `--strict` makes them errors):
///
/// - a percent column whose known values are all at most 1 (fractions, 0,35 for 35 %);
/// - a column header that matches no indicator but is close to one a factor reads (an
///   error: the loader's did-you-mean warning, raised, since the factor stays unknown);
/// - bare calendar years in the year column (how they were read; `--year-format`).
///
/// (A school whose municipality changes between rows is reported by the loader, which
/// reads every row's municipality.)
///
/// It reads the table again (the loader's rules are not changed); the columns are mapped
/// as the loader maps them. `readCalendarYears` is the loader's one step for
/// `--year-format calendar`.
public enum ProfilePlausibility {
    /// The loader's diagnostics (some raised to errors) and the checks' findings, in file
    /// order (position, then errors before warnings, then as found).
    public static func review(
        table: CSVTable, book: CheckedRuleBook, yearFormat: YearFormat?, loaderDiagnostics: [Diagnostic]
    ) -> [Diagnostic] {
        let columns = Columns(table, book)
        var out = misspelledColumns(loaderDiagnostics, book, columns)
        out += fractions(table, book, columns)
        if yearFormat == nil, let yc = columns.year { out += bareYears(table, column: yc) }
        return out.sortedByPosition()
    }

    // MARK: - Columns

    /// The table's columns as the loader maps them: the first of each built-in column,
    /// the first column of each indicator.
    struct Columns {
        var year: Int?
        var indicators: [(column: Int, indicator: Int)] = []

        init(_ table: CSVTable, _ book: CheckedRuleBook) {
            var headerIndex: [String: Int] = [:]
            for ind in book.indicators {
                headerIndex[ProfileLoader.normalize(ind.code)] = ind.index
                for c in ind.columns where headerIndex[ProfileLoader.normalize(c)] == nil { headerIndex[ProfileLoader.normalize(c)] = ind.index }
            }
            var builtins = Set<Int>()
            var mapped = Set<Int>()
            for c in 0..<table.columnCount {
                let h = ProfileLoader.normalize(table.header(c))
                if h.isEmpty { continue }
                if let b = ProfileLoader.Builtin.allCases.firstIndex(where: { $0.aliases.contains(h) }), builtins.insert(b).inserted {
                    switch ProfileLoader.Builtin.allCases[b] {
                    case .year: year = c
                    case .id, .municipality, .name: break
                    }
                } else if let i = headerIndex[h], mapped.insert(i).inserted {
                    indicators.append((c, i))
                }
            }
        }
    }

    // MARK: - Misspelled headers

    /// The loader's «column matches no indicator; did you mean X» warnings, raised to
    /// errors where X's indicator has no column and a factor reads it.
    static func misspelledColumns(_ diagnostics: [Diagnostic], _ book: CheckedRuleBook, _ columns: Columns) -> [Diagnostic] {
        let mapped = Set(columns.indicators.map(\.indicator))
        var readers: [Int: [Int]] = [:]
        for f in book.factors {
            var read = f.condition.indicatorsRead
            if let applies = f.applies { read.formUnion(applies.indicatorsRead) }
            for i in read { readers[i, default: []].append(f.index) }
        }
        return diagnostics.map { d in
            guard case .profileUnknownColumn(let header) = d.message, case .didYouMean(let candidate)? = d.help else { return d }
            let name = ProfileLoader.normalize(candidate)
            guard let indicator = book.indicators.first(where: { ProfileLoader.normalize($0.code) == name
                    || $0.columns.contains { ProfileLoader.normalize($0) == name } }),
                  !mapped.contains(indicator.index), let factors = readers[indicator.index], !factors.isEmpty
            else { return d }
            let titles = factors.map { "«\(book.factors[$0].title)»" }.joined(separator: ", ")
            return Diagnostic(.error, .profileMisspelledColumn(column: header, indicator: indicator.code, factors: titles),
                              at: d.range, help: d.help)
        }
    }

    // MARK: - Fractions for percents

    /// Percent columns whose known values are all within 0…1, at least one strictly
    /// between (a column of 0s and 1s may be percents; `0,5%` with its sign is meant).
    static func fractions(_ table: CSVTable, _ book: CheckedRuleBook, _ columns: Columns) -> [Diagnostic] {
        let percent = columns.indicators.filter { book.indicators[$0.indicator].kind == .percent }.map(\.column)
        guard !percent.isEmpty, table.rowCount > 0 else { return [] }
        var open = Array(percent.indices)
        var known = [Int](repeating: 0, count: percent.count)
        var between = [Bool](repeating: false, count: percent.count)
        let limit = (percent.max() ?? 0) + 1
        table.bytes.withUnsafeBufferPointer { text in
            var scanner = CSVRowScanner(text: text, delimiter: table.delimiter, source: table.source, capacity: limit)
            var row = 0
            while row < table.rowCount && !open.isEmpty {
                let fieldCount = table.fieldCount(row: row)
                scanner.rescan(from: Int(table.rowStarts[row + 1]), limit: limit)
                open.removeAll { k in
                    let c = percent[k]
                    guard c < fieldCount else { return false }
                    let cell = scanner.fieldBytes(c).flatMap(asciiTrimmed)
                        ?? Array(CellParser.trimmed(table.field(row: row, column: c)).utf8)[...]
                    if cell.isEmpty { return false }
                    if cell.last == UInt8(ascii: "%") { return true }
                    // Numbers only: missing markers and bad values (reported by the loader) do not count.
                    guard let v = cell.withUnsafeBufferPointer({ CellParser.parseNumber(bytes: $0) }) else { return false }
                    if v < 0 || v > 1 { return true }
                    known[k] += 1
                    if v > 0 && v < 1 { between[k] = true }
                    return false
                }
                row += 1
            }
        }
        return open.filter { between[$0] }.map { k in
            let c = percent[k]
            return .warning(.profileFractionPercent(column: table.header(c), known: known[k]), at: table.headerRange(c),
                            help: .profileFractionPercentHelp)
        }
    }

    // MARK: - Reading cells again

    /// Calls `body` for every row with the trimmed text of `columns` (nil where the row has
    /// no such cell): bytes straight from the text when the cell needs no unescaping and
    /// has only ASCII spaces to trim, else the trimmed `String`'s bytes.
    static func forEachRow(_ table: CSVTable, _ columns: [Int], _ body: (Int, [ArraySlice<UInt8>?]) -> Void) {
        let limit = (columns.max() ?? 0) + 1
        table.bytes.withUnsafeBufferPointer { text in
            var scanner = CSVRowScanner(text: text, delimiter: table.delimiter, source: table.source, capacity: limit)
            var cells = [ArraySlice<UInt8>?](repeating: nil, count: columns.count)
            for row in 0..<table.rowCount {
                let fieldCount = table.fieldCount(row: row)
                scanner.rescan(from: Int(table.rowStarts[row + 1]), limit: limit)
                for (k, c) in columns.enumerated() {
                    guard c < fieldCount else {
                        cells[k] = nil
                        continue
                    }
                    if let b = scanner.fieldBytes(c), let t = asciiTrimmed(b) {
                        cells[k] = t
                    } else {
                        cells[k] = Array(CellParser.trimmed(table.field(row: row, column: c)).utf8)[...]
                    }
                }
                body(row, cells)
            }
        }
    }

    /// `bytes` without leading and trailing spaces and tabs; nil when an edge is not ASCII
    /// (it may be a non-breaking space: the caller trims the `String`).
    static func asciiTrimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> ArraySlice<UInt8>? {
        var lo = 0, hi = bytes.count
        while lo < hi, bytes[lo] == 0x20 || bytes[lo] == 0x09 { lo += 1 }
        while hi > lo, bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09 { hi -= 1 }
        if lo < hi, bytes[lo] >= 0x80 || bytes[hi - 1] >= 0x80 { return nil }
        return Array(UnsafeBufferPointer(rebasing: bytes[lo..<hi]))[...]
    }

    // MARK: - Calendar years

    /// The year of a bare four-digit year cell (trimmed), nil for anything else.
    static func bareYear(_ cell: ArraySlice<UInt8>) -> Int? {
        guard cell.count == 4, cell.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        let y = cell.reduce(0) { $0 * 10 + Int($1 - 48) }
        return (1900...2200).contains(y) ? y : nil
    }

    /// The rows of the year column holding a bare year, and the first one's year.
    static func bareYearRows(_ table: CSVTable, column yc: Int) -> (rows: [Int], first: Int?) {
        var rows: [Int] = []
        var first: Int?
        forEachRow(table, [yc]) { row, cells in
            guard let cell = cells[0], let y = bareYear(cell) else { return }
            if first == nil { first = y }
            rows.append(row)
        }
        return (rows, first)
    }

    /// One warning for all the bare years of the year column, at the first.
    static func bareYears(_ table: CSVTable, column yc: Int) -> [Diagnostic] {
        let (rows, year) = bareYearRows(table, column: yc)
        guard let first = rows.first, let year else { return [] }
        return [.warning(.profileCalendarYear(text: String(year), read: SchoolYear(start: year).description, rows: rows.count),
                         at: table.fieldRange(row: first, column: yc),
                         help: .profileYearFormatHelp(text: String(year), calendar: SchoolYear(start: year - 1).description))]
    }

    /// `--year-format calendar`: bare years read as the school year ending then (`2019`
    /// is 2018/19). Called by the loader after its first pass over the year column.
    static func readCalendarYears(_ table: CSVTable, column yc: Int, rowYears: inout [Int32], years: inout Set<SchoolYear>) {
        for row in bareYearRows(table, column: yc).rows where rowYears[row] != ProfileLoader.noYear {
            rowYears[row] -= 1
        }
        years = Set(rowYears.lazy.filter { $0 != ProfileLoader.noYear }.map { SchoolYear(start: Int($0)) })
    }
}
