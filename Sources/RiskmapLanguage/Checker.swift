/// Resolves names, checks types and units, and produces a `CheckedRuleBook`.
/// Reports every problem it finds in one run; returns a rule book only when there are
/// no errors (warnings are allowed).
public struct Checker {
    private struct Symbol {
        var kind: SymbolKind
        var index: Int
        var range: SourceRange
    }

    private var diagnostics: [Diagnostic] = []
    private var symbols: [String: Symbol] = [:]
    /// Declaration order of names, for deterministic «did you mean».
    private var symbolOrder: [String] = []

    private var indicatorDecls: [IndicatorDecl] = []
    private var paramDecls: [ParamDecl] = []
    private var factorDecls: [FactorDecl] = []
    private var scaleDecls: [ScaleDecl] = []
    private var groupDecls: [GroupDecl] = []
    private var roleDecls: [RoleDecl] = []
    private var directionDecls: [DirectionDecl] = []
    private var measureDecls: [MeasureDecl] = []
    private var exampleDecls: [ExampleDecl] = []
    private var rulesetDecls: [RulesetDecl] = []

    private var indicators: [Indicator] = []
    private var params: [Param] = []
    private var unresolvedAddresses = false
    private var usedDirections: Set<String> = []

    public init() {}

    /// Parses and checks a set of rule files as one rule book.
    public static func check(files: [SourceFile]) -> (CheckedRuleBook?, [Diagnostic], RuleBookSyntax) {
        var parseDiagnostics: [Diagnostic] = []
        var syntaxFiles: [FileSyntax] = []
        for file in files {
            let (syntax, diags) = Parser.parse(file)
            syntaxFiles.append(syntax)
            parseDiagnostics += diags
        }
        let syntax = RuleBookSyntax(files: syntaxFiles)
        var checker = Checker()
        let book = checker.check(syntax, files: files, parseFailed: parseDiagnostics.hasErrors)
        let all = (parseDiagnostics + Checker.withoutFollowUps(checker.diagnostics, syntax, parseDiagnostics)).sortedByPosition()
        return (all.hasErrors ? nil : book, all, syntax)
    }

    /// A clause that failed to parse is not a missing clause: drops the «missing …» /
    /// «no …» diagnostics of a declaration that already has a syntax error inside it.
    static func withoutFollowUps(_ diagnostics: [Diagnostic], _ syntax: RuleBookSyntax, _ parseDiagnostics: [Diagnostic]) -> [Diagnostic] {
        let errors = parseDiagnostics.filter { $0.severity == .error }.compactMap(\.range)
        guard !errors.isEmpty else { return diagnostics }
        var broken: [SourceRange] = []
        var brokenMeasure = false
        for declaration in syntax.declarations {
            let name: SourceRange, whole: SourceRange
            switch declaration {
            case .measure(let d): (name, whole) = (d.code.range, d.declRange)
            case .scale(let d): (name, whole) = (d.code.range, d.declRange)
            case .example(let d): (name, whole) = (d.title.range, d.declRange)
            default: continue
            }
            if errors.contains(where: { $0.file === whole.file && $0.start >= whole.start && $0.start < whole.end }) {
                broken.append(name)
                if case .measure = declaration { brokenMeasure = true }
            }
        }
        let followUps: Set<Message.Kind> = [.missingAddresses, .missingResponsible, .missingDeadline, .noLevels, .exampleNoExpectations]
        return diagnostics.filter { d in
            // A broken `addresses` clause may be what addresses the factor.
            if brokenMeasure, d.message.kind == .factorNotAddressed { return false }
            guard followUps.contains(d.message.kind), let r = d.range else { return true }
            return !broken.contains { $0.file === r.file && $0.start == r.start }
        }
    }

    // MARK: - Driver

    mutating func check(_ syntax: RuleBookSyntax, files: [SourceFile], parseFailed: Bool) -> CheckedRuleBook? {
        collect(syntax)
        let header = checkHeader(parseFailed: parseFailed, files: files)
        indicators = indicatorDecls.enumerated().map { checkIndicator($1, index: $0) }
        params = paramDecls.enumerated().map { checkParam($1, index: $0) }
        checkFormulas()
        let factors = factorDecls.enumerated().map { checkFactor($1, index: $0) }
        let scales = scaleDecls.enumerated().map { checkScale($1, index: $0) }
        let groups = groupDecls.enumerated().map { checkGroup($1, index: $0) }
        let roles = roleDecls.enumerated().map {
            Role(index: $0, code: $1.code.name, title: $1.title?.value ?? $1.code.name, signsPlan: $1.signsPlan != nil)
        }
        checkSigningRoles()
        let directions = directionDecls.enumerated().map {
            MeasureDirection(index: $0, code: $1.code.name, title: $1.title?.value ?? $1.code.name, declRange: $1.declRange)
        }
        let measures = measureDecls.enumerated().compactMap { checkMeasure($1, index: $0) }
        warnUnusedDirections()
        let examples = exampleDecls.compactMap { checkExample($0) }
        warnUnaddressedFactors(measures)
        return CheckedRuleBook(
            header: header, indicators: indicators, params: params, factors: factors, scales: scales,
            groups: groups, roles: roles, directions: directions, measures: measures, examples: examples, files: files)
    }

    private mutating func error(_ message: Message, at range: SourceRange?, help: Message? = nil) {
        diagnostics.append(.error(message, at: range, help: help))
    }

    private mutating func warning(_ message: Message, at range: SourceRange?, help: Message? = nil) {
        diagnostics.append(.warning(message, at: range, help: help))
    }

    private mutating func declare(_ id: Identifier, _ kind: SymbolKind, _ index: Int) {
        if let existing = symbols[id.name] {
            error(.duplicateCode(id.name, previous: existing.range.startLocation, previousFile: existing.range.file.path), at: id.range)
            return
        }
        symbols[id.name] = Symbol(kind: kind, index: index, range: id.range)
        symbolOrder.append(id.name)
    }

    private mutating func collect(_ syntax: RuleBookSyntax) {
        for declaration in syntax.declarations {
            switch declaration {
            case .ruleset(let d): rulesetDecls.append(d)
            case .indicator(let d): declare(d.code, .indicator, indicatorDecls.count); indicatorDecls.append(d)
            case .param(let d): declare(d.code, .param, paramDecls.count); paramDecls.append(d)
            case .factor(let d): declare(d.code, .factor, factorDecls.count); factorDecls.append(d)
            case .scale(let d): declare(d.code, .scale, scaleDecls.count); scaleDecls.append(d)
            case .group(let d): declare(d.code, .group, groupDecls.count); groupDecls.append(d)
            case .role(let d): declare(d.code, .role, roleDecls.count); roleDecls.append(d)
            case .direction(let d): declare(d.code, .direction, directionDecls.count); directionDecls.append(d)
            case .measure(let d): declare(d.code, .measure, measureDecls.count); measureDecls.append(d)
            case .example(let d): exampleDecls.append(d)
            }
        }
    }

    // MARK: - Declarations

    private mutating func checkHeader(parseFailed: Bool, files: [SourceFile]) -> RuleBookHeader {
        for extra in rulesetDecls.dropFirst() {
            error(.duplicateRuleset, at: extra.title.range)
        }
        guard let d = rulesetDecls.first else {
            if !parseFailed {
                let anyFile = indicatorDecls.first?.code.range.file ?? factorDecls.first?.code.range.file
                diagnostics.append(Diagnostic(.warning, .missingRuleset, path: anyFile?.path ?? files.first?.path ?? "", help: nil))
            }
            return RuleBookHeader(title: "", version: "", year: nil, basis: nil)
        }
        return RuleBookHeader(title: d.title.value, version: d.version?.value.value ?? "",
                              year: d.year?.value, basis: d.basis?.value.value)
    }

    private mutating func checkIndicator(_ d: IndicatorDecl, index: Int) -> Indicator {
        var seen = Set<String>()
        for value in d.categories where !seen.insert(value.name).inserted {
            error(.duplicateCategoryValue(value.name), at: value.range)
        }
        var range: ClosedRange<Double>?
        if let (low, high) = d.range {
            if d.kind == .bool || d.kind == .category || d.kind == .text {
                error(.rangeOnNonNumeric, at: low.range.union(high.range))
            } else if low.signedValue > high.signedValue {
                error(.invalidRange, at: low.range.union(high.range))
            } else {
                range = low.signedValue...high.signedValue
            }
        }
        if let expert = d.expert, d.formula != nil {
            error(.expertJudgementComputed(d.code.name), at: expert, help: .expertJudgementComputedHelp)
        }
        return Indicator(
            index: index, code: d.code.name, title: d.title?.value ?? d.code.name, kind: d.kind,
            categories: d.categories.map(\.name), unit: d.unit?.value, range: range, source: d.source?.value,
            isExpertJudgement: d.expert != nil && d.formula == nil,
            columns: d.columns.map(\.value), formula: nil, reliable: nil, declRange: d.declRange)
    }

    /// Computed indicators: each formula checked like a factor's condition (indicators and
    /// parameters only), of the declared type, with no indicator computed from itself.
    private mutating func checkFormulas() {
        for (i, d) in indicatorDecls.enumerated() {
            guard let formula = d.formula else { continue }
            guard [.count, .number, .percent, .bool].contains(d.kind) else {
                error(.computedKind, at: d.kindRange)
                continue
            }
            if let column = d.columns.first { error(.computedColumn(d.code.name), at: column.range) }
            let r = expression(formula, .indicator, inCohort: false)
            guard r.type != .invalid else { continue }
            let declared = indicators[i].type
            let fits = r.type == declared || (declared == .number && r.type == .count)
            guard fits else {
                error(.formulaType(declared: declared, got: r.type), at: formula.range)
                continue
            }
            indicators[i].formula = r
        }
        // Reliability: a condition on indicators read from the file (not computed, with no
        // reliability of their own), for numbers read from the file.
        for (i, d) in indicatorDecls.enumerated() {
            guard let condition = d.reliable else { continue }
            guard d.formula == nil, [.count, .number, .percent].contains(d.kind) else {
                error(.reliableKind, at: condition.range)
                continue
            }
            let r = self.condition(condition, .indicator)
            guard r.type != .invalid else { continue }
            if let bad = r.indicatorsRead.sorted().first(where: { indicatorDecls[$0].formula != nil || indicatorDecls[$0].reliable != nil }) {
                error(.reliableReference(indicatorDecls[bad].code.name), at: condition.range)
                continue
            }
            indicators[i].reliable = r
            if let years = d.pooledYears { indicators[i].pooling = pooling(r, years, at: condition.range) }
        }
        // Cycles: a → b → … → a.
        var state = [Int](repeating: 0, count: indicators.count)  // 0 new, 1 on the path, 2 done
        var path: [Int] = []
        func visit(_ i: Int) -> Bool {
            if state[i] == 2 { return true }
            if state[i] == 1 {
                let cycle = path.drop { $0 != i } + [i]
                error(.formulaCycle(cycle.map { indicators[$0].code }.joined(separator: " → ")), at: indicatorDecls[i].code.range)
                return false
            }
            state[i] = 1
            path.append(i)
            defer { path.removeLast(); state[i] = 2 }
            for j in indicators[i].formula?.indicatorsRead.sorted() ?? [] where !visit(j) {
                indicators[i].formula = nil
                return false
            }
            return true
        }
        for i in indicators.indices where indicators[i].formula != nil { _ = visit(i) }
    }

    private mutating func checkParam(_ d: ParamDecl, index: Int) -> Param {
        if let (low, high) = d.range {
            if low.signedValue > high.signedValue {
                error(.invalidRange, at: low.range.union(high.range))
            } else if d.value.signedValue < low.signedValue || d.value.signedValue > high.signedValue {
                error(.paramOutOfRange(value: literalText(d.value), low: literalText(low), high: literalText(high)), at: d.value.range)
            }
        }
        return Param(
            index: index, code: d.code.name, title: d.title?.value ?? d.code.name, value: d.value.signedValue,
            isPercent: d.value.isPercent, literal: literalText(d.value), unit: d.unit?.value, basis: d.basis?.value,
            range: d.range.flatMap { $0.0.signedValue <= $0.1.signedValue ? $0.0.signedValue...$0.1.signedValue : nil },
            declRange: d.declRange)
    }

    private func literalText(_ n: NumberLiteral) -> String {
        (n.negative ? "-" : "") + n.text + (n.isPercent ? "%" : "")
    }

    private mutating func checkFactor(_ d: FactorDecl, index: Int) -> Factor {
        let applies = d.applies.map { condition($0.value, .factor) }
        let when = d.when.map { condition($0.value, .factor) } ?? RExpr(.boolean(false), .bool, d.code.range)
        let targets = d.targets.compactMap { target($0.value) }
        return Factor(index: index, code: d.code.name, title: d.title?.value ?? d.code.name,
                      basis: d.basis?.value.value, applies: applies, condition: when, targets: targets, declRange: d.declRange)
    }

    /// A target must read `ПОКАЗАТЕЛЬ <= | >= | = ЗНАЧЕНИЕ`: the comparison is checked like
    /// any condition (types, references), then its shape.
    private mutating func target(_ t: TargetDecl) -> Target? {
        let checked = condition(t.goal, .factor)
        guard checked.type != .invalid else { return nil }
        let years = t.years.flatMap { yearRef($0) } ?? .count(1)
        guard case .comparison(let op, let left, let right) = checked.node,
              case .indicator(let i) = left.node else {
            error(.targetForm, at: t.goal.range, help: .targetFormHelp)
            return nil
        }
        let direction: Target.Direction
        switch op {
        case .lessEqual: direction = .atMost
        case .greaterEqual: direction = .atLeast
        case .equal: direction = .exactly
        case .less, .greater, .notEqual:
            error(.targetForm, at: t.goal.range, help: .targetFormHelp)
            return nil
        }
        return Target(indicator: i, subject: left, direction: direction, goal: right, years: years, range: t.goal.range)
    }

    private mutating func checkScale(_ d: ScaleDecl, index: Int) -> Scale {
        var levels: [ScaleLevelDef] = []
        var seenCodes = Set<String>()
        var afterOtherwise = false
        var previousConditions: [String] = []
        if d.levels.isEmpty { error(.noLevels, at: d.code.range) }
        for (i, level) in d.levels.enumerated() {
            if !seenCodes.insert(level.code.name).inserted {
                error(.duplicateCode(level.code.name, previous: level.code.range.startLocation, previousFile: level.code.range.file.path), at: level.code.range)
            }
            if afterOtherwise {
                warning(.unreachableAfterOtherwise, at: level.code.range)
            }
            var resolved: RExpr?
            if let c = level.condition {
                resolved = condition(c, .scale)
                let key = SyntaxDump.expression(c)
                if previousConditions.contains(key) || isConstant(c, false) {
                    warning(.unreachableLevel(level.code.name), at: level.code.range)
                }
                previousConditions.append(key)
                if isConstant(c, true) { afterOtherwise = true }
            } else {
                afterOtherwise = true
            }
            levels.append(ScaleLevelDef(index: i, code: level.code.name, title: level.title?.value ?? level.code.name, condition: resolved))
        }
        return Scale(index: index, code: d.code.name, title: d.title?.value ?? d.code.name, levels: levels, declRange: d.declRange)
    }

    private func isConstant(_ e: Expr, _ value: Bool) -> Bool {
        if case .boolean(let b) = e.unparenthesized.kind { return b == value }
        return false
    }

    private mutating func checkGroup(_ d: GroupDecl, index: Int) -> Group {
        var when = d.when.map { condition($0.value, .group) } ?? RExpr(.boolean(false), .bool, d.code.range)
        var exit: GroupExit?
        if let clause = d.exit {
            if case .literal(1, let range) = clause.value {
                error(.exitAfterOneYear, at: range, help: .exitAfterOneYearHelp)
            } else if let years = yearRef(clause.value) {
                // Member while the condition held in at least one of the last N years.
                exit = GroupExit(years: years, range: clause.keywordRange.union(clause.value.range))
                if when.type != .invalid {
                    when = RExpr(.persistence(when, years: years, atLeast: .count(1)), .bool, when.range)
                }
            }
        }
        return Group(index: index, code: d.code.name, title: d.title?.value ?? d.code.name,
                     basis: d.basis?.value.value, condition: when, declRange: d.declRange, exit: exit)
    }

    private mutating func resolve(_ id: Identifier, as kind: SymbolKind) -> Int? {
        if let symbol = symbols[id.name], symbol.kind == kind { return symbol.index }
        let message: Message
        switch kind {
        case .factor: message = .unknownFactor(id.name)
        case .role: message = .unknownRole(id.name)
        case .direction: message = .unknownDirection(id.name)
        case .indicator, .param, .scale, .group, .measure: message = .undeclared(id.name)
        }
        let candidates = symbolOrder.filter { symbols[$0]?.kind == kind }
        let fallback: Message? = kind == .direction ? .unknownDirectionHelp : nil
        error(message, at: id.range, help: Suggestion.closest(to: id.name, among: candidates).map { .didYouMean($0) } ?? fallback)
        return nil
    }

    private mutating func checkMeasure(_ d: MeasureDecl, index: Int) -> Measure? {
        var addresses: [Int] = []
        var addressesGroups: [Int] = []
        if let list = d.addresses {
            for id in list.value {
                // A group: every school of it gets the measure, whatever its factors.
                if let symbol = symbols[id.name], symbol.kind == .group {
                    if !addressesGroups.contains(symbol.index) { addressesGroups.append(symbol.index) }
                    continue
                }
                if let symbol = symbols[id.name], symbol.kind == .factor {
                    addresses.append(symbol.index)
                } else {
                    // Neither a factor nor a group: the hint looks among both.
                    let candidates = symbolOrder.filter { symbols[$0]?.kind == .factor || symbols[$0]?.kind == .group }
                    error(.unknownFactor(id.name), at: id.range, help: Suggestion.closest(to: id.name, among: candidates).map { .didYouMean($0) })
                    unresolvedAddresses = true
                }
            }
        } else {
            error(.missingAddresses, at: d.code.range)
        }
        if d.responsible == nil { error(.missingResponsible, at: d.code.range) }
        let responsible = roles(d.responsible?.value ?? [])
        let coExecutors = roles(d.coExecutors?.value ?? [])
        for id in d.coExecutors?.value ?? [] where (d.responsible?.value ?? []).contains(where: { $0.name == id.name }) {
            warning(.roleResponsibleAndCoExecutor(id.name), at: id.range)
        }
        if d.due == nil { warning(.missingDeadline, at: d.code.range) }
        let onlyWhen = d.onlyWhen.map { condition($0.value, .measure) }
        var direction: Int? = nil
        if let id = d.direction?.value {
            direction = resolve(id, as: .direction)
            usedDirections.insert(id.name)
        }
        return Measure(
            index: index, code: d.code.name, title: d.title?.value ?? d.code.name, direction: direction, addresses: addresses,
            addressesGroups: addressesGroups,
            onlyWhen: onlyWhen, scope: d.scope?.value ?? .school, responsible: responsible, coExecutors: coExecutors,
            due: d.due?.value, result: d.result?.value.value, basis: d.basis?.value.value, declRange: d.declRange)
    }

    /// The roles of a list (`ответственный`, `соисполнители`), in the order written; a role
    /// listed twice is an error.
    private mutating func roles(_ ids: [Identifier]) -> [Int] {
        var out: [Int] = []
        var seen: Set<String> = []
        for id in ids {
            guard seen.insert(id.name).inserted else {
                error(.duplicateRole(id.name), at: id.range, help: .duplicateRoleHelp)
                continue
            }
            if let i = resolve(id, as: .role) { out.append(i) }
        }
        return out
    }

    /// One role at most signs the school's plan: the plan's passport names its holder.
    private mutating func checkSigningRoles() {
        let signing = roleDecls.filter { $0.signsPlan != nil }
        for extra in signing.dropFirst() {
            error(.secondSigningRole(extra.code.name, first: signing[0].code.name), at: extra.signsPlan, help: .secondSigningRoleHelp)
        }
    }

    /// A declared direction no measure names: its section would never appear.
    private mutating func warnUnusedDirections() {
        for d in directionDecls where !usedDirections.contains(d.code.name) {
            warning(.directionUnused(d.code.name), at: d.code.range, help: .directionUnusedHelp)
        }
    }

    private mutating func warnUnaddressedFactors(_ measures: [Measure]) {
        // While a measure names a factor that does not resolve (a typo), «no measure addresses
        // this factor» would only repeat that error.
        guard !unresolvedAddresses else { return }
        let addressed = Set(measures.flatMap(\.addresses))
        for (i, f) in factorDecls.enumerated() where !addressed.contains(i) {
            warning(.factorNotAddressed(f.code.name), at: f.code.range, help: .factorNotAddressedHelp)
        }
    }

    // MARK: - Examples

    private mutating func checkExample(_ d: ExampleDecl) -> Example? {
        // Schools: named by `дано школа A: …`, or one unnamed school. Either every clause
        // names its school or none does.
        var schools: [String] = []
        let named = d.givens.contains { $0.value.school != nil } || d.expectations.contains { $0.value.school != nil }
        func school(_ id: Identifier?, at range: SourceRange, adding: Bool) -> Int? {
            guard named else { return 0 }
            guard let id else {
                error(.exampleSchoolMissing, at: range, help: .exampleSchoolHelp)
                return nil
            }
            if let i = schools.firstIndex(of: id.name) { return i }
            guard adding else {
                error(.exampleUnknownSchool(id.name), at: id.range,
                      help: Suggestion.closest(to: id.name, among: schools).map { .didYouMean($0) } ?? .exampleSchoolHelp)
                return nil
            }
            schools.append(id.name)
            return schools.count - 1
        }
        if !named { schools = [""] }
        var years: [ExampleYear] = []
        for given in d.givens {
            guard let schoolIndex = school(given.value.school, at: given.keywordRange, adding: true) else { continue }
            let year = given.value.year
            var values: [(indicator: Int, value: LiteralValue)] = []
            var seen = Set<Int>()
            for assignment in given.value.assignments {
                guard let symbol = symbols[assignment.name.name] else {
                    let candidates = symbolOrder.filter { symbols[$0]?.kind == .indicator }
                    error(.undeclared(assignment.name.name), at: assignment.name.range,
                          help: Suggestion.closest(to: assignment.name.name, among: candidates).map { .didYouMean($0) })
                    continue
                }
                guard symbol.kind == .indicator else {
                    error(.exampleNotIndicator(assignment.name.name), at: assignment.name.range)
                    continue
                }
                if indicatorDecls[symbol.index].formula != nil {
                    error(.exampleComputed(assignment.name.name), at: assignment.name.range)
                    continue
                }
                // Several `given` clauses for the same year merge; a value given twice is an error.
                let alreadyGiven = years.contains { $0.school == schoolIndex && $0.year == year && $0.values.contains { $0.indicator == symbol.index } }
                if !seen.insert(symbol.index).inserted || alreadyGiven {
                    error(.exampleDuplicateValue(assignment.name.name), at: assignment.name.range)
                    continue
                }
                if let value = exampleValue(assignment, indicators[symbol.index]) {
                    values.append((symbol.index, value))
                }
            }
            if let i = years.firstIndex(where: { $0.school == schoolIndex && $0.year == year }) {
                years[i].values += values
            } else {
                years.append(ExampleYear(school: schoolIndex, year: year, values: values))
            }
        }
        var expectations: [ExampleExpectation] = []
        for clause in d.expectations {
            guard let schoolIndex = school(clause.value.school, at: clause.keywordRange, adding: false) else { continue }
            var resolved: ResolvedExpectation?
            switch clause.value.expectation {
            case .status(let id, let outcome):
                guard let symbol = symbols[id.name] else {
                    let candidates = symbolOrder.filter {
                        let k = symbols[$0]?.kind
                        return k == .factor || k == .group || k == .measure
                    }
                    error(.undeclared(id.name), at: id.range, help: Suggestion.closest(to: id.name, among: candidates).map { .didYouMean($0) })
                    continue
                }
                switch symbol.kind {
                case .factor:
                    resolved = .factor(symbol.index, outcome, id.range)
                case .group where outcome == .unknown:
                    resolved = .groupUnknown(symbol.index, id.range)
                case .group, .measure:
                    guard outcome == .triggered || outcome == .notTriggered else {
                        error(.expectationOutcome(id.name), at: id.range)
                        continue
                    }
                    let present = outcome == .triggered
                    resolved = symbol.kind == .group ? .group(symbol.index, present: present, id.range)
                                                     : .measure(symbol.index, present: present, id.range)
                case .scale where outcome == .unknown:
                    resolved = .levelUnknown(scale: symbol.index, id.range)
                default:
                    error(.expectationTarget(id.name), at: id.range)
                }
            case .level(let scaleID, let levelID):
                guard let scaleIndex = resolve(scaleID, as: .scale) else { continue }
                let scale = scaleDecls[scaleIndex]
                guard let levelIndex = scale.levels.firstIndex(where: { $0.code.name == levelID.name }) else {
                    let names = scale.levels.map(\.code.name)
                    error(.unknownLevel(level: levelID.name, scale: scaleID.name), at: levelID.range,
                          help: Suggestion.closest(to: levelID.name, among: names).map { .didYouMean($0) } ?? .levelsHelp(names.joined(separator: ", ")))
                    continue
                }
                resolved = .level(scale: scaleIndex, level: levelIndex, levelID.range)
            }
            if let resolved { expectations.append(ExampleExpectation(school: schoolIndex, expectation: resolved)) }
        }
        if d.expectations.isEmpty { warning(.exampleNoExpectations, at: d.title.range) }
        return Example(title: d.title.value, schools: schools, years: years, expectations: expectations, declRange: d.declRange)
    }

    private mutating func exampleValue(_ assignment: Assignment, _ indicator: Indicator) -> LiteralValue? {
        let name = assignment.name.name
        let expr = assignment.value
        func wrongType(help: Message? = nil) -> LiteralValue? {
            error(.exampleWrongType(name: name, expected: indicator.type), at: expr.range, help: help)
            return nil
        }
        var number: Double?
        var isPercent = false
        switch expr.kind {
        case .number(let v, _): number = v
        case .percent(let v, _): number = v; isPercent = true
        case .negate(let inner):
            if case .number(let v, _) = inner.kind { number = -v }
            if case .percent(let v, _) = inner.kind { number = -v; isPercent = true }
        default: break
        }
        switch indicator.kind {
        case .count, .number, .percent:
            guard let value = number else { return wrongType() }
            if indicator.kind == .percent, !isPercent {
                return wrongType(help: .percentLiteralHelp(Suggestion.percentLiteral(value)))
            }
            if indicator.kind != .percent, isPercent { return wrongType() }
            if indicator.kind == .count, value < 0 || value != value.rounded() {
                error(.exampleNegativeCount(name), at: expr.range)
                return nil
            }
            if let range = indicator.range, !range.contains(value) {
                error(.exampleOutOfRange(name: name, low: Suggestion.number(range.lowerBound), high: Suggestion.number(range.upperBound)), at: expr.range)
                return nil
            }
            return .number(value)
        case .bool:
            if case .boolean(let b) = expr.kind { return .bool(b) }
            return wrongType()
        case .category:
            let text: String
            switch expr.kind {
            case .name(let n): text = n
            case .string(let s): text = s
            default: return wrongType()
            }
            guard let i = indicator.categories.firstIndex(of: text) else {
                error(.unknownCategoryValue(value: text, indicator: indicator.code), at: expr.range,
                      help: Suggestion.closest(to: text, among: indicator.categories).map { .didYouMean($0) }
                        ?? .categoryValuesHelp(indicator.categories.joined(separator: ", ")))
                return nil
            }
            return .category(i)
        case .text:
            if case .string(let s) = expr.kind { return .text(s) }
            if case .name(let s) = expr.kind { return .text(s) }
            return wrongType()
        }
    }

    // MARK: - Expressions

    /// A clause that must be a condition (yes/no).
    private mutating func condition(_ e: Expr, _ context: ExprContext) -> RExpr {
        let r = expression(e, context, inCohort: false)
        if r.type != .bool && r.type != .invalid {
            error(.notACondition(r.type), at: e.range)
            return RExpr(r.node, .invalid, r.range)
        }
        return r
    }

    private func allowed(_ kind: SymbolKind, in context: ExprContext) -> Bool {
        switch kind {
        case .indicator, .param: return true
        case .factor: return context != .factor && context != .indicator
        case .scale: return context == .group || context == .measure
        case .group: return context == .measure
        case .role, .direction, .measure: return false
        }
    }

    private mutating func expression(_ e: Expr, _ context: ExprContext, inCohort: Bool, hint: ValueType? = nil) -> RExpr {
        let invalid = RExpr(.boolean(false), .invalid, e.range)
        switch e.kind {
        case .parenthesized(let inner):
            return expression(inner, context, inCohort: inCohort, hint: hint)
        case .number(let v, let text):
            return RExpr(.number(v, text: text), .number, e.range)
        case .percent(let v, let text):
            return RExpr(.number(v, text: text + "%"), .percent, e.range)
        case .boolean(let b):
            return RExpr(.boolean(b), .bool, e.range)
        case .string(let s):
            if case .category(let code)? = hint, let indicator = indicators.first(where: { $0.code == code }) {
                return categoryValue(s, of: indicator, at: e.range)
            }
            return RExpr(.text(s), .text, e.range)
        case .name(let name):
            // The other side already failed: an unknown bare word here is most likely one of
            // its values (`school_typ = СОШ`, `s = hi` with `s` out of reach); say nothing more.
            if hint == .invalid, symbols[name] == nil { return invalid }
            if case .category(let code)? = hint, let indicator = indicators.first(where: { $0.code == code }),
               symbols[name] == nil || indicator.categories.contains(name) {
                return categoryValue(name, of: indicator, at: e.range)
            }
            if case .level(let code)? = hint, let scale = scaleDecls.first(where: { $0.code.name == code }),
               symbols[name] == nil || scale.levels.contains(where: { $0.code.name == name }) {
                guard let i = scale.levels.firstIndex(where: { $0.code.name == name }) else {
                    let names = scale.levels.map(\.code.name)
                    error(.unknownLevel(level: name, scale: code), at: e.range,
                          help: Suggestion.closest(to: name, among: names).map { .didYouMean($0) } ?? .levelsHelp(names.joined(separator: ", ")))
                    return invalid
                }
                return RExpr(.levelValue(i), .level(code), e.range)
            }
            return reference(name, e.range, context)
        case .negate(let inner):
            let r = expression(inner, context, inCohort: inCohort)
            guard r.type.isNumeric || r.type == .invalid else {
                error(.notANumber(r.type), at: inner.range)
                return invalid
            }
            return RExpr(.negate(r), r.type == .count ? .number : r.type, e.range)
        case .arithmetic(let op, let a, let b):
            let l = expression(a, context, inCohort: inCohort)
            let r = expression(b, context, inCohort: inCohort)
            guard let type = arithmeticType(op, l, r, e) else { return invalid }
            return RExpr(.arithmetic(op, l, r), type, e.range)
        case .comparison(let op, let a, let b):
            return comparison(op, a, b, e, context, inCohort: inCohort)
        case .logical(let op, let a, let b):
            let l = logicalOperand(a, context, inCohort: inCohort)
            let r = logicalOperand(b, context, inCohort: inCohort)
            return RExpr(op == .and ? .and(l, r) : .or(l, r), .bool, e.range)
        case .not(let inner):
            // `не x N лет подряд` reads as «неверно, что N лет подряд»; often «ни в одном» was meant.
            if case .persistence = inner.kind {
                warning(.negatedPersistence, at: e.range, help: .negatedPersistenceHelp)
            }
            return RExpr(.not(logicalOperand(inner, context, inCohort: inCohort)), .bool, e.range)
        case .membership(let subject, let items, let negated):
            let s = expression(subject, context, inCohort: inCohort)
            var resolved: [RExpr] = []
            for item in items {
                let r = expression(item, context, inCohort: inCohort, hint: s.type)
                if s.type != .invalid, r.type != .invalid, !comparable(s.type, r.type) {
                    reportMismatch(s, r, literal: item)
                }
                resolved.append(r)
            }
            return RExpr(.membership(s, resolved, negated: negated), .bool, e.range)
        case .call(let call):
            return self.call(call, e, context, inCohort: inCohort)
        case .countTriggered:
            if context == .factor || context == .indicator {
                error(.forbiddenReference(name: e.range.text, kind: .factor, context: context), at: e.range,
                      help: .forbiddenReferenceHelp(context))
                return invalid
            }
            return RExpr(.countTriggered, .count, e.range)
        case .persistence(let inner, let years, let atLeast):
            let r = logicalOperand(inner, context, inCohort: inCohort)
            guard let n = yearRef(years) else { return invalid }
            guard let k = atLeast.map({ yearRef($0) }) else {
                return RExpr(.persistence(r, years: n, atLeast: nil), .bool, e.range)
            }
            guard let k else { return invalid }
            // «в K из последних N лет» needs K ≤ N (both known here: parameters have values).
            let kv = k.value(params.map(\.value)), nv = n.value(params.map(\.value))
            guard kv <= nv else {
                error(.atLeastMoreThanYears(atLeast: kv, years: nv), at: atLeast!.range.union(years.range))
                return invalid
            }
            return RExpr(.persistence(r, years: n, atLeast: k), .bool, e.range)
        }
    }

    private mutating func categoryValue(_ text: String, of indicator: Indicator, at range: SourceRange) -> RExpr {
        guard let i = indicator.categories.firstIndex(of: text) else {
            error(.unknownCategoryValue(value: text, indicator: indicator.code), at: range,
                  help: Suggestion.closest(to: text, among: indicator.categories).map { .didYouMean($0) }
                    ?? .categoryValuesHelp(indicator.categories.joined(separator: ", ")))
            return RExpr(.boolean(false), .invalid, range)
        }
        return RExpr(.categoryValue(i), .category(indicator.code), range)
    }

    private mutating func reference(_ name: String, _ range: SourceRange, _ context: ExprContext) -> RExpr {
        let invalid = RExpr(.boolean(false), .invalid, range)
        guard let symbol = symbols[name] else {
            let candidates = symbolOrder.filter { symbols[$0].map { allowed($0.kind, in: context) } ?? false }
            error(.undeclared(name), at: range, help: Suggestion.closest(to: name, among: candidates).map { .didYouMean($0) })
            return invalid
        }
        guard allowed(symbol.kind, in: context) else {
            error(.forbiddenReference(name: name, kind: symbol.kind, context: context), at: range, help: .forbiddenReferenceHelp(context))
            return invalid
        }
        switch symbol.kind {
        case .indicator: return RExpr(.indicator(symbol.index), indicators[symbol.index].type, range)
        case .param: return RExpr(.param(symbol.index), params[symbol.index].type, range)
        case .factor: return RExpr(.factor(symbol.index), .bool, range)
        case .scale: return RExpr(.scaleLevel(symbol.index), .level(name), range)
        case .group: return RExpr(.group(symbol.index), .bool, range)
        case .role, .direction, .measure: return invalid
        }
    }

    /// A number of years: written (checked by the parser), or a parameter holding a whole
    /// number from 1 to 20.
    /// The pooling of `… иначе за последние N лет`, whose reliability condition must read
    /// `count >= threshold` (or `>`): a count indicator of the schools file, and a
    /// parameter or a number.
    private mutating func pooling(_ condition: RExpr, _ years: YearCount, at range: SourceRange) -> Pooling? {
        guard case .comparison(let op, let left, let right) = condition.node, op == .greaterEqual || op == .greater,
              case .indicator(let w) = left.node, indicators[w].kind == .count else {
            error(.pooledCondition, at: range, help: .pooledConditionHelp)
            return nil
        }
        let threshold: Pooling.Threshold
        switch right.node {
        case .param(let p): threshold = .param(p)
        case .number(let v, _): threshold = .number(v)
        default:
            error(.pooledCondition, at: right.range, help: .pooledConditionHelp)
            return nil
        }
        guard let ref = yearRef(years) else { return nil }
        return Pooling(years: ref, weight: w, strict: op == .greater, threshold: threshold)
    }

    private mutating func yearRef(_ c: YearCount) -> YearRef? {
        switch c {
        case .literal(let n, _): return .count(n)
        case .param(let id):
            guard let symbol = symbols[id.name], symbol.kind == .param else {
                if symbols[id.name] == nil {
                    let candidates = symbolOrder.filter { symbols[$0]?.kind == .param }
                    error(.undeclared(id.name), at: id.range, help: Suggestion.closest(to: id.name, among: candidates).map { .didYouMean($0) })
                } else {
                    error(.yearsParam(id.name), at: id.range)
                }
                return nil
            }
            let p = params[symbol.index]
            guard !p.isPercent, p.value == p.value.rounded(), (1...20).contains(p.value) else {
                error(.yearsParam(id.name), at: id.range)
                return nil
            }
            return .param(symbol.index)
        }
    }

    private mutating func logicalOperand(_ e: Expr, _ context: ExprContext, inCohort: Bool) -> RExpr {
        let r = expression(e, context, inCohort: inCohort)
        if r.type != .bool && r.type != .invalid {
            error(.notACondition(r.type), at: e.range)
            return RExpr(r.node, .invalid, r.range)
        }
        return r
    }

    private mutating func arithmeticType(_ op: ArithmeticOp, _ l: RExpr, _ r: RExpr, _ e: Expr) -> ValueType? {
        if l.type == .invalid || r.type == .invalid { return .invalid }
        for side in [l, r] where !side.type.isNumeric {
            error(.notANumber(side.type), at: side.range)
            return nil
        }
        let a = l.type, b = r.type
        switch op {
        case .add, .subtract:
            if a == .percent || b == .percent {
                if a == b { return .percent }
                error(.unitMismatch(a, b), at: e.range)
                return nil
            }
            return a == .count && b == .count ? .count : .number
        case .multiply:
            if a == .percent && b == .percent {
                error(.unitMismatch(a, b), at: e.range)
                return nil
            }
            if a == .percent || b == .percent { return .percent }
            return a == .count && b == .count ? .count : .number
        case .divide:
            if a == .percent && b == .percent { return .number }
            if b == .percent {
                error(.unitMismatch(a, b), at: e.range)
                return nil
            }
            return a == .percent ? .percent : .number
        }
    }

    private func comparable(_ a: ValueType, _ b: ValueType) -> Bool {
        switch (a, b) {
        case (.percent, .percent): return true
        case (.count, .count), (.count, .number), (.number, .count), (.number, .number): return true
        case (.bool, .bool), (.text, .text): return true
        case (.category(let x), .category(let y)): return x == y
        case (.level(let x), .level(let y)): return x == y
        default: return false
        }
    }

    private mutating func comparison(_ op: ComparisonOp, _ a: Expr, _ b: Expr, _ e: Expr, _ context: ExprContext, inCohort: Bool) -> RExpr {
        // A bare word on the left that is not a declared name, or a quoted string, may be a
        // category value (`ООШ = school_type`, `"Вечерняя школа" = school_type`): the right
        // side is resolved first and says what the left one is.
        var l: RExpr
        var r: RExpr
        func isUnknownName(_ x: Expr) -> Bool {
            if case .name(let n) = x.unparenthesized.kind { return symbols[n] == nil }
            return false
        }
        /// Both sides unknown (`ООШ = school_typ`): the typo is the one close to a declared name.
        func looksLikeTypo(_ x: Expr) -> Bool {
            guard case .name(let n) = x.unparenthesized.kind else { return false }
            return Suggestion.closest(to: n, among: symbolOrder.filter { symbols[$0].map { allowed($0.kind, in: context) } ?? false }) != nil
        }
        func isString(_ x: Expr) -> Bool {
            if case .string = x.unparenthesized.kind { return true }
            return false
        }
        let valueOnTheLeft = isUnknownName(a) && (!isUnknownName(b) || (looksLikeTypo(b) && !looksLikeTypo(a)))
            || isString(a) && !isString(b)
        if valueOnTheLeft {
            r = expression(b, context, inCohort: inCohort)
            l = expression(a, context, inCohort: inCohort, hint: r.type)
        } else {
            l = expression(a, context, inCohort: inCohort)
            r = expression(b, context, inCohort: inCohort, hint: l.type)
        }
        let result = RExpr(.comparison(op, l, r), .bool, e.range)
        if l.type == .invalid || r.type == .invalid { return RExpr(result.node, .bool, e.range) }
        if !comparable(l.type, r.type) {
            reportMismatch(l, r, literal: b)
            return RExpr(.boolean(false), .invalid, e.range)
        }
        if op != .equal && op != .notEqual && !l.type.isNumeric {
            error(.orderingNotAllowed(l.type), at: e.range)
            return RExpr(.boolean(false), .invalid, e.range)
        }
        return result
    }

    private mutating func reportMismatch(_ l: RExpr, _ r: RExpr, literal: Expr) {
        // The classic mistake: a percent compared with a fraction (share > 0.3).
        let pair = [(l, r), (r, l)]
        for (p, other) in pair where p.type == .percent && (other.type == .number || other.type == .count) {
            if case .number(let v, let text) = other.node {
                error(.percentVersusNumber(text), at: other.range, help: .percentLiteralHelp(Suggestion.percentLiteral(v)))
                return
            }
            if case .arithmetic(.divide, _, _) = other.node {
                error(.unitMismatch(l.type, r.type), at: other.range, help: .ratioAsPercentHelp)
                return
            }
        }
        error(.unitMismatch(l.type, r.type), at: l.range.union(r.range))
    }

    private mutating func call(_ call: Call, _ e: Expr, _ context: ExprContext, inCohort: Bool) -> RExpr {
        let invalid = RExpr(.boolean(false), .invalid, e.range)
        guard let builtin = call.builtin else {
            let names = Builtin.allCases.flatMap { $0.spellings(e.range.file.path.isEmpty ? .en : .ru) + $0.spellings(.en) }
            error(.unknownFunction(call.name.name), at: call.name.range,
                  help: Suggestion.closest(to: call.name.name, among: names).map { .didYouMean($0) })
            return invalid
        }
        func arity(_ allowed: ClosedRange<Int>, _ expected: Arity) -> Bool {
            guard allowed.contains(call.arguments.count) else {
                error(.wrongArgumentCount(function: call.name.name, expected: expected, got: call.arguments.count), at: e.range)
                return false
            }
            return true
        }
        if call.by != nil, !builtin.isCohort {
            error(.wrongArgumentCount(function: call.name.name, expected: .noBy, got: call.arguments.count), at: call.by!.range)
            return invalid
        }
        switch builtin {
        case .known, .missing:
            guard arity(1...1, .one) else { return invalid }
            let arg = expression(call.arguments[0], context, inCohort: inCohort)
            return RExpr(builtin == .known ? .known(arg) : .missing(arg), .bool, e.range)
        case .previous:
            guard arity(1...2, .oneOrTwo) else { return invalid }
            let arg = expression(call.arguments[0], context, inCohort: inCohort)
            var years = 1
            if call.arguments.count == 2 {
                guard case .number(let v, let text) = call.arguments[1].kind, !text.contains("."), v >= 1, v <= 20 else {
                    error(.previousYearsArgument, at: call.arguments[1].range)
                    return invalid
                }
                years = Int(v)
            }
            return RExpr(.previous(arg, years: years), arg.type, e.range)
        case .change:
            guard arity(1...1, .one) else { return invalid }
            let arg = expression(call.arguments[0], context, inCohort: inCohort)
            guard arg.type.isNumeric || arg.type == .invalid else {
                error(.notANumber(arg.type), at: arg.range)
                return invalid
            }
            return RExpr(.change(arg), arg.type == .percent ? .percent : (arg.type == .invalid ? .invalid : .number), e.range)
        case .count:
            return invalid
        case .percentile, .mean, .median, .rank:
            let isPercentile = builtin == .percentile
            guard isPercentile ? arity(2...2, .two) : arity(1...1, .one) else { return invalid }
            if inCohort {
                error(.nestedCohort, at: e.range)
                return invalid
            }
            let arg = expression(call.arguments[0], context, inCohort: true)
            guard arg.type.isNumeric || arg.type == .invalid else {
                error(.notANumber(arg.type), at: arg.range)
                return invalid
            }
            var parameter: Double?
            if isPercentile {
                let p = call.arguments[1]
                switch p.unparenthesized.kind {
                case .number(let v, _), .percent(let v, _):
                    if (0...100).contains(v) { parameter = v } else {
                        error(.percentileOutOfRange, at: p.range, help: .percentileHelp)
                        return invalid
                    }
                default:
                    error(.percentileOutOfRange, at: p.range, help: .percentileHelp)
                    return invalid
                }
            }
            var partition: CohortPartition?
            switch call.by {
            case .municipality?: partition = .municipality
            case .indicator(let id)?:
                if let symbol = symbols[id.name], symbol.kind == .indicator {
                    let kind = indicators[symbol.index].kind
                    guard kind == .category || kind == .text || kind == .bool else {
                        error(.byTargetNotCategory(id.name), at: id.range)
                        return invalid
                    }
                    if indicatorDecls[symbol.index].formula != nil {
                        error(.partitionByComputed(id.name), at: id.range)
                        return invalid
                    }
                    partition = .indicator(symbol.index)
                } else {
                    let candidates = symbolOrder.filter { symbols[$0]?.kind == .indicator }
                    error(.undeclared(id.name), at: id.range, help: Suggestion.closest(to: id.name, among: candidates).map { .didYouMean($0) })
                    return invalid
                }
            case nil: break
            }
            let function: CohortFunction
            switch builtin {
            case .percentile: function = .percentile
            case .mean: function = .mean
            case .median: function = .median
            default: function = .rank
            }
            let type: ValueType
            switch function {
            case .rank: type = .count
            case .mean, .median, .percentile: type = arg.type == .count ? .number : arg.type
            }
            return RExpr(.cohort(function, arg, parameter: parameter, by: partition), type, e.range)
        }
    }
}

/// «Did you mean» and literal suggestions.
public enum Suggestion {
    /// The closest candidate by edit distance, if it is close enough to be a likely typo.
    /// A candidate whose length differs from the name's by more than the limit is skipped
    /// unmeasured: the distance is never less than the difference in length.
    public static func closest(to name: String, among candidates: [String]) -> String? {
        let target = Array(name.lowercased())
        let limit = max(1, min(3, target.count / 3))
        var best: (String, Int)?
        for candidate in candidates {
            let other = Array(candidate.lowercased())
            guard abs(other.count - target.count) <= limit else { continue }
            let distance = editDistance(target, other)
            if distance <= limit, best == nil || distance < best!.1 {
                best = (candidate, distance)
            }
        }
        return best?.0
    }

    /// Optimal-string-alignment distance: insertions, deletions, substitutions and
    /// transpositions of neighbours (`ou` → `uo`) each cost one.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }

    /// How a fraction should have been written as a percent: 0.3 → «30%», 30 → «30%».
    public static func percentLiteral(_ value: Double) -> String {
        let points = abs(value) <= 1 ? value * 100 : value
        return number(points) + "%"
    }

    /// A number as written in rule files: no trailing zeros, a point as separator.
    public static func number(_ value: Double) -> String {
        // 1e12 × 10⁶ stays well inside Int; larger values are written without a fraction.
        guard value.isFinite else { return String(describing: value) }
        guard abs(value) < 1e12 else { return NumberText.whole(value, minus: "-") }
        let scaled = Int((abs(value) * 1_000_000).rounded())
        let whole = scaled / 1_000_000
        var fraction = String(scaled % 1_000_000)
        fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let sign = value < 0 && scaled != 0 ? "-" : ""
        return sign + String(whole) + (fraction.isEmpty ? "" : "." + fraction)
    }
}
