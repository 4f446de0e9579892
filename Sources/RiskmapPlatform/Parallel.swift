import Dispatch
import Synchronization

/// The one way riskmap runs work on several threads: a parallel loop over task indices,
/// in a few shapes (`forEach`, `forEach(worker:)`, `map`, `update`), and one piece of
/// work started in the background (`background`).
///
/// The loops take the next task from a shared counter, so tasks are started in index
/// order and a slow task does not hold up the others; `threads` workers run at most
/// (the calling thread is one of them). With `threads <= 1` or a single task, every task
/// runs on the calling thread, in order. Results never depend on the thread count.
///
/// Contract for the loops' bodies, which are not `@Sendable` (they may capture local
/// state): calls for different indices run at the same time on different threads, so a
/// body may read anything that no call writes, and write only what belongs to its index
/// (its element in `update`; its result in `map`). Do not call a loop from inside
/// another loop's body: Dispatch then runs the inner one on fewer threads.
public enum Parallel {
    /// Calls `body(i)` for every `i` in `0..<count`, on up to `threads` threads; returns
    /// when every call has returned.
    public static func forEach(count: Int, threads: Int, _ body: (Int) -> Void) {
        forEach(count: count, threads: threads, worker: {}) { i, _ in body(i) }
    }

    /// `forEach` where each worker has state of its own, made by `worker` on the worker's
    /// thread before its first task (a scratch buffer, say) and passed to each of its
    /// tasks; it is dropped when the worker has no task left.
    public static func forEach<State>(
        count: Int, threads: Int, worker: () -> State, _ body: (Int, inout State) -> Void
    ) {
        guard count > 0 else { return }
        let workers = min(max(1, threads), count)
        if workers == 1 {
            var state = worker()
            for i in 0..<count { body(i, &state) }
            return
        }
        withoutActuallyEscaping(body) { body in
            withoutActuallyEscaping(worker) { worker in
                let shared = UnsafeSendable((body: body, worker: worker))
                let next = TaskCounter()
                DispatchQueue.concurrentPerform(iterations: workers) { _ in
                    var state = shared.value.worker()
                    while true {
                        let i = next.take()
                        if i >= count { break }
                        shared.value.body(i, &state)
                    }
                }
            }
        }
    }

    /// `[body(0), body(1), …, body(count - 1)]`, computed on up to `threads` threads.
    public static func map<T>(count: Int, threads: Int, _ body: (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let results = UnsafeSendable(buffer)
            forEach(count: count, threads: threads) { i in
                (results.value.baseAddress! + i).initialize(to: body(i))
            }
            initialized = count
        }
    }

    /// Calls `body(i, &elements[i])` for every element, on up to `threads` threads: each
    /// call owns its element (it may keep its capacity, for instance).
    public static func update<T>(_ elements: inout [T], threads: Int, _ body: (Int, inout T) -> Void) {
        let count = elements.count
        elements.withUnsafeMutableBufferPointer { buffer in
            let shared = UnsafeSendable(buffer)
            forEach(count: count, threads: threads) { i in body(i, &shared.value[i]) }
        }
    }

    /// Starts `work` on another thread at once; `wait()` on the result returns its value.
    /// For work that overlaps with what the calling thread does next (setting up a large
    /// buffer while rows are read, writing blocks while the next ones are rendered).
    public static func background<T: Sendable>(_ work: @escaping @Sendable () -> T) -> Pending<T> {
        Pending(work)
    }

    /// The result of `background` work, to be waited for once, by any one thread.
    public final class Pending<T: Sendable>: Sendable {
        private let done = DispatchSemaphore(value: 0)
        private let result = Mutex<T?>(nil)

        fileprivate init(_ work: @escaping @Sendable () -> T) {
            DispatchQueue.global().async {
                // Straight into `result`: no reference stays on this thread after the
                // signal (a value type with a buffer would be copied on its first change).
                self.result.withLock { $0 = work() }
                self.done.signal()
            }
        }

        /// Blocks until the work is done, and hands over its value: the only reference
        /// to it, so that a value type with a large buffer (`IndicatorColumns`) is not
        /// copied on its first change. Call it once (a second call traps).
        public func wait() -> T {
            done.wait()
            return result.withLock { value in
                guard let taken = value.take() else { preconditionFailure("Pending.wait() called twice") }
                return taken
            }
        }
    }

    /// The next task index, shared by a loop's workers.
    private final class TaskCounter: Sendable {
        private let next = Atomic<Int>(0)
        func take() -> Int { next.wrappingAdd(1, ordering: .relaxed).oldValue }
    }
}
