import RiskmapLanguage

/// `report-template.csv`: the execution report in the shape of the
/// Dorogobuzh report («№ · Мероприятие · Сроки исполнения · Выполнено (содержание ответа)»),
/// one row per roadmap line per municipality, the last column left for the answer.
enum ReportTemplateWriter {
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
