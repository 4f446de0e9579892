import RiskmapLanguage

extension DiffReport {
    // MARK: - CSV

    /// One row per changed item of a school, for Russian Excel: UTF-8 with BOM, `;`, CRLF;
    /// every cell a spreadsheet could take for a formula neutralised (`CSVField`).
    public func csv() -> [UInt8] {
        var out: [UInt8] = [0xEF, 0xBB, 0xBF]
        func row(_ cells: [String]) {
            for (i, c) in cells.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ";")) }
                CSVField.append(c, to: &out)
            }
            out += [13, 10]
        }
        row(["school_id", "name", "municipality", "kind", "code", "title", "before", "after", "before_text", "after_text", "cause", "why"])
        for s in diff.schools {
            for c in s.changes {
                let causes = s.causes.filter { cause in cause.effects.contains { $0.key == c.key } }
                let cause = diff.mode == .rules ? causes.map { $0.change.map(text.headline) ?? text.noCause }.joined(separator: " | ")
                    : text.dataChanged
                // A factor: its own explanations; a group or level: those of its causes; a measure: none
                // (its factors' rows carry them).
                let reads = diff.rules.dependencies(of: c.key)
                let evidence = c.kind == .measure ? [] : causes.flatMap(\.evidence).filter { e in
                    c.kind == .factor ? e.code == c.key.code : reads.contains(DeclarationKey(.factor, e.code))
                }
                let why = evidence.map { text.evidence($0, sides: text.sides(diff)) }.joined(separator: " | ")
                row([s.id, s.name, s.municipality, c.kind.rawValue, c.key.code, c.title, c.before.code, c.after.code,
                     c.before.text, c.after.text, cause, why])
            }
        }
        return out
    }

    // MARK: - JSON

    public func json() -> String {
        func side(_ s: OutcomeDiff.Side) -> JSONValue {
            .object([("ruleset", .object([("title", .string(s.book.header.title)), ("version", .string(s.book.header.version))])),
                     ("year", .string(s.year.description)), ("schools", .int(s.schoolCount))])
        }
        func state(_ s: OutcomeDiff.ItemState) -> JSONValue { .object([("code", .string(s.code)), ("text", .string(s.text))]) }
        func change(_ c: OutcomeDiff.ItemChange) -> JSONValue {
            .object([("kind", .string(c.kind.rawValue)), ("code", .string(c.key.code)), ("title", .string(c.title)),
                     ("before", state(c.before)), ("after", state(c.after))])
        }
        func declaration(_ c: DeclarationChange) -> JSONValue {
            .object([("kind", .string(c.key.kind.code)), ("code", .string(c.key.code)), ("change", .string(c.kind.rawValue)),
                     ("title", .string(c.title)), ("text", .string(text.headline(c))),
                     ("details", .array(c.details.map { d in
                         .object([("aspect", .string(d.aspect.rawValue)), ("before", d.old.map { .string($0) } ?? .null),
                                  ("after", d.new.map { .string($0) } ?? .null)])
                     }))])
        }
        let schools: [JSONValue] = diff.schools.map { s in
            .object([
                ("id", .string(s.id)), ("name", .string(s.name)), ("municipality", .string(s.municipality)),
                ("changes", .array(s.changes.map(change))),
                ("causes", .array(s.causes.map { cause in
                    .object([
                        ("declaration", cause.change.map { .object([("kind", .string($0.key.kind.code)), ("code", .string($0.key.code))]) } ?? .null),
                        ("text", .string(diff.mode == .rules ? text.causeSentence(cause, school: s.name) : text.dataChanged)),
                        ("effects", .array(cause.effects.map { .string($0.key.code) })),
                        ("evidence", .array(cause.evidence.map { e in
                            .object([("factor", .string(e.code)), ("title", .string(e.title)), ("before", .string(e.before)), ("after", .string(e.after))])
                        })),
                    ])
                })),
                ("exits", .array(s.exits.map { .string($0) })),
            ])
        }
        var fields: [(String, JSONValue)] = [
            ("mode", .string(diff.mode.rawValue)),
            ("before", side(diff.old)), ("after", side(diff.new)),
            ("ruleChanges", .array(diff.rules.changes.map(declaration))),
            ("counts", .array(diff.counts.map { c in
                .object([("kind", .string(c.kind.rawValue)), ("code", .string(c.key.code)), ("level", c.level.map { .string($0) } ?? .null),
                         ("title", .string(c.title)), ("before", .int(c.before)), ("after", .int(c.after)),
                         ("beforeUndecided", .int(c.beforeUnknown)), ("afterUndecided", .int(c.afterUnknown))])
            })),
            ("schools", .array(schools)),
        ]
        if diff.mode == .years {
            fields.append(("movements", .array(diff.movements.map { m in
                .object([("kind", .string(m.kind.rawValue)), ("code", .string(m.key.code)), ("level", m.level.map { .string($0) } ?? .null),
                         ("title", .string(m.title)),
                         ("entered", .array(m.entered.map { .string($0) })), ("left", .array(m.left.map { .string($0) })),
                         ("stayed", .array(m.stayed.map { .string($0) })), ("undecided", .array(m.undecided.map { .string($0) }))])
            })))
        }
        return JSONValue.object(fields).rendered(pretty: true) + "\n"
    }

    // MARK: - HTML

    /// A self-contained page (no scripts), print-ready on A4, with a before/after chart of
    /// the groups and levels.
    public func html() -> String {
        let h = HTMLEscape.text
        let (a, b) = text.sides(diff)
        var body = "<h1>\(h(text.title(diff)))</h1>\n<p class=\"subtitle\">\(h(text.subtitle(diff)))</p>\n"
        if diff.mode == .rules {
            body += HTMLPage.meta([(a.capitalizedFirst, h(text.bookLabel(diff.old.book))), (b.capitalizedFirst, h(text.bookLabel(diff.new.book)))])
        }
        body += "<p><strong>\(h(text.summary(diff))).</strong></p>\n"
        if diff.mode == .rules {
            body += "<section>\n<h2>\(h(text.ruleChangesHeading))</h2>\n"
            if diff.rules.isEmpty { body += "<p>\(h(text.noRuleChanges))</p>\n" }
            body += "<ul id=\"rule-changes\">\n"
            for c in diff.rules.changes {
                body += "<li>\(h(text.headline(c)))"
                if !(c.details.count == 1 && c.details[0].aspect == .value) {
                    body += "<ul>" + c.details.map { "<li>\(h(text.detail($0)))</li>" }.joined() + "</ul>"
                }
                body += "</li>\n"
            }
            body += "</ul>\n</section>\n"
        }
        body += "<section>\n<h2>\(h(text.countsHeading))</h2>\n"
        body += "<figure class=\"chart\">\n" + chart() + "</figure>\n"
        body += HTMLPage.table(text.countHeader(diff), shownCounts.map { countCells($0).map(h) }, id: "counts", numeric: [1, 2, 3], classes: "counts")
        if unchangedFactorCount > 0 { body += "<p class=\"muted small\">\(h(text.unchangedFactors(unchangedFactorCount)))</p>\n" }
        body += "</section>\n"
        if diff.mode == .years {
            body += "<section>\n<h2>\(h(text.movementHeading))</h2>\n"
            for m in diff.movements where !(m.entered.isEmpty && m.left.isEmpty && m.stayed.isEmpty && m.undecided.isEmpty) {
                body += "<h3>\(h(text.kind(m.kind) + " «" + m.title + "»"))</h3>\n<ul>\n"
                for (label, list) in [(text.entered, m.entered), (text.left, m.left), (text.stayed, m.stayed), (text.undecidedSide, m.undecided)] where !list.isEmpty {
                    body += "<li><strong>\(h(label.capitalizedFirst)) (\(list.count)):</strong> \(h(list.joined(separator: ", ")))</li>\n"
                }
                body += "</ul>\n"
            }
            body += "</section>\n"
        }
        body += "<section>\n<h2>\(h(text.schoolsHeading))</h2>\n"
        if diff.schools.isEmpty { body += "<p>\(h(text.noSchoolChanges))</p>\n" }
        for s in diff.schools {
            body += "<article class=\"school\">\n<h3>\(h(s.id + " «" + s.name + "»" + (s.municipality.isEmpty ? "" : ", " + s.municipality)))</h3>\n<ul>\n"
            for line in changeLines(s) { body += "<li>\(h(line))</li>\n" }
            for (head, evidence) in causeLines(s) {
                body += "<li><strong>\(h(causeLabel))</strong> \(h(head))"
                if !evidence.isEmpty { body += "<ul class=\"small\">" + evidence.map { "<li>\(h($0))</li>" }.joined() + "</ul>" }
                body += "</li>\n"
            }
            for x in s.exits { body += "<li>\(h(text.exitLabel + ": " + x))</li>\n" }
            body += "</ul>\n</article>\n"
        }
        body += "</section>\n"
        let css = """
        figure.chart { margin: 0 0 4mm; break-inside: avoid; page-break-inside: avoid }
        #chart { display: block; width: 100%; height: auto; max-width: 680px; font-family: inherit }
        #chart text { font-size: 12px; fill: #222 }
        #chart text.value { font-size: 11.5px; fill: #333 }
        table.counts { width: auto; min-width: 60% }
        article.school { break-inside: avoid; page-break-inside: avoid }
        article.school ul { margin: 0 0 2mm; padding-left: 5mm }
        """
        return HTMLPage.render(lang: lang.rawValue, title: text.title(diff), body: body, extraCSS: css)
    }

    /// Bars before (grey) and after (dark) for every group and level.
    func chart() -> String {
        let h = HTMLEscape.text
        let rows = diff.counts.filter { $0.kind == .group || $0.kind == .level }
        let (a, b) = text.sides(diff)
        let width = 680, barMax = 520, rowHeight = 44
        let total = max(1, diff.old.schoolCount, diff.new.schoolCount)
        var y = 24
        var shapes = "<g class=\"legend\"><rect x=\"0\" y=\"4\" width=\"12\" height=\"10\" fill=\"#b0bec5\"/>"
        shapes += "<text x=\"16\" y=\"13\">\(h(a))</text>"
        shapes += "<rect x=\"120\" y=\"4\" width=\"12\" height=\"10\" fill=\"#1565c0\"/><text x=\"136\" y=\"13\">\(h(b))</text></g>\n"
        for c in rows {
            let wa = Int((Double(c.before) / Double(total) * Double(barMax)).rounded())
            let wb = Int((Double(c.after) / Double(total) * Double(barMax)).rounded())
            let label = c.title.count > 95 ? String(c.title.prefix(94)) + "…" : c.title
            shapes += "<g><title>\(h(c.title)): \(c.before) → \(c.after)</title>"
            shapes += "<text x=\"0\" y=\"\(y + 12)\">\(h(label))</text>"
            shapes += "<rect x=\"0\" y=\"\(y + 16)\" width=\"\(wa)\" height=\"10\" fill=\"#b0bec5\"/>"
            shapes += "<rect x=\"0\" y=\"\(y + 28)\" width=\"\(wb)\" height=\"10\" fill=\"#1565c0\"/>"
            shapes += "<text x=\"\(barMax + 8)\" y=\"\(y + 36)\" class=\"value\">\(c.before) → \(c.after)</text>"
            shapes += "</g>\n"
            y += rowHeight
        }
        let height = y + 4
        var out = "<svg id=\"chart\" role=\"img\" aria-labelledby=\"chart-title\" xmlns=\"http://www.w3.org/2000/svg\" "
        out += "viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\">\n"
        out += "<title id=\"chart-title\">\(h(text.chartHeading))</title>\n" + shapes + "</svg>\n"
        return out
    }
}
