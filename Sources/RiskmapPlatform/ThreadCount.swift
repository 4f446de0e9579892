import Foundation

/// How many threads riskmap's parallel work uses by default (`Tuning.default.threads`, and
/// the evaluator's): `RISKMAP_THREADS` when set, else the active cores. Read once, at first
/// use; any thread may read it. Results never depend on it.
public enum ThreadCount {
    public static let available: Int = {
        if let text = ProcessInfo.processInfo.environment["RISKMAP_THREADS"], let n = Int(text), n >= 1 { return n }
        return max(1, ProcessInfo.processInfo.activeProcessorCount)
    }()
}
