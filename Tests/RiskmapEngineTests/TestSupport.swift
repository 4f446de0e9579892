import Foundation
import Testing
@testable import RiskmapEngine
import RiskmapLanguage

/// Shared helpers for the engine tests: tiny rule books from strings, profile sets built
/// row by row, and lookups of statuses by code.

struct RuleBookError: Error, CustomStringConvertible {
    var description: String
}

/// Checks `text` as a one-file rule book; throws the rendered diagnostics on errors.
func checkedBook(_ text: String, path: String = "test.rules") throws -> CheckedRuleBook {
    let (book, diagnostics, _) = Checker.check(files: [SourceFile(path: path, text: text)])
    guard let book else {
        throw RuleBookError(description: DiagnosticRenderer(lang: .en).render(diagnostics))
    }
    return book
}

/// A cell value in a test profile.
enum V: Sendable, Equatable, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByStringLiteral, CustomStringConvertible
{
    case number(Double)
    case bool(Bool)
    /// A category value (by name) or a text value.
    case word(String)
    case missing

    init(floatLiteral value: Double) { self = .number(value) }
    init(integerLiteral value: Int) { self = .number(Double(value)) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(stringLiteral value: String) { self = .word(value) }

    var description: String {
        switch self {
        case .number(let v): return v == v.rounded() ? String(Int(v)) : String(v)
        case .bool(let b): return b ? "да" : "нет"
        case .word(let s): return s
        case .missing: return "∅"
        }
    }
}

func year(_ start: Int) -> SchoolYear { SchoolYear(start: start) }

/// One (school, year) row of test data.
struct TestRow {
    var id: String
    var municipality: String
    var year: SchoolYear
    var values: [String: V]

    init(_ id: String, _ year: SchoolYear, municipality: String = "M", _ values: [String: V]) {
        self.id = id
        self.municipality = municipality
        self.year = year
        self.values = values
    }

    /// A row of school year 2025/26.
    init(_ id: String, municipality: String = "M", _ values: [String: V]) {
        self.init(id, SchoolYear(start: 2025), municipality: municipality, values)
    }
}

/// Builds a profile set through the public `ProfileSet` API.
func makeProfiles(_ book: CheckedRuleBook, _ rows: [TestRow]) -> ProfileSet {
    let years = Array(Set(rows.map(\.year)))
    var profiles = ProfileSet(indicatorCount: book.indicators.count, years: years)
    for row in rows {
        let school = profiles.school(id: row.id, name: "Школа \(row.id)", municipality: row.municipality)
        let r = profiles.appendRow(school: school, yearIndex: profiles.yearIndex(row.year)!, line: 0)
        for (code, value) in row.values {
            guard let indicator = book.indicator(named: code) else {
                Issue.record("unknown indicator \(code)")
                continue
            }
            switch value {
            case .missing: break
            case .number(let v): profiles.set(indicator: indicator.index, row: r, value: v)
            case .bool(let b): profiles.set(indicator: indicator.index, row: r, value: b ? 1 : 0)
            case .word(let s):
                if indicator.kind == .category {
                    guard let i = indicator.categories.firstIndex(of: s) else {
                        Issue.record("\(code) has no category \(s)")
                        continue
                    }
                    profiles.set(indicator: indicator.index, row: r, value: Double(i))
                } else {
                    let v = profiles.intern(text: s)
                    profiles.set(indicator: indicator.index, row: r, value: v)
                }
            }
        }
    }
    profiles.finish()
    return profiles
}

/// A rule book and its evaluation over some rows, with lookups by code.
struct Evaluated {
    let book: CheckedRuleBook
    let profiles: ProfileSet
    let evaluation: Outcomes

    init(_ text: String, _ rows: [TestRow]) throws {
        self.init(book: try checkedBook(text), profiles: nil, rows: rows)
    }

    init(book: CheckedRuleBook, profiles: ProfileSet?, rows: [TestRow] = []) {
        self.book = book
        self.profiles = profiles ?? makeProfiles(book, rows)
        let complete = self.profiles.columns.isStored.allSatisfy { $0 }
        evaluation = Executor(Program(book: book)).run(self.profiles, measures: complete)
    }

    /// The starter rule book over the starter school profiles (2024/25 and 2025/26).
    /// The starter book over the starter schools; `keeping` as in `ProfileLoader.load`.
    static func starter(keeping: Set<Int>? = nil) throws -> Evaluated {
        let book = try starterBook()
        let path = packageRoot.appendingPathComponent("Tests/Fixtures/profiles/starter-schools.csv").path
        let bytes = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
        let (table, csvDiagnostics) = CSVReader.read(bytes: bytes, path: path)
        guard let table else { throw RuleBookError(description: "cannot read \(path)") }
        let (profiles, diagnostics) = ProfileLoader.load(table: table, book: book, defaultYear: nil, keeping: keeping)
        let all = csvDiagnostics + diagnostics
        if !all.isEmpty { throw RuleBookError(description: DiagnosticRenderer(lang: .en).render(all)) }
        return Evaluated(book: book, profiles: profiles)
    }

    func row(_ id: String, _ y: SchoolYear = SchoolYear(start: 2025)) -> Int {
        profiles.row(school: profiles.schoolIndex(id: id)!, yearIndex: profiles.yearIndex(y)!)!
    }

    func factor(_ code: String, _ id: String = "S", _ y: SchoolYear = SchoolYear(start: 2025)) -> Status {
        evaluation.factors[book.factor(named: code)!.index][row(id, y)]
    }

    func group(_ code: String, _ id: String = "S", _ y: SchoolYear = SchoolYear(start: 2025)) -> Status {
        evaluation.groups[book.groups.first { $0.code == code }!.index][row(id, y)]
    }

    /// The level code, "unknown" or "none".
    func level(_ scale: String, _ id: String = "S", _ y: SchoolYear = SchoolYear(start: 2025)) -> String {
        let s = book.scales.first { $0.code == scale }!
        let l = evaluation.levels[s.index][row(id, y)]
        if l >= 0 { return s.levels[Int(l)].code }
        return l == Outcomes.unknownLevel ? "unknown" : "none"
    }

    func measure(_ code: String, _ id: String = "S", _ y: SchoolYear = SchoolYear(start: 2025)) -> Bool {
        evaluation.measures[book.measures.first { $0.code == code }!.index][row(id, y)]
    }

    func explainer(_ lang: Lang = .ru) -> Explainer {
        Explainer(evaluation, lang: lang)
    }

    /// The reference evaluator over the same profiles, computing cohorts itself.
    var reference: ReferenceEvaluator { ReferenceEvaluator(book: book, profiles: profiles) }

    func explain(_ code: String, _ id: String = "S", _ y: SchoolYear = SchoolYear(start: 2025), lang: Lang = .ru) -> FactorExplanation {
        explainer(lang).factor(book.factor(named: code)!.index, row: row(id, y))
    }
}

/// The package root (…/main), from this file's path.
let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The starter rule book fixture, checked.
func starterBook() throws -> CheckedRuleBook {
    let folder = packageRoot.appendingPathComponent("Tests/Fixtures/starter").path
    guard case .success(let files) = RuleBookLoader.load(folder) else {
        throw RuleBookError(description: "cannot load \(folder)")
    }
    let (book, diagnostics, _) = Checker.check(files: files)
    guard let book else { throw RuleBookError(description: DiagnosticRenderer(lang: .en).render(diagnostics)) }
    return book
}
