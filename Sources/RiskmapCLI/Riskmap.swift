import RiskmapEngine
import RiskmapLanguage

/// The `riskmap` command line: picks the command and maps results to exit codes.
/// `main.swift` only calls `Riskmap.run`.
public enum Riskmap {
    public static func run(_ args: [String], environment: [String: String], console: Console) -> Int32 {
        let lang = language(args, environment)
        guard let first = args.first else {
            console.err(CLIText.help(nil, lang))
            return ExitCode.usage.rawValue
        }
        if first == "--help" || first == "-h" || first == "help" {
            console.out(CLIText.help(args.dropFirst().first, lang))
            return ExitCode.success.rawValue
        }
        if first == "--version" || first == "version" {
            console.out("riskmap \(CLIText.version)\n")
            return ExitCode.success.rawValue
        }
        let rest = Array(args.dropFirst())
        if rest.contains("--help") || rest.contains("-h") {
            console.out(CLIText.help(first, lang))
            return ExitCode.success.rawValue
        }
        let display = ["classify", "explain", "plan", "diff"].contains(first)
            ? ProgressDisplay.start(console: console, lang: lang, environment: environment) : nil
        defer { display?.stop() }
        let context = CommandContext(console: console, lang: lang, environment: environment, progress: display?.progress)
        let code: ExitCode
        switch first {
        case "check": code = CheckCommand.run(rest, context)
        case "fmt": code = FormatCommand.run(rest, context)
        default:
            if let engineCode = EngineCommands.run(first, rest, context) {
                code = engineCode
            } else {
                let suggestion = Suggestion.closest(to: first, among: CommandSpec.all.map(\.name))
                console.err(CLIText.unknownCommand(first, suggestion: suggestion, lang))
                code = .usage
            }
        }
        return code.rawValue
    }

    /// `--lang` wins; otherwise English when LANG (or LC_ALL, LC_MESSAGES) starts with `en`.
    static func language(_ args: [String], _ environment: [String: String]) -> Lang {
        for (i, arg) in args.enumerated() {
            if arg.hasPrefix("--lang=") { return Lang(rawValue: String(arg.dropFirst(7))) ?? .ru }
            if arg == "--lang", i + 1 < args.count { return Lang(rawValue: args[i + 1]) ?? .ru }
        }
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[key], !value.isEmpty {
                return value.hasPrefix("en") ? .en : .ru
            }
        }
        return .ru
    }
}

/// What every command gets.
public struct CommandContext: Sendable {
    public var console: Console
    public var lang: Lang
    public var environment: [String: String]
    /// What the run counts for the progress display (nil: none is shown).
    var progress: RunProgress?

    /// Parses the command's arguments (`--lang` is common to all); prints what is wrong
    /// and returns nil when they are not right.
    func arguments(_ args: [String], _ spec: CommandSpec) -> Arguments? {
        do {
            let parsed = try Arguments.parse(args, spec)
            if let l = parsed.values["lang"], Lang(rawValue: l) == nil {
                console.err(CLIText.badOptionValue("lang", l, "ru, en", command: spec.name, lang))
                return nil
            }
            return parsed
        } catch {
            console.err(CLIText.usage(error, command: spec.name, lang))
            return nil
        }
    }

    var renderer: DiagnosticRenderer { DiagnosticRenderer(lang: lang) }

    /// Loads and checks a rule book; prints diagnostics unless `quiet`. `missingHelp`: what
    /// to suggest when the path does not exist.
    func loadRuleBook(_ path: String, printWarnings: Bool = true, missingHelp: Message? = nil) -> (CheckedRuleBook?, ExitCode, [Diagnostic]) {
        switch Session.ruleBook(at: path) {
        case .failure(.notFound(let p)):
            console.err(renderer.render(Diagnostic(.error, .pathNotFound(p), path: p, help: missingHelp)))
            return (nil, .noInput, [])
        case .failure(.unreadable(let diagnostics)):
            console.err(renderer.render(diagnostics))
            return (nil, .noInput, diagnostics)
        case .success(let (book, diagnostics)):
            let shown = printWarnings ? diagnostics : diagnostics.filter { $0.severity == .error }
            console.err(renderer.render(shown))
            return (book, book == nil ? .failure : .success, diagnostics)
        }
    }
}
