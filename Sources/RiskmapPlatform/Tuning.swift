import Foundation

/// How riskmap uses the machine: threads, mapped inputs, direct writes, the size of units
/// of parallel work. No setting changes an output byte; they only trade memory, system
/// calls and threads for time.
///
/// A run uses one value, `Tuning.default` unless told otherwise, and passes it down the
/// pipeline (file reading, CSV scanning, profile loading, output writing); tests pass
/// others (one thread, four threads, tiny blocks) to exercise every path on small
/// inputs.
///
/// A plain value: any thread may read it.
public struct Tuning: Sendable, Equatable {
    /// Threads for parallel work. Default: `ThreadCount.available` (`RISKMAP_THREADS`,
    /// else the active cores). At most 1: everything runs on the calling thread.
    public var threads: Int

    /// Whether input files of at least `mapMinBytes` are mapped rather than read
    /// (`FileBytes.text`; see there for why).
    public var mapsLargeInputs: Bool
    /// Regular files at least this large are mapped when `mapsLargeInputs` is on (4 MiB).
    public var mapMinBytes: Int

    /// Whether the outputs that ask for it (large classification files: `classify --out`,
    /// `riskmap-bench classify`) are written with direct writes, skipping the page cache
    /// (`AtomicWriter.write(to:direct:_:)`, `OutputFile`). Other outputs never are.
    public var directWrites: Bool

    /// Whether a classification keeps the values of only the indicators it reads (the
    /// others are still checked; see `ProfileLoader.load`). Off: every indicator is kept.
    public var keepsOnlyReadIndicators: Bool

    /// Rows per unit of parallel work in the profile loader (school years, cells).
    public var loaderBlockRows: Int

    /// Rows per unit of parallel work when a program runs (`Executor`).
    public var evaluatorBlockRows: Int

    /// Texts at least this large are scanned in two parts on two threads: CSV rows
    /// (`CSVReader`) and line starts (`SourceFile`).
    public var parallelScanMinBytes: Int
    /// Inputs at least this large whose encoding is to be detected are parsed as UTF-8
    /// while being checked to be UTF-8 (on another thread), instead of checked first.
    public var speculativeUTF8MinBytes: Int

    /// Whether an output folder is replaced by swapping two names in one step
    /// (`FolderExchange`) where the system can. Off (`RISKMAP_FOLDER_SWAP=renames`): the two
    /// renames used where it cannot, old folder aside first — for file systems whose swap
    /// misbehaves, and for the tests that kill runs on that path.
    public var swapsFoldersInOneStep: Bool

    public init(
        threads: Int = ThreadCount.available,
        mapsLargeInputs: Bool = true,
        mapMinBytes: Int = 4 << 20,
        directWrites: Bool = true,
        keepsOnlyReadIndicators: Bool = true,
        loaderBlockRows: Int = 8_192,
        evaluatorBlockRows: Int = 16_384,
        parallelScanMinBytes: Int = 1 << 20,
        speculativeUTF8MinBytes: Int = 1 << 20,
        swapsFoldersInOneStep: Bool = Tuning.environmentSwapsFolders
    ) {
        self.threads = max(1, threads)
        self.mapsLargeInputs = mapsLargeInputs
        self.mapMinBytes = max(0, mapMinBytes)
        self.directWrites = directWrites
        self.keepsOnlyReadIndicators = keepsOnlyReadIndicators
        self.loaderBlockRows = max(1, loaderBlockRows)
        self.evaluatorBlockRows = max(1, evaluatorBlockRows)
        self.parallelScanMinBytes = max(0, parallelScanMinBytes)
        self.speculativeUTF8MinBytes = max(0, speculativeUTF8MinBytes)
        self.swapsFoldersInOneStep = swapsFoldersInOneStep
    }

    /// `RISKMAP_FOLDER_SWAP=renames` turns the one-step folder swap off.
    public static var environmentSwapsFolders: Bool {
        ProcessInfo.processInfo.environment["RISKMAP_FOLDER_SWAP"] != "renames"
    }

    /// What riskmap does unless told otherwise: every core, large inputs mapped, large
    /// classification outputs written directly, classification keeps only what it reads,
    /// blocks of 8,192 rows to load and of 16,384 to evaluate, texts of 1 MiB or more
    /// scanned in two parts.
    public static let `default` = Tuning()
}
