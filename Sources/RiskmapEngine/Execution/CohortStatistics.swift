/// The spreadsheet statistics the cohort functions reproduce.
public enum CohortStatistics {
    /// Sorts known values (no NaN) ascending, as `sort()` does, except that −0 becomes 0
    /// (they compare equal; keeping the sign's order would be arbitrary). Large arrays
    /// are sorted by radix, one byte of the order-preserving bit pattern at a time (bytes
    /// that every value shares are skipped): a cohort of 200,000 values takes a few
    /// passes over memory instead of 18 rounds of comparisons.
    public static func sort(_ values: inout [Double]) {
        let n = values.count
        for i in 0..<n where values[i] == 0 { values[i] = 0 }
        guard n >= radixMinCount else { values.sort(); return }
        // Order-preserving keys: negative values flipped whole, others with the sign set.
        var keys = values.map { v -> UInt64 in
            let b = v.bitPattern
            return b >> 63 == 1 ? ~b : b | (1 << 63)
        }
        var counts = [Int](repeating: 0, count: 8 * 256)
        for k in keys {
            for byte in 0..<8 { counts[byte << 8 | Int((k >> (8 * UInt64(byte))) & 0xFF)] += 1 }
        }
        var other = [UInt64](repeating: 0, count: n)
        for byte in 0..<8 {
            let shift = UInt64(8 * byte)
            let bucketCounts = counts[(byte << 8)..<(byte << 8 + 256)]
            if bucketCounts.contains(n) { continue }  // every key has the same byte here
            var offsets = [Int](repeating: 0, count: 256)
            var total = 0
            for (i, c) in bucketCounts.enumerated() { offsets[i] = total; total += c }
            do {
                let from = keys.span
                var to = other.mutableSpan
                var next = offsets.mutableSpan
                for i in from.indices {
                    let k = from[unchecked: i]
                    // A byte indexes the 256 offsets; the offsets stay below `n` (they count keys).
                    let bucket = Int((k >> shift) & 0xFF)
                    to[next[unchecked: bucket]] = k
                    next[unchecked: bucket] += 1
                }
            }
            swap(&keys, &other)
        }
        for i in 0..<n {
            let k = keys[i]
            values[i] = Double(bitPattern: k >> 63 == 1 ? k & ~(1 << 63) : ~k)
        }
    }

    /// Smaller arrays are sorted by comparison.
    static let radixMinCount = 512

    /// Excel `PERCENTILE.INC(values, p/100)` on sorted values.
    public static func percentileInclusive(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let h = Double(sorted.count - 1) * p / 100
        let lower = Int(h.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (h - Double(lower)) * (sorted[upper] - sorted[lower])
    }

    /// Excel `RANK.EQ(value, values, 0)`: 1 + the number of values greater than `value`.
    public static func rankDescending(_ sorted: [Double], _ value: Double) -> Int {
        // Binary search for the first element greater than value.
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] <= value { low = mid + 1 } else { high = mid }
        }
        return 1 + (sorted.count - low)
    }
}
