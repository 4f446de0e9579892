import RiskmapLanguage

/// Every phrase of an explanation, in Russian and English. Nothing else spells them out.
enum ExplanationText {
    static func verb(_ op: ComparisonOp, holds: Bool, _ lang: Lang) -> String {
        switch (lang, op, holds) {
        case (.ru, .greater, true): return "превышает"
        case (.ru, .greater, false): return "не превышает"
        case (.ru, .greaterEqual, true): return "не ниже, чем"
        case (.ru, .greaterEqual, false): return "ниже, чем"
        case (.ru, .less, true): return "ниже, чем"
        case (.ru, .less, false): return "не ниже, чем"
        case (.ru, .lessEqual, true): return "не превышает"
        case (.ru, .lessEqual, false): return "превышает"
        case (.ru, .equal, true): return "равно"
        case (.ru, .equal, false): return "не равно"
        case (.ru, .notEqual, true): return "не равно"
        case (.ru, .notEqual, false): return "равно"
        case (.en, .greater, true): return "exceeds"
        case (.en, .greater, false): return "does not exceed"
        case (.en, .greaterEqual, true): return "is at least"
        case (.en, .greaterEqual, false): return "is below"
        case (.en, .less, true): return "is below"
        case (.en, .less, false): return "is not below"
        case (.en, .lessEqual, true): return "does not exceed"
        case (.en, .lessEqual, false): return "exceeds"
        case (.en, .equal, true): return "equals"
        case (.en, .equal, false): return "does not equal"
        case (.en, .notEqual, true): return "does not equal"
        case (.en, .notEqual, false): return "equals"
        }
    }

    static func threshold(_ value: String, _ lang: Lang) -> String {
        lang == .ru ? "порог \(value)" : "the threshold \(value)"
    }

    static func noData(_ lang: Lang) -> String { lang == .ru ? "нет данных" : "no data" }

    /// A school in or out of a group (examples' expectations).
    static func membership(_ present: Bool, _ lang: Lang) -> String {
        switch (present, lang) {
        case (true, .ru): return "входит"
        case (false, .ru): return "не входит"
        case (true, .en): return "member"
        case (false, .en): return "not a member"
        }
    }

    /// A measure in or out of a plan (examples' expectations).
    static func inPlan(_ present: Bool, _ lang: Lang) -> String {
        switch (present, lang) {
        case (true, .ru): return "в плане"
        case (false, .ru): return "не в плане"
        case (true, .en): return "in the plan"
        case (false, .en): return "not in the plan"
        }
    }

    static func yesNo(_ b: Bool, _ lang: Lang) -> String {
        switch (b, lang) {
        case (true, .ru): return "да"
        case (false, .ru): return "нет"
        case (true, .en): return "yes"
        case (false, .en): return "no"
        }
    }

    static func isValue(_ subject: String, _ value: String, _ lang: Lang) -> String {
        "\(subject) — \(value)"
    }

    static func isNotValue(_ subject: String, actual: String, expected: String, _ lang: Lang) -> String {
        lang == .ru ? "\(subject) — \(actual), а не \(expected)" : "\(subject) is \(actual), not \(expected)"
    }

    static func inList(_ subject: String, _ value: String, _ list: String, member: Bool, _ lang: Lang) -> String {
        switch (lang, member) {
        case (.ru, true): return "\(subject) — \(value), входит в (\(list))"
        case (.ru, false): return "\(subject) — \(value), не входит в (\(list))"
        case (.en, true): return "\(subject) is \(value), one of (\(list))"
        case (.en, false): return "\(subject) is \(value), not one of (\(list))"
        }
    }

    static func factorState(_ title: String, _ status: Status, _ lang: Lang) -> String {
        "«\(title)»: " + status.text(lang)
    }

    static func known(_ subject: String, known: Bool, _ lang: Lang) -> String {
        switch (lang, known) {
        case (.ru, true): return "\(subject): данные есть"
        case (.ru, false): return "\(subject): нет данных"
        case (.en, true): return "\(subject): data present"
        case (.en, false): return "\(subject): no data"
        }
    }

    static func previous(_ subject: String, years: Int, _ lang: Lang) -> String {
        switch lang {
        case .ru: return years == 1 ? "\(subject) в прошлом учебном году" : "\(subject) \(years) \(Plural.russian(years, "год", "года", "лет")) назад"
        case .en: return years == 1 ? "\(subject) last school year" : "\(subject) \(years) years earlier"
        }
    }

    static func change(_ subject: String, _ lang: Lang) -> String {
        lang == .ru ? "изменение показателя «\(subject)» за год" : "the one-year change of '\(subject)'"
    }

    static func cohort(_ f: CohortFunction, parameter: Double?, by: String?, _ lang: Lang) -> String {
        let scope: String
        switch (lang, by) {
        case (.ru, byMunicipality(.ru)?): scope = "по школам муниципалитета"
        case (.en, byMunicipality(.en)?): scope = "over the municipality's schools"
        case (.ru, nil): scope = "по всем школам года"
        case (.ru, let b?): scope = "по школам с тем же значением «\(b)»"
        case (.en, nil): scope = "over all schools of the year"
        case (.en, let b?): scope = "over schools with the same '\(b)'"
        }
        switch (lang, f) {
        case (.ru, .percentile): return "\(NumberFormat.decimal(parameter ?? 50, lang: lang))-й процентиль \(scope)"
        case (.ru, .mean): return "среднее \(scope)"
        case (.ru, .median): return "медиана \(scope)"
        case (.ru, .rank): return "место в рейтинге \(scope)"
        case (.en, .percentile): return "the \(NumberFormat.decimal(parameter ?? 50, lang: lang))\(ordinalSuffix(parameter ?? 50)) percentile \(scope)"
        case (.en, .mean): return "the mean \(scope)"
        case (.en, .median): return "the median \(scope)"
        case (.en, .rank): return "the rank \(scope)"
        }
    }

    /// English ordinal suffix: 1st, 2nd, 3rd, 11th, 25th (2.5th for fractions).
    static func ordinalSuffix(_ n: Double) -> String {
        guard n == n.rounded() else { return "th" }
        let k = Int(n) % 100
        if (11...13).contains(k) { return "th" }
        switch k % 10 {
        case 1: return "st"
        case 2: return "nd"
        case 3: return "rd"
        default: return "th"
        }
    }

    static func byMunicipality(_ lang: Lang) -> String { lang == .ru ? "муниципалитет" : "municipality" }

    static func triggeredCount(_ lang: Lang) -> String { lang == .ru ? "число сработавших факторов" : "the number of triggered factors" }

    static func persistence(_ years: Int, atLeast: Int? = nil, _ v: Double, _ lang: Lang) -> String {
        if let k = atLeast, k != years {
            // «в 2 из последних 3 лет».
            let of = "\(k) из последних \(years) \(years % 10 == 1 && years % 100 != 11 ? "года" : "лет")"
            let ofEn = "\(k) of the last \(years) \(years == 1 ? "year" : "years")"
            switch (lang, v.isNaN ? 2 : Int(v)) {
            case (.ru, 1): return "так в \(of)"
            case (.ru, 0): return "не в \(of)"
            case (.ru, _): return "не хватает данных, чтобы решить, так ли в \(of)"
            case (.en, 1): return "so in \(ofEn)"
            case (.en, 0): return "not in \(ofEn)"
            case (.en, _): return "not enough data to decide whether so in \(ofEn)"
            }
        }
        let y = "\(years) \(lang == .ru ? Plural.russian(years, "год", "года", "лет") : (years == 1 ? "year" : "years"))"
        switch (lang, v.isNaN ? 2 : Int(v)) {
        case (.ru, 1): return "так \(y) подряд"
        case (.ru, 0): return "не \(y) подряд"
        case (.ru, _): return "нет данных за все \(y)"
        case (.en, 1): return "so for \(y) in a row"
        case (.en, 0): return "not for \(y) in a row"
        case (.en, _): return "no data for all \(y)"
        }
    }

    /// Values there but not reliable enough (`надёжно если`), with why.
    /// How a pooled value was computed: «за 2024/25–2026/27 вместе, «ОГЭ: число участников» 9».
    static func pooled(_ years: [SchoolYear], weight: String, total: String, _ lang: Lang) -> String {
        let span = years.count > 1 ? "\(years.first!)–\(years.last!)" : years.first?.description ?? ""
        switch lang {
        case .ru: return "за \(span) вместе, «\(weight)» \(total)"
        case .en: return "over \(span) together, '\(weight)' \(total)"
        }
    }

    /// Why pooling did not help: «и за 2024/25–2026/27 вместе только 4».
    static func pooledShort(_ years: [SchoolYear], total: String, _ lang: Lang) -> String {
        let span = years.count > 1 ? "\(years.first!)–\(years.last!)" : years.first?.description ?? ""
        switch lang {
        case .ru: return years.count > 1 ? "и за \(span) вместе только \(total)" : "других лет с данными нет"
        case .en: return years.count > 1 ? "and over \(span) together only \(total)" : "no other year has data"
        }
    }

    static func insufficient(_ items: [String], _ lang: Lang) -> String {
        (lang == .ru ? "недостаточно данных: " : "not enough data: ") + items.joined(separator: ", ")
    }

    static func missing(_ items: [String], _ lang: Lang) -> String {
        (lang == .ru ? "нет данных: " : "no data: ") + items.joined(separator: ", ")
    }

    static func notApplicable(_ reasons: String, _ lang: Lang) -> String {
        (lang == .ru ? "не применяется: " : "not applicable: ") + reasons
    }

    static func levelUnknown(_ lang: Lang) -> String { lang == .ru ? "не определён" : "unknown" }
    static func levelNone(_ lang: Lang) -> String { lang == .ru ? "нет" : "none" }
}

extension Status {
    public func text(_ lang: Lang) -> String {
        switch (self, lang) {
        case (.triggered, .ru): return "сработал"
        case (.notTriggered, .ru): return "не сработал"
        case (.unknown, .ru): return "не определён"
        case (.notApplicable, .ru): return "не применяется"
        case (.triggered, .en): return "triggered"
        case (.notTriggered, .en): return "not triggered"
        case (.unknown, .en): return "unknown"
        case (.notApplicable, .en): return "not applicable"
        }
    }

    /// Stable machine name for JSON and CSV.
    public var code: String {
        switch self {
        case .triggered: return "triggered"
        case .notTriggered: return "not_triggered"
        case .unknown: return "unknown"
        case .notApplicable: return "not_applicable"
        }
    }
}
