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
}
