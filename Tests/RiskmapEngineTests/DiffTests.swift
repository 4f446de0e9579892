import Testing
@testable import RiskmapEngine
import RiskmapLanguage

/// `riskmap diff` in the engine: the rule-level diff (what a cover note lists), the
/// per-school changes with their causes, and the exit criterion of a group.
@Suite struct DiffTests {
    static let base = """
        ruleset "T" { version "1" }
        indicator share "Доля «2»" : percent
        indicator pupils "Ученики" : count
        param fail_max "Порог доли «2»" = 30%
        factor low "Высокая доля «2»" { when share >= fail_max }
        factor small "Малокомплектная" { when pupils < 90 }
        group shnor "ШНОР" when low
        role uo "УО"
        measure visit "Выезд в школу" {
          addresses low
          responsible uo
          due october
        }

        """

    static func book(_ text: String) throws -> (CheckedRuleBook, RuleBookSyntax) {
        let (book, diagnostics, syntax) = Checker.check(files: [SourceFile(path: "t.rules", text: text)])
        guard let book else { throw RuleBookError(description: DiagnosticRenderer(lang: .en).render(diagnostics)) }
        return (book, syntax)
    }

    static func ruleDiff(_ old: String, _ new: String, lang: Lang = .ru) throws -> RuleBookDiff {
        let (a, sa) = try book(old), (b, sb) = try book(new)
        return RuleBookDiff(old: a, oldSyntax: sa, new: b, newSyntax: sb, lang: lang)
    }

    static func headlines(_ d: RuleBookDiff, lang: Lang = .ru) -> [String] {
        d.changes.map { DiffText(lang).headline($0) }
    }

    // MARK: - Rule-level diff

    @Test func parameterValueChanged() throws {
        let d = try Self.ruleDiff(Self.base, Self.base.replacingOccurrences(of: "= 30%", with: "= 25%"))
        #expect(Self.headlines(d) == ["Параметр fail_max «Порог доли «2»»: 30 % → 25 %"])
        #expect(d.changes[0].details == [.init(aspect: .value, old: "30 %", new: "25 %")])
        let en = try Self.ruleDiff(Self.base, Self.base.replacingOccurrences(of: "= 30%", with: "= 25.5%"), lang: .en)
        #expect(Self.headlines(en, lang: .en) == ["Parameter fail_max «Порог доли «2»»: 30 % → 25.5 %"])
    }

    @Test func conditionChanged() throws {
        let d = try Self.ruleDiff(Self.base, Self.base.replacingOccurrences(of: "when pupils < 90", with: "when pupils < 100"))
        #expect(d.changes.count == 1)
        #expect(d.changes[0].key == DeclarationKey(.factor, "small"))
        #expect(d.changes[0].details == [.init(aspect: .condition, old: "pupils < 90", new: "pupils < 100")])
        #expect(DiffText(.ru).detail(d.changes[0].details[0]) == "условие: было «pupils < 90», стало «pupils < 100»")
    }

    @Test func reformattingTranslatingAndCommentsAreNoChange() throws {
        let reformatted = Self.base
            .replacingOccurrences(of: "factor small \"Малокомплектная\" { when pupils < 90 }",
                                  with: "фактор small \"Малокомплектная\" {\n  если   pupils<90 # малые школы\n}")
        let d = try Self.ruleDiff(Self.base, reformatted)
        #expect(d.isEmpty, "\(Self.headlines(d))")
    }

    @Test func measureAddedAndRemoved() throws {
        let added = Self.base + """
            measure talk "Собеседование с директором" {
              addresses low
              responsible uo
              due september
            }

            """
        let d = try Self.ruleDiff(Self.base, added)
        #expect(Self.headlines(d) == ["Добавлена мера talk «Собеседование с директором»"])
        let back = try Self.ruleDiff(added, Self.base)
        #expect(Self.headlines(back) == ["Удалена мера talk «Собеседование с директором»"])
        #expect(back.changes[0].kind == .removed)
    }

    @Test func measureConditionAndTextChanged() throws {
        let changed = Self.base.replacingOccurrences(of: "  addresses low\n  responsible uo\n  due october",
                                                     with: "  addresses low\n  only when pupils < 90\n  responsible uo\n  due november")
        let d = try Self.ruleDiff(Self.base, changed)
        #expect(d.changes.count == 1)
        #expect(d.changes[0].details.map(\.aspect) == [.onlyWhen, .due])
        #expect(d.changes[0].affectsOutcomes)
    }

    @Test func aChangedTargetIsListedButCausesNoOutcome() throws {
        let withTarget = Self.base.replacingOccurrences(of: "factor low \"Высокая доля «2»\" { when share >= fail_max }",
                                                        with: "factor low \"Высокая доля «2»\" {\n  when share >= fail_max\n  target share <= 20% over 2 years\n}")
        let d = try Self.ruleDiff(withTarget, withTarget.replacingOccurrences(of: "<= 20%", with: "<= 15%"))
        #expect(d.changes.map(\.key) == [DeclarationKey(.factor, "low")])
        #expect(d.changes[0].details.map(\.aspect) == [.targets])
        #expect(d.changes[0].details[0].new == "share <= 15% за 2 года")
        #expect(!d.changes[0].affectsOutcomes)
        #expect(d.causes(of: DeclarationKey(.group, "shnor")).isEmpty)
    }

    @Test func nothingChanged() throws {
        let d = try Self.ruleDiff(Self.base, Self.base)
        #expect(d.isEmpty)
    }

    @Test func dependenciesReachParametersThroughFactors() throws {
        let d = try Self.ruleDiff(Self.base, Self.base.replacingOccurrences(of: "= 30%", with: "= 25%"))
        #expect(d.causes(of: DeclarationKey(.group, "shnor")).map(\.key.code) == ["fail_max"])
        #expect(d.causes(of: DeclarationKey(.measure, "visit")).map(\.key.code) == ["fail_max"])
        #expect(d.causes(of: DeclarationKey(.factor, "small")).isEmpty)
    }

    // MARK: - Outcomes and causes

    static func outcomes(_ text: String, _ rows: [TestRow]) throws -> (Outcomes, RuleBookSyntax) {
        let (b, syntax) = try book(text)
        return (Evaluated(book: b, profiles: nil, rows: rows).evaluation, syntax)
    }

    @Test func schoolsWhoseOutcomeFlipsWithTheCause() throws {
        let rows = [TestRow("A", ["share": 28, "pupils": 200]), TestRow("B", ["share": 35, "pupils": 200]),
                    TestRow("C", ["share": 10, "pupils": 50]), TestRow("D", ["share": .missing, "pupils": 200])]
        let (old, oldSyntax) = try Self.outcomes(Self.base, rows)
        let newText = Self.base.replacingOccurrences(of: "= 30%", with: "= 25%")
        let (new, newSyntax) = try Self.outcomes(newText, rows)
        let rules = RuleBookDiff(old: old.book, oldSyntax: oldSyntax, new: new.book, newSyntax: newSyntax, lang: .ru)
        let diff = OutcomeDiff(mode: .rules, old: .init(old, yearIndex: 0), new: .init(new, yearIndex: 0), rules: rules, lang: .ru)
        #expect(diff.schools.map(\.id) == ["A"])
        let a = diff.schools[0]
        #expect(a.changes.map { "\($0.key.code): \($0.before.code) → \($0.after.code)" } == [
            "shnor: out → in", "low: not_triggered → triggered", "visit: not_in_plan → in_plan",
        ])
        #expect(a.causes.count == 1)
        #expect(a.causes[0].change?.key.code == "fail_max")
        let sentence = DiffText(.ru).causeSentence(a.causes[0], school: "Школа A")
        #expect(sentence.hasPrefix("Параметр fail_max «Порог доли «2»»: 30 % → 25 %: «Школа A» входит в группу «ШНОР»"), "\(sentence)")
        #expect(sentence.contains("28 %") && sentence.contains("25 %"), "\(sentence)")
        let counts = diff.counts.filter { $0.key.code == "shnor" }
        #expect(counts.map { [$0.before, $0.after, $0.beforeUnknown, $0.afterUnknown] } == [[1, 2, 1, 1]])
        // The report says what changed in each format.
        let report = DiffReport(diff)
        #expect(report.table().contains("A «Школа A»"))
        #expect(report.markdown().contains("## Изменения в методике"))
        #expect(report.html().contains("<svg id=\"chart\""))
        #expect(!report.html().contains("<script"))
        #expect(String(decoding: report.csv(), as: UTF8.self).contains("A;Школа A;M;group;shnor;"))
        #expect(report.json().contains("\"mode\": \"rules\""))
    }

    @Test func theReportDoesNotDependOnThreads() throws {
        let rows = (0..<300).map { TestRow("S\($0)", ["share": V.number(Double($0 % 50)), "pupils": V.number(Double($0 % 200))]) }
        let (old, oldSyntax) = try Self.outcomes(Self.base, rows)
        let (new, newSyntax) = try Self.outcomes(Self.base.replacingOccurrences(of: "= 30%", with: "= 25%")
            .replacingOccurrences(of: "pupils < 90", with: "pupils < 100"), rows)
        let rules = RuleBookDiff(old: old.book, oldSyntax: oldSyntax, new: new.book, newSyntax: newSyntax, lang: .ru)
        let reports = [1, 2, 4].map { threads in
            DiffReport(OutcomeDiff(mode: .rules, old: .init(old, yearIndex: 0), new: .init(new, yearIndex: 0), rules: rules,
                                   lang: .ru, threads: threads)).json()
        }
        #expect(reports[0] == reports[1] && reports[1] == reports[2])
        #expect(reports[0].contains("\"id\": \"S25\""))
    }

    @Test func missingDataIsShownAsUndecidedNotAsLeaving() throws {
        let rows = [TestRow("A", year(2024), ["share": 40]), TestRow("A", year(2025), ["share": .missing])]
        let (o, _) = try Self.outcomes(Self.base, rows)
        let diff = OutcomeDiff(mode: .years, old: .init(o, yearIndex: o.profiles.yearIndex(year(2024))!),
                               new: .init(o, yearIndex: o.profiles.yearIndex(year(2025))!), rules: RuleBookDiff(book: o.book), lang: .ru)
        let shnor = diff.movements.first { $0.key.code == "shnor" }!
        #expect(shnor.left.isEmpty)
        #expect(shnor.undecided == ["A «Школа A»: входит → не определено"])
    }

    // MARK: - Exit criteria

    static let exitBook = """
        ruleset "T" { version "1" }
        indicator share "Доля «2»" : percent
        factor low "Высокая доля «2»" { when share >= 30% }
        group shnor "ШНОР" {
          when low
          exit after 2 years without condition
        }

        """

    @Test func aSchoolLeavesOnlyAfterTheYearsWithoutTheCondition() throws {
        let rows = [2019: V.number(40), 2020: 10, 2021: 10, 2022: 40, 2023: 10, 2024: .missing, 2025: 10]
            .map { TestRow("S", year($0.key), ["share": $0.value]) }
        let e = try Evaluated(Self.exitBook, rows)
        let membership = (2019...2025).map { e.group("shnor", "S", year($0)) }
        // 2020: one year without → still in; 2021: two → out; 2024: undecided this year, but the
        // condition held within the last two years (2023 no, 2024 unknown → undecided).
        #expect(membership == [.triggered, .triggered, .notTriggered, .triggered, .triggered, .unknown, .unknown])
        let g = e.book.groups[0].index
        let in2020 = ExitForecast.of(group: g, row: e.row("S", year(2020)), e.evaluation)
        #expect(in2020 == ExitForecast(years: 2, yearsWithout: 1, undecided: false))
        #expect(ExitText.forecast(in2020!, group: "ШНОР", .ru) == "выйдет из группы «ШНОР», если условие не выполнится ещё 1 год (не выполняется 1 год подряд)")
        let in2019 = ExitForecast.of(group: g, row: e.row("S", year(2019)), e.evaluation)
        #expect(in2019?.remaining == 2)
        #expect(ExitForecast.of(group: g, row: e.row("S", year(2021)), e.evaluation) == nil)
    }

    @Test func exitCriterionWithAParameterAndInRussian() throws {
        let text = """
            правила "T" { версия "1" }
            показатель share "Доля «2»" : процент
            параметр exit_years "Лет без условия для выхода" = 3
            фактор low "Высокая доля «2»" { если share >= 30% }
            группа shnor "ШНОР" {
              если low
              выход после exit_years лет без условия
            }

            """
        let rows = [2021: V.number(40), 2022: 10, 2023: 10, 2024: 10].map { TestRow("S", year($0.key), ["share": $0.value]) }
        let e = try Evaluated(text, rows)
        #expect((2021...2024).map { e.group("shnor", "S", year($0)) } == [.triggered, .triggered, .triggered, .notTriggered])
    }

    @Test func exitAfterOneYearIsAnError() throws {
        let text = Self.exitBook.replacingOccurrences(of: "after 2 years", with: "after 1 year")
        let (book, diagnostics, _) = Checker.check(files: [SourceFile(path: "t.rules", text: text)])
        #expect(book == nil)
        let error = try #require(diagnostics.first { $0.severity == .error })
        #expect(error.message.kind == .exitAfterOneYear)
        #expect(error.location?.line == 6)
        #expect(error.help?.kind == .exitAfterOneYearHelp)
        let rendered = DiagnosticRenderer(lang: .ru).render(error)
        #expect(rendered.contains("t.rules:6:14: ошибка: «выход после 1 года без условия» ничего не меняет"), "\(rendered)")
    }

    @Test func exitClauseRoundTripsThroughTheFormatter() throws {
        for text in [Self.exitBook, Self.exitBook.replacingOccurrences(of: "exit after 2 years without condition", with: "exit after 3 years without condition")] {
            let (file, _) = Parser.parse(SourceFile(path: "t.rules", text: text))
            let printed = Formatter.format(file)
            #expect(printed.contains("  exit after"), "\(printed)")
            let (again, _) = Parser.parse(SourceFile(path: "t.rules", text: printed))
            #expect(SyntaxDump.file(again) == SyntaxDump.file(file))
            #expect(Formatter.format(again) == printed)
        }
        let ru = "группа g \"G\" {\n  если да\n  выход после 2 лет без условия\n}\n"
        let (file, diagnostics) = Parser.parse(SourceFile(path: "t.rules", text: ru))
        #expect(diagnostics.isEmpty)
        #expect(Formatter.format(file) == ru)
    }
}
