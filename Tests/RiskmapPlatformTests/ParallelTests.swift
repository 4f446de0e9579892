import Dispatch
import Synchronization
import Testing
@testable import RiskmapPlatform

/// `Parallel`: every task runs exactly once, results come back in order, whatever the
/// threads (1–4) and however the tasks divide among them.
@Suite struct ParallelTests {
    /// Task counts that divide evenly among the threads, and ones that do not.
    static let counts = [0, 1, 2, 3, 5, 7, 64, 1_001]

    @Test(arguments: [1, 2, 3, 4], counts)
    func forEachRunsEveryTaskOnce(threads: Int, count: Int) {
        let runs = Mutex([Int](repeating: 0, count: count))
        Parallel.forEach(count: count, threads: threads) { i in
            runs.withLock { $0[i] += 1 }
        }
        #expect(runs.withLock { $0 } == [Int](repeating: 1, count: count))
    }

    @Test(arguments: [1, 2, 3, 4], counts)
    func mapReturnsResultsInOrder(threads: Int, count: Int) {
        let results = Parallel.map(count: count, threads: threads) { i in "task \(i)" }
        #expect(results == (0..<count).map { "task \($0)" })
    }

    /// Blocks of rows claimed from the shared counter, each worker with its own scratch
    /// state (as the evaluator uses it): every row is written once, by a worker that made
    /// its state once, and no more workers than threads start.
    @Test(arguments: [1, 2, 3, 4], [1, 3, 10, 33])
    func blocksWithPerWorkerScratch(threads: Int, blocks: Int) {
        final class Scratch: Sendable {
            let id: Int
            init(id: Int) { self.id = id }
        }
        let rows = 1_000
        let blockRows = (rows + blocks - 1) / blocks
        let made = Atomic<Int>(0)
        let out = Mutex([Int](repeating: -1, count: rows))
        Parallel.forEach(count: blocks, threads: threads, worker: {
            Scratch(id: made.wrappingAdd(1, ordering: .relaxed).oldValue)
        }) { b, scratch in
            let range = (b * blockRows)..<min(rows, (b + 1) * blockRows)
            out.withLock { for r in range { $0[r] = $0[r] == -1 ? scratch.id : -2 } }  // -2: written twice
        }
        let written = out.withLock { $0 }
        let workers = made.load(ordering: .relaxed)
        #expect(workers >= 1 && workers <= min(threads, blocks))
        #expect(written.allSatisfy { $0 >= 0 && $0 < workers })
    }

    @Test(arguments: [1, 2, 3, 4])
    func updateLetsEachTaskOwnItsElement(threads: Int) {
        var buffers = [[Int]](repeating: [], count: 9)
        buffers[4].reserveCapacity(100)
        Parallel.update(&buffers, threads: threads) { i, buffer in
            buffer.append(contentsOf: 0..<i)
        }
        #expect(buffers == (0..<9).map { Array(0..<$0) })
        #expect(buffers[4].capacity >= 100)
    }

    /// The calling thread works too: with one thread everything runs on it, in order.
    @Test func oneThreadRunsInOrderOnTheCaller() {
        var order: [Int] = []
        Parallel.forEach(count: 20, threads: 1) { order.append($0) }
        #expect(order == Array(0..<20))
    }

    @Test func backgroundWorkOverlapsAndHandsOverItsValue() {
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let pending = Parallel.background { () -> [Int] in
            started.signal()
            release.wait()  // runs while the caller goes on
            return Array(0..<1_000)
        }
        started.wait()
        release.signal()
        #expect(pending.wait() == Array(0..<1_000))
    }
}
