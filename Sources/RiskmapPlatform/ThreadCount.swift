import Foundation

/// How many threads riskmap's parallel work uses (the line index of a large text here;
/// CSV scanning, loading, evaluation and output in the engine): `RISKMAP_THREADS` when
/// set, else the active cores. Results never depend on it.
public enum ThreadCount {
    public static let available: Int = {
        if let text = ProcessInfo.processInfo.environment["RISKMAP_THREADS"], let n = Int(text), n >= 1 { return n }
        return max(1, ProcessInfo.processInfo.activeProcessorCount)
    }()
}
