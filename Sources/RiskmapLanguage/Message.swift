/// What the parser expected where it found something else.
public enum Expected: Sendable {
    case identifier, string, number, integer, value, expression, declaration, endOfInput
    case symbol(Symbol)
    case keyword(Keyword)
    case clause(Keyword)
    case indicatorType, categoryValue, levelCondition, scope, month, deadline, outcome, frequencyPeriod
    /// «план» after `подписывает` in a role.
    case planWord

    func text(_ lang: Lang) -> String {
        func t(ru: @autoclosure () -> String, en: @autoclosure () -> String) -> String { lang.text(ru: ru(), en: en()) }
        switch self {
        case .identifier: return t(ru: "имя (код)", en: "a name (code)")
        case .string: return t(ru: "строка в кавычках \"…\"", en: "a quoted string \"…\"")
        case .number: return t(ru: "число", en: "a number")
        case .integer: return t(ru: "целое число", en: "a whole number")
        case .value:
            return t(ru: "значение (число, процент, да/нет, значение категории или строка)",
                     en: "a value (number, percent, yes/no, category value or string)")
        case .expression: return t(ru: "выражение", en: "an expression")
        case .declaration:
            return t(ru: "объявление (показатель, параметр, фактор, шкала, группа, роль, направление, мера, пример, правила)",
                     en: "a declaration (indicator, param, factor, scale, group, role, direction, measure, example, ruleset)")
        case .endOfInput: return t(ru: "конец выражения", en: "the end of the expression")
        case .symbol(let s): return t(ru: "«\(s.rawValue)»", en: "«\(s.rawValue)»")
        case .keyword(let k): return t(ru: "«\(k.canonical(.ru))»", en: "'\(k.canonical(.en))'")
        case .clause(let owner):
            return t(ru: "предложение блока «\(owner.canonical(.ru))» (\(Expected.clauses(owner, .ru))) или «}»",
                     en: "a clause of '\(owner.canonical(.en))' (\(Expected.clauses(owner, .en))) or '}'")
        case .indicatorType: return t(ru: "тип показателя", en: "an indicator type")
        case .categoryValue: return t(ru: "значение категории", en: "a category value")
        case .levelCondition: return t(ru: "«если» или «иначе»", en: "'when' or 'otherwise'")
        case .scope: return t(ru: "«школа» или «муниципалитет»", en: "'school' or 'municipality'")
        case .month: return t(ru: "название месяца", en: "a month name")
        case .deadline: return t(ru: "срок", en: "a deadline")
        case .planWord: return t(ru: "«план» (роль подписывает план)", en: "'plan' (the role signs plan)")
        case .frequencyPeriod:
            return t(ru: "«год», «четверть», «квартал» или «месяц»", en: "'year', 'term', 'quarter' or 'month'")
        case .outcome: return t(ru: "«не применяется» или «не определён»", en: "'not applicable' or 'unknown'")
        }
    }

    static func clauses(_ owner: Keyword, _ lang: Lang) -> String {
        if owner == .scale { return lang.text(ru: "уровень: код \"название\" если … / иначе", en: "a level: code \"title\" when … / otherwise") }
        return Parser.clauseKeywords(owner).map { $0.canonical(lang) }.joined(separator: ", ")
    }
}

extension Lang {
    /// The text in this language. Every wording of riskmap's messages is written as one
    /// `text(ru:en:)`, the Russian beside the English, so none exists in one language only;
    /// only the one asked for is built.
    func text(ru: @autoclosure () -> String, en: @autoclosure () -> String) -> String {
        self == .ru ? ru() : en()
    }
}

/// Every diagnostic message of riskmap, in Russian and English. Nothing else in the code
/// base spells out a diagnostic: add a case here (and its kind in `Message.Kind`).
public enum Message: Sendable {
    // Files and input
    case noRuleFiles
    case pathNotFound(String)
    case unreadableFile(String)
    case binaryFile
    case invalidUTF8
    case invalidUTF8Help
    case tooManyErrors(Int)
    // Lexer
    case unexpectedCharacter(String)
    case guillemetHelp
    case unterminatedString
    case unterminatedStringHelp
    case invalidDate(String)
    /// Issue 17: a number beyond ±`NumberText.limit`.
    case numberTooLarge(text: String, limit: String)
    // Parser
    case expected(Expected, found: String)
    case reservedWord(token: String, keyword: String)
    case reservedWordHelp(String)
    case declarationHelp
    case unclosedBlockHelp
    case clauseHelp(Keyword)
    case duplicateClause(Keyword)
    case missingClause(Keyword)
    case indicatorTypeHelp
    case invalidSchoolYear(String)
    case schoolYearHelp
    case invalidQuarter(Int)
    case invalidDay(Int)
    case deadlineHelp
    case outcomeHelp
    case tooDeeplyNested(Int)
    case chainedComparison
    case chainedComparisonHelp
    case invalidYears(Int)
    // Checker: names
    case undeclared(String)
    case didYouMean(String)
    case duplicateCode(String, previous: SourceLocation, previousFile: String)
    case duplicateRuleset
    case missingRuleset
    case unknownFunction(String)
    case wrongArgumentCount(function: String, expected: Arity, got: Int)
    case forbiddenReference(name: String, kind: SymbolKind, context: ExprContext)
    case forbiddenReferenceHelp(ExprContext)
    case notAnIndicator(String)
    case byTargetNotCategory(String)
    case nestedCohort
    case previousYearsArgument
    // Checker: types and units
    case percentVersusNumber(String)
    case percentLiteralHelp(String)
    case ratioAsPercentHelp
    case unitMismatch(ValueType, ValueType)
    case notACondition(ValueType)
    case notANumber(ValueType)
    case orderingNotAllowed(ValueType)
    case unknownCategoryValue(value: String, indicator: String)
    case categoryValuesHelp(String)
    case duplicateCategoryValue(String)
    case unknownLevel(level: String, scale: String)
    case levelsHelp(String)
    case percentileOutOfRange
    case percentileHelp
    case invalidRange
    case paramOutOfRange(value: String, low: String, high: String)
    case rangeOnNonNumeric
    /// `источник экспертная оценка` on a computed indicator.
    case expertJudgementComputed(String)
    case expertJudgementComputedHelp
    // Checker: measures and examples
    case unknownFactor(String)
    case unknownRole(String)
    case missingAddresses
    case missingResponsible
    case missingDeadline
    case factorNotAddressed(String)
    case factorNotAddressedHelp
    case unreachableLevel(String)
    case unreachableAfterOtherwise
    case noLevels
    case exampleNotIndicator(String)
    case exampleWrongType(name: String, expected: ValueType)
    case exampleNegativeCount(String)
    case exampleOutOfRange(name: String, low: String, high: String)
    case exampleDuplicateValue(String)
    case expectationTarget(String)
    case expectationOutcome(String)
    case exampleNoExpectations
    // Issue 12: computed indicators
    case formulaType(declared: ValueType, got: ValueType)
    case formulaCycle(String)
    case computedKind
    case computedColumn(String)
    case partitionByComputed(String)
    case exampleComputed(String)
    case computedColumnIgnored(String)
    // Issue 12: time conditions
    case yearsParam(String)
    case atLeastMoreThanYears(atLeast: Int, years: Int)
    case negatedPersistence
    case exampleSchoolMissing
    case reliableKind
    case reliableReference(String)
    case pooledCondition
    case pooledConditionHelp
    case targetForm
    case targetFormHelp
    case exampleUnknownSchool(String)
    case exampleSchoolHelp
    case negatedPersistenceHelp
    // Issue 12: measures with several responsible roles, deadline ranges and frequencies
    case duplicateRole(String)
    case duplicateRoleHelp
    case roleResponsibleAndCoExecutor(String)
    case reversedDeadlineRange
    // Issue 15: a group's exit criterion
    case exitAfterOneYear
    case exitAfterOneYearHelp
    // Issue 13: measure directions
    case unknownDirection(String)
    case unknownDirectionHelp
    case directionUnused(String)
    case directionUnusedHelp
    case secondSigningRole(String, first: String)
    case secondSigningRoleHelp
    case deadlineRangeHelp
    case monthsHelp
    case invalidFrequency(Int)
    case frequencyHelp
    // CSV files (school profiles, directories)
    case csvEmptyFile
    case csvUnterminatedQuote
    case csvTooManyFields(expected: Int, got: Int)
    case csvTooFewFields(expected: Int, got: Int)
    case csvTooManyFieldsHelp
    // Issue 17: limits, encodings, real exports
    case moreOfKind(count: Int, example: String, code: String)
    case csvTooManyColumns(count: Int, limit: Int)
    case csvCellTooLong(length: Int, limit: Int)
    case csvInvalidUTF8(byte: String)
    case csvInvalidUTF8Help
    case csvHeaderRowFound(line: Int, skipped: Int)
    case profileTotalRowSkipped(String)
    case profileDataUnderEmptyHeader(count: Int)
    case profileNoYearColumn(year: String)
    case profileNoYearColumnHelp
    case profileIdTooLong(length: Int, limit: Int)
    case profileMoreColumns(count: Int)
    case ruleFileTooLarge(size: Int, limit: Int)
    case unreadableFileReason(path: String, reason: String)
    case outputReadOnly(String)
    // School profiles
    case profileMissingIdColumn
    case profileIdColumnHelp
    case profileUnknownColumn(String)
    case profileColumnsHelp
    case profileDuplicateColumn(column: String, indicator: String)
    case profileBadValue(text: String, expected: ValueType)
    case profileOutOfRange(text: String, low: String, high: String)
    case profileUnknownCategory(text: String, indicator: String)
    case profileDuplicateSchoolYear(id: String, year: String, line: Int)
    case profileBadYear(String)
    case profileYearHelp
    case profileEmptyId
    case profileYearNotFound(String, available: String)
    case profileNoRows
    case schoolNotFound(String)
    case schoolAmbiguous(String, candidates: String)
    // Backtest: the expected file (`riskmap backtest --expected`)
    case expectedColumns
    case expectedUnknownGroup(String, known: String)
    case expectedUnknownSchool(id: String, year: String)
    case expectedBadMember(String)
    case expectedDuplicate(id: String, year: String, group: String, line: Int)
    // Plans
    case directoryColumns
    case outputFailed(String)
    // Issue 14: output folders
    case outputIsCurrentFolder(String)
    case outputHoldsInput(folder: String, input: String)
    case outputNotAFolder(String)
    case outputIsSymbolicLink(String)
    case outputNotRiskmap(folder: String, example: String)
    case outputFolderHelp
    case outputIsFolder(String)
    // Issue 14: inputs
    case inputIsFolder(String)
    case rulesNotFoundHelp
    case rulesArgumentHelp(command: String)
    case schoolsNotFoundHelp
    case notATable(InputFileKind)
    case notATableHelp(InputFileKind)
    // Issue 14: Excel workbooks
    case workbookUnreadable(String)
    case workbookEncrypted
    case workbookNoSheet(name: String, available: String)
    case workbookNoSheets
    case workbookHelp
    // Issue 14: plausibility of the data
    case profileFractionPercent(column: String, known: Int)
    case profileFractionPercentHelp
    case profileMisspelledColumn(column: String, indicator: String, factors: String)
    case profileCalendarYear(text: String, read: String, rows: Int)
    case profileYearFormatHelp(text: String, calendar: String)
    case profileMunicipalityChanged(id: String, first: String, firstYear: String, other: String, year: String)
    case profileMunicipalityHelp
    // Issue 15: plan --compare-with
    case previousPlansNotFolder(String)
    case previousPlansMissing(String)
    case previousPlansNotJSON(String)
    case previousPlansField(path: String, field: String)
    case previousPlansFormat(path: String, found: String, expected: String)
    case compareWithHelp

    // MARK: Rendering

    /// A stable identifier for editors (`--format json`).
    public var code: String { kind.rawValue }

    static func severityLabel(_ severity: Diagnostic.Severity, _ lang: Lang) -> String {
        switch severity {
        case .error: return lang.text(ru: "ошибка", en: "error")
        case .warning: return lang.text(ru: "предупреждение", en: "warning")
        case .note: return lang.text(ru: "примечание", en: "note")
        }
    }

    static func helpLabel(_ lang: Lang) -> String { lang.text(ru: "подсказка", en: "help") }

    public static func summary(errors: Int, warnings: Int) -> SummaryText { SummaryText(errors: errors, warnings: warnings) }

    /// A value from a file as a message quotes it: at most `shownLength` characters, then
    /// «…» (a message is one line; the cell itself is in the excerpt).
    static func shown(_ value: String) -> String {
        value.count > shownLength ? String(value.prefix(shownLength)) + "…" : value
    }

    static let shownLength = 60

    /// The message in `lang`.
    public func text(_ lang: Lang) -> String {
        switch self {
        case .noRuleFiles:
            return lang.text(ru: "в папке нет файлов правил (*.rules)",
                             en: "the folder holds no rule files (*.rules)")
        case .pathNotFound(let p):
            return lang.text(ru: "путь «\(p)» не существует",
                             en: "path '\(p)' does not exist")
        case .unreadableFile(let p):
            return lang.text(ru: "не удаётся прочитать файл «\(p)»",
                             en: "cannot read file '\(p)'")
        case .binaryFile:
            return lang.text(ru: "файл не текстовый (содержит нулевые байты)",
                             en: "not a text file (contains NUL bytes)")
        case .invalidUTF8:
            return lang.text(ru: "файл не в кодировке UTF-8",
                             en: "the file is not UTF-8")
        case .invalidUTF8Help:
            return lang.text(ru: "сохраните файл в кодировке UTF-8 (в Блокноте: «Сохранить как» → «Кодировка: UTF-8»)",
                             en: "save the file as UTF-8")
        case .tooManyErrors(let n):
            return lang.text(ru: "слишком много ошибок (\(n)); остальная часть файла не проверялась",
                             en: "too many errors (\(n)); the rest of the file was not checked")
        case .unexpectedCharacter(let c):
            return lang.text(ru: "недопустимый символ «\(c)»",
                             en: "unexpected character '\(c)'")
        case .guillemetHelp:
            return lang.text(ru: "строки записываются в прямых кавычках: \"Центр «Точка роста»\"",
                             en: "strings use straight quotes: \"Центр «Точка роста»\"")
        case .unterminatedString:
            return lang.text(ru: "строка не закрыта кавычкой",
                             en: "unterminated string")
        case .unterminatedStringHelp:
            return lang.text(ru: "добавьте закрывающую кавычку \" в конце строки",
                             en: "add the closing \" at the end of the string")
        case .invalidDate(let d):
            return lang.text(ru: "несуществующая дата «\(d)»",
                             en: "no such date '\(d)'")
        case .numberTooLarge(let t, let limit):
            return lang.text(ru: "число \(t) вне допустимого диапазона: от -\(limit) до \(limit)",
                             en: "number \(t) is outside the allowed range: -\(limit) to \(limit)")
        case .expected(let what, let found):
            return lang.text(ru: found.isEmpty ? "ожидалось: \(what.text(.ru)), но файл закончился" : "ожидалось: \(what.text(.ru)), найдено «\(found)»",
                             en: found.isEmpty ? "expected \(what.text(.en)), found the end of the file" : "expected \(what.text(.en)), found '\(found)'")
        case .reservedWord(let token, let keyword):
            return lang.text(ru: "«\(token)» — ключевое слово (\(keyword)), его нельзя использовать как имя",
                             en: "'\(token)' is a keyword (\(keyword)) and cannot be used as a name")
        case .reservedWordHelp(let t):
            return lang.text(ru: "выберите другое имя, например «\(t)_1» или «\(t)_показатель»",
                             en: "choose another name, e.g. '\(t)_1'")
        case .declarationHelp:
            return lang.text(ru: "каждое объявление начинается с ключевого слова: показатель, параметр, фактор, шкала, группа, роль, направление, мера, пример",
                             en: "every declaration starts with a keyword: indicator, param, factor, scale, group, role, direction, measure, example")
        case .unclosedBlockHelp:
            return lang.text(ru: "закройте блок фигурной скобкой «}»",
                             en: "close the block with '}'")
        case .clauseHelp(let owner):
            return lang.text(ru: "в блоке «\(owner.canonical(.ru))» допустимы: \(Expected.clauses(owner, .ru))",
                             en: "a '\(owner.canonical(.en))' block takes: \(Expected.clauses(owner, .en))")
        case .duplicateClause(let clause):
            return lang.text(ru: "предложение «\(clause.canonical(.ru))» указано повторно",
                             en: "clause '\(clause.canonical(.en))' given twice")
        case .missingClause(let clause):
            return lang.text(ru: "не указано обязательное предложение «\(clause.canonical(.ru))»",
                             en: "the required clause '\(clause.canonical(.en))' is missing")
        case .indicatorTypeHelp:
            return lang.text(ru: "типы: количество, число, процент, логический, категория(…), текст",
                             en: "types: count, number, percent, bool, category(…), text")
        case .invalidSchoolYear(let y):
            return lang.text(ru: "неверный учебный год «\(y)»",
                             en: "invalid school year '\(y)'")
        case .schoolYearHelp:
            return lang.text(ru: "учебный год записывается как 2026/27",
                             en: "a school year is written 2026/27")
        case .invalidQuarter(let q):
            return lang.text(ru: "квартала \(q) не существует (допустимо 1–4)",
                             en: "there is no quarter \(q) (1–4)")
        case .invalidDay(let d):
            return lang.text(ru: "в этом месяце нет \(d)-го числа",
                             en: "that month has no day \(d)")
        case .deadlineHelp:
            return lang.text(ru: "срок: месяц (октябрь, 1 сентября), дата (2026-10-15 или 15.10.2026), квартал 1, месяцы (сентябрь–октябрь, с 1 сентября по 15 октября), ежемесячно, ежеквартально, 2 раза в год, ежегодно, в течение года или текст в кавычках",
                             en: "a deadline: a month (october, september 1), a date (2026-10-15), quarter 1, months (september–october, from september 1 to october 15), monthly, quarterly, 2 times a year, annually, during year, or quoted text")
        case .outcomeHelp:
            return lang.text(ru: "после имени фактора допустимо: «не применяется» или «не определён»",
                             en: "after a factor name: 'not applicable' or 'unknown'")
        case .tooDeeplyNested(let n):
            return lang.text(ru: "выражение вложено глубже \(n) уровней",
                             en: "expression nested deeper than \(n) levels")
        case .chainedComparison:
            return lang.text(ru: "сравнения нельзя записывать цепочкой",
                             en: "comparisons cannot be chained")
        case .chainedComparisonHelp:
            return lang.text(ru: "запишите два сравнения через «и»: a < x и x < b",
                             en: "write two comparisons joined by 'and': a < x and x < b")
        case .invalidYears(let n):
            return lang.text(ru: "число лет должно быть от 1 до 20, а не \(n)",
                             en: "the number of years must be 1 to 20, not \(n)")
        case .undeclared(let n):
            return lang.text(ru: "имя «\(n)» не объявлено",
                             en: "'\(n)' is not declared")
        case .didYouMean(let n):
            return lang.text(ru: "возможно, имелось в виду «\(n)»",
                             en: "did you mean '\(n)'?")
        case .duplicateCode(let n, let loc, let file):
            return lang.text(ru: "код «\(n)» уже объявлен (\(file):\(loc.line):\(loc.column))",
                             en: "'\(n)' is already declared (\(file):\(loc.line):\(loc.column))")
        case .duplicateRuleset:
            return lang.text(ru: "заголовок «правила» объявлен повторно; в книге правил он один",
                             en: "a second 'ruleset' header; a rule book has one")
        case .missingRuleset:
            return lang.text(ru: "в книге правил нет заголовка «правила \"…\" { версия … год … }»",
                             en: "the rule book has no 'ruleset \"…\" { version … year … }' header")
        case .unknownFunction(let f):
            return lang.text(ru: "неизвестная функция «\(f)»",
                             en: "unknown function '\(f)'")
        case .wrongArgumentCount(let f, let expected, let got):
            return lang.text(ru: "функция «\(f)» принимает \(expected.text(.ru)), а передано \(got)",
                             en: "'\(f)' takes \(expected.text(.en)), got \(got)")
        case .forbiddenReference(let name, let kind, let context):
            return lang.text(ru: "в \(context.text(.ru)) нельзя ссылаться на \(kind.referredTo(.ru)) «\(name)»",
                             en: "\(context.text(.en)) cannot refer to the \(kind.referredTo(.en)) '\(name)'")
        case .forbiddenReferenceHelp(let context):
            return lang.text(ru: context.allowed(.ru),
                             en: context.allowed(.en))
        case .notAnIndicator(let n):
            return lang.text(ru: "«\(n)» — не показатель",
                             en: "'\(n)' is not an indicator")
        case .byTargetNotCategory(let n):
            return lang.text(ru: "разбиение «по» возможно только по показателю-категории или муниципалитету, а «\(n)» — не категория",
                             en: "'by' takes a category indicator or municipality; '\(n)' is not a category")
        case .nestedCohort:
            return lang.text(ru: "функции по совокупности школ (процентиль, среднее, медиана, ранг) нельзя вкладывать друг в друга",
                             en: "cohort functions (percentile, mean, median, rank) cannot be nested")
        case .previousYearsArgument:
            return lang.text(ru: "второй аргумент «предыдущее» — число лет назад, целое от 1 до 20",
                             en: "the second argument of 'previous' is a number of years back, a whole number 1 to 20")
        case .percentVersusNumber(let n):
            return lang.text(ru: "процент сравнивается с числом \(n)",
                             en: "a percent is compared with the number \(n)")
        case .percentLiteralHelp(let p):
            return lang.text(ru: "проценты записываются со знаком %: \(p)",
                             en: "write percents with a % sign: \(p)")
        case .ratioAsPercentHelp:
            return lang.text(ru: "отношение двух количеств — число (0,14), а не процент; запишите (a / b) * 100% или сравните с долей 0.1",
                             en: "a ratio of two counts is a number (0.14), not a percent; write (a / b) * 100% or compare with 0.1")
        case .unitMismatch(let a, let b):
            return lang.text(ru: "нельзя сочетать \(a.text(.ru)) и \(b.text(.ru))",
                             en: "cannot combine \(a.text(.en)) with \(b.text(.en))")
        case .notACondition(let t):
            return lang.text(ru: "ожидалось условие (да/нет), а здесь \(t.text(.ru))",
                             en: "expected a condition (yes/no), found \(t.text(.en))")
        case .notANumber(let t):
            return lang.text(ru: "ожидалось число, а здесь \(t.text(.ru))",
                             en: "expected a number, found \(t.text(.en))")
        case .orderingNotAllowed(let t):
            return lang.text(ru: "\(t.text(.ru)) можно сравнивать только на равенство (= или !=)",
                             en: "\(t.text(.en)) can only be compared for equality (= or !=)")
        case .unknownCategoryValue(let v, let ind):
            return lang.text(ru: "у показателя «\(ind)» нет значения «\(v)»",
                             en: "indicator '\(ind)' has no value '\(v)'")
        case .categoryValuesHelp(let list):
            return lang.text(ru: "допустимые значения: \(list)",
                             en: "its values: \(list)")
        case .duplicateCategoryValue(let v):
            return lang.text(ru: "значение «\(v)» указано дважды",
                             en: "value '\(v)' listed twice")
        case .unknownLevel(let level, let scale):
            return lang.text(ru: "в шкале «\(scale)» нет уровня «\(level)»",
                             en: "scale '\(scale)' has no level '\(level)'")
        case .levelsHelp(let list):
            return lang.text(ru: "уровни шкалы: \(list)",
                             en: "its levels: \(list)")
        case .percentileOutOfRange:
            return lang.text(ru: "процентиль должен быть от 0 до 100",
                             en: "the percentile must be between 0 and 100")
        case .percentileHelp:
            return lang.text(ru: "например, процентиль(x, 10) — граница нижних 10 %",
                             en: "e.g. percentile(x, 10) is the bottom-10 % boundary")
        case .invalidRange:
            return lang.text(ru: "нижняя граница диапазона больше верхней",
                             en: "the lower bound of the range is above the upper bound")
        case .paramOutOfRange(let v, let lo, let hi):
            return lang.text(ru: "значение параметра \(v) вне объявленного диапазона \(lo)…\(hi)",
                             en: "parameter value \(v) is outside its declared range \(lo)…\(hi)")
        case .rangeOnNonNumeric:
            return lang.text(ru: "диапазон допустим только для числовых показателей",
                             en: "a range only applies to numeric indicators")
        case .expertJudgementComputed(let n):
            return lang.text(ru: "вычисляемый показатель «\(n)» не может быть экспертной оценкой: его значение считает формула",
                             en: "computed indicator '\(n)' cannot be an expert judgement: its formula computes its value")
        case .expertJudgementComputedHelp:
            return lang.text(ru: "отметьте «источник экспертная оценка» у показателей, которые читает формула: вычисляемый показатель наследует это от них",
                             en: "mark 'source expert judgement' on the indicators its formula reads: a computed indicator inherits it from them")
        case .unknownFactor(let n):
            return lang.text(ru: "фактор «\(n)» не объявлен",
                             en: "factor '\(n)' is not declared")
        case .unknownRole(let n):
            return lang.text(ru: "роль «\(n)» не объявлена",
                             en: "role '\(n)' is not declared")
        case .missingAddresses:
            return lang.text(ru: "мера не устраняет ни одного фактора (нет предложения «устраняет»)",
                             en: "the measure addresses no factor (no 'addresses' clause)")
        case .missingResponsible:
            return lang.text(ru: "у меры не указан ответственный",
                             en: "the measure has no responsible role")
        case .duplicateRole(let n):
            return lang.text(ru: "роль «\(n)» указана дважды",
                             en: "role '\(n)' is listed twice")
        case .duplicateRoleHelp:
            return lang.text(ru: "оставьте роль один раз: в списке через запятую каждая роль указывается по одному разу",
                             en: "keep the role once: each role appears once in a comma-separated list")
        case .unknownDirection(let n):
            return lang.text(ru: "направление «\(n)» не объявлено",
                             en: "direction '\(n)' is not declared")
        case .unknownDirectionHelp:
            return lang.text(ru: "объявите его отдельной строкой: направление КОД \"Название раздела\"",
                             en: "declare it on a line of its own: direction CODE \"Section title\"")
        case .directionUnused(let n):
            return lang.text(ru: "направление «\(n)» не названо ни в одной мере",
                             en: "no measure names direction '\(n)'")
        case .directionUnusedHelp:
            return lang.text(ru: "укажите его в мерах этого раздела («направление КОД») или удалите объявление",
                             en: "name it in the measures of this section ('direction CODE') or remove the declaration")
        case .secondSigningRole(let n, let first):
            return lang.text(ru: "план школы уже подписывает роль «\(first)»; роль «\(n)» — вторая",
                             en: "role '\(first)' already signs the school plan; '\(n)' is a second one")
        case .secondSigningRoleHelp:
            return lang.text(ru: "«подписывает план» пишется у одной роли — руководителя школы",
                             en: "'signs plan' goes with one role: the head of the school")
        case .roleResponsibleAndCoExecutor(let n):
            return lang.text(ru: "роль «\(n)» указана и ответственным, и соисполнителем",
                             en: "role '\(n)' is both responsible and a co-executor")
        case .reversedDeadlineRange:
            return lang.text(ru: "срок кончается раньше, чем начинается",
                             en: "the deadline range ends before it starts")
        case .deadlineRangeHelp:
            return lang.text(ru: "диапазон идёт по учебному году, с сентября по август: «сентябрь–октябрь», «ноябрь–февраль», «с 1 сентября по 15 октября»; летом перед учебным годом можно начать: «август–сентябрь»",
                             en: "a range runs through the school year, September to August: september–october, november–february, from september 1 to october 15; it may start in the summer before: august–september")
        case .monthsHelp:
            return lang.text(ru: "месяц: январь … декабрь (или января … декабря)",
                             en: "a month: january … december")
        case .invalidFrequency(let n):
            return lang.text(ru: "«\(n) раз» — мера должна проводиться хотя бы один раз",
                             en: "'\(n) times': a measure must take place at least once")
        case .frequencyHelp:
            return lang.text(ru: "периодичность: ежемесячно, ежеквартально, ежегодно или N раз в год (в четверть, в квартал, в месяц), N не меньше 1",
                             en: "a frequency: monthly, quarterly, annually or N times a year (a term, a quarter, a month), N at least 1")
        case .missingDeadline:
            return lang.text(ru: "у меры не указан срок",
                             en: "the measure has no deadline")
        case .factorNotAddressed(let n):
            return lang.text(ru: "фактор «\(n)» не устраняет ни одна мера",
                             en: "no measure addresses factor '\(n)'")
        case .factorNotAddressedHelp:
            return lang.text(ru: "добавьте меру с предложением «устраняет» для этого фактора",
                             en: "add a measure with 'addresses' for this factor")
        case .unreachableLevel(let n):
            return lang.text(ru: "уровень «\(n)» недостижим: предыдущий уровень с тем же условием срабатывает раньше",
                             en: "level '\(n)' can never be reached: an earlier level with the same condition wins")
        case .unreachableAfterOtherwise:
            return lang.text(ru: "уровень недостижим: он стоит после уровня «иначе»",
                             en: "this level can never be reached: it follows 'otherwise'")
        case .noLevels:
            return lang.text(ru: "в шкале нет ни одного уровня",
                             en: "the scale has no levels")
        case .exampleNotIndicator(let n):
            return lang.text(ru: "в примере «дано» задаёт показатели, а «\(n)» — не показатель",
                             en: "'given' sets indicators; '\(n)' is not an indicator")
        case .exampleWrongType(let n, let t):
            return lang.text(ru: "значение показателя «\(n)» должно быть: \(t.text(.ru))",
                             en: "the value of '\(n)' must be \(t.text(.en))")
        case .exampleNegativeCount(let n):
            return lang.text(ru: "количество «\(n)» не может быть отрицательным или дробным",
                             en: "count '\(n)' cannot be negative or fractional")
        case .exampleOutOfRange(let n, let lo, let hi):
            return lang.text(ru: "значение «\(n)» вне допустимого диапазона \(lo)…\(hi)",
                             en: "the value of '\(n)' is outside its range \(lo)…\(hi)")
        case .exampleDuplicateValue(let n):
            return lang.text(ru: "значение «\(n)» задано в этом году повторно",
                             en: "'\(n)' is given twice for this year")
        case .expectationTarget(let n):
            return lang.text(ru: "«\(n)» — не фактор, не группа и не мера",
                             en: "'\(n)' is not a factor, a group or a measure")
        case .expectationOutcome(let n):
            return lang.text(ru: "для «\(n)» можно ожидать только наличие или отсутствие (не применяется / не определён — только у факторов)",
                             en: "'\(n)' can only be expected present or absent (not applicable / unknown are for factors)")
        case .exampleNoExpectations:
            return lang.text(ru: "в примере нет ни одного «ожидается»",
                             en: "the example has no 'expect'")
        case .formulaType(let declared, let got):
            return lang.text(ru: "формула даёт \(got.text(.ru)), а показатель объявлен как \(declared.text(.ru))",
                             en: "the formula gives \(got.text(.en)), but the indicator is declared as \(declared.text(.en))")
        case .formulaCycle(let path):
            return lang.text(ru: "показатель вычисляется через самого себя: \(path)",
                             en: "the indicator is computed from itself: \(path)")
        case .computedKind:
            return lang.text(ru: "вычисляемый показатель может быть количеством, числом, процентом или логическим",
                             en: "a computed indicator can be a count, a number, a percent or yes/no")
        case .computedColumn(let n):
            return lang.text(ru: "у вычисляемого показателя «\(n)» нет столбца в таблице школ: его значение даёт формула",
                             en: "the computed indicator '\(n)' has no column in the schools file: its formula gives its value")
        case .partitionByComputed(let n):
            return lang.text(ru: "разбиение «по» возможно только по показателю из таблицы школ, а «\(n)» вычисляется по формуле",
                             en: "'by' needs an indicator of the schools file, and '\(n)' is computed")
        case .exitAfterOneYear:
            return lang.text(ru: "«выход после 1 года без условия» ничего не меняет: школа и так выходит из группы в первый же год без условия",
                             en: "'exit after 1 year without condition' changes nothing: a school leaves the group in its first year without the condition anyway")
        case .exitAfterOneYearHelp:
            return lang.text(ru: "укажите 2 года или больше («выход после 2 лет без условия») или уберите «выход»",
                             en: "give 2 years or more ('exit after 2 years without condition') or remove 'exit'")
        case .yearsParam(let n):
            return lang.text(ru: "число лет задаётся целым числом от 1 до 20 или параметром с таким значением, а «\(n)» — не такой параметр",
                             en: "a number of years is a whole number from 1 to 20 or a parameter with such a value, and '\(n)' is not one")
        case .atLeastMoreThanYears(let k, let n):
            return lang.text(ru: "нельзя требовать \(k) из последних \(n) лет: \(k) больше \(n)",
                             en: "cannot require \(k) of the last \(n) years: \(k) is more than \(n)")
        case .reliableKind:
            return lang.text(ru: "«надёжно если» задаётся для количества, числа или процента из таблицы школ (не для вычисляемого показателя)",
                             en: "'reliable when' is for a count, number or percent read from the schools file (not a computed indicator)")
        case .reliableReference(let n):
            return lang.text(ru: "условие надёжности читает только показатели из таблицы школ без своего «надёжно если», а «\(n)» не такой",
                             en: "a reliability condition reads only indicators of the schools file without a 'reliable when' of their own, and '\(n)' is not one")
        case .pooledCondition:
            return lang.text(ru: "«иначе за последние … лет» складывает учеников нескольких лет, и условие надёжности должно сравнивать их число с порогом",
                             en: "'otherwise over last … years' adds up the pupils of several years, so the reliability condition must compare their number with a threshold")
        case .pooledConditionHelp:
            return lang.text(ru: "напишите «надёжно если ЧИСЛО >= ПОРОГ»: ЧИСЛО — показатель-количество из таблицы школ (участники), ПОРОГ — параметр или число",
                             en: "write 'reliable when COUNT >= THRESHOLD': COUNT a count indicator of the schools file (participants), THRESHOLD a parameter or a number")
        case .targetForm:
            return lang.text(ru: "цель сравнивает показатель с целевым значением: слева показатель, затем «<=», «>=» или «=»",
                             en: "a target compares an indicator with its goal: the indicator on the left, then '<=', '>=' or '='")
        case .targetFormHelp:
            return lang.text(ru: "например: «цель vpr_math_5_fail <= vpr_fail_max за 2 года» (не выше порога за два года) или «цель fioco_equipment = нет»",
                             en: "for example: 'target vpr_math_5_fail <= vpr_fail_max over 2 years' (at most the threshold within two years) or 'target fioco_equipment = no'")
        case .exampleSchoolMissing:
            return lang.text(ru: "в примере с несколькими школами каждое «дано» и «ожидается» называет школу",
                             en: "in an example with several schools every 'given' and 'expect' names its school")
        case .exampleUnknownSchool(let n):
            return lang.text(ru: "в примере нет школы «\(n)»: о ней ничего не «дано»",
                             en: "the example has no school '\(n)': nothing is 'given' about it")
        case .exampleSchoolHelp:
            return lang.text(ru: "школы примера задаются так: дано школа A: x = 1 … ожидается школа A: фактор",
                             en: "name an example's schools like this: given school A: x = 1 … expect school A: factor")
        case .negatedPersistence:
            return lang.text(ru: "«не» относится ко всему условию «… лет подряд»: «неверно, что так все годы»",
                             en: "'not' applies to the whole '… for N years': 'not so in every one of the years'")
        case .negatedPersistenceHelp:
            return lang.text(ru: "если имелось в виду «ни в одном из этих лет», возьмите условие в скобки: (не x) 2 года подряд; если «неверно, что все годы» — напишите явно: не (x 2 года подряд)",
                             en: "if 'in none of the years' was meant, parenthesise the condition: (not x) for 2 years; if 'not every year', say so: not (x for 2 years)")
        case .computedColumnIgnored(let n):
            return lang.text(ru: "столбец «\(n)» не читается: этот показатель вычисляется по формуле книги правил",
                             en: "column '\(n)' is not read: the rule book computes this indicator by a formula")
        case .exampleComputed(let n):
            return lang.text(ru: "«\(n)» вычисляется по формуле: задайте в примере показатели, из которых он вычисляется",
                             en: "'\(n)' is computed: give the indicators it is computed from instead")
        case .csvEmptyFile:
            return lang.text(ru: "файл пуст: нет строки заголовка",
                             en: "the file is empty: no header line")
        case .csvUnterminatedQuote:
            return lang.text(ru: "кавычка не закрыта до конца файла",
                             en: "a quote is not closed before the end of the file")
        case .csvTooManyFields(let e, let g):
            return lang.text(ru: "в строке \(g) \(Plural.russian(g, "ячейка", "ячейки", "ячеек")), а в заголовке \(e); лишние ячейки не прочитаны",
                             en: "the row has \(g) cells, the header \(e); the extra cells were not read")
        case .csvTooFewFields(let e, let g):
            return lang.text(ru: "в строке \(g) \(Plural.russian(g, "ячейка", "ячейки", "ячеек")), а в заголовке \(e); недостающие значения считаются отсутствующими",
                             en: "the row has \(g) cells, the header \(e); the missing values count as missing")
        case .csvTooManyFieldsHelp:
            return lang.text(ru: "проверьте разделитель (--delimiter) и кавычки вокруг значений, содержащих разделитель",
                             en: "check the delimiter (--delimiter) and the quotes around values that contain it")
        case .moreOfKind(let n, let example, let code):
            let cut = example.count > 80 ? String(example.prefix(80)) + "…" : example
            return lang.text(ru: "ещё \(n) \(Plural.russian(n, "сообщение", "сообщения", "сообщений")) того же рода (\(code)) не \(n == 1 ? "показано" : "показаны"), как «\(cut)»",
                             en: "\(n) more \(n == 1 ? "message" : "messages") of the same kind (\(code)) not shown, like '\(cut)'")
        case .csvTooManyColumns(let n, let limit):
            return lang.text(ru: "в заголовке \(n) \(Plural.russian(n, "столбец", "столбца", "столбцов")), больше допустимых \(limit); файл не прочитан",
                             en: "the header has \(n) columns, more than the \(limit) allowed; the file was not read")
        case .csvCellTooLong(let n, let limit):
            return lang.text(ru: "ячейка длиной \(n) символов, больше допустимых \(limit); значение считается отсутствующим",
                             en: "a cell of \(n) characters, more than the \(limit) allowed; it counts as missing")
        case .csvInvalidUTF8(let b):
            return lang.text(ru: "байт \(b) не образует символа UTF-8; файл прочитан как UTF-8, на месте байта — «\u{FFFD}»",
                             en: "byte \(b) is not part of a UTF-8 character; the file was read as UTF-8, with '\u{FFFD}' in its place")
        case .csvInvalidUTF8Help:
            return lang.text(ru: "остальной файл — в UTF-8; исправьте это место или сохраните файл в UTF-8 заново (для файла в Windows-1251 укажите --encoding cp1251)",
                             en: "the rest of the file is UTF-8; fix this place or save the file as UTF-8 again (for a Windows-1251 file, use --encoding cp1251)")
        case .csvHeaderRowFound(let line, let skipped):
            return lang.text(ru: "заголовки столбцов взяты из строки \(line); \(skipped == 1 ? "строка" : "строки") выше (\(Plural.russian(skipped, "заголовок", "заголовки", "заголовки")) таблицы) не \(skipped == 1 ? "прочитана" : "прочитаны")",
                             en: "the column headers were taken from line \(line); the \(skipped == 1 ? "line" : "lines") above (the table's title) \(skipped == 1 ? "was" : "were") not read")
        case .profileTotalRowSkipped(let t):
            return lang.text(ru: "строка итогов «\(t)» пропущена: это не школа",
                             en: "total row '\(t)' skipped: it is not a school")
        case .profileDataUnderEmptyHeader(let n):
            return lang.text(ru: "в столбце без заголовка есть данные (\(n) \(Plural.russian(n, "ячейка", "ячейки", "ячеек"))); они не прочитаны",
                             en: "a column without a header holds data (\(n) \(n == 1 ? "cell" : "cells")); it was not read")
        case .profileNoYearColumn(let y):
            return lang.text(ru: "в файле нет столбца с учебным годом: все строки считаются данными за \(y), год книги правил",
                             en: "the file has no school-year column: every row counts as data for \(y), the rule book's year")
        case .profileNoYearColumnHelp:
            return lang.text(ru: "добавьте столбец «year» («Учебный год») или укажите год: --year 2025/26",
                             en: "add a 'year' column or name the year: --year 2025/26")
        case .profileIdTooLong(let n, let limit):
            return lang.text(ru: "код школы длиной \(n) символов, больше допустимых \(limit); строка не прочитана",
                             en: "a school id of \(n) characters, more than the \(limit) allowed; the row was not read")
        case .profileMoreColumns(let n):
            return lang.text(ru: "и ещё \(n) \(Plural.russian(n, "столбец", "столбца", "столбцов")) без показателя или повторных не будут прочитаны",
                             en: "and \(n) more unknown or repeated \(n == 1 ? "column" : "columns") will not be read")
        case .ruleFileTooLarge(let size, let limit):
            return lang.text(ru: "файл правил размером \(size) байт больше допустимых \(limit) байт; файл не прочитан",
                             en: "the rule file is \(size) bytes, more than the \(limit) allowed; it was not read")
        case .unreadableFileReason(let path, let reason):
            return lang.text(ru: "не удаётся прочитать «\(path)»: \(reason)",
                             en: "cannot read '\(path)': \(reason)")
        case .outputReadOnly(let path):
            return lang.text(ru: "«\(path)» доступен только для чтения; riskmap его не перезаписывает",
                             en: "'\(path)' is read-only; riskmap does not overwrite it")
        case .profileMissingIdColumn:
            return lang.text(ru: "в файле нет столбца с кодом школы (school_id)",
                             en: "the file has no school id column (school_id)")
        case .profileIdColumnHelp:
            return lang.text(ru: "первые столбцы: school_id (или «Код ОО»), name («Наименование ОО»), municipality («Муниципалитет»), year («Учебный год»)",
                             en: "the first columns: school_id, name, municipality, year")
        case .profileUnknownColumn(let whole):
            let c = Message.shown(whole)
            return lang.text(ru: "столбец «\(c)» не соответствует ни одному показателю и не будет прочитан",
                             en: "column '\(c)' matches no indicator and will not be read")
        case .profileColumnsHelp:
            return lang.text(ru: "заголовок столбца — код показателя или его «столбец» из книги правил",
                             en: "a column header is an indicator code or one of its declared 'column' names")
        case .profileDuplicateColumn(let whole, let i):
            let c = Message.shown(whole)
            return lang.text(ru: "столбец «\(c)» повторно задаёт показатель «\(i)» и не будет прочитан",
                             en: "column '\(c)' sets indicator '\(i)' again and will not be read")
        case .profileBadValue(let whole, let e):
            let t = Message.shown(whole)
            return lang.text(ru: "значение «\(t)» не подходит: ожидалось \(e.text(.ru)); значение считается отсутствующим",
                             en: "value '\(t)' is not \(e.text(.en)); it counts as missing")
        case .profileOutOfRange(let whole, let lo, let hi):
            let t = Message.shown(whole)
            return lang.text(ru: "значение «\(t)» вне допустимого диапазона \(lo)…\(hi); значение считается отсутствующим",
                             en: "value '\(t)' is outside the range \(lo)…\(hi); it counts as missing")
        case .profileUnknownCategory(let whole, let i):
            let t = Message.shown(whole)
            return lang.text(ru: "у показателя «\(i)» нет значения «\(t)»; значение считается отсутствующим",
                             en: "indicator '\(i)' has no value '\(t)'; it counts as missing")
        case .profileDuplicateSchoolYear(let id, let y, let line):
            return lang.text(ru: "школа «\(id)» за \(y) уже есть в строке \(line); эта строка не прочитана",
                             en: "school '\(id)' for \(y) already appears on line \(line); this row was not read")
        case .expectedColumns:
            return lang.text(ru: "в файле ожиданий нужны столбцы school_id, year, group (и, по желанию, member — да/нет, source — откуда суждение)",
                             en: "the expected file needs the columns school_id, year, group (and optionally member — yes/no, source — where the judgement comes from)")
        case .expectedUnknownGroup(let g, let known):
            return lang.text(ru: "в книге правил нет группы «\(Message.shown(g))» (группы: \(known)); строка не прочитана",
                             en: "the rule book has no group '\(Message.shown(g))' (groups: \(known)); the row was not read")
        case .expectedUnknownSchool(let id, let year):
            return lang.text(ru: "школы «\(Message.shown(id))» за \(year) нет в файле школ; суждение не сравнивается",
                             en: "school '\(Message.shown(id))' has no row for \(year) in the schools file; the judgement is not compared")
        case .expectedBadMember(let t):
            return lang.text(ru: "в столбце member ожидается «да» или «нет», а не «\(Message.shown(t))»; строка не прочитана",
                             en: "the member column takes 'yes' or 'no', not '\(Message.shown(t))'; the row was not read")
        case .expectedDuplicate(let id, let year, let g, let line):
            return lang.text(ru: "суждение о школе «\(Message.shown(id))» (\(year), \(g)) уже есть в строке \(line); учтено первое",
                             en: "the judgement on school '\(Message.shown(id))' (\(year), \(g)) is already on line \(line); the first one counts")
        case .profileBadYear(let whole):
            let t = Message.shown(whole)
            return lang.text(ru: "неверный учебный год «\(t)»; строка не прочитана",
                             en: "invalid school year '\(t)'; the row was not read")
        case .profileYearHelp:
            return lang.text(ru: "учебный год записывается как 2025/26, 2025-2026 или 2025",
                             en: "write a school year as 2025/26, 2025-2026 or 2025")
        case .profileEmptyId:
            return lang.text(ru: "не указан код школы; строка не прочитана",
                             en: "no school id; the row was not read")
        case .profileYearNotFound(let y, let a):
            return lang.text(ru: "в данных нет учебного года \(y) (есть: \(a))",
                             en: "the data has no school year \(y) (present: \(a))")
        case .profileNoRows:
            return lang.text(ru: "в файле нет ни одной строки с данными школ",
                             en: "the file has no school rows")
        case .schoolNotFound(let s):
            return lang.text(ru: "школа «\(s)» не найдена ни по коду, ни по части названия",
                             en: "no school matches '\(s)' by id or by part of its name")
        case .schoolAmbiguous(let s, let c):
            return lang.text(ru: "под «\(s)» подходят несколько школ: \(c); уточните",
                             en: "several schools match '\(s)': \(c); be more specific")
        case .directoryColumns:
            return lang.text(ru: "в справочнике исполнителей нужны столбцы municipality (Муниципалитет), role (Роль) и who (Исполнитель)",
                             en: "a directory needs the columns municipality, role and who")
        case .outputFailed(let r):
            return lang.text(ru: "не удалось записать результаты (\(r)); прежние результаты не изменены",
                             en: "could not write the outputs (\(r)); the previous outputs are unchanged")
        // Issue 14
        case .outputIsCurrentFolder(let f):
            return lang.text(ru: "папка результатов «\(f)» — текущая папка (или содержит её): riskmap не заменяет её; ничего не записано",
                             en: "the output folder '\(f)' is the current folder (or holds it): riskmap does not replace it; nothing was written")
        case .outputHoldsInput(let f, let i):
            return lang.text(ru: "папка результатов «\(f)» содержит входной файл «\(i)»: riskmap не заменяет её; ничего не записано",
                             en: "the output folder '\(f)' holds the input '\(i)': riskmap does not replace it; nothing was written")
        case .outputNotAFolder(let f):
            return lang.text(ru: "«\(f)» — файл, а для результатов нужна папка; файл не тронут",
                             en: "'\(f)' is a file, and the outputs need a folder; the file was left alone")
        case .outputIsSymbolicLink(let f):
            return lang.text(ru: "«\(f)» — символическая ссылка; riskmap записывает результаты только в настоящую папку; ничего не записано",
                             en: "'\(f)' is a symbolic link; riskmap writes outputs only into a real folder; nothing was written")
        case .outputNotRiskmap(let f, let e):
            return lang.text(ru: "папка «\(f)» не пуста (например, «\(e)») и записана не riskmap (в ней нет manifest.json riskmap): riskmap не заменяет её; ничего не записано",
                             en: "the folder '\(f)' is not empty (e.g. '\(e)') and riskmap did not write it (no riskmap manifest.json): riskmap does not replace it; nothing was written")
        case .outputFolderHelp:
            return lang.text(ru: "укажите новую или пустую папку для результатов: --out ПАПКА (по умолчанию out/)",
                             en: "give a new or empty folder for the outputs: --out DIR (default out/)")
        case .outputIsFolder(let f):
            return lang.text(ru: "«\(f)» — папка, а для --out нужен файл (например, \(f)/классификация.csv)",
                             en: "'\(f)' is a folder, and --out needs a file (e.g. \(f)/classification.csv)")
        case .previousPlansNotFolder(let p):
            return lang.text(ru: "--compare-with: «\(p)» — файл, а нужна папка, которую записал прежний запуск riskmap plan",
                             en: "--compare-with: '\(p)' is a file, and a folder a previous riskmap plan run wrote is needed")
        case .previousPlansMissing(let p):
            return lang.text(ru: "--compare-with: нет файла «\(p)»: сравнивать не с чем",
                             en: "--compare-with: there is no '\(p)': nothing to compare with")
        case .previousPlansNotJSON(let p):
            return lang.text(ru: "--compare-with: «\(p)» не читается как JSON (файл повреждён или это не plans.json riskmap)",
                             en: "--compare-with: '\(p)' does not read as JSON (the file is damaged or not a riskmap plans.json)")
        case .previousPlansField(let p, let f):
            return lang.text(ru: "--compare-with: в «\(p)» нет поля «\(f)» или оно не того вида: это не plans.json riskmap или он повреждён",
                             en: "--compare-with: '\(p)' lacks the field '\(f)' or it is of the wrong kind: not a riskmap plans.json, or a damaged one")
        case .previousPlansFormat(let p, let found, let expected):
            return lang.text(ru: "--compare-with: «\(p)» записан в другом формате («\(found)»), а эта версия riskmap читает «\(expected)»",
                             en: "--compare-with: '\(p)' is in another format ('\(found)'), and this version of riskmap reads '\(expected)'")
        case .compareWithHelp:
            return lang.text(ru: "укажите папку, которую записал прежний запуск riskmap plan (в ней plans.json): --compare-with ПАПКА; если прежних результатов нет, запустите plan без --compare-with",
                             en: "give the folder a previous riskmap plan run wrote (it holds plans.json): --compare-with DIR; without previous outputs, run plan without --compare-with")
        case .inputIsFolder(let p):
            return lang.text(ru: "«\(p)» — папка, а нужен файл",
                             en: "'\(p)' is a folder, not a file")
        case .rulesNotFoundHelp:
            return lang.text(ru: "запустите riskmap в папке проекта (где лежит папка Rules) или укажите книгу правил: --rules ПАПКА",
                             en: "run riskmap in the project folder (the one holding Rules) or give the rule book: --rules DIR")
        case .rulesArgumentHelp(let c):
            return lang.text(ru: "запустите riskmap в папке проекта (где лежит папка Rules) или укажите папку с правилами: riskmap \(c) ПАПКА",
                             en: "run riskmap in the project folder (the one holding Rules) or give the rules folder: riskmap \(c) DIR")
        case .schoolsNotFoundHelp:
            return lang.text(ru: "укажите файл с данными школ: --schools ФАЙЛ (.csv или .xlsx)",
                             en: "give the schools file: --schools FILE (.csv or .xlsx)")
        case .notATable(let k):
            return lang.text(ru: "это не таблица, которую читает riskmap: похоже, это \(k.text(.ru))",
                             en: "this is not a table riskmap reads: it looks like \(k.text(.en))")
        case .notATableHelp(let k):
            return k.help(lang)
        case .workbookUnreadable(let r):
            return lang.text(ru: "книгу Excel не удалось прочитать: \(r)",
                             en: "cannot read the Excel workbook: \(r)")
        case .workbookEncrypted:
            return lang.text(ru: "книга Excel защищена паролем и не может быть прочитана",
                             en: "the Excel workbook is password-protected and cannot be read")
        case .workbookNoSheet(let n, let a):
            return lang.text(ru: "в книге нет листа «\(n)» (есть: \(a))",
                             en: "the workbook has no sheet '\(n)' (sheets: \(a))")
        case .workbookNoSheets:
            return lang.text(ru: "в книге нет ни одного листа с данными",
                             en: "the workbook has no worksheet")
        case .workbookHelp:
            return lang.text(ru: "пересохраните файл в Excel или LibreOffice как «Книга Excel (.xlsx)» или «CSV UTF-8»",
                             en: "save the file again from Excel or LibreOffice as 'Excel Workbook (.xlsx)' or 'CSV UTF-8'")
        case .profileFractionPercent(let c, let n):
            return lang.text(ru: "все значения процентного столбца «\(c)» (\(n) \(Plural.russian(n, "значение", "значения", "значений"))) не больше 1: похоже, это доли (0,35), а не проценты (35)",
                             en: "every value of the percent column '\(c)' (\(n) \(n == 1 ? "value" : "values")) is at most 1: these look like fractions (0.35), not percents (35)")
        case .profileFractionPercentHelp:
            return lang.text(ru: "запишите проценты числами от 0 до 100 (35 или 35%); проценты меньше единицы — со знаком % (0,5%)",
                             en: "write percents as numbers from 0 to 100 (35 or 35%); percents below one with a % sign (0.5%)")
        case .profileMisspelledColumn(let c, let i, let f):
            return lang.text(ru: "столбец «\(c)» не соответствует ни одному показателю, а показатель «\(i)», на который он похож, читают факторы \(f): без него они не будут определены",
                             en: "column '\(c)' matches no indicator, and the indicator '\(i)' it resembles is read by the factors \(f): without it they stay unknown")
        case .profileCalendarYear(let t, let r, let n):
            return lang.text(ru: "год «\(t)» прочитан как учебный год \(r) (так прочитаны все годы без второй половины: \(n) \(Plural.russian(n, "строка", "строки", "строк")))",
                             en: "the year '\(t)' was read as the school year \(r) (as were all years written without a second part: \(n) \(n == 1 ? "row" : "rows"))")
        case .profileYearFormatHelp(let t, let c):
            return lang.text(ru: "если это календарные годы экзаменов (ВПР, ОГЭ весной \(t) года — учебный год \(c)), укажите --year-format calendar; если учебные — --year-format school (и предупреждения не будет)",
                             en: "if these are calendar years of exams (spring \(t) tests belong to \(c)), add --year-format calendar; if they are school years, --year-format school (and this warning goes away)")
        case .profileMunicipalityChanged(let id, let first, let firstYear, let other, let year):
            return lang.text(ru: "у школы «\(id)» в \(firstYear) муниципалитет «\(first)», а в \(year) — «\(other)»; в сравнениях с муниципалитетом каждый год школы учтён в муниципалитете этого года, в документах школа показана в муниципалитете последнего года",
                             en: "school '\(id)' is in '\(first)' in \(firstYear) but in '\(other)' in \(year); comparisons with the municipality count each year in that year's municipality, documents show the school in its latest year's")
        case .profileMunicipalityHelp:
            return lang.text(ru: "если школа не переходила в другой муниципалитет, проверьте код школы и название муниципалитета в этой строке",
                             en: "if the school did not move, check the school id and the municipality's name in this row")
        }
    }
}

/// «2 ошибки, 1 предупреждение» with correct Russian plural forms.
public struct SummaryText: Sendable {
    public var errors: Int
    public var warnings: Int

    public func text(_ lang: Lang) -> String {
        if errors == 0 && warnings == 0 { return lang.text(ru: "ошибок нет", en: "no errors") }
        return lang.text(
            ru: "\(errors) \(Plural.russian(errors, "ошибка", "ошибки", "ошибок")), \(warnings) \(Plural.russian(warnings, "предупреждение", "предупреждения", "предупреждений"))",
            en: "\(errors) \(errors == 1 ? "error" : "errors"), \(warnings) \(warnings == 1 ? "warning" : "warnings")")
    }
}

/// Russian plural forms: 1 ошибка, 2 ошибки, 5 ошибок, 21 ошибка, 11 ошибок.
public enum Plural {
    public static func russian(_ n: Int, _ one: String, _ few: String, _ many: String) -> String {
        let n = abs(n)
        let mod100 = n % 100
        let mod10 = n % 10
        if (11...14).contains(mod100) { return many }
        if mod10 == 1 { return one }
        if (2...4).contains(mod10) { return few }
        return many
    }
}

/// What a built-in function takes, when a call gives it something else (`wrongArgumentCount`).
public enum Arity: Sendable, CaseIterable {
    case one, oneOrTwo, two
    /// Its arguments without `by`: only cohort functions split the schools.
    case noBy

    func text(_ lang: Lang) -> String {
        switch self {
        case .one: return lang.text(ru: "1 аргумент", en: "1 argument")
        case .oneOrTwo: return lang.text(ru: "1 или 2 аргумента", en: "1 or 2 arguments")
        case .two: return lang.text(ru: "2 аргумента", en: "2 arguments")
        case .noBy: return lang.text(ru: "аргумент без «по»", en: "no 'by'")
        }
    }
}

/// The kinds of declared names.
public enum SymbolKind: String, Sendable {
    case indicator, param, factor, scale, group, role, direction, measure

    /// The kind as what is referred to: «нельзя ссылаться на шкалу», 'cannot refer to the scale'.
    func referredTo(_ lang: Lang) -> String {
        switch self {
        case .indicator: return lang.text(ru: "показатель", en: "indicator")
        case .param: return lang.text(ru: "параметр", en: "param")
        case .factor: return lang.text(ru: "фактор", en: "factor")
        case .scale: return lang.text(ru: "шкалу", en: "scale")
        case .group: return lang.text(ru: "группу", en: "group")
        case .role: return lang.text(ru: "роль", en: "role")
        case .direction: return lang.text(ru: "направление", en: "direction")
        case .measure: return lang.text(ru: "меру", en: "measure")
        }
    }
}

/// Where an expression stands; decides which names it may use (no recursion by construction).
public enum ExprContext: Sendable {
    case factor, scale, group, measure
    /// A computed indicator's formula.
    case indicator

    /// «в условии фактора», 'a factor condition'.
    func text(_ lang: Lang) -> String {
        switch self {
        case .factor: return lang.text(ru: "условии фактора", en: "a factor condition")
        case .scale: return lang.text(ru: "условии уровня шкалы", en: "a scale level condition")
        case .group: return lang.text(ru: "условии группы", en: "a group condition")
        case .measure: return lang.text(ru: "условии меры", en: "a measure condition")
        case .indicator: return lang.text(ru: "формуле показателя", en: "an indicator formula")
        }
    }

    /// What a condition here may use.
    func allowed(_ lang: Lang) -> String {
        switch self {
        case .factor:
            return lang.text(ru: "условие фактора использует показатели и параметры; факторы используются в шкалах, группах и мерах",
                             en: "a factor condition uses indicators and params; factors are used by scales, groups and measures")
        case .scale:
            return lang.text(ru: "условие уровня использует показатели, параметры, факторы и количество(сработавших)",
                             en: "a level condition uses indicators, params, factors and count(triggered)")
        case .group:
            return lang.text(ru: "условие группы использует показатели, параметры, факторы и уровни шкал",
                             en: "a group condition uses indicators, params, factors and scale levels")
        case .measure:
            return lang.text(ru: "условие меры использует показатели, параметры, факторы, уровни шкал и группы",
                             en: "a measure condition uses indicators, params, factors, scale levels and groups")
        case .indicator:
            return lang.text(ru: "формула показателя использует показатели и параметры",
                             en: "an indicator formula uses indicators and params")
        }
    }
}
