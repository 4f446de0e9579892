import RiskmapLanguage

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

    public static func json(_ plans: PlanSet, inputs: [Input], toolVersion: String, commandLine: [String],
                            outputs: [(path: String, bytes: [UInt8])]) -> String {
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
            ("outputs", .array(outputs.map { .object([("path", .string($0.path)), ("sha256", .string(SHA256.hex($0.bytes)))]) })),
        ]).rendered(pretty: true) + "\n"
    }
}
