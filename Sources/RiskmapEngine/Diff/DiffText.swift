import RiskmapLanguage

/// Every word of the `riskmap diff` reports, Russian and English side by side.
public struct DiffText: Sendable {
    public let lang: Lang

    public init(_ lang: Lang) { self.lang = lang }

    private func t(_ ru: String, _ en: String) -> String { lang == .ru ? ru : en }

    // MARK: - States

    func noData(_ year: SchoolYear) -> String { t("нет в данных за \(year)", "not in the data for \(year)") }
    var notDeclared: String { t("нет в методике", "not in the rule book") }
    func member(_ yes: Bool) -> String { yes ? t("входит", "in") : t("не входит", "out") }
    var undecided: String { t("не определено", "undecided") }
    func inPlan(_ yes: Bool) -> String { yes ? t("в плане", "in the plan") : t("нет в плане", "not in the plan") }

    // MARK: - Headings

    func title(_ d: OutcomeDiff) -> String {
        switch d.mode {
        case .rules: return t("Влияние изменения методики", "Impact of the rule change")
        case .years: return t("Движение школ: \(d.old.year) → \(d.new.year)", "Movement of schools: \(d.old.year) → \(d.new.year)")
        }
    }

    func subtitle(_ d: OutcomeDiff) -> String {
        switch d.mode {
        case .rules:
            return t("Учебный год \(d.new.year); школ: \(d.new.schoolCount)", "School year \(d.new.year); \(d.new.schoolCount) schools")
        case .years:
            return t("Методика: \(d.new.book.header.title)", "Rule book: \(d.new.book.header.title)")
        }
    }

    func sides(_ d: OutcomeDiff) -> (String, String) {
        switch d.mode {
        case .rules: return (t("было", "before"), t("стало", "after"))
        case .years: return (d.old.year.description, d.new.year.description)
        }
    }

    func bookLabel(_ book: CheckedRuleBook) -> String {
        book.header.title + (book.header.version.isEmpty ? "" : t(" (версия ", " (version ") + book.header.version + ")")
    }

    var ruleChangesHeading: String { t("Изменения в методике", "Changes to the rule book") }
    var countsHeading: String { t("Число школ", "Number of schools") }
    var schoolsHeading: String { t("Школы, у которых изменился результат", "Schools whose outcome changed") }
    var movementHeading: String { t("Движение по группам и уровням", "Movement by group and level") }
    var chartHeading: String { t("Число школ в группах и на уровнях: до и после", "Schools in each group and at each level: before and after") }
    var noRuleChanges: String {
        t("Методика не изменилась: объявления совпадают (комментарии и оформление не в счёт).",
          "The rule book did not change: the declarations are the same (comments and layout aside).")
    }
    var noSchoolChanges: String { t("Ни у одной школы результат не изменился.", "No school's outcome changed.") }
    func unchangedFactors(_ n: Int) -> String {
        t("Ещё \(n) \(Plural.russian(n, "фактор", "фактора", "факторов")) без изменений.", "\(n) more \(n == 1 ? "factor" : "factors") unchanged.")
    }
    func summary(_ d: OutcomeDiff) -> String {
        let n = d.schools.count
        let declarations = d.rules.changes.count
        switch (d.mode, lang) {
        case (.rules, .ru):
            return "Изменено \(declarations) \(Plural.russian(declarations, "объявление", "объявления", "объявлений")); результат изменился у \(n) \(Plural.russian(n, "школы", "школ", "школ"))"
        case (.rules, .en):
            return "\(declarations) \(declarations == 1 ? "declaration" : "declarations") changed; \(n) \(n == 1 ? "school's outcome" : "schools' outcomes") changed"
        case (.years, .ru):
            return "Результат изменился у \(n) \(Plural.russian(n, "школы", "школ", "школ"))"
        case (.years, .en):
            return "\(n) \(n == 1 ? "school's outcome" : "schools' outcomes") changed"
        }
    }

    // MARK: - Items

    func kind(_ k: OutcomeDiff.ItemKind) -> String {
        switch k {
        case .group: return t("Группа", "Group")
        case .level: return t("Уровень", "Level")
        case .factor: return t("Фактор", "Factor")
        case .measure: return t("Мера", "Measure")
        }
    }

    func kindPlural(_ k: OutcomeDiff.ItemKind) -> String {
        switch k {
        case .group: return t("Группы", "Groups")
        case .level: return t("Уровни", "Levels")
        case .factor: return t("Факторы", "Factors")
        case .measure: return t("Меры", "Measures")
        }
    }

    /// «ШНОР: не входит → входит».
    func change(_ c: OutcomeDiff.ItemChange) -> String {
        "\(c.title): \(c.before.text) → \(c.after.text)"
    }

    /// Measures, compactly by code: «+ support_interview, − olympiad_prep».
    func measures(_ changes: [OutcomeDiff.ItemChange]) -> String {
        changes.map { c in
            let sign = c.after.isPositive ? "+" : c.before.isPositive ? "−" : "?"
            return "\(sign) \(c.key.code)" + (c.after.isPositive || c.before.isPositive ? "" : ": \(c.before.text) → \(c.after.text)")
        }.joined(separator: ", ")
    }

    /// What a change did to the school: «входит в группу «ШНОР»», «уровень «…»: средний → высокий».
    func effect(_ c: OutcomeDiff.ItemChange) -> String {
        switch c.kind {
        case .group:
            if c.after.code == "in" { return t("входит в группу «\(c.title)»", "is in the group '\(c.title)'") }
            if c.before.code == "in" && c.after.code == "out" { return t("больше не входит в группу «\(c.title)»", "is no longer in the group '\(c.title)'") }
            return t("группа «\(c.title)»: \(c.before.text) → \(c.after.text)", "group '\(c.title)': \(c.before.text) → \(c.after.text)")
        case .level:
            return t("«\(c.title)»: \(c.before.text) → \(c.after.text)", "'\(c.title)': \(c.before.text) → \(c.after.text)")
        case .factor:
            return t("фактор «\(c.title)»: \(c.before.text) → \(c.after.text)", "factor '\(c.title)': \(c.before.text) → \(c.after.text)")
        case .measure:
            if c.after.isPositive { return t("мера «\(c.title)» в плане", "measure '\(c.title)' in the plan") }
            if c.before.isPositive { return t("мера «\(c.title)» убрана из плана", "measure '\(c.title)' out of the plan") }
            return t("мера «\(c.title)»: \(c.before.text) → \(c.after.text)", "measure '\(c.title)': \(c.before.text) → \(c.after.text)")
        }
    }

    var causeLabel: String { t("Причина", "Cause") }
    var whyLabel: String { t("Почему", "Why") }
    var noCause: String {
        t("изменённое объявление, от которого зависит результат, не найдено", "no changed declaration this outcome depends on was found")
    }
    var dataChanged: String { t("изменились данные школы", "the school's data changed") }
    /// «Фактор»: было — не сработал: …; стало — сработал: ….
    func evidence(_ e: OutcomeDiff.Evidence, sides: (String, String)) -> String {
        "«\(e.title)»: \(sides.0) — \(e.beforeStatus): \(e.before); \(sides.1) — \(e.afterStatus): \(e.after)"
    }

    /// The side before only (the sentence above gave the side after).
    func evidenceBefore(_ e: OutcomeDiff.Evidence, sides: (String, String)) -> String {
        "«\(e.title)»: \(sides.0) — \(e.beforeStatus): \(e.before)"
    }
    var exitLabel: String { t("Выход из группы", "Leaving the group") }

    // MARK: - Declarations

    func declarationKind(_ k: DeclarationKind) -> String {
        switch k {
        case .param: return t("Параметр", "Parameter")
        case .indicator: return t("Показатель", "Indicator")
        case .factor: return t("Фактор", "Factor")
        case .scale: return t("Шкала", "Scale")
        case .group: return t("Группа", "Group")
        case .measure: return t("Мера", "Measure")
        case .role: return t("Роль", "Role")
        case .direction: return t("Направление", "Direction")
        }
    }

    func aspect(_ a: DeclarationChange.Aspect) -> String {
        switch a {
        case .value: return t("значение", "value")
        case .title: return t("название", "title")
        case .type: return t("тип", "type")
        case .range: return t("диапазон", "range")
        case .formula: return t("формула", "formula")
        case .reliable: return t("надёжно если", "reliable when")
        case .pooling: return t("объединение лет", "pooled years")
        case .applies: return t("применяется если", "applies when")
        case .condition: return t("условие", "condition")
        case .targets: return t("цели", "targets")
        case .levels: return t("уровни", "levels")
        case .exit: return t("выход", "exit")
        case .addresses: return t("устраняет", "addresses")
        case .onlyWhen: return t("только если", "only when")
        case .scope: return t("уровень", "scope")
        case .responsible: return t("ответственный", "responsible")
        case .coExecutors: return t("соисполнители", "co-executors")
        case .direction: return t("направление", "direction")
        case .signsPlan: return t("подписывает план", "signs plan")
        case .due: return t("срок", "due")
        case .result: return t("результат", "result")
        case .basis: return t("основание", "basis")
        }
    }

    /// The cover note's headline of a change: «Параметр vpr_fail_max «…»: 30 % → 25 %»,
    /// «Добавлена мера m «…»», «Фактор f «…»: изменено условие».
    public func headline(_ c: DeclarationChange) -> String {
        let name = "\(c.key.code) «\(c.title)»"
        switch c.kind {
        case .added:
            return t("Добавлен" + ending(c.key.kind) + " " + declarationKind(c.key.kind).lowercased(), "Added " + declarationKind(c.key.kind).lowercased()) + " " + name
        case .removed:
            return t((ending(c.key.kind).isEmpty ? "Удалён" : "Удален" + ending(c.key.kind)) + " " + declarationKind(c.key.kind).lowercased(), "Removed " + declarationKind(c.key.kind).lowercased()) + " " + name
        case .changed:
            if c.details.count == 1, c.details[0].aspect == .value, let o = c.details[0].old, let n = c.details[0].new {
                return "\(declarationKind(c.key.kind)) \(name): \(o) → \(n)"
            }
            return "\(declarationKind(c.key.kind)) \(name): " + t("изменено", "changed") + " " + c.details.map { aspect($0.aspect) }.joined(separator: ", ")
        }
    }

    /// The Russian past participle's ending for the kind's gender: «Добавлен параметр», «Добавлена мера».
    private func ending(_ k: DeclarationKind) -> String {
        switch k {
        case .param, .indicator, .factor: return ""
        case .direction: return "о"
        case .scale, .group, .measure, .role: return "а"
        }
    }

    /// One detail: «условие: было «a», стало «b»».
    public func detail(_ d: DeclarationChange.Detail) -> String {
        switch (d.old, d.new) {
        case (let o?, let n?): return aspect(d.aspect) + ": " + t("было", "was") + " «\(o)», " + t("стало", "now") + " «\(n)»"
        case (nil, let n?): return aspect(d.aspect) + ": «\(n)»" + (d.aspect == .exit || d.aspect == .applies || d.aspect == .onlyWhen ? t(" (добавлено)", " (added)") : "")
        case (let o?, nil): return aspect(d.aspect) + ": " + t("убрано", "removed") + " «\(o)»"
        case (nil, nil): return aspect(d.aspect)
        }
    }

    /// «Параметр vpr_fail_max «…»: 30 % → 25 %: «Спасская СОШ» входит в группу «ШНОР»: …».
    func causeSentence(_ cause: OutcomeDiff.Cause, school: String) -> String {
        let head = cause.change.map(headline) ?? noCause
        // Groups first, then levels, factors; measures only when nothing else changed.
        let shown = cause.effects.filter { $0.kind != .measure }
        var out = head + ": «\(school)» " + (shown.isEmpty ? Array(cause.effects.prefix(3)) : shown).map(effect).joined(separator: "; ")
        let measures = cause.effects.count - (shown.isEmpty ? min(3, cause.effects.count) : shown.count)
        if measures > 0 { out += t(" (и ещё \(measures) \(Plural.russian(measures, "мера", "меры", "мер")) плана)", " (and \(measures) plan \(measures == 1 ? "measure" : "measures"))") }
        if let e = cause.evidence.first { out += ": " + e.after }
        return out
    }

    // MARK: - Movement

    var entered: String { t("вошли", "entered") }
    var left: String { t("вышли", "left") }
    var stayed: String { t("остались", "stayed") }
    var undecidedSide: String { t("не определено на одной из сторон", "undecided on one side") }

    // MARK: - Tables

    var countHeader: [String] { [t("Что", "What"), t("Было", "Before"), t("Стало", "After"), t("Разница", "Change")] }
    func countHeader(_ d: OutcomeDiff) -> [String] {
        let (a, b) = sides(d)
        return [t("Что", "What"), a.prefix(1).uppercased() + a.dropFirst(), b.prefix(1).uppercased() + b.dropFirst(), t("Разница", "Change")]
    }
    var schoolHeader: [String] { [t("Код", "Id"), t("Школа", "School"), t("Что изменилось", "What changed"), t("Причина", "Cause")] }
    func delta(_ n: Int) -> String { n > 0 ? "+\(n)" : n < 0 ? "−\(-n)" : "0" }
    func withUnknown(_ n: Int, unknown: Int) -> String {
        unknown == 0 ? "\(n)" : t("\(n) (не опр. \(unknown))", "\(n) (undecided \(unknown))")
    }
}
