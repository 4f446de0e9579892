import RiskmapLanguage

/// A `riskmap diff` rendered: for the terminal (default), Markdown, HTML (with a chart), CSV
/// for Russian Excel and JSON. Deterministic: no dates, everything sorted.
public struct DiffReport: Sendable {
    public let diff: OutcomeDiff
    let text: DiffText

    public init(_ diff: OutcomeDiff) {
        self.diff = diff
        self.text = DiffText(diff.lang)
    }

    var lang: Lang { diff.lang }

    /// The counts shown: every group and level; factors only where they changed.
    var shownCounts: [OutcomeDiff.Count] {
        diff.counts.filter { $0.kind != .factor || $0.changed }
    }

    var unchangedFactorCount: Int { diff.counts.filter { $0.kind == .factor && !$0.changed }.count }

    func countCells(_ c: OutcomeDiff.Count) -> [String] {
        [c.kind == .level ? c.title : text.kind(c.kind) + " «" + c.title + "»",
         text.withUnknown(c.before, unknown: c.beforeUnknown), text.withUnknown(c.after, unknown: c.afterUnknown),
         text.delta(c.after - c.before)]
    }

    /// The lines of one school's changes: groups, levels, factors, measures.
    func changeLines(_ s: OutcomeDiff.SchoolChange) -> [String] {
        var lines: [String] = []
        for kind in OutcomeDiff.ItemKind.allCases {
            let changes = s.changes.filter { $0.kind == kind }
            guard !changes.isEmpty else { continue }
            let list = kind == .measure ? text.measures(changes) : changes.map(text.change).joined(separator: "; ")
            lines.append(text.kindPlural(kind) + ": " + list)
        }
        return lines
    }

    /// The cause lines of one school: the cause sentence, then the explanations.
    func causeLines(_ s: OutcomeDiff.SchoolChange) -> [(String, [String])] {
        let sides = text.sides(diff)
        return s.causes.map { cause in
            let head: String
            switch diff.mode {
            case .rules:
                head = text.causeSentence(cause, school: s.name)
                // The sentence gives the first factor's explanation after the change.
                return (head, cause.evidence.enumerated().map { i, e in i == 0 ? text.evidenceBefore(e, sides: sides) : text.evidence(e, sides: sides) })
            case .years:
                head = cause.evidence.isEmpty ? text.dataChanged : ""
            }
            return (head, cause.evidence.map { text.evidence($0, sides: sides) })
        }
    }

    /// «Причина:» for a rule change, «Почему:» year over year.
    var causeLabel: String { (diff.mode == .rules ? text.causeLabel : text.whyLabel) + ":" }

    // MARK: - Terminal

    public func table() -> String {
        var out = text.title(diff) + "\n" + text.subtitle(diff) + "\n"
        if diff.mode == .rules {
            let (a, b) = text.sides(diff)
            out += a.capitalizedFirst + ": " + text.bookLabel(diff.old.book) + "\n" + b.capitalizedFirst + ": " + text.bookLabel(diff.new.book) + "\n"
        }
        out += text.summary(diff) + "\n"
        if diff.mode == .rules {
            out += "\n" + text.ruleChangesHeading + "\n"
            if diff.rules.isEmpty { out += "  " + text.noRuleChanges + "\n" }
            for c in diff.rules.changes {
                out += "  • " + text.headline(c) + "\n"
                if !(c.details.count == 1 && c.details[0].aspect == .value) {
                    for d in c.details { out += "      " + text.detail(d) + "\n" }
                }
            }
        }
        out += "\n" + text.countsHeading + "\n"
        out += Self.aligned([text.countHeader(diff)] + shownCounts.map(countCells), numeric: [1, 2, 3], indent: "  ")
        if unchangedFactorCount > 0 { out += "  " + text.unchangedFactors(unchangedFactorCount) + "\n" }
        if diff.mode == .years { out += movementText() }
        out += "\n" + text.schoolsHeading + "\n"
        if diff.schools.isEmpty { out += "  " + text.noSchoolChanges + "\n" }
        for s in diff.schools {
            out += "\n" + s.id + " «" + s.name + "»" + (s.municipality.isEmpty ? "" : ", " + s.municipality) + "\n"
            for line in changeLines(s) { out += "  " + line + "\n" }
            for (head, evidence) in causeLines(s) {
                out += "  " + causeLabel + (head.isEmpty ? "" : " " + head) + "\n"
                for e in evidence { out += "    " + e + "\n" }
            }
            for e in s.exits { out += "  " + text.exitLabel + ": " + e + "\n" }
        }
        return out
    }

    func movementText() -> String {
        var out = "\n" + text.movementHeading + "\n"
        for m in diff.movements where !(m.entered.isEmpty && m.left.isEmpty && m.stayed.isEmpty && m.undecided.isEmpty) {
            out += "  " + text.kind(m.kind) + " «" + m.title + "»\n"
            for (label, list) in [(text.entered, m.entered), (text.left, m.left), (text.stayed, m.stayed), (text.undecidedSide, m.undecided)] where !list.isEmpty {
                out += "    " + label + " (\(list.count)): " + list.joined(separator: ", ") + "\n"
            }
        }
        return out
    }

    /// Columns padded to their widths; `numeric` columns right-aligned.
    static func aligned(_ rows: [[String]], numeric: Set<Int>, indent: String) -> String {
        guard let first = rows.first else { return "" }
        var widths = [Int](repeating: 0, count: first.count)
        for row in rows { for (i, c) in row.enumerated() { widths[i] = max(widths[i], c.count) } }
        var out = ""
        for (n, row) in rows.enumerated() {
            let cells = row.enumerated().map { i, c -> String in
                let pad = String(repeating: " ", count: widths[i] - c.count)
                return numeric.contains(i) ? pad + c : c + pad
            }
            var line = indent + cells.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
            if n == 0 { out += indent + widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n" }
        }
        return out
    }

    // MARK: - Markdown

    public func markdown() -> String {
        func e(_ s: String) -> String { MarkdownTable.escape(s) }
        var out = "# " + e(text.title(diff)) + "\n\n" + e(text.subtitle(diff)) + "\n\n"
        if diff.mode == .rules {
            let (a, b) = text.sides(diff)
            out += "- " + e(a.capitalizedFirst + ": " + text.bookLabel(diff.old.book)) + "\n"
            out += "- " + e(b.capitalizedFirst + ": " + text.bookLabel(diff.new.book)) + "\n\n"
        }
        out += e(text.summary(diff)) + ".\n"
        if diff.mode == .rules {
            out += "\n## " + e(text.ruleChangesHeading) + "\n\n"
            if diff.rules.isEmpty { out += e(text.noRuleChanges) + "\n" }
            for c in diff.rules.changes {
                out += "- " + e(text.headline(c)) + "\n"
                if !(c.details.count == 1 && c.details[0].aspect == .value) {
                    for d in c.details { out += "  - " + e(text.detail(d)) + "\n" }
                }
            }
        }
        out += "\n## " + e(text.countsHeading) + "\n\n"
        out += MarkdownTable.render(text.countHeader(diff), shownCounts.map(countCells))
        if unchangedFactorCount > 0 { out += "\n" + e(text.unchangedFactors(unchangedFactorCount)) + "\n" }
        if diff.mode == .years {
            out += "\n## " + e(text.movementHeading) + "\n"
            for m in diff.movements where !(m.entered.isEmpty && m.left.isEmpty && m.stayed.isEmpty && m.undecided.isEmpty) {
                out += "\n### " + e(text.kind(m.kind) + " «" + m.title + "»") + "\n\n"
                for (label, list) in [(text.entered, m.entered), (text.left, m.left), (text.stayed, m.stayed), (text.undecidedSide, m.undecided)] where !list.isEmpty {
                    out += "- " + e(label.capitalizedFirst + " (\(list.count)): " + list.joined(separator: ", ")) + "\n"
                }
            }
        }
        out += "\n## " + e(text.schoolsHeading) + "\n"
        if diff.schools.isEmpty { out += "\n" + e(text.noSchoolChanges) + "\n" }
        for s in diff.schools {
            out += "\n### " + e(s.id + " «" + s.name + "»" + (s.municipality.isEmpty ? "" : ", " + s.municipality)) + "\n\n"
            for line in changeLines(s) { out += "- " + e(line) + "\n" }
            for (head, evidence) in causeLines(s) {
                out += "- **" + e(causeLabel) + "**" + (head.isEmpty ? "" : " " + e(head)) + "\n"
                for ev in evidence { out += "  - " + e(ev) + "\n" }
            }
            for x in s.exits { out += "- " + e(text.exitLabel + ": " + x) + "\n" }
        }
        return out
    }
}
