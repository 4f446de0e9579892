/// The human language of a rule file, a diagnostic or an output.
public enum Lang: String, Sendable, CaseIterable, Codable {
    case ru
    case en
}

/// Every reserved word of the rule language, with its English and Russian spellings.
///
/// This table is the single source of the bilingual spelling: the lexer reads it, the
/// formatter writes from it and `docs/language.md` documents it (a test keeps them in step).
/// Keywords are matched case-insensitively; identifiers are case-sensitive.
public enum Keyword: String, Sendable, CaseIterable {
    // Declarations
    case ruleset, indicator, param, factor, scale, group, role, measure, example
    /// `направление CODE "Title"`: a section of the plans and the roadmap; a measure names
    /// its own with `направление CODE`.
    case direction
    // Header clauses
    case version, year, basis
    // Indicator types
    case count, number, percent, bool, category, text
    // Indicator attributes
    case unit, range, source, column
    /// `источник экспертная оценка` / `source expert judgement`: the input is a person's
    /// judgement (a list, a chosen factor), not a measurement.
    case expert, judgement
    /// `надёжно если …`: when the value is reliable enough to use.
    case reliable
    // Conditions
    case when, applies, only, otherwise
    /// `цель …` in a factor: a target indicator of the plans.
    case target
    // Measures
    case addresses, scope, school, municipality, responsible, with, due, result
    case annually, monthly, quarterly, during, quarter
    // Examples
    case given, expect, applicable, unknown
    // Expressions
    case and, or, not, `in`, `true`, `false`, by, `for`, years, triggered
    /// `в 2 из последних 3 лет` / `in 2 of last 3 years`.
    case of, last
    /// `надёжно если … иначе за последние 3 года` / `reliable when … otherwise over last 3 years`.
    case over
    /// `выход после 2 лет без условия` / `exit after 2 years without condition` (a group's exit criterion).
    case exit, after, without, condition
    /// `роль school_head "…" подписывает план` / `role school_head "…" signs plan`: the role
    /// whose holder heads the school and signs its plan (named in the plan's passport). The
    /// word after it, «план» / `plan` (`PlanWord`), is not reserved: a measure may be called `plan`.
    case signs

    /// Spellings accepted by the lexer; the first of each list is the canonical one that
    /// the formatter writes.
    public func spellings(_ lang: Lang) -> [String] {
        switch lang {
        case .en: return englishSpellings
        case .ru: return russianSpellings
        }
    }

    public func canonical(_ lang: Lang) -> String { spellings(lang)[0] }

    private var englishSpellings: [String] {
        switch self {
        case .ruleset: return ["ruleset"]
        case .indicator: return ["indicator"]
        case .param: return ["param", "parameter"]
        case .factor: return ["factor"]
        case .scale: return ["scale"]
        case .group: return ["group"]
        case .role: return ["role"]
        case .measure: return ["measure"]
        case .example: return ["example"]
        case .direction: return ["direction"]
        case .version: return ["version"]
        case .year: return ["year"]
        case .basis: return ["basis"]
        case .count: return ["count"]
        case .number: return ["number"]
        case .percent: return ["percent"]
        case .bool: return ["bool", "boolean"]
        case .category: return ["category"]
        case .text: return ["text"]
        case .unit: return ["unit"]
        case .range: return ["range"]
        case .source: return ["source"]
        case .column: return ["column"]
        case .expert: return ["expert"]
        case .judgement: return ["judgement", "judgment"]
        case .reliable: return ["reliable"]
        case .when: return ["when"]
        case .applies: return ["applies"]
        case .only: return ["only"]
        case .otherwise: return ["otherwise"]
        case .target: return ["target"]
        case .addresses: return ["addresses"]
        case .scope: return ["scope"]
        case .school: return ["school"]
        case .municipality: return ["municipality"]
        case .responsible: return ["responsible"]
        case .with: return ["with"]
        case .due: return ["due"]
        case .result: return ["result"]
        case .annually: return ["annually"]
        case .monthly: return ["monthly"]
        case .quarterly: return ["quarterly"]
        case .during: return ["during"]
        case .quarter: return ["quarter"]
        case .given: return ["given"]
        case .expect: return ["expect"]
        case .applicable: return ["applicable"]
        case .unknown: return ["unknown"]
        case .and: return ["and"]
        case .or: return ["or"]
        case .not: return ["not"]
        case .in: return ["in"]
        case .true: return ["true", "yes"]
        case .false: return ["false", "no"]
        case .by: return ["by"]
        case .for: return ["for"]
        case .years: return ["years", "year"]
        case .of: return ["of"]
        case .last: return ["last"]
        case .over: return ["over"]
        case .triggered: return ["triggered"]
        case .exit: return ["exit"]
        case .after: return ["after"]
        case .without: return ["without"]
        case .condition: return ["condition"]
        case .signs: return ["signs"]
        }
    }

    private var russianSpellings: [String] {
        switch self {
        case .ruleset: return ["правила"]
        case .indicator: return ["показатель"]
        case .param: return ["параметр"]
        case .factor: return ["фактор"]
        case .scale: return ["шкала"]
        case .group: return ["группа"]
        case .role: return ["роль"]
        case .measure: return ["мера"]
        case .example: return ["пример"]
        case .direction: return ["направление"]
        case .version: return ["версия"]
        case .year: return ["год"]
        case .basis: return ["основание"]
        case .count: return ["количество"]
        case .number: return ["число"]
        case .percent: return ["процент"]
        case .bool: return ["логический"]
        case .category: return ["категория"]
        case .text: return ["текст"]
        case .unit: return ["единица"]
        case .range: return ["диапазон"]
        case .source: return ["источник"]
        case .column: return ["столбец"]
        case .expert: return ["экспертная"]
        case .judgement: return ["оценка"]
        case .reliable: return ["надёжно", "надежно"]
        case .when: return ["если"]
        case .applies: return ["применяется"]
        case .only: return ["только"]
        case .otherwise: return ["иначе"]
        case .target: return ["цель"]
        case .addresses: return ["устраняет"]
        case .scope: return ["уровень"]
        case .school: return ["школа"]
        case .municipality: return ["муниципалитет", "муниципалитету"]
        case .responsible: return ["ответственный"]
        case .with: return ["соисполнители"]
        case .due: return ["срок"]
        case .result: return ["результат"]
        case .annually: return ["ежегодно"]
        case .monthly: return ["ежемесячно"]
        case .quarterly: return ["ежеквартально"]
        case .during: return ["течение"]
        case .quarter: return ["квартал"]
        case .given: return ["дано"]
        case .expect: return ["ожидается"]
        case .applicable: return ["применимо"]
        case .unknown: return ["определён", "определен"]
        case .and: return ["и"]
        case .or: return ["или"]
        case .not: return ["не"]
        case .in: return ["в"]
        case .true: return ["да", "истина"]
        case .false: return ["нет", "ложь"]
        case .by: return ["по"]
        case .for: return ["подряд"]
        case .years: return ["лет", "года", "год"]
        case .of: return ["из"]
        case .last: return ["последних", "последние"]
        case .over: return ["за"]
        case .triggered: return ["сработавших"]
        case .exit: return ["выход"]
        case .after: return ["после"]
        case .without: return ["без"]
        case .condition: return ["условия", "условие"]
        case .signs: return ["подписывает"]
        }
    }

    /// Lower-cased spelling → (keyword, language). Built once.
    static let lookup: [String: (Keyword, Lang)] = {
        var table: [String: (Keyword, Lang)] = [:]
        for lang in [Lang.en, Lang.ru] {
            for keyword in Keyword.allCases {
                for spelling in keyword.spellings(lang) where table[spelling] == nil {
                    table[spelling] = (keyword, lang)
                }
            }
        }
        return table
    }()

    /// The keyword a word spells, if any, and in which language.
    public static func match(_ word: String) -> (Keyword, Lang)? {
        lookup[word.lowercased()]
    }
}

/// «план» / `plan` after `подписывает` / `signs` in a role: matched as a word, not reserved.
public enum PlanWord {
    public static func spelling(_ lang: Lang) -> String {
        switch lang {
        case .ru: return "план"
        case .en: return "plan"
        }
    }

    public static func matches(_ word: String) -> Bool {
        Lang.allCases.contains { spelling($0) == word.lowercased() }
    }
}

/// Built-in functions. Their names are ordinary identifiers in call position, so a rule
/// book may still use `среднее` as an indicator code; the spellings live here.
public enum Builtin: String, Sendable, CaseIterable {
    case known, missing, previous, change, percentile, mean, median, rank, count

    public func spellings(_ lang: Lang) -> [String] {
        switch (self, lang) {
        case (.known, .en): return ["known"]
        case (.missing, .en): return ["missing"]
        case (.previous, .en): return ["previous"]
        case (.change, .en): return ["change"]
        case (.percentile, .en): return ["percentile"]
        case (.mean, .en): return ["mean"]
        case (.median, .en): return ["median"]
        case (.rank, .en): return ["rank"]
        case (.count, .en): return ["count"]
        case (.known, .ru): return ["известно"]
        case (.missing, .ru): return ["нет_данных"]
        case (.previous, .ru): return ["предыдущее"]
        case (.change, .ru): return ["изменение"]
        case (.percentile, .ru): return ["процентиль"]
        case (.mean, .ru): return ["среднее"]
        case (.median, .ru): return ["медиана"]
        case (.rank, .ru): return ["ранг"]
        case (.count, .ru): return ["количество"]
        }
    }

    public func canonical(_ lang: Lang) -> String { spellings(lang)[0] }

    /// Cohort functions compare a school with the other schools of the same year.
    public var isCohort: Bool {
        switch self {
        case .percentile, .mean, .median, .rank: return true
        case .known, .missing, .previous, .change, .count: return false
        }
    }

    public static func match(_ name: String) -> (Builtin, Lang)? {
        let lowered = name.lowercased()
        for lang in [Lang.en, Lang.ru] {
            for builtin in Builtin.allCases where builtin.spellings(lang).contains(lowered) {
                return (builtin, lang)
            }
        }
        return nil
    }
}

/// Month names for deadlines: nominative and genitive Russian forms, English names.
public enum Month: Int, Sendable, CaseIterable {
    case january = 1, february, march, april, may, june, july, august, september, october, november, december

    public func spellings(_ lang: Lang) -> [String] {
        switch lang {
        case .en:
            return [String(describing: self)]
        case .ru:
            let forms: [(String, String)] = [
                ("январь", "января"), ("февраль", "февраля"), ("март", "марта"), ("апрель", "апреля"),
                ("май", "мая"), ("июнь", "июня"), ("июль", "июля"), ("август", "августа"),
                ("сентябрь", "сентября"), ("октябрь", "октября"), ("ноябрь", "ноября"), ("декабрь", "декабря"),
            ]
            let pair = forms[rawValue - 1]
            return [pair.0, pair.1]
        }
    }

    public static func match(_ word: String) -> (Month, Lang)? {
        let lowered = word.lowercased()
        for lang in [Lang.en, Lang.ru] {
            for month in Month.allCases where month.spellings(lang).contains(lowered) {
                return (month, lang)
            }
        }
        return nil
    }
}
