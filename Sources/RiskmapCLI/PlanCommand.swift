import Foundation
import RiskmapEngine
import RiskmapLanguage
import RiskmapPlatform

/// `riskmap plan`: support plans per school, the municipal roadmap, the summary, the
/// execution-report template, `plans.json` and `manifest.json`, written into `--out`
/// (default `out/`) all at once.
enum PlanCommand {
    static func run(_ args: [String], _ context: CommandContext) -> ExitCode {
        guard let parsed = context.arguments(args, .plan) else { return .usage }
        let renderer = context.renderer
        var planYear: SchoolYear?
        if let y = parsed.values["plan-year"] {
            guard let year = ProfileLoader.parseYear(y) else {
                context.console.err(CLIText.badOptionValue("plan-year", y, "2026/27", command: "plan", context.lang))
                return .usage
            }
            planYear = year
        }
        let schoolsPath = parsed.values["schools"] ?? EngineCommands.defaultSchools
        let rulesPath = parsed.values["rules"] ?? "Rules"
        // The directory: given, or `<schools>-directory.csv` beside the schools file.
        var directoryPath = parsed.values["directory"]
        if directoryPath == nil {
            let base = schoolsPath.hasSuffix(".csv") || schoolsPath.hasSuffix(".xlsx")
                ? String(schoolsPath[..<schoolsPath.lastIndex(of: ".")!]) : schoolsPath
            let candidate = base + "-directory.csv"
            if FileManager.default.fileExists(atPath: candidate) { directoryPath = candidate }
        }
        if let path = directoryPath {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                context.console.err(renderer.render(Diagnostic(.error, .pathNotFound(path), path: path)))
                return .noInput
            }
            if isDirectory.boolValue {
                context.console.err(renderer.render(Diagnostic(.error, .inputIsFolder(path), path: path)))
                return .noInput
            }
        }
        // The output folder is checked before the work: one that may not be replaced is
        // refused at once, not after a minute of planning.
        let out = parsed.values["out"] ?? "out"
        var writeOptions = OutputBundle.Options(inputs: [rulesPath, schoolsPath] + (directoryPath.map { [$0] } ?? []),
                                                keptSuffix: CLIText.keptSuffix(context.lang))
        writeOptions.progress = context.progress
        do {
            try OutputBundle.check(out, options: writeOptions)
        } catch {
            context.console.err(renderer.render(Diagnostic(.error, error.message, path: out, help: error.help)))
            return .cannotWrite
        }
        // The previous outputs to compare with are read before anything is written (they may
        // be the very folder --out replaces).
        var previous: PreviousPlans?
        if let folder = parsed.values["compare-with"] {
            switch PreviousPlans.read(folder: folder) {
            case .success(let p): previous = p
            case .failure(let failure):
                context.console.err(renderer.render(CLIText.compareWithFailure(failure)))
                return .noInput
            }
        }

        let loaded: EngineCommands.Loaded
        switch EngineCommands.load(parsed, context, purpose: .plans, command: "plan") {
        case .failure(let code): return code
        case .success(let l): loaded = l
        }
        let dataYear = loaded.outcomes.profiles.years[loaded.yearIndex]
        if let planYear, planYear < dataYear {
            context.console.err(CLIText.planYearBeforeData(planYear.description, data: dataYear.description,
                                                           next: SchoolYear(start: dataYear.start + 1).description, context.lang))
            return .usage
        }
        var inputs = [ManifestWriter.Input(role: "schools", path: schoolsPath, sha256: loaded.schoolsSHA256 ?? "")]
        var problems = loaded.diagnostics
        var directory = Directory()
        if let path = directoryPath {
            guard let bytes = FileBytes.read(path) else {
                let message: Message = FileBytes.failureReason(path).map { .unreadableFileReason(path: path, reason: $0) } ?? .unreadableFile(path)
                context.console.err(renderer.render(Diagnostic(.error, message, path: path)))
                return .noInput
            }
            let (table, csvDiagnostics) = CSVReader.read(bytes: bytes, path: path)
            var diagnostics = csvDiagnostics
            if let table {
                let (d, more) = Directory.load(table: table, book: loaded.outcomes.book)
                directory = d
                diagnostics += more
            }
            if parsed.flags.contains("strict") { diagnostics = diagnostics.map { var d = $0; if d.severity == .warning { d.severity = .error }; return d } }
            context.console.err(renderer.render(diagnostics, perKind: DiagnosticRenderer.perKindOnTerminal))
            problems += diagnostics
            inputs.append(ManifestWriter.Input(role: "directory", path: path, sha256: SHA256.hex(bytes)))
        }
        let hadErrors = problems.hasErrors
        // Under --strict, data with errors (warnings count as errors) gives no outputs.
        if parsed.flags.contains("strict") && hadErrors {
            context.console.err(CLIText.strictNothingWritten(problems.errorCount, out: out, context.lang))
            return .failure
        }

        // The outline first (statuses, measures, roadmaps); each school's plan is completed,
        // written and let go a block at a time, straight into the new folder.
        let planner = Planner(loaded.outcomes, directory: directory, lang: context.lang)
        var plans = planner.outline(yearIndex: loaded.yearIndex, planYear: planYear)
        plans.problems = DataProblems(problems, schoolsPath: schoolsPath, profiles: loaded.outcomes.profiles,
                                      rows: plans.schools.map(\.row), lang: context.lang)
        if let name = parsed.values["municipality"] {
            let names = plans.municipalities.map(\.municipality)
            let wanted = name.trimmingCharacters(in: .whitespaces)
            guard let k = names.firstIndex(of: wanted) ?? names.firstIndex(where: { $0.lowercased() == wanted.lowercased() }) else {
                context.console.err(CLIText.unknownMunicipality(name, known: names, context.lang))
                return .usage
            }
            plans = plans.municipality(k).plans
            previous = previous?.only(municipality: names[k])
        }
        if let previous {
            plans.comparison = PlanComparison(previous: previous, current: plans, outcomes: loaded.outcomes)
            inputs.append(ManifestWriter.Input(role: "previous plans", path: previous.path, sha256: previous.sha256))
        }
        let report: OutputBundle.Report
        let files: Int
        do {
            var staging = try OutputStaging(out, options: writeOptions)
            try PlanDocuments.write(&plans, complete: planner.completer(for: plans), to: &staging, progress: context.progress)
            let outputs = staging.hashes(progress: nil)
            let manifest = ManifestWriter.json(plans, inputs: inputs, toolVersion: CLIText.version,
                                               commandLine: ["riskmap", "plan"] + args, outputs: outputs)
            try staging.add("manifest.json", manifest)
            files = outputs.count + 1
            report = try staging.commit()
        } catch {
            context.console.err(renderer.render(Diagnostic(.error, error.message, path: out, help: error.help)))
            return .cannotWrite
        }
        context.console.err(CLIText.planSummary(plans, files: files, out: out, context.lang))
        context.console.err(CLIText.planOutcome(plans, context.lang))
        if let comparison = plans.comparison { context.console.err(CLIText.comparisonOutcome(comparison, plans, context.lang)) }
        context.console.err(CLIText.keptFiles(report, out: out, context.lang))
        if !plans.problems.isEmpty {
            context.console.err(CLIText.problemsListed(errors: plans.problems.errorCount, warnings: plans.problems.warningCount, context.lang))
        }
        return hadErrors ? .failure : .success
    }
}

extension CLIText {
    /// Inserted before the extension of a kept file whose name a new output takes.
    static func keptSuffix(_ lang: Lang) -> String { lang.text(ru: " (ваша правка)", en: " (your edit)") }

    /// What the run kept of the user's files in the output folder.
    static func keptFiles(_ report: OutputBundle.Report, out: String, _ lang: Lang) -> String {
        var text = ""
        let limit = 10
        if !report.kept.isEmpty {
            text += lang.text(ru: "Ваши файлы в \(out)/ сохранены (riskmap их не создавал и не трогает):\n",
                              en: "Your files in \(out)/ were kept (riskmap did not write them and leaves them alone):\n")
            for path in report.kept.prefix(limit) { text += "  \(path)\n" }
            if report.kept.count > limit {
                text += lang.text(ru: "  … и ещё \(report.kept.count - limit)\n", en: "  … and \(report.kept.count - limit) more\n")
            }
        }
        if !report.renamed.isEmpty {
            text += lang.text(ru: "Изменённые вами файлы сохранены под другим именем (на их месте — новые результаты):\n",
                              en: "Files you had changed were kept under another name (new outputs took their place):\n")
            for r in report.renamed.prefix(limit) { text += "  \(r.path) → \(r.keptAs)\n" }
            if report.renamed.count > limit {
                text += lang.text(ru: "  … и ещё \(report.renamed.count - limit)\n", en: "  … and \(report.renamed.count - limit) more\n")
            }
        }
        if report.leftoversCleaned > 0 {
            text += lang.text(ru: "Удалены временные папки прерванного ранее запуска (\(report.leftoversCleaned)).\n",
                              en: "Removed the temporary folders of an earlier interrupted run (\(report.leftoversCleaned)).\n")
        }
        return text
    }

    /// With data errors: where the outputs list them.
    static func problemsListed(errors: Int, warnings: Int, _ lang: Lang) -> String {
        lang.text(ru: "Проблемы в данных (ошибок: \(errors), предупреждений: \(warnings)) перечислены в summary.html, в планах затронутых школ и в manifest.json.\n",
                  en: "The problems in the data (\(errors) \(errors == 1 ? "error" : "errors"), \(warnings) \(warnings == 1 ? "warning" : "warnings")) are listed in summary.html, in the plans of the schools concerned and in manifest.json.\n")
    }

    /// `--strict` with errors: nothing written.
    static func strictNothingWritten(_ errors: Int, out: String, _ lang: Lang) -> String {
        lang.text(ru: "riskmap plan: --strict: в данных \(errors) \(Plural.russian(errors, "ошибка", "ошибки", "ошибок")) (предупреждения считаются ошибками); результаты не записаны, \(out)/ не изменена\n",
                  en: "riskmap plan: --strict: the data has \(errors) \(errors == 1 ? "error" : "errors") (warnings count as errors); nothing was written, \(out)/ is unchanged\n")
    }

    static func planSummary(_ plans: PlanSet, files: Int, out: String, _ lang: Lang) -> String {
        let schools = plans.schools.count
        let lines = plans.schools.reduce(0) { $0 + $1.items.count }
        switch lang {
        case .ru:
            return "Планы на \(plans.planYear) учебный год (данные \(plans.dataYear)): \(schools) \(Plural.russian(schools, "школа", "школы", "школ")), "
                + "\(lines) \(Plural.russian(lines, "мероприятие", "мероприятия", "мероприятий")) в планах школ; "
                + "\(files) \(Plural.russian(files, "файл", "файла", "файлов")) в \(out)/\n"
        case .en:
            return "Plans for \(plans.planYear) (data \(plans.dataYear)): \(schools) schools, \(lines) plan lines; \(files) files in \(out)/\n"
        }
    }
}
