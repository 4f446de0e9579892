/// The parsed rule book, shaped like its source: every node keeps its source range and the
/// comments around it, so the checker can point at it and the formatter can reprint it.

public struct Identifier: Sendable {
    public var name: String
    public var range: SourceRange

    public init(_ name: String, _ range: SourceRange) {
        self.name = name
        self.range = range
    }
}

public struct StringLiteral: Sendable {
    public var value: String
    public var range: SourceRange
}

public struct NumberLiteral: Sendable {
    public var value: Double
    public var isPercent: Bool
    /// As written (without the `%` sign and the minus), for faithful reprinting.
    public var text: String
    public var negative: Bool
    public var range: SourceRange

    public var signedValue: Double { negative ? -value : value }
}

/// A school year, written `2026/27` (or `2026`); `start` is the first calendar year.
public struct SchoolYear: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var start: Int

    public init(start: Int) { self.start = start }

    public static func < (a: SchoolYear, b: SchoolYear) -> Bool { a.start < b.start }

    public var description: String {
        let next = (start + 1) % 100
        return "\(start)/\(next < 10 ? "0" : "")\(next)"
    }
}

public struct Comments: Sendable {
    public var leading: [String] = []
    public var trailing: String?

    public init(leading: [String] = [], trailing: String? = nil) {
        self.leading = leading
        self.trailing = trailing
    }
}

/// A clause inside a declaration block (`basis "…"`, `when …`), with its comments.
public struct Clause<Value: Sendable>: Sendable {
    public var value: Value
    public var keywordRange: SourceRange
    public var comments: Comments
}

public struct RuleBookSyntax: Sendable {
    public var files: [FileSyntax]

    public init(files: [FileSyntax]) { self.files = files }

    public var declarations: [Declaration] { files.flatMap(\.declarations) }
}

public struct FileSyntax: Sendable {
    public var file: SourceFile
    /// The language most of the file's keywords are spelled in.
    public var lang: Lang
    public var declarations: [Declaration]
    /// Comments after the last declaration.
    public var trailingComments: [String]
}

public enum Declaration: Sendable {
    case ruleset(RulesetDecl)
    case indicator(IndicatorDecl)
    case param(ParamDecl)
    case factor(FactorDecl)
    case scale(ScaleDecl)
    case group(GroupDecl)
    case role(RoleDecl)
    case direction(DirectionDecl)
    case measure(MeasureDecl)
    case example(ExampleDecl)

    /// Where the declaration stands in its file (from its keyword to its end).
    public var sourceRange: SourceRange {
        switch self {
        case .ruleset(let d): return d.range
        case .indicator(let d): return d.declRange
        case .param(let d): return d.declRange
        case .factor(let d): return d.declRange
        case .scale(let d): return d.declRange
        case .group(let d): return d.declRange
        case .role(let d): return d.declRange
        case .direction(let d): return d.declRange
        case .measure(let d): return d.declRange
        case .example(let d): return d.declRange
        }
    }

    public var comments: Comments {
        switch self {
        case .ruleset(let d): return d.comments
        case .indicator(let d): return d.comments
        case .param(let d): return d.comments
        case .factor(let d): return d.comments
        case .scale(let d): return d.comments
        case .group(let d): return d.comments
        case .role(let d): return d.comments
        case .direction(let d): return d.comments
        case .measure(let d): return d.comments
        case .example(let d): return d.comments
        }
    }
}

public struct RulesetDecl: Sendable {
    public var title: StringLiteral
    public var version: Clause<StringLiteral>?
    public var year: Clause<SchoolYear>?
    public var basis: Clause<StringLiteral>?
    public var range: SourceRange
    public var comments: Comments
    public var closingComments: [String] = []
}

public enum IndicatorKind: String, Sendable, CaseIterable {
    case count, number, percent, bool, category, text

    public var keyword: Keyword {
        switch self {
        case .count: return .count
        case .number: return .number
        case .percent: return .percent
        case .bool: return .bool
        case .category: return .category
        case .text: return .text
        }
    }
}

public struct IndicatorDecl: Sendable {
    public var code: Identifier
    public var title: StringLiteral?
    public var kind: IndicatorKind
    public var kindRange: SourceRange
    /// Values of a `category` indicator, in declared order.
    public var categories: [Identifier]
    public var unit: StringLiteral?
    public var range: (NumberLiteral, NumberLiteral)?
    public var source: StringLiteral?
    /// `источник экспертная оценка`: where the words are, when the input is an expert
    /// judgement rather than a measurement.
    public var expert: SourceRange?
    /// Header names a municipality's CSV export may use for this indicator.
    public var columns: [StringLiteral]
    /// `= EXPR`: a computed indicator, whose value is the expression's (not read from the
    /// schools file).
    public var formula: Expr?
    /// `надёжно если COND`: the value counts only where the condition holds (a share over
    /// too few pupils is «недостаточно данных»).
    public var reliable: Expr?
    /// `… иначе за последние N лет`: where the condition fails, the value pooled over the
    /// last N school years.
    public var pooledYears: YearCount?
    public var declRange: SourceRange
    public var comments: Comments
}

public struct ParamDecl: Sendable {
    public var code: Identifier
    public var title: StringLiteral?
    public var value: NumberLiteral
    public var unit: StringLiteral?
    public var range: (NumberLiteral, NumberLiteral)?
    public var basis: StringLiteral?
    public var declRange: SourceRange
    public var comments: Comments
}

public struct FactorDecl: Sendable {
    public var code: Identifier
    public var title: StringLiteral?
    public var basis: Clause<StringLiteral>?
    public var applies: Clause<Expr>?
    public var when: Clause<Expr>?
    /// `цель ПОКАЗАТЕЛЬ <= ЗНАЧЕНИЕ [за N лет]`: целевые показатели of the plans, any number.
    public var targets: [Clause<TargetDecl>] = []
    public var declRange: SourceRange
    public var comments: Comments
    public var closingComments: [String] = []
}

/// `цель vpr_math_5_fail <= vpr_fail_max за 2 года` / `target … <= … over 2 years`: the
/// value a school's indicator should reach (a comparison whose left side is the indicator)
/// and in how many plan years, stepping evenly from the school's baseline.
public struct TargetDecl: Sendable {
    public var goal: Expr
    public var years: YearCount?
}

public struct ScaleLevel: Sendable {
    public var code: Identifier
    public var title: StringLiteral?
    /// `nil` means `otherwise`.
    public var condition: Expr?
    public var comments: Comments
}

public struct ScaleDecl: Sendable {
    public var code: Identifier
    public var title: StringLiteral?
    public var levels: [ScaleLevel]
    public var declRange: SourceRange
    public var comments: Comments
    public var closingComments: [String] = []
}

public struct GroupDecl: Sendable {
    public var code: Identifier
    public var title: StringLiteral?
    public var basis: Clause<StringLiteral>?
    public var when: Clause<Expr>?
    /// `выход после N лет без условия`: the school leaves the group only after N school years in a
    /// row without the condition.
    public var exit: Clause<YearCount>? = nil
    public var declRange: SourceRange
    public var comments: Comments
    public var closingComments: [String] = []
}

public struct RoleDecl: Sendable {
    public var code: Identifier
    public var title: StringLiteral?
    /// `подписывает план`: the role of the school's head, who signs the school's plan.
    public var signsPlan: SourceRange? = nil
    public var declRange: SourceRange
    public var comments: Comments
}

/// `направление CODE "Title"` / `direction CODE "Title"`: a section of the plans and the
/// roadmap (the seed roadmaps' «Развитие кадрового потенциала», «Подготовка к ГИА»…). The
/// documents head their sections in the order the directions are declared.
public struct DirectionDecl: Sendable {
    public var code: Identifier
    public var title: StringLiteral?
    public var declRange: SourceRange
    public var comments: Comments
}

public enum MeasureScope: String, Sendable, CaseIterable {
    case school, municipality
}

public struct MeasureDecl: Sendable {
    public var code: Identifier
    public var title: StringLiteral?
    /// `направление CODE`: the section of the documents the measure stands in.
    public var direction: Clause<Identifier>?
    public var addresses: Clause<[Identifier]>?
    public var onlyWhen: Clause<Expr>?
    public var scope: Clause<MeasureScope>?
    /// One or more roles, in the order written.
    public var responsible: Clause<[Identifier]>?
    public var coExecutors: Clause<[Identifier]>?
    public var due: Clause<Deadline>?
    public var result: Clause<StringLiteral>?
    public var basis: Clause<StringLiteral>?
    public var declRange: SourceRange
    public var comments: Comments
    public var closingComments: [String] = []
}

public struct Assignment: Sendable {
    public var name: Identifier
    public var value: Expr
    /// The author started this assignment on a new line (the formatter keeps it there).
    public var breakBefore = false
}

/// `given x = 1, y = 2` (the example's current year) or `given 2024/25: x = 1` (history).
public struct Given: Sendable {
    /// `дано школа A: …`: one of several schools of the example (nil: the only school).
    public var school: Identifier?
    public var year: SchoolYear?
    public var assignments: [Assignment]
}

public enum ExpectedOutcome: String, Sendable {
    case triggered, notTriggered, notApplicable, unknown
}

public enum Expectation: Sendable {
    /// `expect [not] NAME [not applicable | unknown]`: a factor, group or measure.
    case status(Identifier, ExpectedOutcome)
    /// `expect SCALE = LEVEL`.
    case level(Identifier, Identifier)
}

/// `ожидается [школа A:] …`.
public struct SchoolExpectation: Sendable {
    public var school: Identifier?
    public var expectation: Expectation
}

public struct ExampleDecl: Sendable {
    public var title: StringLiteral
    public var givens: [Clause<Given>]
    public var expectations: [Clause<SchoolExpectation>]
    public var declRange: SourceRange
    public var comments: Comments
    public var closingComments: [String] = []
}

// MARK: - Expressions

public enum ArithmeticOp: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/"
}

public enum ComparisonOp: String, Sendable, CaseIterable {
    case less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">=", equal = "=", notEqual = "!="

    /// The comparison that holds exactly when this one does not.
    public var negated: ComparisonOp {
        switch self {
        case .less: return .greaterEqual
        case .lessEqual: return .greater
        case .greater: return .lessEqual
        case .greaterEqual: return .less
        case .equal: return .notEqual
        case .notEqual: return .equal
        }
    }
}

public enum LogicalOp: String, Sendable {
    case and, or
}

public struct Call: Sendable {
    public var name: Identifier
    /// `nil` when the name is not a built-in function (the checker reports it).
    public var builtin: Builtin?
    public var arguments: [Expr]
    /// `by municipality` or `by school_type`
    public var by: CohortBy?
}

public enum CohortBy: Sendable {
    case municipality(SourceRange)
    case indicator(Identifier)

    public var range: SourceRange {
        switch self {
        case .municipality(let r): return r
        case .indicator(let id): return id.range
        }
    }
}

public indirect enum ExprKind: Sendable {
    case number(Double, text: String)
    case percent(Double, text: String)
    case boolean(Bool)
    case string(String)
    case name(String)
    case negate(Expr)
    case arithmetic(ArithmeticOp, Expr, Expr)
    case comparison(ComparisonOp, Expr, Expr)
    case logical(LogicalOp, Expr, Expr)
    case not(Expr)
    case membership(Expr, [Expr], negated: Bool)
    case call(Call)
    /// `count(triggered)`: the number of triggered factors.
    case countTriggered
    /// `COND for N years`: the condition held in each of the last N school years.
    /// `COND N лет подряд` (`atLeast` nil) or `COND в K из последних N лет`.
    case persistence(Expr, years: YearCount, atLeast: YearCount?)
    case parenthesized(Expr)
}

public struct Expr: Sendable {
    public var kind: ExprKind
    public var range: SourceRange
    /// Comment written after this operand at the end of a line (top-level chains only).
    public var trailingComment: String?
    /// The author put a line break before this operand of an `or`/`and` chain; the formatter keeps it.
    public var breakBefore = false

    public init(_ kind: ExprKind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }

    /// The expression without its redundant parentheses.
    public var unparenthesized: Expr {
        if case .parenthesized(let inner) = kind { return inner.unparenthesized }
        return self
    }
}

/// A number of school years in a time condition: written in the rule, or a parameter's.
public enum YearCount: Sendable {
    case literal(Int, SourceRange)
    case param(Identifier)

    public var range: SourceRange {
        switch self {
        case .literal(_, let r): return r
        case .param(let id): return id.range
        }
    }
}
