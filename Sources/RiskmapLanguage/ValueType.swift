/// The static type of an expression. Percent is its own unit (percentage points, 0–100),
/// so a percent compared with a fraction such as 0.3 is caught before any school is read.
public enum ValueType: Sendable, Equatable, Hashable {
    case count
    case number
    case percent
    case bool
    /// A value of the category indicator with this code.
    case category(String)
    case text
    /// A level of the scale with this code.
    case level(String)
    /// The type of an expression that already has an error (suppresses follow-on errors).
    case invalid

    public var isNumeric: Bool {
        switch self {
        case .count, .number, .percent: return true
        default: return false
        }
    }

    /// The type as a reader names it: «процент», 'a percent'.
    func text(_ lang: Lang) -> String {
        switch self {
        case .count: return lang.text(ru: "количество", en: "a count")
        case .number: return lang.text(ru: "число", en: "a number")
        case .percent: return lang.text(ru: "процент", en: "a percent")
        case .bool: return lang.text(ru: "условие (да/нет)", en: "a condition (yes/no)")
        case .category(let c): return lang.text(ru: "значение категории «\(c)»", en: "a value of category '\(c)'")
        case .text: return lang.text(ru: "текст", en: "text")
        case .level(let s): return lang.text(ru: "уровень шкалы «\(s)»", en: "a level of scale '\(s)'")
        case .invalid: return lang.text(ru: "ошибочное выражение", en: "an invalid expression")
        }
    }
}
