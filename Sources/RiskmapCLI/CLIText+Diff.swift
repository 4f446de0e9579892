import RiskmapLanguage

/// What `riskmap diff` says on the command line: its help and its refusals.
extension CLIText {
    static func diffHelp(_ lang: Lang) -> String {
        lang.text(ru: """
            Использование: riskmap diff [ПАПКА-ПРАВИЛ] [ФАЙЛ-ШКОЛ] --old ПАПКА|РЕВИЗИЯ [--new ПАПКА] [--year 2025/26]
                           riskmap diff [ПАПКА-ПРАВИЛ] [ФАЙЛ-ШКОЛ] --year 2018/19 --year 2019/20
                           [--format table|md|html|csv|json] [--out ФАЙЛ] [--sheet ЛИСТ] [--strict] [--lang ru|en]

            Что изменится, если изменить методику: две книги правил на одном файле школ и учебном годе.
            --old — прежняя книга правил: папка, файл или ревизия git папки правил (HEAD~1, v2025, main);
            --new — новая (по умолчанию — ПАПКА-ПРАВИЛ или Rules/). Показывает изменения в методике
            (параметры, условия, меры — как для пояснительной записки), число школ в каждой группе,
            на каждом уровне и с каждым фактором (было → стало) и каждую школу, у которой изменился
            результат, с причиной: какое изменение и какие значения к этому привели.
            С двумя --year и одной книгой правил — движение школ между годами: кто вошёл в группу или
            на уровень, кто вышел, кто остался, почему, и когда школа может выйти из группы.
            table — для терминала; md — Markdown; html — отчёт с диаграммой (для печати на A4);
            csv — для Excel; json — для систем. --out записывает файл целиком или не записывает вовсе.
            Пример: riskmap diff Rules Samples/tomsk.csv --old HEAD~1 --format html --out изменения.html

            """, en: """
            Usage: riskmap diff [RULES] [SCHOOLS] --old DIR|REV [--new DIR] [--year 2025/26]
                   riskmap diff [RULES] [SCHOOLS] --year 2018/19 --year 2019/20
                   [--format table|md|html|csv|json] [--out FILE] [--sheet SHEET] [--strict] [--lang ru|en]

            The impact of a rule change: two rule books on the same schools file and school year.
            --old is the previous rule book: a folder, a file or a git revision of the rules folder
            (HEAD~1, v2025, main); --new the new one (default: RULES or Rules/). Shows the changes to the
            rule book (parameters, conditions, measures — as for a cover note), the number of schools in
            each group, at each level and with each factor (before → after), and every school whose outcome
            changed, with the cause: which change and which values made it so.
            With two --year and one rule book: the movement of schools between the years — who entered a
            group or level, who left, who stayed, why, and when a school can expect to leave a group.
            table for the terminal; md Markdown; html a report with a chart (A4 print); csv for Excel;
            json for systems. --out writes the whole file or nothing.
            Example: riskmap diff Rules Samples/tomsk.csv --old HEAD~1 --format html --out changes.html

            """)
    }

    static func diffNeedsOld(_ lang: Lang) -> String {
        lang.text(ru: "riskmap diff: укажите, с чем сравнивать: --old ПАПКА или --old РЕВИЗИЯ (например, --old HEAD~1), или два года: --year 2018/19 --year 2019/20\n",
                  en: "riskmap diff: say what to compare with: --old DIR or --old REV (e.g. --old HEAD~1), or two years: --year 2018/19 --year 2019/20\n")
            + seeHelp("diff", lang)
    }

    static func diffTooManyYears(_ lang: Lang) -> String {
        lang.text(ru: "riskmap diff: сравниваются два года, а указано больше: --year 2018/19 --year 2019/20\n",
                  en: "riskmap diff: two years are compared, and more were given: --year 2018/19 --year 2019/20\n")
            + seeHelp("diff", lang)
    }

    static func diffYearsAndOld(_ lang: Lang) -> String {
        lang.text(ru: "riskmap diff: два года сравниваются по одной книге правил; --old и --new здесь не нужны\n",
                  en: "riskmap diff: two years are compared with one rule book; --old and --new do not apply\n")
            + seeHelp("diff", lang)
    }

    static func diffSameYear(_ year: String, _ lang: Lang) -> String {
        lang.text(ru: "riskmap diff: год \(year) указан дважды; укажите два разных года\n",
                  en: "riskmap diff: the year \(year) is given twice; give two different years\n")
            + seeHelp("diff", lang)
    }

    /// Which side a rule book's errors are about.
    static func diffSide(_ old: Bool, _ label: String, _ lang: Lang) -> String {
        old ? lang.text(ru: "Прежняя книга правил (--old \(label)):\n", en: "The previous rule book (--old \(label)):\n")
            : lang.text(ru: "Новая книга правил (\(label)):\n", en: "The new rule book (\(label)):\n")
    }

    static func diffRevision(_ problem: GitRevision.Problem, revision: String, rules: String, _ lang: Lang) -> String {
        let head = lang.text(ru: "riskmap diff: --old \(revision): нет такой папки или файла, и ", en: "riskmap diff: --old \(revision): no such folder or file, and ")
        switch problem {
        case .gitMissing:
            return head + lang.text(ru: "git не найден, чтобы прочитать ревизию; установите git или укажите папку с прежней книгой правил\n",
                                    en: "git was not found to read it as a revision; install git or give the folder of the previous rule book\n")
        case .git(let line):
            return head + lang.text(ru: "это не ревизия git папки \(rules) (git: \(line))\n",
                                    en: "it is not a git revision of the folder \(rules) (git: \(line))\n")
                + lang.text(ru: "  подсказка: ревизия — это коммит, ветка или метка: HEAD~1, main, v2025\n",
                            en: "  help: a revision is a commit, branch or tag: HEAD~1, main, v2025\n")
        case .noRuleFiles:
            return lang.text(ru: "riskmap diff: в ревизии \(revision) нет файлов правил (*.rules) в папке \(rules)\n",
                             en: "riskmap diff: revision \(revision) has no rule files (*.rules) in the folder \(rules)\n")
        case .noFolder:
            return head + lang.text(ru: "папки правил \(rules), чтобы искать в ней ревизию, тоже нет\n",
                                    en: "the rules folder \(rules) to look it up in does not exist either\n")
        }
    }
}
