import RiskmapLanguage

/// Commands that evaluate a rule book (classify, explain, test).
enum EngineCommands {
    static func run(_ name: String, _ args: [String], _ context: CommandContext) -> ExitCode? {
        switch name {
        default: return nil
        }
    }
}

extension CLIText {
    static func engineHelp(_ command: String, _ lang: Lang) -> String? { nil }
}
