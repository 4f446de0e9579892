import RiskmapLanguage

/// Each command's `--help`: usage, what it does, the defaults (which files it reads when
/// given none), one example and, for the commands that read school data, the columns the
/// schools file needs.
extension CLIText {
    static func commandHelp(_ command: String, _ lang: Lang) -> String? {
        switch command {
        case "check": return checkHelp(lang)
        case "fmt": return fmtHelp(lang)
        case "test": return testHelp(lang)
        case "classify": return classifyHelp(lang)
        case "explain": return explainHelp(lang)
        case "plan": return planHelp(lang)
        case "diff": return diffHelp(lang)
        case "sweep": return sweepHelp(lang)
        case "backtest": return backtestHelp(lang)
        default: return nil
        }
    }

    /// The schools file: format and columns (shared by classify, explain, plan).
    static func schoolsFileHelp(_ lang: Lang) -> String {
        lang.text(ru: """
            Файл школ — таблица .csv (разделитель ; , или табуляция; UTF-8 или Windows-1251) или книга Excel
            .xlsx (первый лист или --sheet ЛИСТ), одна строка на школу и учебный год. Столбцы:
              school_id     код школы («Код ОО»)                  обязателен
              name          название («Наименование ОО»)
              municipality  муниципалитет («Муниципалитет»)
              year          учебный год: 2025/26 или 2025-2026 («Учебный год»); 2019 — см. --year-format
              далее по столбцу на показатель: заголовок — код показателя или его «столбец» из книги правил.
            Пустая ячейка, «-», «н/д», «нет данных» — нет данных. Проценты — числами от 0 до 100 (35 или 35%).
            --year-format calendar: год «2019» — календарный год экзаменов (ВПР, ОГЭ), то есть 2018/19;
            school: учебный год 2019/20 (так читается и без параметра, но с предупреждением).
            """, en: """
            The schools file is a .csv table (delimiter ; , or tab; UTF-8 or Windows-1251) or an Excel workbook
            .xlsx (the first sheet, or --sheet SHEET), one row per school and school year. Columns:
              school_id     the school's id                       required
              name          its name
              municipality  its municipality
              year          the school year: 2025/26 or 2025-2026; for 2019 see --year-format
              then one column per indicator, headed by the indicator's code or one of its declared 'column' names.
            An empty cell, '-', 'н/д', 'n/a' is missing. Percents are numbers from 0 to 100 (35 or 35%).
            --year-format calendar: a year '2019' is the calendar year of exams, so 2018/19; school: the school
            year 2019/20 (also the reading without the option, with a warning).
            """)
    }

    static func checkHelp(_ lang: Lang) -> String {
        lang.text(ru: """
            Использование: riskmap check [ПАПКА|ФАЙЛ] [--format text|json] [--lang ru|en]

            Проверяет все файлы *.rules в папке как одну книгу правил и выводит все ошибки и предупреждения
            сразу, по порядку. --format json — диагностика в JSON для редакторов.
            По умолчанию: папка Rules/ в текущей папке.
            Пример: riskmap check Rules
            Код выхода: 0 — ошибок нет (предупреждения допустимы), 1 — есть ошибки, 64 — неверный вызов,
            66 — папка не существует.

            """, en: """
            Usage: riskmap check [DIR|FILE] [--format text|json] [--lang ru|en]

            Checks every *.rules file in DIR as one rule book and prints all errors and warnings at once,
            in order. --format json prints the diagnostics as JSON for editors.
            Defaults: the folder Rules/ in the current folder.
            Example: riskmap check Rules
            Exit: 0 no errors (warnings allowed), 1 errors, 64 usage error, 66 path not found.

            """)
    }

    static func fmtHelp(_ lang: Lang) -> String {
        lang.text(ru: """
            Использование: riskmap fmt [ПАПКА|ФАЙЛ] [--check] [--lang ru|en]

            Переписывает файлы правил в каноническом виде, сохраняя комментарии и язык файла.
            --check: ничего не менять, вывести файлы, которые изменились бы (код выхода 1, если такие есть).
            По умолчанию: все файлы *.rules в папке Rules/.
            Пример: riskmap fmt --check Rules

            """, en: """
            Usage: riskmap fmt [DIR|FILE] [--check] [--lang ru|en]

            Rewrites rule files in canonical form, keeping comments and each file's keyword language.
            --check: change nothing; list files that would change (exit 1 if any).
            Defaults: every *.rules file in Rules/.
            Example: riskmap fmt --check Rules

            """)
    }

    static func testHelp(_ lang: Lang) -> String {
        lang.text(ru: """
            Использование: riskmap test [ПАПКА] [--lang ru|en]

            Выполняет все примеры книги правил; для непрошедших показывает ожидание, результат и обоснование.
            Выводит факторы, уровни, группы и меры, которые не проверяет ни один пример. Код выхода 1 при ошибке.
            По умолчанию: книга правил Rules/.
            Пример: riskmap test Rules

            """, en: """
            Usage: riskmap test [DIR] [--lang ru|en]

            Runs every example of the rule book; a failing one shows what was expected, what came out and why.
            Lists factors, levels, groups and measures no example covers. Exit 1 on failure.
            Defaults: the rule book Rules/.
            Example: riskmap test Rules

            """)
    }

    static func classifyHelp(_ lang: Lang) -> String {
        lang.text(ru: """
            Использование: riskmap classify [--rules ПАПКА] [--schools ФАЙЛ] [--sheet ЛИСТ] [--year 2025/26]
                           [--format table|csv|json] [--out ФАЙЛ] [--year-format calendar|school]
                           [--delimiter ;|,|tab] [--encoding utf-8|cp1251] [--strict] [--lang ru|en]

            Оценивает факторы, уровни и группы каждой школы за учебный год.
            table — таблица для терминала; csv — для Excel (разделитель «;», UTF-8 с BOM); json — для систем.
            Ошибки в данных выводятся с номером строки и столбца (в книге Excel — с ячейкой, Лист1!D7);
            результат строится по остальным данным, код выхода 1. --strict: предупреждения (неизвестный
            столбец, доли вместо процентов и т. п.) считаются ошибками.
            По умолчанию: правила — Rules/, школы — Samples/tomsk.csv, год — последний в файле, вывод — в терминал.
            Пример: riskmap classify --schools школы-2025.xlsx --format csv --out классификация.csv

            \(schoolsFileHelp(.ru))

            """, en: """
            Usage: riskmap classify [--rules DIR] [--schools FILE] [--sheet SHEET] [--year 2025/26]
                   [--format table|csv|json] [--out FILE] [--year-format calendar|school]
                   [--delimiter ;|,|tab] [--encoding utf-8|cp1251] [--strict] [--lang ru|en]

            Evaluates every school's factors, levels and groups for a school year.
            table for the terminal; csv for Excel (';', UTF-8 with BOM); json for systems.
            Data errors are reported with line and column (a workbook's cell, Sheet1!D7); the rest is still
            classified and the exit code is 1. --strict turns warnings (an unknown column, fractions for
            percents, …) into errors.
            Defaults: rules Rules/, schools Samples/tomsk.csv, the latest year in the file, output to the terminal.
            Example: riskmap classify --schools schools-2025.xlsx --format csv --out classification.csv

            \(schoolsFileHelp(.en))

            """)
    }

    static func explainHelp(_ lang: Lang) -> String {
        lang.text(ru: """
            Использование: riskmap explain ШКОЛА [--rules ПАПКА] [--schools ФАЙЛ] [--sheet ЛИСТ] [--year 2025/26]
                           [--year-format calendar|school] [--strict] [--lang ru|en]

            Объясняет результат одной школы (по коду или по однозначной части названия): каждый фактор
            с фактическими значениями и порогами, уровень, группы и меры плана.
            По умолчанию: правила — Rules/, школы — Samples/tomsk.csv, год — последний в файле.
            Пример: riskmap explain TOM-01

            \(schoolsFileHelp(.ru))

            """, en: """
            Usage: riskmap explain SCHOOL [--rules DIR] [--schools FILE] [--sheet SHEET] [--year 2025/26]
                   [--year-format calendar|school] [--strict] [--lang ru|en]

            Explains one school (by id or a unique part of its name): every factor with its values and
            thresholds, the level, groups and plan measures.
            Defaults: rules Rules/, schools Samples/tomsk.csv, the latest year in the file.
            Example: riskmap explain TOM-01

            \(schoolsFileHelp(.en))

            """)
    }

    static func planHelp(_ lang: Lang) -> String {
        lang.text(ru: """
            Использование: riskmap plan [--rules ПАПКА] [--schools ФАЙЛ] [--sheet ЛИСТ] [--year 2025/26]
                           [--plan-year 2026/27] [--directory ФАЙЛ] [--municipality НАЗВАНИЕ] [--out ПАПКА]
                           [--compare-with ПАПКА]
                           [--year-format calendar|school] [--delimiter ;|,|tab] [--encoding utf-8|cp1251] [--strict] [--lang ru|en]

            Строит планы поддержки школ, муниципальную дорожную карту, сводку с диаграммой, шаблон отчёта
            об исполнении, plans.json и manifest.json. Сроки «октябрь», «квартал 1», «сентябрь–октябрь», «2 раза в год» переводятся в год плана.
            --directory: CSV (municipality;role;who) — кто исполняет роли в муниципалитете.
            Если в файле школ несколько муниципалитетов, у каждого — своя папка (дорожная карта, сводка,
            шаблон отчёта, планы школ), а summary.html сравнивает муниципалитеты; --municipality НАЗВАНИЕ —
            только один муниципалитет.
            --compare-with: папка прежнего запуска plan (её plans.json); сводка и планы школ получают раздел
            «Что изменилось»: вошли и вышли из групп, новые и устранённые факторы, достигнуты ли прежние цели.
            По умолчанию: правила — Rules/, школы — Samples/tomsk.csv, справочник — <файл школ>-directory.csv
            рядом с файлом школ (если есть), результаты — в out/, год данных — последний в файле, год плана —
            следующий за ним.
            Пример: riskmap plan --schools школы-2025.xlsx --out планы-2026

            Папка результатов заменяется разом и только если она пуста или её записал riskmap (manifest.json);
            ваши файлы в ней сохраняются. Текущая папка и папки с входными файлами не заменяются никогда.
            Если в данных есть ошибки, результаты записываются по остальным данным, а ошибки перечислены
            в summary.html, в планах затронутых школ и в manifest.json (код выхода 1); с --strict
            (предупреждения считаются ошибками) ничего не записывается.

            \(schoolsFileHelp(.ru))

            """, en: """
            Usage: riskmap plan [--rules DIR] [--schools FILE] [--sheet SHEET] [--year 2025/26]
                   [--plan-year 2026/27] [--directory FILE] [--municipality NAME] [--out DIR] [--compare-with DIR]
                   [--year-format calendar|school] [--delimiter ;|,|tab] [--encoding utf-8|cp1251] [--strict] [--lang ru|en]

            Writes per-school support plans, the municipal roadmap, a summary with a chart, the
            execution-report template, plans.json and manifest.json. Deadlines such as 'october',
            'quarter 1', 'september–october' or '2 times a year' resolve in the plan's year. --directory: a CSV (municipality;role;who).
            When the schools file holds several municipalities, each gets its own folder (roadmap, summary,
            report template, school plans) and summary.html compares them; --municipality NAME plans one only.
            --compare-with: the folder of a previous plan run (its plans.json); the summary and the school plans get a
            "What changed" section: groups entered and left, new and resolved factors, whether the previous targets were met.
            Defaults: rules Rules/, schools Samples/tomsk.csv, the directory <schools>-directory.csv beside the
            schools file (if present), outputs into out/, the latest year in the file, the plan for the next one.
            Example: riskmap plan --schools schools-2025.xlsx --out plans-2026

            The output folder is replaced at once, and only if it is empty or riskmap wrote it (manifest.json);
            your files in it are kept. The current folder and folders holding inputs are never replaced.
            With errors in the data the outputs are still written from the rest of the data, and the errors are
            listed in summary.html, in the plans of the schools concerned and in manifest.json (exit 1); with
            --strict (warnings count as errors) nothing is written.

            \(schoolsFileHelp(.en))

            """)
    }
}
