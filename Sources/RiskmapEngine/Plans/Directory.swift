import RiskmapLanguage

/// Who fills each role in each municipality, read from a CSV with the columns
/// `municipality`, `role`, `who` (Russian headers «Муниципалитет», «Роль», «Исполнитель»
/// also work). A row with an empty municipality applies to every municipality that has no
/// row of its own for the role. A role may have several rows (one body or position each):
/// all of them fill it, in the file's order.
public struct Directory: Sendable {
    private var entries: [String: [String]] = [:]

    public init() {}

    private static func key(_ municipality: String, _ role: String) -> String { municipality + "\u{1F}" + role }

    /// The organisations or positions filling a role in a municipality, in the file's order;
    /// empty if the directory names none.
    public func who(role: String, municipality: String) -> [String] {
        entries[Directory.key(municipality, role)] ?? entries[Directory.key("", role)] ?? []
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
            if !who.isEmpty, !(directory.entries[key(municipality, role)] ?? []).contains(who) {
                directory.entries[key(municipality, role), default: []].append(who)
            }
        }
        return (directory, diagnostics)
    }
}
