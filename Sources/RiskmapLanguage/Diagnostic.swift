/// A problem found in a rule book or an input file, with the exact place it refers to.
public struct Diagnostic: Sendable {
    public enum Severity: String, Sendable, Comparable {
        case error
        case warning

        public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
    }

    public var severity: Severity
    public var message: Message
    /// The exact span the diagnostic points at; `nil` for problems with a whole file.
    public var range: SourceRange?
    /// The file (when there is no range).
    public var path: String?
    /// A concrete fix to suggest, rendered as a `help:` line.
    public var help: Message?

    public init(_ severity: Severity, _ message: Message, at range: SourceRange?, help: Message? = nil) {
        self.severity = severity
        self.message = message
        self.range = range
        self.path = range?.file.path
        self.help = help
    }

    public init(_ severity: Severity, _ message: Message, path: String, help: Message? = nil) {
        self.severity = severity
        self.message = message
        self.range = nil
        self.path = path
        self.help = help
    }

    public static func error(_ message: Message, at range: SourceRange?, help: Message? = nil) -> Diagnostic {
        Diagnostic(.error, message, at: range, help: help)
    }

    public static func warning(_ message: Message, at range: SourceRange?, help: Message? = nil) -> Diagnostic {
        Diagnostic(.warning, message, at: range, help: help)
    }

    public var location: SourceLocation? { range?.startLocation }

    /// Sort key: file, then position, then severity (stable for equal keys).
    var sortKey: (String, Int, Int) {
        (path ?? "", range?.start ?? -1, severity == .error ? 0 : 1)
    }
}

extension Array where Element == Diagnostic {
    /// Diagnostics in the order a reader expects: by file, then by position.
    public func sortedByPosition() -> [Diagnostic] {
        enumerated().sorted { a, b in
            let ka = a.element.sortKey, kb = b.element.sortKey
            if ka != kb { return ka < kb }
            return a.offset < b.offset
        }.map(\.element)
    }

    public var hasErrors: Bool { contains { $0.severity == .error } }
    public var errorCount: Int { filter { $0.severity == .error }.count }
    public var warningCount: Int { filter { $0.severity == .warning }.count }
}

/// Renders diagnostics for people (`file:line:column: ошибка: …`, the source line, a
/// caret under the span, a `подсказка:` line) and for editors (JSON).
public struct DiagnosticRenderer: Sendable {
    public var lang: Lang

    public init(lang: Lang) { self.lang = lang }

    public func render(_ diagnostic: Diagnostic) -> String {
        let label = Message.severityLabel(diagnostic.severity, lang)
        var out = ""
        if let range = diagnostic.range, let cell = range.cellName {
            // A cell of a spreadsheet: named as the spreadsheet names it, no text excerpt.
            out += "\(range.file.path): \(cell): \(label): \(diagnostic.message.text(lang))\n"
        } else if let range = diagnostic.range {
            let loc = range.startLocation
            out += "\(range.file.path):\(loc.line):\(loc.column): \(label): \(diagnostic.message.text(lang))\n"
            let line = range.file.lineText(loc.line)
            let gutter = String(loc.line)
            let pad = String(repeating: " ", count: gutter.count)
            out += " \(gutter) | \(line)\n"
            let prefix = String(line.prefix(loc.column - 1).map { $0 == "\t" ? "\t" : " " })
            let endLoc = range.file.location(of: range.end)
            let lineLength = line.count
            let endColumn = endLoc.line == loc.line ? endLoc.column : lineLength + 1
            let width = max(1, min(endColumn, lineLength + 1) - loc.column)
            out += " \(pad) | \(prefix)\(String(repeating: "^", count: width))\n"
        } else {
            out += "\(diagnostic.path ?? "riskmap"): \(label): \(diagnostic.message.text(lang))\n"
        }
        if let help = diagnostic.help {
            out += "  \(Message.helpLabel(lang)): \(help.text(lang))\n"
        }
        return out
    }

    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(render).joined()
    }

    /// One line: «2 ошибки, 1 предупреждение».
    public func summary(_ diagnostics: [Diagnostic]) -> String {
        Message.summary(errors: diagnostics.errorCount, warnings: diagnostics.warningCount).text(lang)
    }

    public func json(_ diagnostics: [Diagnostic]) -> String {
        var array = JSONValue.array([])
        var items: [JSONValue] = []
        for d in diagnostics {
            var fields: [(String, JSONValue)] = [("file", .string(d.path ?? ""))]
            if let range = d.range, let sheet = range.file.sheet, let cell = range.cellName {
                let line = range.startLocation.line
                fields += [("line", .int(line)), ("column", .int(sheet.column(at: range.start, line: line) + 1)), ("cell", .string(cell))]
            } else if let range = d.range {
                let start = range.startLocation
                let end = range.file.location(of: range.end)
                fields += [
                    ("line", .int(start.line)), ("column", .int(start.column)),
                    ("endLine", .int(end.line)), ("endColumn", .int(end.column)),
                ]
            }
            fields += [
                ("severity", .string(d.severity.rawValue)),
                ("code", .string(d.message.code)),
                ("message", .string(d.message.text(lang))),
            ]
            if let help = d.help { fields.append(("help", .string(help.text(lang)))) }
            items.append(.object(fields))
        }
        array = .array(items)
        return JSONValue.object([
            ("diagnostics", array),
            ("errors", .int(diagnostics.errorCount)),
            ("warnings", .int(diagnostics.warningCount)),
        ]).rendered(pretty: true) + "\n"
    }
}
