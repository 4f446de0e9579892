import RiskmapLanguage
import RiskmapPlatform

/// Checks that data which reads without errors is plausibly what its author meant, and
/// says so when it is not (warnings; `--strict` makes them errors):
///
/// - a percent column whose known values are all at most 1 (fractions, 0,35 for 35 %);
/// - a column header that matches no indicator but is close to one a factor reads (an
///   error: the loader's did-you-mean warning, raised, since the factor stays unknown);
/// - bare calendar years in the year column (how they were read; `--year-format`);
/// - a school whose municipality changes between rows.
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
        if let ic = columns.id, let mc = columns.municipality { out += municipalityChanges(table, id: ic, municipality: mc, year: columns.year) }
        return out.sortedByPosition()
    }

    // MARK: - Columns

    /// The table's columns as the loader maps them: the first of each built-in column,
    /// the first column of each indicator.
    struct Columns {
        var id: Int?, municipality: Int?, year: Int?
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
                    case .id: id = c
                    case .municipality: municipality = c
                    case .year: year = c
                    case .name: break
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
                    let cell = scanner.fieldBytes(c).map { String(decoding: $0, as: UTF8.self) } ?? table.field(row: row, column: c)
                    let trimmed = CellParser.trimmed(cell)
                    if trimmed.hasSuffix("%") { return true }
                    guard !CellParser.isMissing(trimmed), let v = CellParser.parseNumber(trimmed) else { return false }
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

    // MARK: - Calendar years

    /// Whether a year cell is a bare four-digit year.
    static func isBareYear(_ cell: String) -> Int? {
        let t = CellParser.trimmed(cell)
        guard t.utf8.count == 4, t.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let y = Int(t), (1900...2200).contains(y) else { return nil }
        return y
    }

    /// The rows of the year column holding a bare year, in order.
    static func bareYearRows(_ table: CSVTable, column yc: Int) -> [Int] {
        (0..<table.rowCount).filter { row in
            yc < table.fieldCount(row: row) && table.withFieldBytes(row: row, column: yc) { $0.count <= 12 } && isBareYear(table.field(row: row, column: yc)) != nil
        }
    }

    /// One warning for all the bare years of the year column, at the first.
    static func bareYears(_ table: CSVTable, column yc: Int) -> [Diagnostic] {
        let rows = bareYearRows(table, column: yc)
        guard let first = rows.first, let year = isBareYear(table.field(row: first, column: yc)) else { return [] }
        return [.warning(.profileCalendarYear(text: String(year), read: SchoolYear(start: year).description, rows: rows.count),
                         at: table.fieldRange(row: first, column: yc),
                         help: .profileYearFormatHelp(text: String(year), calendar: SchoolYear(start: year - 1).description))]
    }

    /// `--year-format calendar`: bare years read as the school year ending then (`2019`
    /// is 2018/19). Called by the loader after its first pass over the year column.
    static func readCalendarYears(_ table: CSVTable, column yc: Int, rowYears: inout [Int32], years: inout Set<SchoolYear>) {
        for row in bareYearRows(table, column: yc) where rowYears[row] != ProfileLoader.noYear {
            rowYears[row] -= 1
        }
        years = Set(rowYears.lazy.filter { $0 != ProfileLoader.noYear }.map { SchoolYear(start: Int($0)) })
    }

    // MARK: - Municipalities

    /// A warning at the first row of each school whose municipality differs from the one
    /// of the school's first row (which the school is counted in).
    static func municipalityChanges(_ table: CSVTable, id ic: Int, municipality mc: Int, year yc: Int?) -> [Diagnostic] {
        var first: [String: (municipality: String, year: String, warned: Bool)] = [:]
        var out: [Diagnostic] = []
        for row in 0..<table.rowCount {
            let id = CellParser.trimmed(table.field(row: row, column: ic))
            let municipality = CellParser.trimmed(table.field(row: row, column: mc))
            guard !id.isEmpty, !municipality.isEmpty else { continue }
            guard let seen = first[id] else {
                first[id] = (municipality, yc.map { CellParser.trimmed(table.field(row: row, column: $0)) } ?? "", false)
                continue
            }
            guard !seen.warned, seen.municipality != municipality else { continue }
            first[id]?.warned = true
            out.append(.warning(.profileMunicipalityChanged(id: id, first: seen.municipality, firstYear: seen.year, other: municipality),
                                at: table.fieldRange(row: row, column: mc), help: .profileMunicipalityHelp))
        }
        return out
    }
}
