import Foundation
import RiskmapEngine
import RiskmapLanguage
import RiskmapPlatform

/// `riskmap plan`: support plans per school, the municipal roadmap, the summary, the
/// execution-report template, `plans.json` and `manifest.json`, written into `--out`
/// (default `out/`) all at once.
enum PlanCommand {
    static func run(_ args: [String], _ context: CommandContext) -> ExitCode {
        guard let parsed = context.arguments(args, valued: EngineCommands.dataOptions.union(["out", "directory", "plan-year"]),
                                             boolean: ["strict"]),
              parsed.positional.isEmpty else { return .usage }
        var planYear: SchoolYear?
        if let y = parsed.values["plan-year"] {
            guard let year = ProfileLoader.parseYear(y) else {
                context.console.err(CLIText.badOptionValue("plan-year", y, "2026/27", context.lang))
                return .usage
            }
            planYear = year
        }
        let loaded: EngineCommands.Loaded
        switch EngineCommands.load(parsed, context, purpose: .plans) {
        case .failure(let code): return code
        case .success(let l): loaded = l
        }
        let schoolsPath = parsed.values["schools"] ?? EngineCommands.defaultSchools
        var inputs = [ManifestWriter.Input(role: "schools", path: schoolsPath, sha256: loaded.schoolsSHA256 ?? "")]

        // The directory: given, or `<schools>-directory.csv` beside the schools file.
        var directory = Directory()
        var directoryPath = parsed.values["directory"]
        if directoryPath == nil {
            let candidate = String(schoolsPath.dropLast(schoolsPath.hasSuffix(".csv") ? 4 : 0)) + "-directory.csv"
            if FileManager.default.fileExists(atPath: candidate) { directoryPath = candidate }
        }
        var hadErrors = loaded.dataErrors
        if let path = directoryPath {
            guard let bytes = FileBytes.read(path) else {
                context.console.err(context.renderer.render(Diagnostic(.error, .pathNotFound(path), path: path)))
                return .noInput
            }
            let (table, csvDiagnostics) = CSVReader.read(bytes: bytes, path: path)
            var diagnostics = csvDiagnostics
            if let table {
                let (d, more) = Directory.load(table: table, book: loaded.outcomes.book)
                directory = d
                diagnostics += more
            }
            context.console.err(context.renderer.render(diagnostics))
            hadErrors = hadErrors || diagnostics.hasErrors
            inputs.append(ManifestWriter.Input(role: "directory", path: path, sha256: SHA256.hex(bytes)))
        }

        let planner = Planner(loaded.outcomes, directory: directory, lang: context.lang)
        let plans = planner.plan(yearIndex: loaded.yearIndex, planYear: planYear)
        var bundle = OutputBundle()
        PlanDocuments.add(plans, to: &bundle)
        bundle.add("plans.json", PlansJSONWriter.json(plans))
        let manifest = ManifestWriter.json(plans, inputs: inputs, toolVersion: CLIText.version,
                                           commandLine: ["riskmap", "plan"] + args, outputs: bundle.files)
        bundle.add("manifest.json", manifest)

        let out = parsed.values["out"] ?? "out"
        do {
            try bundle.write(to: out)
        } catch {
            context.console.err(context.renderer.render(Diagnostic(.error, error.message, path: out, help: error.help)))
            return .cannotWrite
        }
        context.console.err(CLIText.planSummary(plans, files: bundle.files.count, out: out, context.lang))
        return hadErrors ? .failure : .success
    }
}

extension CLIText {
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

    static func planHelp(_ lang: Lang) -> String {
        switch lang {
        case .ru:
            return """
            Использование: riskmap plan [--rules ПАПКА] [--schools ФАЙЛ] [--year 2025/26] [--plan-year 2026/27]
                           [--directory ФАЙЛ] [--out ПАПКА] [--delimiter …] [--encoding …] [--strict]

            Строит планы поддержки школ, муниципальную дорожную карту, сводку с диаграммой, шаблон отчёта
            об исполнении, plans.json и manifest.json в папке --out (по умолчанию out/). Все файлы
            записываются разом: при ошибке прежние результаты не меняются. Учебный год плана по умолчанию —
            следующий за годом данных; сроки «октябрь», «квартал 1» переводятся в даты этого года.
            --directory: CSV (municipality;role;who) — кто исполняет роли в муниципалитете; по умолчанию
            берётся <файл школ>-directory.csv рядом с файлом школ, если он есть.

            """
        case .en:
            return """
            Usage: riskmap plan [--rules DIR] [--schools FILE] [--year 2025/26] [--plan-year 2026/27]
                   [--directory FILE] [--out DIR] [--delimiter …] [--encoding …] [--strict]

            Writes per-school support plans, the municipal roadmap, a summary with a chart, the
            execution-report template, plans.json and manifest.json into --out (default out/), all at
            once: on failure the previous outputs stay untouched. The plan's school year defaults to the
            one after the data's; deadlines such as 'october' or 'quarter 1' resolve in it.
            --directory: a CSV (municipality;role;who); defaults to <schools>-directory.csv if present.

            """
        }
    }
}
