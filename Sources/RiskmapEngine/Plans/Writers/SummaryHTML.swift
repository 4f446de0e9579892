import RiskmapLanguage

/// `summary.html`: schools per level, group and factor with an inline SVG bar chart
/// (`svg#chart`), the schools sorted by level (`table#schools`) and the workload per
/// responsible party. No scripts, no external files.
enum SummaryHTML {
    struct Bar {
        var label: String
        var count: Int
        var color: String
    }

    struct Section {
        var title: String
        var bars: [Bar]
    }

    static let unknownColor = "#9e9e9e"

    /// Level colours from the first (highest) level to the last: red, orange, yellow, green.
    static func levelColor(_ i: Int, of n: Int) -> String {
        if n <= 1 { return "#c62828" }
        if i == 0 { return "#c62828" }
        if i == n - 1 { return "#2e7d32" }
        return i * 2 < n - 1 ? "#ef6c00" : (i * 2 == n - 1 ? "#f9a825" : "#9ccc65")
    }

    static func sections(_ c: PlanContext, _ summary: PlanSummary) -> [Section] {
        var out: [Section] = []
        for (s, scale) in summary.levels.enumerated() {
            let n = c.book.scales[s].levels.count
            out.append(Section(title: scale.title, bars: scale.counts.enumerated().map { i, count in
                Bar(label: count.title, count: count.schools, color: count.code == "unknown" ? unknownColor : levelColor(i, of: n))
            }))
        }
        if !summary.groups.isEmpty {
            out.append(Section(title: c.text.groupsHeading, bars: summary.groups.map { Bar(label: $0.title, count: $0.schools, color: "#1565c0") }))
        }
        out.append(Section(title: c.text.triggeredHeading, bars: summary.factors.map { Bar(label: $0.title, count: $0.schools, color: "#d84315") }))
        if summary.unknownFactors.contains(where: { $0.schools > 0 }) {
            out.append(Section(title: c.text.unknownHeading, bars: summary.unknownFactors.map { Bar(label: $0.title, count: $0.schools, color: unknownColor) }))
        }
        return out
    }

    static func share(_ n: Int, of total: Int, _ lang: Lang) -> String {
        guard total > 0 else { return "—" }
        return NumberFormat.decimal(Double(n) * 100 / Double(total), digits: 1, lang: lang) + " %"
    }

    static func truncated(_ s: String, _ limit: Int) -> String {
        s.count <= limit ? s : String(s.prefix(limit - 1)) + "…"
    }

    /// Horizontal bars, the label above each bar; a bar's length is the share of all schools.
    static func chart(_ sections: [Section], total: Int, _ c: PlanContext) -> String {
        let h = HTMLEscape.text
        let width = 680, barMax = 560, headRow = 28, barRow = 38
        var y = 4
        var shapes = ""
        for section in sections {
            y += headRow
            shapes += "<text x=\"0\" y=\"\(y - 8)\" class=\"head\">\(h(truncated(section.title, 80)))</text>\n"
            for bar in section.bars {
                let w = total > 0 ? Int((Double(bar.count) / Double(total) * Double(barMax)).rounded()) : 0
                shapes += "<g><title>\(h(bar.label)): \(bar.count)</title>"
                shapes += "<text x=\"0\" y=\"\(y + 12)\">\(h(truncated(bar.label, 95)))</text>"
                shapes += "<rect x=\"0\" y=\"\(y + 17)\" width=\"\(barMax)\" height=\"14\" fill=\"#eceff1\"/>"
                shapes += "<rect x=\"0\" y=\"\(y + 17)\" width=\"\(w)\" height=\"14\" fill=\"\(bar.color)\"/>"
                shapes += "<text x=\"\(barMax + 8)\" y=\"\(y + 29)\" class=\"value\">\(bar.count) (\(h(share(bar.count, of: total, c.plans.lang))))</text>"
                shapes += "</g>\n"
                y += barRow
            }
        }
        let height = y + 6
        var out = "<svg id=\"chart\" role=\"img\" aria-labelledby=\"chart-title\" xmlns=\"http://www.w3.org/2000/svg\" "
        out += "viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\">\n"
        out += "<title id=\"chart-title\">\(h(c.text.chartHeading))</title>\n" + shapes + "</svg>\n"
        return out
    }

    /// Schools sorted by level: per scale the scale's order of levels, then «не определён»,
    /// then no level; the data order breaks ties.
    static func sortedSchools(_ plans: PlanSet) -> [Int] {
        func key(_ i: Int) -> [Int] {
            plans.schools[i].levels.map { l in
                let scale = plans.book.scales[l.scale]
                if let r = scale.levels.firstIndex(where: { $0.code == l.code }) { return r }
                return l.code == "unknown" ? scale.levels.count : scale.levels.count + 1
            } + [i]
        }
        return plans.schools.indices.sorted { key($0).lexicographicallyPrecedes(key($1)) }
    }

    static func countTable(_ title: String, _ counts: [PlanSummary.Count], total: Int, _ c: PlanContext) -> String {
        let h = HTMLEscape.text
        var out = "<h3>\(h(title))</h3>\n"
        out += HTMLPage.table(c.text.countColumns, counts.map { [h($0.title), "\($0.schools)", h(share($0.schools, of: total, c.plans.lang))] },
                              numeric: [1, 2], classes: "counts")
        return out
    }

    /// The most problems the page lists (manifest.json has them all).
    static let problemLimit = 300

    /// «Проблемы в данных»: every problem (up to `problemLimit`), where it is, what is
    /// wrong and, for a row, the school; nothing when the data had none.
    static func problems(_ c: PlanContext) -> String {
        let problems = c.plans.problems
        guard !problems.isEmpty else { return "" }
        let t = c.text
        let h = HTMLEscape.text
        var out = "<section class=\"problems\">\n<h2>\(h(t.problemsHeading))</h2>\n"
        out += "<p>\(h(t.problemsIntro(errors: problems.errorCount, warnings: problems.warningCount)))</p>\n"
        let shown = problems.items.prefix(problemLimit)
        out += HTMLPage.table(t.problemColumns, shown.enumerated().map { n, p in
            let school = p.school.map { i in
                "<a href=\"schools/\(h(c.fileNames[i])).html\">\(h(c.plans.schools[i].school.name))</a>"
            } ?? "—"
            return ["\(n + 1)", "<span class=\"place\">\(h(p.place))</span>", problemText(p, t), school]
        }, id: "problems", numeric: [0], classes: "problems")
        if problems.items.count > shown.count {
            out += "<p class=\"muted small\">\(h(t.problemsTruncated(shown: shown.count, total: problems.items.count)))</p>\n"
        }
        return out + "</section>\n"
    }

    /// «ошибка: значение … (подсказка: …)», as HTML.
    static func problemText(_ p: DataProblems.Problem, _ t: PlanText) -> String {
        let h = HTMLEscape.text
        var out = "<span class=\"severity sev-\(p.severity.rawValue)\">\(h(t.severity(p.severity)))</span> \(h(p.message))"
        if let help = p.help { out += "<span class=\"addresses\">\(h(t.hint(help)))</span>" }
        return out
    }

    /// The styles of the problem lists (summary and school plans).
    static let problemCSS = """
    section.problems { border: 1px solid #c62828; border-radius: 4px; padding: 1mm 4mm 2mm; margin: 4mm 0; background: #fffafa }
    section.problems h2 { margin-top: 3mm; color: #8e1b1b }
    table.problems { font-size: 9pt; table-layout: fixed; overflow-wrap: anywhere }
    table.problems th:nth-child(1) { width: 6% }
    table.problems th:nth-child(2) { width: 22% }
    .place { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 8.5pt }
    .severity { font-weight: bold }
    .sev-error { color: #b71c1c }
    .sev-warning { color: #8a5a00 }
    """

    static func render(_ c: PlanContext) -> String {
        let t = c.text
        let h = HTMLEscape.text
        let plans = c.plans
        let summary = PlanSummary(plans)
        let total = plans.schools.count
        var body = "<header>\n<h1>\(h(t.summaryTitle))</h1>\n"
        body += "<p class=\"subtitle\">\(h(t.forYear(plans.planYear, data: plans.dataYear).capitalizedFirst))</p>\n"
        body += HTMLPage.meta([(t.ruleBook, h(c.rulebook()))])
        body += "<p>\(h(t.summaryIntro(total, plans.municipalities.count)))</p>\n</header>\n"
        body += problems(c)

        body += "<section>\n<h2>\(h(t.chartHeading))</h2>\n<p class=\"muted small\">\(h(t.chartNote))</p>\n"
        body += "<figure class=\"chart\">\n" + chart(sections(c, summary), total: total, c) + "</figure>\n"
        for scale in summary.levels { body += countTable(scale.title, scale.counts, total: total, c) }
        if !summary.groups.isEmpty { body += countTable(t.groupsHeading, summary.groups, total: total, c) }
        body += countTable(t.triggeredHeading, summary.factors, total: total, c)
        if summary.unknownFactors.contains(where: { $0.schools > 0 }) {
            body += countTable(t.unknownHeading, summary.unknownFactors, total: total, c)
        }
        body += "</section>\n"

        body += "<section>\n<h2>\(h(t.schoolsHeading))</h2>\n<p class=\"muted small\">\(h(t.schoolsNote))</p>\n"
        let header = [t.planColumns[0], t.school] + plans.book.scales.map(\.title)
            + [t.groups, t.triggeredFactors, t.unknownFactors, t.planItems, t.dataRequests]
        let scaleCount = plans.book.scales.count
        let rows: [[String]] = sortedSchools(plans).enumerated().map { n, i in
            let plan = plans.schools[i]
            let levels = plan.levels.map { l -> String in
                let scale = plans.book.scales[l.scale]
                let color = scale.levels.firstIndex { $0.code == l.code }.map { levelColor($0, of: scale.levels.count) } ?? unknownColor
                return "<span class=\"swatch\" style=\"background:\(color)\"></span>\(h(l.title))"
            }
            let triggered = plan.factors.filter { $0.explanation.status == .triggered }.map { c.factorTitle($0.factor) }
            let unknown = plan.factors.filter { $0.explanation.status == .unknown }.map { c.factorTitle($0.factor) }
            return ["\(n + 1)", "<a href=\"schools/\(h(c.fileNames[i])).html\">\(h(plan.school.name))</a>"
                        + "<span class=\"addresses\">\(h(plan.school.municipality))</span>"]
                + levels
                + [h(plan.groups.isEmpty ? "—" : plan.groups.map { plans.book.groups[$0].title }.joined(separator: "; ")),
                   h(triggered.isEmpty ? "—" : triggered.joined(separator: "; ")),
                   h(unknown.isEmpty ? "—" : unknown.joined(separator: "; ")),
                   "\(plan.items.count + plan.municipalMeasures.count)", "\(plan.dataToSupply.count)"]
        }
        body += HTMLPage.table(header, rows, id: "schools", numeric: [0, 5 + scaleCount, 6 + scaleCount], classes: "schools")
        body += "</section>\n"

        body += "<section>\n<h2>\(h(t.workloadHeading))</h2>\n<p class=\"muted small\">\(h(t.workloadNote))</p>\n"
        body += HTMLPage.table(t.workloadColumns, summary.workload.map { w in
            [h(w.who), "\(w.responsible)", "\(w.coExecutor)", "\(w.schoolLines)"]
        }, id: "workload", numeric: [1, 2, 3])
        body += "</section>\n<footer>\(h(c.footer()))</footer>\n"

        let levelColumns = (0..<scaleCount).map { "table.schools th:nth-child(\($0 + 3)) { width: 11% }" }.joined(separator: "\n")
        let css = levelColumns + "\n" + """
        figure.chart { margin: 0 0 4mm; break-inside: avoid; page-break-inside: avoid }
        #chart { display: block; width: 100%; height: auto; max-width: 680px; font-family: inherit }
        #chart text { font-size: 12px; fill: #222 }
        #chart text.head { font-size: 13px; font-weight: bold }
        #chart text.value { font-size: 11.5px; fill: #333 }
        table.counts { width: auto; min-width: 60% }
        table.schools { font-size: 8.5pt; table-layout: fixed; overflow-wrap: break-word }
        table.schools th:nth-child(1) { width: 4% }
        table.schools th:nth-child(2) { width: 20% }
        table.schools th:nth-last-child(1), table.schools th:nth-last-child(2) { width: 8% }
        table.schools th.num { white-space: normal }
        .swatch { display: inline-block; width: 9px; height: 9px; border-radius: 2px; margin-right: 4px; vertical-align: baseline }
        """ + (plans.problems.isEmpty ? "" : "\n" + problemCSS)
        return HTMLPage.render(lang: t.htmlLang, title: t.summaryTitle, body: body, extraCSS: css)
    }
}
