/// The kind of a message without its arguments: what editors see as its `code` in
/// `--format json`, and what code that picks messages out matches on (a renamed case
/// cannot silently stop matching). The raw values are the stable codes.
extension Message {
    public enum Kind: String, Sendable, CaseIterable {
        // Files and input
        case noRuleFiles, pathNotFound, unreadableFile, binaryFile, invalidUTF8, invalidUTF8Help, tooManyErrors
        // Lexer
        case unexpectedCharacter, guillemetHelp, unterminatedString, unterminatedStringHelp, invalidDate
        case numberTooLarge
        // Parser
        case expected, reservedWord, reservedWordHelp, declarationHelp, unclosedBlockHelp, clauseHelp
        case duplicateClause, missingClause, indicatorTypeHelp, invalidSchoolYear, schoolYearHelp, invalidQuarter
        case invalidDay, deadlineHelp, outcomeHelp, tooDeeplyNested, chainedComparison, chainedComparisonHelp
        case invalidYears
        // Checker: names
        case undeclared, didYouMean, duplicateCode, duplicateRuleset, missingRuleset, unknownFunction
        case wrongArgumentCount, forbiddenReference, forbiddenReferenceHelp, notAnIndicator, byTargetNotCategory
        case nestedCohort, previousYearsArgument
        // Checker: types and units
        case percentVersusNumber, percentLiteralHelp, ratioAsPercentHelp, unitMismatch, notACondition, notANumber
        case orderingNotAllowed, unknownCategoryValue, categoryValuesHelp, duplicateCategoryValue, unknownLevel
        case levelsHelp, percentileOutOfRange, percentileHelp, invalidRange, paramOutOfRange, rangeOnNonNumeric
        case expertJudgementComputed, expertJudgementComputedHelp
        // Checker: measures and examples
        case unknownFactor, unknownRole, missingAddresses, missingResponsible, missingDeadline, factorNotAddressed
        case factorNotAddressedHelp, unreachableLevel, unreachableAfterOtherwise, noLevels, exampleNotIndicator
        case exampleWrongType, exampleNegativeCount, exampleOutOfRange, exampleDuplicateValue, expectationTarget
        case expectationOutcome, exampleNoExpectations
        // Issue 12: computed indicators
        case formulaType, formulaCycle, computedKind, computedColumn, partitionByComputed, exampleComputed
        case computedColumnIgnored
        case yearsParam, atLeastMoreThanYears, negatedPersistence, negatedPersistenceHelp
        case exampleSchoolMissing, exampleUnknownSchool, exampleSchoolHelp, reliableKind, reliableReference, pooledCondition, pooledConditionHelp
        case targetForm, targetFormHelp
        case duplicateRole, duplicateRoleHelp, roleResponsibleAndCoExecutor, reversedDeadlineRange, deadlineRangeHelp
        case monthsHelp, invalidFrequency, frequencyHelp
        case exitAfterOneYear, exitAfterOneYearHelp
        case unknownDirection, unknownDirectionHelp, directionUnused, directionUnusedHelp
        case secondSigningRole, secondSigningRoleHelp
        // CSV files (school profiles, directories)
        case csvEmptyFile, csvUnterminatedQuote, csvTooManyFields, csvTooFewFields, csvTooManyFieldsHelp
        // Issue 17
        case moreOfKind, csvTooManyColumns, csvCellTooLong, csvInvalidUTF8, csvInvalidUTF8Help, csvHeaderRowFound
        case profileTotalRowSkipped, profileDataUnderEmptyHeader, profileNoYearColumn, profileNoYearColumnHelp
        case profileIdTooLong, profileMoreColumns, ruleFileTooLarge, unreadableFileReason, outputReadOnly
        // School profiles
        case profileMissingIdColumn, profileIdColumnHelp, profileUnknownColumn, profileColumnsHelp
        case profileDuplicateColumn, profileBadValue, profileOutOfRange, profileUnknownCategory
        case profileDuplicateSchoolYear, profileBadYear, profileYearHelp, profileEmptyId, profileYearNotFound
        case profileNoRows, schoolNotFound, schoolAmbiguous
        // Backtest
        case expectedColumns, expectedUnknownGroup, expectedUnknownSchool, expectedBadMember, expectedDuplicate
        // Plans
        case directoryColumns, outputFailed
        // Issue 14
        case outputIsCurrentFolder, outputHoldsInput, outputNotAFolder, outputIsSymbolicLink, outputNotRiskmap
        case outputFolderHelp, outputIsFolder, inputIsFolder, rulesNotFoundHelp, rulesArgumentHelp, schoolsNotFoundHelp
        case notATable, notATableHelp, workbookUnreadable, workbookEncrypted, workbookNoSheet, workbookNoSheets
        case workbookHelp, profileFractionPercent, profileFractionPercentHelp, profileMisspelledColumn
        case profileCalendarYear, profileYearFormatHelp, profileMunicipalityChanged, profileMunicipalityHelp
        // Issue 15
        case previousPlansNotFolder, previousPlansMissing, previousPlansNotJSON, previousPlansField, previousPlansFormat, compareWithHelp
    }

    public var kind: Kind {
        switch self {
        case .noRuleFiles: return .noRuleFiles
        case .pathNotFound: return .pathNotFound
        case .unreadableFile: return .unreadableFile
        case .binaryFile: return .binaryFile
        case .invalidUTF8: return .invalidUTF8
        case .invalidUTF8Help: return .invalidUTF8Help
        case .tooManyErrors: return .tooManyErrors
        case .unexpectedCharacter: return .unexpectedCharacter
        case .guillemetHelp: return .guillemetHelp
        case .numberTooLarge: return .numberTooLarge
        case .unterminatedString: return .unterminatedString
        case .unterminatedStringHelp: return .unterminatedStringHelp
        case .invalidDate: return .invalidDate
        case .expected: return .expected
        case .reservedWord: return .reservedWord
        case .reservedWordHelp: return .reservedWordHelp
        case .declarationHelp: return .declarationHelp
        case .unclosedBlockHelp: return .unclosedBlockHelp
        case .clauseHelp: return .clauseHelp
        case .duplicateClause: return .duplicateClause
        case .missingClause: return .missingClause
        case .indicatorTypeHelp: return .indicatorTypeHelp
        case .invalidSchoolYear: return .invalidSchoolYear
        case .schoolYearHelp: return .schoolYearHelp
        case .invalidQuarter: return .invalidQuarter
        case .invalidDay: return .invalidDay
        case .deadlineHelp: return .deadlineHelp
        case .outcomeHelp: return .outcomeHelp
        case .tooDeeplyNested: return .tooDeeplyNested
        case .chainedComparison: return .chainedComparison
        case .chainedComparisonHelp: return .chainedComparisonHelp
        case .invalidYears: return .invalidYears
        case .undeclared: return .undeclared
        case .didYouMean: return .didYouMean
        case .duplicateCode: return .duplicateCode
        case .duplicateRuleset: return .duplicateRuleset
        case .missingRuleset: return .missingRuleset
        case .unknownFunction: return .unknownFunction
        case .wrongArgumentCount: return .wrongArgumentCount
        case .forbiddenReference: return .forbiddenReference
        case .forbiddenReferenceHelp: return .forbiddenReferenceHelp
        case .notAnIndicator: return .notAnIndicator
        case .byTargetNotCategory: return .byTargetNotCategory
        case .nestedCohort: return .nestedCohort
        case .previousYearsArgument: return .previousYearsArgument
        case .percentVersusNumber: return .percentVersusNumber
        case .percentLiteralHelp: return .percentLiteralHelp
        case .ratioAsPercentHelp: return .ratioAsPercentHelp
        case .unitMismatch: return .unitMismatch
        case .notACondition: return .notACondition
        case .notANumber: return .notANumber
        case .orderingNotAllowed: return .orderingNotAllowed
        case .unknownCategoryValue: return .unknownCategoryValue
        case .categoryValuesHelp: return .categoryValuesHelp
        case .duplicateCategoryValue: return .duplicateCategoryValue
        case .unknownLevel: return .unknownLevel
        case .levelsHelp: return .levelsHelp
        case .percentileOutOfRange: return .percentileOutOfRange
        case .percentileHelp: return .percentileHelp
        case .invalidRange: return .invalidRange
        case .paramOutOfRange: return .paramOutOfRange
        case .rangeOnNonNumeric: return .rangeOnNonNumeric
        case .expertJudgementComputed: return .expertJudgementComputed
        case .expertJudgementComputedHelp: return .expertJudgementComputedHelp
        case .unknownFactor: return .unknownFactor
        case .unknownRole: return .unknownRole
        case .missingAddresses: return .missingAddresses
        case .missingResponsible: return .missingResponsible
        case .missingDeadline: return .missingDeadline
        case .factorNotAddressed: return .factorNotAddressed
        case .factorNotAddressedHelp: return .factorNotAddressedHelp
        case .unreachableLevel: return .unreachableLevel
        case .unreachableAfterOtherwise: return .unreachableAfterOtherwise
        case .noLevels: return .noLevels
        case .exampleNotIndicator: return .exampleNotIndicator
        case .exampleWrongType: return .exampleWrongType
        case .exampleNegativeCount: return .exampleNegativeCount
        case .exampleOutOfRange: return .exampleOutOfRange
        case .exampleDuplicateValue: return .exampleDuplicateValue
        case .expectationTarget: return .expectationTarget
        case .expectationOutcome: return .expectationOutcome
        case .exampleNoExpectations: return .exampleNoExpectations
        case .formulaType: return .formulaType
        case .formulaCycle: return .formulaCycle
        case .computedKind: return .computedKind
        case .computedColumn: return .computedColumn
        case .partitionByComputed: return .partitionByComputed
        case .exampleComputed: return .exampleComputed
        case .computedColumnIgnored: return .computedColumnIgnored
        case .yearsParam: return .yearsParam
        case .exitAfterOneYear: return .exitAfterOneYear
        case .exitAfterOneYearHelp: return .exitAfterOneYearHelp
        case .atLeastMoreThanYears: return .atLeastMoreThanYears
        case .negatedPersistence: return .negatedPersistence
        case .exampleSchoolMissing: return .exampleSchoolMissing
        case .reliableKind: return .reliableKind
        case .reliableReference: return .reliableReference
        case .pooledCondition: return .pooledCondition
        case .pooledConditionHelp: return .pooledConditionHelp
        case .targetForm: return .targetForm
        case .targetFormHelp: return .targetFormHelp
        case .exampleUnknownSchool: return .exampleUnknownSchool
        case .exampleSchoolHelp: return .exampleSchoolHelp
        case .negatedPersistenceHelp: return .negatedPersistenceHelp
        case .duplicateRole: return .duplicateRole
        case .duplicateRoleHelp: return .duplicateRoleHelp
        case .roleResponsibleAndCoExecutor: return .roleResponsibleAndCoExecutor
        case .unknownDirection: return .unknownDirection
        case .unknownDirectionHelp: return .unknownDirectionHelp
        case .directionUnused: return .directionUnused
        case .directionUnusedHelp: return .directionUnusedHelp
        case .secondSigningRole: return .secondSigningRole
        case .secondSigningRoleHelp: return .secondSigningRoleHelp
        case .reversedDeadlineRange: return .reversedDeadlineRange
        case .deadlineRangeHelp: return .deadlineRangeHelp
        case .monthsHelp: return .monthsHelp
        case .invalidFrequency: return .invalidFrequency
        case .frequencyHelp: return .frequencyHelp
        case .csvEmptyFile: return .csvEmptyFile
        case .csvUnterminatedQuote: return .csvUnterminatedQuote
        case .csvTooManyFields: return .csvTooManyFields
        case .csvTooFewFields: return .csvTooFewFields
        case .csvTooManyFieldsHelp: return .csvTooManyFieldsHelp
        case .moreOfKind: return .moreOfKind
        case .csvTooManyColumns: return .csvTooManyColumns
        case .csvCellTooLong: return .csvCellTooLong
        case .csvInvalidUTF8: return .csvInvalidUTF8
        case .csvInvalidUTF8Help: return .csvInvalidUTF8Help
        case .csvHeaderRowFound: return .csvHeaderRowFound
        case .profileTotalRowSkipped: return .profileTotalRowSkipped
        case .profileDataUnderEmptyHeader: return .profileDataUnderEmptyHeader
        case .profileNoYearColumn: return .profileNoYearColumn
        case .profileNoYearColumnHelp: return .profileNoYearColumnHelp
        case .profileIdTooLong: return .profileIdTooLong
        case .profileMoreColumns: return .profileMoreColumns
        case .ruleFileTooLarge: return .ruleFileTooLarge
        case .unreadableFileReason: return .unreadableFileReason
        case .outputReadOnly: return .outputReadOnly
        case .profileMissingIdColumn: return .profileMissingIdColumn
        case .profileIdColumnHelp: return .profileIdColumnHelp
        case .profileUnknownColumn: return .profileUnknownColumn
        case .profileColumnsHelp: return .profileColumnsHelp
        case .profileDuplicateColumn: return .profileDuplicateColumn
        case .profileBadValue: return .profileBadValue
        case .profileOutOfRange: return .profileOutOfRange
        case .profileUnknownCategory: return .profileUnknownCategory
        case .profileDuplicateSchoolYear: return .profileDuplicateSchoolYear
        case .profileBadYear: return .profileBadYear
        case .profileYearHelp: return .profileYearHelp
        case .profileEmptyId: return .profileEmptyId
        case .profileYearNotFound: return .profileYearNotFound
        case .profileNoRows: return .profileNoRows
        case .schoolNotFound: return .schoolNotFound
        case .schoolAmbiguous: return .schoolAmbiguous
        case .expectedColumns: return .expectedColumns
        case .expectedUnknownGroup: return .expectedUnknownGroup
        case .expectedUnknownSchool: return .expectedUnknownSchool
        case .expectedBadMember: return .expectedBadMember
        case .expectedDuplicate: return .expectedDuplicate
        case .directoryColumns: return .directoryColumns
        case .outputFailed: return .outputFailed
        // Issue 14
        case .outputIsCurrentFolder: return .outputIsCurrentFolder
        case .outputHoldsInput: return .outputHoldsInput
        case .outputNotAFolder: return .outputNotAFolder
        case .outputIsSymbolicLink: return .outputIsSymbolicLink
        case .outputNotRiskmap: return .outputNotRiskmap
        case .outputFolderHelp: return .outputFolderHelp
        case .outputIsFolder: return .outputIsFolder
        case .inputIsFolder: return .inputIsFolder
        case .rulesNotFoundHelp: return .rulesNotFoundHelp
        case .rulesArgumentHelp: return .rulesArgumentHelp
        case .schoolsNotFoundHelp: return .schoolsNotFoundHelp
        case .notATable: return .notATable
        case .notATableHelp: return .notATableHelp
        case .workbookUnreadable: return .workbookUnreadable
        case .workbookEncrypted: return .workbookEncrypted
        case .workbookNoSheet: return .workbookNoSheet
        case .workbookNoSheets: return .workbookNoSheets
        case .workbookHelp: return .workbookHelp
        case .profileFractionPercent: return .profileFractionPercent
        case .profileFractionPercentHelp: return .profileFractionPercentHelp
        case .profileMisspelledColumn: return .profileMisspelledColumn
        case .profileCalendarYear: return .profileCalendarYear
        case .profileYearFormatHelp: return .profileYearFormatHelp
        case .profileMunicipalityChanged: return .profileMunicipalityChanged
        case .profileMunicipalityHelp: return .profileMunicipalityHelp
        case .previousPlansNotFolder: return .previousPlansNotFolder
        case .previousPlansMissing: return .previousPlansMissing
        case .previousPlansNotJSON: return .previousPlansNotJSON
        case .previousPlansField: return .previousPlansField
        case .previousPlansFormat: return .previousPlansFormat
        case .compareWithHelp: return .compareWithHelp
        }
    }
}
