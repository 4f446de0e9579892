import RiskmapLanguage

/// `roadmap.md`, `roadmap.html`, `roadmap.csv`: per municipality, every needed measure
/// once, with its schools, deadline and responsible party. The measures' basis (the
/// methodology's audit trail, which names the source documents' districts, schools and
/// organisations) is in the CSV only: the Markdown and HTML are sent to schools.
enum RoadmapWriter {
    /// The measure's title with what it addresses (and its scope when municipal).
    static func note(_ item: RoadmapItem, _ c: PlanContext) -> String {
        var parts: [String] = []
        if c.book.measures[item.measure].scope == .municipality { parts.append(c.text.municipalScope) }
        let factors = c.factors(of: item)
        if !factors.isEmpty { parts.append(c.text.addresses(factors.map { c.text.quoted(c.factorTitle($0)) })) }
        return parts.joined(separator: "; ")
    }

    static func needing(_ roadmap: MunicipalRoadmap) -> Int {
        Set(roadmap.items.flatMap(\.schools)).count
    }

    static func markdown(_ c: PlanContext) -> String {
        let t = c.text
        let e = MarkdownTable.escape
        var out = "# \(e(t.roadmapTitle))\n\n"
        out += "\(e(t.forYear(c.plans.planYear, data: c.plans.dataYear).capitalizedFirst)). \(e(t.ruleBook)): \(e(c.rulebook())).\n\n"
        out += e(t.roadmapIntro(c.plans.schools.count, c.plans.municipalities.count)) + "\n"
        for roadmap in c.plans.municipalities {
            out += "\n## \(e(roadmap.municipality))\n\n"
            out += e(t.roadmapSchools(total: roadmap.schools.count, needing: needing(roadmap))) + "\n\n"
            if roadmap.items.isEmpty {
                out += e(t.roadmapNoItems) + "\n"
                continue
            }
            out += MarkdownTable.render(t.roadmapColumns, roadmap.items.enumerated().map { n, item in
                let m = c.book.measures[item.measure]
                let note = note(item, c)
                return ["\(n + 1)", m.title + (note.isEmpty ? "" : " (\(note))"), item.deadline.text,
                        t.responsible(item.responsible, item.coExecutors), c.schoolNames(item).joined(separator: "; "),
                        c.result(item.measure)]
            })
        }
        out += "\n---\n\n\(e(c.footer()))\n"
        return out
    }

    static func html(_ c: PlanContext) -> String {
        let t = c.text
        let h = HTMLEscape.text
        var body = "<header>\n<h1>\(h(t.roadmapTitle))</h1>\n"
        body += "<p class=\"subtitle\">\(h(t.forYear(c.plans.planYear, data: c.plans.dataYear).capitalizedFirst))</p>\n"
        body += HTMLPage.meta([(t.ruleBook, h(c.rulebook()))])
        body += "<p class=\"muted\">\(h(t.roadmapIntro(c.plans.schools.count, c.plans.municipalities.count)))</p>\n</header>\n"
        for roadmap in c.plans.municipalities {
            body += "<section>\n<h2>\(h(roadmap.municipality))</h2>\n"
            body += "<p class=\"muted\">\(h(t.roadmapSchools(total: roadmap.schools.count, needing: needing(roadmap))))</p>\n"
            if roadmap.items.isEmpty {
                body += "<p>\(h(t.roadmapNoItems))</p>\n</section>\n"
                continue
            }
            body += HTMLPage.table(t.roadmapColumns, roadmap.items.enumerated().map { n, item in
                let note = note(item, c)
                let title = h(c.book.measures[item.measure].title) + (note.isEmpty ? "" : "<span class=\"addresses\">\(h(note))</span>")
                let schools = item.schools.map { i -> String in
                    "<a href=\"schools/\(h(c.fileNames[i])).html\">\(h(c.plans.schools[i].school.name))</a>"
                }.joined(separator: "<br>")
                return ["\(n + 1)", title, h(item.deadline.text),
                        SchoolPlanHTML.responsible(item.responsible, item.coExecutors, t), schools,
                        SchoolPlanHTML.cell(c.result(item.measure))]
            }, numeric: [0], classes: "roadmap")
            body += "</section>\n"
        }
        body += "<footer>\(h(c.footer()))</footer>\n"
        return HTMLPage.render(lang: t.htmlLang, title: t.roadmapTitle, body: body, extraCSS: """
            table.roadmap { font-size: 9.5pt }
            table.roadmap td:nth-child(2) { width: 27% }
            table.roadmap td:nth-child(5) { width: 19% }
            """)
    }

    /// For Russian Excel: UTF-8 with BOM, `;`, CRLF; one row per (municipality, measure).
    static func csv(_ c: PlanContext) -> String {
        let t = c.text
        var out = "\u{FEFF}" + t.roadmapCSVColumns.map(CSVField.escape).joined(separator: ";") + "\r\n"
        for roadmap in c.plans.municipalities {
            for (n, item) in roadmap.items.enumerated() {
                let m = c.book.measures[item.measure]
                let cells = [roadmap.municipality, "\(n + 1)", m.title, t.scope(m.scope),
                             c.factors(of: item).map(c.factorTitle).joined(separator: "; "), item.deadline.text,
                             t.responsibleList(item.responsible), item.coExecutors.joined(separator: "; "),
                             c.schoolNames(item).joined(separator: "; "), c.result(item.measure), c.basis(item.measure)]
                out += cells.map(CSVField.escape).joined(separator: ";") + "\r\n"
            }
        }
        return out
    }
}

extension String {
    /// «на 2026/27 …» → «На 2026/27 …»
    var capitalizedFirst: String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }
}
