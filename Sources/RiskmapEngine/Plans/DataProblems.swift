import RiskmapLanguage

/// The problems found in the data a plan set was made from (the schools file, the
/// directory), worded in the plans' language: they travel with the outputs, listed on
/// the summary page, in the plan of each school they concern and in `manifest.json`, so
/// that nobody reads a plan without knowing what in its data was wrong.
public struct DataProblems: Sendable {
    public struct Problem: Sendable {
        public var severity: Diagnostic.Severity
        public var file: String
        /// 1-based line and column in the file (a sheet's row and column for a workbook).
        public var line: Int?
        public var column: Int?
        /// A workbook's cell (`Лист1!D7`).
        public var cell: String?
        /// The message's stable code (as in `--format json`).
        public var code: String
        public var message: String
        public var help: String?
        /// The plan (index in `PlanSet.schools`) of the school whose row it is in.
        public var school: Int?

        /// `tomsk.csv:12:5`, `tomsk.xlsx: Лист1!D7`, `tomsk.csv`.
        public var place: String {
            if let cell { return "\(file): \(cell)" }
            if let line, let column { return "\(file):\(line):\(column)" }
            return file
        }
    }

    public private(set) var items: [Problem] = []
    /// Per school plan: the indices of its problems in `items` (each school's plan looks
    /// its own up; a region has thousands of schools).
    private var ofSchool: [Int: [Int]] = [:]

    public init() {}

    /// The problems of `diagnostics`, each tied to the school of its row (by the row's line
    /// in `schoolsPath`) when that school has a plan; `rows`: the school plans' rows, in plan order.
    public init(_ diagnostics: [Diagnostic], schoolsPath: String, profiles: ProfileSet, rows: [Int], lang: Lang) {
        var planOfSchool: [Int32: Int] = [:]
        for (i, row) in rows.enumerated() { planOfSchool[profiles.rowSchool[row]] = i }
        var schoolOfLine: [Int32: Int32] = [:]
        for row in 0..<profiles.rowCount where profiles.rowLine[row] > 0 {
            schoolOfLine[profiles.rowLine[row]] = profiles.rowSchool[row]
        }
        items = diagnostics.map { d in
            var problem = Problem(severity: d.severity, file: d.path ?? "", code: d.message.code, message: d.message.text(lang),
                                  help: d.help?.text(lang))
            if let range = d.range {
                let start = range.startLocation
                problem.line = start.line
                if let sheet = range.file.sheet {
                    problem.column = sheet.column(at: range.start, line: start.line) + 1
                    problem.cell = range.cellName
                } else {
                    problem.column = start.column
                }
                if range.file.path == schoolsPath, let school = schoolOfLine[Int32(clamping: start.line)] {
                    problem.school = planOfSchool[school]
                }
            }
            return problem
        }
        for (i, problem) in items.enumerated() {
            if let school = problem.school { ofSchool[school, default: []].append(i) }
        }
    }

    /// The problems of some of the school plans (`schools`: their indices, in the new
    /// order), renumbered, with the problems of no school (a whole file's): a municipality's.
    func restricted(to schools: [Int]) -> DataProblems {
        var position: [Int: Int] = [:]
        for (k, i) in schools.enumerated() { position[i] = k }
        var out = DataProblems()
        for problem in items {
            var p = problem
            if let school = problem.school {
                guard let k = position[school] else { continue }
                p.school = k
                out.ofSchool[k, default: []].append(out.items.count)
            }
            out.items.append(p)
        }
        return out
    }

    public var isEmpty: Bool { items.isEmpty }
    public var errorCount: Int { items.filter { $0.severity == .error }.count }
    public var warningCount: Int { items.filter { $0.severity == .warning }.count }

    /// The problems of the school with plan `index`.
    public func school(_ index: Int) -> [Problem] { (ofSchool[index] ?? []).map { items[$0] } }
}
