import RiskmapLanguage

/// `roadmap.csv`: per municipality, every needed measure once, with its schools, deadline,
/// responsible party and basis (the methodology's audit trail, which names the source
/// documents' districts, schools and organisations: the CSV only; the Markdown and HTML,
/// sent to schools, are `RoadmapDocument`).
enum RoadmapWriter {
    /// For Russian Excel: UTF-8 with BOM, `;`, CRLF; one row per (municipality, measure).
    static func csv(_ c: PlanContext) -> String {
        let t = c.text
        var out = "\u{FEFF}" + t.roadmapCSVColumns.map(CSVField.escape).joined(separator: ";") + "\r\n"
        for roadmap in c.plans.municipalities {
            for (n, item) in roadmap.items.enumerated() {
                let m = c.book.measures[item.measure]
                let cells = [roadmap.municipality, "\(n + 1)", m.title, t.scope(m.scope),
                             (c.factors(of: item).map(c.factorTitle) + m.addressesGroups.map { c.book.groups[$0].title }).joined(separator: "; "),
                             item.deadline.text,
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
