import RiskmapLanguage

/// Who fills each role in each municipality, read from a CSV with the columns
/// `municipality`, `role`, `who` (Russian headers «Муниципалитет», «Роль», «Исполнитель»
/// also work). A row with an empty municipality applies to every municipality that has no
/// row of its own for the role. A role may have several rows (one body or position each):
/// all of them fill it, in the file's order.
///
/// An optional `school` column («Школы», «Код школы») names the schools a row is for (ids,
/// separated by commas): a school's curator or mentor is one body, not every curator of
/// the municipality. A school's plan takes the rows naming the school, else the rows
/// naming no school; the municipal roadmap takes them all.
public struct Directory: Sendable {
    struct Entry: Sendable {
        var who: String
        /// The schools the row is for (empty: every school).
        var schools: Set<String>
    }

    private var entries: [String: [Entry]] = [:]
    /// Every school some row names in its `school` column.
    private var namedSchools: Set<String> = []

    /// Whether some row names `school`: if not, who fills a role for it is who fills it for
    /// every school of its municipality (the planner shares those lists between schools).
    public func namesSchool(_ school: String) -> Bool { namedSchools.contains(school) }

    public init() {}

    private static func key(_ municipality: String, _ role: String) -> String { municipality + "\u{1F}" + role }

    /// The organisations or positions filling a role in a municipality (for `school`, or for
    /// the municipality as a whole when nil), in the file's order; empty if the directory
    /// names none.
    public func who(role: String, municipality: String, school: String? = nil) -> [String] {
        guard let rows = entries[Directory.key(municipality, role)] ?? entries[Directory.key("", role)] else { return [] }
        let general = rows.filter(\.schools.isEmpty)
        guard let school else { return rows.map(\.who) }
        let own = rows.filter { $0.schools.contains(school) }
        return (own.isEmpty ? general : own).map(\.who)
    }

    /// The rows of a role that name `school` in their `school` column, in the file's order
    /// (rows for every school left out).
    public func who(role: String, municipality: String, onlyFor school: String) -> [String] {
        guard let rows = entries[Directory.key(municipality, role)] ?? entries[Directory.key("", role)] else { return [] }
        return rows.filter { $0.schools.contains(school) }.map(\.who)
    }

    public static func load(table: CSVTable, book: CheckedRuleBook) -> (Directory, [Diagnostic]) {
        var directory = Directory()
        var diagnostics: [Diagnostic] = []
        func column(_ names: [String]) -> Int? {
            (0..<table.columnCount).first { names.contains(ProfileLoader.normalize(table.header($0))) }
        }
        guard let roleColumn = column(["role", "роль", "код роли"]),
              let whoColumn = column(["who", "исполнитель", "кто", "ответственный", "организация"]) else {
            diagnostics.append(Diagnostic(.error, .directoryColumns, path: table.source.path))
            return (directory, diagnostics)
        }
        let municipalityColumn = column(["municipality", "муниципалитет", "муниципальное образование", "район"])
        let schoolColumn = column(["school", "schools", "school_id", "школа", "школы", "код школы", "коды школ"])
        let roles = Set(book.roles.map(\.code))
        for row in 0..<table.rowCount {
            let role = CellParser.trimmed(table.field(row: row, column: roleColumn))
            let who = CellParser.trimmed(table.field(row: row, column: whoColumn))
            let municipality = municipalityColumn.map { CellParser.trimmed(table.field(row: row, column: $0)) } ?? ""
            if role.isEmpty && who.isEmpty { continue }
            guard roles.contains(role) else {
                diagnostics.append(.warning(.unknownRole(role), at: table.fieldRange(row: row, column: roleColumn),
                                            help: Suggestion.closest(to: role, among: book.roles.map(\.code)).map { .didYouMean($0) }))
                continue
            }
            let schools = schoolColumn.map { c in
                Set(table.field(row: row, column: c).split(separator: ",").map { CellParser.trimmed(String($0)) }.filter { !$0.isEmpty })
            } ?? []
            if !who.isEmpty, !(directory.entries[key(municipality, role)] ?? []).contains(where: { $0.who == who && $0.schools == schools }) {
                directory.entries[key(municipality, role), default: []].append(Entry(who: who, schools: schools))
                directory.namedSchools.formUnion(schools)
            }
        }
        return (directory, diagnostics)
    }
}
