import Foundation
import Synchronization

/// What happens to temporary files and folders when a run is interrupted (Ctrl-C: SIGINT;
/// `kill`: SIGTERM): every path registered with `removeOnInterrupt` is removed, then the
/// process ends by the same signal (exit status 130 or 143 in a shell), as it would have
/// without riskmap's handler.
///
/// The signal handler only writes the signal's number to a pipe (all a handler may safely
/// do); a watcher thread reads it and does the removing. A signal the process was started
/// with ignored (a background job's SIGINT) stays ignored.
///
/// A step that must not be cut in the middle by the cleanup (the swap of an output folder
/// with its replacement) runs inside `uninterrupted`: the cleanup waits for it to end,
/// and once the cleanup has begun, `uninterrupted` never runs its body.
///
/// SIGKILL cannot be caught: what a killed run leaves is found and removed by the next
/// run (`OutputBundle`). Any thread may call these.
public enum Interruption {
    /// A registration; pass it to `forget` when the path is gone or kept.
    public struct Token: Sendable, Hashable {
        let id: Int
    }

    private struct State {
        var paths: [Int: String] = [:]
        var next = 0
        var installed = false
        var interrupted = false
    }

    private static let state = Mutex(State())

    /// Registers `path` (a file or folder) to be removed if the run is interrupted.
    public static func removeOnInterrupt(_ path: String) -> Token {
        let id = state.withLock { s -> Int in
            if !s.installed {
                s.installed = true
                install()
            }
            s.next += 1
            s.paths[s.next] = path
            return s.next
        }
        return Token(id: id)
    }

    /// Stops watching a registered path.
    public static func forget(_ token: Token) {
        state.withLock { _ = $0.paths.removeValue(forKey: token.id) }
    }

    /// Runs `body` unless an interruption's cleanup has begun (then returns nil); the
    /// cleanup waits until `body` is done. A writer that writes a registered folder file
    /// by file does each file in here: the cleanup then never races with it, and once the
    /// cleanup has begun the writer waits here until the process ends.
    public static func uninterrupted<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T? {
        try state.withLock { (s) throws(E) -> T? in
            guard !s.interrupted else { return nil }
            return try body()
        }
    }

    // MARK: - Signals

    private static let signals: [Int32] = [SIGINT, SIGTERM]

    /// The pipe's write end, for the signal handler (which may not take locks).
    private nonisolated(unsafe) static var pipeWrite: Int32 = -1

    private static func install() {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        pipeWrite = fds[1]
        let readEnd = fds[0]
        let thread = Thread {
            var byte: UInt8 = 0
            while read(readEnd, &byte, 1) != 1 {
                if errno != EINTR { return }
            }
            cleanUp(signal: Int32(byte))
        }
        thread.name = "riskmap-interruption"
        thread.start()
        let handler: @convention(c) (Int32) -> Void = { signal in
            var byte = UInt8(truncatingIfNeeded: signal)
            _ = write(Interruption.pipeWrite, &byte, 1)
        }
        // A process may start with these signals blocked (a child of a thread that blocks
        // them, as thread pools do): they would stay pending and the run could not be
        // interrupted. Unblocked here, in the thread that writes the outputs.
        var set = sigset_t()
        sigemptyset(&set)
        for s in signals { sigaddset(&set, s) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        for s in signals {
            let previous = signal(s, handler)
            if previous.map({ unsafeBitCast($0, to: Int.self) }) == unsafeBitCast(SIG_IGN, to: Int.self) {
                _ = signal(s, SIG_IGN)
            }
        }
    }

    /// Removes every registered path, then ends the process by `signal`. The lock is kept:
    /// nothing registered or uninterrupted runs after this begins.
    private static func cleanUp(signal number: Int32) {
        state.withLock { s in
            s.interrupted = true
            for path in s.paths.values.sorted() {
                try? FileManager.default.removeItem(atPath: path)
            }
            _ = signal(number, SIG_DFL)
            _ = raise(number)
            _exit(128 + number)
        }
    }
}
