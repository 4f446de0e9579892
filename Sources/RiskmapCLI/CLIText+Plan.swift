import RiskmapEngine
import RiskmapLanguage

extension CLIText {
    /// After `plan`: the schools in each group (and how many missing data leaves undecided),
    /// the schools with an undecided group or level, and — when the chosen year has much less
    /// data than another year of the file — which year to try.
    static func planOutcome(_ plans: PlanSet, _ lang: Lang) -> String {
        let total = plans.schools.count
        var out = lang.text(ru: "Группы:\n", en: "Groups:\n")
        for g in plans.book.groups {
            let n = plans.schools.filter { $0.groups.contains(g.index) }.count
            let u = plans.schools.filter { $0.undecidedGroups.contains(g.index) }.count
            out += "  \(g.title) — \(n)"
            if u > 0 { out += lang.text(ru: " (не определено: \(u))", en: " (undecided: \(u))") }
            out += "\n"
        }
        if plans.book.groups.isEmpty { out = "" }
        let undecided = plans.schools.filter { !$0.undecidedGroups.isEmpty || $0.levels.contains { $0.code == "unknown" } }.count
        if undecided > 0 {
            out += lang == .ru
                ? "Не определены группа или уровень риска у \(undecided) из \(total) \(Plural.russian(total, "школы", "школ", "школ")): "
                    + "не хватает данных (какие — в разделе «Данные, которые необходимо предоставить» плана школы).\n"
                : "\(undecided) of \(total) schools have an undecided group or risk level: data is missing "
                    + "(each school's plan lists it under “Data to supply”).\n"
        }
        if let better = plans.betterYear, let mine = plans.coverage.first(where: { $0.year == plans.dataYear }) {
            let p = { (share: Double) in NumberFormat.decimal(share * 100, digits: 0, lang: lang) + " %" }
            out += lang == .ru
                ? "Внимание: за \(plans.dataYear) учебный год данных мало (определено \(p(mine.decided)) результатов факторов, "
                    + "за \(better.year) — \(p(better.decided))); попробуйте --year \(better.year)\n"
                : "Note: the data of \(plans.dataYear) is sparse (\(p(mine.decided)) of the factor results decided, "
                    + "\(better.year): \(p(better.decided))); try --year \(better.year)\n"
        }
        return out
    }
}
