import Testing
@testable import RiskmapEngine
import RiskmapLanguage

/// What a school file loads into, as plain values: the CSV table's cells, the schools,
/// the school years, per (school, year) row its values by indicator, the interned texts in
/// the order first met, and the diagnostics as (severity, code, line, column, detail).
/// Both `ReferenceLoader` and the fast path (`CSVReader` + `ProfileLoader`, converted by
/// `init(table:profiles:diagnostics:book:)`) give one, so that they can be compared.
struct LoadedProfiles: Equatable {
    struct School: Equatable, CustomStringConvertible {
        var id: String, name: String, municipality: String
        var description: String { "\(id.debugDescription) \(name.debugDescription) \(municipality.debugDescription)" }
    }

    enum Value: Equatable, CustomStringConvertible {
        case missing
        case number(Double)
        case flag(Bool)
        case category(String)
        case text(String)

        var description: String {
            switch self {
            case .missing: return "missing"
            case .number(let v): return "\(v)"
            case .flag(let b): return b ? "yes" : "no"
            case .category(let c): return "category \(c.debugDescription)"
            case .text(let t): return "text \(t.debugDescription)"
            }
        }
    }

    struct Row: Equatable {
        var school: Int
        var year: SchoolYear
        var line: Int
        /// The municipality of the school in this row's year.
        var municipality: String
        /// By indicator index.
        var values: [Value]
    }

    /// A diagnostic: severity, message code, where (nil: the whole file), and the
    /// message's main argument (the cell text, the column, the id, …).
    struct Note: Equatable, CustomStringConvertible {
        var severity: Diagnostic.Severity
        var code: String
        var line: Int?
        var column: Int?
        var detail: String = ""

        var description: String {
            "\(severity) \(code)@\(line.map(String.init) ?? "-"):\(column.map(String.init) ?? "-") \(detail.debugDescription)"
        }
    }

    /// The header and data rows of the CSV table, cell by cell (unquoted, not trimmed);
    /// empty when there is no table.
    var cells: [[String]] = []
    var schools: [School] = []
    var years: [SchoolYear] = []
    var rows: [Row] = []
    var texts: [String] = []
    var notes: [Note] = []
}

extension LoadedProfiles {
    /// The fast path's result in the same form.
    init(table: CSVTable?, profiles: ProfileSet?, diagnostics: [Diagnostic], book: CheckedRuleBook) {
        notes = diagnostics.map(Self.note)
        guard let table else { return }
        cells = [(0..<table.columnCount).map { table.physicalField(0, $0) }]
        for r in 0..<table.rowCount {
            cells.append((0..<table.fieldCount(row: r)).map { table.field(row: r, column: $0) })
        }
        guard let profiles else { return }
        schools = profiles.schools.map { School(id: $0.id, name: $0.name, municipality: $0.municipality) }
        years = profiles.years
        texts = profiles.texts
        for r in 0..<profiles.rowCount {
            let values = book.indicators.map { indicator -> Value in
                let v = profiles.columns[indicator.index][r]
                if v.isNaN { return .missing }
                switch indicator.kind {
                case .count, .number, .percent: return .number(v)
                case .bool: return .flag(v == 1)
                case .category: return .category(indicator.categories[Int(v)])
                case .text: return .text(profiles.text(ofValue: v) ?? "<no text \(v)>")
                }
            }
            rows.append(Row(school: Int(profiles.rowSchool[r]), year: profiles.years[Int(profiles.rowYear[r])],
                            line: Int(profiles.rowLine[r]), municipality: profiles.school(row: r).municipality, values: values))
        }
    }

    static func note(_ d: Diagnostic) -> Note {
        let detail: String
        switch d.message {
        case .csvTooFewFields(let expected, let got), .csvTooManyFields(let expected, let got): detail = "\(expected) \(got)"
        case .profileUnknownColumn(let column): detail = column
        case .profileDuplicateColumn(let column, let indicator): detail = "\(column) → \(indicator)"
        case .profileBadValue(let text, _), .profileOutOfRange(let text, _, _): detail = text
        case .profileUnknownCategory(let text, let indicator): detail = "\(indicator): \(text)"
        case .profileDuplicateSchoolYear(let id, let year, let line): detail = "\(id) \(year) \(line)"
        case .profileBadYear(let text): detail = text
        default: detail = ""
        }
        return Note(severity: d.severity, code: d.message.code, line: d.location?.line, column: d.location?.column, detail: detail)
    }

    /// The first difference from `other` (the fast result), described; nil when equal.
    func firstDifference(from other: LoadedProfiles, book: CheckedRuleBook) -> String? {
        func first<T: Equatable>(_ what: String, _ a: [T], _ b: [T], _ show: (T) -> String) -> String? {
            for i in 0..<max(a.count, b.count) where i >= a.count || i >= b.count || a[i] != b[i] {
                let ra = i < a.count ? show(a[i]) : "none", rb = i < b.count ? show(b[i]) : "none"
                return "\(what) \(i): reference \(ra)\n  fast      \(rb)"
            }
            return nil
        }
        if cells != other.cells {
            for r in 0..<max(cells.count, other.cells.count) {
                let a = r < cells.count ? cells[r] : [], b = r < other.cells.count ? other.cells[r] : []
                if let d = first("CSV \(r == 0 ? "header" : "data row \(r - 1)") cell", a, b, { $0.debugDescription }) { return d }
            }
        }
        if let d = first("diagnostic", notes, other.notes, \.description) { return d }
        if let d = first("school", schools, other.schools, \.description) { return d }
        if let d = first("school year", years, other.years, \.description) { return d }
        for r in 0..<max(rows.count, other.rows.count) {
            guard r < rows.count, r < other.rows.count else { return "profile row \(r): only in the \(r < rows.count ? "reference" : "fast result")" }
            let a = rows[r], b = other.rows[r]
            if (a.school, a.year, a.line) != (b.school, b.year, b.line) {
                return "profile row \(r): reference school \(a.school) \(a.year) line \(a.line), fast school \(b.school) \(b.year) line \(b.line)"
            }
            for i in a.values.indices where a.values[i] != b.values[i] {
                return "profile row \(r) (line \(a.line), school \(schools[a.school].id.debugDescription) \(a.year)), "
                    + "\(book.indicators[i].code): reference \(a.values[i]), fast \(b.values[i])"
            }
        }
        return first("interned text", texts, other.texts, { $0.debugDescription })
    }
}
