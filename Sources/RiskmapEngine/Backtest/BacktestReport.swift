import RiskmapLanguage

/// A backtest for people (text) and programs (JSON), Russian and English side by side.
public struct BacktestReport {
    public let backtest: Backtest
    public let lang: Lang
    let explainer: Explainer

    public init(_ backtest: Backtest, lang: Lang) {
        self.backtest = backtest
        self.lang = lang
        explainer = Explainer(backtest.outcomes, lang: lang)
    }

    private var book: CheckedRuleBook { backtest.outcomes.book }
    private var profiles: ProfileSet { backtest.outcomes.profiles }

    func t(_ ru: String, _ en: String) -> String { lang == .ru ? ru : en }

    func schools(_ n: Int) -> String {
        lang == .ru ? "\(n) \(Plural.russian(n, "школа", "школы", "школ"))" : "\(n) \(n == 1 ? "school" : "schools")"
    }

    func percent(_ v: Double?) -> String {
        guard let v else { return "—" }
        return NumberFormat.decimal(v * 100, digits: 1, lang: lang) + " %"
    }

    func schoolText(_ r: Int) -> String {
        let s = profiles.school(row: r)
        return "\(s.id) «\(s.name)»"
    }

    /// The factors the group's condition reads, each with its explanation.
    func explanation(group g: Int, row r: Int) -> [String] {
        var factors: [Int] = []
        var scales: [Int] = []
        book.groups[g].condition.forEach { e in
            if case .factor(let f) = e.node, !factors.contains(f) { factors.append(f) }
            if case .scaleLevel(let s) = e.node, !scales.contains(s) { scales.append(s) }
        }
        var lines: [String] = []
        for s in scales {
            let l = backtest.outcomes.levels[s][r]
            let text = l >= 0 ? book.scales[s].levels[Int(l)].title : (l == Outcomes.unknownLevel ? ExplanationText.levelUnknown(lang) : ExplanationText.levelNone(lang))
            lines.append("\(book.scales[s].title): \(text)")
        }
        for f in factors {
            let e = explainer.factor(f, row: r)
            lines.append("[\(e.status.text(lang))] \(book.factors[f].title): \(e.text)")
        }
        return lines
    }

    public func text() -> String {
        var out = t("Сверка с перечнем", "Backtest against the list") + " — \(book.header.title)\n"
        if backtest.expertIndicators.isEmpty {
            out += t("В книге правил нет показателей с «источник экспертная оценка»: все совпадения — по измеренным показателям.\n",
                     "The rule book marks no input 'source expert judgement': every agreement is from measured indicators.\n")
        } else {
            out += t("Экспертные оценки (входные показатели): ", "Expert-judgement inputs: ")
                + backtest.expertIndicators.map { book.indicators[$0].code }.joined(separator: ", ") + "\n"
        }
        for r in backtest.results {
            let g = book.groups[r.group]
            out += "\n\(g.title) (\(g.code)), \(profiles.years[r.yearIndex])\n"
            let rows = [
                [t("в перечне", "on the list"), String(r.both.count), String(r.onlyList.count), String(r.listUndetermined.count)],
                [t("не в перечне", "not on the list"), String(r.onlyRiskmap.count), String(r.neither.count), String(r.unlistedUndetermined.count)],
            ]
            out += SweepReport.aligned([["", t("riskmap: входит", "riskmap: member"), t("не входит", "not a member"), t("не определён", "undetermined")]] + rows,
                                       numericFrom: 1)
            out += t("  в обоих: \(r.both.count); только в перечне: \(r.onlyList.count); только riskmap: \(r.onlyRiskmap.count); riskmap не определил: \(r.listUndetermined.count + r.unlistedUndetermined.count)\n",
                     "  in both: \(r.both.count); only on the list: \(r.onlyList.count); only riskmap: \(r.onlyRiskmap.count); riskmap undetermined: \(r.listUndetermined.count + r.unlistedUndetermined.count)\n")
            out += t("  полнота: \(r.both.count) из \(r.listed) (\(percent(r.recall))), «не определён» считается ненайденным\n",
                     "  recall: \(r.both.count) of \(r.listed) (\(percent(r.recall))), undetermined counts as not found\n")
            out += t("    из них по измеренным показателям: \(r.bothFromMeasured); держатся на экспертных оценках: \(r.bothFromExpert.count)\n",
                     "    of which from measured indicators: \(r.bothFromMeasured); resting on expert judgements: \(r.bothFromExpert.count)\n")
            if r.unlisted == 0 {
                out += t("  точность измерить нельзя: в файле нет школ, которых перечень не называет (проверяется только полнота)\n",
                         "  precision cannot be measured: the file holds no schools the list does not name (this measures recall only)\n")
            } else if r.precision == nil {
                out += t("  точность измерить нельзя: riskmap не отнёс к группе ни одной школы (не в перечне — \(schools(r.unlisted)), из них «не определён» — \(r.unlistedUndetermined.count))\n",
                         "  precision cannot be measured: riskmap put no school in the group (not on the list: \(schools(r.unlisted)), undetermined: \(r.unlistedUndetermined.count))\n")
            } else {
                out += t("  точность: \(r.both.count) из \(r.both.count + r.onlyRiskmap.count) (\(percent(r.precision))); не в перечне — \(schools(r.unlisted))\n",
                         "  precision: \(r.both.count) of \(r.both.count + r.onlyRiskmap.count) (\(percent(r.precision))); not on the list: \(schools(r.unlisted))\n")
            }
            let disagreements: [(String, [Int])] = [
                (t("только в перечне", "only on the list"), r.onlyList),
                (t("в перечне, riskmap не определил", "on the list, riskmap undetermined"), r.listUndetermined),
                (t("только riskmap", "only riskmap"), r.onlyRiskmap),
            ]
            for (label, rows) in disagreements {
                for row in rows {
                    out += "  [\(label)] \(schoolText(row))\n"
                    for line in explanation(group: r.group, row: row) { out += "      \(line)\n" }
                }
            }
        }
        for j in backtest.notCompared {
            out += t("Не сравнивается (нет в файле школ): \(j.schoolID), \(j.year), строка \(j.line)\n",
                     "Not compared (not in the schools file): \(j.schoolID), \(j.year), line \(j.line)\n")
        }
        return out
    }

    public func json() -> String {
        func ids(_ rows: [Int]) -> JSONValue { .array(rows.map { .string(profiles.school(row: $0).id) }) }
        func number(_ v: Double?) -> JSONValue { v.map { .number(NumberFormat.decimal($0, digits: 4, lang: .en)) } ?? .null }
        let groups: [JSONValue] = backtest.results.map { r in
            var disagreements: [JSONValue] = []
            for (kind, rows) in [("onlyList", r.onlyList), ("listUndetermined", r.listUndetermined), ("onlyRiskmap", r.onlyRiskmap)] {
                for row in rows {
                    disagreements.append(.object([("kind", .string(kind)), ("school", .string(profiles.school(row: row).id)),
                                                  ("explanation", .array(explanation(group: r.group, row: row).map { .string($0) }))]))
                }
            }
            return .object([
                ("group", .string(book.groups[r.group].code)), ("year", .string(profiles.years[r.yearIndex].description)),
                ("both", ids(r.both)), ("onlyList", ids(r.onlyList)), ("listUndetermined", ids(r.listUndetermined)),
                ("onlyRiskmap", ids(r.onlyRiskmap)), ("neither", ids(r.neither)), ("unlistedUndetermined", ids(r.unlistedUndetermined)),
                ("bothFromExpert", ids(r.bothFromExpert)), ("bothFromMeasured", .int(r.bothFromMeasured)),
                ("recall", number(r.recall)), ("precision", number(r.precision)), ("precisionMeasurable", .bool(r.unlisted > 0)),
                ("disagreements", .array(disagreements)),
            ])
        }
        let doc: JSONValue = .object([
            ("expertIndicators", .array(backtest.expertIndicators.map { .string(book.indicators[$0].code) })),
            ("groups", .array(groups)),
            ("notCompared", .array(backtest.notCompared.map { .object([("school", .string($0.schoolID)), ("year", .string($0.year.description)), ("line", .int($0.line))]) })),
        ])
        return doc.rendered(pretty: true) + "\n"
    }
}
