import RiskmapLanguage

/// Everything the command line itself says (help, summaries), in Russian and English.
/// Diagnostics live in `Message`; explanations in the engine's `ExplanationText`.
enum CLIText {
    static let version = "0.1.0"

    static func help(_ command: String?, _ lang: Lang) -> String {
        switch (command, lang) {
        case (nil, .ru):
            return """
            riskmap — выявление школ с рисками снижения образовательных результатов и планы их поддержки

            Использование: riskmap КОМАНДА [ПАРАМЕТРЫ]

            Команды:
              check [ПАПКА]      проверить книгу правил (по умолчанию Rules/)
              fmt [ПАПКА]        привести файлы правил к каноническому виду (--check: только проверить)
              classify           классифицировать школы: факторы, уровни, группы
              explain ШКОЛА      объяснить результат одной школы, фактор за фактором
              plan               планы поддержки школ, дорожная карта, сводка (в папку out/)
              test [ПАПКА]       выполнить примеры из книги правил и показать покрытие
              diff               что изменится при изменении методики (--old) или между годами (два --year)
              sweep П=ОТ..ДО     перебрать значения параметра: сколько школ в группах и на уровнях, кто меняется
              backtest --expected ФАЙЛ  сверить классификацию с перечнем документа (полнота, точность, расхождения)

            Общие параметры:
              --lang ru|en       язык сообщений (по умолчанию русский; английский, если LANG начинается с en)
              --help, -h         справка по команде
              --version          версия

            Коды выхода: 0 — успешно, 1 — ошибки в правилах или данных, 64 — неверный вызов,
            66 — путь не существует, 73 — не удалось записать результат.

            """
        case (nil, .en):
            return """
            riskmap — find schools at risk of low educational results and plan their support

            Usage: riskmap COMMAND [OPTIONS]

            Commands:
              check [DIR]        check a rule book (default Rules/)
              fmt [DIR]          rewrite rule files in canonical form (--check: only check)
              classify           classify schools: factors, levels, groups
              explain SCHOOL     explain one school's result, factor by factor
              plan               support plans, municipal roadmap, summary (into out/)
              test [DIR]         run the rule book's examples and report coverage
              diff               impact of a rule change (--old) or movement between years (two --year)
              sweep P=FROM..TO   sweep a parameter's values: schools per group and level, who changes where
              backtest --expected FILE  compare the classification with a document's list (recall, precision, disagreements)

            Common options:
              --lang ru|en       message language (Russian by default; English when LANG starts with en)
              --help, -h         help for a command
              --version          version

            Exit codes: 0 success, 1 errors in rules or data, 64 usage error, 66 path not found,
            73 cannot write output.

            """
        default:
            return command.flatMap { commandHelp($0, lang) } ?? help(nil, lang)
        }
    }

    /// An unknown command, with the command it probably is, or — for a table file or a
    /// rules folder given first — the command line meant.
    static func unknownCommand(_ name: String, suggestion: String?, _ lang: Lang) -> String {
        let lower = name.lowercased()
        if [".csv", ".xlsx", ".xls"].contains(where: { lower.hasSuffix($0) }) {
            return lang.text(ru: "riskmap: «\(name)» — не команда; планы по этому файлу: riskmap plan --schools \(name)\n  подробнее: riskmap --help\n",
                             en: "riskmap: '\(name)' is not a command; plans from this file: riskmap plan --schools \(name)\n  see: riskmap --help\n")
        }
        if let suggestion {
            return lang.text(ru: "riskmap: неизвестная команда «\(name)»; возможно, имелась в виду «\(suggestion)»\n  подробнее: riskmap --help\n",
                             en: "riskmap: unknown command '\(name)'; did you mean '\(suggestion)'?\n  see: riskmap --help\n")
        }
        return lang.text(ru: "riskmap: неизвестная команда «\(name)»; команды: check, fmt, classify, explain, plan, test, sweep, backtest\n  подробнее: riskmap --help\n",
                         en: "riskmap: unknown command '\(name)'; the commands: check, fmt, classify, explain, plan, test, sweep, backtest\n  see: riskmap --help\n")
    }

    static func badOptionValue(_ option: String, _ value: String, _ allowed: String, _ lang: Lang) -> String {
        lang == .ru ? "riskmap: недопустимое значение «\(value)» для --\(option) (допустимо: \(allowed))\n"
                    : "riskmap: invalid value '\(value)' for --\(option) (allowed: \(allowed))\n"
    }

    static func checkSummary(_ book: CheckedRuleBook?, files: Int, _ summary: String, _ lang: Lang) -> String {
        guard let book else {
            return lang == .ru ? "Проверено файлов: \(files); \(summary)\n" : "Files checked: \(files); \(summary)\n"
        }
        switch lang {
        case .ru:
            return "Проверено файлов: \(files): \(book.indicators.count) \(Plural.russian(book.indicators.count, "показатель", "показателя", "показателей")), "
                + "\(book.factors.count) \(Plural.russian(book.factors.count, "фактор", "фактора", "факторов")), "
                + "\(book.measures.count) \(Plural.russian(book.measures.count, "мера", "меры", "мер")), "
                + "\(book.examples.count) \(Plural.russian(book.examples.count, "пример", "примера", "примеров")); \(summary)\n"
        case .en:
            return "Files checked: \(files): \(book.indicators.count) indicators, \(book.factors.count) factors, "
                + "\(book.measures.count) measures, \(book.examples.count) examples; \(summary)\n"
        }
    }

    static func wouldReformat(_ path: String, _ lang: Lang) -> String {
        lang == .ru ? "требует форматирования: \(path)\n" : "would reformat: \(path)\n"
    }

    static func reformatted(_ path: String, _ lang: Lang) -> String {
        lang == .ru ? "отформатирован: \(path)\n" : "reformatted: \(path)\n"
    }

    static func fmtSummary(changed: Int, total: Int, check: Bool, _ lang: Lang) -> String {
        switch lang {
        case .ru:
            let files = "\(total) \(Plural.russian(total, "файл", "файла", "файлов"))"
            if changed == 0 { return "Все файлы в каноническом виде (\(files)).\n" }
            return check ? "Требуют форматирования: \(changed) из \(files).\n" : "Отформатировано: \(changed) из \(files).\n"
        case .en:
            if changed == 0 { return "All \(total) files are formatted.\n" }
            return check ? "\(changed) of \(total) files would be reformatted.\n" : "Reformatted \(changed) of \(total) files.\n"
        }
    }

    static func formatterBug(_ path: String, _ lang: Lang) -> String {
        lang == .ru ? "riskmap: внутренняя ошибка форматирования файла \(path): файл не изменён\n"
                    : "riskmap: internal formatter error on \(path): file left unchanged\n"
    }

    static func cannotWrite(_ what: String, _ lang: Lang) -> String {
        lang == .ru ? "riskmap: не удалось записать \(what)\n" : "riskmap: cannot write \(what)\n"
    }
}
