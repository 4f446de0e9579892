@testable import RiskmapLanguage

/// One message of every kind, with arguments (in Latin letters, so a test can tell the
/// languages of the texts apart), for the catalogue tests.
enum MessageSamples {
    static let location = SourceLocation(line: 3, column: 7)

    static let all: [Message] = [
        .noRuleFiles, .pathNotFound("rules/x"), .unreadableFile("a.rules"), .binaryFile, .invalidUTF8, .invalidUTF8Help,
        .tooManyErrors(42), .unexpectedCharacter("«"), .guillemetHelp, .unterminatedString, .unterminatedStringHelp,
        .invalidDate("2026-02-30"), .numberTooLarge(text: "99999999999999999999", limit: "1000000000000000"),
        .expected(.symbol(.rightBrace), found: "x"), .expected(.identifier, found: ""),
        .reservedWord(token: "school", keyword: "school"), .reservedWordHelp("school"), .declarationHelp, .unclosedBlockHelp,
        .clauseHelp(.measure), .duplicateClause(.version), .missingClause(.when),
        .indicatorTypeHelp, .invalidSchoolYear("2026/29"), .schoolYearHelp, .invalidQuarter(5), .invalidDay(31),
        .deadlineHelp, .outcomeHelp, .tooDeeplyNested(200), .chainedComparison, .chainedComparisonHelp, .invalidYears(21),
        .undeclared("shre"), .didYouMean("share"),
        .duplicateCode("pupils", previous: location, previousFile: "a.rules"), .duplicateRuleset, .missingRuleset,
        .unknownFunction("meen"), .wrongArgumentCount(function: "mean", expected: .one, got: 2),
        .forbiddenReference(name: "f", kind: .factor, context: .factor), .forbiddenReferenceHelp(.scale),
        .notAnIndicator("f"), .byTargetNotCategory("pupils"), .nestedCohort, .previousYearsArgument,
        .percentVersusNumber("0.3"), .percentLiteralHelp("30%"), .ratioAsPercentHelp, .unitMismatch(.number, .percent),
        .notACondition(.count), .notANumber(.bool), .orderingNotAllowed(.category("school_type")),
        .unknownCategoryValue(value: "OSH", indicator: "school_type"), .categoryValuesHelp("SOSH, OOSH"),
        .duplicateCategoryValue("A"), .unknownLevel(level: "mid", scale: "s"), .levelsHelp("hi, lo"),
        .percentileOutOfRange, .percentileHelp, .invalidRange, .paramOutOfRange(value: "40%", low: "0%", high: "30%"),
        .rangeOnNonNumeric, .unknownFactor("c"), .unknownRole("direktor"), .missingAddresses, .missingResponsible,
        .missingDeadline, .factorNotAddressed("f"), .factorNotAddressedHelp, .unreachableLevel("lo"),
        .unreachableAfterOtherwise, .noLevels, .exampleNotIndicator("f"), .exampleWrongType(name: "share", expected: .percent),
        .exampleNegativeCount("pupils"), .exampleOutOfRange(name: "score", low: "0", high: "100"),
        .exampleDuplicateValue("share"), .expectationTarget("uo"), .expectationOutcome("g"), .exampleNoExpectations,
        .formulaType(declared: .percent, got: .number), .formulaCycle("a → b → a"), .computedKind, .computedColumn("c"),
        .partitionByComputed("c"), .exampleComputed("c"), .computedColumnIgnored("c"),
        .yearsParam("limit"), .atLeastMoreThanYears(atLeast: 4, years: 3),
        .negatedPersistence, .negatedPersistenceHelp, .exampleSchoolMissing, .exampleUnknownSchool("B"), .exampleSchoolHelp, .reliableKind,
        .reliableReference("n"),
        .csvEmptyFile, .csvUnterminatedQuote, .csvTooManyFields(expected: 5, got: 7), .csvTooFewFields(expected: 5, got: 2),
        .csvTooManyFieldsHelp, .profileMissingIdColumn, .profileIdColumnHelp, .profileUnknownColumn("x"),
        .profileColumnsHelp, .profileDuplicateColumn(column: "Share", indicator: "share"),
        .profileBadValue(text: "abc", expected: .number), .profileOutOfRange(text: "120", low: "0", high: "100"),
        .profileUnknownCategory(text: "OSH", indicator: "school_type"),
        .profileDuplicateSchoolYear(id: "0701", year: "2025/26", line: 4), .profileBadYear("20x5"), .profileYearHelp,
        .profileEmptyId, .profileYearNotFound("2026/27", available: "2025/26"), .profileNoRows, .schoolNotFound("S9"),
        .schoolAmbiguous("SOSH", candidates: "S1, S2"), .directoryColumns, .outputFailed("out: not a directory"),
        // Issue 14
        .outputIsCurrentFolder("."), .outputHoldsInput(folder: "data", input: "data/schools.csv"), .outputNotAFolder("out"),
        .outputIsSymbolicLink("out"), .outputNotRiskmap(folder: "docs", example: "notes.docx"), .outputFolderHelp,
        .outputIsFolder("out"), .inputIsFolder("Samples"), .rulesNotFoundHelp, .rulesArgumentHelp(command: "check"),
        .schoolsNotFoundHelp, .notATable(.pdf), .notATableHelp(.xls),
        .workbookUnreadable("bad zip"), .workbookEncrypted, .workbookNoSheet(name: "Sheet9", available: "Sheet1"),
        .workbookNoSheets, .workbookHelp, .profileFractionPercent(column: "share", known: 18), .profileFractionPercentHelp,
        .profileMisspelledColumn(column: "vpr_fial", indicator: "vpr_fail", factors: "low_results"),
        .profileCalendarYear(text: "2019", read: "2019/20", rows: 40), .profileYearFormatHelp(text: "2019", calendar: "2018/19"),
        .profileMunicipalityChanged(id: "S1", first: "North", firstYear: "2024/25", other: "South"), .profileMunicipalityHelp,
    ]
}
