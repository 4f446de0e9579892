import Foundation
import RiskmapEngine
import RiskmapLanguage
import RiskmapPlatform

/// Commands that evaluate a rule book: classify, explain, test.
enum EngineCommands {
    /// The shipped sample used when `--schools` is not given.
    static let defaultSchools = "Samples/tomsk.csv"

    static func run(_ name: String, _ args: [String], _ context: CommandContext) -> ExitCode? {
        switch name {
        case "classify": return classify(args, context)
        case "explain": return explain(args, context)
        case "test": return test(args, context)
        case "plan": return PlanCommand.run(args, context)
        case "diff": return DiffCommand.run(args, context)
        case "sweep": return SweepCommand.run(args, context)
        case "backtest": return BacktestCommand.run(args, context)
        default: return nil
        }
    }

    /// Rules + profiles + outcomes, shared by classify, explain and plan.
    struct Loaded {
        var outcomes: Outcomes
        var yearIndex: Int
        /// The schools file's diagnostics (under `--strict`, all errors).
        var diagnostics: [Diagnostic]
        var dataErrors: Bool { diagnostics.hasErrors }
        /// SHA-256 of the schools file as read (for the manifest; `plan` only).
        var schoolsSHA256: String?
        /// The schools file read, and the rule book.
        var schoolsPath: String
        var rulesPath: String
    }

    /// The session's steps for the command's options: the rule book, the schools file
    /// (`purpose` decides what is kept and evaluated), the school year.
    /// `book`: the rule book, already loaded (`diff` loads two).
    static func load(_ parsed: Arguments, _ context: CommandContext, purpose: Session.Purpose, command: String,
                     book preloaded: CheckedRuleBook? = nil) -> Result<Loaded, ExitCode> {
        let rulesPath = parsed.values["rules"] ?? "Rules"
        let (bookOrNil, code, _) = preloaded.map { ($0, ExitCode.success, [Diagnostic]()) }
            ?? context.loadRuleBook(rulesPath, printWarnings: false, missingHelp: .rulesNotFoundHelp)
        guard let book = bookOrNil else { return .failure(code) }
        var reading = Session.ReadOptions()
        if let d = parsed.values["delimiter"] {
            switch d {
            case ",", "comma": reading.csv.delimiter = UInt8(ascii: ",")
            case ";", "semicolon": reading.csv.delimiter = UInt8(ascii: ";")
            case "\\t", "tab", "\t": reading.csv.delimiter = UInt8(ascii: "\t")
            default:
                context.console.err(CLIText.badOptionValue("delimiter", d, ", ; tab", command: command, context.lang))
                return .failure(.usage)
            }
        }
        if let e = parsed.values["encoding"] {
            switch e.lowercased() {
            case "utf8", "utf-8": reading.csv.encoding = .utf8
            case "cp1251", "windows-1251", "1251": reading.csv.encoding = .cp1251
            default:
                context.console.err(CLIText.badOptionValue("encoding", e, "utf-8, cp1251", command: command, context.lang))
                return .failure(.usage)
            }
        }
        if let f = parsed.values["year-format"] {
            guard let format = YearFormat(rawValue: f.lowercased()) else {
                context.console.err(CLIText.badOptionValue("year-format", f, "calendar, school", command: command, context.lang))
                return .failure(.usage)
            }
            reading.yearFormat = format
        }
        reading.sheet = parsed.values["sheet"]
        var requestedYear: SchoolYear?
        if let y = parsed.values["year"] {
            guard let year = ProfileLoader.parseYear(y) else {
                context.console.err(CLIText.badOptionValue("year", y, "2025/26", command: command, context.lang))
                return .failure(.usage)
            }
            requestedYear = year
        }
        let session = Session(Program(book: book), purpose: purpose)
        let path = parsed.values["schools"] ?? defaultSchools
        let loaded: Session.Profiles
        let renderer = context.renderer
        switch session.profiles(at: path, reading: reading, defaultYear: requestedYear ?? book.header.year,
                                hashInput: purpose == .plans, progress: context.progress) {
        case .failure(.notFound(let p)):
            context.console.err(renderer.render(Diagnostic(.error, .pathNotFound(p), path: p, help: .schoolsNotFoundHelp)))
            return .failure(.noInput)
        case .failure(.unreadable(let p)):
            let message: Message = FileBytes.failureReason(p).map { .unreadableFileReason(path: p, reason: $0) } ?? .unreadableFile(p)
            context.console.err(renderer.render(Diagnostic(.error, message, path: p)))
            return .failure(.noInput)
        case .failure(.isFolder(let p)):
            context.console.err(renderer.render(Diagnostic(.error, .inputIsFolder(p), path: p, help: .schoolsNotFoundHelp)))
            return .failure(.noInput)
        case .failure(.notAWorkbook(let p)):
            context.console.err(CLIText.sheetNeedsWorkbook(p, context.lang))
            return .failure(.usage)
        case .success(let l):
            loaded = l
        }
        var diagnostics = loaded.diagnostics
        if parsed.flags.contains("strict") { diagnostics = diagnostics.map { var d = $0; if d.severity == .warning { d.severity = .error }; return d } }
        context.console.err(renderer.render(diagnostics, perKind: DiagnosticRenderer.perKindOnTerminal))
        let profiles = loaded.profiles
        guard loaded.isTable, profiles.rowCount > 0 else { return .failure(.failure) }
        let yearIndex: Int
        if let y = requestedYear {
            guard let i = profiles.yearIndex(y) else {
                context.console.err(renderer.render(Diagnostic(.error, .profileYearNotFound(y.description,
                    available: profiles.years.map(\.description).joined(separator: ", ")), path: path)))
                return .failure(.failure)
            }
            yearIndex = i
        } else {
            yearIndex = profiles.years.count - 1
        }
        return .success(Loaded(outcomes: session.run(profiles, progress: context.progress), yearIndex: yearIndex,
                               diagnostics: diagnostics, schoolsSHA256: loaded.sha256, schoolsPath: path, rulesPath: rulesPath))
    }

    // MARK: - classify

    static func classify(_ args: [String], _ context: CommandContext) -> ExitCode {
        guard let parsed = context.arguments(args, .classify) else { return .usage }
        let format = parsed.values["format"] ?? "table"
        guard ["table", "csv", "json"].contains(format) else {
            context.console.err(CLIText.badOptionValue("format", format, "table, csv, json", command: "classify", context.lang))
            return .usage
        }
        if let refused = refuseFolderOutput(parsed, context) { return refused }
        let loaded: Loaded
        switch load(parsed, context, purpose: .classification, command: "classify") {
        case .failure(let code): return code
        case .success(let l): loaded = l
        }
        let report = ClassificationReport(loaded.outcomes,
                                          yearIndex: loaded.yearIndex, lang: context.lang)
        let written = write(parsed, context, direct: Tuning.default.directWrites) { (sink: inout ByteSink) throws(ByteSink.Failure) in
            switch format {
            case "csv": try report.writeCSV(to: &sink)
            case "json": try report.writeJSON(to: &sink)
            default: try sink.write(Array(report.table().utf8))
            }
        }
        if let code = written { return code }
        return loaded.dataErrors ? .failure : .success
    }

    // MARK: - explain

    static func explain(_ args: [String], _ context: CommandContext) -> ExitCode {
        guard let parsed = context.arguments(args, .explain), let query = parsed.positional.first else { return .usage }
        let loaded: Loaded
        switch load(parsed, context, purpose: .plans, command: "explain") {
        case .failure(let code): return code
        case .success(let l): loaded = l
        }
        let profiles = loaded.outcomes.profiles
        let rows = profiles.rows(inYear: loaded.yearIndex)
        let schools = rows.map { profiles.schools[Int(profiles.rowSchool[$0])] }
        var matches = rows.indices.filter { schools[$0].id == query }
        if matches.isEmpty {
            let needle = query.lowercased()
            matches = rows.indices.filter { schools[$0].name.lowercased().contains(needle) }
        }
        guard matches.count == 1 else {
            let message: Message = matches.isEmpty ? .schoolNotFound(query)
                : .schoolAmbiguous(query, candidates: matches.prefix(8).map { "\(schools[$0].id) «\(schools[$0].name)»" }.joined(separator: ", "))
            context.console.err(context.renderer.render(Diagnostic(.error, message, path: parsed.values["schools"] ?? defaultSchools)))
            return .failure
        }
        let report = ClassificationReport(loaded.outcomes,
                                          yearIndex: loaded.yearIndex, lang: context.lang)
        context.console.out(report.explain(row: rows[matches[0]]))
        return loaded.dataErrors ? .failure : .success
    }

    // MARK: - test

    static func test(_ args: [String], _ context: CommandContext) -> ExitCode {
        guard let parsed = context.arguments(args, .test) else { return .usage }
        let (bookOrNil, code, _) = context.loadRuleBook(parsed.positional.first ?? "Rules", printWarnings: false,
                                                        missingHelp: .rulesArgumentHelp(command: "test"))
        guard let book = bookOrNil else { return code }
        let runner = ExampleRunner(book: book, lang: context.lang)
        let outcomes = runner.runAll()
        let lang = context.lang
        for outcome in outcomes where !outcome.passed {
            let loc = outcome.example.declRange.startLocation
            context.console.out(CLIText.exampleFailed(outcome.example.title, "\(outcome.example.declRange.file.path):\(loc.line):\(loc.column)", lang))
            for m in outcome.mismatches {
                context.console.out(CLIText.exampleMismatch(expected: m.expected, actual: m.actual, trace: m.trace, lang))
            }
        }
        let failed = outcomes.filter { !$0.passed }.count
        context.console.out(CLIText.testSummary(passed: outcomes.count - failed, failed: failed, lang))
        let coverage = runner.coverage()
        context.console.out(CLIText.coverage(coverage, lang))
        return failed > 0 ? .failure : .success
    }
}

extension CLIText {
    static func exampleFailed(_ title: String, _ location: String, _ lang: Lang) -> String {
        lang == .ru ? "НЕ ПРОЙДЕН: пример «\(title)» (\(location))\n" : "FAILED: example '\(title)' (\(location))\n"
    }

    static func exampleMismatch(expected: String, actual: String, trace: String, _ lang: Lang) -> String {
        var out = lang == .ru ? "  ожидалось: \(expected)\n  получено:  \(actual)\n" : "  expected: \(expected)\n  actual:   \(actual)\n"
        if !trace.isEmpty { out += (lang == .ru ? "  обоснование: " : "  because: ") + trace + "\n" }
        return out
    }

    static func testSummary(passed: Int, failed: Int, _ lang: Lang) -> String {
        switch lang {
        case .ru:
            return "Примеры: \(passed) \(Plural.russian(passed, "пройден", "пройдено", "пройдено")), \(failed) не \(Plural.russian(failed, "пройден", "пройдено", "пройдено"))\n"
        case .en:
            return "\(passed) passed, \(failed) failed\n"
        }
    }

    static func coverage(_ c: ExampleRunner.Coverage, _ lang: Lang) -> String {
        if c.isComplete {
            return lang == .ru ? "Покрытие: все факторы, уровни, группы и меры проверены примерами.\n"
                               : "Coverage: every factor, level, group and measure is exercised by an example.\n"
        }
        var out = lang == .ru ? "Не проверены примерами:\n" : "Not exercised by any example:\n"
        let parts: [(String, String, [String])] = [
            ("факторы", "factors", c.factors), ("уровни", "levels", c.levels),
            ("группы", "groups", c.groups), ("меры", "measures", c.measures),
        ]
        for (ru, en, items) in parts where !items.isEmpty {
            out += "  \(lang == .ru ? ru : en) (\(items.count)): \(items.joined(separator: ", "))\n"
        }
        return out
    }
}
