import Foundation
import RiskmapEngine
import RiskmapLanguage
import RiskmapPlatform

/// `riskmap backtest [RULES] [SCHOOLS] --expected FILE`: the classification against a
/// document's list of (school, year, group) judgements.
enum BacktestCommand {
    static func run(_ args: [String], _ context: CommandContext) -> ExitCode {
        guard var parsed = context.arguments(args, .backtest) else { return .usage }
        let lang = context.lang
        let format = parsed.values["format"] ?? "table"
        guard ["table", "json"].contains(format) else {
            context.console.err(CLIText.badOptionValue("format", format, "table, json", command: "backtest", lang))
            return .usage
        }
        guard let expectedPath = parsed.values["expected"] else {
            context.console.err(CLIText.backtestNeedsExpected(lang))
            return .usage
        }
        for arg in parsed.positional {
            if SweepCommand.looksLikeTable(arg) { parsed.values["schools"] = parsed.values["schools"] ?? arg }
            else { parsed.values["rules"] = parsed.values["rules"] ?? arg }
        }
        if let code = EngineCommands.refuseFolderOutput(parsed, context) { return code }
        guard let bytes = FileManager.default.contents(atPath: expectedPath) else {
            context.console.err(context.renderer.render(Diagnostic(.error, .pathNotFound(expectedPath), path: expectedPath)))
            return .noInput
        }
        let loaded: EngineCommands.Loaded
        switch EngineCommands.load(parsed, context, purpose: .classification, command: "backtest") {
        case .failure(let code): return code
        case .success(let l): loaded = l
        }
        let (tableOrNil, csvDiagnostics) = CSVReader.read(bytes: [UInt8](bytes), path: expectedPath)
        var diagnostics = csvDiagnostics
        var expected = ExpectedList()
        if let table = tableOrNil {
            let (list, listDiagnostics) = ExpectedList.read(table, book: loaded.outcomes.book)
            expected = list
            diagnostics += listDiagnostics
        }
        context.console.err(context.renderer.render(diagnostics, perKind: DiagnosticRenderer.perKindOnTerminal))
        let report = BacktestReport(Backtest(loaded.outcomes, expected: expected), lang: lang)
        if let code = EngineCommands.write(format == "json" ? report.json() : report.text(), parsed, context) { return code }
        return loaded.dataErrors || diagnostics.hasErrors || tableOrNil == nil ? .failure : .success
    }
}

extension CLIText {
    static func backtestNeedsExpected(_ lang: Lang) -> String {
        lang.text(ru: "riskmap backtest: укажите перечень документа: --expected ФАЙЛ (CSV со столбцами school_id; year; group)\n",
                  en: "riskmap backtest: give the document's list: --expected FILE (a CSV with the columns school_id; year; group)\n")
            + seeHelp("backtest", lang)
    }

    static func backtestHelp(_ lang: Lang) -> String {
        lang.text(ru: """
            Использование: riskmap backtest [ПРАВИЛА] [ФАЙЛ_ШКОЛ] --expected ФАЙЛ [--format table|json] [--out ФАЙЛ]

            Сверяет классификацию с перечнем документа. ФАЙЛ — CSV со столбцами school_id; year; group (код или
            название группы) и, по желанию, member (да/нет; по умолчанию да — школа названа в группе) и source.
            Для каждой группы и года: таблица «в обоих / только в перечне / только riskmap / не определён»,
            полнота и точность (точность — только если в файле школ есть школы, которых перечень не называет),
            совпадения по измеренным показателям отдельно от держащихся на экспертных оценках
            (показатели с «источник экспертная оценка»), и объяснение каждого расхождения.
            Пример: riskmap backtest Rules Samples/tomsk.csv --expected Samples/tomsk.expected.csv

            """, en: """
            Usage: riskmap backtest [RULES] [SCHOOLS] --expected FILE [--format table|json] [--out FILE]

            Compares the classification with a document's list. FILE is a CSV with the columns school_id; year;
            group (a group's code or title) and optionally member (yes/no; default yes: the list names the school
            in the group) and source. Per group and year: the table in both / only on the list / only riskmap /
            undetermined, recall and precision (precision only when the schools file holds schools the list does
            not name), agreements from measured indicators apart from those resting on expert judgements
            (inputs marked 'source expert judgement'), and the explanation of every disagreement.
            Example: riskmap backtest Rules Samples/tomsk.csv --expected Samples/tomsk.expected.csv

            """)
    }
}
