import Testing
@testable import RiskmapLanguage

private func dumpExpression(_ source: String) -> (String?, [String]) {
    let (expr, diagnostics) = Parser.parseExpression(Support.file(source))
    return (expr.map(SyntaxDump.expression), diagnostics.map(Support.brief))
}

private func dumpFile(_ source: String) -> (String, [String]) {
    let (syntax, diagnostics) = Support.parse(source)
    return (SyntaxDump.file(syntax), diagnostics.map(Support.brief))
}

@Suite struct ParserTests {
    // MARK: Expressions

    @Test(arguments: [
        // Precedence: or < and < not < comparison < + - < * /
        ("a or b and not c", "(or a (and b (not c)))"),
        ("a and b or c and d", "(or (and a b) (and c d))"),
        ("a или b или c", "(or (or a b) c)"),
        ("не a и b или c", "(or (and (not a) b) c)"),
        ("not a = 1 and b", "(and (not (= a 1)) b)"),
        ("not not a", "(not (not a))"),
        ("(a or b) and c", "(and (paren (or a b)) c)"),
        ("a + b * c - d / e > 1", "(> (- (+ a (* b c)) (/ d e)) 1)"),
        ("a - b - c = 0", "(= (- (- a b) c) 0)"),
        ("a – b — c = 0", "(= (- (- a b) c) 0)"),  // dashes pasted from a word processor
        ("a / b / c", "(/ (/ a b) c)"),
        ("(a + b) * c", "(* (paren (+ a b)) c)"),
        ("(vacancies / teachers) * 100% > vacancy_limit", "(> (* (paren (/ vacancies teachers)) 100%) vacancy_limit)"),
        ("-x < -5", "(< (- x) (- 5))"),
        ("- -x", "(- (- x))"),
        ("a - -2.5", "(- a (- 2.5))"),
        // Comparisons and literals
        ("x = да", "(= x true)"),
        ("x != нет", "(!= x false)"),
        ("x = true", "(= x true)"),
        ("x ≠ \"текст\"", "(!= x \"текст\")"),
        ("x ≤ 30%", "(<= x 30%)"),
        ("x ≥ 2.5", "(>= x 2.5)"),
        ("x <> 1", "(!= x 1)"),
        ("x = школа", "(= x школа)"),
        ("ООШ = school_type", "(= ООШ school_type)"),
        // Membership
        ("x в (СОШ, ООШ)", "(in x СОШ ООШ)"),
        ("x in (A)", "(in x A)"),
        ("x не в (A)", "(not-in x A)"),
        ("x not in (A, B)", "(not-in x A B)"),
        ("не x в (A)", "(not (in x A))"),
        ("x в (\"Средняя школа\", гимназия)", "(in x \"Средняя школа\" гимназия)"),
        ("risk в (high, medium) и social", "(and (in risk high medium) social)"),
        // Calls
        ("известно(x) и нет_данных(y)", "(and (known x) (missing y))"),
        ("known(x) or missing(y)", "(or (known x) (missing y))"),
        ("предыдущее(x) > предыдущее(x, 2)", "(> (previous x) (previous x 2))"),
        ("изменение(x) < -5", "(< (change x) (- 5))"),
        ("x < процентиль(x, 10)", "(< x (percentile x 10))"),
        ("x < среднее(x по муниципалитету) - gap", "(< x (- (mean x by:municipality) gap))"),
        ("x < mean(x by municipality)", "(< x (mean x by:municipality))"),
        ("x < median(x by school_type)", "(< x (median x by:school_type))"),
        ("ранг(x по school_type) <= 3", "(<= (rank x by:school_type) 3)"),
        ("процентиль(x, 10 по school_type) > 0", "(> (percentile x 10 by:school_type) 0)"),
        ("медиана(x) = mean(x)", "(= (median x) (mean x))"),
        ("foo(x, 1)", "(foo x 1)"),
        ("количество(сработавших) >= 3", "(>= (count triggered) 3)"),
        ("count(triggered) > 1 or low_results", "(or (> (count triggered) 1) low_results)"),
        ("КОЛИЧЕСТВО(Сработавших) > 1", "(> (count triggered) 1)"),
        // Persistence: every spelling
        ("vpr > limit for 2 years", "(for 2 (> vpr limit))"),
        ("vpr > limit for 1 year", "(for 1 (> vpr limit))"),
        ("vpr > limit 2 года подряд", "(for 2 (> vpr limit))"),
        ("vpr > limit 1 год подряд", "(for 1 (> vpr limit))"),
        ("vpr > limit 5 лет подряд", "(for 5 (> vpr limit))"),
        ("vpr > limit в течение 2 лет", "(for 2 (> vpr limit))"),
        ("vpr > limit в течение 3 лет и flag", "(and (for 3 (> vpr limit)) flag)"),
        ("не vpr > limit 2 года подряд", "(not (for 2 (> vpr limit)))"),
        ("(a или b) 2 года подряд", "(for 2 (paren (or a b)))"),
        // `в течение` after a parenthesis or a bare condition is not `в (…)`.
        ("(a или b) в течение 2 лет", "(for 2 (paren (or a b)))"),
        ("flag в течение 3 лет", "(for 3 flag)"),
        ("flag for 20 years", "(for 20 flag)"),
    ])
    func expression(source: String, expected: String) {
        let (dump, diagnostics) = dumpExpression(source)
        #expect(diagnostics == [])
        #expect(dump == expected)
    }

    @Test(arguments: [
        ("a < b < c", "error chainedComparison 1:7"),
        ("a or", "error expected 1:5"),
        ("и a", "error expected 1:1"),
        ("a b", "error expected 1:3"),
        ("(a > 1", "error expected 1:7"),
        ("x в ()", "error expected 1:6"),
        ("x в (A, B", "error expected 1:10"),
        ("x не 5", "error expected 1:3"),
        ("x > 1 for 0 years", "error invalidYears 1:11"),
        ("x > 1 for 21 years", "error invalidYears 1:11"),
        ("x > 1 for 2", "error expected 1:12"),
        ("x > 1 for 2.5 years", "error expected 1:11"),
        ("mean(x by)", "error expected 1:10"),
        ("mean(x by если)", "error reservedWord 1:11"),
        ("count(x)", "error expected 1:7"),
        ("x > @", "error unexpectedCharacter 1:5"),
    ])
    func expressionError(source: String, expected: String) {
        let (dump, diagnostics) = dumpExpression(source)
        #expect(dump == nil)
        #expect(diagnostics.first == expected)
    }

    @Test func chainedComparisonHasHelp() {
        let (_, diagnostics) = Parser.parseExpression(Support.file("0 < x < 1"))
        #expect(diagnostics.first?.help?.code == "chainedComparisonHelp")
    }

    // MARK: Declarations

    @Test(arguments: [
        ("правила \"T\" {\n  версия \"1\"\n  год 2026/27\n  основание \"B\"\n}",
         #"(ruleset "T" version="1" year=2026/27 basis="B")"#),
        ("ruleset \"T\" { version \"1\" year 2026/27 basis \"B\" }",
         #"(ruleset "T" version="1" year=2026/27 basis="B")"#),
        ("ruleset \"T\" { year 2026; version \"2\" }",
         #"(ruleset "T" version="2" year=2026/27 basis=_)"#),
        ("правила \"T\" { год 2099/2100 }",
         #"(ruleset "T" version=_ year=2099/00 basis=_)"#),
        ("показатель x \"X\" : количество единица \"чел.\" диапазон 0...10 источник \"ОО-1\" столбец \"a\", \"b\"",
         #"(indicator x "X" count() unit="чел." range=0...10 source="ОО-1" columns=["a","b"])"#),
        ("indicator x : count unit \"u\"\n  range 0...10\n  column \"a\"",
         #"(indicator x _ count() unit="u" range=0...10 source=_ columns=["a"])"#),
        ("показатель t : категория(СОШ, \"Средняя школа\", школа)",
         #"(indicator t _ category(СОШ,Средняя школа,школа) unit=_ range=_ source=_ columns=[])"#),
        ("показатель a : число\nпоказатель b : процент диапазон 0%...100%\nпоказатель c : логический\nпоказатель d : текст",
         "(indicator a _ number() unit=_ range=_ source=_ columns=[])\n(indicator b _ percent() unit=_ range=0%...100% source=_ columns=[])\n(indicator c _ bool() unit=_ range=_ source=_ columns=[])\n(indicator d _ text() unit=_ range=_ source=_ columns=[])"),
        ("indicator a : number\nindicator b : percent\nindicator c : boolean\nindicator d : text\nindicator e : category(A)",
         "(indicator a _ number() unit=_ range=_ source=_ columns=[])\n(indicator b _ percent() unit=_ range=_ source=_ columns=[])\n(indicator c _ bool() unit=_ range=_ source=_ columns=[])\n(indicator d _ text() unit=_ range=_ source=_ columns=[])\n(indicator e _ category(A) unit=_ range=_ source=_ columns=[])"),
        ("параметр p \"P\" = 10% диапазон 0%...100% основание \"п. 2\"",
         #"(param p "P" 10% unit=_ range=0%...100% basis="п. 2")"#),
        ("param p = -2.5 unit \"pts\" range -5...5",
         #"(param p _ -2.5 unit="pts" range=-5...5 basis=_)"#),
        ("parameter p = 5",
         "(param p _ 5 unit=_ range=_ basis=_)"),
        ("фактор f \"F\" {\n  основание \"b\"\n  применяется если x > 1\n  если x < 2\n}",
         #"(factor f "F" basis="b" applies=(> x 1) when=(< x 2))"#),
        ("factor f \"F\" { basis \"b\"; applies when x > 1; when x < 2 }",
         #"(factor f "F" basis="b" applies=(> x 1) when=(< x 2))"#),
        ("шкала s \"S\" {\n  hi \"H\" если f\n  mid если count(triggered) > 1\n  lo \"L\" иначе\n}",
         #"(scale s "S" (hi "H" f) (mid _ (> (count triggered) 1)) (lo "L" otherwise))"#),
        ("scale s { hi \"H\" when f   lo otherwise }",
         #"(scale s _ (hi "H" f) (lo _ otherwise))"#),
        ("группа g \"G\" если s = hi",
         #"(group g "G" basis=_ when=(= s hi))"#),
        ("group g { basis \"b\" when f and s in (hi) }",
         #"(group g _ basis="b" when=(and f (in s hi)))"#),
        ("роль r \"R\"\nроль r2\nrole r3 \"R3\"",
         "(role r \"R\")\n(role r2 _)\n(role r3 \"R3\")"),
        ("мера m \"M\" {\n  устраняет f, g\n  только если gr\n  уровень муниципалитет\n  ответственный r\n  соисполнители r2, r3\n  срок 1 сентября\n  результат \"res\"\n  основание \"b\"\n}",
         #"(measure m "M" addresses=[f,g] only=gr scope=municipality responsible=[r] with=[r2,r3] due=month:9:1 result="res" basis="b")"#),
        ("measure m { addresses f only when g scope school responsible r with r due october 15 result \"x\" basis \"y\" }",
         #"(measure m _ addresses=[f] only=g scope=school responsible=[r] with=[r] due=month:10:15 result="x" basis="y")"#),
        ("мера m {\n  ответственный uo, school_head\n  срок сентябрь–октябрь\n}",
         "(measure m _ addresses=[] only=_ scope=_ responsible=[uo,school_head] with=[] due=range:9-10 result=_ basis=_)"),
        ("measure m { responsible uo, director, rmo due from september 1 to october 15 }",
         "(measure m _ addresses=[] only=_ scope=_ responsible=[uo,director,rmo] with=[] due=range:9:1-10:15 result=_ basis=_)"),
        ("пример \"E\" {\n  дано x = 1, t = СОШ, q = 30%, b = да, n = -3, s = \"str\", k = школа\n  дано 2024/25: x = 2\n  дано 2024: x = 3\n  ожидается f\n  ожидается не f\n  ожидается f не применяется\n  ожидается f не определён\n  ожидается f не определен\n  ожидается s = hi\n}",
         #"(example "E" (given _ x=1 t=СОШ q=30% b=true n=(- 3) s="str" k=школа) (given 2024/25 x=2) (given 2024/25 x=3) (expect f triggered) (expect f notTriggered) (expect f notApplicable) (expect f unknown) (expect f unknown) (expect s=hi))"#),
        ("example \"E\" { given x = 1, b = no given 2023/24: x = 2 expect f expect not f expect f not applicable expect f unknown expect s = hi }",
         #"(example "E" (given _ x=1 b=false) (given 2023/24 x=2) (expect f triggered) (expect f notTriggered) (expect f notApplicable) (expect f unknown) (expect s=hi))"#),
        ("пример \"E\" {\n  дано x = 1,\n    y = 2\n  ожидается f\n}",
         #"(example "E" (given _ x=1 y=2) (expect f triggered))"#),
    ])
    func declaration(source: String, expected: String) {
        let (dump, diagnostics) = dumpFile(source)
        #expect(diagnostics == [])
        #expect(dump == expected)
    }

    @Test(arguments: [
        // Russian
        ("октябрь", "month:10"),
        ("ОКТЯБРЯ", "month:10"),
        ("15 октября", "month:10:15"),
        ("1 сентября", "month:9:1"),
        ("29 февраля", "month:2:29"),
        ("2026-10-15", "date:2026-10-15"),
        ("15.10.2026", "date:2026-10-15"),
        ("квартал 1", "quarter:1"),
        ("1 квартал", "quarter:1"),
        ("4 квартал", "quarter:4"),
        ("ежегодно", "annually"),
        ("в течение года", "during-year"),
        ("\"по графику РМО\"", "text:\"по графику РМО\""),
        // English
        ("october", "month:10"),
        ("October 15", "month:10:15"),
        ("quarter 4", "quarter:4"),
        ("annually", "annually"),
        ("during year", "during-year"),
        ("\"per schedule\"", "text:\"per schedule\""),
    ])
    func deadline(source: String, expected: String) {
        let (dump, diagnostics) = dumpFile("мера m {\n  срок \(source)\n}")
        #expect(diagnostics == [])
        #expect(dump.contains(" due=\(expected) "), "\(dump)")
    }

    @Test(arguments: [
        ("квартал 5", "error invalidQuarter 2:16"),
        ("5 квартал", "error invalidQuarter 2:8"),
        ("31 июня", "error invalidDay 2:8"),
        ("32 мая", "error invalidDay 2:8"),
        ("foo", "error expected 2:8"),
        ("15 foo", "error expected 2:11"),
        ("2026-13-01", "error invalidDate 2:8"),
        ("в течение", "error expected 3:1"),
    ])
    func deadlineError(source: String, expected: String) {
        let (_, diagnostics) = dumpFile("мера m {\n  срок \(source)\n}")
        #expect(diagnostics == [expected])
    }

    // MARK: Syntax errors

    @Test(arguments: [
        ("показатель y \"Y\" число", ["error expected 1:18"]),
        ("показатель x : foo", ["error expected 1:16"]),
        ("показатель x : категория()", ["error expected 1:26"]),
        ("фактор f \"F\" {\n  если x >\n}", ["error expected 3:1"]),
        ("фактор f \"F\" {\n  основание \"b\"\n}", ["error missingClause 1:8"]),
        ("группа g {\n  основание \"b\"\n}", ["error missingClause 1:8"]),
        ("фактор f {\n  основание 12\n  если x\n}", ["error expected 2:13"]),
        ("фактор f {\n  если x\n  если y\n}", ["error duplicateClause 3:3"]),
        ("параметр p = да", ["error expected 1:14"]),
        ("роль если", ["error reservedWord 1:6"]),
        ("мера m {\n  foo bar\n}", ["error expected 2:3"]),
        ("мера m {\n  уровень район\n}", ["error expected 2:11"]),
        ("пример \"E\" {\n  ожидается f не так\n}", ["error expected 2:18"]),
        ("пример \"E\" {\n  дано x\n}", ["error expected 3:1"]),
        ("x = 5", ["error expected 1:1"]),
        ("фактор h {\n  если (x > 1\n}", ["error expected 3:1"]),
        ("группа q если x > 1 > 2", ["error chainedComparison 1:21"]),
        ("фактор f {\n  если x\n", ["error expected 3:1"]),
        ("правила \"T\" { год 2026/28 }", ["error invalidSchoolYear 1:19"]),
        ("правила \"T\" { год 1800 }", ["error invalidSchoolYear 1:19"]),
        ("правила \"T\" { версия \"1\" версия \"2\" }", ["error duplicateClause 1:26"]),
        ("шкала s {\n  hi \"H\"\n}", ["error expected 3:1"]),
        ("показатель \"Доля\" : процент", ["error expected 1:12"]),
        ("показатель x \"X\" : число }", ["error expected 1:26"]),
        // An unterminated string swallows its line; what follows is not a second mistake
        ("показатель x \"Доля : процент\nпоказатель y : число", ["error unterminatedString 1:14"]),
        ("мера m {\n  устраняет", ["error expected 2:12"]),
    ])
    func syntaxError(source: String, expected: [String]) {
        let (_, diagnostics) = dumpFile(source)
        #expect(diagnostics == expected)
    }

    @Test(arguments: [
        ("роль если", "reservedWordHelp"),
        ("x = 5", "declarationHelp"),
        ("фактор f {\n  если x\n", "unclosedBlockHelp"),
        ("мера m {\n  foo\n}", "clauseHelp"),
        ("показатель x : foo", "indicatorTypeHelp"),
        ("пример \"E\" {\n  ожидается f не так\n}", "outcomeHelp"),
        ("мера m {\n  срок foo\n}", "deadlineHelp"),
        ("правила \"T\" { год 2026/28 }", "schoolYearHelp"),
    ])
    func syntaxErrorHelp(source: String, help: String) {
        let (_, diagnostics) = Support.parse(source)
        #expect(diagnostics.first?.help?.code == help)
    }

    @Test func unclosedBlockBeforeTheNextDeclaration() {
        let (dump, diagnostics) = dumpFile("фактор f {\n  если x\nфактор g {\n  если y\n}")
        #expect(diagnostics == ["error expected 3:1"])
        #expect(dump == "(factor g _ basis=_ applies=_ when=y)")
    }

    /// One file, many independent mistakes: each is reported once, in order, and the good
    /// declarations between them are still parsed.
    @Test func recoveryReportsEveryIndependentError() {
        let source = """
        показатель x "X" : количество
        показатель y "Y" число
        фактор f "F" {
          если x >
        }
        фактор g "G" {
          основание 12
          если x > 1
        }
        параметр p = да
        шкала s {
          hi "H" если f
          lo "L"
        }
        роль если
        мера m {
          устраняет f
          срок квартал 7
          foo bar
        }
        пример "E" {
          дано x =
          ожидается f не так
        }
        x = 5
        фактор h "H" {
          если (x > 1
        }
        группа q "Q" если x > 1 > 2
        роль ok "Хорошая роль"
        """
        let (dump, diagnostics) = dumpFile(source)
        #expect(diagnostics == [
            "error expected 2:18",  // missing «:»
            "error expected 5:1",  // expression cut short
            "error expected 7:13",  // basis is not a string
            "error expected 10:14",  // param value is not a number
            "error expected 14:1",  // level without если/иначе
            "error reservedWord 15:6",  // keyword as a name
            "error invalidQuarter 18:16",
            "error expected 19:3",  // unknown clause
            "error expected 23:3",  // given value missing
            "error expected 23:18",  // bad outcome
            "error expected 25:1",  // not a declaration
            "error expected 28:1",  // unclosed parenthesis
            "error chainedComparison 29:25",
        ])
        #expect(dump.contains(#"(indicator x "X" count()"#))
        #expect(dump.contains(#"(factor g "G" basis=_ applies=_ when=(> x 1))"#))
        #expect(dump.hasSuffix(#"(role ok "Хорошая роль")"#))
    }

    @Test func tooManySyntaxErrorsStop() {
        let source = String(repeating: "x = 5\nфактор f {\n  если\n}\n", count: 200)
        let (_, diagnostics) = Support.parse(source)
        #expect(diagnostics.count <= Lexer.errorLimit * 2 + 1)
        #expect(diagnostics.last?.message.code == "tooManyErrors")
    }

    // MARK: File-level facts

    @Test(arguments: [
        ("показатель x : число\nфактор f { если x > 1 }", Lang.ru),
        ("indicator x : number\nfactor f { when x > 1 }", Lang.en),
        ("indicator x : число", Lang.ru),  // a tie: Russian is the default
        ("indicator x : number  # комментарий по-русски", Lang.en),
    ])
    func fileLanguage(source: String, lang: Lang) {
        #expect(Support.parse(source).0.lang == lang)
    }

    @Test func declarationsKeepTheirComments() {
        let source = """
        # about x
        показатель x : число  # trailing x
        фактор f {  # opening
          # before when
          если x > 1  # after when
          # closing
        }
        # end of file
        """
        let (syntax, diagnostics) = Support.parse(source)
        #expect(diagnostics.isEmpty)
        guard case .indicator(let x) = syntax.declarations[0], case .factor(let f) = syntax.declarations[1] else {
            Issue.record("unexpected declarations")
            return
        }
        #expect(x.comments.leading == ["# about x"])
        #expect(x.comments.trailing == "# trailing x")
        #expect(f.comments.trailing == "# opening")
        #expect(f.when?.comments.leading == ["# before when"])
        #expect(f.when?.value.trailingComment == "# after when" || f.when?.comments.trailing == "# after when")
        #expect(f.closingComments == ["# closing"])
        #expect(syntax.trailingComments == ["# end of file"])
    }

    // MARK: Clause tables

    /// Every clause of every block declaration, given twice, is reported once at its second
    /// keyword (repeatable clauses are not), in both languages.
    @Test(arguments: [Keyword.ruleset, .factor, .group, .measure, .example], Lang.allCases)
    func clauseGivenTwice(owner: Keyword, lang: Lang) {
        let values: [Keyword: String] = [
            .version: "\"1\"", .year: "2026/27", .basis: "\"b\"", .applies: "\(Keyword.when.canonical(lang)) x",
            .when: "x", .addresses: "f", .only: "\(Keyword.when.canonical(lang)) x",
            .scope: Keyword.school.canonical(lang), .responsible: "r", .with: "a, b", .due: "2026-10-01",
            .result: "\"r\"", .given: "x = 1", .expect: "f", .target: "x <= 1", .direction: "staff",
            .exit: "\(Keyword.after.canonical(lang)) 2 \(lang == .ru ? "лет" : "years") \(Keyword.without.canonical(lang)) \(Keyword.condition.canonical(lang))",
        ]
        let head = owner == .ruleset || owner == .example ? "\"T\"" : "d"
        for keyword in Parser.clauseKeywords(owner) {
            let value = values[keyword]!
            let clause = "\(keyword.canonical(lang)) \(value)"
            let source = "\(owner.canonical(lang)) \(head) {\n  \(clause)\n  \(clause)\n}"
            let diagnostics = Support.parse(source).1.map(Support.brief)
            let repeatable = keyword == .given || keyword == .expect || keyword == .target
            let missingWhen = (owner == .factor || owner == .group) && keyword != .when
            let expected = (repeatable ? [] : ["error duplicateClause 3:3"])
                + (missingWhen ? ["error missingClause 1:\(owner.canonical(lang).count + 2)"] : [])
            #expect(diagnostics == expected, "\(source)")
        }
    }

    /// The attributes of one-line declarations, given twice, are reported at the second.
    @Test(arguments: [
        ("показатель x : число единица \"a\" единица \"b\"", ["error duplicateClause 1:34"]),
        ("показатель x : число диапазон 0...1 источник \"s\" диапазон 0...2", ["error duplicateClause 1:50"]),
        ("indicator x : text source \"s\" column \"a\", \"b\" column \"c\" source \"t\"", ["error duplicateClause 1:58"]),
        ("параметр p = 3 основание \"a\" единица \"u\" основание \"b\"", ["error duplicateClause 1:42"]),
        ("param p = 3 range 0...5 unit \"u\" range 1...2", ["error duplicateClause 1:34"]),
    ])
    func attributeGivenTwice(source: String, expected: [String]) {
        #expect(dumpFile(source).1 == expected)
    }
}
