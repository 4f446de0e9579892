import RiskmapLanguage

/// A small command-line parser: positional arguments, `--name value`, `--name=value`
/// and boolean flags. Unknown options are usage errors.
public struct Arguments: Sendable {
    public var positional: [String] = []
    public var values: [String: String] = [:]
    public var flags: Set<String> = []

    public struct UsageError: Error, Sendable {
        public var text: String
    }

    /// `valued` options take a value; `boolean` ones do not.
    public static func parse(_ args: [String], valued: Set<String>, boolean: Set<String>) throws(UsageError) -> Arguments {
        var result = Arguments()
        var i = 0
        while i < args.count {
            let arg = args[i]
            if arg == "--" {
                result.positional += args[(i + 1)...]
                break
            }
            if arg.hasPrefix("--") {
                var name = String(arg.dropFirst(2))
                var value: String?
                if let eq = name.firstIndex(of: "=") {
                    value = String(name[name.index(after: eq)...])
                    name = String(name[..<eq])
                }
                if boolean.contains(name) {
                    guard value == nil else { throw UsageError(text: "--\(name)") }
                    result.flags.insert(name)
                } else if valued.contains(name) {
                    if value == nil {
                        i += 1
                        guard i < args.count else { throw UsageError(text: "--\(name)") }
                        value = args[i]
                    }
                    result.values[name] = value
                } else {
                    throw UsageError(text: arg)
                }
            } else if arg.hasPrefix("-") && arg.count > 1 && arg != "-h" {
                throw UsageError(text: arg)
            } else if arg == "-h" {
                result.flags.insert("help")
            } else {
                result.positional.append(arg)
            }
            i += 1
        }
        return result
    }
}
