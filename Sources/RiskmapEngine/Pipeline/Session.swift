import Foundation
import RiskmapLanguage
import RiskmapPlatform

/// The steps of every run that evaluates, written once: check the rule book, read the
/// schools file, load the profiles the program needs, run the program. The CLI's
/// `classify`, `explain` and `plan` and `riskmap-bench` go through it, so what is
/// evaluated is what was read, and the hash in `manifest.json` is of those bytes.
public struct Session: Sendable {
    /// What a run is for: which indicators it keeps and whether the measures are evaluated.
    public enum Purpose: Sendable {
        /// Factors, scale levels and groups (`classify`): no measures; with
        /// `Tuning.keepsOnlyReadIndicators`, only the indicators these read are kept in
        /// memory (the others' cells are still checked).
        case classification
        /// Everything, measures included (`explain`, `plan`).
        case plans
    }

    public let program: Program
    public let purpose: Purpose
    public let tuning: Tuning

    public init(_ program: Program, purpose: Purpose, tuning: Tuning = .default) {
        self.program = program
        self.purpose = purpose
        self.tuning = tuning
    }

    // MARK: - Rules

    /// The rule book at `path` (a folder of `.rules` files, or one file), parsed and
    /// checked: the book when it has no errors, and every diagnostic.
    public static func ruleBook(at path: String) -> Result<(CheckedRuleBook?, [Diagnostic]), RuleBookLoader.Failure> {
        RuleBookLoader.load(path).map { files in
            let (book, diagnostics, _) = Checker.check(files: files)
            return (book, diagnostics)
        }
    }

    // MARK: - Profiles

    /// A schools file, loaded.
    public struct Profiles: Sendable {
        public let profiles: ProfileSet
        /// The file's diagnostics (CSV, then cells and rows), in file order.
        public let diagnostics: [Diagnostic]
        /// False when the file could not be read as a table at all (then `profiles` is empty).
        public let isTable: Bool
        /// SHA-256 (hex) of the bytes read, when asked for.
        public let sha256: String?
    }

    /// Why a schools file could not be read.
    public enum InputFailure: Error, Sendable {
        case notFound(String)
        case unreadable(String)
        /// The path is a folder.
        case isFolder(String)
        /// A sheet was asked for (`--sheet`) of a file that is not a workbook.
        case notAWorkbook(String)
    }

    /// How to read a schools file besides its CSV options.
    public struct ReadOptions: Sendable {
        public var csv: CSVOptions
        /// The workbook's sheet to read (nil: the first visible one; only for workbooks).
        public var sheet: String?
        /// How bare years read (nil: as school years, with a warning).
        public var yearFormat: YearFormat?

        public init(csv: CSVOptions = CSVOptions(), sheet: String? = nil, yearFormat: YearFormat? = nil) {
            self.csv = csv
            self.sheet = sheet
            self.yearFormat = yearFormat
        }
    }

    /// The steps of loading a schools file, as `profiles(at:…)` reports them.
    public enum LoadStep: String, Sendable {
        case read = "read file", parsed = "parse CSV", loaded = "load profiles"
    }

    /// Reads and loads the schools file at `path` for this session's program. The text
    /// and the table are released before this returns; only the profiles stay.
    /// `hashInput`: also hash the bytes read (for a manifest). `step` is called after
    /// each step (for progress and timings).
    public func profiles(at path: String, options: CSVOptions = CSVOptions(), defaultYear: SchoolYear?,
                         hashInput: Bool = false, step: (LoadStep) -> Void = { _ in }) -> Result<Profiles, InputFailure> {
        profiles(at: path, reading: ReadOptions(csv: options), defaultYear: defaultYear, hashInput: hashInput, step: step)
    }

    /// `profiles(at:…)` for a CSV file or an Excel workbook (`reading.sheet`), with the
    /// plausibility checks (`ProfilePlausibility`) after loading. Any other binary file
    /// is one diagnostic naming what it looks like. `progress` counts the steps.
    public func profiles(at path: String, reading: ReadOptions, defaultYear: SchoolYear?, hashInput: Bool = false,
                         progress: RunProgress? = nil, step: (LoadStep) -> Void = { _ in }) -> Result<Profiles, InputFailure> {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return .failure(.isFolder(path))
        }
        guard let bytes = progress.step(.readingFile, { FileBytes.text(path, tuning: tuning) }) else {
            return .failure(FileManager.default.fileExists(atPath: path) ? .unreadable(path) : .notFound(path))
        }
        let sha256 = hashInput ? bytes.withUnsafeBufferPointer { SHA256.hex($0) } : nil
        step(.read)
        let kind = InputSniffer.kind(bytes)
        if reading.sheet != nil, kind != .workbook { return .failure(.notAWorkbook(path)) }
        let (tableOrNil, csvDiagnostics): (CSVTable?, [Diagnostic]) = progress.step(.readingTable, total: bytes.count) {
            switch kind {
            case .text:
                return CSVReader.read(bytes: bytes, path: path, options: reading.csv, tuning: tuning)
            case .utf16(let littleEndian):
                var csv = reading.csv
                csv.encoding = .utf8
                return CSVReader.read(bytes: InputSniffer.utf8(fromUTF16: bytes, littleEndian: littleEndian), path: path,
                                      options: csv, tuning: tuning)
            case .workbook:
                return WorkbookReader.table(bytes, path: path, sheet: reading.sheet, tuning: tuning)
            case .encryptedOffice:
                return (nil, [Diagnostic(.error, .workbookEncrypted, path: path, help: .workbookHelp)])
            case .other(let k):
                return (nil, [Diagnostic(.error, .notATable(k), path: path, help: .notATableHelp(k))])
            }
        }
        step(.parsed)
        guard let found = tableOrNil else {
            return .success(Profiles(profiles: ProfileSet(indicatorCount: 0, years: []), diagnostics: csvDiagnostics,
                                     isTable: false, sha256: sha256))
        }
        // An export with a title above its headers: the header row below it, said so.
        let (table, headerNote) = ProfileLoader.locateHeader(found, book: program.book)
        let readDiagnostics = csvDiagnostics + (headerNote.map { [$0] } ?? [])
        let (profiles, diagnostics) = progress.step(.loadingProfiles, total: table.rowCount) {
            ProfileLoader.load(table: table, book: program.book, defaultYear: defaultYear, keeping: indicatorsKept,
                               tuning: tuning, yearFormat: reading.yearFormat)
        }
        let reviewed = progress.step(.checkingData, total: table.rowCount) {
            ProfilePlausibility.review(table: table, book: program.book, yearFormat: reading.yearFormat, loaderDiagnostics: diagnostics)
        }
        step(.loaded)
        return .success(Profiles(profiles: profiles, diagnostics: readDiagnostics + reviewed, isTable: true, sha256: sha256))
    }

    /// The indicators whose values are kept (`nil`: all).
    var indicatorsKept: Set<Int>? {
        switch purpose {
        case .classification: return tuning.keepsOnlyReadIndicators ? program.indicatorsRead(measures: false) : nil
        case .plans: return nil
        }
    }

    // MARK: - Evaluation

    /// Runs the program over `profiles` (measures only for `.plans`).
    public func run(_ profiles: ProfileSet, progress: RunProgress? = nil) -> Outcomes {
        progress.step(.evaluating, total: profiles.rowCount) {
            Executor(program, tuning: tuning).run(profiles, measures: purpose == .plans)
        }
    }
}
