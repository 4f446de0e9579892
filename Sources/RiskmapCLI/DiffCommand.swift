import Foundation
import RiskmapEngine
import RiskmapLanguage
import RiskmapPlatform

/// `riskmap diff`: the impact of a rule change (two rule books, one school year) or the
/// movement of schools between two school years (one rule book).
///
///     riskmap diff [RULES] [SCHOOLS] --old PATH|REV [--new PATH] [--year Y]
///     riskmap diff [RULES] [SCHOOLS] --year 2018/19 --year 2019/20
enum DiffCommand {
    static let formats = ["table", "md", "html", "csv", "json"]

    static func run(_ args: [String], _ context: CommandContext) -> ExitCode {
        let lang = context.lang
        // `--year` may be given twice (year over year); the parser keeps one value per option.
        var years: [String] = []
        var rest: [String] = []
        var i = 0
        while i < args.count {
            if args[i] == "--year", i + 1 < args.count, !args[i + 1].hasPrefix("--") {
                years.append(args[i + 1])
                i += 2
                continue
            }
            if args[i].hasPrefix("--year=") { years.append(String(args[i].dropFirst(7))); i += 1; continue }
            rest.append(args[i])
            i += 1
        }
        if years.count == 1 { rest += ["--year", years[0]] }
        guard var parsed = context.arguments(rest, .diff) else { return .usage }
        if parsed.positional.count > 0, parsed.values["rules"] == nil { parsed.values["rules"] = parsed.positional[0] }
        if parsed.positional.count > 1, parsed.values["schools"] == nil { parsed.values["schools"] = parsed.positional[1] }
        let format = parsed.values["format"] ?? "table"
        guard formats.contains(format) else {
            context.console.err(CLIText.badOptionValue("format", format, formats.joined(separator: ", "), command: "diff", lang))
            return .usage
        }
        if let refused = EngineCommands.refuseFolderOutput(parsed, context) { return refused }
        guard years.count <= 2 else {
            context.console.err(CLIText.diffTooManyYears(lang))
            return .usage
        }
        let diff: OutcomeDiff
        var dataErrors = false
        if years.count == 2 {
            guard parsed.values["old"] == nil, parsed.values["new"] == nil else {
                context.console.err(CLIText.diffYearsAndOld(lang))
                return .usage
            }
            guard years[0] != years[1] else {
                context.console.err(CLIText.diffSameYear(years[0], lang))
                return .usage
            }
            switch yearOverYear(parsed, years, context) {
            case .failure(let code): return code
            case .success(let (d, errors)): diff = d; dataErrors = errors
            }
        } else {
            guard let old = parsed.values["old"] else {
                context.console.err(CLIText.diffNeedsOld(lang))
                return .usage
            }
            switch ruleChange(parsed, old: old, context) {
            case .failure(let code): return code
            case .success(let (d, errors)): diff = d; dataErrors = errors
            }
        }
        let report = DiffReport(diff)
        let written = EngineCommands.write(parsed, context) { (sink: inout ByteSink) throws(ByteSink.Failure) in
            switch format {
            case "md": try sink.write(Array(report.markdown().utf8))
            case "html": try sink.write(Array(report.html().utf8))
            case "csv": try sink.write(report.csv())
            case "json": try sink.write(Array(report.json().utf8))
            default: try sink.write(Array(report.table().utf8))
            }
        }
        if let code = written { return code }
        return dataErrors ? .failure : .success
    }

    // MARK: - Two rule books

    static func ruleChange(_ parsed: Arguments, old oldSpec: String, _ context: CommandContext) -> Result<(OutcomeDiff, Bool), ExitCode> {
        let newPath = parsed.values["new"] ?? parsed.values["rules"] ?? "Rules"
        let oldSide: RuleBookSide
        if FileManager.default.fileExists(atPath: oldSpec) {
            oldSide = .path(oldSpec)
        } else {
            switch GitRevision.files(revision: oldSpec, rules: newPath) {
            case .success(let files): oldSide = .files(files, label: oldSpec)
            case .failure(let problem):
                context.console.err(CLIText.diffRevision(problem, revision: oldSpec, rules: newPath, context.lang))
                return .failure(.noInput)
            }
        }
        let newBook: LoadedBook, oldBook: LoadedBook
        switch loadBook(.path(newPath), side: .new, context) {
        case .failure(let code): return .failure(code)
        case .success(let b): newBook = b
        }
        switch loadBook(oldSide, side: .old, context) {
        case .failure(let code): return .failure(code)
        case .success(let b): oldBook = b
        }
        var parsedNew = parsed
        parsedNew.values["rules"] = newPath
        let loadedNew: EngineCommands.Loaded, loadedOld: EngineCommands.Loaded
        switch EngineCommands.load(parsedNew, context, purpose: .plans, command: "diff", book: newBook.book) {
        case .failure(let code): return .failure(code)
        case .success(let l): loadedNew = l
        }
        // The same file again for the old rule book: its diagnostics only if it fails.
        var quiet = context
        quiet.console = Console(capture: true)
        switch EngineCommands.load(parsedNew, quiet, purpose: .plans, command: "diff", book: oldBook.book) {
        case .failure(let code):
            context.console.err(CLIText.diffSide(true, oldSpec, context.lang) + quiet.console.standardError)
            return .failure(code)
        case .success(let l): loadedOld = l
        }
        let rules = RuleBookDiff(old: oldBook.book, oldSyntax: oldBook.syntax, new: newBook.book, newSyntax: newBook.syntax, lang: context.lang)
        let diff = OutcomeDiff(mode: .rules, old: .init(loadedOld.outcomes, yearIndex: loadedOld.yearIndex),
                               new: .init(loadedNew.outcomes, yearIndex: loadedNew.yearIndex), rules: rules, lang: context.lang)
        return .success((diff, loadedNew.dataErrors))
    }

    enum RuleBookSide {
        case path(String)
        case files([SourceFile], label: String)
    }

    enum Side { case old, new }

    struct LoadedBook {
        var book: CheckedRuleBook
        var syntax: RuleBookSyntax
    }

    static func loadBook(_ source: RuleBookSide, side: Side, _ context: CommandContext) -> Result<LoadedBook, ExitCode> {
        let files: [SourceFile]
        let label: String
        switch source {
        case .files(let f, let l):
            files = f
            label = l
        case .path(let path):
            label = path
            switch RuleBookLoader.load(path) {
            case .failure(.notFound(let p)):
                context.console.err(CLIText.diffSide(side == .old, label, context.lang))
                context.console.err(context.renderer.render(Diagnostic(.error, .pathNotFound(p), path: p, help: .rulesNotFoundHelp)))
                return .failure(.noInput)
            case .failure(.unreadable(let diagnostics)):
                context.console.err(CLIText.diffSide(side == .old, label, context.lang))
                context.console.err(context.renderer.render(diagnostics))
                return .failure(.noInput)
            case .success(let f):
                files = f
            }
        }
        let (book, diagnostics, syntax) = Checker.check(files: files)
        guard let book else {
            context.console.err(CLIText.diffSide(side == .old, label, context.lang))
            context.console.err(context.renderer.render(diagnostics.filter { $0.severity == .error }))
            return .failure(.failure)
        }
        return .success(LoadedBook(book: book, syntax: syntax))
    }

    // MARK: - Two school years

    static func yearOverYear(_ parsed: Arguments, _ years: [String], _ context: CommandContext) -> Result<(OutcomeDiff, Bool), ExitCode> {
        var parsed = parsed
        var indices: [Int] = []
        var loaded: EngineCommands.Loaded?
        for y in years {
            parsed.values["year"] = y
            if let l = loaded {
                guard let year = ProfileLoader.parseYear(y) else {
                    context.console.err(CLIText.badOptionValue("year", y, "2025/26", command: "diff", context.lang))
                    return .failure(.usage)
                }
                guard let i = l.outcomes.profiles.yearIndex(year) else {
                    let profiles = l.outcomes.profiles
                    context.console.err(context.renderer.render(Diagnostic(.error, .profileYearNotFound(year.description,
                        available: profiles.years.map(\.description).joined(separator: ", ")), path: l.schoolsPath)))
                    return .failure(.failure)
                }
                indices.append(i)
            } else {
                switch EngineCommands.load(parsed, context, purpose: .plans, command: "diff") {
                case .failure(let code): return .failure(code)
                case .success(let l): loaded = l; indices.append(l.yearIndex)
                }
            }
        }
        guard let loaded else { return .failure(.failure) }
        let diff = OutcomeDiff(mode: .years, old: .init(loaded.outcomes, yearIndex: indices[0]),
                               new: .init(loaded.outcomes, yearIndex: indices[1]),
                               rules: RuleBookDiff(book: loaded.outcomes.book), lang: context.lang)
        return .success((diff, loaded.dataErrors))
    }
}
