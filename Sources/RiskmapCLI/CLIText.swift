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

            Common options:
              --lang ru|en       message language (Russian by default; English when LANG starts with en)
              --help, -h         help for a command
              --version          version

            Exit codes: 0 success, 1 errors in rules or data, 64 usage error, 66 path not found,
            73 cannot write output.

            """
        case ("check", .ru):
            return """
            Использование: riskmap check [ПАПКА] [--format text|json] [--lang ru|en]

            Проверяет все файлы *.rules в папке (по умолчанию Rules/) как одну книгу правил и выводит
            все ошибки и предупреждения сразу, по порядку. --format json — диагностика в JSON для редакторов.
            Код выхода: 0 — ошибок нет (предупреждения допустимы), 1 — есть ошибки, 64 — неверный вызов,
            66 — папка не существует.

            """
        case ("check", .en):
            return """
            Usage: riskmap check [DIR] [--format text|json] [--lang ru|en]

            Checks every *.rules file in DIR (default Rules/) as one rule book and prints all errors and
            warnings at once, in order. --format json prints the diagnostics as JSON for editors.
            Exit: 0 no errors (warnings allowed), 1 errors, 64 usage error, 66 path not found.

            """
        case ("fmt", .ru):
            return """
            Использование: riskmap fmt [ПАПКА|ФАЙЛ] [--check] [--lang ru|en]

            Переписывает файлы правил в каноническом виде, сохраняя комментарии и язык файла.
            --check: ничего не менять, вывести файлы, которые изменились бы (код выхода 1, если такие есть).

            """
        case ("fmt", .en):
            return """
            Usage: riskmap fmt [DIR|FILE] [--check] [--lang ru|en]

            Rewrites rule files in canonical form, keeping comments and each file's keyword language.
            --check: change nothing; list files that would change (exit 1 if any).

            """
        default:
            return CLIText.engineHelp(command ?? "", lang) ?? help(nil, lang)
        }
    }

    static func unknownCommand(_ name: String, _ lang: Lang) -> String {
        lang == .ru ? "riskmap: неизвестная команда «\(name)»; см. riskmap --help\n"
                    : "riskmap: unknown command '\(name)'; see riskmap --help\n"
    }

    static func usageError(_ what: String, _ lang: Lang) -> String {
        lang == .ru ? "riskmap: неверный параметр «\(what)»; см. --help\n"
                    : "riskmap: invalid option '\(what)'; see --help\n"
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
