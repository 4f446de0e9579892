import Foundation
import RiskmapEngine
import RiskmapLanguage
import RiskmapPlatform

/// `riskmap sweep [RULES] [SCHOOLS] PARAM=FROM..TO [step S] [PARAM2=FROM..TO [step S]]`:
/// the classification at every value of one or two parameters.
enum SweepCommand {
    /// What the positional arguments said.
    struct Specification: Equatable {
        /// Per axis: parameter, from, to, step (as written).
        var axes: [(param: String, from: String, to: String, step: String?)] = []
        var rules: String?
        var schools: String?

        static func == (a: Specification, b: Specification) -> Bool {
            a.rules == b.rules && a.schools == b.schools && a.axes.count == b.axes.count
                && zip(a.axes, b.axes).allSatisfy { $0.param == $1.param && $0.from == $1.from && $0.to == $1.to && $0.step == $1.step }
        }
    }

    /// Reads `PARAM=FROM..TO`, `step S` (`шаг S`), and the rules folder and schools file.
    static func specification(_ positional: [String]) throws(SweepAxis.Problem) -> Specification {
        var spec = Specification()
        var i = 0
        while i < positional.count {
            let arg = positional[i]
            if ["step", "шаг"].contains(arg.lowercased()) {
                guard i + 1 < positional.count, !spec.axes.isEmpty else { throw .malformed(arg) }
                spec.axes[spec.axes.count - 1].step = positional[i + 1]
                i += 2
                continue
            }
            if let eq = arg.firstIndex(of: "=") {
                let name = String(arg[..<eq])
                let range = String(arg[arg.index(after: eq)...])
                guard !name.isEmpty, !range.isEmpty else { throw .malformed(arg) }
                if let sep = ["...", "..", "…"].lazy.compactMap({ range.range(of: $0) }).first {
                    let from = String(range[..<sep.lowerBound]), to = String(range[sep.upperBound...])
                    guard !from.isEmpty, !to.isEmpty else { throw .malformed(arg) }
                    spec.axes.append((name, from, to, nil))
                } else {
                    spec.axes.append((name, range, range, nil))
                }
            } else if spec.rules == nil && spec.schools == nil && !Self.looksLikeTable(arg) {
                spec.rules = arg
            } else if spec.schools == nil {
                spec.schools = arg
            } else {
                throw .malformed(arg)
            }
            i += 1
        }
        guard !spec.axes.isEmpty else { throw .noParameter }
        guard spec.axes.count <= 2 else { throw .tooManyParameters }
        return spec
    }

    static func looksLikeTable(_ arg: String) -> Bool {
        let lower = arg.lowercased()
        return [".csv", ".xlsx", ".xls", ".tsv", ".txt"].contains { lower.hasSuffix($0) }
    }

    /// `-5` as a value, not an option: the minus sign U+2212.
    static func protectingNegativeNumbers(_ args: [String]) -> [String] {
        args.map { a in
            guard a.count > 1, a.hasPrefix("-"), let second = a.dropFirst().first, second.isNumber || second == "." || second == "," else { return a }
            return "\u{2212}" + a.dropFirst()
        }
    }

    static func run(_ args: [String], _ context: CommandContext) -> ExitCode {
        guard var parsed = context.arguments(protectingNegativeNumbers(args), .sweep) else { return .usage }
        let lang = context.lang
        let format = parsed.values["format"] ?? "table"
        guard ["table", "csv", "json", "html"].contains(format) else {
            context.console.err(CLIText.badOptionValue("format", format, "table, csv, json, html", command: "sweep", lang))
            return .usage
        }
        let spec: Specification
        do {
            spec = try specification(parsed.positional)
        } catch {
            context.console.err(CLIText.sweepProblem(error, lang))
            return .usage
        }
        if let r = spec.rules { parsed.values["rules"] = parsed.values["rules"] ?? r }
        if let s = spec.schools { parsed.values["schools"] = parsed.values["schools"] ?? s }
        if let code = EngineCommands.refuseFolderOutput(parsed, context) { return code }
        let loaded: EngineCommands.Loaded
        switch EngineCommands.load(parsed, context, purpose: .classification, command: "sweep") {
        case .failure(let code): return code
        case .success(let l): loaded = l
        }
        let book = loaded.outcomes.book
        let axes: [SweepAxis]
        let points: [[Double]]
        do {
            axes = try spec.axes.map { a throws(SweepAxis.Problem) in try SweepAxis.make(book, param: a.param, from: a.from, to: a.to, step: a.step) }
            points = try SweepAxis.grid(axes, book)
        } catch {
            context.console.err(CLIText.sweepProblem(error, lang))
            return .usage
        }
        let result = Sweep.run(book, loaded.outcomes.profiles, yearIndex: loaded.yearIndex, axes: axes, points: points)
        let report = SweepReport(result, lang: lang)
        let text: String
        switch format {
        case "csv": text = report.csv()
        case "json": text = report.json()
        case "html": text = report.html()
        default: text = report.table()
        }
        if let code = EngineCommands.write(text, parsed, context) { return code }
        return loaded.dataErrors ? .failure : .success
    }
}

extension EngineCommands {
    /// `--out` naming a folder: refused before any work.
    static func refuseFolderOutput(_ parsed: Arguments, _ context: CommandContext) -> ExitCode? {
        guard let out = parsed.values["out"] else { return nil }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
        context.console.err(context.renderer.render(Diagnostic(.error, .outputIsFolder(out), path: out)))
        return .cannotWrite
    }

    /// Writes `text` to `--out` (atomically) or standard output; nil when written.
    static func write(_ text: String, _ parsed: Arguments, _ context: CommandContext) -> ExitCode? {
        write(parsed, context) { (sink: inout ByteSink) throws(ByteSink.Failure) in try sink.write(Array(text.utf8)) }
    }

    /// Streams `render` to `--out` (atomically; `direct`: past the page cache) or standard
    /// output; a refused or failed write is reported. Nil when written.
    static func write(_ parsed: Arguments, _ context: CommandContext, direct: Bool = false,
                      _ render: (inout ByteSink) throws(ByteSink.Failure) -> Void) -> ExitCode? {
        do {
            if let out = parsed.values["out"] {
                try AtomicWriter.write(to: out, direct: direct, render)
            } else {
                try context.console.out(streaming: render)
            }
        } catch {
            switch error.refusal {
            case .symbolicLink?:
                context.console.err(context.renderer.render(Diagnostic(.error, .outputIsSymbolicLink(error.path), path: error.path)))
            case .readOnly?:
                context.console.err(context.renderer.render(Diagnostic(.error, .outputReadOnly(error.path), path: error.path)))
            case nil:
                context.console.err(CLIText.cannotWrite(error.description, context.lang))
            }
            return .cannotWrite
        }
        return nil
    }
}
