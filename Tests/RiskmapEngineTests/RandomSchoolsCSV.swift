import Foundation
import RiskmapLanguage

/// Random messy school files, as spreadsheets and people make them, for
/// `LoaderDifferentialTests`: `;`, `,` or tab; UTF-8 with or without BOM or Windows-1251;
/// LF, CRLF and lone CR mixed, blank lines; cells quoted when they must be and sometimes
/// when not, with delimiters, quotes and line breaks inside; headers by code, by `столбец`
/// name and by Russian alias, in any case and spacing, unknown, duplicate and empty ones;
/// every spelling of numbers, percents, yes/no, categories, years and missing values, and
/// bad ones of every kind; empty ids, duplicate school-years, short and long rows, text
/// after a closing quote, stray and unterminated quotes.
struct RandomSchoolsCSV {
    /// Every indicator kind; ranges declared and not; `столбец` names with `ё` and commas;
    /// categories with several words, `ё` and `№`.
    static let book = """
        правила "Загрузка" { версия "1" год 2025/26 }
        показатель pupils "Обучающиеся" : количество
        показатель staff "Педагоги" : количество диапазон 0...500 столбец "Число педагогов", "Педагоги, чел."
        показатель score "Балл" : число столбец "Счёт баллов"
        показатель temp "Температура" : число диапазон -50...50 столбец "Температура, °C"
        показатель share "Доля" : процент столбец "Доля, %", "Удельный вес"
        показатель share2 "Доля 2" : процент диапазон 10%...60%
        показатель growth "Точка роста" : логический столбец "Центр «Точка роста»"
        показатель kind "Тип" : категория(СОШ, ООШ, "Вечерняя школа", Ёлочка, "Школа-интернат №1")
        показатель note "Комментарий" : текст столбец "Комментарий муниципалитета", "Примечание"

        """

    enum Encoding: CaseIterable { case utf8, utf8BOM, cp1251 }

    var rng: SplitMix
    let delimiter: String
    let encoding: Encoding
    /// Whether cells may be malformed (stray quotes, text after a closing quote).
    let messy: Bool
    /// What the file was made with, for failure messages.
    var summary: String { "delimiter \(delimiter.debugDescription), \(encoding)\(messy ? ", malformed quotes" : "")" }

    init(seed: UInt64) {
        rng = SplitMix(seed: seed)
        delimiter = [";", ";", ",", "\t"][Int.random(in: 0...3, using: &rng)]
        encoding = Encoding.allCases[Int.random(in: 0...2, using: &rng)]
        messy = Int.random(in: 0..<4, using: &rng) == 0
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func chance(_ percent: Int) -> Bool { int(1...100) <= percent }
    /// A random item that the file's encoding can hold.
    mutating func pick(_ items: [String]) -> String {
        let usable = encoding == .cp1251 ? items.filter { $0.canBeConverted(to: .windowsCP1251) } : items
        return usable[int(0...usable.count - 1)]
    }

    // MARK: - Columns

    enum Column { case id, name, municipality, year, indicator(String), other }

    static let headers: [String: [String]] = [
        "id": ["school_id", "ID", "Код ОО", "код  оо", "КОД", "Код школы", "Идентификатор", " school_id ", "код_оо"],
        "name": ["name", "Наименование ОО", "Школа", "ОО", "Образовательная\u{A0}организация", "НАЗВАНИЕ", "school"],
        "municipality": ["municipality", "Муниципалитет", "МО", "Район", "Муниципальный  район", "муниципальное образование"],
        "year": ["year", "Учебный год", "ГОД", "school_year", "учебный\tгод"],
        "pupils": ["pupils", "PUPILS", " Pupils "],
        "staff": ["staff", "Число педагогов", "ЧИСЛО  ПЕДАГОГОВ", "педагоги, чел."],
        "score": ["score", "Счёт баллов", "счет баллов", "СЧЁТ БАЛЛОВ"],
        "temp": ["temp", "Температура, °C", "температура, °c"],
        "share": ["share", "Доля, %", "удельный вес", "УДЕЛЬНЫЙ\u{A0}ВЕС"],
        "share2": ["share2", "Share2"],
        "growth": ["growth", "Центр «Точка роста»", "центр «точка роста»"],
        "kind": ["kind", "KIND"],
        "note": ["note", "Комментарий муниципалитета", "примечание"],
        "other": ["Лишний столбец", "pupil", "доля", "Примечание 2", "Доля,\n%", "\"Кавычки\" в заголовке"],
    ]
    static let indicatorCodes = ["pupils", "staff", "score", "temp", "share", "share2", "growth", "kind", "note"]

    /// The columns and their header cells: usually the four built-ins first, then the
    /// indicators; sometimes shuffled, a column dropped, unknown or repeated.
    mutating func columns() -> [(Column, String)] {
        var columns: [(Column, String)] = []
        if !chance(3) { columns.append((.id, pick(Self.headers["id"]!))) }
        if chance(85) { columns.append((.name, pick(Self.headers["name"]!))) }
        if chance(85) { columns.append((.municipality, pick(Self.headers["municipality"]!))) }
        if chance(90) { columns.append((.year, pick(Self.headers["year"]!))) }
        for code in Self.indicatorCodes where chance(90) { columns.append((.indicator(code), pick(Self.headers[code]!))) }
        for _ in 0..<int(0...2) where chance(30) {
            switch int(0...3) {
            case 0: columns.append((.other, pick(Self.headers["other"]!)))
            case 1: columns.append((.other, ""))
            case 2: columns.append((.id, "id"))  // a second id column: read as an unknown one
            default:
                let code = pick(Self.indicatorCodes)
                columns.append((.indicator(code), pick(Self.headers[code]!)))
            }
        }
        if chance(20) { columns.shuffle(using: &rng) }
        return columns
    }

    // MARK: - Cells

    mutating func cell(_ column: Column, school: Int, year: Int) -> String {
        if chance(8), case .indicator = column { return pick(["", "", "-", "—", "–", "н/д", "Н/Д", "нет данных", "Нет Данных", "n/a", " - ", "  ", " \u{A0} "]) }
        switch column {
        case .id:
            if chance(3) { return pick(["", " ", "\"\""]) }
            let id = school % 3 == 2 ? "Ш-\(school)" : "S\(school)"
            return chance(80) ? id : pick([" \(id) ", "\(id) ", " \(id)", "\(id)\t", "\(id)\u{A0}", "\u{A0}\(id)", "\(id)\u{2003}"])
        case .name:
            return pick(["", "МБОУ СОШ № \(school)", "Школа \"Гармония\"", "Лицей; корпус 2", "Гимназия, №\(school)",
                         "Школа\nс переносом", " пробелы вокруг ", "«Ёлочка»\r\nфилиал", "Школа № \(school) ", "\tШкола",
                         "Школа\u{A0}", "Ш", "Школа — филиал № \(school)", "Школа\u{202E}лаб", "Ш\u{200B}кола"])
        case .municipality:
            return pick(["", "Северный", "Южный МР", " Северный ", "Западный; округ", "Ёлкино", "Северный ", "Южный МР\u{A0}", "н/д", "-"])
        case .year:
            return yearText(year)
        case .indicator(let code):
            return value(code)
        case .other:
            return pick(["x", "", "1", "лишнее"])
        }
    }

    mutating func yearText(_ y: Int) -> String {
        let next = y + 1, short = String(format: "%02d", next % 100)
        if chance(6) { return pick(["20x5", "", "\(y)/\((next + 1) % 100)", "1899", "учебный", "\(y)/", "\(y)/\(short)/\(short)", "\(y)-\(next + 1)"]) }
        return pick(["\(y)/\(short)", "\(y)-\(short)", "\(y)/\(next)", "\(y)-\(next)", "\(y)", " \(y)/\(short) ", "\(y)–\(short)",
                     "\(y) / \(short)", "\(y)—\(next)"])
    }

    mutating func value(_ code: String) -> String {
        switch code {
        case "pupils", "staff":
            return pick(["12", "0", "1 234", "1\u{A0}234", "12,0", "12.0", "+7", " 8 ", "-3", "12,5", "много", "1e3", "600", "1 23",
                         "12 345 678", "007", "499", "500", "501", "-0", "1\u{202F}000", "99999999999999999999", "12,0000000000000000001",
                         "9007199254740993,5", "\u{2003}12\u{2003}", "12,000"])
        case "score", "temp":
            return pick(["61,4", "-2.5", "−3,25", "0", "1 234,5", "1\u{202F}234", "12.", ",5", "1.2.3", "abc", "55", "-50", "-50,5",
                         "1,234.5", "12345678901234567890", "0.1", "3,14159265358979323", "+0,5", "50", " 7,25 ", "1 234 567,891"])
        case "share", "share2":
            return pick(["35,5", "35,5%", "35.5 %", "0", "100", "100,5", "-1", "0,355", "12%%", "%", "5", "60%", "10", "9,99", "60,01",
                         " 45 % ", "45%\u{A0}"])
        case "growth":
            return pick(["да", "нет", "Да", "НЕТ", "1", "0", "истина", "ЛОЖЬ", "true", "False", "yes", "No", " да ", "дА", "может быть",
                         "+", "2", "1,0", "ИСТИНА"])
        case "kind":
            return pick(["СОШ", "сош", "ООШ", "Вечерняя школа", "вечерняя школа", "ВЕЧЕРНЯЯ ШКОЛА", "Ёлочка", "ёлочка", "ЁЛОЧКА",
                         "елочка", "Школа-интернат №1", "школа-интернат №1", "гимназия", " СОШ ", "Вечерняя  школа"])
        default:
            return pick(["реорганизация", "Ремонт; кровля", "строка\nвторая", "\"цитата\"", " пробелы ", "ремонт", "Ремонт", "a,b",
                         "ёж", "-", "н/д", "tab\there"])
        }
    }

    // MARK: - The file

    /// A cell as written: quoted when it holds the delimiter, a quote or a line break,
    /// and sometimes anyway; now and then malformed (text after the closing quote, a
    /// stray quote inside an unquoted cell).
    mutating func field(_ text: String) -> String {
        let quoted = "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        if text.contains(delimiter) || text.contains("\"") || text.contains("\n") || text.contains("\r") {
            return messy && chance(2) ? quoted + pick(["x", " ", "\"\""]) : quoted
        }
        if messy && chance(1) { return text + "\"" + pick(["", "y"]) }
        if messy && chance(1) { return quoted + pick(["1", "a"]) }
        return chance(10) ? quoted : text
    }

    mutating func lineEnd() -> String { [0: "\r", 1: "\n\n", 2: "\n \n", 3: "\r\n\"\"\r\n"][int(0...60)] ?? (chance(50) ? "\r\n" : "\n") }

    /// The file's text: the header, then rows for schools and years (some twice), shuffled,
    /// some short or long.
    mutating func text() -> String {
        let columns = columns()
        var lines = [columns.map { field($0.1) }]
        var keys: [(school: Int, year: Int)] = []
        for school in 0..<int(0...10) {
            for year in 2022...2025 where chance(40) { keys.append((school, year)) }
        }
        for _ in 0..<int(0...2) where !keys.isEmpty { keys.append(keys[int(0...keys.count - 1)]) }
        keys.shuffle(using: &rng)
        for (school, year) in keys {
            var cells = columns.map { field(cell($0.0, school: school, year: year)) }
            if cells.count > 1, chance(5) { cells.removeLast(int(1...cells.count - 1)) }
            if chance(5) { cells += (0..<int(1...2)).map { _ in field(pick(["лишнее", "", "1"])) } }
            lines.append(cells)
        }
        var out = chance(5) ? lineEnd() : ""
        for (i, cells) in lines.enumerated() {
            out += cells.joined(separator: delimiter)
            if i < lines.count - 1 || chance(80) { out += lineEnd() }
        }
        if messy && chance(25) { out += "\"незакрытая кавычка" + delimiter + "1\n2" }
        return out
    }

    /// The file's bytes in its encoding.
    mutating func bytes() -> [UInt8] {
        let text = text()
        switch encoding {
        case .utf8: return Array(text.utf8)
        case .utf8BOM: return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
        case .cp1251: return [UInt8](text.data(using: .windowsCP1251)!)
        }
    }
}
