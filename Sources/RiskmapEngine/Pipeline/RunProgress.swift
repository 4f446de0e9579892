import Foundation
import Synchronization

/// How far a run is: the step it is on, how many of its units are done and of how many.
/// The pipeline counts (cheaply, from any thread); whoever shows progress (the CLI, on a
/// terminal) reads a `Snapshot` now and then and words it. Counting changes no output.
public final class RunProgress: Sendable {
    /// A step of a run, as progress names it.
    public enum Step: String, Sendable, CaseIterable {
        case readingFile, readingTable, loadingProfiles, checkingData, evaluating
        case planning, writingDocuments, hashingOutputs, writingFiles

        /// What the step counts.
        public var unit: Unit {
            switch self {
            case .readingFile, .readingTable: return .bytes
            case .loadingProfiles, .checkingData, .evaluating: return .rows
            case .planning, .writingDocuments: return .schools
            case .hashingOutputs, .writingFiles: return .files
            }
        }
    }

    public enum Unit: Sendable {
        case bytes, rows, schools, files
    }

    /// The step under way.
    public struct Snapshot: Sendable, Equatable {
        public var step: Step
        public var done: Int
        /// nil when not known.
        public var total: Int?
        /// Seconds since the step began.
        public var seconds: Double

        public init(step: Step, done: Int, total: Int?, seconds: Double) {
            self.step = step
            self.done = done
            self.total = total
            self.seconds = seconds
        }
    }

    private struct Current {
        var step: Step
        var total: Int?
        var started: ContinuousClock.Instant
    }

    private let current = Mutex<Current?>(nil)
    private let done = Atomic<Int>(0)

    public init() {}

    /// A step begins (the previous one, if any, has ended).
    public func begin(_ step: Step, total: Int? = nil) {
        current.withLock { $0 = Current(step: step, total: total, started: .now) }
        done.store(0, ordering: .relaxed)
    }

    /// `count` more units of the current step are done.
    public func advance(by count: Int = 1) {
        done.add(count, ordering: .relaxed)
    }

    /// The step has ended; nothing is under way until the next `begin`.
    public func end() {
        current.withLock { $0 = nil }
    }

    /// The step under way, if any.
    public func snapshot() -> Snapshot? {
        current.withLock { c in
            c.map { c in
                let elapsed = (ContinuousClock.now - c.started).components
                return Snapshot(step: c.step, done: done.load(ordering: .relaxed), total: c.total,
                                seconds: Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18)
            }
        }
    }

    /// Runs `body` as step `step`.
    public func step<T>(_ step: Step, total: Int? = nil, _ body: () throws -> T) rethrows -> T {
        begin(step, total: total)
        defer { end() }
        return try body()
    }
}

extension Optional where Wrapped == RunProgress {
    /// `progress?.step(…) { … }` that runs `body` even without a progress.
    public func step<T>(_ step: RunProgress.Step, total: Int? = nil, _ body: () throws -> T) rethrows -> T {
        guard let progress = self else { return try body() }
        return try progress.step(step, total: total, body)
    }
}
