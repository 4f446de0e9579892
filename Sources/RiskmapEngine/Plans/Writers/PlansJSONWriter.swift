import RiskmapLanguage

/// `plans.json`: everything a plan run produced, as one stable JSON document.
public enum PlansJSONWriter {
    /// The whole document from complete plans, in memory: the same parts (`head`, `element`,
    /// `tail`) `PlanDocuments.write` streams into `plans.json`.
    public static func json(_ plans: PlanSet) -> String {
        var out = head(plans)
        for (i, plan) in plans.schools.enumerated() { out += element(plan, plans.book, first: i == 0) }
        return out + tail(plans)
    }

    /// Up to the `schools` array's first element.
    static func head(_ plans: PlanSet) -> String {
        let book = plans.book
        var out = "{\n  \"format\": " + JSONValue.object([
            ("name", .string(PreviousPlans.formatName)), ("version", .int(PreviousPlans.formatVersion)),
        ]).rendered(pretty: true, indent: 1)
        out += ",\n  \"ruleset\": " + JSONValue.object([
            ("title", .string(book.header.title)), ("version", .string(book.header.version)),
            ("year", .string(book.header.year?.description ?? "")),
        ]).rendered(pretty: true, indent: 1)
        out += ",\n  \"dataYear\": " + JSONValue.string(plans.dataYear.description).rendered(pretty: true)
        out += ",\n  \"planYear\": " + JSONValue.string(plans.planYear.description).rendered(pretty: true)
        return out + ",\n  \"schools\": " + (plans.schools.isEmpty ? "[]" : "[")
    }

    /// A school as an element of the `schools` array, two levels deep.
    static func element(_ plan: SchoolPlan, _ book: CheckedRuleBook, first: Bool) -> String {
        (first ? "\n    " : ",\n    ") + school(plan, book).rendered(pretty: true, indent: 2)
    }

    /// After the last school: the roadmaps and the summary (from the outline: statuses only).
    static func tail(_ plans: PlanSet) -> String {
        let book = plans.book
        let municipalities: [JSONValue] = plans.municipalities.map { roadmap in
            .object([
                ("name", .string(roadmap.municipality)),
                ("schools", .array(roadmap.schools.map { .string(plans.schools[$0].school.id) })),
                ("roadmap", .array(roadmap.items.enumerated().map { n, item in
                    .object([("n", .int(n + 1))] + measureFields(item.measure, book) + [
                        ("scope", .string(book.measures[item.measure].scope.rawValue)),
                        ("schools", .array(item.schools.map { .string(plans.schools[$0].school.id) })),
                        ("deadline", deadline(item.deadline)),
                        ("responsible", .array(item.responsible.map { .string($0) })),
                        ("coExecutors", .array(item.coExecutors.map { .string($0) })),
                    ])
                })),
            ])
        }
        let summary = PlanSummary(plans)
        func counts(_ list: [PlanSummary.Count]) -> JSONValue {
            .array(list.map { .object([("code", .string($0.code)), ("title", .string($0.title)), ("schools", .int($0.schools))]) })
        }
        let summaryJSON = JSONValue.object([
            ("levels", .object(summary.levels.map { ($0.scale, counts($0.counts)) })),
            ("groups", counts(summary.groups)),
            ("factors", counts(summary.factors)),
            ("unknownFactors", counts(summary.unknownFactors)),
            ("workload", .array(summary.workload.map { w in
                .object([("who", .string(w.who)), ("responsible", .int(w.responsible)), ("coExecutor", .int(w.coExecutor)),
                         ("schoolLines", .int(w.schoolLines))])
            })),
        ])
        var out = plans.schools.isEmpty ? "" : "\n  ]"
        out += ",\n  \"municipalities\": " + JSONValue.array(municipalities).rendered(pretty: true, indent: 1)
        out += ",\n  \"summary\": " + summaryJSON.rendered(pretty: true, indent: 1)
        return out + "\n}\n"
    }

    static func deadline(_ d: ResolvedDeadline) -> JSONValue {
        var fields: [(String, JSONValue)] = []
        func iso(_ date: ResolvedDeadline.Day) -> String {
            let mm = date.month < 10 ? "0\(date.month)" : "\(date.month)"
            let dd = date.day < 10 ? "0\(date.day)" : "\(date.day)"
            return "\(date.year)-\(mm)-\(dd)"
        }
        if let date = d.date { fields.append(("date", .string(iso(date)))) }
        if let until = d.until { fields.append(("until", .string(iso(until)))) }
        if let f = d.frequency {
            let (times, per): (Int, String)
            switch f {
            case .monthly: (times, per) = (1, FrequencyPeriod.month.rawValue)
            case .quarterly: (times, per) = (1, FrequencyPeriod.quarter.rawValue)
            case .times(let n, let period): (times, per) = (n, period.rawValue)
            }
            fields.append(("frequency", .object([("times", .int(times)), ("per", .string(per))])))
        }
        fields.append(("text", .string(d.text)))
        return .object(fields)
    }
    static func measureFields(_ m: Int, _ book: CheckedRuleBook) -> [(String, JSONValue)] {
        let measure = book.measures[m]
        var fields: [(String, JSONValue)] = [("measure", .string(measure.code)), ("title", .string(measure.title))]
        if let r = measure.result { fields.append(("result", .string(r))) }
        if let b = measure.basis { fields.append(("basis", .string(b))) }
        return fields
    }

    /// One school's object (from its complete plan).
    static func school(_ plan: SchoolPlan, _ book: CheckedRuleBook) -> JSONValue {
        let levels: [(String, JSONValue)] = plan.levels.map { l in
            (book.scales[l.scale].code, .object([("code", .string(l.code)), ("title", .string(l.title))]))
        }
        let factors: [JSONValue] = plan.factors.map { f in
            var fields: [(String, JSONValue)] = [
                ("code", .string(book.factors[f.factor].code)), ("title", .string(book.factors[f.factor].title)),
                ("status", .string(f.explanation.status.code)), ("explanation", .string(f.explanation.text)),
            ]
            if !f.explanation.missing.isEmpty {
                fields.append(("missing", .array(f.explanation.missing.map { m in
                    .object([("indicator", .string(book.indicators[m.indicator].code)), ("year", .string(m.year.description))])
                })))
            }
            // Values there but not reliable enough (`надёжно если`): «недостаточно данных».
            if !f.explanation.insufficient.isEmpty {
                fields.append(("insufficient", .array(f.explanation.insufficient.map { m in
                    .object([("indicator", .string(book.indicators[m.indicator].code)), ("year", .string(m.year.description))])
                })))
            }
            return .object(fields)
        }
        let items: [JSONValue] = plan.items.enumerated().map { n, item in
            .object([("n", .int(n + 1))] + measureFields(item.measure, book) + [
                ("factors", .array(item.factors.map { .string(book.factors[$0].code) })),
                ("deadline", deadline(item.deadline)),
                ("responsible", .array(item.responsible.map { .string($0) })),
                ("coExecutors", .array(item.coExecutors.map { .string($0) })),
            ])
        }
        let requests: [JSONValue] = plan.dataToSupply.map { r in
            let indicator = book.indicators[r.indicator]
            var fields: [(String, JSONValue)] = [
                ("indicator", .string(indicator.code)),
                ("title", .string(indicator.title)),
                ("year", .string(r.year.description)),
            ]
            // Where the value comes from (the rule book's `источник`); the school's plan leaves it out.
            if let source = indicator.source { fields.append(("source", .string(source))) }
            fields.append(("factors", .array(r.factors.map { .string(book.factors[$0].code) })))
            return .object(fields)
        }
        return .object([
            ("id", .string(plan.school.id)), ("name", .string(plan.school.name)),
            ("municipality", .string(plan.school.municipality)),
            ("levels", .object(levels)),
            ("groups", .array(plan.groups.map { .string(book.groups[$0].code) })),
            ("undecidedGroups", .array(plan.undecidedGroups.map { .string(book.groups[$0].code) })),
            ("factors", .array(factors)),
            ("plan", .array(items)),
            ("municipalMeasures", .array(plan.municipalMeasures.map { .string(book.measures[$0].code) })),
            ("dataToSupply", .array(requests)),
            ("targets", .array(plan.targets.map { target(of: $0, book) })),
            ("exits", .array(plan.exits.map { exit(of: $0, book) })),
        ])
    }

    /// A целевой показатель: values in the indicator's kind (yes/no as a boolean, a category
    /// by name, a percent in percentage points), `null` when unknown.
    static func target(of t: FactorTarget, _ book: CheckedRuleBook) -> JSONValue {
        let indicator = book.indicators[t.indicator]
        func value(_ v: Double?) -> JSONValue {
            guard let v else { return .null }
            switch indicator.kind {
            case .bool: return .bool(v != 0)
            case .category: return indicator.categories.indices.contains(Int(v)) ? .string(indicator.categories[Int(v)]) : .null
            case .count, .number, .percent, .text: return .number(Suggestion.number(v))
            }
        }
        let direction: String
        switch t.direction {
        case .atMost: direction = "atMost"
        case .atLeast: direction = "atLeast"
        case .exactly: direction = "exactly"
        }
        return .object([
            ("factor", .string(book.factors[t.factor].code)),
            ("indicator", .string(indicator.code)),
            ("direction", .string(direction)),
            ("baseline", value(t.baseline)), ("baselineYear", .string(t.baselineYear.description)),
            ("goal", value(t.goal)),
            ("steps", .array(t.steps.map { .object([("year", .string($0.year.description)), ("value", value($0.value))]) })),
            ("responsible", .array(t.responsible.map { .string($0) })),
        ])
    }

    /// When the school can expect to leave a group with an exit criterion: `years` (the
    /// criterion), `yearsWithout` (school years in a row without the condition so far),
    /// `remaining`, `undecided` (this year's condition is unknown: nothing can be promised)
    /// and, then, the `missing` data.
    static func exit(of e: GroupExitPlan, _ book: CheckedRuleBook) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("group", .string(book.groups[e.group].code)),
            ("years", .int(e.forecast.years)), ("yearsWithout", .int(e.forecast.yearsWithout)),
            ("remaining", .int(e.forecast.remaining)), ("undecided", .bool(e.forecast.undecided)),
        ]
        if !e.missing.isEmpty {
            fields.append(("missing", .array(e.missing.map { m in
                .object([("indicator", .string(book.indicators[m.indicator].code)), ("year", .string(m.year.description))])
            })))
        }
        return .object(fields)
    }
}
