import RiskmapLanguage

/// A value of the rule language as `ReferenceEvaluator` sees it: typed, with missing data
/// its own case. A number is never NaN (an undefined result is `.unknown`).
public enum Value: Sendable, Equatable {
    /// Missing data, or a result that depends on it («не определён»).
    case unknown
    /// A count, number or percent (percent in percentage points).
    case number(Double)
    /// Yes/no: a yes/no indicator, a condition, a factor or a group.
    case truth(Bool)
    case text(String)
    /// A category value: its index in the indicator's declaration.
    case category(Int)
    /// A scale level: its index in the scale; `Outcomes.noLevel` when no level matched.
    case level(Int)

    /// `.number(v)`, or `.unknown` for NaN.
    static func of(_ v: Double) -> Value {
        v.isNaN ? .unknown : .number(v)
    }

    var isKnown: Bool { self != .unknown }

    var number: Double? {
        if case .number(let v) = self { return v }
        return nil
    }

    /// The three-valued truth of a condition.
    var truth: Truth {
        switch self {
        case .truth(let b): return b ? .yes : .no
        case .unknown: return .unknown
        case .number, .text, .category, .level:
            preconditionFailure("the checker lets only conditions be used as conditions")
        }
    }
}

/// Three-valued logic: «да», «нет», «не определён».
public enum Truth: Sendable, Equatable {
    case yes, no, unknown

    var value: Value {
        switch self {
        case .yes: return .truth(true)
        case .no: return .truth(false)
        case .unknown: return .unknown
        }
    }

    /// `и`: no if either side is no; else unknown if either is; else yes.
    static func && (a: Truth, b: Truth) -> Truth {
        if a == .no || b == .no { return .no }
        if a == .unknown || b == .unknown { return .unknown }
        return .yes
    }

    /// `или`: yes if either side is yes; else unknown if either is; else no.
    static func || (a: Truth, b: Truth) -> Truth {
        if a == .yes || b == .yes { return .yes }
        if a == .unknown || b == .unknown { return .unknown }
        return .no
    }

    /// `не`: unknown stays unknown.
    static prefix func ! (a: Truth) -> Truth {
        switch a {
        case .yes: return .no
        case .no: return .yes
        case .unknown: return .unknown
        }
    }
}
