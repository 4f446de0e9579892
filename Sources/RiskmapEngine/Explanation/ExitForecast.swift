import RiskmapLanguage

/// When a school in a group with an exit criterion (`выход после N лет без условия`) can expect
/// to leave it: after how many more school years without the group's condition.
public struct ExitForecast: Sendable, Equatable {
    /// The criterion's number of years.
    public var years: Int
    /// School years in a row, up to this one, without the condition (0: it holds this year).
    public var yearsWithout: Int
    /// The condition is undecided this year (missing data): nothing can be promised.
    public var undecided: Bool

    /// School years still needed without the condition.
    public var remaining: Int { max(0, years - yearsWithout) }

    /// The forecast for group `g` and `row`, when the school is in the group and the group has
    /// an exit criterion.
    public static func of(group g: Int, row: Int, _ outcomes: Outcomes) -> ExitForecast? {
        let group = outcomes.book.groups[g]
        guard let exit = group.exit, outcomes.groups[g][row] == .triggered else { return nil }
        let n = exit.years.value(outcomes.params)
        let reference = ReferenceEvaluator(outcomes)
        let entry = group.entryCondition
        var without = 0
        while without < n, let r = reference.row(row, yearsBack: without) {
            let value = reference.evaluate(entry, row: r).value
            if value == .unknown { return ExitForecast(years: n, yearsWithout: without, undecided: without == 0) }
            if value == .truth(true) { break }
            without += 1
        }
        return ExitForecast(years: n, yearsWithout: without, undecided: false)
    }
}

/// The words of exit criteria and forecasts (Russian and English).
public enum ExitText {
    /// `выход после 2 лет без условия`.
    public static func rule(_ exit: GroupExit, book: CheckedRuleBook, _ lang: Lang) -> String {
        let n: String
        var count: Int?
        switch exit.years {
        case .count(let c): n = String(c); count = c
        case .param(let p): n = book.params[p].code; count = nil
        }
        switch lang {
        case .ru: return "выход после \(n) " + (count.map { Plural.russian($0, "года", "лет", "лет") } ?? "лет") + " без условия"
        case .en: return "exit after \(n) " + (count == 1 ? "year" : "years") + " without condition"
        }
    }

    /// «выйдет из группы «ШНОР», если условие не выполнится ещё 1 год».
    public static func forecast(_ f: ExitForecast, group: String, _ lang: Lang) -> String {
        let k = f.remaining
        switch lang {
        case .ru:
            let years = "\(k) " + Plural.russian(k, "год", "года", "лет")
            if f.undecided { return "выйдет из группы «\(group)» после \(f.years) " + Plural.russian(f.years, "года", "лет", "лет") + " подряд без условия; в этом году условие не определено (не хватает данных)" }
            if f.yearsWithout == 0 { return "выйдет из группы «\(group)», если условие не будет выполняться \(years) подряд (в этом году оно выполнено)" }
            return "выйдет из группы «\(group)», если условие не выполнится ещё \(years) (не выполняется \(f.yearsWithout) " + Plural.russian(f.yearsWithout, "год", "года", "лет") + " подряд)"
        case .en:
            let years = "\(k) more " + (k == 1 ? "year" : "years")
            if f.undecided { return "leaves the group '\(group)' after \(f.years) years in a row without the condition; this year the condition is undecided (data missing)" }
            if f.yearsWithout == 0 { return "leaves the group '\(group)' if the condition does not hold for \(k) " + (k == 1 ? "year" : "years") + " in a row (it holds this year)" }
            return "leaves the group '\(group)' if the condition does not hold for \(years) (it has not held for \(f.yearsWithout) " + (f.yearsWithout == 1 ? "year" : "years") + " in a row)"
        }
    }
}
