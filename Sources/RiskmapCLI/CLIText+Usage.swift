import RiskmapLanguage

/// What the command line says about a mistake in how it was called: what is wrong, and
/// what to type instead. Every usage error ends with where the command's help is.
extension CLIText {
    static func usage(_ error: Arguments.UsageError, command: String, _ lang: Lang) -> String {
        let head = "riskmap \(command): "
        let text: String
        switch error {
        case .unknownOption(let option, let suggestion?, _):
            text = lang.text(ru: "неизвестный параметр «\(option)»; возможно, имелся в виду «\(suggestion)»",
                             en: "unknown option '\(option)'; did you mean '\(suggestion)'?")
        case .unknownOption(let option, nil, let other?):
            text = lang.text(ru: "у команды \(command) нет параметра «\(option)» (он есть у команды riskmap \(other))",
                             en: "the \(command) command has no option '\(option)' (riskmap \(other) has it)")
        case .unknownOption(let option, nil, nil):
            text = lang.text(ru: "неизвестный параметр «\(option)»", en: "unknown option '\(option)'")
        case .missingValue(let option, let next):
            let example = "\(option) \(optionValue(option, command: command, lang))"
            if let next {
                text = lang.text(ru: "не указано значение параметра «\(option)» (сразу за ним идёт «\(next)»); пример: \(example)",
                                 en: "option '\(option)' has no value (it is followed by '\(next)'); for example: \(example)")
            } else {
                text = lang.text(ru: "не указано значение параметра «\(option)»; пример: \(example)",
                                 en: "option '\(option)' has no value; for example: \(example)")
            }
        case .unexpectedValue(let option):
            text = lang.text(ru: "параметр «\(option)» пишется без значения: \(option)",
                             en: "option '\(option)' takes no value: write just \(option)")
        case .unexpectedArgument(let arg, .schoolsFile?):
            text = lang.text(ru: "лишний аргумент «\(arg)»; файл школ указывается так: riskmap \(command) --schools \(arg)",
                             en: "unexpected argument '\(arg)'; give the schools file as: riskmap \(command) --schools \(arg)")
        case .unexpectedArgument(let arg, .rulesFolder?):
            text = lang.text(ru: "лишний аргумент «\(arg)»; книга правил указывается так: riskmap \(command) --rules \(arg)",
                             en: "unexpected argument '\(arg)'; give the rule book as: riskmap \(command) --rules \(arg)")
        case .unexpectedArgument(let arg, nil):
            switch command {
            case "check", "fmt", "test":
                text = lang.text(ru: "лишний аргумент «\(arg)»: команда \(command) принимает одну папку (или файл) с правилами",
                                 en: "unexpected argument '\(arg)': the \(command) command takes one rules folder (or file)")
            case "explain":
                text = lang.text(ru: "лишний аргумент «\(arg)»: команда explain объясняет одну школу; название из нескольких слов возьмите в кавычки",
                                 en: "unexpected argument '\(arg)': explain takes one school; quote a name of several words")
            default:
                text = lang.text(ru: "лишний аргумент «\(arg)»: команда \(command) принимает только параметры (--schools ФАЙЛ, --rules ПАПКА, …)",
                                 en: "unexpected argument '\(arg)': the \(command) command takes only options (--schools FILE, --rules DIR, …)")
            }
        case .missingArgument:
            text = lang.text(ru: "укажите школу — код или часть названия: riskmap explain TOM-01",
                             en: "name the school, by id or part of its name: riskmap explain TOM-01")
        }
        return head + text + "\n" + seeHelp(command, lang)
    }

    static func seeHelp(_ command: String, _ lang: Lang) -> String {
        lang.text(ru: "  подробнее: riskmap \(command) --help\n", en: "  see: riskmap \(command) --help\n")
    }

    /// How the help writes an option's value.
    static func optionValue(_ option: String, command: String, _ lang: Lang) -> String {
        switch String(option.drop { $0 == "-" }) {
        case "rules": return lang.text(ru: "ПАПКА", en: "DIR")
        case "compare-with": return lang.text(ru: "ПАПКА", en: "DIR")
        case "out": return command == "plan" ? lang.text(ru: "ПАПКА", en: "DIR") : lang.text(ru: "ФАЙЛ", en: "FILE")
        case "schools", "directory": return lang.text(ru: "ФАЙЛ", en: "FILE")
        case "sheet": return lang.text(ru: "ЛИСТ", en: "SHEET")
        case "municipality": return lang.text(ru: "НАЗВАНИЕ", en: "NAME")
        case "year": return "2025/26"
        case "plan-year": return "2026/27"
        case "year-format": return "calendar|school"
        case "delimiter": return "';'|','|tab"
        case "encoding": return "utf-8|cp1251"
        case "format": return command == "check" ? "text|json" : "table|csv|json"
        case "lang": return "ru|en"
        default: return lang.text(ru: "ЗНАЧЕНИЕ", en: "VALUE")
        }
    }

    static func badOptionValue(_ option: String, _ value: String, _ allowed: String, command: String, _ lang: Lang) -> String {
        badOptionValue(option, value, allowed, lang) + seeHelp(command, lang)
    }

    /// `--municipality` names none of the file's municipalities.
    static func unknownMunicipality(_ name: String, known: [String], _ lang: Lang) -> String {
        let limit = 20
        let list = known.prefix(limit).map { "«\($0)»" }.joined(separator: ", ") + (known.count > limit ? ", …" : "")
        return lang.text(ru: "riskmap plan: в файле школ нет муниципалитета «\(name)» за этот год; есть: \(list)\n  подсказка: название — как в столбце municipality\n",
                         en: "riskmap plan: the schools file has no municipality '\(name)' in this year; it has: \(list)\n  hint: the name as in the municipality column\n")
    }

    /// `--plan-year` earlier than the data's school year.
    static func planYearBeforeData(_ planYear: String, data: String, next: String, _ lang: Lang) -> String {
        lang.text(ru: "riskmap plan: учебный год плана \(planYear) раньше года данных \(data): сроки плана оказались бы в прошлом; укажите --plan-year \(next) (или не указывайте его)\n",
                  en: "riskmap plan: the plan's school year \(planYear) is before the data's \(data): its deadlines would be in the past; use --plan-year \(next) (or leave it out)\n")
    }

    /// `--sheet` with a file that is not a workbook.
    static func sheetNeedsWorkbook(_ path: String, _ lang: Lang) -> String {
        lang.text(ru: "riskmap: --sheet относится к книгам Excel (.xlsx), а «\(path)» — не книга; уберите --sheet\n",
                  en: "riskmap: --sheet applies to Excel workbooks (.xlsx), and '\(path)' is not one; drop --sheet\n")
    }
}

extension Lang {
    /// The text in this language; the Russian beside the English (as in `Message`).
    func text(ru: @autoclosure () -> String, en: @autoclosure () -> String) -> String {
        self == .ru ? ru() : en()
    }
}
