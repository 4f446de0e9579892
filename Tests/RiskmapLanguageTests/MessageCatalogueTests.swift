import Testing
@testable import RiskmapLanguage

@Suite struct MessageCatalogueTests {
    /// The codes editors read in `--format json` do not change.
    @Test func jsonCodesArePinned() {
        let pinned: [(Message, String)] = [
            (.undeclared("x"), "undeclared"),
            (.expected(.symbol(.rightBrace), found: ""), "expected"),
            (.missingAddresses, "missingAddresses"),
            (.factorNotAddressed("f"), "factorNotAddressed"),
            (.unterminatedString, "unterminatedString"),
            (.csvTooManyFields(expected: 3, got: 4), "csvTooManyFields"),
            (.outputFailed("disk full"), "outputFailed"),
            (.duplicateRole("uo"), "duplicateRole"),
            (.roleResponsibleAndCoExecutor("uo"), "roleResponsibleAndCoExecutor"),
            (.reversedDeadlineRange, "reversedDeadlineRange"),
            (.invalidFrequency(0), "invalidFrequency"),
        ]
        for (message, code) in pinned {
            #expect(message.code == code)
        }
        let file = SourceFile(path: "a.rules", text: "factor f { when x }\n")
        let json = DiagnosticRenderer(lang: .en).json([.error(.undeclared("x"), at: SourceRange(file: file, start: 16, end: 17))])
        #expect(json == """
            {
              "diagnostics": [
                {
                  "file": "a.rules",
                  "line": 1,
                  "column": 17,
                  "endLine": 1,
                  "endColumn": 18,
                  "severity": "error",
                  "code": "undeclared",
                  "message": "'x' is not declared"
                }
              ],
              "errors": 1,
              "warnings": 0
            }

            """)
    }

    @Test func everyKindHasADistinctCode() {
        let codes = Message.Kind.allCases.map(\.rawValue)
        #expect(Set(codes).count == codes.count)
        #expect(codes.allSatisfy { !$0.isEmpty })
    }

    /// The samples hold every kind, so the tests below read every message.
    @Test func samplesCoverEveryKind() {
        let covered = Set(MessageSamples.all.map(\.kind))
        let missing = Message.Kind.allCases.filter { !covered.contains($0) }
        #expect(missing.isEmpty, "no sample for \(missing)")
    }

    /// A message's code is its case name, as it always was in `--format json`.
    @Test func codeIsTheCaseName() {
        for message in MessageSamples.all {
            let caseName = String(String(describing: message).prefix { $0 != "(" })
            #expect(message.code == caseName)
        }
    }

    private static func hasCyrillic(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) }
    }

    /// Every message reads in Russian in Russian and in English in English (the samples'
    /// arguments are in Latin letters). The one exception shows a Russian string on purpose.
    @Test func everyMessageIsInItsLanguage() {
        for message in MessageSamples.all {
            let ru = message.text(.ru), en = message.text(.en)
            #expect(!ru.isEmpty && !en.isEmpty && ru != en, "\(message.code)")
            #expect(Self.hasCyrillic(ru), "\(message.code): «\(ru)» is not Russian")
            if message.kind != .guillemetHelp {
                #expect(!Self.hasCyrillic(en), "\(message.code): '\(en)' is not English")
            }
        }
    }

    /// The same for the wording messages are built from.
    @Test func partsAreInTheirLanguage() {
        let types: [ValueType] = [.count, .number, .percent, .bool, .category("c"), .text, .level("s"), .invalid]
        let kinds: [SymbolKind] = [.indicator, .param, .factor, .scale, .group, .role, .measure]
        let contexts: [ExprContext] = [.factor, .scale, .group, .measure]
        var expected: [RiskmapLanguage.Expected] = [
            .identifier, .string, .number, .integer, .value, .expression, .declaration, .endOfInput,
            .indicatorType, .categoryValue, .levelCondition, .scope, .month, .deadline, .outcome,
        ]
        expected += Keyword.allCases.map { .keyword($0) }
        expected += [Keyword.ruleset, .factor, .scale, .group, .measure, .example].map { .clause($0) }
        let parts: [(Lang) -> String] = types.map { t in { t.text($0) } } + kinds.map { k in { k.referredTo($0) } }
            + Arity.allCases.map { a in { a.text($0) } }
            + contexts.map { c in { c.text($0) } } + contexts.map { c in { c.allowed($0) } } + expected.map { e in { e.text($0) } }
            + [{ Message.severityLabel(.error, $0) }, { Message.severityLabel(.warning, $0) }, { Message.helpLabel($0) },
               { Message.summary(errors: 2, warnings: 1).text($0) }, { Message.summary(errors: 0, warnings: 0).text($0) }]
        for part in parts {
            #expect(Self.hasCyrillic(part(.ru)), "«\(part(.ru))» is not Russian")
            #expect(!Self.hasCyrillic(part(.en)), "'\(part(.en))' is not English")
        }
    }

    /// `riskmap plan` reports a failed write in the output language.
    @Test func outputFailedIsWorded() {
        #expect(Message.outputFailed("out: disk full").text(.ru) == "не удалось записать результаты (out: disk full); прежние результаты не изменены")
        #expect(Message.outputFailed("out: disk full").text(.en) == "could not write the outputs (out: disk full); the previous outputs are unchanged")
    }
}
