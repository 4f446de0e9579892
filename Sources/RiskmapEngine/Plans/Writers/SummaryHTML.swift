import RiskmapLanguage

/// `summary.html`, the story at a glance: warnings (a sparse year, schools with many
/// undetermined factors), the headline figures, groups and levels with their undetermined,
/// one stacked bar per factor (`table#factors`), a compact school table with counts and a
/// link to each plan (`table#schools`), the workload per responsible party. HTML only (not
/// a `Document`); no scripts, no external files.
enum SummaryHTML {
    static let unknownColor = "#9e9e9e"

    /// Level colours from the first (highest) level to the last: red, orange, yellow, green.
    static func levelColor(_ i: Int, of n: Int) -> String {
        if n <= 1 { return "#c62828" }
        if i == 0 { return "#c62828" }
        if i == n - 1 { return "#2e7d32" }
        return i * 2 < n - 1 ? "#ef6c00" : (i * 2 == n - 1 ? "#f9a825" : "#9ccc65")
    }

    static func share(_ n: Int, of total: Int, _ lang: Lang) -> String {
        guard total > 0 else { return "—" }
        return NumberFormat.decimal(Double(n) * 100 / Double(total), digits: 1, lang: lang) + " %"
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
                "<a href=\"\(h(c.schoolPage(i)))\">\(h(c.plans.schools[i].school.name))</a>"
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

    /// A school whose undetermined factors are more than this share of all is named in a warning.
    static let unknownShareWarning = 1.0 / 3.0

    static func undetermined(_ plan: SchoolPlan) -> Int { plan.factors.filter { $0.explanation.status == .unknown }.count }

    /// Whether a school's level or a group is left undecided by missing data.
    static func isUndecided(_ plan: SchoolPlan) -> Bool {
        !plan.undecidedGroups.isEmpty || plan.levels.contains { $0.code == "unknown" }
    }

    /// The warning boxes: a sparse year (naming the year with more data) and the schools with
    /// more than a third of their factors undetermined.
    static func warnings(_ c: PlanContext) -> String {
        let t = c.text
        let h = HTMLEscape.text
        let plans = c.plans
        var out = ""
        if let better = plans.betterYear, let mine = plans.coverage.first(where: { $0.year == plans.dataYear }) {
            out += "<p class=\"warning\" role=\"note\"><strong>\(h(t.warningLabel))</strong> "
            out += h(t.sparseYear(plans.dataYear, decided: percent(mine.decided, c), better: better.year, betterDecided: percent(better.decided, c)))
            out += "</p>\n"
        }
        let factors = plans.book.factors.count
        let many = plans.schools.indices.filter { factors > 0 && Double(undetermined(plans.schools[$0])) > Double(factors) * unknownShareWarning }
        if !many.isEmpty {
            out += "<p class=\"warning\" role=\"note\"><strong>\(h(t.warningLabel))</strong> "
            if many.count == plans.schools.count {
                out += h(t.allUndetermined(plans.schools.count, factors: factors)) + "</p>\n"
            } else {
                out += h(t.manyUndetermined(many.count, of: plans.schools.count, factors: factors)) + " "
                out += many.map { i in "<a href=\"\(h(c.schoolPage(i)))\">\(h(plans.schools[i].school.name))</a> (\(undetermined(plans.schools[i])))" }
                    .joined(separator: "; ") + ".</p>\n"
            }
        }
        return out
    }

    static func percent(_ share: Double, _ c: PlanContext) -> String {
        NumberFormat.decimal(share * 100, digits: 0, lang: c.plans.lang) + " %"
    }

    /// The headline figures: schools, each group (with its undecided), undecided schools, measures.
    static func figures(_ c: PlanContext) -> String {
        let t = c.text
        let h = HTMLEscape.text
        let plans = c.plans
        var boxes: [(String, String, String)] = [("\(plans.schools.count)", t.figureSchools(plans.schools.count), "")]
        for g in plans.book.groups {
            let n = plans.schools.filter { $0.groups.contains(g.index) }.count
            let u = plans.schools.filter { $0.undecidedGroups.contains(g.index) }.count
            boxes.append(("\(n)", g.title, u > 0 ? t.figureUndecided(u) : ""))
        }
        let undecided = plans.schools.filter(isUndecided).count
        boxes.append(("\(undecided)", t.figureUndecidedSchools, ""))
        let lines = plans.municipalities.reduce(0) { $0 + $1.items.count }
        let items = plans.schools.reduce(0) { $0 + $1.items.count }
        boxes.append(("\(lines)", t.figureRoadmapLines, t.figureSchoolItems(items)))
        var out = "<div class=\"figures\">\n"
        for (number, label, note) in boxes {
            out += "<div class=\"figure\"><span class=\"n\">\(h(number))</span><span class=\"l\">\(h(label))</span>"
            if !note.isEmpty { out += "<span class=\"u\">\(h(note))</span>" }
            out += "</div>\n"
        }
        return out + "</div>\n"
    }

    /// Groups and levels: schools in, undecided, out.
    static func categories(_ c: PlanContext) -> String {
        let t = c.text
        let h = HTMLEscape.text
        let plans = c.plans
        let total = plans.schools.count
        var rows: [[String]] = []
        for g in plans.book.groups {
            let n = plans.schools.filter { $0.groups.contains(g.index) }.count
            let u = plans.schools.filter { $0.undecidedGroups.contains(g.index) }.count
            rows.append([h(g.title), "\(n)", "\(u)", "\(total - n - u)"])
        }
        var out = "<h2>\(h(t.groupsLevelsHeading))</h2>\n"
        out += HTMLPage.table(t.groupColumns, rows, id: "groups", numeric: [1, 2, 3], classes: "counts")
        for (s, scale) in plans.book.scales.enumerated() {
            let counts = PlanSummary(plans).levels[s].counts
            out += HTMLPage.table([scale.title, t.countColumns[1], t.countColumns[2]], counts.enumerated().map { i, count in
                let color = count.code == "unknown" ? unknownColor : levelColor(i, of: scale.levels.count)
                return ["<span class=\"swatch\" style=\"background:\(color)\"></span>\(h(count.title))", "\(count.schools)",
                        h(share(count.schools, of: total, plans.lang))]
            }, numeric: [1, 2], classes: "counts")
        }
        return out
    }

    /// One stacked bar per factor (triggered, undetermined, not triggered, not applicable),
    /// most triggered first, then most undetermined.
    static func factorBars(_ c: PlanContext) -> String {
        let t = c.text
        let h = HTMLEscape.text
        let plans = c.plans
        let total = max(1, plans.schools.count)
        func count(_ f: Int, _ s: Status) -> Int { plans.schools.filter { $0.factors[f].explanation.status == s }.count }
        let rows = plans.book.factors.map { f in
            (f, count(f.index, .triggered), count(f.index, .unknown), count(f.index, .notTriggered), count(f.index, .notApplicable))
        }.sorted { ($1.1, $1.2, $0.0.index) < ($0.1, $0.2, $1.0.index) }
        var out = "<h2>\(h(t.factorsHeading))</h2>\n<p class=\"muted small\">"
        for (code, label) in [("triggered", t.statusTriggered), ("unknown", t.statusUnknown), ("not_triggered", t.statusNotTriggered),
                              ("not_applicable", t.statusNotApplicable)] {
            out += "<span class=\"key k-\(code)\"></span>\(h(label)) "
        }
        out += "</p>\n<table id=\"factors\" class=\"bars\">\n<thead><tr><th>\(h(t.factorColumns[0]))</th><th>\(h(t.barColumn))</th>"
        out += "<th class=\"num\">\(h(t.barNumbers))</th></tr></thead>\n<tbody>\n"
        for (f, tr, un, no, na) in rows {
            out += "<tr><td>\(h(f.title))</td><td><div class=\"bar\">"
            for (n, code) in [(tr, "triggered"), (un, "unknown"), (no, "not_triggered"), (na, "not_applicable")] where n > 0 {
                let w = NumberFormat.decimal(Double(n) * 100 / Double(total), digits: 2, lang: .en)
                out += "<span class=\"seg k-\(code)\" style=\"width:\(w)%\"></span>"
            }
            out += "</div></td><td class=\"num\">\(tr) / \(un) / \(no)\(na > 0 ? " / \(na)" : "")</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    /// The schools, counts only, highest level first.
    static func schoolTable(_ c: PlanContext) -> String {
        let t = c.text
        let h = HTMLEscape.text
        let plans = c.plans
        let header = [t.numberColumn, t.school] + plans.book.scales.map(\.title)
            + [t.groups, t.countTriggered, t.countUnknown, t.planItems, t.dataRequests]
        let scaleCount = plans.book.scales.count
        let rows: [[String]] = sortedSchools(plans).enumerated().map { n, i in
            let plan = plans.schools[i]
            let levels = plan.levels.map { l -> String in
                let scale = plans.book.scales[l.scale]
                let color = scale.levels.firstIndex { $0.code == l.code }.map { levelColor($0, of: scale.levels.count) } ?? unknownColor
                return "<span class=\"swatch\" style=\"background:\(color)\"></span>\(h(l.title))"
            }
            let groups = t.groupCount(plan.groups.count, undecided: plan.undecidedGroups.count)
            let triggered = plan.factors.filter { $0.explanation.status == .triggered }.count
            return ["\(n + 1)", "<a href=\"\(h(c.schoolPage(i)))\">\(h(plan.school.name))</a>"] + levels
                + [h(groups), "\(triggered)", "\(undetermined(plan))",
                   "\(plan.items.count + plan.municipalMeasures.count)", "\(plan.dataToSupply.count)"]
        }
        var out = "<h2>\(h(t.schoolsHeading))</h2>\n<p class=\"muted small\">\(h(t.schoolsNoteCompact))</p>\n"
        out += HTMLPage.table(header, rows, id: "schools", numeric: [0, 2 + scaleCount, 3 + scaleCount, 4 + scaleCount, 5 + scaleCount, 6 + scaleCount],
                              classes: "schools")
        return out
    }

    /// The most parties the workload table lists (the busiest; roadmap.csv has them all).
    static let workloadLimit = 5

    /// A municipality's summary (or the only one): its schools in a table.
    static func render(_ c: PlanContext) -> String {
        render(c, title: c.text.summaryTitle, middle: schoolTable(c))
    }

    /// The regional summary: the region's figures, groups, levels and factors, and instead of
    /// the school table one line per municipality, linking to its own summary in its folder.
    static func regional(_ c: PlanContext, _ layout: RegionalLayout) -> String {
        render(c, title: c.text.regionalSummaryTitle, middle: municipalityTable(c, layout))
    }

    /// One line per municipality: schools, each group (with its undecided), schools left
    /// undecided, roadmap lines, school plan lines, data requests.
    static func municipalityTable(_ c: PlanContext, _ layout: RegionalLayout) -> String {
        let t = c.text
        let h = HTMLEscape.text
        let plans = c.plans
        let header = [t.numberColumn, t.municipality, t.countColumns[1]] + plans.book.groups.map(\.title)
            + [t.undecidedSchoolsColumn, t.roadmapLinesColumn, t.planItems, t.dataRequests]
        let rows: [[String]] = plans.municipalities.enumerated().map { k, roadmap in
            let schools = roadmap.schools.map { plans.schools[$0] }
            let groups = plans.book.groups.map { g in
                t.groupCount(schools.filter { $0.groups.contains(g.index) }.count,
                             undecided: schools.filter { $0.undecidedGroups.contains(g.index) }.count)
            }
            return ["\(k + 1)", "<a href=\"\(h(layout.folders[k]))/summary.html\">\(h(roadmap.municipality))</a>", "\(schools.count)"]
                + groups.map(h)
                + ["\(schools.filter(isUndecided).count)", "\(roadmap.items.count)",
                   "\(schools.reduce(0) { $0 + $1.items.count })", "\(schools.reduce(0) { $0 + $1.dataToSupply.count })"]
        }
        let g = plans.book.groups.count
        var out = "<h2>\(h(t.municipalitiesHeading))</h2>\n<p class=\"muted small\">\(h(t.municipalitiesNote))</p>\n"
        out += HTMLPage.table(header, rows, id: "municipalities", numeric: Set([0, 2] + (0..<(g + 4)).map { 3 + $0 }), classes: "municipalities")
        return out
    }

    static func render(_ c: PlanContext, title: String, middle: String) -> String {
        let t = c.text
        let h = HTMLEscape.text
        let plans = c.plans
        let summary = PlanSummary(plans)
        var body = "<header>\n<h1>\(h(title))</h1>\n"
        body += "<p class=\"subtitle\">\(h(t.forYear(plans.planYear, data: plans.dataYear).capitalizedFirst)) · \(h(c.rulebook()))</p>\n"
        body += "</header>\n"
        body += warnings(c)
        body += figures(c)
        body += problems(c)
        body += changes(c)
        body += "<section class=\"two\">\n" + categories(c) + "</section>\n"
        body += "<section>\n" + factorBars(c) + "</section>\n"
        body += "<section>\n" + middle + "</section>\n"
        body += "<section>\n<h2>\(h(t.workloadHeading))</h2>\n<p class=\"muted small\">\(h(t.workloadNote))</p>\n"
        body += HTMLPage.table(t.workloadColumns, summary.workload.prefix(workloadLimit).map { w in
            [h(w.who), "\(w.responsible)", "\(w.coExecutor)", "\(w.schoolLines)"]
        }, id: "workload", numeric: [1, 2, 3], classes: "workload")
        if summary.workload.count > workloadLimit {
            body += "<p class=\"muted small\">\(h(t.workloadTruncated(shown: workloadLimit, total: summary.workload.count)))</p>\n"
        }
        body += "</section>\n<footer>\(h(c.footer()))</footer>\n"

        let css = """
        body { font-size: 10pt }
        h2 { margin: 5mm 0 2mm }
        p.warning { border: 1.5px solid #b7791f; background: #fff8e1; border-radius: 4px; padding: 2mm 3mm; margin: 2mm 0 }
        .figures { display: flex; flex-wrap: wrap; gap: 2mm; margin: 3mm 0 }
        .figure { flex: 1 1 28mm; border: 1px solid #ccc; border-radius: 4px; padding: 2mm 3mm; break-inside: avoid }
        .figure .n { display: block; font-size: 18pt; font-weight: bold; line-height: 1.1 }
        .figure .l { display: block; font-size: 8.5pt; color: #333 }
        .figure .u { display: block; font-size: 8pt; color: #8a5a00 }
        table.counts { width: auto; min-width: 50%; font-size: 9pt }
        table.bars { font-size: 8pt; table-layout: fixed; line-height: 1.2 }
        table.bars th, table.bars td { padding: 1px 4px; border-color: #ddd }
        table.bars th:nth-child(1) { width: 58% }
        table.bars th:nth-child(3) { width: 13% }
        .bar { display: flex; height: 9px; background: #f1f3f5; margin-top: 2px }
        .seg { display: block; height: 100% }
        .key { display: inline-block; width: 9px; height: 9px; margin: 0 3px 0 8px; vertical-align: baseline }
        .k-triggered { background: #c62828 }
        .k-unknown { background: #f9a825 }
        .k-not_triggered { background: #81c784 }
        .k-not_applicable { background: #cfd8dc }
        table.schools { font-size: 8pt; table-layout: fixed; overflow-wrap: break-word }
        table.schools th, table.schools td { padding: 1px 4px }
        table.schools th { width: 9% }
        table.schools th:nth-child(1) { width: 4% }
        table.schools th:nth-child(2) { width: 26% }
        table.schools th:nth-child(3), table.schools th:nth-child(4) { width: 15% }
        table.schools td { white-space: nowrap }
        table.schools td:nth-child(2) { white-space: normal }
        th.num { white-space: normal }
        table.municipalities { font-size: 8.5pt }
        table.municipalities th, table.municipalities td { padding: 1px 4px }
        table.municipalities th:nth-child(2) { width: 20% }
        table.workload { font-size: 8.5pt }
        table.workload th, table.workload td { padding: 1px 4px }
        .swatch { display: inline-block; width: 9px; height: 9px; border-radius: 2px; margin-right: 4px; vertical-align: baseline }
        """ + (plans.problems.isEmpty ? "" : "\n" + problemCSS)
        return HTMLPage.render(lang: t.htmlLang, title: title, body: body, extraCSS: css)
    }
}
