import Foundation
import RiskmapEngine
import RiskmapLanguage
import RiskmapPlatform
import Synchronization

/// Where a command writes. Tests capture it; `main` uses the process's streams. Safe to
/// use from any thread: captured text is kept behind a lock.
public final class Console: Sendable {
    private struct Captured {
        var standardOutput = ""
        var standardError = ""
        /// Whether a status line (progress) is showing on the terminal.
        var statusShown = false
    }

    private let captured = Mutex(Captured())
    private let capture: Bool

    public init(capture: Bool) { self.capture = capture }

    public static func live() -> Console { Console(capture: false) }

    /// Whether this console writes to the process's streams (not captured).
    public var isLive: Bool { !capture }

    /// What was written to standard output (captured consoles).
    public var standardOutput: String { captured.withLock { $0.standardOutput } }
    /// What was written to standard error (captured consoles).
    public var standardError: String { captured.withLock { $0.standardError } }

    /// Writes `text` to standard output; control characters other than line ends and tabs
    /// are shown as symbols (`VisibleText`), so no input can send a terminal escape.
    public func out(_ text: String) {
        let text = VisibleText.lines(text)
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

    /// Writes `text` to standard error, control characters made visible as in `out`.
    public func err(_ text: String) {
        let text = VisibleText.lines(text)
        if capture {
            captured.withLock { $0.standardError += text }
        } else {
            // A status line gives way to what is written.
            captured.withLock { c in
                if c.statusShown {
                    Terminal.writeToStandardError("\r\u{1B}[K")
                    c.statusShown = false
                }
                FileHandle.standardError.write(Data(text.utf8))
            }
        }
    }

    /// Shows `text` as the status line on standard error (a terminal): it replaces the
    /// previous status line, and the next `err` clears it first.
    func showStatus(_ text: String) {
        guard !capture else { return }
        captured.withLock { c in
            Terminal.writeToStandardError("\r" + text + "\u{1B}[K")
            c.statusShown = true
        }
    }

    /// Clears the status line, if one is showing.
    func clearStatus() {
        guard !capture else { return }
        captured.withLock { c in
            if c.statusShown { Terminal.writeToStandardError("\r\u{1B}[K") }
            c.statusShown = false
        }
    }
}
