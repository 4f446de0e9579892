import RiskmapLanguage

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

    public static func load(table: CSVTable, book: CheckedRuleBook, defaultYear: SchoolYear?) -> (ProfileSet, [Diagnostic]) {
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

        // Pass 1: school years of every row.
        var rowYears = [SchoolYear?](repeating: nil, count: table.rowCount)
        var years = Set<SchoolYear>()
        for row in 0..<table.rowCount {
            if let yc = builtinColumn[.year] {
                let text = CellParser.trimmed(table.field(row: row, column: yc))
                if let y = parseYear(text) {
                    rowYears[row] = y
                    years.insert(y)
                } else {
                    diagnostics.append(.error(.profileBadYear(text), at: table.fieldRange(row: row, column: yc), help: .profileYearHelp))
                }
            } else {
                let y = defaultYear ?? SchoolYear(start: 0)
                rowYears[row] = y
                years.insert(y)
            }
        }
        var profiles = ProfileSet(indicatorCount: book.indicators.count, years: Array(years))
        var seen: [SchoolYearKey: Int] = [:]

        // Pass 2: rows.
        for row in 0..<table.rowCount {
            guard let year = rowYears[row], let yearIndex = profiles.yearIndex(year) else { continue }
            let id = CellParser.trimmed(table.field(row: row, column: idColumn))
            let line = table.line(ofRow: row)
            if id.isEmpty {
                diagnostics.append(.error(.profileEmptyId, at: table.fieldRange(row: row, column: idColumn)))
                continue
            }
            let key = SchoolYearKey(id: id, year: year)
            if let firstLine = seen[key] {
                diagnostics.append(.error(.profileDuplicateSchoolYear(id: id, year: year.description, line: firstLine),
                                          at: table.fieldRange(row: row, column: idColumn)))
                continue
            }
            seen[key] = line
            let name = builtinColumn[.name].map { CellParser.trimmed(table.field(row: row, column: $0)) } ?? id
            let municipality = builtinColumn[.municipality].map { CellParser.trimmed(table.field(row: row, column: $0)) } ?? ""
            let school = profiles.school(id: id, name: name.isEmpty ? id : name, municipality: municipality)
            let r = profiles.appendRow(school: school, yearIndex: yearIndex, line: line)
            for (column, indicator) in indicatorColumn where column < table.fieldCount(row: row) {
                if let value = cell(table, row, column, book.indicators[indicator], &profiles, &diagnostics) {
                    profiles.set(indicator: indicator, row: r, value: value)
                }
            }
        }
        profiles.finish()
        if profiles.rowCount == 0 {
            diagnostics.append(Diagnostic(.error, .profileNoRows, path: table.source.path))
        }
        return (profiles, diagnostics)
    }

    private struct SchoolYearKey: Hashable {
        var id: String
        var year: SchoolYear
    }

    /// `2025/26`, `2025/2026`, `2025-2026`, `2025–26` or `2025` (the school year starting then).
    public static func parseYear(_ text: String) -> SchoolYear? {
        let parts = text.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "–" || $0 == "—" }).map { CellParser.trimmed($0) }
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
