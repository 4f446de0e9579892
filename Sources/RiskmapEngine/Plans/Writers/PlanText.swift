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

    /// One line on every Word page beside the page number (the methodology's title is in
    /// each document's header fields).
    func footer(version: String) -> String {
        t("Сформировано программой riskmap; методика, версия \(version).", "Produced by riskmap; rule book version \(version).")
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

    /// A measure the rule book gives every school of a group (`устраняет shnor`), whatever
    /// its factors: «каждой школе группы «ШНОР»».
    func everySchoolOf(_ groups: [String]) -> String {
        t((groups.count == 1 ? "каждой школе группы " : "каждой школе групп ") + groups.map(quoted).joined(separator: ", "),
          (groups.count == 1 ? "every school of the group " : "every school of the groups ") + groups.map(quoted).joined(separator: ", "))
    }

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

    // MARK: Summary (issue 13)

    func sparseYear(_ year: SchoolYear, decided: String, better: SchoolYear, betterDecided: String) -> String {
        t("за \(year) учебный год в данных мало сведений: определено \(decided) результатов факторов (за \(better) — \(betterDecided)). "
            + "Там, где данных нет, фактор «не определён», и школа может выглядеть благополучной, хотя это не так. "
            + "Постройте планы по \(better) учебному году (--year \(better)).",
          "the data of \(year) is sparse: \(decided) of the factor results are decided (\(better): \(betterDecided)). "
            + "Where data is missing a factor is undecided, and a school may look fine when it is not. "
            + "Make the plans from \(better) (--year \(better)).")
    }

    func manyUndetermined(_ n: Int, of total: Int, factors: Int) -> String {
        lang == .ru
            ? "У \(n) из \(schools(total)) больше трети из \(factorsCount(factors)) не определены из-за отсутствия данных "
                + "(в скобках — число неопределённых); их уровень риска может быть выше, чем показано:"
            : "\(n) of \(schools(total)) have more than a third of the \(factorsCount(factors)) undecided for lack of data "
                + "(the number undecided in parentheses); their risk may be higher than shown:"
    }

    func allUndetermined(_ n: Int, factors: Int) -> String {
        t("у всех \(schools(n)) больше трети из \(factorsCount(factors)) не определены из-за отсутствия данных; уровень риска школ может "
            + "быть выше, чем показано. Какие данные нужны, сказано в плане каждой школы.",
          "all \(schools(n)) have more than a third of the \(factorsCount(factors)) undecided for lack of data; their risk may be "
            + "higher than shown. Each school's plan lists the data needed.")
    }

    /// «2 (+2 ?)»: groups the school is in, and those missing data leaves undecided.
    func groupCount(_ n: Int, undecided: Int) -> String {
        undecided == 0 ? "\(n)" : t("\(n) (+\(undecided) не опр.)", "\(n) (+\(undecided) undec.)")
    }

    func workloadTruncated(shown: Int, total: Int) -> String {
        t("Показаны \(shown) самых загруженных из \(total); все — в roadmap.csv.", "The \(shown) busiest of \(total) are shown; roadmap.csv has them all.")
    }

    func figureSchools(_ n: Int) -> String { lang == .ru ? Plural.russian(n, "школа", "школы", "школ") : (n == 1 ? "school" : "schools") }
    func figureUndecided(_ n: Int) -> String { t("ещё \(n) — не определено", "\(n) more undecided") }
    var figureUndecidedSchools: String { t("школ с неопределённой группой или уровнем", "schools with an undecided group or level") }
    var figureRoadmapLines: String { t("мероприятий в дорожной карте", "roadmap measures") }
    func figureSchoolItems(_ n: Int) -> String { t("\(n) — в планах школ", "\(n) in school plans") }
    var regionalSummaryTitle: String { t("Сводка по региону", "Regional summary") }
    var municipalitiesHeading: String { t("Муниципалитеты", "Municipalities") }
    var municipalitiesNote: String {
        t("В каждом муниципалитете — своя папка: сводка, дорожная карта, шаблон отчёта и планы школ. Название — ссылка на сводку муниципалитета.",
          "Each municipality has its own folder: summary, roadmap, report template and school plans. A name links to the municipality's summary.")
    }
    var undecidedSchoolsColumn: String { t("Не опре\u{AD}делена группа или уровень", "Group or level unde\u{AD}cided") }
    var roadmapLinesColumn: String { t("Строк дорож\u{AD}ной карты", "Road\u{AD}map lines") }
    var groupsLevelsHeading: String { t("Группы и уровни риска", "Groups and risk levels") }
    var groupColumns: [String] { [t("Группа", "Group"), t("Входят", "In"), t("Не определено", "Undecided"), t("Не входят", "Not in")] }
    var statusTriggered: String { t("сработал", "triggered") }
    var statusUnknown: String { t("не определён", "undecided") }
    var statusNotTriggered: String { t("не сработал", "not triggered") }
    var statusNotApplicable: String { t("не применяется", "not applicable") }
    var barColumn: String { t("Школы", "Schools") }
    var barNumbers: String { t("Сраб. / не опр. / нет", "Trig. / undec. / not") }
    var countTriggered: String { t("Сра\u{AD}бо\u{AD}тало", "Trig\u{AD}gered") }
    var countUnknown: String { t("Не опре\u{AD}делено", "Unde\u{AD}cided") }
    var schoolsNoteCompact: String {
        t("От более высокого уровня к более низкому; «?» у группы — не определено. Название школы — ссылка на её план.",
          "Highest level first; “?” after a group: undecided. A school's name links to its plan.")
    }

    // MARK: Documents (issue 13): shared

    var warningLabel: String { t("Внимание.", "Note.") }
    var signatureLine: String { "____________________ " + t("(подпись)", "(signature)") }
    var signatureNameBlank: String { "____________________ " + t("(Ф. И. О.)", "(name)") }
    var signatureDate: String { t("«___» ____________ 20___ г.", "date: ____________") }
    var signatureHint: String { t("подпись", "signature") }
    var nameHint: String { t("Ф. И. О.", "name") }
    var dateHint: String { t("дата", "date") }
    var approvalHeading: String { t("Согласование", "Approval") }

    // MARK: Annex: the methodology's sources

    var annexHeading: String { t("Приложение. Основания методики", "Annex. Sources of the methodology") }
    var annexIntro: String {
        t("Основания положений методики, по которым составлен план. Они ссылаются на документы-образцы, по которым написана "
            + "методика (в том числе других муниципалитетов); для школы они справочные.",
          "The sources of the provisions of the methodology this plan follows. They cite the model documents the methodology "
            + "was written from (other municipalities' among them); they are for reference.")
    }
    var annexColumns: [String] { [t("Положение", "Provision"), t("Основание", "Source")] }
    var annexMethodology: String { t("Методика", "Methodology") }
    var annexGroup: String { t("Группа", "Group") }
    func annexFactor(_ n: Int) -> String { t("Фактор \(n)", "Factor \(n)") }
    var annexMeasuresElsewhere: String {
        t("Основания мероприятий плана — в приложении 2 «Основания мероприятий» к муниципальной дорожной карте (roadmap): "
            + "они одни для всех школ муниципалитета.",
          "The sources of the plan's measures are in annex 2, “Sources of the measures”, of the municipal roadmap (roadmap): "
            + "they are the same for every school of the municipality.")
    }
    var directorRole: String { t("Директор школы", "Head of the school") }
    /// The passport's line for the school's head (when the directory names them).
    var director: String { t("Директор", "Head") }
    var authorityRole: String { t("Руководитель органа управления образованием муниципалитета", "Head of the municipal education authority") }
    var otherMeasures: String { t("Прочие мероприятия", "Other measures") }
    var noData: String { t("нет данных", "no data") }
    var fillInColumn: String { t("Отметка об исполнении", "Done (mark)") }
    var numberColumn: String { t("№", "No.") }
    var measureColumn: String { t("Мероприятие", "Measure") }
    var deadlineColumn: String { t("Срок", "Deadline") }
    var responsibleColumn: String { t("Ответственный", "Responsible") }
    var resultColumn: String { t("Ожидаемый результат", "Expected result") }

    func factorsCount(_ n: Int) -> String {
        lang == .ru ? "\(n) \(Plural.russian(n, "фактор", "фактора", "факторов"))" : "\(n) \(n == 1 ? "factor" : "factors")"
    }

    // MARK: Documents: school plan

    /// «устраняет факторы 1, 3» (the numbers of «Почему школа в программе»).
    func addressesFactors(_ numbers: [Int]) -> String {
        guard !numbers.isEmpty else { return "" }
        let list = numbers.map(String.init).joined(separator: ", ")
        return numbers.count == 1 ? t("устраняет: фактор \(list)", "addresses: factor \(list)")
            : t("устраняет: факторы \(list)", "addresses: factors \(list)")
    }

    /// «по фактору 2», «по факторам 1, 2» (the numbers of «Почему школа в программе»).
    func forFactors(_ numbers: [Int]) -> String {
        guard !numbers.isEmpty else { return "" }
        let list = numbers.map(String.init).joined(separator: ", ")
        return numbers.count == 1 ? t("по фактору \(list)", "for factor \(list)") : t("по факторам \(list)", "for factors \(list)")
    }

    /// Under the targets table when one party answers for all of them.
    func targetsResponsible(_ who: String) -> String {
        t("Ответственный за достижение целевых показателей: \(who).", "Responsible for the targets: \(who).")
    }

    /// «Ответственные за достижение целевых показателей: 1–3, 5 — X; 4 — Y.»
    func targetsResponsibleByRows(_ groups: [(who: String, rows: [Int])]) -> String {
        let list = groups.map { g in g.rows.map(String.init).joined(separator: ", ") + " — " + g.who }.joined(separator: "; ")
        return t("Ответственные за достижение целевых показателей (по номерам строк): \(list).",
                 "Responsible for the targets (by row number): \(list).")
    }

    /// Triggered factors without a target, by their numbers in «Почему школа в программе».
    /// Said without a reason: the rule book's factors without `цель` are of several kinds (a
    /// condition such as distance or families' incomes, a newly appointed head, grading that
    /// swings between years), and none of them may be called a condition the school cannot
    /// change for all of them.
    func noTargets(_ numbers: [Int]) -> String {
        let list = numbers.map(String.init).joined(separator: ", ")
        return numbers.count == 1
            ? t("По фактору \(list) методика не задаёт целевого показателя; его отслеживают по исполнению мероприятий плана.",
                "The rule book sets no target for factor \(list); it is followed through the measures of the plan.")
            : t("По факторам \(list) методика не задаёт целевых показателей; их отслеживают по исполнению мероприятий плана.",
                "The rule book sets no targets for factors \(list); they are followed through the measures of the plan.")
    }

    var responsibleFullNames: String {
        t("Ответственные, названные в таблице кратко:", "Responsible parties the table names in short:")
    }

    var whyHeading: String { t("Почему школа в программе", "Why the school is in the programme") }

    func inGroups(_ groups: [String]) -> String {
        groups.isEmpty
            ? t("По имеющимся данным школа не отнесена ни к одной группе риска.", "By the data, the school is in no risk group.")
            : t(groups.count == 1 ? "Школа отнесена к группе: " : "Школа отнесена к группам: ", groups.count == 1 ? "The school is in the group: " : "The school is in the groups: ")
                + groups.joined(separator: "; ") + "."
    }

    func undecidedGroupsLine(_ groups: [String]) -> String {
        t("Не определено из-за отсутствия данных, относится ли школа к группам: ", "Missing data leaves undecided whether the school is in: ")
            + groups.joined(separator: "; ") + "."
    }

    func triggeredIntro(_ n: Int) -> String {
        n == 0 ? t("Ни один фактор риска по имеющимся данным не сработал.", "No risk factor is triggered by the data.")
            : t("Сработавшие факторы риска (\(n)):", "Triggered risk factors (\(n)):")
    }

    /// One line for the factors that are not triggered, undecided or not applicable.
    func otherFactorsLine(notTriggered: Int, unknown: Int, notApplicable: Int) -> String {
        var parts: [String] = []
        if notTriggered > 0 { parts.append(t("не сработали — \(factorsCount(notTriggered))", "not triggered: \(factorsCount(notTriggered))")) }
        if notApplicable > 0 { parts.append(t("не применяются к школе — \(factorsCount(notApplicable))", "not applicable: \(factorsCount(notApplicable))")) }
        var line = parts.isEmpty ? "" : t("Остальные факторы: ", "Other factors: ") + parts.joined(separator: "; ") + "."
        if unknown > 0 {
            line += (line.isEmpty ? "" : " ")
                + t("Не определены из-за отсутствия данных — \(factorsCount(unknown)): это не значит, что риска нет; "
                        + "какие данные их определят, сказано в разделе «\(dataHeading)».",
                    "Undecided for lack of data: \(factorsCount(unknown)); this does not mean there is no risk — "
                        + "the data that would decide them is listed under “\(dataHeading)”.")
        }
        return line
    }

    var targetsHeading: String { t("Целевые показатели", "Target indicators") }
    var targetsNote: String {
        t("Базовое значение — по данным школы; цель и значения по годам — по методике. «\(noData)» — значение не рассчитано, "
            + "потому что нет базового значения или цели: это не значит, что показатель достигнут.",
          "The baseline is the school's value; the goal and the yearly values follow the rule book. “\(noData)”: the value "
            + "cannot be computed without a baseline or a goal — it does not mean the target is met.")
    }
    var indicatorColumn: String { t("Показатель", "Indicator") }
    var baselineColumn: String { t("Базовое значение", "Baseline") }
    var goalColumn: String { t("Цель", "Goal") }
    func byEndOf(_ year: SchoolYear) -> String { t("на конец \(year)", "by the end of \(year)") }

    func goal(_ value: String, _ direction: FactorTarget.Direction) -> String {
        switch direction {
        case .atMost: return t("не выше \(value)", "at most \(value)")
        case .atLeast: return t("не ниже \(value)", "at least \(value)")
        case .exactly: return value
        }
    }

    /// «Школа участвует в 26 мероприятиях муниципального уровня: пп. 1.3, 1.6 … дорожной карты …»
    func municipalLine(count: Int, numbers: [String], municipality: String) -> String {
        let list = numbers.joined(separator: ", ")
        return lang == .ru
            ? "Школа участвует в \(count) \(Plural.russian(count, "мероприятии", "мероприятиях", "мероприятиях")) муниципального уровня: "
                + "\(numbers.count == 1 ? "п." : "пп.") \(list) дорожной карты муниципалитета «\(municipality)» (roadmap.html); "
                + "там же — сроки, ответственные и ожидаемые результаты."
            : "The school takes part in \(count) municipality-level \(count == 1 ? "measure" : "measures"): "
                + "\(numbers.count == 1 ? "item" : "items") \(list) of the roadmap of “\(municipality)” (roadmap.html), "
                + "which gives their deadlines, responsible parties and expected results."
    }

    var dataIntroCompact: String {
        t("Без этих данных часть факторов остаётся «не определён»; после их предоставления план будет уточнён.",
          "Without these values some factors stay undecided; the plan will be refined once they are supplied.")
    }

    func dataYearLine(_ year: SchoolYear) -> String { t("за \(year) учебный год: ", "for \(year): ") }




    // MARK: Documents: roadmap

    var goalHeading: String { t("Цель и задачи", "Goal and tasks") }
    var roadmapGoal: String {
        t("Цель: повышение качества образования в школах с рисками снижения образовательных результатов — школах с низкими "
            + "результатами обучения и школах, функционирующих в неблагоприятных социальных условиях, — через адресную "
            + "поддержку каждой школы по выявленным у неё факторам риска.",
          "Goal: better education in schools at risk of low results — schools with low results and schools in adverse social "
            + "conditions — through support addressed to each school's risk factors.")
    }
    var roadmapTasks: [String] {
        [t("выявить школы с рисками снижения образовательных результатов и факторы риска каждой из них по данным мониторинга;",
           "identify the schools at risk and each school's risk factors from the monitoring data;"),
         t("обеспечить каждую такую школу планом поддержки с целевыми показателями, сроками и ответственными;",
           "give each such school a support plan with target indicators, deadlines and responsible parties;"),
         t("организовать методическую, кадровую и организационную поддержку школ на муниципальном уровне;",
           "organise methodological, staffing and organisational support of the schools at the municipal level;"),
         t("ежегодно отслеживать выполнение планов и достижение целевых показателей, уточнять перечень школ по новым данным.",
           "monitor every year how the plans are carried out and the targets met, and update the list of schools with new data.")]
    }
    var tasksLabel: String { t("Задачи:", "Tasks:") }
    var schoolsCountColumn: String { t("Школ", "Schools") }
    var roadmapMeasuresHeading: String { t("План мероприятий", "Plan of measures") }
    func roadmapCountNote(_ n: Int) -> String {
        t("Графа «Школ» — число школ, которым нужно мероприятие (из \(schools(n))); перечень — в приложении.",
          "“Schools”: how many schools need the measure (of \(schools(n))); the list is in the annex.")
    }
    var allSchools: String { t("все", "all") }
    var roadmapAnnexHeading: String { t("Приложение 1. Школы и пункты дорожной карты", "Annex 1. Schools and roadmap items") }
    var roadmapAnnexColumns: [String] { [t("№", "No."), t("Школа", "School"), t("Пункты дорожной карты", "Roadmap items")] }
    var roadmapBasesHeading: String { t("Приложение 2. Основания мероприятий", "Annex 2. Sources of the measures") }
    var roadmapBasesIntro: String {
        t("Основания мероприятий дорожной карты и планов школ: документы-образцы, по которым написана методика (в том числе "
            + "других муниципалитетов). Они справочные: сроки, ответственные и ожидаемые результаты — в таблицах выше.",
          "The sources of the measures of the roadmap and the schools' plans: the model documents the methodology was written "
            + "from (other municipalities' among them). They are for reference: deadlines, responsible parties and expected "
            + "results are in the tables above.")
    }
    var roadmapBasesColumns: [String] { [t("№", "No."), t("Мероприятие", "Measure"), t("Основание", "Source")] }
    var municipalMark: String { t("муниципальный уровень", "municipal level") }

    // MARK: Documents: report template

    var reportIntroHeading: String { t("Порядок представления отчёта", "How to report") }
    func reportWho(_ planYear: SchoolYear) -> [String] {
        [t("Отчитывается ответственный за мероприятие (графа «Ответственный»); по мероприятиям школы — директор школы.",
           "The party responsible for a measure reports on it (column “Responsible”); for the school's measures, the head of the school."),
         t("Отметка о выполнении — не позднее 10 рабочих дней после срока мероприятия; сводный отчёт муниципалитета — до 30 июня \(planYear.start + 1) г.",
           "Each measure is reported within 10 working days after its deadline; the municipality's summary report by 30 June \(planYear.start + 1)."),
         t("Статус: «выполнено», «выполняется», «не выполнено» (с причиной).",
           "Status: “done”, “in progress”, “not done” (with the reason).")]
    }
    var reportSchoolsColumn: String { t("Школы", "Schools") }
    var reportDoneColumn: String { t("Выполнено (содержание ответа)", "Done (content of the answer)") }
    var reportStatusColumn: String { t("Статус", "Status") }
    var reportSchoolSheet: String { t("Лист школы", "School sheet") }
    var reportSchoolMeasures: String { t("Мероприятия школы", "The school's measures") }
    var reportTargets: String { t("Целевые показатели", "Target indicators") }
    var reachedColumn: String { t("Достигнуто", "Reached") }
    var commentColumn: String { t("Комментарий", "Comment") }
    var reportNoSchoolMeasures: String {
        t("Мероприятий школьного уровня нет; школа отчитывается по муниципальным мероприятиям, в которых участвует.",
          "No school-level measures; the school reports on the municipal measures it takes part in.")
    }
    var reportFor: String { t("Отчётный период", "Period") }
    func schoolYearText(_ y: SchoolYear) -> String { t("\(y) учебный год", "school year \(y)") }

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
