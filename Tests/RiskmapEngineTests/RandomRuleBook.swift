import RiskmapLanguage

/// A deterministic generator (SplitMix64), so that a failure reproduces from its seed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random rule books that use every construct of docs/language.md: comparisons,
/// three-valued `и`/`или`/`не`, arithmetic (division by zero included), percents, yes/no,
/// categories and texts (literals on either side, two indicators compared), `в (…)`,
/// `известно`/`нет_данных`, cohort functions with and without `по`, `предыдущее`,
/// `изменение`, `N лет подряд`, scales with `иначе` or without, groups, measures with
/// `только если`. Written as source text, so each book also goes through the parser and
/// the checker; both keyword languages are used.
struct RandomRuleBook {
    var rng: SplitMix
    /// Where the expression stands: what it may refer to.
    enum Context: Int { case factor, scale, group, measure }
    var context = Context.factor
    var factorCount = 0
    var insideCohort = false
    /// Whether the computed indicators c1 (number), c2 (yes/no), c3 (percent) are declared.
    var computed = false

    static let declarations = """
        правила "Случайная книга" { версия "1" год 2025/26 }
        indicator b1 "Б1" : bool
        indicator b2 "Б2" : bool
        indicator x1 "Икс 1" : number
        indicator x2 "Икс 2" : number
        indicator x3 "Икс 3" : number
        indicator n1 "Эн 1" : count
        indicator n2 "Эн 2" : count
        indicator p1 "Доля 1" : percent
        indicator p2 "Доля 2" : percent
        indicator r1 "Надёжная доля" : percent reliable when n1 >= 2
        indicator r2 "Объединённая доля" : percent reliable when n2 >= 4 otherwise over last 2 years
        indicator k1 "Тип" : category(А, Б, "В В")
        indicator t1 "Текст 1" : text
        indicator t2 "Текст 2" : text
        role r "Р"

        """

    /// Values the profiles draw texts from, and that rules compare with (plus one no
    /// school has).
    static let texts = ["а", "б", "ремонт", "Ремонт"]
    static let literalTexts = texts + ["нет такого"]

    init(seed: UInt64) {
        rng = SplitMix(seed: seed)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func chance(_ percent: Int) -> Bool { int(1...100) <= percent }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }

    /// The whole book.
    mutating func book() -> String {
        var out = Self.declarations
        out += "param lim \"Порог\" = \(pick(["0", "1", "2.5", "-1", "3"]))\n"
        out += "параметр share \"Доля-порог\" = \(pick(["10%", "25%", "50%", "0%"]))\n"
        out += "параметр yrs \"Лет\" = \(pick(["2", "3"]))\n"
        // Computed indicators (formulas over indicators, parameters and earlier ones).
        out += "indicator c1 \"Вычисляемый 1\" : number = \(number(2))\n"
        out += "показатель c3 \"Вычисляемый 3\" : процент = \(percent(2))\n"
        out += "indicator c2 \"Вычисляемый 2\" : bool\n  = \(bool(2))\n"
        computed = true
        factorCount = int(3...7)
        context = .factor
        for f in 0..<factorCount {
            let applies = chance(25) ? "applies when \(bool(2))  " : ""
            out += "factor f\(f) \"Ф\(f)\" { \(applies)when \(bool(3)) }\n"
        }
        context = .scale
        out += "scale risk \"Риск\" {\n"
        out += "  high \"высокий\" when \(bool(3))\n"
        out += "  mid \"средний\" when \(bool(3))\n"
        out += chance(70) ? "  low \"низкий\" otherwise\n" : "  low \"низкий\" when \(bool(2))\n"
        out += "}\n"
        context = .group
        let groups = int(1...3)
        for g in 0..<groups { out += "group g\(g) \"Г\(g)\" { when \(bool(3)) }\n" }
        context = .measure
        for m in 0..<int(1...3) {
            let addresses = (0..<int(1...2)).map { _ in "f\(int(0...factorCount - 1))" }
            let only = chance(60) ? "  only when \(bool(2))" : ""
            out += "measure m\(m) \"М\(m)\" { addresses \(Set(addresses).sorted().joined(separator: ", "))\(only)  responsible r }\n"
        }
        return out
    }

    // MARK: - Conditions

    mutating func bool(_ depth: Int) -> String {
        if depth <= 0 { return boolLeaf() }
        switch int(0...13) {
        case 0, 1: return "(\(bool(depth - 1)) \(pick(["and", "и", "or", "или"])) \(bool(depth - 1)))"
        case 2: return "\(pick(["not", "не"])) (\(bool(depth - 1)))"
        case 3:
            let span = pick(["for 2 years", "2 года подряд", "в течение 3 лет", "for 1 year", "в 2 из последних 3 лет",
                             "in 1 of last 2 years", "yrs лет подряд", "in 2 of last yrs years", "в 3 из последних 4 лет"])
            return "(\(bool(depth - 1))) \(span)"
        case 4: return "\(number(depth - 1)) \(pick(["<", "<=", ">", ">=", "=", "!="])) \(number(depth - 1))"
        case 5: return "\(percent(depth - 1)) \(pick(["<", "<=", ">", ">=", "=", "!="])) \(percent(depth - 1))"
        case 6: return "\(pick(["known", "известно", "missing", "нет_данных"]))(\(anyValue(depth - 1)))"
        case 7: return membership(depth - 1)
        case 8: return textComparison()
        case 9: return categoryComparison()
        case 10: return "\(pick(["b1", "b2", "предыдущее(b1)"])) \(pick(["=", "!="])) \(pick(["да", "нет", "b2"]))"
        default: return boolLeaf()
        }
    }

    mutating func boolLeaf() -> String {
        var leaves = ["b1", "b2", "да", "нет", "x1 > lim", "p1 >= share", "n1 = 0"]
        if computed { leaves += ["c2", "not c2", "c1 > 1", "c3 >= share", "предыдущее(c2)"] }
        if context.rawValue >= Context.scale.rawValue {
            let f = "f\(int(0...factorCount - 1))"
            leaves += [f, f, "not \(f)", "previous(\(f))", "count(triggered) >= \(int(0...3))", "\(f) for 2 years"]
        }
        if context.rawValue >= Context.group.rawValue {
            leaves += ["risk = \(pick(["high", "mid", "low"]))", "risk != high", "risk in (high, mid)", "risk not in (low)"]
        }
        if context == .measure {
            leaves += ["g0", "not g0"]
        }
        return pick(leaves)
    }

    mutating func membership(_ depth: Int) -> String {
        let negated = chance(30) ? "not in" : pick(["in", "в"])
        switch int(0...3) {
        case 0: return "x1 \(negated) (\(number(depth)), \(pick(["1", "0", "x2", "-1.5"])))"
        case 1: return "k1 \(negated) (\(pick(["А", "Б", "\"В В\""])), \(pick(["А", "\"В В\""])))"
        case 2: return "t1 \(negated) (\(textOperand()), \(pick(["t2", "\"а\""])))"
        default: return "b1 \(negated) (\(pick(["да", "нет", "b2"])))"
        }
    }

    mutating func textOperand() -> String {
        pick(["t1", "t2", "previous(t1)", "предыдущее(t2, 2)", "\"\(pick(Self.literalTexts))\""])
    }

    mutating func textComparison() -> String {
        "\(textOperand()) \(pick(["=", "!=", "="])) \(textOperand())"
    }

    mutating func categoryComparison() -> String {
        let value = pick(["А", "Б", "\"В В\"", "\"А\""])
        switch int(0...3) {
        case 0: return "k1 \(pick(["=", "!="])) \(value)"
        case 1: return "\(value) \(pick(["=", "!="])) k1"
        case 2: return "previous(k1) = k1"
        default: return "k1 = \(value)"
        }
    }

    // MARK: - Numbers

    mutating func anyValue(_ depth: Int) -> String {
        switch int(0...4) {
        case 0: return number(depth)
        case 1: return percent(depth)
        case 2: return textOperand()
        case 3: return pick(["k1", "b1", "\"а\""])
        default: return "x\(int(1...3))"
        }
    }

    /// A count or number.
    mutating func number(_ depth: Int) -> String {
        if depth <= 0 { return numberLeaf() }
        switch int(0...12) {
        case 0, 1: return "(\(number(depth - 1)) \(pick(["+", "-", "*", "/", "/"])) \(number(depth - 1)))"
        case 2: return "-\(numberLeaf())"
        case 3: return "(\(percent(depth - 1)) / \(percent(depth - 1)))"
        case 4: return "\(pick(["previous", "предыдущее"]))(\(number(depth - 1))\(chance(40) ? ", \(int(1...3))" : ""))"
        case 5: return "\(pick(["change", "изменение"]))(\(number(depth - 1)))"
        case 6 where !insideCohort, 7 where !insideCohort: return cohort(depth - 1, percent: false)
        case 8 where context.rawValue >= Context.scale.rawValue: return "count(triggered)"
        default: return numberLeaf()
        }
    }

    mutating func numberLeaf() -> String {
        pick(["x1", "x2", "x3", "n1", "n2", "lim", "0", "1", "2", "0.5", "3"] + (computed ? ["c1", "c1"] : []))
    }

    mutating func percent(_ depth: Int) -> String {
        if depth <= 0 { return percentLeaf() }
        switch int(0...10) {
        case 0: return "(\(percent(depth - 1)) \(pick(["+", "-"])) \(percent(depth - 1)))"
        case 1: return "(\(number(depth - 1)) * \(percent(depth - 1)))"
        case 2: return "(\(percent(depth - 1)) / \(number(depth - 1)))"
        case 3: return "((n1 / n2) * 100%)"
        case 4: return "\(pick(["previous", "предыдущее"]))(\(percent(depth - 1)))"
        case 5: return "change(\(percent(depth - 1)))"
        case 6 where !insideCohort, 7 where !insideCohort: return cohort(depth - 1, percent: true)
        default: return percentLeaf()
        }
    }

    mutating func percentLeaf() -> String {
        pick(["p1", "p2", "r1", "r2", "share", "25%", "0%", "50%"] + (computed ? ["c3"] : []))
    }

    /// A cohort function over a number or percent expression (whose own cohorts are not
    /// allowed: cohorts do not nest); `ранг` only over numbers, as its result is a count.
    mutating func cohort(_ depth: Int, percent: Bool) -> String {
        insideCohort = true
        let argument = percent ? self.percent(depth) : number(depth)
        insideCohort = false
        let by = pick(["", "", " by municipality", " по муниципалитету", " by k1", " by b1", " по t1"])
        var functions = ["mean", "среднее", "median", "медиана", "percentile", "процентиль"]
        if !percent { functions += ["rank", "ранг"] }
        let f = pick(functions)
        if f == "percentile" || f == "процентиль" {
            return "\(f)(\(argument), \(pick(["0", "10", "25%", "50", "90", "100"]))\(by))"
        }
        return "\(f)(\(argument)\(by))"
    }
}
