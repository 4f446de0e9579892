import RiskmapLanguage

/// A small command-line parser: positional arguments, `--name value`, `--name=value`
/// and boolean flags, against a command's `CommandSpec`. Every mistake is a `UsageError`
/// that says what is wrong (and `CLIText.usage` what to type instead).
public struct Arguments: Sendable {
    public var positional: [String] = []
    public var values: [String: String] = [:]
    public var flags: Set<String> = []

    /// What is wrong with a command line.
    public enum UsageError: Error, Sendable, Equatable {
        /// `--fromat`: not an option of this command (`suggestion`: the closest one;
        /// `elsewhere`: a command that has it).
        case unknownOption(String, suggestion: String?, elsewhere: String?)
        /// `--out` at the end, or followed by another option (`next`).
        case missingValue(option: String, next: String?)
        /// `--strict=yes`: a flag takes no value.
        case unexpectedValue(option: String)
        /// A positional argument the command does not take.
        case unexpectedArgument(String, hint: Hint?)
        /// A required positional argument is missing (`explain` without a school).
        case missingArgument(String)
    }

    /// What an unexpected positional argument probably meant.
    public enum Hint: Sendable, Equatable {
        /// It looks like a table file: `--schools FILE`.
        case schoolsFile
        /// It looks like a rules folder or file: `--rules DIR`.
        case rulesFolder
    }

    /// Parses `args` for `spec` (the common `--lang` is always accepted).
    static func parse(_ args: [String], _ spec: CommandSpec) throws(UsageError) -> Arguments {
        let valued = spec.valued.union(["lang"])
        var result = Arguments()
        var i = 0
        while i < args.count {
            let arg = args[i]
            if arg == "--" {
                for rest in args[(i + 1)...] { try result.addPositional(rest, spec) }
                break
            }
            if arg.hasPrefix("--") {
                var name = String(arg.dropFirst(2))
                var value: String?
                if let eq = name.firstIndex(of: "=") {
                    value = String(name[name.index(after: eq)...])
                    name = String(name[..<eq])
                }
                if spec.boolean.contains(name) {
                    guard value == nil else { throw .unexpectedValue(option: "--\(name)") }
                    result.flags.insert(name)
                } else if valued.contains(name) {
                    if value == nil {
                        // The next argument is the value, unless there is none or it is an option.
                        guard i + 1 < args.count, !args[i + 1].hasPrefix("--") else {
                            throw .missingValue(option: "--\(name)", next: i + 1 < args.count ? args[i + 1] : nil)
                        }
                        i += 1
                        value = args[i]
                    }
                    result.values[name] = value
                } else {
                    throw unknown("--\(name)", spec)
                }
            } else if arg == "-h" {
                result.flags.insert("help")
            } else if arg.hasPrefix("-") && arg.count > 1 {
                throw unknown(arg, spec)
            } else {
                try result.addPositional(arg, spec)
            }
            i += 1
        }
        if result.positional.count < spec.requiredPositionals, let name = spec.positionalName {
            throw .missingArgument(name)
        }
        return result
    }

    private mutating func addPositional(_ arg: String, _ spec: CommandSpec) throws(UsageError) {
        guard positional.count < spec.maxPositionals else {
            throw .unexpectedArgument(arg, hint: Self.hint(for: arg, spec))
        }
        positional.append(arg)
    }

    /// `--fromat` → «--format»; an option of another command is named with it.
    private static func unknown(_ option: String, _ spec: CommandSpec) -> UsageError {
        let name = String(option.drop { $0 == "-" })
        let own = spec.valued.union(spec.boolean).union(["lang", "help"]).sorted()
        let suggestion = Suggestion.closest(to: name, among: own).map { "--" + $0 }
        let elsewhere = suggestion == nil
            ? CommandSpec.all.first { $0.name != spec.name && ($0.valued.contains(name) || $0.boolean.contains(name)) }?.name
            : nil
        return .unknownOption(option, suggestion: suggestion, elsewhere: elsewhere)
    }

    /// What an unexpected positional argument looks like: a table file or a rules folder.
    static func hint(for arg: String, _ spec: CommandSpec) -> Hint? {
        let lower = arg.lowercased()
        if spec.readsSchools, [".csv", ".xlsx", ".xls", ".tsv", ".txt", ".ods"].contains(where: { lower.hasSuffix($0) }) {
            return .schoolsFile
        }
        if spec.readsSchools, lower.hasSuffix(".rules") || lower == "rules" || lower.hasSuffix("/rules") || lower.hasSuffix("/rules/") {
            return .rulesFolder
        }
        return nil
    }
}

/// What a command accepts: its options, how many positional arguments, whether it reads a
/// schools file (for hints).
struct CommandSpec: Sendable {
    var name: String
    var valued: Set<String> = []
    var boolean: Set<String> = []
    var maxPositionals = 0
    var requiredPositionals = 0
    /// How the help names the positional argument («ПАПКА», «ШКОЛА»), when there is one.
    var positionalName: String?
    var readsSchools = false

    /// Options of every command that reads the schools file.
    static let dataOptions: Set<String> = ["rules", "schools", "sheet", "year", "year-format", "delimiter", "encoding"]

    static let check = CommandSpec(name: "check", valued: ["format"], maxPositionals: 1, positionalName: "DIR")
    static let fmt = CommandSpec(name: "fmt", boolean: ["check"], maxPositionals: 1, positionalName: "DIR")
    static let test = CommandSpec(name: "test", maxPositionals: 1, positionalName: "DIR")
    static let classify = CommandSpec(name: "classify", valued: dataOptions.union(["format", "out"]), boolean: ["strict"],
                                      readsSchools: true)
    static let explain = CommandSpec(name: "explain", valued: dataOptions, boolean: ["strict"], maxPositionals: 1,
                                     requiredPositionals: 1, positionalName: "SCHOOL", readsSchools: true)
    static let plan = CommandSpec(name: "plan", valued: dataOptions.union(["out", "directory", "plan-year", "municipality", "compare-with"]), boolean: ["strict"],
                                  readsSchools: true)

    static let diff = CommandSpec(name: "diff", valued: dataOptions.union(["old", "new", "format", "out"]), boolean: ["strict"],
                                  maxPositionals: 2, positionalName: "RULES SCHOOLS", readsSchools: true)

    /// `sweep [RULES] [SCHOOLS] PARAM=FROM..TO [step S] [PARAM2=…]`: the positionals are read by `SweepCommand`.
    static let sweep = CommandSpec(name: "sweep", valued: dataOptions.union(["format", "out"]), boolean: ["strict"], maxPositionals: 12,
                                   requiredPositionals: 1, positionalName: "PARAM=FROM..TO", readsSchools: true)

    static let backtest = CommandSpec(name: "backtest", valued: dataOptions.union(["format", "out", "expected"]), boolean: ["strict"],
                                      maxPositionals: 2, positionalName: "RULES SCHOOLS", readsSchools: true)

    static let all: [CommandSpec] = [check, fmt, classify, explain, plan, test, diff, sweep, backtest]
}
