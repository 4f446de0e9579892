import RiskmapEngine
import RiskmapLanguage
import RiskmapPlatform

/// `riskmap fmt [DIR|FILE] [--check]`
enum FormatCommand {
    static func run(_ args: [String], _ context: CommandContext) -> ExitCode {
        guard let parsed = context.arguments(args, .fmt) else { return .usage }
        let checkOnly = parsed.flags.contains("check")
        let path = parsed.positional.first ?? "Rules"
        let files: [SourceFile]
        switch RuleBookLoader.load(path) {
        case .failure(.notFound(let p)):
            context.console.err(context.renderer.render(Diagnostic(.error, .pathNotFound(p), path: p, help: .rulesArgumentHelp(command: "fmt"))))
            return .noInput
        case .failure(.unreadable(let diagnostics)):
            context.console.err(context.renderer.render(diagnostics))
            return .noInput
        case .success(let f):
            files = f
        }
        var changed = 0
        var failed = false
        for file in files {
            let (syntax, diagnostics) = Parser.parse(file)
            if diagnostics.hasErrors {
                // Never rewrite a file we could not read completely.
                context.console.err(context.renderer.render(diagnostics.sortedByPosition()))
                failed = true
                continue
            }
            let formatted = Formatter.format(syntax)
            guard formatted.utf8.elementsEqual(file.bytes) == false else { continue }
            // Safety net: the formatted text must mean exactly what the original meant.
            let (reparsed, again) = Parser.parse(SourceFile(path: file.path, text: formatted))
            guard !again.hasErrors, SyntaxDump.file(reparsed) == SyntaxDump.file(syntax) else {
                context.console.err(CLIText.formatterBug(file.path, context.lang))
                failed = true
                continue
            }
            changed += 1
            if checkOnly {
                context.console.out(CLIText.wouldReformat(file.path, context.lang))
            } else {
                do {
                    try AtomicWriter.write(formatted, to: file.path)
                    context.console.out(CLIText.reformatted(file.path, context.lang))
                } catch {
                    context.console.err(CLIText.cannotWrite(error.description, context.lang))
                    return .cannotWrite
                }
            }
        }
        context.console.err(CLIText.fmtSummary(changed: changed, total: files.count, check: checkOnly, context.lang))
        if failed { return .failure }
        return checkOnly && changed > 0 ? .failure : .success
    }
}
