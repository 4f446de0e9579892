import Foundation
import Testing
@testable import RiskmapEngine
import RiskmapLanguage

/// What a reader sees: the explanation sentences (Russian with decimal comma and correct
/// plurals, English with `--lang en`). That the explanations follow the same meaning as
/// the executor is the differential tests' business (DifferentialTests).
@Suite struct ExplainerTests {
    // MARK: - Golden sentences on the starter rule book

    struct Golden: Sendable, CustomTestStringConvertible {
        var school: String
        var factor: String
        var status: Status
        var ru: String
        var en: String
        var testDescription: String { "\(school) \(factor)" }
    }

    static let goldens: [Golden] = [
        .init(school: "S1", factor: "staff_deficit", status: .triggered,
              ru: "(«Вакантные ставки педагогов» 4 / «Численность педагогов» 30) × 100 % = 13,3 % превышает порог 10 % (Методика, п. 2.3) (ФИОКО, проект «500+», фактор риска 2)",
              en: "(«Вакантные ставки педагогов» 4 / «Численность педагогов» 30) × 100 % = 13.3 % exceeds the threshold 10 % (Методика, п. 2.3) (ФИОКО, проект «500+», фактор риска 2)"),
        .init(school: "S1", factor: "equipment", status: .notTriggered,
              ru: "«Скорость интернета» 100 Мбит/с не ниже, чем порог 10 Мбит/с; «Центр «Точка роста»» — да",
              en: "«Скорость интернета» 100 Мбит/с is not below the threshold 10 Мбит/с; «Центр «Точка роста»» — yes"),
        .init(school: "S1", factor: "low_results", status: .triggered,
              ru: "2025/26: «ВПР, математика: доля отметок «2»» 31 % превышает порог 30 % (Методика, п. 3.1); "
                + "2024/25: «ВПР, математика: доля отметок «2»» 32,5 % превышает порог 30 % — так 2 года подряд; "
                + "«ЕГЭ, русский язык: средний балл» 62 ниже, чем 10-й процентиль по всем школам года (62,6); "
                + "изменение показателя «ЕГЭ, русский язык: средний балл» за год (−8) ниже, чем −5",
              en: "2025/26: «ВПР, математика: доля отметок «2»» 31 % exceeds the threshold 30 % (Методика, п. 3.1); "
                + "2024/25: «ВПР, математика: доля отметок «2»» 32.5 % exceeds the threshold 30 % — so for 2 years in a row; "
                + "«ЕГЭ, русский язык: средний балл» 62 is below the 10th percentile over all schools of the year (62.6); "
                + "the one-year change of 'ЕГЭ, русский язык: средний балл' (−8) is below −5"),
        .init(school: "S1", factor: "social", status: .notTriggered,
              ru: "«Доля обучающихся из малообеспеченных семей» 12 % не превышает порог 40 %",
              en: "«Доля обучающихся из малообеспеченных семей» 12 % does not exceed the threshold 40 %"),
        .init(school: "S2", factor: "equipment", status: .triggered,
              ru: "«Скорость интернета» 2 Мбит/с ниже, чем порог 10 Мбит/с; «Центр «Точка роста»» — нет (ФИОКО, проект «500+», фактор риска 1)",
              en: "«Скорость интернета» 2 Мбит/с is below the threshold 10 Мбит/с; «Центр «Точка роста»» — no (ФИОКО, проект «500+», фактор риска 1)"),
        .init(school: "S2", factor: "staff_deficit", status: .triggered,
              ru: "«Доля педагогов старше 55 лет» 50 % превышает 40 % (ФИОКО, проект «500+», фактор риска 2)",
              en: "«Доля педагогов старше 55 лет» 50 % exceeds 40 % (ФИОКО, проект «500+», фактор риска 2)"),
        .init(school: "S2", factor: "low_results", status: .notApplicable,
              ru: "не применяется: «Тип ОО» — ООШ, не входит в (СОШ, гимназия, лицей)",
              en: "not applicable: «Тип ОО» is ООШ, not one of (СОШ, гимназия, лицей)"),
        .init(school: "S3", factor: "staff_deficit", status: .notTriggered,
              ru: "(«Вакантные ставки педагогов» 0 / «Численность педагогов» 60) × 100 % = 0 % не превышает порог 10 % (Методика, п. 2.3); «Доля педагогов старше 55 лет» 20 % не превышает 40 %",
              en: "(«Вакантные ставки педагогов» 0 / «Численность педагогов» 60) × 100 % = 0 % does not exceed the threshold 10 % (Методика, п. 2.3); «Доля педагогов старше 55 лет» 20 % does not exceed 40 %"),
        .init(school: "S3", factor: "low_results", status: .unknown,
              ru: "нет данных: «ЕГЭ, русский язык: средний балл» (2024/25)",
              en: "no data: «ЕГЭ, русский язык: средний балл» (2024/25)"),
        .init(school: "S3", factor: "social", status: .unknown,
              ru: "нет данных: «Доля обучающихся из малообеспеченных семей» (2025/26)",
              en: "no data: «Доля обучающихся из малообеспеченных семей» (2025/26)"),
        .init(school: "S4", factor: "equipment", status: .unknown,
              ru: "нет данных: «Скорость интернета» (2025/26)",
              en: "no data: «Скорость интернета» (2025/26)"),
        .init(school: "S4", factor: "staff_deficit", status: .notTriggered,
              ru: "(«Вакантные ставки педагогов» 2 / «Численность педагогов» 20) × 100 % = 10 % не превышает порог 10 % (Методика, п. 2.3); «Доля педагогов старше 55 лет» 40 % не превышает 40 %",
              en: "(«Вакантные ставки педагогов» 2 / «Численность педагогов» 20) × 100 % = 10 % does not exceed the threshold 10 % (Методика, п. 2.3); «Доля педагогов старше 55 лет» 40 % does not exceed 40 %"),
    ]

    @Test("starter explanations, Russian and English", arguments: goldens)
    func golden(_ g: Golden) throws {
        let e = try Evaluated.starter()
        let ru = e.explain(g.factor, g.school)
        #expect(ru.status == g.status)
        #expect(ru.text == g.ru)
        let en = e.explain(g.factor, g.school, lang: .en)
        #expect(en.status == g.status)
        #expect(en.text == g.en)
    }

    @Test func statusWords() {
        #expect(Status.triggered.text(.ru) == "сработал")
        #expect(Status.notTriggered.text(.ru) == "не сработал")
        #expect(Status.unknown.text(.ru) == "не определён")
        #expect(Status.notApplicable.text(.ru) == "не применяется")
        #expect(Status.unknown.text(.en) == "unknown")
        #expect([Status.triggered, .notTriggered, .unknown, .notApplicable].map(\.code)
                == ["triggered", "not_triggered", "unknown", "not_applicable"])
    }

    // MARK: - Numbers

    @Test(arguments: [
        (13.3333, Lang.ru, "13,3"), (13.3333, .en, "13.3"), (0.456, .ru, "0,46"), (2.5, .ru, "2,5"),
        (10, .ru, "10"), (0, .ru, "0"), (-8, .ru, "−8"), (-0.001, .ru, "0"), (1234.56, .ru, "1234,6"),
        (0.05, .en, "0.05"), (99.95, .ru, "100"),
    ] as [(Double, Lang, String)])
    func decimal(_ v: Double, _ lang: Lang, _ expected: String) {
        #expect(NumberFormat.decimal(v, lang: lang) == expected)
    }

    @Test func valuesAndLiterals() {
        #expect(NumberFormat.value(13.333, .percent, lang: .ru) == "13,3 %")
        #expect(NumberFormat.value(12, .count, lang: .ru) == "12")
        #expect(NumberFormat.literal("12.5%", lang: .ru) == "12,5 %")
        #expect(NumberFormat.literal("12.5%", lang: .en) == "12.5 %")
        #expect(NumberFormat.literal("-2.5", lang: .ru) == "−2,5")
        #expect(NumberFormat.literal("-10.25%", lang: .ru) == "−10,25 %")
        #expect(NumberFormat.literal("7", lang: .en) == "7")
        #expect(NumberFormat.decimal(.nan, lang: .ru) == "—")
    }

    // MARK: - Sentences of every kind

    static let declarations = """
        indicator x "Икс" : number
        indicator y "Игрек" : number
        indicator n "Учащиеся" : count
        indicator p "Доля" : percent unit "п.п."
        indicator a "Признак" : bool
        indicator t "Тип" : category(СОШ, ООШ, "вечерняя школа")
        indicator note "Заметка" : text
        param lim "Порог" = 2.5 basis "Приказ № 1"
        param share "Доля-порог" = 12.5%

        """

    struct SentenceCase: Sendable, CustomTestStringConvertible {
        var condition: String
        var rows: [TestRow]
        var ru: String
        var en: String
        var testDescription: String { condition }
    }

    static let history: [TestRow] = [
        TestRow("S", year(2020), ["x": 1]), TestRow("S", year(2021), ["x": 1.5]),
        TestRow("S", year(2022), ["x": 3]), TestRow("S", year(2023), ["x": 4]),
        TestRow("S", year(2024), ["x": 5]), TestRow("S", year(2025), ["x": 7.25]),
    ]

    static let sentenceCases: [SentenceCase] = [
        .init(condition: "x > lim", rows: [TestRow("S", ["x": 3.75])],
              ru: "«Икс» 3,75 превышает порог 2,5 (Приказ № 1)",
              en: "«Икс» 3.75 exceeds the threshold 2.5 (Приказ № 1)"),
        .init(condition: "p >= share", rows: [TestRow("S", ["p": 12.5])],
              ru: "«Доля» 12,5 % п.п. не ниже, чем порог 12,5 %",
              en: "«Доля» 12.5 % п.п. is at least the threshold 12.5 %"),
        .init(condition: "n < 100", rows: [TestRow("S", ["n": 21])],
              ru: "«Учащиеся» 21 ниже, чем 100", en: "«Учащиеся» 21 is below 100"),
        .init(condition: "x = y", rows: [TestRow("S", ["x": 1, "y": 1])],
              ru: "«Икс» 1 равно «Игрек» 1", en: "«Икс» 1 equals «Игрек» 1"),
        .init(condition: "t = СОШ", rows: [TestRow("S", ["t": "СОШ"])],
              ru: "«Тип» — СОШ", en: "«Тип» — СОШ"),
        .init(condition: "t = ООШ", rows: [TestRow("S", ["t": "вечерняя школа"])],
              ru: "«Тип» — вечерняя школа, а не ООШ", en: "«Тип» is вечерняя школа, not ООШ"),
        .init(condition: "t in (СОШ, \"вечерняя школа\")", rows: [TestRow("S", ["t": "СОШ"])],
              ru: "«Тип» — СОШ, входит в (СОШ, вечерняя школа)", en: "«Тип» is СОШ, one of (СОШ, вечерняя школа)"),
        .init(condition: "a", rows: [TestRow("S", ["a": true])], ru: "«Признак» — да", en: "«Признак» — yes"),
        .init(condition: "not a", rows: [TestRow("S", ["a": false])], ru: "«Признак» — нет", en: "«Признак» — no"),
        .init(condition: "known(x)", rows: [TestRow("S", ["x": 1])],
              ru: "«Икс» 1: данные есть", en: "«Икс» 1: data present"),
        // A yes/no indicator compared with yes/no says what it is, never «1 равно 1».
        .init(condition: "a = yes", rows: [TestRow("S", ["a": true])], ru: "«Признак» — да", en: "«Признак» — yes"),
        .init(condition: "a = yes", rows: [TestRow("S", ["a": false])], ru: "«Признак» — нет", en: "«Признак» — no"),
        .init(condition: "a = no", rows: [TestRow("S", ["a": false])], ru: "«Признак» — нет", en: "«Признак» — no"),
        .init(condition: "a != yes", rows: [TestRow("S", ["a": true])], ru: "«Признак» — да", en: "«Признак» — yes"),
        .init(condition: "yes = a", rows: [TestRow("S", ["a": true])], ru: "«Признак» — да", en: "«Признак» — yes"),
        .init(condition: "a = yes", rows: [TestRow("S", ["x": 1])], ru: "нет данных: «Признак» (2025/26)",
              en: "no data: «Признак» (2025/26)"),
        // «известно(a) и a = да»: the comparison says the value; no «данные есть» beside it.
        .init(condition: "known(a) and a = yes", rows: [TestRow("S", ["a": true])], ru: "«Признак» — да", en: "«Признак» — yes"),
        .init(condition: "known(a) and a = yes", rows: [TestRow("S", ["a": false])], ru: "«Признак» — нет", en: "«Признак» — no"),
        .init(condition: "known(a) and a = yes", rows: [TestRow("S", ["x": 1])], ru: "«Признак»: нет данных",
              en: "«Признак»: no data"),
        .init(condition: "known(a)", rows: [TestRow("S", ["a": false])], ru: "«Признак»: данные есть", en: "«Признак»: data present"),
        .init(condition: "known(x) and x > 0", rows: [TestRow("S", ["x": 1])], ru: "«Икс» 1 превышает 0", en: "«Икс» 1 exceeds 0"),
        // «a = да или нет_данных(a) и …» with a = нет: the value, not also «данные есть».
        .init(condition: "a = yes or missing(a) and x > 5", rows: [TestRow("S", ["a": false])],
              ru: "«Признак» — нет", en: "«Признак» — no"),
        .init(condition: "a = yes or missing(a) and x > 5", rows: [TestRow("S", ["a": false, "x": 1])],
              ru: "«Признак» — нет; «Икс» 1 не превышает 5", en: "«Признак» — no; «Икс» 1 does not exceed 5"),
        .init(condition: "a = yes or missing(a) and x > 5", rows: [TestRow("S", ["x": 6])],
              ru: "«Признак»: нет данных; «Икс» 6 превышает 5", en: "«Признак»: no data; «Икс» 6 exceeds 5"),
        .init(condition: "missing(y)", rows: [TestRow("S", ["x": 1])],
              ru: "«Игрек»: нет данных", en: "«Игрек»: no data"),
        .init(condition: "x > 5 and y > 5", rows: [TestRow("S", ["x": 6, "y": 2])],
              ru: "«Игрек» 2 не превышает 5", en: "«Игрек» 2 does not exceed 5"),
        .init(condition: "x > 5 or y > 5", rows: [TestRow("S", ["x": 6, "y": 7])],
              ru: "«Икс» 6 превышает 5; «Игрек» 7 превышает 5", en: "«Икс» 6 exceeds 5; «Игрек» 7 exceeds 5"),
        .init(condition: "x / y > 1", rows: [TestRow("S", ["x": 5, "y": 2])],
              ru: "«Икс» 5 / «Игрек» 2 = 2,5 превышает 1", en: "«Икс» 5 / «Игрек» 2 = 2.5 exceeds 1"),
        .init(condition: "-x < -1.5", rows: [TestRow("S", ["x": 2])],
              ru: "−«Икс» 2 ниже, чем −1,5", en: "−«Икс» 2 is below −1.5"),
        .init(condition: "previous(x) > 4", rows: history,
              ru: "Икс в прошлом учебном году (5) превышает 4", en: "Икс last school year (5) exceeds 4"),
        .init(condition: "previous(x, 2) < 5", rows: history,
              ru: "Икс 2 года назад (4) ниже, чем 5", en: "Икс 2 years earlier (4) is below 5"),
        .init(condition: "previous(x, 5) < 5", rows: history,
              ru: "Икс 5 лет назад (1) ниже, чем 5", en: "Икс 5 years earlier (1) is below 5"),
        .init(condition: "change(x) > 2", rows: history,
              ru: "изменение показателя «Икс» за год (2,25) превышает 2",
              en: "the one-year change of 'Икс' (2.25) exceeds 2"),
        .init(condition: "x > 0 for 2 years", rows: history,
              ru: "2025/26: «Икс» 7,25 превышает 0; 2024/25: «Икс» 5 превышает 0 — так 2 года подряд",
              en: "2025/26: «Икс» 7.25 exceeds 0; 2024/25: «Икс» 5 exceeds 0 — so for 2 years in a row"),
        .init(condition: "x > 0 5 лет подряд", rows: history,
              ru: "2025/26: «Икс» 7,25 превышает 0; 2024/25: «Икс» 5 превышает 0; 2023/24: «Икс» 4 превышает 0; "
                + "2022/23: «Икс» 3 превышает 0; 2021/22: «Икс» 1,5 превышает 0 — так 5 лет подряд",
              en: "2025/26: «Икс» 7.25 exceeds 0; 2024/25: «Икс» 5 exceeds 0; 2023/24: «Икс» 4 exceeds 0; "
                + "2022/23: «Икс» 3 exceeds 0; 2021/22: «Икс» 1.5 exceeds 0 — so for 5 years in a row"),
        .init(condition: "x > 2 for 5 years", rows: history,
              ru: "2021/22: «Икс» 1,5 не превышает 2 — не 5 лет подряд", en: "2021/22: «Икс» 1.5 does not exceed 2 — not for 5 years in a row"),
        .init(condition: "x > 3 в 2 из последних 3 лет", rows: history,
              ru: "2025/26: «Икс» 7,25 превышает 3; 2024/25: «Икс» 5 превышает 3; 2023/24: «Икс» 4 превышает 3 — так в 2 из последних 3 лет",
              en: "2025/26: «Икс» 7.25 exceeds 3; 2024/25: «Икс» 5 exceeds 3; 2023/24: «Икс» 4 exceeds 3 — so in 2 of the last 3 years"),
        .init(condition: "x > 4.5 in 3 of last 5 years", rows: history,
              ru: "2023/24: «Икс» 4 не превышает 4,5; 2022/23: «Икс» 3 не превышает 4,5; 2021/22: «Икс» 1,5 не превышает 4,5 — не в 3 из последних 5 лет",
              en: "2023/24: «Икс» 4 does not exceed 4.5; 2022/23: «Икс» 3 does not exceed 4.5; 2021/22: «Икс» 1.5 does not exceed 4.5 — not in 3 of the last 5 years"),
        .init(condition: "x >= percentile(x, 1)", rows: [TestRow("T", ["x": 3]), TestRow("S", ["x": 1])],
              ru: "«Икс» 1 ниже, чем 1-й процентиль по всем школам года (1,02)",
              en: "«Икс» 1 is below the 1st percentile over all schools of the year (1.02)"),
        .init(condition: "x < percentile(x, 22 by t)", rows: [TestRow("T", ["x": 3, "t": "ООШ"]), TestRow("S", ["x": 1, "t": "ООШ"])],
              ru: "«Икс» 1 ниже, чем 22-й процентиль по школам с тем же значением «Тип» (1,44)",
              en: "«Икс» 1 is below the 22nd percentile over schools with the same 'Тип' (1.44)"),
        .init(condition: "x <= mean(x by municipality)", rows: [TestRow("T", ["x": 3]), TestRow("S", ["x": 1])],
              ru: "«Икс» 1 не превышает среднее по школам муниципалитета (2)",
              en: "«Икс» 1 does not exceed the mean over the municipality's schools (2)"),
        .init(condition: "note = \"ремонт\"", rows: [TestRow("S", ["note": "ремонт"])],
              ru: "«Заметка» — ремонт", en: "«Заметка» — ремонт"),
        .init(condition: "note = \"ремонт\"", rows: [TestRow("S", ["note": "другое"])],
              ru: "«Заметка» — другое, а не ремонт", en: "«Заметка» is другое, not ремонт"),
        .init(condition: "note != \"ремонт\"", rows: [TestRow("S", ["note": "другое"])],
              ru: "«Заметка» — другое, а не ремонт", en: "«Заметка» is другое, not ремонт"),
        .init(condition: "previous(note) = \"ремонт\"",
              rows: [TestRow("S", year(2024), ["note": "ремонт"]), TestRow("S", ["note": "другое"])],
              ru: "previous(note) — ремонт", en: "previous(note) — ремонт"),
        // Unknown without missing data: a division by zero shows the undecided comparison.
        .init(condition: "x / y > 1", rows: [TestRow("S", ["x": 2, "y": 0])],
              ru: "«Икс» 2 / «Игрек» 0 = нет данных > 1: нет данных",
              en: "«Икс» 2 / «Игрек» 0 = no data > 1: no data"),
        .init(condition: "rank(x) = 2", rows: [TestRow("T", ["x": 3]), TestRow("S", ["x": 1])],
              ru: "место в рейтинге по всем школам года (2) равно 2",
              en: "the rank over all schools of the year (2) equals 2"),
    ]

    @Test("one sentence per condition", arguments: sentenceCases)
    func sentence(_ c: SentenceCase) throws {
        let e = try Evaluated(Self.declarations + "factor f \"F\" { when \(c.condition) }\n", c.rows)
        let row = c.rows.last!
        #expect(e.explain("f", row.id, row.year).text == c.ru)
        #expect(e.explain("f", row.id, row.year, lang: .en).text == c.en)
    }

    @Test func russianPlurals() {
        let cases: [(Int, String)] = [(1, "год"), (2, "года"), (4, "года"), (5, "лет"), (11, "лет"), (12, "лет"),
                                      (14, "лет"), (21, "год"), (22, "года"), (25, "лет"), (101, "год"), (111, "лет")]
        for (n, word) in cases {
            #expect(ExplanationText.persistence(n, 1, .ru) == "так \(n) \(word) подряд")
        }
        #expect(ExplanationText.previous("Икс", years: 3, .ru) == "Икс 3 года назад")
        #expect(ExplanationText.previous("Икс", years: 21, .ru) == "Икс 21 год назад")
        #expect(ExplanationText.persistence(1, 1, .en) == "so for 1 year in a row")
        #expect(ExplanationText.persistence(3, .nan, .ru) == "нет данных за все 3 года")
    }

    /// An undecided `N лет подряд` asks only for the data of the years still undecided: a
    /// year in which the condition already holds needs nothing more (the explanation used
    /// to ask for its other missing values too).
    @Test func undecidedPersistenceAsksOnlyForUndecidedYears() throws {
        let e = try Evaluated("""
            indicator a "А" : number
            indicator b "Б" : number
            factor f "Ф" { when (a > 1 or b > 1) for 2 years }
            """, [TestRow("S", year(2024), ["a": .missing, "b": .missing]), TestRow("S", year(2025), ["a": 2, "b": .missing])])
        let x = e.explain("f")
        #expect(x.status == .unknown)
        #expect(x.missing == [MissingValue(indicator: 0, year: year(2024)), MissingValue(indicator: 1, year: year(2024))])
        #expect(x.text == "нет данных: «А» (2024/25), «Б» (2024/25)")
    }

    @Test func aParameterBasisIsCitedOnceAndOnlyWhenShort() throws {
        let long = String(repeating: "обоснование ", count: 10)
        let book = try checkedBook("""
        показатель x "Икс" : процент
        показатель y "Игрек" : процент
        параметр short_p "Порог" = 10% основание "Методика, п. 2.3"
        параметр long_p "Порог" = 20% основание "\(long)"
        фактор f "Ф" { если x > short_p и y > short_p }
        фактор g "Г" { если x > long_p }
        """)
        var profiles = ProfileSet(indicatorCount: 2, years: [SchoolYear(start: 2025)])
        let s = profiles.school(id: "S", name: "S", municipality: "")
        let r = profiles.appendRow(school: s, yearIndex: 0, line: 0)
        profiles.set(indicator: 0, row: r, value: 30)
        profiles.set(indicator: 1, row: r, value: 40)
        profiles.finish()
        let explainer = Explainer(Executor(Program(book: book)).run(profiles), lang: .ru)
        let f = explainer.factor(0, row: r).text
        #expect(f == "«Икс» 30 % превышает порог 10 % (Методика, п. 2.3); «Игрек» 40 % превышает порог 10 %")
        #expect(explainer.factor(1, row: r).text == "«Икс» 30 % превышает порог 20 %")
        // The plans a school director reads cite nothing: reasons only.
        let plain = Explainer(explainer.outcomes, lang: .ru, citations: false)
        #expect(plain.factor(0, row: r).text == "«Икс» 30 % превышает порог 10 %; «Игрек» 40 % превышает порог 10 %")
    }

    /// A triggered factor's basis is cited by `explain` and left out of plans; a parameter is
    /// named by «порог» and its value, never by its code.
    @Test func plansCiteNoBasisAndNameNoParameterCode() throws {
        let e = try Evaluated.starter()
        let row = e.row("S1")
        let staff = try #require(e.book.factor(named: "staff_deficit")).index
        let cited = Explainer(e.evaluation, lang: .ru).factor(staff, row: row).text
        #expect(cited.hasSuffix("(ФИОКО, проект «500+», фактор риска 2)"))
        for lang in [Lang.ru, .en] {
            let plain = Explainer(e.evaluation, lang: lang, citations: false)
            for f in e.book.factors {
                for school in ["S1", "S2", "S3", "S4"] {
                    let text = plain.factor(f.index, row: e.row(school)).text
                    #expect(!text.contains("ФИОКО") && !text.contains("Методика, п."), "\(school) \(f.code): \(text)")
                    for p in e.book.params { #expect(!text.contains(p.code), "\(school) \(f.code) names \(p.code): \(text)") }
                    #expect(!text.contains(" 1 равно 1") && !text.contains(" 0 равно 0") && !text.contains("1 equals 1"))
                }
            }
        }
        let plans = try PlanDocumentsTests.plans()
        for plan in plans.schools {
            for f in plan.factors { #expect(!f.explanation.text.contains("ФИОКО, проект"), "\(plan.school.id): \(f.explanation.text)") }
        }
    }
}

