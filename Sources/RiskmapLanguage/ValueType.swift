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

    var russian: String {
        switch self {
        case .count: return "количество"
        case .number: return "число"
        case .percent: return "процент"
        case .bool: return "условие (да/нет)"
        case .category(let c): return "значение категории «\(c)»"
        case .text: return "текст"
        case .level(let s): return "уровень шкалы «\(s)»"
        case .invalid: return "ошибочное выражение"
        }
    }

    var english: String {
        switch self {
        case .count: return "a count"
        case .number: return "a number"
        case .percent: return "a percent"
        case .bool: return "a condition (yes/no)"
        case .category(let c): return "a value of category '\(c)'"
        case .text: return "text"
        case .level(let s): return "a level of scale '\(s)'"
        case .invalid: return "an invalid expression"
        }
    }
}
