import Testing
@testable import RiskmapLanguage

private func format(_ text: String, path: String = "test.rules") -> String {
    let (syntax, diagnostics) = Support.parse(text, path: path)
    #expect(!diagnostics.hasErrors, "\(diagnostics.map(Support.brief))")
    return Formatter.format(syntax)
}

private func dump(_ text: String) -> String {
    SyntaxDump.file(Support.parse(text).0)
}

/// Hand-written inputs in every awkward shape the formatter must survive.
private let messyInputs: [String] = [
    // Odd spacing, `;` separators, no spaces around operators
    """
    правила   "T"{версия "1";год 2026/27   ;   основание "B"}
    показатель   x "X":количество   диапазон 0...10
    параметр p "P"=5    параметр q = 10%
    фактор f{если x>p или x<=1 и не x=2}
    """,
    // Comments everywhere
    """
    # header comment
    # second header line
    правила "T" {  # after the brace
      # before version
      версия "1"  # after version
      год 2026/27
      # before the closing brace
    }
    # before x
    показатель x "X" : количество  # trailing x
    показатель y "Y" : процент
      диапазон 0%...100%  # after range
      столбец "a", "b"
    # before factor
    фактор f "F" {  # opening comment
      # before when
      если x > 1  # after first operand
        или y > 30%  # after second
        или x < 1 и y < 5%  # after the last
      # closing comment
    }
    шкала s { hi если f или количество(сработавших) >= 2 lo иначе }  # after scale
    группа gr если f  # inline group trailing
    мера m { устраняет f # addresses comment
    только если gr или
      # between operands
      s = hi
    ответственный r срок 1 квартал }
    роль r  # role comment
    пример "E" { дано x = 1 , y = 5%  # given comment
      ожидается f }
    # trailing file comment
    """,
    // One-line blocks
    """
    ruleset "T" { version "1" year 2026/27 basis "B" }
    indicator x : count
    factor f { basis "b" applies when x > 1 when x < 5 }
    scale s { hi "H" when f lo "L" otherwise }
    group g { basis "b" when f and s = hi }
    role r
    measure m { addresses f only when g scope municipality responsible r with r due october 15 result "x" basis "y" }
    example "E" { given x = 1 given 2024/25: x = 2 expect f expect not g expect f not applicable expect f unknown expect s = hi }
    """,
    // Long conditions that must wrap, long attribute lists and long given lists
    """
    показатель доля_обучающихся_из_малообеспеченных_семей "Доля обучающихся из малообеспеченных семей" : процент диапазон 0%...100% источник "Соцзащита" столбец "Малообеспеченные, %"
    показатель численность_обучающихся "Численность" : количество
    фактор длинный "Длинное условие" {
      если доля_обучающихся_из_малообеспеченных_семей > 40% и численность_обучающихся < 100 или доля_обучающихся_из_малообеспеченных_семей > 60% или численность_обучающихся < 10 и известно(численность_обучающихся)
    }
    группа длинная "Длинная группа" если длинный и доля_обучающихся_из_малообеспеченных_семей > 10% и численность_обучающихся > 1 и численность_обучающихся < 100000
    пример "Длинный" {
      дано доля_обучающихся_из_малообеспеченных_семей = 45%, численность_обучающихся = 90, доля_обучающихся_из_малообеспеченных_семей = 1%
      ожидается длинный
    }
    """,
    // Trailing comments on `или` continuation lines, comments inside parentheses and calls
    """
    фактор f {
      если a > 1  # первое
        или b > 2  # второе
        или c > 3  # третье
    }
    фактор g {
      применяется если a # a
        и b  # b
        или c # c
      если (x > 1  # внутри скобок
            или y > 5%)
        и не (x < 0 # внутри не
          или x > 10)
        и среднее(x  # внутри вызова
          ) > 1
    }
    шкала s {
      hi если f  # уровень 1
        или g  # уровень 1, продолжение
      lo иначе  # уровень 2
    }
    """,
    // Every expression form and every deadline form
    """
    фактор f {
      если -x < -5 и --x > 1 и (a + b) * c / d - e >= 2.5 и x ≤ 30% и y ≠ "t" и z <> нет
        и t в (СОШ, "Средняя школа") и t не в (ООШ) и не t в (гимназия)
        и предыдущее(x, 2) > изменение(x) и процентиль(x, 10 по t) < среднее(x по муниципалитету)
        и ранг(x) = медиана(x) и известно(x) и нет_данных(y) и x > 1 2 года подряд
        и x > 2 в течение 3 лет и x > 3 1 год подряд
    }
    шкала s { hi если количество(сработавших) >= 3 lo иначе }
    мера m1 { срок октябрь }
    мера m2 { срок 15 октября }
    мера m3 { срок 2026-10-15 }
    мера m4 { срок 15.10.2026 }
    мера m5 { срок квартал 1 }
    мера m6 { срок 2 квартал }
    мера m7 { срок ежегодно }
    мера m8 { срок в течение года }
    мера m9 { срок "по графику" }
    мера m10 { ответственный uo, school_head, rmo срок сентябрь–октябрь }
    мера m11 { срок август - сентябрь }
    мера m12 { срок с 1 сентября по 15 октября }
    мера m13 { срок 1 сентября — октябрь 15 }
    мера m14 { срок ежемесячно }
    мера m15 { срок ежеквартально }
    мера m16 { срок 2 раза в год }
    мера m17 { срок 1 раз в четверть }
    мера m18 { срок 5 раз в квартал }
    мера m19 { срок 3 РАЗА В МЕСЯЦ }
    """,
    // The same deadline forms with English keywords
    """
    measure m1 { responsible uo, school_head due september–october }
    measure m2 { due from september 1 to october 15 }
    measure m3 { due monthly }
    measure m4 { due quarterly }
    measure m5 { due 2 times per year }
    measure m6 { due 1 time a term }
    measure m7 { due 3 times a month }
    """,
    // Strings that need escaping, category values that need quotes
    #"""
    показатель t "Тип \"ОО\"\tи\\или" : категория(СОШ, "Средняя школа", школа, "2-я")
    фактор f { основание "Приказ «№ 1»" если t = "Средняя школа" }
    """#,
    // Expert judgements: alone, with a source text, beside a plain source
    """
    показатель a "А" : логический источник   экспертная   ОЦЕНКА
    показатель b "Б" : логический источник экспертная оценка "перечень ФИОКО"  столбец "Б"
    показатель d "Д" : число источник "ОО-1"
    """,
    // Comments ending in several CRs before the LF (the `lang` fuzzer's crash: «#\r\r\n»
    // formatted to «#\r\n», which formats to «#\n»)
    "\n#\r\r\n",
    "# a\r\r\nправила \"T\" { версия \"1\" } # b\r\r\r\n# c\r\n",
]

@Suite struct FormatterTests {
    // MARK: Idempotence on the starter book

    @Test func starterIsStableUnderFmt() throws {
        for file in try Support.starterFiles() {
            let (syntax, diagnostics) = Parser.parse(file)
            #expect(!diagnostics.hasErrors)
            let once = Formatter.format(syntax)
            let twice = format(once, path: file.path)
            #expect(once == twice, "\(file.path) changes when formatted twice")
            #expect(dump(once) == SyntaxDump.file(syntax), "\(file.path) changes meaning")
        }
    }

    @Test func formattedFileIsANoOp() throws {
        for file in try Support.starterFiles() {
            let formatted = Formatter.format(Parser.parse(file).0)
            let again = Formatter.format(Parser.parse(SourceFile(path: file.path, text: formatted)).0)
            #expect(Array(again.utf8) == Array(formatted.utf8))
        }
    }

    // MARK: parse → print → parse

    @Test func starterRoundTrips() throws {
        for file in try Support.starterFiles() {
            let text = String(decoding: file.bytes, as: UTF8.self)
            #expect(dump(format(text)) == dump(text), "\(file.path)")
            #expect(Support.commentCount(format(text)) == Support.commentCount(text), "\(file.path)")
        }
    }

    @Test(arguments: messyInputs.indices)
    func messyInputRoundTrips(index: Int) {
        let text = messyInputs[index]
        let formatted = format(text)
        #expect(dump(formatted) == dump(text))
        #expect(format(formatted) == formatted, "not idempotent:\n\(formatted)")
        #expect(Support.commentCount(formatted) == Support.commentCount(text), "comments lost:\n\(formatted)")
        // No line longer than the line width unless a single clause cannot be broken.
        for line in formatted.split(separator: "\n") where line.count > Formatter.lineWidth {
            #expect(!line.contains(" или ") && !line.contains(" и "), "unwrapped: \(line)")
        }
    }

    /// The canonical spelling of each deadline form and of several responsible roles.
    @Test(arguments: [
        ("мера m { ответственный uo,school_head срок август - сентябрь }", "  ответственный uo, school_head\n  срок август–сентябрь\n"),
        ("мера m { срок 1 сентября – 15 октября }", "  срок с 1 сентября по 15 октября\n"),
        ("мера m { срок сентябрь 1 — октябрь }", "  срок 1 сентября – октябрь\n"),
        ("мера m { срок 2 раз в год }", "  срок 2 раза в год\n"),
        ("мера m { срок 5 раза в четверти }", "  срок 5 раз в четверть\n"),
        ("мера m { срок 1 раз в квартал }", "  срок 1 раз в квартал\n"),
        ("мера m { срок ЕЖЕМЕСЯЧНО }", "  срок ежемесячно\n"),
        ("measure m { responsible uo, school_head due september - october }",
         "  responsible uo, school_head\n  due september–october\n"),
        ("measure m { due 1 september – 15 october }", "  due from september 1 to october 15\n"),
        ("measure m { due 2 time per year }", "  due 2 times a year\n"),
        ("measure m { due 1 times per term }", "  due 1 time a term\n"),
        ("measure m { due Quarterly }", "  due quarterly\n"),
    ])
    func deadlineFormsHaveOneSpelling(source: String, expected: String) {
        #expect(format(source).contains(expected), "\(format(source))")
    }

    /// `источник экспертная оценка` keeps its place and its text; `judgment` is written `judgement`.
    @Test(arguments: [
        ("показатель a : логический источник   экспертная ОЦЕНКА", "показатель a : логический источник экспертная оценка\n"),
        ("показатель a : логический источник экспертная оценка \"список\"", "источник экспертная оценка \"список\""),
        ("indicator a : bool source expert judgment", "indicator a : bool source expert judgement\n"),
    ])
    func expertJudgementHasOneSpelling(source: String, expected: String) {
        #expect(format(source).contains(expected), "\(format(source))")
    }

    @Test func commentsAreNeverLostAndKeepTheirText() {
        let text = messyInputs[1]
        let formatted = format(text)
        let comments = text.split(separator: "\n").compactMap { line -> String? in
            guard let i = line.firstIndex(of: "#") else { return nil }
            return String(line[i...])
        }
        for comment in comments {
            #expect(formatted.contains(comment), "lost «\(comment)»")
        }
    }

    @Test func trailingCommentsStayOnContinuationLines() {
        let formatted = format(messyInputs[4])
        // Continuation lines indent two spaces per chain level from the clause.
        #expect(formatted.contains("  если a > 1  # первое\n    или b > 2  # второе\n    или c > 3  # третье\n"))
        #expect(formatted.contains("  hi если f  # уровень 1\n    или g  # уровень 1, продолжение\n"))
        #expect(formatted.contains("применяется если a  # a\n      и b  # b\n    или c  # c\n"))
    }

    @Test func longConditionsWrapBeforeOperators() {
        let formatted = format(messyInputs[3])
        let lines = formatted.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.contains { $0.hasPrefix("    или ") })
        #expect(lines.contains { $0.hasPrefix("  и ") })  // inline group continuation
        #expect(lines.contains { $0.hasPrefix("  диапазон ") })  // indicator attributes one per line
    }

    @Test func canonicalLayout() {
        let formatted = format("фактор f{если x>1}\nроль a\nроль b\nмера m{устраняет f ответственный a срок октябрь}")
        #expect(formatted == """
        фактор f {
          если x > 1
        }

        роль a
        роль b

        мера m {
          устраняет f
          ответственный a
          срок октябрь
        }

        """)
    }

    // MARK: Language

    @Test func russianStaysRussian() {
        let formatted = format(messyInputs[0])
        #expect(Support.parse(formatted).0.lang == .ru)
        let (tokens, _) = Support.tokens(formatted)
        for token in tokens {
            if case .keyword(let k, let lang) = token.kind {
                #expect(lang == .ru, "English keyword \(k) in a Russian file")
            }
        }
    }

    @Test func englishStaysEnglish() {
        let formatted = format(messyInputs[2])
        #expect(formatted.hasPrefix("ruleset \"T\" {"))
        let (tokens, _) = Support.tokens(formatted)
        for token in tokens {
            if case .keyword(let k, let lang) = token.kind {
                #expect(lang == .en, "Russian keyword \(k) in an English file")
            }
        }
        #expect(formatted.contains("due october 15"))
        #expect(formatted.contains("expect f not applicable"))
        #expect(formatted.contains("expect f unknown"))
    }

    @Test(arguments: [
        ("фактор f { если x > 1 for 2 years }", "x > 1 2 года подряд"),
        ("фактор f { если x > 1 в течение 5 лет }", "x > 1 5 лет подряд"),
        ("фактор f { если x > 1 1 год подряд }", "x > 1 1 год подряд"),
        ("factor f { basis \"b\" when x > 1 2 года подряд }", "x > 1 for 2 years"),
        ("factor f { when x > 1 for 1 year }", "x > 1 for 1 year"),
        ("factor f { basis \"b\" when mean(x по муниципалитету) > 1 }", "mean(x by municipality)"),
        ("фактор f { если mean(x by municipality) > 1 }", "среднее(x по муниципалитету)"),
        ("factor f { when count(сработавших) > 1 }", "count(triggered)"),
        ("фактор f { если x = yes }", "x = да"),
        ("мера m { срок october 15 }", "срок 15 октября"),
        ("measure m { due 15 октября }", "due october 15"),
        ("мера m { срок during year }", "срок в течение года"),
        ("measure m { due 2026-10-15 }", "due 2026-10-15"),
        ("мера m { срок 2026-10-15 }", "срок 15.10.2026"),
    ])
    func canonicalSpellingsInTheFilesLanguage(source: String, expected: String) {
        #expect(format(source).contains(expected), "\(format(source))")
    }

    // MARK: Russian and English books check identically

    @Test func translatedStarterChecksIdentically() throws {
        let russianFiles = try Support.starterFiles()
        var englishFiles: [SourceFile] = []
        for file in russianFiles {
            let (syntax, diagnostics) = Parser.parse(file)
            #expect(!diagnostics.hasErrors)
            #expect(syntax.lang == .ru)
            let english = Formatter(lang: .en).print(syntax)
            let englishFile = SourceFile(path: file.path, text: english)
            let (englishSyntax, englishDiagnostics) = Parser.parse(englishFile)
            #expect(englishDiagnostics.isEmpty, "\(file.path): \(englishDiagnostics.map(Support.brief))")
            #expect(englishSyntax.lang == .en || englishSyntax.declarations.isEmpty)
            #expect(SyntaxDump.file(englishSyntax) == SyntaxDump.file(syntax), "\(file.path)")
            // And back: the Russian canonical form of the English file is the Russian canonical form.
            #expect(Formatter(lang: .ru).print(englishSyntax) == Formatter(lang: .ru).print(syntax))
            englishFiles.append(englishFile)
        }
        let (ruBook, ruDiagnostics, ruSyntax) = Checker.check(files: russianFiles)
        let (enBook, enDiagnostics, enSyntax) = Checker.check(files: englishFiles)
        #expect(SyntaxDump.ruleBook(ruSyntax) == SyntaxDump.ruleBook(enSyntax))
        #expect((ruBook == nil) == (enBook == nil))
        #expect(ruDiagnostics.map(Support.brief) == enDiagnostics.map(Support.brief))
    }

    /// The same broken book in both languages: the same diagnostics, at the same lines and on
    /// the same tokens, line:column included where the keywords before them are equally long.
    @Test func translatedBrokenBookChecksIdentically() throws {
        var russian = try Support.starterFiles().map { String(decoding: $0.bytes, as: UTF8.self) }
        // Break some names in the canonical Russian text (each is one independent error).
        russian = russian.map { Formatter.format(Support.parse($0).0) }
        russian = russian.map {
            $0.replacingOccurrences(of: "если internet_mbps <", with: "если internet_mpbs <")
                .replacingOccurrences(of: "teachers_over_55 > 40%", with: "teachers_over_55 > 0.4")
                .replacingOccurrences(of: "high \"высокий\" если", with: "high \"высокий\" если lw_results или")
                .replacingOccurrences(of: "ответственный director\n  соисполнители uo", with: "ответственный directr\n  соисполнители uo")
                .replacingOccurrences(of: "дано internet_mbps = 2,", with: "дано internet_mbps = 2%,")
        }
        let ruFiles = russian.enumerated().map { SourceFile(path: "f\($0).rules", text: $1) }
        let enFiles = ruFiles.map { SourceFile(path: $0.path, text: Formatter(lang: .en).print(Parser.parse($0).0)) }
        let (_, ru, _) = Checker.check(files: ruFiles)
        let (_, en, _) = Checker.check(files: enFiles)
        #expect(Support.errors(ru).count == 5)
        func key(_ d: Diagnostic) -> String {
            "\(d.severity.rawValue) \(d.message.code) \(d.path ?? ""):\(d.location?.line ?? 0) «\(d.range?.text ?? "")»"
        }
        #expect(ru.map(key) == en.map(key))
        // `если`/`when` have the same length, so errors right after them share the column too.
        let afterWhen = ru.filter { d in
            guard let r = d.range else { return false }
            let prefix = String(r.file.lineText(r.startLocation.line).prefix(r.startLocation.column - 1))
            return prefix == "  если " || prefix == "  high \"высокий\" если "
        }
        #expect(afterWhen.count >= 2)
        for d in afterWhen {
            #expect(en.contains { $0.message.code == d.message.code && $0.location == d.location }, "\(Support.brief(d))")
        }
    }
}
