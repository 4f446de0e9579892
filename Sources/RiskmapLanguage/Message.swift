/// What the parser expected where it found something else.
public enum Expected: Sendable {
    case identifier, string, number, integer, value, expression, declaration, endOfInput
    case symbol(Symbol)
    case keyword(Keyword)
    case clause(Keyword)
    case indicatorType, categoryValue, levelCondition, scope, month, deadline, outcome

    func text(_ lang: Lang) -> String {
        switch (self, lang) {
        case (.identifier, .ru): return "имя (код)"
        case (.identifier, .en): return "a name (code)"
        case (.string, .ru): return "строка в кавычках \"…\""
        case (.string, .en): return "a quoted string \"…\""
        case (.number, .ru): return "число"
        case (.number, .en): return "a number"
        case (.integer, .ru): return "целое число"
        case (.integer, .en): return "a whole number"
        case (.value, .ru): return "значение (число, процент, да/нет, значение категории или строка)"
        case (.value, .en): return "a value (number, percent, yes/no, category value or string)"
        case (.expression, .ru): return "выражение"
        case (.expression, .en): return "an expression"
        case (.declaration, .ru): return "объявление (показатель, параметр, фактор, шкала, группа, роль, мера, пример, правила)"
        case (.declaration, .en): return "a declaration (indicator, param, factor, scale, group, role, measure, example, ruleset)"
        case (.endOfInput, .ru): return "конец выражения"
        case (.endOfInput, .en): return "the end of the expression"
        case (.symbol(let s), _): return "«\(s.rawValue)»"
        case (.keyword(let k), .ru): return "«\(k.canonical(.ru))»"
        case (.keyword(let k), .en): return "'\(k.canonical(.en))'"
        case (.clause(let owner), .ru):
            return "предложение блока «\(owner.canonical(.ru))» (\(Expected.clauses(owner, .ru))) или «}»"
        case (.clause(let owner), .en):
            return "a clause of '\(owner.canonical(.en))' (\(Expected.clauses(owner, .en))) or '}'"
        case (.indicatorType, .ru): return "тип показателя"
        case (.indicatorType, .en): return "an indicator type"
        case (.categoryValue, .ru): return "значение категории"
        case (.categoryValue, .en): return "a category value"
        case (.levelCondition, .ru): return "«если» или «иначе»"
        case (.levelCondition, .en): return "'when' or 'otherwise'"
        case (.scope, .ru): return "«школа» или «муниципалитет»"
        case (.scope, .en): return "'school' or 'municipality'"
        case (.month, .ru): return "название месяца"
        case (.month, .en): return "a month name"
        case (.deadline, .ru): return "срок"
        case (.deadline, .en): return "a deadline"
        case (.outcome, .ru): return "«не применяется» или «не определён»"
        case (.outcome, .en): return "'not applicable' or 'unknown'"
        }
    }

    static func clauses(_ owner: Keyword, _ lang: Lang) -> String {
        if owner == .scale { return lang == .ru ? "уровень: код \"название\" если … / иначе" : "a level: code \"title\" when … / otherwise" }
        return Parser.clauseKeywords(owner).map { $0.canonical(lang) }.joined(separator: ", ")
    }
}

/// Every diagnostic message of riskmap, in Russian and English. Nothing else in the code
/// base spells out a diagnostic: add a case here.
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
    // Parser
    case expected(Expected, found: String)
    case reservedWord(token: String, keyword: String)
    case reservedWordHelp(String)
    case declarationHelp
    case unclosedBlockHelp
    case clauseHelp(Keyword)
    case duplicateClause(String, String)
    case missingClause(String, String)
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
    case wrongArgumentCount(function: String, expected: String, got: Int)
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
    // CSV files (school profiles, directories)
    case csvEmptyFile
    case csvUnterminatedQuote
    case csvTooManyFields(expected: Int, got: Int)
    case csvTooFewFields(expected: Int, got: Int)
    case csvTooManyFieldsHelp
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
    // Plans
    case directoryColumns
    case outputFailed(String)

    // MARK: Rendering

    public func text(_ lang: Lang) -> String {
        lang == .ru ? russian : english
    }

    /// A stable identifier for editors (`--format json`).
    public var code: String { kind.rawValue }

    static func severityLabel(_ severity: Diagnostic.Severity, _ lang: Lang) -> String {
        switch (severity, lang) {
        case (.error, .ru): return "ошибка"
        case (.warning, .ru): return "предупреждение"
        case (.error, .en): return "error"
        case (.warning, .en): return "warning"
        }
    }

    static func helpLabel(_ lang: Lang) -> String { lang == .ru ? "подсказка" : "help" }

    public static func summary(errors: Int, warnings: Int) -> SummaryText { SummaryText(errors: errors, warnings: warnings) }

    private var russian: String {
        switch self {
        case .noRuleFiles: return "в папке нет файлов правил (*.rules)"
        case .pathNotFound(let p): return "путь «\(p)» не существует"
        case .unreadableFile(let p): return "не удаётся прочитать файл «\(p)»"
        case .binaryFile: return "файл не текстовый (содержит нулевые байты)"
        case .invalidUTF8: return "файл не в кодировке UTF-8"
        case .invalidUTF8Help: return "сохраните файл в кодировке UTF-8 (в Блокноте: «Сохранить как» → «Кодировка: UTF-8»)"
        case .tooManyErrors(let n): return "слишком много ошибок (\(n)); остальная часть файла не проверялась"
        case .unexpectedCharacter(let c): return "недопустимый символ «\(c)»"
        case .guillemetHelp: return "строки записываются в прямых кавычках: \"Центр «Точка роста»\""
        case .unterminatedString: return "строка не закрыта кавычкой"
        case .unterminatedStringHelp: return "добавьте закрывающую кавычку \" в конце строки"
        case .invalidDate(let d): return "несуществующая дата «\(d)»"
        case .expected(let what, let found):
            return found.isEmpty ? "ожидалось: \(what.text(.ru)), но файл закончился" : "ожидалось: \(what.text(.ru)), найдено «\(found)»"
        case .reservedWord(let token, let keyword): return "«\(token)» — ключевое слово (\(keyword)), его нельзя использовать как имя"
        case .reservedWordHelp(let t): return "выберите другое имя, например «\(t)_1» или «\(t)_показатель»"
        case .declarationHelp: return "каждое объявление начинается с ключевого слова: показатель, параметр, фактор, шкала, группа, роль, мера, пример"
        case .unclosedBlockHelp: return "закройте блок фигурной скобкой «}»"
        case .clauseHelp(let owner): return "в блоке «\(owner.canonical(.ru))» допустимы: \(Expected.clauses(owner, .ru))"
        case .duplicateClause(let ru, _): return "предложение «\(ru)» указано повторно"
        case .missingClause(let ru, _): return "не указано обязательное предложение «\(ru)»"
        case .indicatorTypeHelp: return "типы: количество, число, процент, логический, категория(…), текст"
        case .invalidSchoolYear(let y): return "неверный учебный год «\(y)»"
        case .schoolYearHelp: return "учебный год записывается как 2026/27"
        case .invalidQuarter(let q): return "квартала \(q) не существует (допустимо 1–4)"
        case .invalidDay(let d): return "в этом месяце нет \(d)-го числа"
        case .deadlineHelp: return "срок: месяц (октябрь, 1 сентября), дата (2026-10-15 или 15.10.2026), квартал 1, ежегодно, в течение года или текст в кавычках"
        case .outcomeHelp: return "после имени фактора допустимо: «не применяется» или «не определён»"
        case .tooDeeplyNested(let n): return "выражение вложено глубже \(n) уровней"
        case .chainedComparison: return "сравнения нельзя записывать цепочкой"
        case .chainedComparisonHelp: return "запишите два сравнения через «и»: a < x и x < b"
        case .invalidYears(let n): return "число лет должно быть от 1 до 20, а не \(n)"
        case .undeclared(let n): return "имя «\(n)» не объявлено"
        case .didYouMean(let n): return "возможно, имелось в виду «\(n)»"
        case .duplicateCode(let n, let loc, let file): return "код «\(n)» уже объявлен (\(file):\(loc.line):\(loc.column))"
        case .duplicateRuleset: return "заголовок «правила» объявлен повторно; в книге правил он один"
        case .missingRuleset: return "в книге правил нет заголовка «правила \"…\" { версия … год … }»"
        case .unknownFunction(let f): return "неизвестная функция «\(f)»"
        case .wrongArgumentCount(let f, let expected, let got): return "функция «\(f)» принимает \(expected), а передано \(got)"
        case .forbiddenReference(let name, let kind, let context):
            return "в \(context.russian) нельзя ссылаться на \(kind.russianAccusative) «\(name)»"
        case .forbiddenReferenceHelp(let context): return context.allowedRussian
        case .notAnIndicator(let n): return "«\(n)» — не показатель"
        case .byTargetNotCategory(let n): return "разбиение «по» возможно только по показателю-категории или муниципалитету, а «\(n)» — не категория"
        case .nestedCohort: return "функции по совокупности школ (процентиль, среднее, медиана, ранг) нельзя вкладывать друг в друга"
        case .previousYearsArgument: return "второй аргумент «предыдущее» — число лет назад, целое от 1 до 20"
        case .percentVersusNumber(let n): return "процент сравнивается с числом \(n)"
        case .percentLiteralHelp(let p): return "проценты записываются со знаком %: \(p)"
        case .ratioAsPercentHelp: return "отношение двух количеств — число (0,14), а не процент; запишите (a / b) * 100% или сравните с долей 0.1"
        case .unitMismatch(let a, let b): return "нельзя сочетать \(a.russian) и \(b.russian)"
        case .notACondition(let t): return "ожидалось условие (да/нет), а здесь \(t.russian)"
        case .notANumber(let t): return "ожидалось число, а здесь \(t.russian)"
        case .orderingNotAllowed(let t): return "\(t.russian) можно сравнивать только на равенство (= или !=)"
        case .unknownCategoryValue(let v, let ind): return "у показателя «\(ind)» нет значения «\(v)»"
        case .categoryValuesHelp(let list): return "допустимые значения: \(list)"
        case .duplicateCategoryValue(let v): return "значение «\(v)» указано дважды"
        case .unknownLevel(let level, let scale): return "в шкале «\(scale)» нет уровня «\(level)»"
        case .levelsHelp(let list): return "уровни шкалы: \(list)"
        case .percentileOutOfRange: return "процентиль должен быть от 0 до 100"
        case .percentileHelp: return "например, процентиль(x, 10) — граница нижних 10 %"
        case .invalidRange: return "нижняя граница диапазона больше верхней"
        case .paramOutOfRange(let v, let lo, let hi): return "значение параметра \(v) вне объявленного диапазона \(lo)…\(hi)"
        case .rangeOnNonNumeric: return "диапазон допустим только для числовых показателей"
        case .unknownFactor(let n): return "фактор «\(n)» не объявлен"
        case .unknownRole(let n): return "роль «\(n)» не объявлена"
        case .missingAddresses: return "мера не устраняет ни одного фактора (нет предложения «устраняет»)"
        case .missingResponsible: return "у меры не указан ответственный"
        case .missingDeadline: return "у меры не указан срок"
        case .factorNotAddressed(let n): return "фактор «\(n)» не устраняет ни одна мера"
        case .factorNotAddressedHelp: return "добавьте меру с предложением «устраняет» для этого фактора"
        case .unreachableLevel(let n): return "уровень «\(n)» недостижим: предыдущий уровень с тем же условием срабатывает раньше"
        case .unreachableAfterOtherwise: return "уровень недостижим: он стоит после уровня «иначе»"
        case .noLevels: return "в шкале нет ни одного уровня"
        case .exampleNotIndicator(let n): return "в примере «дано» задаёт показатели, а «\(n)» — не показатель"
        case .exampleWrongType(let n, let t): return "значение показателя «\(n)» должно быть: \(t.russian)"
        case .exampleNegativeCount(let n): return "количество «\(n)» не может быть отрицательным или дробным"
        case .exampleOutOfRange(let n, let lo, let hi): return "значение «\(n)» вне допустимого диапазона \(lo)…\(hi)"
        case .exampleDuplicateValue(let n): return "значение «\(n)» задано в этом году повторно"
        case .expectationTarget(let n): return "«\(n)» — не фактор, не группа и не мера"
        case .expectationOutcome(let n): return "для «\(n)» можно ожидать только наличие или отсутствие (не применяется / не определён — только у факторов)"
        case .exampleNoExpectations: return "в примере нет ни одного «ожидается»"
        case .csvEmptyFile: return "файл пуст: нет строки заголовка"
        case .csvUnterminatedQuote: return "кавычка не закрыта до конца файла"
        case .csvTooManyFields(let e, let g): return "в строке \(g) \(Plural.russian(g, "ячейка", "ячейки", "ячеек")), а в заголовке \(e); лишние ячейки не прочитаны"
        case .csvTooFewFields(let e, let g): return "в строке \(g) \(Plural.russian(g, "ячейка", "ячейки", "ячеек")), а в заголовке \(e); недостающие значения считаются отсутствующими"
        case .csvTooManyFieldsHelp: return "проверьте разделитель (--delimiter) и кавычки вокруг значений, содержащих разделитель"
        case .profileMissingIdColumn: return "в файле нет столбца с кодом школы (school_id)"
        case .profileIdColumnHelp: return "первые столбцы: school_id (или «Код ОО»), name («Наименование ОО»), municipality («Муниципалитет»), year («Учебный год»)"
        case .profileUnknownColumn(let c): return "столбец «\(c)» не соответствует ни одному показателю и не будет прочитан"
        case .profileColumnsHelp: return "заголовок столбца — код показателя или его «столбец» из книги правил"
        case .profileDuplicateColumn(let c, let i): return "столбец «\(c)» повторно задаёт показатель «\(i)» и не будет прочитан"
        case .profileBadValue(let t, let e): return "значение «\(t)» не подходит: ожидалось \(e.russian); значение считается отсутствующим"
        case .profileOutOfRange(let t, let lo, let hi): return "значение «\(t)» вне допустимого диапазона \(lo)…\(hi); значение считается отсутствующим"
        case .profileUnknownCategory(let t, let i): return "у показателя «\(i)» нет значения «\(t)»; значение считается отсутствующим"
        case .profileDuplicateSchoolYear(let id, let y, let line): return "школа «\(id)» за \(y) уже есть в строке \(line); эта строка не прочитана"
        case .profileBadYear(let t): return "неверный учебный год «\(t)»; строка не прочитана"
        case .profileYearHelp: return "учебный год записывается как 2025/26, 2025-2026 или 2025"
        case .profileEmptyId: return "не указан код школы; строка не прочитана"
        case .profileYearNotFound(let y, let a): return "в данных нет учебного года \(y) (есть: \(a))"
        case .profileNoRows: return "в файле нет ни одной строки с данными школ"
        case .schoolNotFound(let s): return "школа «\(s)» не найдена ни по коду, ни по части названия"
        case .schoolAmbiguous(let s, let c): return "под «\(s)» подходят несколько школ: \(c); уточните"
        case .directoryColumns: return "в справочнике исполнителей нужны столбцы municipality (Муниципалитет), role (Роль) и who (Исполнитель)"
        case .outputFailed(let r): return "не удалось записать результаты (\(r)); прежние результаты не изменены"
        }
    }

    private var english: String {
        switch self {
        case .noRuleFiles: return "the folder holds no rule files (*.rules)"
        case .pathNotFound(let p): return "path '\(p)' does not exist"
        case .unreadableFile(let p): return "cannot read file '\(p)'"
        case .binaryFile: return "not a text file (contains NUL bytes)"
        case .invalidUTF8: return "the file is not UTF-8"
        case .invalidUTF8Help: return "save the file as UTF-8"
        case .tooManyErrors(let n): return "too many errors (\(n)); the rest of the file was not checked"
        case .unexpectedCharacter(let c): return "unexpected character '\(c)'"
        case .guillemetHelp: return "strings use straight quotes: \"Центр «Точка роста»\""
        case .unterminatedString: return "unterminated string"
        case .unterminatedStringHelp: return "add the closing \" at the end of the string"
        case .invalidDate(let d): return "no such date '\(d)'"
        case .expected(let what, let found):
            return found.isEmpty ? "expected \(what.text(.en)), found the end of the file" : "expected \(what.text(.en)), found '\(found)'"
        case .reservedWord(let token, let keyword): return "'\(token)' is a keyword (\(keyword)) and cannot be used as a name"
        case .reservedWordHelp(let t): return "choose another name, e.g. '\(t)_1'"
        case .declarationHelp: return "every declaration starts with a keyword: indicator, param, factor, scale, group, role, measure, example"
        case .unclosedBlockHelp: return "close the block with '}'"
        case .clauseHelp(let owner): return "a '\(owner.canonical(.en))' block takes: \(Expected.clauses(owner, .en))"
        case .duplicateClause(_, let en): return "clause '\(en)' given twice"
        case .missingClause(_, let en): return "the required clause '\(en)' is missing"
        case .indicatorTypeHelp: return "types: count, number, percent, bool, category(…), text"
        case .invalidSchoolYear(let y): return "invalid school year '\(y)'"
        case .schoolYearHelp: return "a school year is written 2026/27"
        case .invalidQuarter(let q): return "there is no quarter \(q) (1–4)"
        case .invalidDay(let d): return "that month has no day \(d)"
        case .deadlineHelp: return "a deadline: a month (october, september 1), a date (2026-10-15), quarter 1, annually, during year, or quoted text"
        case .outcomeHelp: return "after a factor name: 'not applicable' or 'unknown'"
        case .tooDeeplyNested(let n): return "expression nested deeper than \(n) levels"
        case .chainedComparison: return "comparisons cannot be chained"
        case .chainedComparisonHelp: return "write two comparisons joined by 'and': a < x and x < b"
        case .invalidYears(let n): return "the number of years must be 1 to 20, not \(n)"
        case .undeclared(let n): return "'\(n)' is not declared"
        case .didYouMean(let n): return "did you mean '\(n)'?"
        case .duplicateCode(let n, let loc, let file): return "'\(n)' is already declared (\(file):\(loc.line):\(loc.column))"
        case .duplicateRuleset: return "a second 'ruleset' header; a rule book has one"
        case .missingRuleset: return "the rule book has no 'ruleset \"…\" { version … year … }' header"
        case .unknownFunction(let f): return "unknown function '\(f)'"
        case .wrongArgumentCount(let f, let expected, let got): return "'\(f)' takes \(expected), got \(got)"
        case .forbiddenReference(let name, let kind, let context):
            return "\(context.english) cannot refer to the \(kind.english) '\(name)'"
        case .forbiddenReferenceHelp(let context): return context.allowedEnglish
        case .notAnIndicator(let n): return "'\(n)' is not an indicator"
        case .byTargetNotCategory(let n): return "'by' takes a category indicator or municipality; '\(n)' is not a category"
        case .nestedCohort: return "cohort functions (percentile, mean, median, rank) cannot be nested"
        case .previousYearsArgument: return "the second argument of 'previous' is a number of years back, a whole number 1 to 20"
        case .percentVersusNumber(let n): return "a percent is compared with the number \(n)"
        case .percentLiteralHelp(let p): return "write percents with a % sign: \(p)"
        case .ratioAsPercentHelp: return "a ratio of two counts is a number (0.14), not a percent; write (a / b) * 100% or compare with 0.1"
        case .unitMismatch(let a, let b): return "cannot combine \(a.english) with \(b.english)"
        case .notACondition(let t): return "expected a condition (yes/no), found \(t.english)"
        case .notANumber(let t): return "expected a number, found \(t.english)"
        case .orderingNotAllowed(let t): return "\(t.english) can only be compared for equality (= or !=)"
        case .unknownCategoryValue(let v, let ind): return "indicator '\(ind)' has no value '\(v)'"
        case .categoryValuesHelp(let list): return "its values: \(list)"
        case .duplicateCategoryValue(let v): return "value '\(v)' listed twice"
        case .unknownLevel(let level, let scale): return "scale '\(scale)' has no level '\(level)'"
        case .levelsHelp(let list): return "its levels: \(list)"
        case .percentileOutOfRange: return "the percentile must be between 0 and 100"
        case .percentileHelp: return "e.g. percentile(x, 10) is the bottom-10 % boundary"
        case .invalidRange: return "the lower bound of the range is above the upper bound"
        case .paramOutOfRange(let v, let lo, let hi): return "parameter value \(v) is outside its declared range \(lo)…\(hi)"
        case .rangeOnNonNumeric: return "a range only applies to numeric indicators"
        case .unknownFactor(let n): return "factor '\(n)' is not declared"
        case .unknownRole(let n): return "role '\(n)' is not declared"
        case .missingAddresses: return "the measure addresses no factor (no 'addresses' clause)"
        case .missingResponsible: return "the measure has no responsible role"
        case .missingDeadline: return "the measure has no deadline"
        case .factorNotAddressed(let n): return "no measure addresses factor '\(n)'"
        case .factorNotAddressedHelp: return "add a measure with 'addresses' for this factor"
        case .unreachableLevel(let n): return "level '\(n)' can never be reached: an earlier level with the same condition wins"
        case .unreachableAfterOtherwise: return "this level can never be reached: it follows 'otherwise'"
        case .noLevels: return "the scale has no levels"
        case .exampleNotIndicator(let n): return "'given' sets indicators; '\(n)' is not an indicator"
        case .exampleWrongType(let n, let t): return "the value of '\(n)' must be \(t.english)"
        case .exampleNegativeCount(let n): return "count '\(n)' cannot be negative or fractional"
        case .exampleOutOfRange(let n, let lo, let hi): return "the value of '\(n)' is outside its range \(lo)…\(hi)"
        case .exampleDuplicateValue(let n): return "'\(n)' is given twice for this year"
        case .expectationTarget(let n): return "'\(n)' is not a factor, a group or a measure"
        case .expectationOutcome(let n): return "'\(n)' can only be expected present or absent (not applicable / unknown are for factors)"
        case .exampleNoExpectations: return "the example has no 'expect'"
        case .csvEmptyFile: return "the file is empty: no header line"
        case .csvUnterminatedQuote: return "a quote is not closed before the end of the file"
        case .csvTooManyFields(let e, let g): return "the row has \(g) cells, the header \(e); the extra cells were not read"
        case .csvTooFewFields(let e, let g): return "the row has \(g) cells, the header \(e); the missing values count as missing"
        case .csvTooManyFieldsHelp: return "check the delimiter (--delimiter) and the quotes around values that contain it"
        case .profileMissingIdColumn: return "the file has no school id column (school_id)"
        case .profileIdColumnHelp: return "the first columns: school_id, name, municipality, year"
        case .profileUnknownColumn(let c): return "column '\(c)' matches no indicator and will not be read"
        case .profileColumnsHelp: return "a column header is an indicator code or one of its declared 'column' names"
        case .profileDuplicateColumn(let c, let i): return "column '\(c)' sets indicator '\(i)' again and will not be read"
        case .profileBadValue(let t, let e): return "value '\(t)' is not \(e.english); it counts as missing"
        case .profileOutOfRange(let t, let lo, let hi): return "value '\(t)' is outside the range \(lo)…\(hi); it counts as missing"
        case .profileUnknownCategory(let t, let i): return "indicator '\(i)' has no value '\(t)'; it counts as missing"
        case .profileDuplicateSchoolYear(let id, let y, let line): return "school '\(id)' for \(y) already appears on line \(line); this row was not read"
        case .profileBadYear(let t): return "invalid school year '\(t)'; the row was not read"
        case .profileYearHelp: return "write a school year as 2025/26, 2025-2026 or 2025"
        case .profileEmptyId: return "no school id; the row was not read"
        case .profileYearNotFound(let y, let a): return "the data has no school year \(y) (present: \(a))"
        case .profileNoRows: return "the file has no school rows"
        case .schoolNotFound(let s): return "no school matches '\(s)' by id or by part of its name"
        case .schoolAmbiguous(let s, let c): return "several schools match '\(s)': \(c); be more specific"
        case .directoryColumns: return "a directory needs the columns municipality, role and who"
        case .outputFailed(let r): return "could not write the outputs (\(r)); the previous outputs are unchanged"
        }
    }
}

/// «2 ошибки, 1 предупреждение» with correct Russian plural forms.
public struct SummaryText: Sendable {
    public var errors: Int
    public var warnings: Int

    public func text(_ lang: Lang) -> String {
        switch lang {
        case .ru:
            if errors == 0 && warnings == 0 { return "ошибок нет" }
            return "\(errors) \(Plural.russian(errors, "ошибка", "ошибки", "ошибок")), \(warnings) \(Plural.russian(warnings, "предупреждение", "предупреждения", "предупреждений"))"
        case .en:
            if errors == 0 && warnings == 0 { return "no errors" }
            return "\(errors) \(errors == 1 ? "error" : "errors"), \(warnings) \(warnings == 1 ? "warning" : "warnings")"
        }
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

/// The kinds of declared names.
public enum SymbolKind: String, Sendable {
    case indicator, param, factor, scale, group, role, measure

    var russianAccusative: String {
        switch self {
        case .indicator: return "показатель"
        case .param: return "параметр"
        case .factor: return "фактор"
        case .scale: return "шкалу"
        case .group: return "группу"
        case .role: return "роль"
        case .measure: return "меру"
        }
    }

    var english: String { rawValue }
}

/// Where an expression stands; decides which names it may use (no recursion by construction).
public enum ExprContext: Sendable {
    case factor, scale, group, measure

    var russian: String {
        switch self {
        case .factor: return "условии фактора"
        case .scale: return "условии уровня шкалы"
        case .group: return "условии группы"
        case .measure: return "условии меры"
        }
    }

    var english: String {
        switch self {
        case .factor: return "a factor condition"
        case .scale: return "a scale level condition"
        case .group: return "a group condition"
        case .measure: return "a measure condition"
        }
    }

    var allowedRussian: String {
        switch self {
        case .factor: return "условие фактора использует показатели и параметры; факторы используются в шкалах, группах и мерах"
        case .scale: return "условие уровня использует показатели, параметры, факторы и количество(сработавших)"
        case .group: return "условие группы использует показатели, параметры, факторы и уровни шкал"
        case .measure: return "условие меры использует показатели, параметры, факторы, уровни шкал и группы"
        }
    }

    var allowedEnglish: String {
        switch self {
        case .factor: return "a factor condition uses indicators and params; factors are used by scales, groups and measures"
        case .scale: return "a level condition uses indicators, params, factors and count(triggered)"
        case .group: return "a group condition uses indicators, params, factors and scale levels"
        case .measure: return "a measure condition uses indicators, params, factors, scale levels and groups"
        }
    }
}
