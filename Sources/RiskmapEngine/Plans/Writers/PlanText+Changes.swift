import RiskmapLanguage

/// The wording of exit forecasts and of «Что изменилось» (`plan --compare-with`), in Russian
/// and English, part of `PlanText`'s catalogue.
extension PlanText {
    private func tr(_ ru: String, _ en: String) -> String { lang == .ru ? ru : en }

    // MARK: Exit forecasts («Почему школа в программе»)

    /// «Школа выйдет из группы «ШНОР», если условие не выполнится ещё 1 год (…).»; when this
    /// year's condition is undecided, that nothing can be promised and which data is missing.
    func exitLine(_ f: ExitForecast, group: String, missing: [String]) -> String {
        guard f.undecided else { return tr("Школа ", "The school ") + ExitText.forecast(f, group: group, lang) + "." }
        let years = lang == .ru ? "\(f.years) " + Plural.russian(f.years, "года", "лет", "лет") : "\(f.years) " + (f.years == 1 ? "year" : "years")
        let data = missing.isEmpty ? "" : tr(" (не хватает: ", " (missing: ") + missing.joined(separator: "; ") + ")"
        return tr("Когда школа выйдет из группы «\(group)», обещать нельзя: в этом году не хватает данных, чтобы решить, выполнено ли условие группы\(data). Выход — после \(years) подряд без условия.",
                  "When the school leaves the group “\(group)” cannot be promised: this year's data is not enough to decide the group's condition\(data). It leaves after \(years) in a row without the condition.")
    }

    // MARK: What changed (`plan --compare-with`)

    var changesHeading: String { tr("Что изменилось", "What changed") }

    /// «По сравнению с прежним планом (данные 2018/19 учебного года, методика «…», версия 1):»;
    /// `folder`: also where the previous plans are (the summary; a school's plan leaves it out).
    func changesIntro(_ c: PlanComparison, folder: Bool) -> String {
        let data = c.dataYear.map { tr("данные \($0) учебного года, ", "data of \($0), ") } ?? ""
        let path = folder ? tr("; папка \(c.folder)", "; folder \(c.folder)") : ""
        return tr("По сравнению с прежним планом (\(data)методика «\(c.rulesetTitle)», версия \(c.rulesetVersion)\(path)):",
                  "Compared with the previous plan (\(data)rule book “\(c.rulesetTitle)”, version \(c.rulesetVersion)\(path)):")
    }

    var changesNewSchool: String {
        tr("Школы не было в прежнем плане — сравнивать не с чем.", "The school was not in the previous plan: there is nothing to compare with.")
    }

    var changesNone: String {
        tr("Группы и факторы риска школы не изменились.", "The school's groups and risk factors have not changed.")
    }

    func changesEntered(_ groups: [String]) -> String {
        tr(groups.count == 1 ? "Вошла в группу: " : "Вошла в группы: ", groups.count == 1 ? "Entered the group: " : "Entered the groups: ")
            + groups.joined(separator: "; ") + "."
    }

    func changesLeft(_ groups: [String]) -> String {
        tr(groups.count == 1 ? "Вышла из группы: " : "Вышла из групп: ", groups.count == 1 ? "Left the group: " : "Left the groups: ")
            + groups.joined(separator: "; ") + "."
    }

    /// A group undecided on one side: said as such, neither entered nor left.
    func changesGroupUndetermined(_ group: String, now: Bool) -> String {
        now ? tr("«\(group)»: не определено (не хватает данных); в прежнем плане школа входила в группу — не считается выходом.",
                 "“\(group)”: undecided (data missing); in the previous plan the school was in the group — not counted as leaving.")
            : tr("«\(group)»: школа входит в группу; в прежнем плане — не определено, поэтому не считается входом.",
                 "“\(group)”: the school is in the group; in the previous plan it was undecided, so this is not counted as entering.")
    }

    func changesNewFactors(_ factors: [String]) -> String {
        tr("Новые факторы риска (прежде не сработали): ", "New risk factors (not triggered before): ") + factors.joined(separator: "; ") + "."
    }

    func changesResolved(_ factors: [String]) -> String {
        tr("Устранённые факторы риска (прежде сработали, теперь нет): ", "Resolved risk factors (triggered before, not now): ")
            + factors.joined(separator: "; ") + "."
    }

    /// A factor «не определён» on one side: never new, never resolved.
    func changesFactorUndetermined(_ factor: String, now: Bool) -> String {
        now ? tr("«\(factor)»: не определён (не хватает данных); в прежнем плане сработал — не считается устранённым.",
                 "“\(factor)”: undecided (data missing); triggered in the previous plan — not counted as resolved.")
            : tr("«\(factor)»: сработал; в прежнем плане был не определён — не считается новым.",
                 "“\(factor)”: triggered; undecided in the previous plan — not counted as new.")
    }

    /// Previously triggered factors or groups whose codes the rule book no longer has.
    func changesGoneCodes(_ codes: [String]) -> String {
        tr("В прежнем плане было, но в текущей методике таких кодов нет (сравнить нельзя): ",
           "In the previous plan, but the current rule book has no such codes (cannot compare): ") + codes.joined(separator: ", ") + "."
    }

    func changesTargetsIntro(_ year: SchoolYear) -> String {
        tr("Целевые показатели прежнего плана по данным \(year) учебного года:", "The previous plan's targets by the data of \(year):")
    }

    /// «Доля «2» по ВПР: 28 % при цели не выше 25 % — не достигнут»; `expected` nil: the
    /// previous plan could not set the value (its goal was unknown).
    func changesTarget(_ indicator: String, value: String, expected: String?, _ outcome: PlanComparison.TargetOutcome,
                       firstStep: SchoolYear?) -> String {
        guard let expected else {
            return outcome == .notDue || outcome == .gone ? changesTarget(indicator, value: value, expected: "", outcome, firstStep: firstStep)
                : tr("\(indicator): цель прежнего плана не определена (не хватало данных) — сравнить нельзя.",
                     "\(indicator): the previous plan's goal was undecided (data missing) — cannot compare.")
        }
        switch outcome {
        case .met: return tr("\(indicator): \(value) при цели \(expected) — достигнут.", "\(indicator): \(value) against \(expected) — met.")
        case .notMet: return tr("\(indicator): \(value) при цели \(expected) — не достигнут.", "\(indicator): \(value) against \(expected) — not met.")
        case .unknown:
            return tr("\(indicator): цель \(expected) — не определён (нет данных), не считается достигнутым.",
                      "\(indicator): goal \(expected) — undecided (no data), not counted as met.")
        case .notDue:
            let step = firstStep.map { tr(" (первый шаг — к концу \($0) учебного года)", " (the first step is by the end of \($0))") } ?? ""
            return tr("\(indicator): срок ещё не наступил\(step).", "\(indicator): not due yet\(step).")
        case .gone:
            return tr("\(indicator): показателя нет в текущей методике — сравнить нельзя.",
                      "\(indicator): the current rule book has no such indicator — cannot compare.")
        }
    }

    // MARK: The summary's «Что изменилось»

    var changesGroupColumns: [String] { [tr("Группа", "Group"), tr("Вошли", "Entered"), tr("Вышли", "Left")] }

    var changesFactorColumns: [String] {
        [tr("Фактор", "Factor"), tr("Новый", "New"), tr("Устранён", "Resolved"), tr("Не определён в одном из планов", "Undecided in one of the plans")]
    }

    var changesNoFactorChanges: String { tr("Ни один фактор ни в одной школе не изменился.", "No factor changed in any school.") }

    func changesSchools(new: Int, gone: Int) -> String {
        tr("Школ, которых не было в прежнем плане: \(new); школ прежнего плана, которых нет в текущем: \(gone).",
           "Schools not in the previous plan: \(new); schools of the previous plan not in this one: \(gone).")
    }

    func changesGoneSchools(_ names: [String], more: Int) -> String {
        tr("Выбыли: ", "Gone: ") + names.joined(separator: "; ") + (more > 0 ? tr(" и ещё \(more)", " and \(more) more") : "") + "."
    }

    func changesTargetCounts(met: Int, notMet: Int, unknown: Int, notDue: Int, gone: Int) -> String {
        var parts = [tr("достигнуто \(met)", "\(met) met"), tr("не достигнуто \(notMet)", "\(notMet) not met"),
                     tr("не определено (нет данных) \(unknown)", "\(unknown) undecided (no data)")]
        if notDue > 0 { parts.append(tr("срок не наступил \(notDue)", "\(notDue) not due yet")) }
        if gone > 0 { parts.append(tr("показателя нет в методике \(gone)", "\(gone) with no such indicator now")) }
        return tr("Целевые показатели прежнего плана: ", "The previous plan's targets: ") + parts.joined(separator: ", ") + "."
    }

    func changesGoneCodesSummary(groups: [String], factors: [String]) -> String {
        var parts: [String] = []
        if !groups.isEmpty { parts.append(tr("группы ", "groups ") + groups.joined(separator: ", ")) }
        if !factors.isEmpty { parts.append(tr("факторы ", "factors ") + factors.joined(separator: ", ")) }
        return tr("Коды прежнего plans.json, которых нет в текущей методике (по ним не сравнивается): ",
                  "Codes of the previous plans.json the current rule book does not have (not compared): ") + parts.joined(separator: "; ") + "."
    }

    func changesNewCodes(_ titles: [String]) -> String {
        tr("Новое в методике (в прежнем плане не было, сравнивать не с чем): ", "New in the rule book (not in the previous plan, nothing to compare): ")
            + titles.joined(separator: "; ") + "."
    }
}
