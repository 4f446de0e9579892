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

extension CLIText {
    /// `plan --compare-with`: why the previous outputs cannot be compared with, as a diagnostic
    /// with the path and a hint.
    static func compareWithFailure(_ failure: PreviousPlans.Failure) -> Diagnostic {
        let help = Message.compareWithHelp
        switch failure {
        case .notFound(let p): return Diagnostic(.error, .pathNotFound(p), path: p, help: help)
        case .notAFolder(let p): return Diagnostic(.error, .previousPlansNotFolder(p), path: p, help: help)
        case .noPlans(let p): return Diagnostic(.error, .previousPlansMissing(p), path: p, help: help)
        case .unreadable(let p, let reason): return Diagnostic(.error, .unreadableFileReason(path: p, reason: reason), path: p, help: help)
        case .notJSON(let p): return Diagnostic(.error, .previousPlansNotJSON(p), path: p, help: help)
        case .field(let p, let field): return Diagnostic(.error, .previousPlansField(path: p, field: field), path: p, help: help)
        case .format(let p, let found):
            return Diagnostic(.error, .previousPlansFormat(path: p, found: found,
                                                           expected: "\(PreviousPlans.formatName) \(PreviousPlans.formatVersion)"),
                              path: p, help: help)
        }
    }

    /// After `plan --compare-with`: one line of what changed, and where the details are.
    static func comparisonOutcome(_ c: PlanComparison, _ plans: PlanSet, _ lang: Lang) -> String {
        let groups = c.groupCounts(plans)
        let entered = groups.reduce(0) { $0 + $1.entered }, left = groups.reduce(0) { $0 + $1.left }
        let factors = c.factorCounts(plans)
        let new = factors.reduce(0) { $0 + $1.new }, resolved = factors.reduce(0) { $0 + $1.resolved }
        let met = c.targetCount(.met), notMet = c.targetCount(.notMet)
        var out = lang.text(
            ru: "Что изменилось по сравнению с \(c.folder)/: вошли в группы — \(entered), вышли — \(left); новых факторов — \(new), устранено — \(resolved); целей достигнуто — \(met), не достигнуто — \(notMet); новых школ — \(c.newSchools), выбыло — \(c.gone.count) (подробно — в summary.html и планах школ, раздел «Что изменилось»)\n",
            en: "What changed since \(c.folder)/: \(entered) group entries, \(left) exits; \(new) new factors, \(resolved) resolved; \(met) targets met, \(notMet) not met; \(c.newSchools) new schools, \(c.gone.count) gone (details in summary.html and the school plans, “What changed”)\n")
        let gone = c.goneGroups + c.goneFactors
        if !gone.isEmpty {
            out += lang.text(ru: "  коды прежнего plans.json, которых нет в методике: \(gone.joined(separator: ", "))\n",
                             en: "  codes of the previous plans.json the rule book does not have: \(gone.joined(separator: ", "))\n")
        }
        return out
    }
}
