import RiskmapLanguage

/// A sweep's result for people and programs: a terminal table (counts per value, then the
/// schools that change), CSV for Russian Excel (counts per value), JSON (counts and every
/// change) and an HTML page with a chart (inline SVG, no scripts, A4).
public struct SweepReport {
    public let result: SweepResult
    public let lang: Lang
    /// The most schools the table lists per grid point.
    public var tableChangesPerPoint = 40

    public init(_ result: SweepResult, lang: Lang) {
        self.result = result
        self.lang = lang
    }

    private var book: CheckedRuleBook { result.book }

    /// A parameter's value in its unit: «25 %», «0,5».
    func value(_ v: Double, axis: Int) -> String {
        let p = book.params[result.axes[axis].param]
        return NumberFormat.decimal(v, digits: 4, lang: lang) + (p.isPercent ? " %" : "")
    }

    func pointText(_ i: Int) -> String {
        result.points[i].values.enumerated().map { a, v in
            (result.axes.count > 1 ? book.params[result.axes[a].param].code + " = " : "") + value(v, axis: a)
        }.joined(separator: ", ")
    }

    /// The count columns: per group members, not members, undetermined; per scale each
    /// level, undetermined, no level.
    var countHeader: [String] {
        var header: [String] = []
        for g in book.groups {
            header += ["\(g.title): \(SweepText.member(lang))", "\(g.title): \(SweepText.notMember(lang))", "\(g.title): \(SweepText.undetermined(lang))"]
        }
        for s in book.scales {
            header += s.levels.map { "\(s.title): \($0.title)" }
            header += ["\(s.title): \(SweepText.undetermined(lang))", "\(s.title): \(SweepText.noLevel(lang))"]
        }
        return header
    }

    /// The count columns by code, for the table and the page: `shnor: входят`, `не входят`, …
    var shortHeader: [String] {
        var header: [String] = []
        for g in book.groups {
            header += ["\(g.code): \(SweepText.member(lang))", SweepText.notMember(lang), SweepText.undeterminedShort(lang)]
        }
        for s in book.scales {
            header += s.levels.enumerated().map { $0 == 0 ? "\(s.code): \($1.code)" : $1.code }
            header += [SweepText.undeterminedShort(lang), SweepText.noLevelShort(lang)]
        }
        return header
    }

    /// What the codes of `shortHeader` mean.
    var legend: [String] {
        book.groups.map { "\($0.code) — \($0.title)" }
            + book.scales.map { sc in "\(sc.code) — \(sc.title): " + sc.levels.map { "\($0.code) «\($0.title)»" }.joined(separator: ", ") }
    }

    func counts(_ p: SweepResult.Point) -> [Int] {
        p.groups.flatMap { $0 } + p.levels.flatMap { $0 }
    }

    var headLines: [String] {
        var lines = result.axes.map { a in
            let p = book.params[a.param]
            return SweepText.axis(p.code, p.title, from: value(a.from, axis: 0), to: value(a.to, axis: 0), step: value(a.step, axis: 0),
                                  count: a.values.count, lang)
        }
        lines.append(SweepText.scope(year: result.profiles.years[result.yearIndex].description, schools: result.rows.count, lang))
        lines.append(SweepText.dependents(factors: result.dependentFactors.map { book.factors[$0].code },
                                          scales: result.dependentScales.map { book.scales[$0].code },
                                          groups: result.dependentGroups.map { book.groups[$0].code }, lang))
        if result.fullRuns > 0 { lines.append(SweepText.fullRuns(result.fullRuns, lang)) }
        return lines
    }

    func kindText(_ kind: SweepResult.Kind) -> (what: String, before: String, after: String) {
        switch kind {
        case .group(let g, let from, let to):
            return (book.groups[g].title, SweepText.groupStatus(from, lang), SweepText.groupStatus(to, lang))
        case .level(let s, let from, let to):
            return (book.scales[s].title, levelText(s, from), levelText(s, to))
        }
    }

    func levelText(_ s: Int, _ l: Int16) -> String {
        if l >= 0, Int(l) < book.scales[s].levels.count { return book.scales[s].levels[Int(l)].title }
        return l == Outcomes.unknownLevel ? SweepText.undetermined(lang) : SweepText.noLevel(lang)
    }

    // MARK: - Table

    public func table() -> String {
        var out = SweepText.heading(result.axes.map { book.params[$0.param].code }, lang) + "\n"
        for line in headLines { out += line + "\n" }
        out += "\n"
        // Columns: the parameters, then per group «входят/не входят/не определён», per scale its levels.
        var lines = [result.axes.map { book.params[$0.param].code } + shortHeader]
        for p in result.points.indices {
            lines.append(result.points[p].values.enumerated().map { value($1, axis: $0) } + counts(result.points[p]).map(String.init))
        }
        out += Self.aligned(lines, numericFrom: 0)
        for line in legend { out += "  " + line + "\n" }
        out += "\n" + SweepText.changesHeading(lang) + ":\n"
        if result.changes.isEmpty { out += "  " + SweepText.noChanges(lang) + "\n" }
        var k = 0
        while k < result.changes.count {
            let point = result.changes[k].point
            var end = k
            while end < result.changes.count, result.changes[end].point == point { end += 1 }
            out += "  " + SweepText.at(pointText(point), from: pointText(result.changes[k].from), lang) + ":\n"
            var schools = 0
            var i = k
            while i < end {
                let row = result.changes[i].row
                var j = i
                var parts: [String] = []
                while j < end, result.changes[j].row == row {
                    let t = kindText(result.changes[j].kind)
                    parts.append("\(t.what): \(t.before) → \(t.after)")
                    j += 1
                }
                if schools < tableChangesPerPoint {
                    let s = result.profiles.school(row: row)
                    out += "    \(s.id) «\(s.name)»: " + parts.joined(separator: "; ") + "\n"
                }
                schools += 1
                i = j
            }
            if schools > tableChangesPerPoint { out += "    " + SweepText.more(schools - tableChangesPerPoint, lang) + "\n" }
            k = end
        }
        return out
    }

    /// Columns aligned; cells from column `numericFrom` on right-aligned.
    static func aligned(_ lines: [[String]], numericFrom: Int) -> String {
        guard let first = lines.first else { return "" }
        var widths = [Int](repeating: 0, count: first.count)
        for line in lines { for (i, c) in line.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
        var out = ""
        for (n, line) in lines.enumerated() {
            let cells = line.enumerated().map { i, c -> String in
                let pad = String(repeating: " ", count: widths[i] - c.count)
                return n > 0 && i >= numericFrom ? pad + c : c + pad
            }
            var text = cells.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            out += text + "\n"
            if n == 0 { out += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n" }
        }
        return out
    }

    // MARK: - CSV

    /// One row per grid point: the parameters' values, then the counts (`;`, UTF-8 BOM,
    /// decimal comma in Russian), then a blank line and every change.
    public func csv() -> String {
        func line(_ cells: [String]) -> String { cells.map(CSVField.escape).joined(separator: ";") + "\r\n" }
        var out = "\u{FEFF}"
        out += line(result.axes.map { book.params[$0.param].code } + countHeader)
        for p in result.points {
            out += line(p.values.map { NumberFormat.decimal($0, digits: 4, lang: lang) } + counts(p).map(String.init))
        }
        out += "\r\n" + line(SweepText.csvChange(lang))
        for c in result.changes {
            let s = result.profiles.school(row: c.row)
            let t = kindText(c.kind)
            out += line([pointText(c.point), pointText(c.from), s.id, s.name, s.municipality, t.what, t.before, t.after])
        }
        return out
    }

    // MARK: - JSON

    public func json() -> String {
        func number(_ v: Double) -> JSONValue { .number(NumberFormat.decimal(v, digits: 6, lang: .en).replacingOccurrences(of: "−", with: "-")) }
        let parameters: [JSONValue] = result.axes.map { a in
            let p = book.params[a.param]
            return .object([("code", .string(p.code)), ("title", .string(p.title)), ("percent", .bool(p.isPercent)),
                            ("from", number(a.from)), ("to", number(a.to)), ("step", number(a.step)),
                            ("values", .array(a.values.map(number)))])
        }
        let points: [JSONValue] = result.points.map { p in
            var groups: [(String, JSONValue)] = []
            for g in book.groups {
                let c = p.groups[g.index]
                groups.append((g.code, .object([("members", .int(c[0])), ("notMembers", .int(c[1])), ("undetermined", .int(c[2]))])))
            }
            var scales: [(String, JSONValue)] = []
            for s in book.scales {
                let c = p.levels[s.index]
                var fields: [(String, JSONValue)] = s.levels.enumerated().map { ($1.code, .int(c[$0])) }
                fields += [("undetermined", .int(c[s.levels.count])), ("none", .int(c[s.levels.count + 1]))]
                scales.append((s.code, .object(fields)))
            }
            return .object([("values", .array(p.values.map(number))), ("groups", .object(groups)), ("levels", .object(scales))])
        }
        let changes: [JSONValue] = result.changes.map { c in
            let s = result.profiles.school(row: c.row)
            var fields: [(String, JSONValue)] = [("at", .array(result.points[c.point].values.map(number))),
                                                 ("from", .array(result.points[c.from].values.map(number))),
                                                 ("school", .string(s.id)), ("name", .string(s.name))]
            switch c.kind {
            case .group(let g, let from, let to):
                fields += [("group", .string(book.groups[g].code)), ("before", .string(from.code)), ("after", .string(to.code))]
            case .level(let sc, let from, let to):
                func code(_ l: Int16) -> String {
                    l >= 0 && Int(l) < book.scales[sc].levels.count ? book.scales[sc].levels[Int(l)].code : (l == Outcomes.unknownLevel ? "unknown" : "none")
                }
                fields += [("scale", .string(book.scales[sc].code)), ("before", .string(code(from))), ("after", .string(code(to)))]
            }
            return .object(fields)
        }
        let doc: JSONValue = .object([
            ("year", .string(result.profiles.years[result.yearIndex].description)),
            ("schools", .int(result.rows.count)),
            ("parameters", .array(parameters)),
            ("dependents", .object([("factors", .array(result.dependentFactors.map { .string(book.factors[$0].code) })),
                                    ("scales", .array(result.dependentScales.map { .string(book.scales[$0].code) })),
                                    ("groups", .array(result.dependentGroups.map { .string(book.groups[$0].code) }))])),
            ("points", .array(points)),
            ("changes", .array(changes)),
        ])
        return doc.rendered(pretty: true) + "\n"
    }

    // MARK: - HTML

    public func html() -> String {
        let h = HTMLEscape.text
        var body = "<h1>\(h(SweepText.heading(result.axes.map { book.params[$0.param].code }, lang)))</h1>\n"
        body += "<p class=\"subtitle\">\(h(book.header.title))</p>\n"
        for line in headLines { body += "<p>\(h(line))</p>\n" }
        // One line per group (members) and per level; x: the first parameter.
        let xs = result.axes[0].values
        if result.axes.count == 1 {
            var series: [(String, [Int])] = []
            for g in book.groups {
                series.append(("\(g.title): \(SweepText.member(lang))", result.points.map { $0.groups[g.index][0] }))
                series.append(("\(g.title): \(SweepText.undetermined(lang))", result.points.map { $0.groups[g.index][2] }))
            }
            for s in book.scales {
                for (l, level) in s.levels.enumerated() { series.append(("\(s.title): \(level.title)", result.points.map { $0.levels[s.index][l] })) }
                series.append(("\(s.title): \(SweepText.undetermined(lang))", result.points.map { $0.levels[s.index][s.levels.count] }))
            }
            body += "<h2>\(h(SweepText.chartHeading(lang)))</h2>\n" + chart(xs: xs, series: series, id: "chart")
        } else {
            let inner = result.axes[1].values
            for g in book.groups {
                let series = inner.enumerated().map { j, v in
                    (value(v, axis: 1), xs.indices.map { i in result.points[i * inner.count + j].groups[g.index][0] })
                }
                body += "<h2>\(h(SweepText.chartHeading2(g.title, book.params[result.axes[1].param].code, lang)))</h2>\n"
                    + chart(xs: xs, series: series, id: "chart-\(g.code)")
            }
        }
        body += "<h2>\(h(SweepText.countsHeading(lang)))</h2>\n"
        let header = result.axes.map { book.params[$0.param].code } + shortHeader
        for line in legend { body += "<p class=\"small muted\">\(h(line))</p>\n" }
        let rows = result.points.map { p in p.values.enumerated().map { h(value($1, axis: $0)) } + counts(p).map(String.init) }
        body += HTMLPage.table(header, rows, id: "counts", numeric: Set(result.axes.count..<header.count), classes: "small")
        body += "<h2>\(h(SweepText.changesHeading(lang)))</h2>\n"
        if result.changes.isEmpty {
            body += "<p>\(h(SweepText.noChanges(lang)))</p>\n"
        } else {
            let changeRows = result.changes.map { c -> [String] in
                let s = result.profiles.school(row: c.row)
                let t = kindText(c.kind)
                return [pointText(c.point), s.id, s.name, t.what, t.before, t.after].map(h)
            }
            let head = SweepText.csvChange(lang)
            body += HTMLPage.table([head[0], head[2], head[3], head[5], head[6], head[7]], changeRows, id: "changes", classes: "small")
        }
        return HTMLPage.render(lang: lang.rawValue, title: SweepText.title(lang), body: body, extraCSS: Self.chartCSS)
    }

    static let chartCSS = """
    svg.sweep { width: 100%; height: auto; break-inside: avoid; page-break-inside: avoid }
    svg.sweep text { font-size: 9px; fill: #333 }
    svg.sweep .grid { stroke: #ddd; stroke-width: 1 }
    svg.sweep .axis { stroke: #666; stroke-width: 1 }
    svg.sweep polyline { fill: none; stroke-width: 2 }
    #counts { font-size: 8pt } #counts th, #counts td { padding: 1px 3px }
    """

    static let colours = ["#c62828", "#b7791f", "#1565c0", "#2e7d32", "#6a1b9a", "#00838f", "#ef6c00", "#455a64", "#ad1457", "#558b2f"]

    /// Lines over the first parameter's values; a legend below. Coordinates are integers
    /// (the same inputs make the same bytes).
    func chart(xs: [Double], series: [(String, [Int])], id: String) -> String {
        let width = 680, height = 260, left = 44, right = 12, top = 10, bottom = 30
        let legendRows = series.count
        let total = height + 16 * legendRows + 6
        let maxY = max(1, series.flatMap(\.1).max() ?? 1)
        let plotW = width - left - right, plotH = height - top - bottom
        func x(_ i: Int) -> Int { left + (xs.count > 1 ? plotW * i / (xs.count - 1) : plotW / 2) }
        func y(_ v: Int) -> Int { top + plotH - plotH * v / maxY }
        var out = "<svg id=\"\(id)\" class=\"sweep\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(total)\">\n"
        // Horizontal grid: 0, ¼, ½, ¾, max.
        for k in 0...4 {
            let v = maxY * k / 4
            out += "<line class=\"grid\" x1=\"\(left)\" y1=\"\(y(v))\" x2=\"\(width - right)\" y2=\"\(y(v))\"/>"
            out += "<text x=\"\(left - 4)\" y=\"\(y(v) + 3)\" text-anchor=\"end\">\(v)</text>\n"
        }
        out += "<line class=\"axis\" x1=\"\(left)\" y1=\"\(top + plotH)\" x2=\"\(width - right)\" y2=\"\(top + plotH)\"/>\n"
        // At most 11 value labels.
        let every = max(1, (xs.count + 9) / 10)
        for i in xs.indices where (i % every == 0 && (i == xs.count - 1 || xs.count - 1 - i >= every)) || i == xs.count - 1 {
            out += "<text x=\"\(x(i))\" y=\"\(top + plotH + 14)\" text-anchor=\"middle\">\(HTMLEscape.text(value(xs[i], axis: 0)))</text>\n"
        }
        for (n, (label, values)) in series.enumerated() {
            let colour = Self.colours[n % Self.colours.count]
            let dash = n >= Self.colours.count ? " stroke-dasharray=\"5 3\"" : ""
            let points = values.enumerated().map { "\(x($0)),\(y($1))" }.joined(separator: " ")
            out += "<polyline stroke=\"\(colour)\"\(dash) points=\"\(points)\"><title>\(HTMLEscape.text(label))</title></polyline>\n"
            let lx = left, ly = height + 4 + 16 * n
            out += "<line x1=\"\(lx)\" y1=\"\(ly + 4)\" x2=\"\(lx + 18)\" y2=\"\(ly + 4)\" stroke=\"\(colour)\" stroke-width=\"2\"\(dash)/>"
            out += "<text x=\"\(lx + 24)\" y=\"\(ly + 8)\">\(HTMLEscape.text(label))</text>\n"
        }
        return out + "</svg>\n"
    }
}
