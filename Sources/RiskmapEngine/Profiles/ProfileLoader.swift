import Foundation
import RiskmapLanguage
import RiskmapPlatform

/// Turns a CSV table into validated school profiles for a rule book. Every problem is
/// reported with its line and column; a bad cell becomes a missing value, a row that
/// cannot be placed (no id, bad year, duplicate school-year) is reported and skipped.
///
/// This file holds the loading rules: column mapping, school years, placing rows (ids,
/// duplicates, names, municipalities), the value rules of each cell, and the order of the
/// diagnostics. The byte-level fast paths that decide common cases without making a
/// `String` (plain numbers, yes/no words, exact categories, plain years, cells with
/// nothing to trim) are in `ProfileBytes`; whatever they do not decide comes back here.
public enum ProfileLoader {
    enum Builtin: CaseIterable {
        case id, name, municipality, year

        var aliases: [String] {
            switch self {
            case .id: return ["school_id", "id", "код", "код_оо", "код оо", "код школы", "идентификатор"]
            case .name: return ["name", "school", "наименование", "наименование оо", "название", "школа", "оо", "образовательная организация"]
            case .municipality: return ["municipality", "муниципалитет", "муниципальное образование", "район", "мо", "муниципальный район"]
            case .year: return ["year", "school_year", "год", "учебный год"]
            }
        }
    }

    /// Header text normalised for matching: trimmed, lower-case, single spaces, ё → е.
    static func normalize(_ header: String) -> String {
        let words = header.lowercased().replacingOccurrences(of: "ё", with: "е")
            .split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" })
        return words.joined(separator: " ")
    }

    /// `keeping`: the indicators whose values are kept (all when `nil`, or when
    /// `tuning.keepsOnlyReadIndicators` is off); the cells of the others are checked all
    /// the same, and their values read as missing. `tuning`: threads and rows per block
    /// (the result does not depend on them). `yearFormat`: how bare years read (nil: as
    /// `.school`; see `ProfilePlausibility`).
    /// How many unknown or repeated columns get a warning each (the rest: one line).
    static let columnWarningLimit = 20

    public static func load(
        table: CSVTable, book: CheckedRuleBook, defaultYear: SchoolYear?, keeping: Set<Int>? = nil,
        tuning: Tuning = .default, yearFormat: YearFormat? = nil
    ) -> (ProfileSet, [Diagnostic]) {
        let keeping = tuning.keepsOnlyReadIndicators ? keeping : nil
        var diagnostics: [Diagnostic] = []

        // Map columns.
        var builtinColumn: [Builtin: Int] = [:]
        var indicatorColumn: [(column: Int, indicator: Int)] = []
        var headerIndex: [String: Int] = [:]
        for ind in book.indicators {
            headerIndex[normalize(ind.code)] = ind.index
            for c in ind.columns where headerIndex[normalize(c)] == nil { headerIndex[normalize(c)] = ind.index }
        }
        var mapped = Set<Int>()
        // Unknown and repeated columns: the first `columnWarnings` each get a warning, the
        // rest one line (a file of 100,000 such columns once took minutes: issue 17).
        var columnWarnings = 0, moreColumns = 0
        lazy var candidates = book.indicators.flatMap { [$0.code] + $0.columns }
        func columnWarning(_ make: () -> Diagnostic) {
            if columnWarnings < ProfileLoader.columnWarningLimit { diagnostics.append(make()) } else { moreColumns += 1 }
            columnWarnings += 1
        }
        for c in 0..<table.columnCount {
            let h = normalize(table.header(c))
            if h.isEmpty {
                let filled = (0..<table.rowCount).reduce(0) { n, row in
                    n + (table.withFieldBytes(row: row, column: c) { CellParser.isMissing(bytes: $0) } ? 0 : 1)
                }
                if filled > 0 {
                    diagnostics.append(.warning(.profileDataUnderEmptyHeader(count: filled), at: table.headerRange(c)))
                }
                continue
            }
            if let b = Builtin.allCases.first(where: { $0.aliases.contains(h) }), builtinColumn[b] == nil {
                builtinColumn[b] = c
            } else if let i = headerIndex[h] {
                if book.indicators[i].isComputed {
                    // Its value is its formula's: the column is not read.
                    diagnostics.append(.warning(.computedColumnIgnored(table.header(c)), at: table.headerRange(c)))
                } else if mapped.insert(i).inserted {
                    indicatorColumn.append((c, i))
                } else {
                    columnWarning {
                        .warning(.profileDuplicateColumn(column: table.header(c), indicator: book.indicators[i].code), at: table.headerRange(c))
                    }
                }
            } else {
                columnWarning {
                    .warning(.profileUnknownColumn(table.header(c)), at: table.headerRange(c),
                             help: Suggestion.closest(to: table.header(c), among: candidates).map { .didYouMean($0) } ?? .profileColumnsHelp)
                }
            }
        }
        if moreColumns > 0 {
            diagnostics.append(.warning(.profileMoreColumns(count: moreColumns), at: table.headerRange(table.columnCount - 1)))
        }
        guard let idColumn = builtinColumn[.id] else {
            diagnostics.append(Diagnostic(.error, .profileMissingIdColumn, path: table.source.path, help: .profileIdColumnHelp))
            return (ProfileSet(indicatorCount: book.indicators.count, years: []), diagnostics)
        }

        // The column store, with room for every row of the table, is set up on another
        // thread while the rows are placed (passes 1 and 2), which leave a core idle.
        let flags = Set(book.indicators.filter { $0.kind == .bool }.map(\.index))
        let (count, rows, threads) = (book.indicators.count, table.rowCount, tuning.threads)
        let preparedColumns = Parallel.background {
            IndicatorColumns(count: count, rows: rows, stored: keeping, flags: flags, threads: threads)
        }

        // Pass 1: the school year of every row.
        var rowYears: [Int32]
        var years = Set<SchoolYear>()
        if let yc = builtinColumn[.year] {
            (rowYears, years) = readYears(table, column: yc, tuning: tuning, diagnostics: &diagnostics) { row in
                totalRowLabel(table, row: row, idColumn: builtinColumn[.id], nameColumn: builtinColumn[.name]) != nil
            }
            if yearFormat == .calendar { ProfilePlausibility.readCalendarYears(table, column: yc, rowYears: &rowYears, years: &years) }
        } else {
            let y = defaultYear ?? SchoolYear(start: 0)
            rowYears = [Int32](repeating: Int32(clamping: y.start), count: table.rowCount)
            if table.rowCount > 0 { years.insert(y) }
            if table.rowCount > 0, defaultYear != nil {
                // Said, not silently assumed (issue 17).
                diagnostics.append(Diagnostic(.note, .profileNoYearColumn(year: y.description), path: table.source.path,
                                              help: .profileNoYearColumnHelp))
            }
        }
        var profiles = ProfileSet(indicatorCount: book.indicators.count, years: Array(years))

        // Pass 2: rows placed in order (school, year, line), then their cells parsed into
        // the columns. Row and cell diagnostics never concern the same row; merged by row,
        // they come out in row, then column order.
        let placed = placeRows(table: table, idColumn: idColumn, nameColumn: builtinColumn[.name],
                               municipalityColumn: builtinColumn[.municipality], rowYears: rowYears, profiles: &profiles)
        profiles.compactSchools()
        var columns = preparedColumns.wait()
        let cellDiagnostics = loadCells(table: table, book: book, indicatorColumn: indicatorColumn, rows: placed.rows,
                                        tuning: tuning, columns: &columns, profiles: &profiles)
        var i = 0, j = 0
        while i < placed.diagnostics.count || j < cellDiagnostics.count {
            if j == cellDiagnostics.count || (i < placed.diagnostics.count && placed.diagnostics[i].row <= cellDiagnostics[j].row) {
                diagnostics.append(placed.diagnostics[i].diagnostic)
                i += 1
            } else {
                diagnostics.append(cellDiagnostics[j].diagnostic)
                j += 1
            }
        }
        profiles.setRows(school: placed.school, year: placed.year, line: placed.line, municipality: placed.municipality,
                         columns: columns)
        profiles.finish()
        if profiles.rowCount == 0 {
            diagnostics.append(Diagnostic(.error, .profileNoRows, path: table.source.path))
        }
        return (profiles, diagnostics)
    }

    // MARK: - School years

    /// A row whose school year could not be read (see `readYears`).
    static let noYear = Int32.min

    /// The school year of every row (its start; `noYear` when unreadable) and the years
    /// seen. Plain spellings are read from bytes by blocks of rows on all cores
    /// (`ProfileBytes.readYears`); the other cells go through `parseYear`, in row order,
    /// and those it cannot read are reported.
    static func readYears(
        _ table: CSVTable, column yc: Int, tuning: Tuning, diagnostics: inout [Diagnostic],
        isTotalRow: (Int) -> Bool = { _ in false }
    ) -> (rowYears: [Int32], years: Set<SchoolYear>) {
        let blockRows = tuning.loaderBlockRows
        let blocks = (table.rowCount + blockRows - 1) / blockRows
        let found = Parallel.map(count: blocks, threads: tuning.threads) { b in
            ProfileBytes.readYears(table, column: yc, rows: b * blockRows..<min(table.rowCount, (b + 1) * blockRows))
        }
        var rowYears: [Int32] = []
        rowYears.reserveCapacity(table.rowCount)
        var years = Set<SchoolYear>()
        for block in found {
            rowYears += block.rowYears
            years.formUnion(block.years)
        }
        for block in found {
            for row in block.otherRows {
                let text = CellParser.trimmed(table.field(row: row, column: yc))
                if let y = parseYear(text) {
                    rowYears[row] = Int32(clamping: y.start)
                    years.insert(y)
                } else if !isTotalRow(row) {   // a total row is skipped with a note when rows are placed
                    diagnostics.append(.error(.profileBadYear(text), at: table.fieldRange(row: row, column: yc), help: .profileYearHelp))
                }
            }
        }
        return (rowYears, years)
    }

    /// `2025/26`, `2025/2026`, `2025-2026`, `2025–26` or `2025` (the school year starting then).
    public static func parseYear(_ text: String) -> SchoolYear? {
        if let year = ProfileBytes.parseYearFast(text) { return year }
        let parts = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "/" || $0 == "-" || $0 == "–" || $0 == "—" })
            .map { CellParser.trimmed($0) }
        guard let first = parts.first, first.count == 4, let start = Int(first), (1900...2200).contains(start) else { return nil }
        if parts.count == 1 { return SchoolYear(start: start) }
        guard parts.count == 2, let second = Int(parts[1]) else { return nil }
        guard second == start + 1 || second == (start + 1) % 100 else { return nil }
        return SchoolYear(start: start)
    }

    // MARK: - Rows

    /// The longest school id, in characters (ids name files and appear in every document).
    public static let maxIDLength = 100
    /// The longest cell the loader reads, in characters (Excel's limit).
    public static let maxCellLength = 32_767

    /// Whether a text starts a total row: «Итого», «Всего», «Total» (any case).
    static func isTotalLabel(_ text: String) -> Bool {
        let t = text.prefix(6).lowercased()
        return t.hasPrefix("итого") || t.hasPrefix("всего") || t.hasPrefix("total")
    }

    /// The label of a total row: its id when the id starts with «Итого», else its name
    /// when the id is empty and the name starts so; nil for any other row.
    static func totalRowLabel(id: String, name: () -> String) -> String? {
        if isTotalLabel(id) { return id }
        guard id.isEmpty else { return nil }
        let n = name()
        return isTotalLabel(n) ? n : nil
    }

    static func totalRowLabel(_ table: CSVTable, row: Int, idColumn: Int?, nameColumn: Int?) -> String? {
        guard let idColumn else { return nil }
        return totalRowLabel(id: CellParser.trimmed(table.field(row: row, column: idColumn)),
                             name: { nameColumn.map { CellParser.trimmed(table.field(row: row, column: $0)) } ?? "" })
    }

    /// The table whose header row holds a school-id column: this one, or — for an export
    /// with a title (often merged cells) above its headers — the same table with one of
    /// its first `headerSearchRows` rows as the header, and a note saying which line.
    public static func locateHeader(_ table: CSVTable, book: CheckedRuleBook) -> (CSVTable, Diagnostic?) {
        func hasID(_ cells: [String]) -> Bool {
            cells.contains { cell in Builtin.id.aliases.contains(normalize(cell)) }
        }
        if hasID((0..<min(table.columnCount, CSVTable.maxColumns)).map(table.header)) { return (table, nil) }
        for row in 0..<min(headerSearchRows, table.rowCount) where hasID(table.fields(row: row)) {
            let note = Diagnostic.note(.csvHeaderRowFound(line: table.line(ofRow: row), skipped: row + 1), at: table.rowRange(row))
            return (table.withHeader(atRow: row), note)
        }
        return (table, nil)
    }

    /// How many rows below the first line the header row is looked for.
    static let headerSearchRows = 10

    /// What the row pass found: per accepted row, its table row, school, year index and
    /// line; and the problems of the rows it skipped, in row order.
    struct PlacedRows {
        var rows: [Int32] = []
        var school: [Int32] = [], year: [Int32] = [], line: [Int32] = [], municipality: [Int32] = []
        var diagnostics: [(row: Int, diagnostic: Diagnostic)] = []
    }

    /// Places every row with a school year, in order: its school (by id; a new school
    /// takes its name, an empty one meaning the id), year, line and municipality. A row
    /// without an id, or a second row for the same school and year, is reported and
    /// skipped. A school's municipality is read in every row: a row without one takes the
    /// school's, which is that of its latest year with one; a change between rows is
    /// reported once per school (`MunicipalityHistory`).
    private static func placeRows(
        table: CSVTable, idColumn: Int, nameColumn: Int?, municipalityColumn: Int?, rowYears: [Int32],
        profiles: inout ProfileSet
    ) -> PlacedRows {
        let capacity = table.rowCount
        let yearCount = profiles.years.count
        var yearIndexOf: [SchoolYear: Int] = [:]
        for (i, y) in profiles.years.enumerated() { yearIndexOf[y] = i }
        var placed = PlacedRows()
        placed.rows.reserveCapacity(capacity)
        placed.school.reserveCapacity(capacity)
        placed.year.reserveCapacity(capacity)
        placed.line.reserveCapacity(capacity)
        profiles.reserveSchools(capacity)
        // Per (school, year): the line of its row, 0 when none yet (duplicate detection).
        var schoolYearLine: [Int32] = []
        schoolYearLine.reserveCapacity(capacity * max(1, yearCount))
        var municipalities = ProfileBytes.MunicipalityCache()
        var history = MunicipalityHistory()
        let source = table.source
        var lineHint = 1

        table.bytes.withUnsafeBufferPointer { text in
            // Only the id, name and municipality cells are read: each row is scanned up to
            // the last of them.
            let needed = max(idColumn, nameColumn ?? 0, municipalityColumn ?? 0) + 1
            var scanner = CSVRowScanner(text: text, delimiter: table.delimiter, source: source, capacity: needed)
            for row in 0..<table.rowCount {
                let fieldCount = table.fieldCount(row: row)
                scanner.rescan(from: Int(table.rowStarts[row + 1]), limit: needed)
                let id = ProfileBytes.rowID(scanner, table, row: row, fieldCount: fieldCount, column: idColumn)
                // A total row («Итого по району»): no school, skipped with a note (issue 17).
                if let label = totalRowLabel(id: id.string, name: { nameColumn.map {
                    ProfileBytes.trimmedField(scanner, table, row: row, fieldCount: fieldCount, column: $0) } ?? "" }) {
                    placed.diagnostics.append((row, .note(.profileTotalRowSkipped(label), at: table.rowRange(row))))
                    continue
                }
                guard rowYears[row] != noYear else { continue }
                let year = SchoolYear(start: Int(rowYears[row]))
                guard let yearIndex = yearIndexOf[year] else { continue }
                let line = source.line(of: Int(table.rowStarts[row + 1]), hint: lineHint)
                lineHint = line
                if id.isEmpty {
                    placed.diagnostics.append((row, .error(.profileEmptyId, at: table.fieldRange(row: row, column: idColumn))))
                    continue
                }
                if id.byteCount > maxIDLength, id.string.count > maxIDLength {
                    placed.diagnostics.append((row, .error(.profileIdTooLong(length: id.string.count, limit: maxIDLength),
                                                           at: table.fieldRange(row: row, column: idColumn))))
                    continue
                }
                let school: Int
                let (existing, inserted) = id.slot(in: &profiles)
                let municipality = municipalities.index(scanner, table, row: row, fieldCount: fieldCount,
                                                        column: municipalityColumn, in: &profiles)
                if !inserted {
                    let firstLine = schoolYearLine[existing * yearCount + yearIndex]
                    if firstLine != 0 {
                        placed.diagnostics.append((row, .error(.profileDuplicateSchoolYear(id: id.string, year: year.description, line: Int(firstLine)),
                                                               at: table.fieldRange(row: row, column: idColumn))))
                        continue
                    }
                    school = existing
                } else {
                    // A new school: its name (an empty name means the id).
                    ProfileBytes.setSchool(existing, scanner, table, row: row, fieldCount: fieldCount, nameColumn: nameColumn,
                                           municipality: municipality, in: &profiles)
                    school = existing
                    schoolYearLine.append(contentsOf: repeatElement(0, count: max(1, yearCount)))
                }
                schoolYearLine[school * yearCount + yearIndex] = Int32(line)
                if let change = history.note(school: school, yearIndex: yearIndex, municipality: municipality, profiles) {
                    let first = profiles.years[change.firstYearIndex].description
                    placed.diagnostics.append((row, .warning(
                        .profileMunicipalityChanged(id: id.string, first: profiles.municipalities[change.first], firstYear: first,
                                                    other: profiles.municipalities[municipality], year: year.description),
                        at: table.fieldRange(row: row, column: municipalityColumn ?? idColumn), help: .profileMunicipalityHelp)))
                }
                placed.rows.append(Int32(row))
                placed.school.append(Int32(school))
                placed.year.append(Int32(yearIndex))
                placed.line.append(Int32(line))
                placed.municipality.append(Int32(municipality))
            }
        }
        history.resolve(&placed.municipality, schools: placed.school, in: &profiles)
        return placed
    }

    // MARK: - Cells

    /// How one mapped column is read: the indicator's kind, bounds and (for categories)
    /// the UTF-8 bytes of the values that can be matched byte for byte.
    struct ColumnPlan {
        var column: Int
        var indicator: Int
        var kind: IndicatorKind
        var low: Double
        var high: Double
        /// Per category: its bytes when an exact byte match gives the same index as the
        /// slow path (the first canonically equal value, trimmed, not a missing marker).
        var categoryBytes: [[UInt8]?]

        init(column: Int, indicator: Indicator) {
            self.column = column
            self.indicator = indicator.index
            kind = indicator.kind
            let b = ProfileLoader.bounds(indicator)
            low = b?.lowerBound ?? -.infinity
            high = b?.upperBound ?? .infinity
            let categories = indicator.categories
            categoryBytes = categories.indices.map { i in
                let c = categories[i]
                guard !c.isEmpty, categories.firstIndex(of: c) == i, CellParser.trimmed(c) == c,
                      !CellParser.isMissing(c) else { return nil }
                return Array(c.utf8)
            }
        }
    }

    /// Parses the mapped cells of the placed `rows` straight into `columns` (NaN =
    /// missing), by blocks of rows on all cores. Common cells are decided from their bytes
    /// (`ProfileBytes.parseCells`); the others go, in (row, column) order and on this
    /// thread, through `cell`, which reports problems and interns text values. Cells of
    /// indicators not kept are parsed and checked, their values dropped. Returns the
    /// cells' diagnostics, in row order.
    private static func loadCells(
        table: CSVTable, book: CheckedRuleBook, indicatorColumn: [(column: Int, indicator: Int)], rows: [Int32],
        tuning: Tuning, columns: inout IndicatorColumns, profiles: inout ProfileSet
    ) -> [(row: Int, diagnostic: Diagnostic)] {
        let plans = indicatorColumn.map { ColumnPlan(column: $0.column, indicator: book.indicators[$0.indicator]) }
        columns.truncate(toRows: rows.count)
        let writer = columns.writer(for: plans.map(\.indicator))
        let fast = ProfileBytes.CellPlans(plans, isFlag: plans.map { columns.isFlag[$0.indicator] })
        let blockRows = tuning.loaderBlockRows
        let blocks = (rows.count + blockRows - 1) / blockRows
        // Per block: the cells left to `cell`, as `row * planCount + plan` (row-major).
        let slow = Parallel.map(count: blocks, threads: tuning.threads) { b in
            ProfileBytes.parseCells(table, rows: b * blockRows..<min(rows.count, (b + 1) * blockRows), of: rows, fast, into: writer)
        }
        var diagnostics: [(row: Int, diagnostic: Diagnostic)] = []
        for block in slow {
            for k in block {
                let r = k / plans.count, p = k % plans.count
                let row = Int(rows[r])
                var found: [Diagnostic] = []
                if let value = cell(table, row, plans[p].column, book.indicators[plans[p].indicator], &profiles, &found) {
                    if fast.isFlag[p] { writer.set(p, row: r, byte: IndicatorColumns.flag(of: value)) } else { writer.set(p, row: r, value) }
                }
                for d in found { diagnostics.append((row, d)) }
            }
        }
        return diagnostics
    }

    /// The declared range; a percent indicator without one is 0–100 (percentage points).
    static func bounds(_ indicator: Indicator) -> ClosedRange<Double>? {
        if let range = indicator.range { return range }
        switch indicator.kind {
        case .percent: return 0...100
        case .count, .number: return -NumberText.limit...NumberText.limit
        case .bool, .category, .text: return nil
        }
    }

    /// Parses one cell; nil when missing or invalid (invalid cells are reported).
    private static func cell(_ table: CSVTable, _ row: Int, _ column: Int, _ indicator: Indicator,
                             _ profiles: inout ProfileSet, _ diagnostics: inout [Diagnostic]) -> Double? {
        // Fast path: a plain number in bytes, no String made.
        switch indicator.kind {
        case .number, .percent, .count:
            let fast: Double?? = table.withFieldBytes(row: row, column: column) { bytes in
                if bytes.isEmpty { return .some(nil) }
                let v = indicator.kind == .count ? CellParser.parseCount(bytes: bytes) : CellParser.parseNumber(bytes: bytes)
                return v.map { .some($0) } ?? nil
            }
            if let value = fast {
                guard let v = value else { return nil }
                if bounds(indicator).map({ $0.contains(v) }) ?? true {
                    return v
                }
            }
        default:
            break
        }
        let raw = table.field(row: row, column: column)
        let range = table.fieldRange(row: row, column: column)
        if raw.utf8.count > maxCellLength, raw.count > maxCellLength {
            diagnostics.append(.error(.csvCellTooLong(length: raw.count, limit: maxCellLength), at: range))
            return nil
        }
        if CellParser.isMissing(raw) { return nil }
        let text = CellParser.trimmed(raw)
        let value: Double?
        switch indicator.kind {
        case .count:
            value = CellParser.parseCount(text)
        case .number:
            value = CellParser.parseNumber(text)
        case .percent:
            value = CellParser.parsePercent(text)
        case .bool:
            value = CellParser.parseBool(text).map { $0 ? 1 : 0 }
        case .category:
            if let i = indicator.categories.firstIndex(of: text)
                ?? indicator.categories.firstIndex(where: { $0.lowercased() == text.lowercased() }) {
                return Double(i)
            }
            diagnostics.append(.error(.profileUnknownCategory(text: text, indicator: indicator.code), at: range,
                                      help: Suggestion.closest(to: text, among: indicator.categories).map { .didYouMean($0) }
                                        ?? .categoryValuesHelp(indicator.categories.joined(separator: ", "))))
            return nil
        case .text:
            return profiles.intern(text: text)
        }
        guard let v = value else {
            diagnostics.append(.error(.profileBadValue(text: text, expected: indicator.type), at: range))
            return nil
        }
        if let bounds = bounds(indicator), !bounds.contains(v) {
            diagnostics.append(.error(.profileOutOfRange(text: text, low: Suggestion.number(bounds.lowerBound),
                                                         high: Suggestion.number(bounds.upperBound)), at: range))
            return nil
        }
        return v
    }
}
