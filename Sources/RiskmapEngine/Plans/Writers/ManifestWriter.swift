import RiskmapLanguage
import RiskmapPlatform

/// `manifest.json`: what produced a run, so an auditor can reproduce it. No timestamps:
/// the same inputs give the same bytes.
public enum ManifestWriter {
    /// An input file: its role, its path and the SHA-256 of the bytes that were read
    /// from it (and evaluated).
    public struct Input: Sendable {
        public var role: String
        public var path: String
        public var sha256: String

        public init(role: String, path: String, sha256: String) {
            self.role = role
            self.path = path
            self.sha256 = sha256
        }
    }

    /// SHA-256 over the rule book: each file's path and hash, in the order read.
    public static func ruleBookHash(_ book: CheckedRuleBook) -> String {
        var text = ""
        for file in book.files { text += file.path + "\u{0}" + SHA256.hex(file.bytes) + "\n" }
        return SHA256.hex(Array(text.utf8))
    }

    /// The manifest. It lists the outputs with their SHA-256 (which is also how a later
    /// run tells riskmap's files from the user's: `OutputSink.hashes`) and the problems
    /// found in the data (`plans.problems`; an empty list when there were none).
    public static func json(_ plans: PlanSet, inputs: [Input], toolVersion: String, commandLine: [String],
                            outputs: [(path: String, sha256: String)]) -> String {
        let book = plans.book
        return JSONValue.object([
            ("tool", .object([("name", .string("riskmap")), ("version", .string(toolVersion))])),
            ("ruleset", .object([
                ("title", .string(book.header.title)), ("version", .string(book.header.version)),
                ("year", .string(book.header.year?.description ?? "")),
                ("sha256", .string(ruleBookHash(book))),
                ("files", .array(book.files.map { .object([("path", .string($0.path)), ("sha256", .string(SHA256.hex($0.bytes)))]) })),
            ])),
            ("inputs", .array(inputs.map {
                .object([("role", .string($0.role)), ("path", .string($0.path)), ("sha256", .string($0.sha256))])
            })),
            ("dataYear", .string(plans.dataYear.description)),
            ("planYear", .string(plans.planYear.description)),
            ("commandLine", .array(commandLine.map { .string($0) })),
            ("outputs", .array(outputs.map { .object([("path", .string($0.path)), ("sha256", .string($0.sha256))]) })),
            ("problems", .array(plans.problems.items.map { problem($0, plans) })),
        ]).rendered(pretty: true) + "\n"
    }

    /// A problem in the data: where (file, line, column; a workbook's cell), how bad, its
    /// code and message, and the school whose row it is in.
    static func problem(_ p: DataProblems.Problem, _ plans: PlanSet) -> JSONValue {
        var fields: [(String, JSONValue)] = [("file", .string(p.file))]
        if let line = p.line { fields.append(("line", .int(line))) }
        if let column = p.column { fields.append(("column", .int(column))) }
        if let cell = p.cell { fields.append(("cell", .string(cell))) }
        fields += [("severity", .string(p.severity.rawValue)), ("code", .string(p.code)), ("message", .string(p.message))]
        if let help = p.help { fields.append(("help", .string(help))) }
        if let school = p.school { fields.append(("school", .string(plans.schools[school].school.id))) }
        return .object(fields)
    }
}
