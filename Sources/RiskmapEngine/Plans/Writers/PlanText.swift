import RiskmapLanguage

/// Every phrase of the plan documents (school plans, roadmap, summary, report template),
/// in Russian and English. Nothing else in the writers spells out wording (how a deadline
/// reads is in `DeadlineText`).
struct PlanText {
    let lang: Lang

    init(_ lang: Lang) { self.lang = lang }

    private func t(_ ru: String, _ en: String) -> String { lang == .ru ? ru : en }

    var htmlLang: String { t("ru", "en") }
    var none: String { t("нет", "none") }
    var dash: String { "—" }

    // MARK: Counting words

    func schools(_ n: Int) -> String {
        lang == .ru ? "\(n) \(Plural.russian(n, "школа", "школы", "школ"))" : "\(n) \(n == 1 ? "school" : "schools")"
    }

    func municipalities(_ n: Int) -> String {
        lang == .ru ? "\(n) \(Plural.russian(n, "муниципалитет", "муниципалитета", "муниципалитетов"))"
            : "\(n) \(n == 1 ? "municipality" : "municipalities")"
    }

    func measures(_ n: Int) -> String {
        lang == .ru ? "\(n) \(Plural.russian(n, "мероприятие", "мероприятия", "мероприятий"))"
            : "\(n) \(n == 1 ? "measure" : "measures")"
    }

    // MARK: Shared header

    var school: String { t("Школа", "School") }
    var schoolID: String { t("Код школы", "School ID") }
    var municipality: String { t("Муниципалитет", "Municipality") }
    var planYear: String { t("Учебный год плана", "School year of the plan") }
    var dataYear: String { t("Данные за учебный год", "Data of the school year") }
    var ruleBook: String { t("Методика", "Rule book") }
    var groups: String { t("Группы", "Groups") }
    var undecidedGroups: String { t("Не определено (нет данных)", "Undecided (no data)") }

    func ruleBookLine(_ title: String, _ version: String) -> String {
        t("«\(title)», версия \(version)", "“\(title)”, version \(version)")
    }

    func forYear(_ plan: SchoolYear, data: SchoolYear) -> String {
        t("на \(plan) учебный год (по данным \(data) учебного года)",
          "for the \(plan) school year (based on data of \(data))")
    }

    func footer(_ title: String, _ version: String) -> String {
        t("Сформировано программой riskmap по методике «\(title)», версия \(version).",
          "Produced by riskmap with the rule book “\(title)”, version \(version).")
    }

    // MARK: School plan

    var schoolPlanTitle: String { t("План поддержки школы", "School support plan") }
    var factorsHeading: String { t("Факторы риска", "Risk factors") }
    var factorColumns: [String] { [t("Фактор", "Factor"), t("Статус", "Status"), t("Пояснение", "Explanation")] }
    var planHeading: String { t("План мероприятий", "Plan of measures") }
    var planColumns: [String] {
        [t("№", "No."), t("Мероприятие", "Measure"), t("Срок", "Deadline"),
         t("Ответственный (соисполнители)", "Responsible (co-executors)"), t("Ожидаемый результат", "Expected result")]
    }

    func addresses(_ factors: [String]) -> String {
        t("устраняет: ", "addresses: ") + factors.joined(separator: ", ")
    }

    func quoted(_ s: String) -> String { t("«\(s)»", "“\(s)”") }

    func coExecutors(_ list: [String]) -> String { t("соисполнители: ", "co-executors: ") + list.joined(separator: ", ") }

    /// Several responsible parties: «Управление образования; Руководитель ОО» (a title may
    /// hold a comma, so a semicolon separates them, as in every list of the documents).
    func responsibleList(_ who: [String]) -> String { who.joined(separator: "; ") }

    /// «Управление образования (соисполнители: Руководитель ОО)»
    func responsible(_ who: [String], _ co: [String]) -> String {
        co.isEmpty ? responsibleList(who) : "\(responsibleList(who)) (\(coExecutors(co)))"
    }

    var noRiskNoMeasures: String {
        t("Мероприятия не требуются: по имеющимся данным факторы риска не выявлены.",
          "No measures are needed: no risk factor is triggered by the data.")
    }

    var unknownNoMeasures: String {
        t("Мероприятия не назначены: по имеющимся данным факторы риска не выявлены, но часть факторов не определена — "
            + "см. раздел «Данные, которые необходимо предоставить».",
          "No measures are assigned: no risk factor is triggered by the data, but some factors are undecided — "
            + "see “Data to supply”.")
    }

    var noSchoolMeasures: String {
        t("Мероприятия школьного уровня по выявленным факторам методикой не предусмотрены.",
          "The rule book has no school-level measures for the triggered factors.")
    }

    var municipalHeading: String { t("Мероприятия муниципального уровня", "Municipality-level measures") }

    func municipalIntro(_ municipality: String) -> String {
        t("Проводятся муниципалитетом один раз для всех школ, которым они нужны; номера пунктов — по дорожной карте "
            + "муниципалитета «\(municipality)» (roadmap.md, roadmap.html).",
          "Carried out once by the municipality for all schools that need them; item numbers refer to the roadmap of "
            + "“\(municipality)” (roadmap.md, roadmap.html).")
    }

    func roadmapItem(_ n: Int) -> String { t("п. \(n) дорожной карты", "roadmap item \(n)") }
    func deadline(_ d: String) -> String { t("срок: \(d)", "deadline: \(d)") }
    func responsibleLabel(_ who: String, count: Int) -> String {
        count > 1 ? t("ответственные: \(who)", "responsible: \(who)") : t("ответственный: \(who)", "responsible: \(who)")
    }

    var dataHeading: String { t("Данные, которые необходимо предоставить", "Data to supply") }
    var dataIntro: String {
        t("Без этих данных перечисленные факторы остаются «не определён»; после их предоставления план будет уточнён.",
          "Without these values the listed factors stay undecided; the plan will be refined once they are supplied.")
    }
    var dataColumns: [String] {
        [t("№", "No."), t("Показатель", "Indicator"), t("Учебный год", "School year"),
         t("Нужен для факторов", "Needed for factors")]
    }

    // MARK: Roadmap

    var roadmapTitle: String { t("Дорожная карта поддержки школ", "School support roadmap") }
    var roadmapColumns: [String] {
        [t("№", "No."), t("Мероприятие", "Measure"), t("Срок", "Deadline"),
         t("Ответственный (соисполнители)", "Responsible (co-executors)"), t("Школы", "Schools"),
         t("Ожидаемый результат", "Expected result")]
    }
    var municipalScope: String { t("мера муниципального уровня", "municipality-level measure") }
    var roadmapNoItems: String { t("Мероприятия не требуются.", "No measures are needed.") }

    func roadmapSchools(total: Int, needing: Int) -> String {
        t("Школ: \(total), из них с мероприятиями: \(needing).", "Schools: \(total), with measures: \(needing).")
    }

    func roadmapIntro(_ schools: Int, _ municipalities: Int) -> String {
        t("Каждое мероприятие указано один раз для муниципалитета, со списком школ, которым оно нужно. Всего: "
            + "\(self.schools(schools)), \(self.municipalities(municipalities)).",
          "Every measure is listed once per municipality, with the schools that need it. In all: "
            + "\(self.schools(schools)), \(self.municipalities(municipalities)).")
    }

    var roadmapCSVColumns: [String] {
        [t("Муниципалитет", "Municipality"), t("№", "No."), t("Мероприятие", "Measure"), t("Уровень", "Scope"),
         t("Устраняет", "Addresses"), t("Срок", "Deadline"), t("Ответственный", "Responsible"),
         t("Соисполнители", "Co-executors"), t("Школы", "Schools"), t("Ожидаемый результат", "Expected result"),
         t("Основание", "Basis")]
    }

    func scope(_ s: MeasureScope) -> String {
        switch s {
        case .school: return t("школа", "school")
        case .municipality: return t("муниципалитет", "municipality")
        }
    }

    // MARK: Summary

    var summaryTitle: String { t("Сводка по школам", "Summary") }

    func summaryIntro(_ schools: Int, _ municipalities: Int) -> String {
        t("Всего: \(self.schools(schools)), \(self.municipalities(municipalities)).",
          "In all: \(self.schools(schools)), \(self.municipalities(municipalities)).")
    }

    var chartHeading: String { t("Распределение школ", "Schools by level, group and factor") }
    var chartNote: String {
        t("Длина полосы — доля школ; число — количество школ.", "Bar length is the share of schools; the number is the count.")
    }
    var groupsHeading: String { t("Группы", "Groups") }
    var triggeredHeading: String { t("Факторы риска: сработал", "Risk factors: triggered") }
    var unknownHeading: String { t("Факторы риска: не определён", "Risk factors: undecided") }
    var countColumns: [String] { [t("Категория", "Category"), t("Школ", "Schools"), t("Доля", "Share")] }
    var schoolsHeading: String { t("Школы по уровню риска", "Schools by risk level") }
    var schoolsNote: String {
        t("От более высокого уровня к более низкому (в порядке уровней шкалы).",
          "Highest level first (in the order of the scale's levels).")
    }
    var triggeredFactors: String { t("Сработавшие факторы", "Triggered factors") }
    var unknownFactors: String { t("Не определены", "Undecided") }
    // Soft hyphens (U+00AD) let the narrow count columns of the summary wrap on A4.
    var planItems: String { t("Меро\u{AD}прия\u{AD}тий", "Mea\u{AD}sures") }
    var dataRequests: String { t("Запро\u{AD}сов дан\u{AD}ных", "Data re\u{AD}quests") }
    var workloadHeading: String { t("Нагрузка на исполнителей", "Workload per responsible party") }
    var workloadNote: String {
        t("Считаются строки дорожной карты: одно мероприятие в одном муниципалитете.",
          "Counted in roadmap lines: one measure in one municipality.")
    }
    var workloadColumns: [String] {
        [t("Исполнитель", "Party"), t("Ответственный", "Responsible"), t("Соисполнитель", "Co-executor"),
         t("Школ в этих мероприятиях", "Schools in those lines")]
    }

    // MARK: Execution-report template

    var reportTitle: String {
        t("Отчёт о выполнении плана мероприятий по сопровождению школ", "Report on the execution of the school support plan")
    }
    var reportColumns: [String] {
        [t("№", "No."), t("Мероприятие", "Measure"), t("Сроки исполнения", "Deadline"),
         t("Выполнено (содержание ответа)", "Done (content of the answer)")]
    }
    var reportCSVColumns: [String] { [municipality] + reportColumns }
    /// Signature lines under each municipality's table: runs of `_` between spaces, which
    /// Markdown keeps as they are.
    var reportSignature: [String] {
        [t("Руководитель: ____________________ (подпись) ____________________ (Ф. И. О.)",
           "Head: ____________________ (signature) ____________________ (name)"),
         t("Дата: ____________________", "Date: ____________________")]
    }
    // MARK: Problems in the data (issue 14)

    var problemsHeading: String { t("Проблемы в данных", "Problems in the data") }

    func problemsIntro(errors: Int, warnings: Int) -> String {
        let counts = lang == .ru
            ? "\(errors) \(Plural.russian(errors, "ошибка", "ошибки", "ошибок")) и \(warnings) \(Plural.russian(warnings, "предупреждение", "предупреждения", "предупреждений"))"
            : "\(errors) \(errors == 1 ? "error" : "errors") and \(warnings) \(warnings == 1 ? "warning" : "warnings")"
        return t("В данных найдено \(counts). Значение с ошибкой считается отсутствующим, строка без кода школы или года не прочитана; "
                    + "остальные данные обработаны, и планы построены по ним. Исправьте данные и постройте планы заново. "
                    + "Тот же список — в manifest.json (раздел problems).",
                 "The data has \(counts). A value with an error counts as missing, a row without a school id or year was not read; "
                    + "the rest of the data was processed and the plans are based on it. Correct the data and make the plans again. "
                    + "The same list is in manifest.json (problems).")
    }

    var problemColumns: [String] { [t("№", "No."), t("Где", "Where"), t("Что не так", "What is wrong"), t("Школа", "School")] }
    var schoolProblemColumns: [String] { Array(problemColumns.prefix(3)) }

    func severity(_ s: Diagnostic.Severity) -> String {
        switch s {
        case .error: return t("ошибка", "error")
        case .warning: return t("предупреждение", "warning")
        case .note: return t("примечание", "note")
        }
    }

    func hint(_ help: String) -> String { t("подсказка: ", "hint: ") + help }

    func problemsTruncated(shown: Int, total: Int) -> String {
        t("Показаны первые \(shown) из \(total); полный список — в manifest.json.",
          "The first \(shown) of \(total) are shown; manifest.json has them all.")
    }

    var schoolProblemsHeading: String { t("Проблемы в данных школы", "Problems in this school's data") }
    var schoolProblemsIntro: String {
        t("Значения с ошибками считаются отсутствующими: план построен без них. Исправьте данные и постройте план заново.",
          "Values with errors count as missing: the plan was made without them. Correct the data and make the plan again.")
    }

    // MARK: Word documents (.docx)

    /// The `w:lang` of a Word document: spelling and the language Word shows.
    var wordLang: String { t("ru-RU", "en-US") }
    /// A line to sign on, or to write a name on when the directory has none.
    var signLine: String { "________________" }
    var signatureCaption: String { t("(подпись)", "(signature)") }
    var nameCaption: String { t("(расшифровка подписи)", "(name)") }
    /// Under each signatory: the day it was signed, written by hand.
    var signDateLine: String { t("«___» ______________ 20___ г.", "Date: ______________ 20___") }
    /// The page number in the footer: before the number, between it and the page count.
    var pageNumberParts: (before: String, between: String) { lang == .ru ? ("Стр. ", " из ") : ("Page ", " of ") }
    /// Shown instead of a document too large for a ZIP archive without ZIP64 (4 GiB).
    var wordTooLarge: String {
        t("Документ слишком велик для формата Word; используйте HTML- или Markdown-версию.",
          "The document is too large for Word; use the HTML or Markdown version.")
    }
}
