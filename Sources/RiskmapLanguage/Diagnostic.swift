/// A problem found in a rule book or an input file, with the exact place it refers to.
public struct Diagnostic: Sendable {
    public enum Severity: String, Sendable, Comparable {
        case error
        case warning
        /// What riskmap did on its own that the user should know of (a header row found
        /// below a title, a total row skipped); `--strict` leaves it a note.
        case note

        var rank: Int {
            switch self {
            case .error: return 0
            case .warning: return 1
            case .note: return 2
            }
        }

        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
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

    public static func note(_ message: Message, at range: SourceRange?, help: Message? = nil) -> Diagnostic {
        Diagnostic(.note, message, at: range, help: help)
    }

    public var location: SourceLocation? { range?.startLocation }

    /// Sort key: file, then position, then severity (stable for equal keys).
    var sortKey: (String, Int, Int) {
        (path ?? "", range?.start ?? -1, severity.rank)
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
        let message = VisibleText.line(diagnostic.message.text(lang))
        if let range = diagnostic.range, let cell = range.cellName {
            // A cell of a spreadsheet: named as the spreadsheet names it, no text excerpt.
            out += "\(VisibleText.line(range.file.path)): \(cell): \(label): \(message)\n"
        } else if let range = diagnostic.range {
            let loc = range.startLocation
            out += "\(VisibleText.line(range.file.path)):\(loc.line):\(loc.column): \(label): \(message)\n"
            // One line of the file, at most `excerptWidth` characters of it around the
            // column, every control character made visible.
            let full = Array(range.file.lineText(loc.line))
            let endLoc = range.file.location(of: range.end)
            let endColumn = endLoc.line == loc.line ? endLoc.column : full.count + 1
            var first = 0, last = full.count
            if full.count > Self.excerptWidth {
                first = max(0, min(loc.column - 1 - Self.excerptWidth / 3, full.count - Self.excerptWidth))
                last = first + Self.excerptWidth
            }
            let shown = full[first..<last].map { $0 == "\t" ? "\t" : Character(VisibleText.line(String($0))) }
            let lead = first > 0 ? "…" : "", tail = last < full.count ? "…" : ""
            let gutter = String(loc.line)
            let pad = String(repeating: " ", count: gutter.count)
            out += " \(gutter) | \(lead)\(String(shown))\(tail)\n"
            let caret = max(0, min(loc.column - 1 - first, shown.count))
            let prefix = String(shown.prefix(caret).map { $0 == "\t" ? "\t" : " " })
            let width = max(1, min(endColumn - 1 - first, shown.count) - caret)
            out += " \(pad) | \(lead.isEmpty ? "" : " ")\(prefix)\(String(repeating: "^", count: width))\n"
        } else {
            out += "\(VisibleText.line(diagnostic.path ?? "riskmap")): \(label): \(message)\n"
        }
        if let help = diagnostic.help {
            out += "  \(Message.helpLabel(lang)): \(VisibleText.line(help.text(lang)))\n"
        }
        return out
    }

    /// The most characters of a file's line a diagnostic shows (issue 17: a file with CR
    /// line ends, or one long header, once echoed whole for every message).
    public static let excerptWidth = 120

    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(render).joined()
    }

    /// At most `perKind` diagnostics of each kind (message and severity), in order; then,
    /// for each kind with more, one line saying how many more there are. A file with
    /// thousands of the same mistake gives a screenful, not thousands (issue 17).
    public func render(_ diagnostics: [Diagnostic], perKind: Int) -> String {
        var shown: [String: Int] = [:]
        var order: [(key: String, diagnostic: Diagnostic)] = []
        var out = ""
        for d in diagnostics {
            let key = d.severity.rawValue + " " + d.message.code
            let n = shown[key, default: 0]
            shown[key] = n + 1
            if n < perKind { out += render(d) } else if n == perKind { order.append((key, d)) }
        }
        for (key, d) in order {
            let more = (shown[key] ?? 0) - perKind
            out += render(Diagnostic(.note, .moreOfKind(count: more, example: d.message.text(lang), code: d.message.code),
                                     path: d.path ?? "riskmap"))
        }
        return out
    }

    /// How many of each kind `render(_:perKind:)` shows on a terminal.
    public static let perKindOnTerminal = 20

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
