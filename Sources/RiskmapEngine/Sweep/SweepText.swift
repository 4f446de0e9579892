import RiskmapLanguage

/// The words of `riskmap sweep`'s outputs, Russian and English side by side.
enum SweepText {
    static func title(_ lang: Lang) -> String { lang == .ru ? "Перебор значений параметра" : "Parameter sweep" }

    static func heading(_ params: [String], _ lang: Lang) -> String {
        lang == .ru ? "Перебор значений: " + params.joined(separator: " × ") : "Sweep: " + params.joined(separator: " × ")
    }

    static func axis(_ code: String, _ title: String, from: String, to: String, step: String, count: Int, _ lang: Lang) -> String {
        switch lang {
        case .ru: return "\(code) «\(title)»: от \(from) до \(to) с шагом \(step) — \(count) \(Plural.russian(count, "значение", "значения", "значений"))"
        case .en: return "\(code) '\(title)': from \(from) to \(to) by \(step) — \(count) \(count == 1 ? "value" : "values")"
        }
    }

    static func scope(year: String, schools: Int, _ lang: Lang) -> String {
        switch lang {
        case .ru: return "Учебный год \(year): \(schools) \(Plural.russian(schools, "школа", "школы", "школ"))"
        case .en: return "School year \(year): \(schools) \(schools == 1 ? "school" : "schools")"
        }
    }

    static func dependents(factors: [String], scales: [String], groups: [String], _ lang: Lang) -> String {
        var parts: [String] = []
        if !factors.isEmpty { parts.append((lang == .ru ? "факторы " : "factors ") + factors.joined(separator: ", ")) }
        if !scales.isEmpty { parts.append((lang == .ru ? "шкалы " : "scales ") + scales.joined(separator: ", ")) }
        if !groups.isEmpty { parts.append((lang == .ru ? "группы " : "groups ") + groups.joined(separator: ", ")) }
        if parts.isEmpty { return lang == .ru ? "От параметра не зависит ни один фактор, уровень или группа." : "No factor, level or group depends on the parameter." }
        return (lang == .ru ? "Зависят от параметра: " : "Depend on the parameter: ") + parts.joined(separator: "; ")
    }

    static func fullRuns(_ n: Int, _ lang: Lang) -> String {
        switch lang {
        case .ru: return "При \(n) \(Plural.russian(n, "значении", "значениях", "значениях")) меняется число лет в условиях времени: книга правил пересчитана целиком."
        case .en: return "At \(n) \(n == 1 ? "value" : "values") the number of years of a time condition changes: the whole rule book was evaluated again."
        }
    }

    static func member(_ lang: Lang) -> String { lang == .ru ? "входят" : "members" }
    static func notMember(_ lang: Lang) -> String { lang == .ru ? "не входят" : "not members" }
    static func undetermined(_ lang: Lang) -> String { lang == .ru ? "не определён" : "undetermined" }
    static func noLevel(_ lang: Lang) -> String { lang == .ru ? "нет уровня" : "no level" }
    static func undeterminedShort(_ lang: Lang) -> String { lang == .ru ? "не опр." : "undet." }
    static func noLevelShort(_ lang: Lang) -> String { lang == .ru ? "нет ур." : "none" }

    static func changesHeading(_ lang: Lang) -> String { lang == .ru ? "Какие школы меняются" : "Schools that change" }
    static func noChanges(_ lang: Lang) -> String {
        lang == .ru ? "Ни одна школа не меняет группу или уровень на этой сетке." : "No school changes group or level on this grid."
    }

    static func groupStatus(_ s: Status, _ lang: Lang) -> String {
        switch s {
        case .triggered: return lang == .ru ? "входит" : "member"
        case .notTriggered, .notApplicable: return lang == .ru ? "не входит" : "not a member"
        case .unknown: return undetermined(lang)
        }
    }

    static func more(_ n: Int, _ lang: Lang) -> String {
        switch lang {
        case .ru: return "… и ещё \(n) \(Plural.russian(n, "школа", "школы", "школ")) (все — в --format json или csv)"
        case .en: return "… and \(n) more \(n == 1 ? "school" : "schools") (all of them: --format json or csv)"
        }
    }

    static func at(_ point: String, from: String, _ lang: Lang) -> String {
        lang == .ru ? "\(point) (было при \(from))" : "\(point) (was at \(from))"
    }

    static func chartHeading(_ lang: Lang) -> String {
        lang == .ru ? "Число школ в группах и на уровнях" : "Schools per group and level"
    }

    static func chartHeading2(_ group: String, _ param: String, _ lang: Lang) -> String {
        lang == .ru ? "«\(group)»: число школ, линия — значение \(param)" : "'\(group)': schools; one line per value of \(param)"
    }

    static func countsHeading(_ lang: Lang) -> String { lang == .ru ? "Число школ при каждом значении" : "Schools at each value" }

    static func csvChange(_ lang: Lang) -> [String] {
        lang == .ru ? ["значение", "было при", "код школы", "школа", "муниципалитет", "что", "было", "стало"]
                    : ["value", "was at", "school id", "school", "municipality", "what", "before", "after"]
    }
}
