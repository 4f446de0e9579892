import Foundation
@testable import RiskmapEngine
import RiskmapLanguage

/// The school-file loader written for obviousness, to check the fast one (`CSVReader`,
/// then `ProfileLoader` with `ProfileBytes`: cells decided from bytes by blocks of rows on
/// several threads) against: the records of `ReferenceCSV`, the header mapped, each row
/// placed and each cell read by `ReferenceCells`, one after the other. One thread, plain
/// `String`s, no byte tricks.
///
/// The rules are those of README «School profiles (CSV)», docs/language.md §2.2 and the
/// documentation comments of `ProfileLoader`. Nothing of the engine's loading is reused.
///
/// Where the rules leave something open, this follows what the fast path does (each such
/// place says so): a second column for a built-in field is read as an ordinary header;
/// every year read from the year column is a school year of the set, even when its rows are
/// skipped; a school's name is that of its first row, later ones are ignored without a
/// word; an empty header cell is ignored without a word.
///
/// Municipalities (README «School profiles»): each row's own; a row without one (empty or
/// a missing marker) takes its school's; a school's is that of its latest year naming one
/// (none named: its first row's cell); the first row naming another than the school's
/// first named one gets a warning at its municipality cell.
///
/// Not covered: `keeping` (indicators not kept).
struct ReferenceLoader {
    let book: CheckedRuleBook
    let defaultYear: SchoolYear?
    private(set) var result = LoadedProfiles()
    private var csv: ReferenceCSV

    private init(_ bytes: [UInt8], book: CheckedRuleBook, defaultYear: SchoolYear?) {
        self.book = book
        self.defaultYear = defaultYear
        csv = ReferenceCSV(bytes)
    }

    static func load(_ bytes: [UInt8], book: CheckedRuleBook, defaultYear: SchoolYear?) -> LoadedProfiles {
        var loader = ReferenceLoader(bytes, book: book, defaultYear: defaultYear)
        loader.load()
        return loader.result
    }

    // MARK: - Loading

    enum Builtin: CaseIterable { case id, name, municipality, year }

    /// Header names of the built-in columns, normalised.
    static let aliases: [Builtin: [String]] = [
        .id: ["school_id", "id", "код", "код_оо", "код оо", "код школы", "идентификатор"],
        .name: ["name", "school", "наименование", "наименование оо", "название", "школа", "оо", "образовательная организация"],
        .municipality: ["municipality", "муниципалитет", "муниципальное образование", "район", "мо", "муниципальный район"],
        .year: ["year", "school_year", "год", "учебный год"],
    ]

    /// A header for matching: lower case, ё → е, runs of spaces, tabs and NBSP as one
    /// space, none at the ends.
    static func normalize(_ header: String) -> String {
        header.lowercased().replacingOccurrences(of: "ё", with: "е")
            .split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{A0}" }).joined(separator: " ")
    }

    mutating func load() {
        result.notes = csv.notes
        let records = csv.records
        guard let header = records.first else {
            result.notes.append(.init(severity: .error, code: Message.csvEmptyFile.code))
            return
        }
        result.cells = records.map { $0.fields.map(\.text) }
        let rows = Array(records.dropFirst())

        // Columns: a built-in by its aliases (the first such column), else an indicator by
        // its code, else by one of its `столбец` names (the first indicator declaring it).
        // A second column for a built-in is read as any other header (as the fast path does).
        var builtin: [Builtin: Int] = [:]
        var mapped: [(column: Int, indicator: Indicator)] = []
        for (c, field) in header.fields.enumerated() {
            let name = ReferenceCells.trimmed(field.text)
            let h = Self.normalize(name)
            if h.isEmpty {
                // Data under an empty header cell is reported (issue 17), an empty column not.
                let filled = rows.filter { c < $0.fields.count && !ReferenceCells.isMissing($0.fields[c].text) }.count
                if filled > 0 { note(.warning, .profileDataUnderEmptyHeader(count: filled), at: field.start) }
                continue
            }
            if let b = Builtin.allCases.first(where: { Self.aliases[$0]!.contains(h) }), builtin[b] == nil {
                builtin[b] = c
                continue
            }
            let indicator = book.indicators.first { Self.normalize($0.code) == h }
                ?? book.indicators.first { $0.columns.contains { Self.normalize($0) == h } }
            guard let indicator else {
                note(.warning, .profileUnknownColumn(name), at: field.start)
                continue
            }
            if mapped.contains(where: { $0.indicator.index == indicator.index }) {
                note(.warning, .profileDuplicateColumn(column: name, indicator: indicator.code), at: field.start)
            } else {
                mapped.append((c, indicator))
            }
        }
        guard let idColumn = builtin[.id] else {
            result.notes.append(.init(severity: .error, code: Message.profileMissingIdColumn.code))
            return
        }

        /// A total row («Итого…», «Всего…», «Total…» as its id, or as its name when it has
        /// no id): its label.
        func totalLabel(_ record: ReferenceCSV.Record) -> String? {
            func isTotal(_ t: String) -> Bool { ["итого", "всего", "total"].contains { t.lowercased().hasPrefix($0) } }
            let id = cell(record, idColumn).text
            if isTotal(id) { return id }
            let name = builtin[.name].map { cell(record, $0).text } ?? ""
            return id.isEmpty && isTotal(name) ? name : nil
        }

        /// The trimmed text of cell `c` of a record (empty when the record is short), and
        /// where it is (for a missing cell: where the record's last field ends).
        func cell(_ record: ReferenceCSV.Record, _ c: Int) -> (text: String, at: Int) {
            c < record.fields.count ? (ReferenceCells.trimmed(record.fields[c].text), record.fields[c].start) : ("", record.end)
        }

        // School years: every row's, in row order; the set of years is every year read
        // (as the fast path does: also those of rows skipped later).
        var rowYear: [SchoolYear?] = []
        var years = Set<SchoolYear>()
        if let yc = builtin[.year] {
            for record in rows {
                let (text, at) = cell(record, yc)
                let year = ReferenceCells.year(text)
                if year == nil, totalLabel(record) == nil { note(.error, .profileBadYear(text), at: at) }
                rowYear.append(year)
                if let year { years.insert(year) }
            }
        } else {
            let year = defaultYear ?? SchoolYear(start: 0)
            rowYear = rows.map { _ in year }
            if !rows.isEmpty { years.insert(year) }
            if !rows.isEmpty, let defaultYear {
                result.notes.append(.init(severity: .note, code: Message.profileNoYearColumn(year: defaultYear.description).code))
            }
        }
        result.years = years.sorted()

        // Rows in order: a row without a year is skipped (already reported), one without
        // an id or for a school and year already read is reported and skipped. A school's
        // name (empty: its id) and municipality are those of its first row.
        var schoolIndex: [String: Int] = [:]
        var lineOf: [Int: [SchoolYear: Int]] = [:]
        var firstNamed: [Int: (name: String, year: SchoolYear)] = [:]
        var latestNamed: [Int: (name: String, year: SchoolYear)] = [:]
        var warned: Set<Int> = []
        var rowMunicipality: [String] = []
        for (r, record) in rows.enumerated() {
            if let label = totalLabel(record) {
                note(.note, .profileTotalRowSkipped(label), at: record.start)
                continue
            }
            guard let year = rowYear[r] else { continue }
            let line = csv.location(record.start).line
            let (id, idAt) = cell(record, idColumn)
            if id.isEmpty {
                note(.error, .profileEmptyId, at: idAt)
                continue
            }
            let school: Int
            if let existing = schoolIndex[id] {
                if let first = lineOf[existing]?[year] {
                    note(.error, .profileDuplicateSchoolYear(id: id, year: year.description, line: first), at: idAt)
                    continue
                }
                school = existing
            } else {
                let name = builtin[.name].map { cell(record, $0).text } ?? ""
                let municipality = builtin[.municipality].map { cell(record, $0).text } ?? ""
                school = result.schools.count
                schoolIndex[id] = school
                result.schools.append(.init(id: id, name: name.isEmpty ? id : name, municipality: municipality))
            }
            lineOf[school, default: [:]][year] = line
            let (municipality, municipalityAt) = builtin[.municipality].map { cell(record, $0) } ?? ("", 0)
            rowMunicipality.append(municipality)
            if !ReferenceCells.isMissing(municipality) {
                if let first = firstNamed[school] {
                    if first.name != municipality, warned.insert(school).inserted {
                        note(.warning, .profileMunicipalityChanged(id: id, first: first.name, firstYear: first.year.description,
                                                                   other: municipality, year: year.description), at: municipalityAt)
                    }
                } else {
                    firstNamed[school] = (municipality, year)
                }
                if latestNamed[school].map({ $0.year < year }) ?? true { latestNamed[school] = (municipality, year) }
            }
            var values = [LoadedProfiles.Value](repeating: .missing, count: book.indicators.count)
            for (c, indicator) in mapped {
                let raw = c < record.fields.count ? record.fields[c].text : ""
                switch ReferenceCells.value(raw, indicator) {
                case .success(let v):
                    values[indicator.index] = v
                    if case .text(let t) = v, !result.texts.contains(t) { result.texts.append(t) }
                case .failure(let problem):
                    note(.error, problem.message, at: record.fields[c].start)
                }
            }
            result.rows.append(.init(school: school, year: year, line: line, municipality: "", values: values))
        }
        for (s, named) in latestNamed { result.schools[s].municipality = named.name }
        for r in result.rows.indices {
            let own = rowMunicipality[r]
            result.rows[r].municipality = ReferenceCells.isMissing(own) ? result.schools[result.rows[r].school].municipality : own
        }
        if result.rows.isEmpty {
            result.notes.append(.init(severity: .error, code: Message.profileNoRows.code))
        }
    }

    mutating func note(_ severity: Diagnostic.Severity, _ message: Message, at offset: Int) {
        result.notes.append(csv.note(at: offset, severity, message))
    }
}
