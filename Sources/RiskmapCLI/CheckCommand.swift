import RiskmapLanguage

/// `riskmap check [DIR] [--format text|json]`
enum CheckCommand {
    static func run(_ args: [String], _ context: CommandContext) -> ExitCode {
        guard let parsed = context.arguments(args, .check) else { return .usage }
        let format = parsed.values["format"] ?? "text"
        guard format == "text" || format == "json" else {
            context.console.err(CLIText.badOptionValue("format", format, "text, json", command: "check", context.lang))
            return .usage
        }
        let path = parsed.positional.first ?? "Rules"
        let renderer = context.renderer
        switch RuleBookLoader.load(path) {
        case .failure(.notFound(let p)):
            let d = Diagnostic(.error, .pathNotFound(p), path: p, help: .rulesArgumentHelp(command: "check"))
            if format == "json" { context.console.out(renderer.json([d])) } else { context.console.err(renderer.render(d)) }
            return .noInput
        case .failure(.unreadable(let diagnostics)):
            if format == "json" { context.console.out(renderer.json(diagnostics)) } else { context.console.err(renderer.render(diagnostics)) }
            return .noInput
        case .success(let files):
            let (book, diagnostics, _) = Checker.check(files: files)
            if format == "json" {
                context.console.out(renderer.json(diagnostics))
            } else {
                context.console.err(renderer.render(diagnostics))
                context.console.err(CLIText.checkSummary(book, files: files.count, renderer.summary(diagnostics), context.lang))
            }
            return diagnostics.hasErrors ? .failure : .success
        }
    }
}
