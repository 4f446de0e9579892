import Foundation
import RiskmapLanguage
import RiskmapEngine
import RiskmapPlatform
import Synchronization

/// Shows a run's `RunProgress` as a status line on standard error, when that is a terminal
/// and a step has taken more than a second (`RISKMAP_PROGRESS_AFTER` seconds, for tests):
/// the step, a count and a rate («Планы школ: 400 из 1 500 школ, 120 школ/с…»). Nothing
/// is shown when standard error is a file or a pipe, so logs and captured output stay as
/// they were.
final class ProgressDisplay: Sendable {
    let progress = RunProgress()
    private let console: Console
    private let lang: Lang
    private let after: Double
    private let stopped = Mutex(false)

    /// A display for a live console whose standard error is a terminal; nil otherwise
    /// (or when `RISKMAP_PROGRESS=0`).
    static func start(console: Console, lang: Lang, environment: [String: String]) -> ProgressDisplay? {
        guard console.isLive, environment["RISKMAP_PROGRESS"] != "0", Terminal.standardErrorIsTerminal else { return nil }
        let after = environment["RISKMAP_PROGRESS_AFTER"].flatMap(Double.init) ?? 1
        let display = ProgressDisplay(console: console, lang: lang, after: after)
        display.run()
        return display
    }

    private init(console: Console, lang: Lang, after: Double) {
        self.console = console
        self.lang = lang
        self.after = after
    }

    private func run() {
        let thread = Thread { [self] in
            var shown = false
            while !stopped.withLock({ $0 }) {
                Thread.sleep(forTimeInterval: 0.2)
                if let snapshot = progress.snapshot(), snapshot.seconds >= after {
                    console.showStatus(CLIText.progress(snapshot, lang))
                    shown = true
                } else if shown {
                    console.clearStatus()
                    shown = false
                }
            }
            console.clearStatus()
        }
        thread.name = "riskmap-progress"
        thread.start()
    }

    /// Stops showing progress and clears the status line.
    func stop() {
        stopped.withLock { $0 = true }
        // The thread notices within one tick; the line is cleared here as well, so that
        // nothing printed after this meets a stale status line.
        console.clearStatus()
    }
}

extension CLIText {
    /// «Чтение профилей: 12 000 из 40 000 строк, 8 000 строк/с…»
    static func progress(_ s: RunProgress.Snapshot, _ lang: Lang) -> String {
        let name: String
        switch s.step {
        case .readingFile: name = lang.text(ru: "Чтение файла школ", en: "Reading the schools file")
        case .readingTable: name = lang.text(ru: "Разбор таблицы", en: "Reading the table")
        case .loadingProfiles: name = lang.text(ru: "Чтение профилей", en: "Loading profiles")
        case .checkingData: name = lang.text(ru: "Проверка данных", en: "Checking the data")
        case .evaluating: name = lang.text(ru: "Расчёт факторов, уровней и групп", en: "Evaluating factors, levels and groups")
        case .planning: name = lang.text(ru: "Планы школ", en: "Planning")
        case .writingDocuments: name = lang.text(ru: "Подготовка документов", en: "Preparing documents")
        case .hashingOutputs: name = lang.text(ru: "Контрольные суммы результатов", en: "Checksums of the outputs")
        case .writingFiles: name = lang.text(ru: "Запись файлов", en: "Writing files")
        }
        let scale = s.step.unit == .bytes ? 1 << 20 : 1
        let seconds = Int(s.seconds)
        guard let total = s.total.map({ $0 / scale }) else {
            return lang.text(ru: "\(name)… \(seconds) с", en: "\(name)… \(seconds) s")
        }
        guard s.done > 0 else {
            return lang.text(ru: "\(name): \(number(total, lang)) \(unit(s.step.unit, total, lang))… \(seconds) с",
                             en: "\(name): \(number(total, lang)) \(unit(s.step.unit, total, lang))… \(seconds) s")
        }
        let done = s.done / scale
        let rate = Int(Double(s.done) / max(s.seconds, 0.001)) / scale
        return lang.text(
            ru: "\(name): \(number(done, lang)) из \(number(total, lang)) \(unit(s.step.unit, total, lang, after: true)), \(number(rate, lang)) \(unit(s.step.unit, 5, lang))/с…",
            en: "\(name): \(number(done, lang)) of \(number(total, lang)) \(unit(s.step.unit, total, lang)), \(number(rate, lang)) \(unit(s.step.unit, 5, lang))/s…")
    }

    /// The unit's word for `n`; in Russian after «из» (`after`) the genitive: «из 21 строки», «из 40 000 строк».
    static func unit(_ unit: RunProgress.Unit, _ n: Int, _ lang: Lang, after: Bool = false) -> String {
        let singular = n % 10 == 1 && n % 100 != 11
        switch (unit, lang) {
        case (.rows, .ru): return after ? (singular ? "строки" : "строк") : Plural.russian(n, "строка", "строки", "строк")
        case (.schools, .ru): return after ? (singular ? "школы" : "школ") : Plural.russian(n, "школа", "школы", "школ")
        case (.files, .ru): return after ? (singular ? "файла" : "файлов") : Plural.russian(n, "файл", "файла", "файлов")
        case (.bytes, .ru): return "МБ"
        case (.rows, .en): return n == 1 ? "row" : "rows"
        case (.schools, .en): return n == 1 ? "school" : "schools"
        case (.files, .en): return n == 1 ? "file" : "files"
        case (.bytes, .en): return "MB"
        }
    }

    /// `12 000` (Russian: a non-breaking space between thousands), `12,000` (English).
    static func number(_ n: Int, _ lang: Lang) -> String {
        let digits = String(abs(n))
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return (n < 0 ? "-" : "") + groups.joined(separator: lang == .ru ? "\u{00A0}" : ",")
    }
}
