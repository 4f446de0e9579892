import Foundation
import RiskmapLanguage
import RiskmapPlatform

/// The per-school result of a classification for one school year, rendered for the
/// terminal (aligned table), for Russian Excel (CSV: `;`, UTF-8 BOM) and for systems (JSON).
public struct ClassificationReport {
    public let outcomes: Outcomes
    public let explainer: Explainer
    public let yearIndex: Int
    public let lang: Lang
    /// Rows of the school year, in input order.
    public let rows: [Int]

    public init(_ outcomes: Outcomes, yearIndex: Int, lang: Lang) {
        self.outcomes = outcomes
        self.explainer = Explainer(outcomes, lang: lang)
        self.yearIndex = yearIndex
        self.lang = lang
        self.rows = outcomes.profiles.rows(inYear: yearIndex)
    }

    private var book: CheckedRuleBook { outcomes.book }
    private var profiles: ProfileSet { outcomes.profiles }
    public var year: SchoolYear { profiles.years[yearIndex] }

    func school(_ row: Int) -> ProfileSet.School { profiles.school(row: row) }

    public func levelText(scale s: Int, row: Int) -> String {
        let level = outcomes.levels[s][row]
        if level >= 0 { return book.scales[s].levels[Int(level)].title }
        return level == Outcomes.unknownLevel ? ExplanationText.levelUnknown(lang) : ExplanationText.levelNone(lang)
    }

    public func levelCode(scale s: Int, row: Int) -> String {
        let level = outcomes.levels[s][row]
        if level >= 0 { return book.scales[s].levels[Int(level)].code }
        return level == Outcomes.unknownLevel ? "unknown" : "none"
    }

    public func groupCodes(_ row: Int) -> [String] {
        book.groups.filter { outcomes.groups[$0.index][row] == .triggered }.map(\.code)
    }

    func factorCodes(_ row: Int, _ status: Status) -> [String] {
        book.factors.filter { outcomes.factors[$0.index][row] == status }.map(\.code)
    }

    // MARK: - Table

    public func table() -> String {
        var header = [lang == .ru ? "Код" : "Id", lang == .ru ? "Школа" : "School", lang == .ru ? "Муниципалитет" : "Municipality"]
        header += book.scales.map(\.title)
        header += [lang == .ru ? "Группы" : "Groups", lang == .ru ? "Сработали" : "Triggered", lang == .ru ? "Не определены" : "Unknown"]
        var lines: [[String]] = [header]
        for r in rows {
            let s = school(r)
            var cells = [s.id, s.name, s.municipality]
            cells += book.scales.indices.map { levelText(scale: $0, row: r) }
            cells.append(groupCodes(r).joined(separator: ", "))
            cells.append(factorCodes(r, .triggered).joined(separator: ", "))
            cells.append(factorCodes(r, .unknown).joined(separator: ", "))
            lines.append(cells)
        }
        var widths = [Int](repeating: 0, count: header.count)
        for line in lines { for (i, c) in line.enumerated() { widths[i] = max(widths[i], min(c.count, 48)) } }
        var out = ""
        for (n, line) in lines.enumerated() {
            let cells = line.enumerated().map { i, c -> String in
                let text = c.count > 48 ? String(c.prefix(47)) + "…" : c
                return i == line.count - 1 ? text : text + String(repeating: " ", count: widths[i] - text.count)
            }
            var text = cells.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }  // empty last columns leave no trailing spaces
            out += text + "\n"
            if n == 0 { out += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n" }
        }
        out += summaryLine()
        return out
    }

    func summaryLine() -> String {
        let n = rows.count
        switch lang {
        case .ru: return "\(year): \(n) \(Plural.russian(n, "школа", "школы", "школ"))\n"
        case .en: return "\(year): \(n) \(n == 1 ? "school" : "schools")\n"
        }
    }

    // MARK: - CSV

    /// CSV for Russian Excel: UTF-8 with BOM, `;`, CRLF, one row per school.
    public func csv() -> String { String(decoding: csvBytes(), as: UTF8.self) }

    /// The same CSV as bytes.
    public func csvBytes() -> [UInt8] { ClassificationCSV(self).bytes() }

    /// Streams the CSV into `sink`, rendering blocks of rows on `tuning.threads` threads
    /// (the bytes do not depend on it).
    public func writeCSV(to sink: inout ByteSink, tuning: Tuning = .default) throws(ByteSink.Failure) {
        try ClassificationCSV(self).write(to: &sink, threads: tuning.threads)
    }

    // MARK: - JSON

    /// The whole JSON document in memory: the plain reference for `writeJSON`, which must
    /// write the same bytes.
    public func json() -> String {
        JSONValue.object([
            ("ruleset", rulesetJSON()),
            ("year", .string(year.description)),
            ("schools", .array(rows.map(schoolJSON))),
        ]).rendered(pretty: true) + "\n"
    }

    /// Streams the JSON into `sink` as the schools are rendered (blocks of schools on
    /// `tuning.threads` threads), so memory does not grow with the document: the same bytes
    /// as `json()`.
    public func writeJSON(to sink: inout ByteSink, tuning: Tuning = .default, blockSchools: Int = 32) throws(ByteSink.Failure) {
        var head = "{\n  \"ruleset\": " + rulesetJSON().rendered(pretty: true, indent: 1)
        head += ",\n  \"year\": " + JSONValue.string(year.description).rendered(pretty: true)
        head += ",\n  \"schools\": " + (rows.isEmpty ? "[]" : "[")
        try sink.write(Array(head.utf8))
        try BlockStream.write(count: rows.count, to: &sink, threads: tuning.threads, blockItems: blockSchools) { range, buffer in
            for i in range {
                // Each school as an element of the `schools` array, two levels deep.
                let text = (i == 0 ? "\n    " : ",\n    ") + schoolJSON(rows[i]).rendered(pretty: true, indent: 2)
                buffer.append(contentsOf: text.utf8)
            }
        }
        try sink.write(Array(((rows.isEmpty ? "" : "\n  ]") + "\n}\n").utf8))
    }

    private func rulesetJSON() -> JSONValue {
        .object([("title", .string(book.header.title)), ("version", .string(book.header.version))])
    }

    /// One school's object: levels, groups, every factor with its explanation.
    private func schoolJSON(_ r: Int) -> JSONValue {
        let s = school(r)
        var levels: [(String, JSONValue)] = []
        for scale in book.scales {
            levels.append((scale.code, .object([
                ("code", .string(levelCode(scale: scale.index, row: r))),
                ("title", .string(levelText(scale: scale.index, row: r))),
            ])))
        }
        var factors: [JSONValue] = []
        for f in book.factors {
            let explanation = explainer.factor(f.index, row: r)
            var fields: [(String, JSONValue)] = [
                ("code", .string(f.code)), ("title", .string(f.title)),
                ("status", .string(explanation.status.code)),
                ("explanation", .string(explanation.text)),
            ]
            if !explanation.missing.isEmpty {
                fields.append(("missing", .array(explanation.missing.map { m in
                    .object([("indicator", .string(book.indicators[m.indicator].code)), ("year", .string(m.year.description))])
                })))
            }
            // Values there but not reliable enough (`надёжно если`): «недостаточно данных».
            if !explanation.insufficient.isEmpty {
                fields.append(("insufficient", .array(explanation.insufficient.map { m in
                    .object([("indicator", .string(book.indicators[m.indicator].code)), ("year", .string(m.year.description))])
                })))
            }
            factors.append(.object(fields))
        }
        return .object([
            ("id", .string(s.id)), ("name", .string(s.name)), ("municipality", .string(s.municipality)),
            ("year", .string(year.description)),
            ("levels", .object(levels)),
            ("groups", .array(groupCodes(r).map { .string($0) })),
            // Groups whose condition depends on missing data: neither in nor out.
            ("undecidedGroups", .array(book.groups.filter { outcomes.groups[$0.index][r] == .unknown }.map { .string($0.code) })),
            ("factors", .array(factors)),
        ])
    }

    // MARK: - Explain

    /// The full reasoning for one school, factor by factor.
    public func explain(row r: Int) -> String {
        let s = school(r)
        var out = "\(s.name) (\(s.id))" + (s.municipality.isEmpty ? "" : ", \(s.municipality)") + ", \(year)\n"
        out += "\(book.header.title)" + (book.header.version.isEmpty ? "" : " (\(lang == .ru ? "версия" : "version") \(book.header.version))") + "\n\n"
        for scale in book.scales {
            out += "\(scale.title): \(levelText(scale: scale.index, row: r))\n"
        }
        let groups = book.groups.filter { outcomes.groups[$0.index][r] == .triggered }.map(\.title)
        out += (lang == .ru ? "Группы: " : "Groups: ") + (groups.isEmpty ? "—" : groups.joined(separator: "; ")) + "\n"
        for g in book.groups {
            if let forecast = ExitForecast.of(group: g.index, row: r, outcomes) {
                out += "  " + ExitText.forecast(forecast, group: g.title, lang) + "\n"
            }
        }
        let undecided = book.groups.filter { outcomes.groups[$0.index][r] == .unknown }.map(\.title)
        if !undecided.isEmpty {
            out += (lang == .ru ? "Не определено из-за нехватки данных: " : "Undecided for lack of data: ") + undecided.joined(separator: "; ") + "\n"
        }
        out += "\n"
        out += (lang == .ru ? "Факторы риска:\n" : "Risk factors:\n")
        for f in book.factors {
            let e = explainer.factor(f.index, row: r)
            let mark: String
            switch e.status {
            case .triggered: mark = "[+]"
            case .notTriggered: mark = "[ ]"
            case .unknown: mark = "[?]"
            case .notApplicable: mark = "[–]"
            }
            out += "\(mark) \(f.title) — \(e.status.text(lang))\n    \(e.text)\n"
        }
        let measures = outcomes.measures.isEmpty ? [] : book.measures.filter { outcomes.measures[$0.index][r] }
        if !measures.isEmpty {
            out += "\n" + (lang == .ru ? "Меры из плана поддержки:\n" : "Support plan measures:\n")
            for m in measures { out += "  • \(m.title)\n" }
        }
        return out
    }
}
