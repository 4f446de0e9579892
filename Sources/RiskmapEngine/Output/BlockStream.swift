import RiskmapPlatform

/// Writes a long output as it is produced: items (rows, schools) are rendered in blocks on
/// all cores, a round of blocks at a time, and written in item order while the next round
/// is rendered, so memory holds two rounds, not the output. The bytes do not depend on the
/// thread count or the block size.
enum BlockStream {
    /// `render(range, &buffer)` appends the bytes of the items in `range` to `buffer` (it is
    /// called on several threads at once for different ranges, and must only read shared state).
    static func write(count: Int, to sink: inout ByteSink, threads: Int, blockItems: Int,
                      _ render: (Range<Int>, inout [UInt8]) -> Void) throws(ByteSink.Failure) {
        let block = max(1, blockItems)
        let parallel = max(1, threads)
        // Two sets of buffers: one is written while the next round is rendered into the other.
        var sets = [[[UInt8]]](repeating: [[UInt8]](repeating: [], count: parallel), count: 2)
        var current = 0
        func renderRound(_ first: Int, into set: Int) -> Int {
            let end = min(count, first + parallel * block)
            let parts = (end - first + block - 1) / block
            // Buffer `p` takes part `p`; the others are emptied.
            Parallel.update(&sets[set], threads: parallel) { p, buffer in
                buffer.removeAll(keepingCapacity: true)
                let lo = first + p * block
                if p < parts { render(lo..<min(end, lo + block), &buffer) }
            }
            return end
        }
        var start = count > 0 ? renderRound(0, into: current) : 0
        var done = count == 0
        while !done {
            let next = start
            let ready = sets[current]
            try sink.write(overlapping: ready, threads: parallel) {
                if next < count { start = renderRound(next, into: 1 - current) } else { done = true }
            }
            current = 1 - current
        }
    }
}
