import Foundation
import RiskmapEngine
import RiskmapPlatform
import Synchronization

/// Where a command writes. Tests capture it; `main` uses the process's streams. Safe to
/// use from any thread: captured text is kept behind a lock.
public final class Console: Sendable {
    private struct Captured {
        var standardOutput = ""
        var standardError = ""
    }

    private let captured = Mutex(Captured())
    private let capture: Bool

    public init(capture: Bool) { self.capture = capture }

    public static func live() -> Console { Console(capture: false) }

    /// What was written to standard output (captured consoles).
    public var standardOutput: String { captured.withLock { $0.standardOutput } }
    /// What was written to standard error (captured consoles).
    public var standardError: String { captured.withLock { $0.standardError } }

    public func out(_ text: String) {
        if capture { captured.withLock { $0.standardOutput += text } } else { FileHandle.standardOutput.write(Data(text.utf8)) }
    }

    /// Streams bytes to standard output in blocks (captured: appended as UTF-8 text).
    public func out(streaming body: (inout ByteSink) throws(ByteSink.Failure) -> Void) throws(ByteSink.Failure) {
        if capture {
            var sink = ByteSink.memory()
            try body(&sink)
            let text = String(decoding: sink.buffer, as: UTF8.self)
            captured.withLock { $0.standardOutput += text }
        } else {
            var sink = ByteSink.standardOutput()
            try body(&sink)
            try sink.flush()
        }
    }

    public func err(_ text: String) {
        if capture { captured.withLock { $0.standardError += text } } else { FileHandle.standardError.write(Data(text.utf8)) }
    }
}
