import Testing
@testable import RiskmapLanguage

/// Ten lines of declarations every case builds on; case bodies start on line 11.
private let prelude = """
правила "T" { версия "1" год 2026/27 }
показатель share "Доля" : процент
показатель pupils "Численность" : количество
показатель teachers "Педагоги" : количество
показатель score "Балл" : число диапазон 0...100
показатель flag "Флаг" : логический
показатель school_type "Тип" : категория(СОШ, ООШ, гимназия)
показатель note "Комментарий" : текст
параметр limit = 30%
роль uo "Управление образования"

"""

/// One expected diagnostic: severity, message code, `line:column`, whether it has help.
struct Expected: CustomStringConvertible, Sendable {
    var severity: Diagnostic.Severity
    var code: String
    var position: String
    var help: Bool

    init(_ severity: Diagnostic.Severity, _ code: String, _ position: String, help: Bool) {
        self.severity = severity
        self.code = code
        self.position = position
        self.help = help
    }

    var description: String { "\(severity.rawValue) \(code) \(position) help=\(help)" }

    static func describe(_ d: Diagnostic) -> String {
        "\(d.severity.rawValue) \(d.message.code) \(d.location.map(\.description) ?? "-") help=\(d.help != nil)"
    }
}

private func check(_ body: String) -> [Diagnostic] {
    Support.check(prelude + body).1
}

/// Diagnostics other than «no measure addresses this factor», which most tiny cases trigger.
private func relevant(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    diagnostics.filter { $0.message.code != "factorNotAddressed" }
}

@Suite struct CheckerTests {
    @Test func preludeIsClean() {
        #expect(check("").map(Expected.describe) == [])
    }

    @Test(arguments: [
        // Names
        ("фактор f { если shre > 30% }",
         Expected(.error, "undeclared", "11:17", help: true)),
        ("фактор f { если flag и scor > 1 }",
         Expected(.error, "undeclared", "11:24", help: true)),
        ("фактор f { если совсем_другое > 1 }",
         Expected(.error, "undeclared", "11:17", help: false)),
        // One typo, one error: the value on the other side is not reported as well
        ("фактор f { если school_typ = СОШ }",
         Expected(.error, "undeclared", "11:17", help: true)),
        ("фактор f { если school_typ в (СОШ, ООШ) }",
         Expected(.error, "undeclared", "11:17", help: true)),
        ("фактор f { если ООШ = school_typ }",
         Expected(.error, "undeclared", "11:23", help: true)),
        ("фактор f { если ВОШ = school_type }",
         Expected(.error, "unknownCategoryValue", "11:17", help: true)),
        ("фактор f { если share > 1% }\nфактор f { если share > 2% }",
         Expected(.error, "duplicateCode", "12:8", help: false)),
        ("показатель share : число",
         Expected(.error, "duplicateCode", "11:12", help: false)),
        ("роль flag",
         Expected(.error, "duplicateCode", "11:6", help: false)),
        ("правила \"Второй\" { версия \"2\" }",
         Expected(.error, "duplicateRuleset", "11:9", help: false)),
        // Units: percent versus fraction and ratio
        ("фактор f { если share > 0.3 }",
         Expected(.error, "percentVersusNumber", "11:25", help: true)),
        ("фактор f { если 0.3 < share }",
         Expected(.error, "percentVersusNumber", "11:17", help: true)),
        ("фактор f { если share > 30 }",
         Expected(.error, "percentVersusNumber", "11:25", help: true)),
        ("фактор f { если pupils / teachers > 10% }",
         Expected(.error, "unitMismatch", "11:17", help: true)),
        ("фактор f { если limit < pupils / teachers }",
         Expected(.error, "unitMismatch", "11:25", help: true)),
        ("фактор f { если share + 1 > 2% }",
         Expected(.error, "unitMismatch", "11:17", help: false)),
        ("фактор f { если share * share > 2% }",
         Expected(.error, "unitMismatch", "11:17", help: false)),
        ("фактор f { если score / share > 2 }",
         Expected(.error, "unitMismatch", "11:17", help: false)),
        // Categories, booleans, text
        ("фактор f { если school_type = ВОШ }",
         Expected(.error, "unknownCategoryValue", "11:31", help: true)),
        ("фактор f { если school_type в (СОШ, лицей) }",
         Expected(.error, "unknownCategoryValue", "11:37", help: true)),
        ("фактор f { если school_type = \"Вечерняя\" }",
         Expected(.error, "unknownCategoryValue", "11:31", help: true)),
        ("фактор f { если school_type > СОШ }",
         Expected(.error, "orderingNotAllowed", "11:17", help: false)),
        ("фактор f { если flag > нет }",
         Expected(.error, "orderingNotAllowed", "11:17", help: false)),
        ("фактор f { если flag = 1 }",
         Expected(.error, "unitMismatch", "11:17", help: false)),
        ("фактор f { если share }",
         Expected(.error, "notACondition", "11:17", help: false)),
        ("фактор f { если не score }",
         Expected(.error, "notACondition", "11:20", help: false)),
        ("фактор f { если -flag }",
         Expected(.error, "notANumber", "11:18", help: false)),
        ("фактор f { если note + 1 > 2 }",
         Expected(.error, "notANumber", "11:17", help: false)),
        // Measures
        ("фактор f { если flag }\nмера m { устраняет f, g ответственный uo срок октябрь }",
         Expected(.error, "unknownFactor", "12:23", help: true)),
        ("фактор f { если flag }\nмера m { устраняет f, share ответственный uo срок октябрь }",
         Expected(.error, "unknownFactor", "12:23", help: false)),
        ("фактор f { если flag }\nмера m { устраняет f ответственный ou срок октябрь }",
         Expected(.error, "unknownRole", "12:36", help: true)),
        ("фактор f { если flag }\nмера m { устраняет f ответственный uo соисполнители director срок октябрь }",
         Expected(.error, "unknownRole", "12:53", help: false)),
        ("фактор f { если flag }\nмера m { устраняет f ответственный uo, director срок октябрь }",
         Expected(.error, "unknownRole", "12:40", help: false)),
        ("фактор f { если flag }\nмера m { устраняет f ответственный uo, ou срок октябрь }",
         Expected(.error, "unknownRole", "12:40", help: true)),
        ("фактор f { если flag }\nмера m { устраняет f ответственный uo, uo срок октябрь }",
         Expected(.error, "duplicateRole", "12:40", help: true)),
        ("фактор f { если flag }\nмера m { устраняет f responsible uo with uo due october }",
         Expected(.warning, "roleResponsibleAndCoExecutor", "12:42", help: false)),
        ("фактор f { если flag }\nмера m { ответственный uo срок октябрь }",
         Expected(.error, "missingAddresses", "12:6", help: false)),
        ("фактор f { если flag }\nмера m { устраняет f срок октябрь }",
         Expected(.error, "missingResponsible", "12:6", help: false)),
        ("фактор f { если flag }\nмера m { устраняет f ответственный uo }",
         Expected(.warning, "missingDeadline", "12:6", help: false)),
        ("фактор f { если flag }\nгруппа g если f\nмера m { устраняет f только если g и school_type = ВОШ ответственный uo срок октябрь }",
         Expected(.error, "unknownCategoryValue", "13:52", help: true)),
        // Examples: value types
        ("фактор f { если flag }\nпример \"E\" { дано share = 30 ожидается f }",
         Expected(.error, "exampleWrongType", "12:27", help: true)),
        ("фактор f { если flag }\nпример \"E\" { дано pupils = \"много\" ожидается f }",
         Expected(.error, "exampleWrongType", "12:28", help: false)),
        ("фактор f { если flag }\nпример \"E\" { дано pupils = 5% ожидается f }",
         Expected(.error, "exampleWrongType", "12:28", help: false)),
        ("фактор f { если flag }\nпример \"E\" { дано flag = 1 ожидается f }",
         Expected(.error, "exampleWrongType", "12:26", help: false)),
        ("фактор f { если flag }\nпример \"E\" { дано school_type = ВОШ ожидается f }",
         Expected(.error, "unknownCategoryValue", "12:33", help: true)),
        ("фактор f { если flag }\nпример \"E\" { дано pupils = -1 ожидается f }",
         Expected(.error, "exampleNegativeCount", "12:28", help: false)),
        ("фактор f { если flag }\nпример \"E\" { дано pupils = 2.5 ожидается f }",
         Expected(.error, "exampleNegativeCount", "12:28", help: false)),
        ("фактор f { если flag }\nпример \"E\" { дано score = 101 ожидается f }",
         Expected(.error, "exampleOutOfRange", "12:27", help: false)),
        ("фактор f { если flag }\nпример \"E\" { дано limit = 5% ожидается f }",
         Expected(.error, "exampleNotIndicator", "12:19", help: false)),
        ("фактор f { если flag }\nпример \"E\" { дано flga = да ожидается f }",
         Expected(.error, "undeclared", "12:19", help: true)),
        ("фактор f { если flag }\nпример \"E\" { дано flag = да, flag = нет ожидается f }",
         Expected(.error, "exampleDuplicateValue", "12:30", help: false)),
        ("фактор f { если flag }\nпример \"E\" { дано flag = да ожидается uo }",
         Expected(.error, "expectationTarget", "12:39", help: false)),
        ("фактор f { если flag }\nгруппа g если f\nпример \"E\" { дано flag = да ожидается g не применяется }",
         Expected(.error, "expectationOutcome", "13:39", help: false)),
        ("фактор f { если flag }\nшкала s { hi если f lo иначе }\nпример \"E\" { дано flag = да ожидается s = mid }",
         Expected(.error, "unknownLevel", "13:43", help: true)),
        ("фактор f { если flag }\nпример \"E\" { дано flag = да }",
         Expected(.warning, "exampleNoExpectations", "12:8", help: false)),
        // Factors and scales
        ("фактор f { если flag }",
         Expected(.warning, "factorNotAddressed", "11:8", help: true)),
        ("фактор f { если flag }\nшкала s { a иначе b если f }",
         Expected(.warning, "unreachableAfterOtherwise", "12:19", help: false)),
        ("фактор f { если flag }\nшкала s { a если f b если f c иначе }",
         Expected(.warning, "unreachableLevel", "12:20", help: false)),
        ("фактор f { если flag }\nшкала s { a если да b если f }",
         Expected(.warning, "unreachableAfterOtherwise", "12:21", help: false)),
        ("фактор f { если flag }\nшкала s { a если нет b иначе }",
         Expected(.warning, "unreachableLevel", "12:11", help: false)),
        ("фактор f { если flag }\nшкала s { a если f a иначе }",
         Expected(.error, "duplicateCode", "12:20", help: false)),
        ("фактор f { если flag }\nгруппа g если s = high\nшкала s { hi если f lo иначе }",
         Expected(.error, "unknownLevel", "12:19", help: true)),
        ("шкала s { }",
         Expected(.error, "noLevels", "11:7", help: false)),
        // Params and ranges
        ("параметр p = 150% диапазон 0%...100%",
         Expected(.error, "paramOutOfRange", "11:14", help: false)),
        ("параметр p = -1 диапазон 0...10",
         Expected(.error, "paramOutOfRange", "11:14", help: false)),
        ("параметр p = 5 диапазон 10...0",
         Expected(.error, "invalidRange", "11:25", help: false)),
        ("показатель x : логический диапазон 0...1",
         Expected(.error, "rangeOnNonNumeric", "11:36", help: false)),
        ("показатель y : число источник экспертная оценка = 2",
         Expected(.error, "expertJudgementComputed", "11:31", help: true)),
        ("показатель x : категория(A, B, A)",
         Expected(.error, "duplicateCategoryValue", "11:32", help: false)),
        // Forbidden references (no recursion by construction)
        ("фактор f { если flag }\nфактор g { если f }",
         Expected(.error, "forbiddenReference", "12:17", help: true)),
        ("фактор g { если количество(сработавших) > 1 }",
         Expected(.error, "forbiddenReference", "11:17", help: true)),
        ("фактор f { если flag }\nшкала s { hi если f lo иначе }\nшкала t { hi если s = hi lo иначе }",
         Expected(.error, "forbiddenReference", "13:19", help: true)),
        ("фактор f { если flag }\nгруппа g если f\nгруппа h если g",
         Expected(.error, "forbiddenReference", "13:15", help: true)),
        ("фактор f { если flag }\nмера m { устраняет f ответственный uo срок октябрь }\nгруппа h если m",
         Expected(.error, "forbiddenReference", "13:15", help: true)),
        ("фактор f { если uo }",
         Expected(.error, "forbiddenReference", "11:17", help: true)),
        // Functions
        ("фактор g { если score > среднее(среднее(score)) }",
         Expected(.error, "nestedCohort", "11:33", help: false)),
        ("фактор g { если score > процентиль(ранг(score), 10) }",
         Expected(.error, "nestedCohort", "11:36", help: false)),
        ("фактор g { если известно(score, pupils) }",
         Expected(.error, "wrongArgumentCount", "11:17", help: false)),
        ("фактор g { если нет_данных() }",
         Expected(.error, "wrongArgumentCount", "11:17", help: false)),
        ("фактор g { если score > процентиль(score) }",
         Expected(.error, "wrongArgumentCount", "11:25", help: false)),
        ("фактор g { если score > среднее(score, 2) }",
         Expected(.error, "wrongArgumentCount", "11:25", help: false)),
        ("фактор g { если предыдущее(score, 1, 2) > 1 }",
         Expected(.error, "wrongArgumentCount", "11:17", help: false)),
        ("фактор g { если изменение(score по school_type) > 1 }",
         Expected(.error, "wrongArgumentCount", "11:36", help: false)),
        ("фактор g { если предыдущее(score, 0) > 1 }",
         Expected(.error, "previousYearsArgument", "11:35", help: false)),
        ("фактор g { если score > процентиль(score, 110) }",
         Expected(.error, "percentileOutOfRange", "11:43", help: true)),
        ("фактор g { если score > среднее(score по pupils) }",
         Expected(.error, "byTargetNotCategory", "11:42", help: false)),
        ("фактор g { если score > mean(score by score) }",
         Expected(.error, "byTargetNotCategory", "11:39", help: false)),
        ("фактор g { если score > среднее(score по тип) }",
         Expected(.error, "undeclared", "11:42", help: false)),
        ("фактор g { если score > средне(score) }",
         Expected(.error, "unknownFunction", "11:25", help: true)),
        ("фактор g { если score > foo(score) }",
         Expected(.error, "unknownFunction", "11:25", help: false)),
        ("фактор g { если среднее(flag) }",
         Expected(.error, "notANumber", "11:25", help: false)),
    ] as [(String, Expected)])
    func diagnostic(body: String, expected: Expected) {
        let all = check(body)
        let found = relevant(all).map(Expected.describe)
        if expected.code == "factorNotAddressed" {
            #expect(all.map(Expected.describe) == [expected.description])
        } else {
            #expect(found == [expected.description])
        }
        // Errors reject the book; warnings alone do not.
        let (book, _) = Support.check(prelude + body)
        #expect((book == nil) == (expected.severity == .error))
    }

    /// One mistake, one diagnostic: no «missing …» or «not addressed» echoes of an error
    /// already reported.
    @Test(arguments: [
        ("фактор f { если flag }\nмера m {\n  устраняет 5\n  ответственный uo\n  срок октябрь\n}",
         ["error expected 13:13 help=false"]),
        ("фактор f { если flag }\nмера m {\n  устраняет f\n  ответственный если\n  срок октябрь\n}",
         ["error reservedWord 14:17 help=true"]),
        ("фактор f { если flag }\nмера m {\n  устраняет f\n  ответственный uo\n  срок 31 июня\n}",
         ["error invalidDay 15:8 help=false"]),
        ("фактор f { если flag }\nмера m {\n  устраняет f\n  ответственный uo\n  срок октябрь–сентябрь\n}",
         ["error reversedDeadlineRange 15:8 help=true"]),
        ("фактор f { если flag }\nмера m {\n  устраняет f\n  ответственный uo\n  срок 15 октября – 1 октября\n}",
         ["error reversedDeadlineRange 15:8 help=true"]),
        ("фактор f { если flag }\nмера m {\n  устраняет f\n  ответственный uo\n  срок май–март\n}",
         ["error reversedDeadlineRange 15:8 help=true"]),
        ("фактор f { если flag }\nмера m {\n  устраняет f\n  ответственный uo\n  срок 0 раз в год\n}",
         ["error invalidFrequency 15:8 help=true"]),
        ("фактор f { если flag }\nмера m {\n  устраняет f\n  ответственный uo\n  срок сентябрь–октабрь\n}",
         ["error expected 15:17 help=true"]),
        ("фактор f { если flag }\nмера m {\n  устраняет f\n  ответственный uo\n  срок сентябрь–30 февраля\n}",
         ["error invalidDay 15:17 help=false"]),
        ("фактор f { если flag }\nмера m {\n  устраняет f\n  ответственный uo\n  срок 2 раза в неделю\n}",
         ["error expected 15:17 help=true"]),
        ("фактор f { если flag }\nмера m {\n  устраняет f\n  ответственный uo\n  срок 2 раза год\n}",
         ["error expected 15:15 help=true"]),
        ("фактор f { если flag }\nмера m {\n  устраняет f\n  ответственный uo\n  срок с 1 сентября 15 октября\n}",
         ["error expected 15:21 help=true"]),
        ("шкала s {\n  hi \"H\"\n}",
         ["error expected 13:1 help=false"]),
        ("фактор f { если flag }\nпример \"E\" {\n  дано flag = да\n  ожидается f не так\n}",
         ["error expected 14:18 help=true", "warning factorNotAddressed 11:8 help=true"]),
        ("фактор low_results { если flag }\nмера m { устраняет low_result ответственный uo срок октябрь }",
         ["error unknownFactor 12:20 help=true"]),
        ("фактор f { если school_typ = СОШ и flag }",
         ["error undeclared 11:17 help=true", "warning factorNotAddressed 11:8 help=true"].sorted()),
    ])
    func noFollowUpDiagnostics(body: String, expected: [String]) {
        #expect(check(body).map(Expected.describe).sorted() == expected.sorted())
    }

    /// Every deadline form and several responsible roles check without a diagnostic, in both languages.
    @Test(arguments: [
        "ответственный uo срок сентябрь–октябрь", "ответственный uo срок сентябрь - октябрь", "ответственный uo срок ноябрь—февраль",
        "ответственный uo срок август–сентябрь", "ответственный uo срок с 1 сентября по 15 октября",
        "ответственный uo срок 1 сентября – 15 октября", "ответственный uo срок сентябрь 1 – октябрь 15",
        "ответственный uo срок ежемесячно", "ответственный uo срок ежеквартально", "ответственный uo срок 2 раза в год",
        "ответственный uo срок 1 раз в четверть", "ответственный uo срок 3 раза в месяц", "ответственный uo срок 5 раз в квартал",
        "responsible uo due september–october", "responsible uo due from september 1 to october 15", "responsible uo due monthly",
        "responsible uo due quarterly", "responsible uo due 2 times a year", "responsible uo due 1 time per term",
        "responsible uo due 3 times a month",
    ])
    func deadlineFormsCheckClean(clauses: String) {
        #expect(check("фактор f { если flag }\nмера m { устраняет f \(clauses) }").map(Expected.describe) == [])
    }

    @Test func didYouMeanNamesTheCandidate() {
        let d = relevant(check("фактор f { если shre > 30% }"))
        #expect(d.first?.help?.text(.ru) == "возможно, имелось в виду «share»")
        #expect(d.first?.help?.text(.en) == "did you mean 'share'?")
    }

    /// The expected number of arguments is worded in the output language, whatever language
    /// the function name is written in.
    @Test(arguments: [
        ("среднее(score, 2)", "функция «среднее» принимает 1 аргумент, а передано 2", "'среднее' takes 1 argument, got 2"),
        ("mean(score, 2)", "функция «mean» принимает 1 аргумент, а передано 2", "'mean' takes 1 argument, got 2"),
        ("процентиль(score)", "функция «процентиль» принимает 2 аргумента, а передано 1", "'процентиль' takes 2 arguments, got 1"),
        ("percentile(score)", "функция «percentile» принимает 2 аргумента, а передано 1", "'percentile' takes 2 arguments, got 1"),
        ("предыдущее(score, 1, 2)", "функция «предыдущее» принимает 1 или 2 аргумента, а передано 3", "'предыдущее' takes 1 or 2 arguments, got 3"),
        ("previous(score, 1, 2)", "функция «previous» принимает 1 или 2 аргумента, а передано 3", "'previous' takes 1 or 2 arguments, got 3"),
        ("изменение(score по school_type)", "функция «изменение» принимает аргумент без «по», а передано 1", "'изменение' takes no 'by', got 1"),
        ("change(score by school_type)", "функция «change» принимает аргумент без «по», а передано 1", "'change' takes no 'by', got 1"),
    ])
    func argumentCountIsInTheOutputLanguage(call: String, ru: String, en: String) {
        let d = relevant(check("фактор g { если \(call) > 1 }"))
        #expect(d.count == 1)
        #expect(d.first?.message.text(.ru) == ru)
        #expect(d.first?.message.text(.en) == en)
    }

    /// A quoted value compared with a category indicator is one of its values on either side
    /// of `=` / `!=`: both orders check clean and resolve to the same operands, swapped.
    @Test(arguments: ["=", "!="], ["\"Вечерняя школа\"", "СОШ", "\"СОШ\""])
    func categoryValueOnEitherSide(op: String, value: String) throws {
        let declaration = "показатель k1 : категория(СОШ, \"Вечерняя школа\")\n"
        let (leftBook, leftDiagnostics) = Support.check(prelude + declaration + "фактор f { если \(value) \(op) k1 }")
        let (rightBook, rightDiagnostics) = Support.check(prelude + declaration + "фактор f { если k1 \(op) \(value) }")
        #expect(relevant(leftDiagnostics).map(Expected.describe) == [])
        #expect(relevant(rightDiagnostics).map(Expected.describe) == [])
        let left = try #require(leftBook?.factors.first?.condition)
        let right = try #require(rightBook?.factors.first?.condition)
        guard case .comparison(let leftOp, let literal, let indicator) = left.node,
              case .comparison(let rightOp, let indicator2, let literal2) = right.node else {
            Issue.record("not comparisons")
            return
        }
        #expect(leftOp == rightOp && leftOp.rawValue == op)
        let expectedIndex = value.contains("Вечерняя") ? 1 : 0
        for (l, i) in [(literal, indicator), (literal2, indicator2)] {
            guard case .categoryValue(let index) = l.node, case .indicator(let code) = i.node else {
                Issue.record("\(l.node) \(i.node)")
                continue
            }
            #expect(index == expectedIndex)
            #expect(code == leftBook?.indicator(named: "k1")?.index)
            #expect(l.type == .category("k1") && i.type == .category("k1"))
        }
    }

    /// An unknown value gets the same error and help on either side.
    @Test(arguments: ["\"ОШ\"", "ОШ", "\"вечерняя\""])
    func unknownCategoryValueOnEitherSide(value: String) {
        let left = relevant(check("фактор f { если \(value) != school_type }"))
        let right = relevant(check("фактор f { если school_type != \(value) }"))
        #expect(left.map { $0.message.code } == ["unknownCategoryValue"])
        #expect(left.map { $0.message.text(.ru) } == right.map { $0.message.text(.ru) })
        #expect(left.map { $0.help?.text(.ru) } == right.map { $0.help?.text(.ru) })
        #expect(left.first?.location?.column == 17)
        #expect(left.first?.range?.text == value)
    }

    @Test func percentHelpGivesThePercentLiteral() {
        let d = relevant(check("фактор f { если share > 0.3 }"))
        #expect(d.first?.help?.code == "percentLiteralHelp")
        #expect(d.first?.help?.text(.en).hasSuffix("30%") == true)
        let e = relevant(check("фактор f { если share >= 0.125 }"))
        #expect(e.first?.help?.text(.en).hasSuffix("12.5%") == true)
    }

    @Test func ratioHelpExplainsCountOverCount() {
        let d = relevant(check("фактор f { если pupils / teachers > 10% }"))
        #expect(d.first?.help?.code == "ratioAsPercentHelp")
        // The suggested fix checks clean.
        #expect(relevant(check("фактор f { если (pupils / teachers) * 100% > 10% }")).isEmpty)
        #expect(relevant(check("фактор f { если pupils / teachers > 0.1 }")).isEmpty)
    }

    @Test func unknownCategoryValueListsTheValuesWhenNothingIsClose() {
        let d = relevant(check("фактор f { если school_type = вечерняя_школа }"))
        #expect(d.first?.help?.code == "categoryValuesHelp")
        #expect(d.first?.help?.text(.ru).contains("СОШ, ООШ, гимназия") == true)
    }

    @Test func duplicateCodeNamesTheFirstDeclaration() {
        let (_, diagnostics) = Support.check([prelude, "показатель share : число"])
        let d = diagnostics.filter { $0.message.code == "duplicateCode" }
        #expect(d.count == 1)
        #expect(d.first?.path == "file1.rules")
        #expect(d.first?.message.text(.en).contains("file0.rules:2:12") == true)
    }

    @Test func unitsThatAreAllowed() {
        let bodies = [
            "фактор f { если share > limit }",
            "фактор f { если share > 30% и pupils > 10 и score >= 2.5 }",
            "фактор f { если pupils + teachers > score }",
            "фактор f { если score * 10% > share }",
            "фактор f { если share / 2 < limit }",
            "фактор f { если share / share > 0.5 }",
            "фактор f { если school_type в (СОШ, ООШ) и school_type != гимназия }",
            "фактор f { если ООШ = school_type }",
            "фактор f { если note = \"x\" и flag = да }",
            "фактор f { если известно(share) и нет_данных(score) }",
            "фактор f { если изменение(share) > 5% или изменение(score) < -5 }",
            "фактор f { если предыдущее(share, 2) > 10% }",
            "фактор f { если share > 30% 2 года подряд }",
            "фактор f { если score < процентиль(score, 10 по school_type) }",
            "фактор f { если score < среднее(score по муниципалитету) - 10 }",
            "фактор f { если ранг(score) <= 3 }",
            "фактор f { если медиана(share) > 10% }",
            "фактор f { если flag }\nшкала s { hi если количество(сработавших) >= 2 или f lo иначе }",
        ]
        for body in bodies {
            #expect(relevant(check(body)).map(Expected.describe) == [], "\(body)")
        }
    }

    @Test func starterBookChecksClean() throws {
        let files = try Support.starterFiles()
        #expect(files.count >= 8)
        let (book, diagnostics, _) = Checker.check(files: files)
        #expect(diagnostics.filter { $0.severity == .error }.map(Expected.describe) == [])
        #expect(book != nil)
        #expect(book?.factors.count == 4)
        #expect(book?.examples.count == 2)
    }

    /// A book with twenty independent mistakes gets twenty errors from one run.
    @Test func twentyIndependentErrorsGiveTwentyDiagnostics() {
        let body = """
        фактор e1 { если shre > 30% }
        фактор e2 { если share > 0.3 }
        фактор e3 { если pupils / teachers > 10% }
        фактор e4 { если school_type = ВОШ }
        фактор e5 { если flag > нет }
        фактор e6 { если share }
        фактор e7 { если e1 }
        фактор e8 { если количество(сработавших) > 1 }
        фактор e9 { если score > среднее(среднее(score)) }
        фактор e10 { если известно(score, pupils) }
        фактор e11 { если score > среднее(score по pupils) }
        фактор e12 { если score > средне(score) }
        параметр e13 = 150% диапазон 0%...100%
        показатель e14 : категория(A, A)
        показатель share : число
        мера e16 { устраняет e1, e99 ответственный uo срок октябрь }
        мера e17 { устраняет e1 ответственный ou срок октябрь }
        мера e18 { ответственный uo срок октябрь }
        пример "e19" { дано share = 30 ожидается e1 }
        пример "e20" { дано school_type = ВОШ ожидается e2 }
        """
        let diagnostics = check(body)
        let errors = Support.errors(diagnostics)
        #expect(errors.count == 20, "\(errors.map(Expected.describe))")
        // One per line, in order.
        #expect(errors.map { $0.location?.line ?? 0 } == Array(11...30))
    }

    @Test func errorsAreSortedByFileAndPosition() {
        let (_, diagnostics) = Support.check([
            prelude + "фактор f { если shre > 0.3 }\nфактор g { если zz }",
            "фактор h { если yy }",
        ])
        let keys = diagnostics.map { ($0.path ?? "", $0.location?.line ?? 0, $0.location?.column ?? 0) }
        let sorted = keys.sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
        #expect(keys.map { "\($0.0):\($0.1):\($0.2)" } == sorted.map { "\($0.0):\($0.1):\($0.2)" })
    }

    @Test func missingRulesetIsAWarningOnTheFile() {
        let (book, diagnostics) = Support.check("показатель x : число")
        #expect(book != nil)
        #expect(diagnostics.map(Expected.describe) == ["warning missingRuleset - help=false"])
        #expect(diagnostics.first?.path == "test.rules")
    }

    @Test func parseErrorsAndCheckErrorsAreReportedTogether() {
        let diagnostics = check("фактор f { если shre > 1% }\nпоказатель y \"Y\" число")
        #expect(relevant(diagnostics).map(Expected.describe) == [
            "error undeclared 11:17 help=true",
            "error expected 12:18 help=false",
        ])
    }

    /// The indicators evaluation reads: factors (both clauses), scale levels, groups,
    /// cohort partitions, and measures' conditions only when asked for.
    @Test func indicatorsReadByEvaluation() throws {
        let (bookOrNil, diagnostics) = Support.check("""
            правила "R" { версия "1" }
            показатель a "A" : число
            показатель b "B" : число
            показатель c "C" : число
            показатель t "Тип" : категория(СОШ, ООШ)
            показатель d "D" : число
            показатель m "M" : число
            показатель unused "Не читается" : число
            фактор f "F" { применяется если a > 0  если среднее(b по t) > 1 }
            шкала s "S" { high "высокий" если c > 1  low "низкий" иначе }
            группа g "G" { если d > 0 }
            роль r "Р"
            мера x "X" { устраняет f только если m > 0 ответственный r срок май }
            """)
        let book = try #require(bookOrNil, "\(diagnostics.map(Support.brief))")
        func codes(_ s: Set<Int>) -> [String] { s.sorted().map { book.indicators[$0].code } }
        #expect(codes(book.indicatorsRead(includingMeasures: false)) == ["a", "b", "c", "t", "d"])
        #expect(codes(book.indicatorsRead(includingMeasures: true)) == ["a", "b", "c", "t", "d", "m"])
    }
}
