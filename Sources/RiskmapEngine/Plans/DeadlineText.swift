import RiskmapLanguage

/// How a resolved deadline reads in a plan, in Russian and English side by side.
struct DeadlineText {
    let lang: Lang

    init(_ lang: Lang) { self.lang = lang }

    private func t(_ ru: String, _ en: String) -> String { lang == .ru ? ru : en }

    var none: String { t("срок не указан", "no deadline") }
    var annually: String { t("ежегодно", "annually") }

    func duringYear(_ year: SchoolYear) -> String {
        t("в течение \(year) учебного года", "during the \(year) school year")
    }

    /// «сентябрь–октябрь 2026 г.», «декабрь 2026 г. – январь 2027 г.»
    func months(_ from: Month, _ fromYear: Int, _ to: Month, _ toYear: Int) -> String {
        let a = name(from), b = name(to)
        if fromYear == toYear { return t("\(a)–\(b) \(toYear) г.", "\(a)–\(b) \(toYear)") }
        return t("\(a) \(fromYear) г. – \(b) \(toYear) г.", "\(a) \(fromYear) – \(b) \(toYear)")
    }

    /// «сентябрь» / «September».
    func name(_ month: Month) -> String {
        let word = month.spellings(lang)[0]
        return lang == .ru ? word : word.prefix(1).uppercased() + word.dropFirst()
    }

    /// «ежеквартально в течение 2026/27 учебного года», «2 раза в течение …», «1 раз в четверть в течение …».
    func frequency(_ f: Frequency, _ year: SchoolYear) -> String {
        let during = duringYear(year)
        switch f {
        case .monthly: return t("ежемесячно ", "monthly ") + during
        case .quarterly: return t("ежеквартально ", "quarterly ") + during
        case .times(let n, let period):
            let times = t("\(n) \(Plural.russian(n, "раз", "раза", "раз"))", n == 1 ? "once" : n == 2 ? "twice" : "\(n) times")
            let per: String
            switch period {
            case .year: per = ""
            case .term: per = t(" в четверть", " a term")
            case .quarter: per = t(" в квартал", " a quarter")
            case .month: per = t(" в месяц", " a month")
            }
            return times + per + " " + during
        }
    }
}
