@testable import RiskmapLanguage

/// One message of every kind, with arguments, for the catalogue tests.
enum MessageSamples {
    static let location = SourceLocation(line: 3, column: 7)

    static let all: [Message] = [
        .noRuleFiles, .pathNotFound("rules/x"), .unreadableFile("a.rules"), .binaryFile, .invalidUTF8, .invalidUTF8Help,
        .tooManyErrors(42), .unexpectedCharacter("«"), .guillemetHelp, .unterminatedString, .unterminatedStringHelp,
        .invalidDate("2026-02-30"),
        .expected(.symbol(.rightBrace), found: "x"), .expected(.identifier, found: ""),
        .reservedWord(token: "школа", keyword: "школа"), .reservedWordHelp("школа"), .declarationHelp, .unclosedBlockHelp,
        .clauseHelp(.measure), .duplicateClause("версия", "version"), .missingClause("если", "when"),
        .indicatorTypeHelp, .invalidSchoolYear("2026/29"), .schoolYearHelp, .invalidQuarter(5), .invalidDay(31),
        .deadlineHelp, .outcomeHelp, .tooDeeplyNested(200), .chainedComparison, .chainedComparisonHelp, .invalidYears(21),
        .undeclared("shre"), .didYouMean("share"),
        .duplicateCode("pupils", previous: location, previousFile: "a.rules"), .duplicateRuleset, .missingRuleset,
        .unknownFunction("средне"), .wrongArgumentCount(function: "mean", expected: "1 argument", got: 2),
        .forbiddenReference(name: "f", kind: .factor, context: .factor), .forbiddenReferenceHelp(.scale),
        .notAnIndicator("f"), .byTargetNotCategory("pupils"), .nestedCohort, .previousYearsArgument,
        .percentVersusNumber("0.3"), .percentLiteralHelp("30%"), .ratioAsPercentHelp, .unitMismatch(.number, .percent),
        .notACondition(.count), .notANumber(.bool), .orderingNotAllowed(.category("school_type")),
        .unknownCategoryValue(value: "ОШ", indicator: "school_type"), .categoryValuesHelp("СОШ, ООШ"),
        .duplicateCategoryValue("A"), .unknownLevel(level: "mid", scale: "s"), .levelsHelp("hi, lo"),
        .percentileOutOfRange, .percentileHelp, .invalidRange, .paramOutOfRange(value: "40%", low: "0%", high: "30%"),
        .rangeOnNonNumeric, .unknownFactor("c"), .unknownRole("direktor"), .missingAddresses, .missingResponsible,
        .missingDeadline, .factorNotAddressed("f"), .factorNotAddressedHelp, .unreachableLevel("lo"),
        .unreachableAfterOtherwise, .noLevels, .exampleNotIndicator("f"), .exampleWrongType(name: "share", expected: .percent),
        .exampleNegativeCount("pupils"), .exampleOutOfRange(name: "score", low: "0", high: "100"),
        .exampleDuplicateValue("share"), .expectationTarget("uo"), .expectationOutcome("g"), .exampleNoExpectations,
        .csvEmptyFile, .csvUnterminatedQuote, .csvTooManyFields(expected: 5, got: 7), .csvTooFewFields(expected: 5, got: 2),
        .csvTooManyFieldsHelp, .profileMissingIdColumn, .profileIdColumnHelp, .profileUnknownColumn("x"),
        .profileColumnsHelp, .profileDuplicateColumn(column: "Доля", indicator: "share"),
        .profileBadValue(text: "abc", expected: .number), .profileOutOfRange(text: "120", low: "0", high: "100"),
        .profileUnknownCategory(text: "ОШ", indicator: "school_type"),
        .profileDuplicateSchoolYear(id: "0701", year: "2025/26", line: 4), .profileBadYear("20x5"), .profileYearHelp,
        .profileEmptyId, .profileYearNotFound("2026/27", available: "2025/26"), .profileNoRows, .schoolNotFound("S9"),
        .schoolAmbiguous("СОШ", candidates: "S1, S2"), .directoryColumns, .outputFailed("out: not a directory"),
    ]
}
