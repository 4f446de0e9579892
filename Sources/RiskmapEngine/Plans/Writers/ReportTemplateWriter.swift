import RiskmapLanguage

/// `report-template.csv`, `report-template.md`: the execution report in the shape of the
/// Dorogobuzh report («№ · Мероприятие · Сроки исполнения · Выполнено (содержание ответа)»),
/// one row per roadmap line per municipality, the last column left for the answer.
enum ReportTemplateWriter {
    static func markdown(_ c: PlanContext) -> String {
        let t = c.text
        let e = MarkdownTable.escape
        var out = "# \(e(t.reportTitle))\n\n"
        out += "\(e(t.forYear(c.plans.planYear, data: c.plans.dataYear).capitalizedFirst)). \(e(t.ruleBook)): \(e(c.rulebook())).\n"
        for roadmap in c.plans.municipalities {
            out += "\n## \(e(t.municipality)): \(e(roadmap.municipality))\n\n"
            if roadmap.items.isEmpty {
                out += e(t.roadmapNoItems) + "\n"
                continue
            }
            out += MarkdownTable.render(t.reportColumns, roadmap.items.enumerated().map { n, item in
                ["\(n + 1)", c.book.measures[item.measure].title, item.deadline.text, ""]
            }, keepEmpty: true)
            out += "\n" + t.reportSignature.map { $0 + "\n" }.joined(separator: "\n")
        }
        return out
    }

    /// For Russian Excel: UTF-8 with BOM, `;`, CRLF.
    static func csv(_ c: PlanContext) -> String {
        var out = "\u{FEFF}" + c.text.reportCSVColumns.map(CSVField.escape).joined(separator: ";") + "\r\n"
        for roadmap in c.plans.municipalities {
            for (n, item) in roadmap.items.enumerated() {
                let cells = [roadmap.municipality, "\(n + 1)", c.book.measures[item.measure].title, item.deadline.text, ""]
                out += cells.map(CSVField.escape).joined(separator: ";") + "\r\n"
            }
        }
        return out
    }
}
