import RiskmapLanguage

/// The judgements of an official list or a document that `riskmap backtest` compares with:
/// a CSV (any dialect the schools loader reads) with the columns `school_id`, `year`,
/// `group` (a group's code or title) and optionally `member` (`да`/`нет`, default `да`:
/// the document lists the school in the group) and `source` (where the judgement is).
public struct ExpectedList: Sendable {
    public struct Judgement: Sendable, Equatable {
        public var schoolID: String
        public var year: SchoolYear
        public var group: Int
        public var member: Bool
        public var source: String
        public var line: Int
    }

    public var judgements: [Judgement] = []

    public init(judgements: [Judgement] = []) { self.judgements = judgements }

    static let columns: [String: [String]] = [
        "school_id": ["school_id", "код оо", "код школы", "id"],
        "year": ["year", "учебный год", "год"],
        "group": ["group", "группа"],
        "member": ["member", "входит"],
        "source": ["source", "источник", "основание"],
    ]

    /// Reads `table` against `book`; rows with errors are left out and reported.
    public static func read(_ table: CSVTable, book: CheckedRuleBook) -> (ExpectedList, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var column: [String: Int] = [:]
        for c in 0..<table.columnCount {
            let header = CellParser.trimmed(Substring(table.header(c))).lowercased()
            for (name, spellings) in columns where spellings.contains(header) && column[name] == nil { column[name] = c }
        }
        guard let idColumn = column["school_id"], let yearColumn = column["year"], let groupColumn = column["group"] else {
            return (ExpectedList(), [Diagnostic(.error, .expectedColumns, path: table.source.path)])
        }
        var list = ExpectedList()
        var seen: [String: Int] = [:]
        for row in 0..<table.rowCount {
            func cell(_ c: Int?) -> String? {
                guard let c, c < table.fieldCount(row: row) else { return nil }
                return CellParser.trimmed(Substring(table.field(row: row, column: c)))
            }
            let id = cell(idColumn) ?? "", yearText = cell(yearColumn) ?? "", groupText = cell(groupColumn) ?? ""
            if id.isEmpty && yearText.isEmpty && groupText.isEmpty { continue }
            guard !id.isEmpty else {
                diagnostics.append(.error(.profileEmptyId, at: table.fieldRange(row: row, column: idColumn)))
                continue
            }
            guard let year = ProfileLoader.parseYear(yearText) else {
                diagnostics.append(.error(.profileBadYear(yearText), at: table.fieldRange(row: row, column: yearColumn), help: .profileYearHelp))
                continue
            }
            guard let group = book.groups.first(where: { $0.code == groupText || $0.title.lowercased() == groupText.lowercased() }) else {
                diagnostics.append(.error(.expectedUnknownGroup(groupText, known: book.groups.map(\.code).joined(separator: ", ")),
                                          at: table.fieldRange(row: row, column: groupColumn)))
                continue
            }
            var member = true
            if let m = cell(column["member"]), !m.isEmpty {
                switch m.lowercased() {
                case "да", "yes", "true", "1", "+": member = true
                case "нет", "no", "false", "0", "-": member = false
                default:
                    diagnostics.append(.error(.expectedBadMember(m), at: table.fieldRange(row: row, column: column["member"]!)))
                    continue
                }
            }
            let line = table.line(ofRow: row)
            let key = "\(id)\u{0}\(year)\u{0}\(group.index)"
            if let first = seen[key] {
                diagnostics.append(.warning(.expectedDuplicate(id: id, year: year.description, group: group.code, line: first), at: table.rowRange(row)))
                continue
            }
            seen[key] = line
            list.judgements.append(Judgement(schoolID: id, year: year, group: group.index, member: member, source: cell(column["source"]) ?? "", line: line))
        }
        return (list, diagnostics)
    }
}
