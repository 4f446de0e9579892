import Foundation
import Testing
@testable import RiskmapEngine
import RiskmapLanguage

/// What a reader sees: the explanation sentences (Russian with decimal comma and correct
/// plurals, English with `--lang en`), and a property test keeping the explainer's tree
/// walk in agreement with the compiled evaluator.
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
              ru: "«ВПР, математика: доля отметок «2»» 31 % превышает порог 30 % (Методика, п. 3.1) — так 2 года подряд; "
                + "«ЕГЭ, русский язык: средний балл» 62 ниже, чем 10-й процентиль по всем школам года (62,6); "
                + "изменение показателя «ЕГЭ, русский язык: средний балл» за год (−8) ниже, чем −5",
              en: "«ВПР, математика: доля отметок «2»» 31 % exceeds the threshold 30 % (Методика, п. 3.1) — so for 2 years in a row; "
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
              ru: "«Икс» 7,25 превышает 0 — так 2 года подряд", en: "«Икс» 7.25 exceeds 0 — so for 2 years in a row"),
        .init(condition: "x > 0 5 лет подряд", rows: history,
              ru: "«Икс» 7,25 превышает 0 — так 5 лет подряд", en: "«Икс» 7.25 exceeds 0 — so for 5 years in a row"),
        .init(condition: "x > 2 for 5 years", rows: history,
              ru: "«Икс» 7,25 превышает 2 — не 5 лет подряд", en: "«Икс» 7.25 exceeds 2 — not for 5 years in a row"),
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

    // MARK: - Property: the explainer's eval agrees with the compiled evaluator

    /// A deterministic generator (SplitMix64), so failures reproduce.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let propertyBook = """
        indicator a "А" : bool
        indicator b "Б" : bool
        indicator x "Икс" : number
        indicator y "Игрек" : number
        indicator n "Эн" : count
        indicator m "Эм" : count
        indicator p "Доля" : percent
        indicator q "Доля 2" : percent
        indicator t "Тип" : category(СОШ, ООШ, НОШ)
        indicator note "Заметка" : text
        param lim "Порог" = 3
        param share "Доля-порог" = 40%
        factor f1 "Ф1" { when a and b or not a and x > lim }
        factor f2 "Ф2" { applies when t in (СОШ, НОШ)  when (n / m) * 100% > share or p > q }
        factor f3 "Ф3" { when x < percentile(x, 25) or y > mean(y by municipality) }
        factor f4 "Ф4" { when change(x) > 1 or previous(y, 2) < y }
        factor f5 "Ф5" { when p > 30% for 2 years or q < 10% 3 года подряд }
        factor f6 "Ф6" { when known(x) and missing(y) or x / y > 1 }
        factor f7 "Ф7" { when rank(x by t) <= 3 and not b }
        factor f8 "Ф8" { when median(p) < p and t not in (ООШ) }
        factor f9 "Ф9" { when -x + y * 2 >= n - m }
        factor f10 "Ф10" { applies when known(t)  when x = y or n != m or note = "ремонт" }
        factor f11 "Ф11" { when x in (1, 2, y) or not (a or b) }
        factor f12 "Ф12" { applies when not missing(p)  when p - previous(p) > 5% and x != 0 }
        scale risk "Риск" {
          high "высокий" when count(triggered) >= 4 or f2 and f3
          medium "средний" when count(triggered) >= 2 or f4
          low "низкий" otherwise
        }
        scale trend "Динамика" {
          worse "хуже" when f1 for 2 years
          same "так же" when not f1
        }
        group g1 "Г1" when risk = high
        group g2 "Г2" { when risk in (high, medium) and trend != worse or f6 }
        group g3 "Г3" { when count(triggered) > mean(count(triggered) by t) }
        role r "Р"
        measure m1 "М1" { addresses f1, f2  only when g1 or g3  responsible r }
        measure m2 "М2" { addresses f5  only when not g2  responsible r }
        measure m3 "М3" { addresses f3  responsible r }

        """

    static func randomRows(_ book: CheckedRuleBook, seed: UInt64) -> [TestRow] {
        var rng = SplitMix(state: seed)
        var rows: [TestRow] = []
        let municipalities = ["Северный", "Южный", "Западный"]
        for s in 0..<40 {
            let municipality = municipalities[Int.random(in: 0..<3, using: &rng)]
            for y in 2021...2025 where Int.random(in: 0..<5, using: &rng) > 0 {
                var values: [String: V] = [:]
                for ind in book.indicators {
                    if Int.random(in: 0..<5, using: &rng) == 0 { values[ind.code] = .missing; continue }
                    switch ind.kind {
                    case .bool: values[ind.code] = .bool(Bool.random(using: &rng))
                    case .category: values[ind.code] = .word(ind.categories.randomElement(using: &rng)!)
                    case .text: values[ind.code] = .word(["ремонт", "нет", "иное"].randomElement(using: &rng)!)
                    case .count: values[ind.code] = .number(Double(Int.random(in: 0...6, using: &rng)))
                    case .percent: values[ind.code] = .number(Double(Int.random(in: 0...20, using: &rng)) * 5)
                    case .number: values[ind.code] = .number(Double(Int.random(in: -4...8, using: &rng)) / 2)
                    }
                }
                rows.append(TestRow("S\(s)", year(y), municipality: municipality, values))
            }
        }
        return rows
    }

    static func status(_ v: Double) -> Status { v.isNaN ? .unknown : (v == 1 ? .triggered : .notTriggered) }

    static func agreement(_ e: Evaluated) -> Int {
        let explainer = e.explainer()
        var checked = 0
        for r in 0..<e.profiles.rowCount {
            for f in e.book.factors {
                var expected: Status
                let applies = f.applies.map { explainer.eval($0, r) }
                if let a = applies, a.isNaN { expected = .unknown }
                else if let a = applies, a == 0 { expected = .notApplicable }
                else { expected = status(explainer.eval(f.condition, r)) }
                #expect(e.evaluation.factors[f.index][r] == expected, "factor \(f.code), row \(r)")
                // The explanation reports the same status; an unknown one names what is missing.
                let explanation = explainer.factor(f.index, row: r)
                #expect(explanation.status == expected)
                if expected == .unknown && !explanation.missing.isEmpty {
                    #expect(explanation.text.hasPrefix("нет данных: «"))
                }
                checked += 1
            }
            for s in e.book.scales {
                var level = Evaluation.noLevel
                for l in s.levels {
                    guard let c = l.condition else { level = Int16(l.index); break }
                    let v = explainer.eval(c, r)
                    if v.isNaN { level = Evaluation.unknownLevel; break }
                    if v == 1 { level = Int16(l.index); break }
                }
                #expect(e.evaluation.levels[s.index][r] == level, "scale \(s.code), row \(r)")
            }
            for g in e.book.groups {
                #expect(e.evaluation.groups[g.index][r] == status(explainer.eval(g.condition, r)), "group \(g.code), row \(r)")
            }
            for m in e.book.measures {
                let addressed = m.addresses.contains { e.evaluation.factors[$0][r] == .triggered }
                let expected = addressed && (m.onlyWhen.map { explainer.eval($0, r) == 1 } ?? true)
                #expect(e.evaluation.measures[m.index][r] == expected, "measure \(m.code), row \(r)")
            }
        }
        return checked
    }

    @Test(arguments: [1, 2, 3, 20_260_901] as [UInt64])
    func explainerAgreesWithEvaluator(seed: UInt64) throws {
        let book = try checkedBook(Self.propertyBook)
        let e = Evaluated(book: book, profiles: nil, rows: Self.randomRows(book, seed: seed))
        let checked = Self.agreement(e)
        #expect(checked > 1000)
        // Every status occurs, so the test exercises all branches.
        let all = Set(e.evaluation.factors.flatMap { $0 })
        #expect(all == [.triggered, .notTriggered, .unknown, .notApplicable])
    }

    @Test func explainerAgreesOnTheStarter() throws {
        #expect(Self.agreement(try Evaluated.starter()) > 0)
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
        let evaluator = Evaluator(book: book, profiles: profiles)
        let explainer = Explainer(evaluator: evaluator, evaluation: evaluator.run(), lang: .ru)
        let f = explainer.factor(0, row: r).text
        #expect(f == "«Икс» 30 % превышает порог 10 % (Методика, п. 2.3); «Игрек» 40 % превышает порог 10 %")
        #expect(explainer.factor(1, row: r).text == "«Икс» 30 % превышает порог 20 %")
    }
}

