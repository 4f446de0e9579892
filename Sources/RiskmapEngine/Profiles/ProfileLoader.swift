import Foundation
import RiskmapLanguage
import RiskmapPlatform

/// Turns a CSV table into validated school profiles for a rule book. Every problem is
/// reported with its line and column; a bad cell becomes a missing value, a row that
/// cannot be placed (no id, bad year, duplicate school-year) is reported and skipped.
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
    /// (the result does not depend on them).
    public static func load(
        table: CSVTable, book: CheckedRuleBook, defaultYear: SchoolYear?, keeping: Set<Int>? = nil,
        tuning: Tuning = .default
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
        for c in 0..<table.columnCount {
            let h = normalize(table.header(c))
            if h.isEmpty { continue }
            if let b = Builtin.allCases.first(where: { $0.aliases.contains(h) }), builtinColumn[b] == nil {
                builtinColumn[b] = c
            } else if let i = headerIndex[h] {
                if mapped.insert(i).inserted {
                    indicatorColumn.append((c, i))
                } else {
                    diagnostics.append(.warning(.profileDuplicateColumn(column: table.header(c), indicator: book.indicators[i].code),
                                                at: table.headerRange(c)))
                }
            } else {
                let candidates = book.indicators.flatMap { [$0.code] + $0.columns }
                diagnostics.append(.warning(.profileUnknownColumn(table.header(c)), at: table.headerRange(c),
                                            help: Suggestion.closest(to: table.header(c), among: candidates).map { .didYouMean($0) } ?? .profileColumnsHelp))
            }
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

        // Pass 1: school years of every row (the year's start; `noYear` when unreadable),
        // by blocks of rows on all cores; the blocks' years and diagnostics are joined in
        // row order.
        var rowYears: [Int32] = []
        var years = Set<SchoolYear>()
        if let yc = builtinColumn[.year] {
            let blockRows = tuning.loaderBlockRows
            let blocks = (table.rowCount + blockRows - 1) / blockRows
            let found = Parallel.map(count: blocks, threads: tuning.threads) { b in
                ProfileLoader.readYears(table, column: yc, rows: b * blockRows..<min(table.rowCount, (b + 1) * blockRows))
            }
            rowYears.reserveCapacity(table.rowCount)
            for block in found {
                rowYears += block.rowYears
                years.formUnion(block.years)
                diagnostics += block.diagnostics
            }
        } else {
            let y = defaultYear ?? SchoolYear(start: 0)
            rowYears = [Int32](repeating: Int32(clamping: y.start), count: table.rowCount)
            if table.rowCount > 0 { years.insert(y) }
        }
        var profiles = ProfileSet(indicatorCount: book.indicators.count, years: Array(years))
        loadRows(table: table, book: book, idColumn: idColumn, nameColumn: builtinColumn[.name],
                 municipalityColumn: builtinColumn[.municipality], indicatorColumn: indicatorColumn,
                 rowYears: rowYears, preparedColumns: preparedColumns, tuning: tuning,
                 profiles: &profiles, diagnostics: &diagnostics)
        profiles.finish()
        if profiles.rowCount == 0 {
            diagnostics.append(Diagnostic(.error, .profileNoRows, path: table.source.path))
        }
        return (profiles, diagnostics)
    }

    /// How one mapped column is read: the indicator's kind, bounds and (for categories)
    /// the UTF-8 bytes of the values that can be matched byte for byte.
    private struct ColumnPlan {
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

    /// Pass 2: places every row (school, year, line) in order, then parses the cells
    /// straight into the columns, by blocks of rows on all cores. Common cells (empty,
    /// plain numbers, `1`/`0`, exact category values) are decided from their bytes; the
    /// others are collected per block and then go, in (row, column) order and on one
    /// thread, through `cell`, which reports problems and interns text values. Row and
    /// cell diagnostics are merged by row, so they come out in row, then column order.
    private static func loadRows(
        table: CSVTable, book: CheckedRuleBook, idColumn: Int, nameColumn: Int?, municipalityColumn: Int?,
        indicatorColumn: [(column: Int, indicator: Int)], rowYears: [Int32],
        preparedColumns: Parallel.Pending<IndicatorColumns>, tuning: Tuning,
        profiles: inout ProfileSet, diagnostics: inout [Diagnostic]
    ) {
        let capacity = table.rowCount
        let yearCount = profiles.years.count
        var yearIndexOf: [SchoolYear: Int] = [:]
        for (i, y) in profiles.years.enumerated() { yearIndexOf[y] = i }
        let plans = indicatorColumn.map { ColumnPlan(column: $0.column, indicator: book.indicators[$0.indicator]) }
        // The plans' scalar fields as flat arrays (the hot loop then copies no structs).
        let planColumn = plans.map(\.column), planKind = plans.map(\.kind)
        let planLow = plans.map(\.low), planHigh = plans.map(\.high)
        let planCategories = plans.map(\.categoryBytes)
        let planCount = plans.count
        // Per accepted row: its table row.
        var acceptedRows: [Int32] = []
        var rowSchool: [Int32] = [], rowYear: [Int32] = [], rowLine: [Int32] = []
        acceptedRows.reserveCapacity(capacity)
        rowSchool.reserveCapacity(capacity)
        rowYear.reserveCapacity(capacity)
        rowLine.reserveCapacity(capacity)
        profiles.reserveSchools(capacity)
        // Per (school, year): the line of its row, 0 when none yet (duplicate detection).
        var schoolYearLine: [Int32] = []
        schoolYearLine.reserveCapacity(capacity * max(1, yearCount))
        // Municipality names by the hash of their raw bytes (verified on every hit).
        var municipalityCache: [UInt64: (bytes: [UInt8], index: Int)] = [:]
        let source = table.source
        var lineHint = 1
        // Diagnostics of the row pass and of the cell pass, each in row order.
        var rowDiagnostics: [(row: Int, diagnostic: Diagnostic)] = []
        var cellDiagnostics: [(row: Int, diagnostic: Diagnostic)] = []

        table.bytes.withUnsafeBufferPointer { text in
        table.rowFirstField.withUnsafeBufferPointer { rowFirstField in
            // The row pass reads the id, name and municipality cells only: each row is
            // scanned up to the last of them.
            let needed = max(idColumn, nameColumn ?? 0, municipalityColumn ?? 0) + 1
            var scanner = CSVRowScanner(text: text, delimiter: table.delimiter, source: source, capacity: needed)
            /// The content bytes of cell `column` of the scanned row (nil when it must be unescaped).
            @inline(__always) func bytes(_ column: Int) -> UnsafeBufferPointer<UInt8>? { scanner.fieldBytes(column) }
            /// The trimmed text of cell `column` of `row` (as `CellParser.trimmed(table.field(...))`).
            func trimmedField(_ row: Int, _ count: Int, _ column: Int) -> String {
                guard column < count else { return "" }
                guard let b = bytes(column) else { return CellParser.trimmed(table.field(row: row, column: column)) }
                return trimmedString(b)
            }

            // Row pass (sequential): school index, duplicates, lines.
            for row in 0..<table.rowCount {
                guard rowYears[row] != noYear else { continue }
                let year = SchoolYear(start: Int(rowYears[row]))
                guard let yearIndex = yearIndexOf[year] else { continue }
                let first = Int(rowFirstField[row + 1])
                let fieldCount = Int(rowFirstField[row + 2]) - first
                scanner.rescan(from: Int(table.rowStarts[row + 1]), limit: needed)
                // The id's bytes: the field itself when nothing can be trimmed (no String made).
                var idString: String?
                let idBytes: UnsafeBufferPointer<UInt8>? = idColumn < fieldCount ? bytes(idColumn) : nil
                let idIsRaw = idBytes.map { ProfileLoader.nothingToTrim($0) } ?? false
                if !idIsRaw { idString = trimmedField(row, fieldCount, idColumn) }
                let rowStart = Int(table.rowStarts[row + 1])
                let line = source.line(of: rowStart, hint: lineHint)
                lineHint = line
                if idIsRaw ? idBytes!.isEmpty : idString!.isEmpty {
                    rowDiagnostics.append((row, .error(.profileEmptyId, at: table.fieldRange(row: row, column: idColumn))))
                    continue
                }
                let school: Int
                let (existing, inserted) = idIsRaw ? profiles.schoolSlot(idBytes: idBytes!) : profiles.schoolSlot(id: idString!)
                if !inserted {
                    let firstLine = schoolYearLine[existing * yearCount + yearIndex]
                    if firstLine != 0 {
                        let id = idString ?? String(decoding: idBytes!, as: UTF8.self)
                        rowDiagnostics.append((row, .error(.profileDuplicateSchoolYear(id: id, year: year.description, line: Int(firstLine)),
                                                           at: table.fieldRange(row: row, column: idColumn))))
                        continue
                    }
                    school = existing
                } else {
                    var municipality = 0
                    if let mc = municipalityColumn, mc < fieldCount, let b = bytes(mc) {
                        let hash = fnv1a(b)
                        if let hit = municipalityCache[hash], hit.bytes.count == b.count,
                           ProfileLoader.equal(hit.bytes, b) {
                            municipality = hit.index
                        } else {
                            municipality = profiles.municipalityIndex(trimmedString(b))
                            if municipalityCache[hash] == nil { municipalityCache[hash] = (Array(b), municipality) }
                        }
                    } else {
                        municipality = profiles.municipalityIndex(municipalityColumn.map { trimmedField(row, fieldCount, $0) } ?? "")
                    }
                    // An empty name means the id.
                    if let nc = nameColumn, nc < fieldCount, let b = bytes(nc), ProfileLoader.nothingToTrim(b) {
                        profiles.setSchool(existing, nameBytes: b, municipality: municipality)
                    } else {
                        profiles.setSchool(existing, name: nameColumn.map { trimmedField(row, fieldCount, $0) } ?? "", municipality: municipality)
                    }
                    school = existing
                    schoolYearLine.append(contentsOf: repeatElement(0, count: max(1, yearCount)))
                }
                schoolYearLine[school * yearCount + yearIndex] = Int32(line)
                acceptedRows.append(Int32(row))
                rowSchool.append(Int32(school))
                rowYear.append(Int32(yearIndex))
                rowLine.append(Int32(line))
            }
        }
        }
        schoolYearLine = []
        profiles.compactSchools()

        // Cell pass: the mapped columns are built in place (no copy), NaN = missing; cells
        // of indicators not kept are parsed (and checked), their values dropped; yes/no
        // indicators kept are written as bytes.
        let accepted = acceptedRows
        let rows = accepted.count
        let blockRows = tuning.loaderBlockRows
        let blocks = (rows + blockRows - 1) / blockRows
        var columns = preparedColumns.wait()
        columns.truncate(toRows: rows)
        let writer = columns.writer(for: plans.map(\.indicator))
        let planIsFlag = plans.map { columns.isFlag[$0.indicator] }
        // Each row is scanned again up to the last mapped column.
        let scanLimit = (planColumn.max() ?? 0) + 1
        // Per block: the cells left to `cell`, as `row * planCount + plan` (row-major).
        let slow = Parallel.map(count: blocks, threads: tuning.threads) { b -> [Int] in
            let lo = b * blockRows, hi = min(rows, lo + blockRows)
            var pending: [Int] = []
            table.bytes.withUnsafeBufferPointer { text in
            table.rowFirstField.withUnsafeBufferPointer { rowFirstField in
            ProfileLoader.boolKeys.withUnsafeBufferPointer { boolKeys in
                var scanner = CSVRowScanner(text: text, delimiter: table.delimiter, source: table.source, capacity: scanLimit)
                for r in lo..<hi {
                    let row = Int(accepted[r])
                    let fieldCount = Int(rowFirstField[row + 2]) - Int(rowFirstField[row + 1])
                    scanner.rescan(from: Int(table.rowStarts[row + 1]), limit: scanLimit)
                    for p in 0..<planCount where planColumn[p] < fieldCount {
                        if let b = scanner.fieldBytes(planColumn[p]) {
                            if b.isEmpty { continue }  // missing
                            let kind = planKind[p]
                            switch kind {
                            case .number, .percent, .count:
                                if let v = CellParser.parseNumber(bytes: b), v >= planLow[p], v <= planHigh[p],
                                   kind != .count || (v >= 0 && v == v.rounded()) {
                                    writer.set(p, row: r, v)
                                    continue
                                }
                            case .bool:
                                var v: Double?
                                if b.count == 1 {
                                    if b[0] == UInt8(ascii: "1") { v = 1 } else if b[0] == UInt8(ascii: "0") { v = 0 }
                                } else {
                                    v = ProfileLoader.boolWord(b, boolKeys)
                                }
                                if let v {
                                    if planIsFlag[p] { writer.set(p, row: r, byte: v == 1 ? 1 : 0) } else { writer.set(p, row: r, v) }
                                    continue
                                }
                            case .category:
                                if let i = planCategories[p].firstIndex(where: { $0.map { c in c.elementsEqual(b) } ?? false }) {
                                    writer.set(p, row: r, Double(i))
                                    continue
                                }
                            case .text:
                                break
                            }
                        }
                        pending.append(r * planCount + p)
                    }
                }
            }
            }
            }
            return pending
        }
        // The rest, in (row, column) order, on this thread.
        for block in slow {
            for k in block {
                let r = k / planCount, p = k % planCount
                let row = Int(acceptedRows[r])
                var found: [Diagnostic] = []
                if let value = cell(table, row, planColumn[p], book.indicators[plans[p].indicator], &profiles, &found) {
                    if planIsFlag[p] { writer.set(p, row: r, byte: IndicatorColumns.flag(of: value)) } else { writer.set(p, row: r, value) }
                }
                for d in found { cellDiagnostics.append((row, d)) }
            }
        }

        // Row diagnostics and cell diagnostics never concern the same row.
        var i = 0, j = 0
        while i < rowDiagnostics.count || j < cellDiagnostics.count {
            if j == cellDiagnostics.count || (i < rowDiagnostics.count && rowDiagnostics[i].row <= cellDiagnostics[j].row) {
                diagnostics.append(rowDiagnostics[i].diagnostic)
                i += 1
            } else {
                diagnostics.append(cellDiagnostics[j].diagnostic)
                j += 1
            }
        }

        profiles.setRows(school: rowSchool, year: rowYear, line: rowLine, columns: columns)
    }

    /// The school years of `rows` (column `column`), one per row (`noYear` when
    /// unreadable); the years seen and the diagnostics of unreadable ones, in row order.
    static func readYears(
        _ table: CSVTable, column yc: Int, rows: Range<Int>
    ) -> (rowYears: [Int32], years: Set<SchoolYear>, diagnostics: [Diagnostic]) {
        var rowYears: [Int32] = []
        rowYears.reserveCapacity(rows.count)
        var years = Set<SchoolYear>()
        var diagnostics: [Diagnostic] = []
        var lastFastYear: SchoolYear?
        table.bytes.withUnsafeBufferPointer { text in
            var scanner = CSVRowScanner(text: text, delimiter: table.delimiter, source: table.source, capacity: yc + 1)
            for row in rows {
                // Common case: a plain year spelling with nothing to trim, read from bytes.
                var fast: SchoolYear?
                if yc < table.fieldCount(row: row) {
                    scanner.rescan(from: Int(table.rowStarts[row + 1]), limit: yc + 1)
                    if let b = scanner.fieldBytes(yc), let f = b.first, let l = b.last, f >= 48, f <= 57, l >= 48, l <= 57 {
                        fast = parseYearFast(b)
                    }
                }
                if let y = fast {
                    rowYears.append(Int32(clamping: y.start))
                    if y != lastFastYear {
                        years.insert(y)
                        lastFastYear = y
                    }
                    continue
                }
                let text = CellParser.trimmed(table.field(row: row, column: yc))
                if let y = parseYear(text) {
                    rowYears.append(Int32(clamping: y.start))
                    years.insert(y)
                } else {
                    rowYears.append(noYear)
                    diagnostics.append(.error(.profileBadYear(text), at: table.fieldRange(row: row, column: yc), help: .profileYearHelp))
                }
            }
        }
        return (rowYears, years, diagnostics)
    }

    /// A row whose school year could not be read (see `rowYears`).
    static let noYear = Int32.min

    /// True when `CellParser.trimmed` certainly leaves these bytes as they are (the check
    /// of `trimmedString`'s fast path; empty counts as nothing to trim).
    @inline(__always)
    static func nothingToTrim(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let f = bytes.first, let l = bytes.last else { return true }
        let n = bytes.count
        let firstSafe = (f > 0x20 && f < 0x7F) || f == 0xD0 || f == 0xD1
            || (f == 0xC2 && n >= 2 && bytes[1] >= 0xA1 && bytes[1] <= 0xBF)
        let lead = n >= 2 ? bytes[n - 2] : 0
        let lastSafe = (l > 0x20 && l < 0x7F)
            || (l >= 0x80 && l <= 0xBF && (lead == 0xD0 || lead == 0xD1 || (lead == 0xC2 && l >= 0xA1)))
        return firstSafe && lastSafe
    }

    /// `CellParser.trimmed` of UTF-8 bytes, without a second copy when nothing is trimmed.
    @inline(__always)
    static func trimmedString(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard !bytes.isEmpty else { return "" }
        let s = String(decoding: bytes, as: UTF8.self)
        if nothingToTrim(bytes) { return s }
        if let a = s.first, let z = s.last, !a.isWhitespace, !z.isWhitespace { return s }
        return CellParser.trimmed(s)
    }

    /// Yes/no words accepted by `CellParser.parseBool`, in the spellings met in practice,
    /// as bytes (an exact match gives what the `String` path gives).
    static let boolWords: [(bytes: [UInt8], value: Double)] =
        ["да", "Да", "ДА", "true", "True", "TRUE", "истина", "Истина", "ИСТИНА", "yes", "Yes", "YES"].map { (Array($0.utf8), 1) }
        + ["нет", "Нет", "НЕТ", "false", "False", "FALSE", "ложь", "Ложь", "ЛОЖЬ", "no", "No", "NO"].map { (Array($0.utf8), 0) }

    /// A yes/no word packed for comparison without memory traffic: its UTF-8 bytes (at
    /// most 16) as two little-endian words, and its length.
    struct BoolKey {
        var count: Int
        var low: UInt64
        var high: UInt64
        var value: Double
    }

    /// In the order of `boolWords`, yes and no spellings alternating (`да`, `нет`, `Да`,
    /// `Нет`, …), so the common words are found first.
    static let boolKeys: [BoolKey] = boolWords.indices.sorted { ($0 % 12, $0 / 12) < ($1 % 12, $1 / 12) }.map { boolWords[$0] }.map { w in
        w.bytes.withUnsafeBufferPointer { b in
            precondition(b.count <= 16, "yes/no words are at most 16 bytes")
            let (low, high) = pack(b)
            return BoolKey(count: b.count, low: low, high: high, value: w.value)
        }
    }

    /// Up to 16 bytes as two little-endian words (zero-padded).
    @inline(__always)
    static func pack(_ b: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        var low: UInt64 = 0, high: UInt64 = 0
        for i in 0..<min(b.count, 8) { low |= UInt64(b[i]) << (8 * UInt64(i)) }
        if b.count > 8 { for i in 8..<min(b.count, 16) { high |= UInt64(b[i]) << (8 * UInt64(i - 8)) } }
        return (low, high)
    }

    /// The value of a yes/no word given exactly as in `boolWords` (byte for byte).
    @inline(__always)
    static func boolWord(_ b: UnsafeBufferPointer<UInt8>, _ keys: UnsafeBufferPointer<BoolKey>) -> Double? {
        guard b.count <= 16 else { return nil }
        let (low, high) = pack(b)
        for k in keys where k.count == b.count && k.low == low && k.high == high { return k.value }
        return nil
    }

    /// Whether `a` and `b` hold the same bytes.
    @inline(__always)
    static func equal(_ a: [UInt8], _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        for i in 0..<b.count where a[i] != b[i] { return false }
        return true
    }

    @inline(__always)
    static func fnv1a(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    /// The common spellings `2025`, `2025/26`, `2025-26`, `2025/2026`, `2025-2026`, read from
    /// bytes (this runs once per row); anything else goes through the general parser.
    @inline(__always)
    static func parseYearFast(_ text: String) -> SchoolYear? {
        parseYearFast(text.utf8)
    }

    @inline(__always)
    static func parseYearFast<S: Sequence<UInt8>>(_ bytes: S) -> SchoolYear? {
        var utf8 = bytes.makeIterator()
        func digit(_ b: UInt8?) -> Int? {
            guard let b, b >= 48, b <= 57 else { return nil }
            return Int(b - 48)
        }
        var start = 0
        for _ in 0..<4 {
            guard let d = digit(utf8.next()) else { return nil }
            start = start * 10 + d
        }
        guard (1900...2200).contains(start) else { return nil }
        guard let separator = utf8.next() else { return SchoolYear(start: start) }
        guard separator == UInt8(ascii: "/") || separator == UInt8(ascii: "-") else { return nil }
        var second = 0, digits = 0
        while let b = utf8.next() {
            guard let d = digit(b) else { return nil }
            second = second * 10 + d
            digits += 1
        }
        guard (digits == 2 && second == (start + 1) % 100) || (digits == 4 && second == start + 1) else { return nil }
        return SchoolYear(start: start)
    }

    /// `2025/26`, `2025/2026`, `2025-2026`, `2025–26` or `2025` (the school year starting then).
    public static func parseYear(_ text: String) -> SchoolYear? {
        if let year = parseYearFast(text) { return year }
        let parts = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "/" || $0 == "-" || $0 == "–" || $0 == "—" })
            .map { CellParser.trimmed($0) }
        guard let first = parts.first, first.count == 4, let start = Int(first), (1900...2200).contains(start) else { return nil }
        if parts.count == 1 { return SchoolYear(start: start) }
        guard parts.count == 2, let second = Int(parts[1]) else { return nil }
        guard second == start + 1 || second == (start + 1) % 100 else { return nil }
        return SchoolYear(start: start)
    }

    /// The declared range; a percent indicator without one is 0–100 (percentage points).
    static func bounds(_ indicator: Indicator) -> ClosedRange<Double>? {
        indicator.range ?? (indicator.kind == .percent ? 0...100 : nil)
    }

    /// Parses one cell; nil when missing or invalid (invalid cells are reported).
    private static func cell(_ table: CSVTable, _ row: Int, _ column: Int, _ indicator: Indicator,
                             _ profiles: inout ProfileSet, _ diagnostics: inout [Diagnostic]) -> Double? {
        // Fast path: a plain number in bytes, no String made.
        switch indicator.kind {
        case .number, .percent, .count:
            let fast: Double?? = table.withFieldBytes(row: row, column: column) { bytes in
                if bytes.isEmpty { return .some(nil) }
                return CellParser.parseNumber(bytes: bytes).map { .some($0) } ?? nil
            }
            if let value = fast {
                guard let v = value else { return nil }
                if indicator.kind != .count || (v >= 0 && v == v.rounded()), bounds(indicator).map({ $0.contains(v) }) ?? true {
                    return v
                }
            }
        default:
            break
        }
        let raw = table.field(row: row, column: column)
        if CellParser.isMissing(raw) { return nil }
        let text = CellParser.trimmed(raw)
        let range = table.fieldRange(row: row, column: column)
        let value: Double?
        switch indicator.kind {
        case .count:
            value = CellParser.parseInteger(text).flatMap { $0 >= 0 ? Double($0) : nil }
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
            return profiles.intern(text: text, indicator: indicator.index)
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
