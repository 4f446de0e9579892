/// The indicator values of a profile set: one column of `Double` per indicator, stored
/// side by side in a single buffer (row `r` of stored column `s` at `s * stride + r`).
/// One large allocation instead of one array per indicator: it is set up in huge pages
/// where the system allows, which matters for 400,000-row files (see `LargeBuffer`).
///
/// A run that reads only some indicators (classification reads none of those only
/// measures use) stores only theirs: every other indicator reads as missing, from one
/// shared column of NaN, and cannot be set.
///
/// A value type: mutation copies the buffer if a `Column` or another copy still shares it.
public struct IndicatorColumns: RandomAccessCollection, Sendable {
    final class Storage: @unchecked Sendable {
        let base: UnsafeMutablePointer<Double>
        /// Rows of room per column.
        let stride: Int
        /// Physical columns: the stored ones, then (when some are not stored) the
        /// shared column of NaN.
        let columnCount: Int

        /// Every value missing (NaN).
        init(columns: Int, stride: Int) {
            self.stride = stride
            columnCount = columns
            let total = columns * stride
            base = .allocate(capacity: Swift.max(1, total))
            LargeBuffer.prepare(base, byteCount: total * MemoryLayout<Double>.stride)
            base.initialize(repeating: .nan, count: total)
        }

        deinit { base.deallocate() }
    }

    /// One indicator's values (a view that keeps the buffer alive).
    public struct Column: RandomAccessCollection, Sendable {
        let storage: Storage
        let offset: Int
        public let count: Int

        public var startIndex: Int { 0 }
        public var endIndex: Int { count }

        public subscript(row: Int) -> Double {
            precondition(row >= 0 && row < count, "row out of range")
            return storage.base[offset + row]
        }

        public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Double>) throws -> R) rethrows -> R {
            try withExtendedLifetime(storage) {
                try body(UnsafeBufferPointer(start: storage.base + offset, count: count))
            }
        }

        public func withContiguousStorageIfAvailable<R>(_ body: (UnsafeBufferPointer<Double>) throws -> R) rethrows -> R? {
            try withUnsafeBufferPointer(body)
        }
    }

    private var storage: Storage
    /// Per indicator: its physical column (the shared NaN column when not stored).
    private let slot: [Int]
    /// Per indicator: whether its values are stored.
    public let isStored: [Bool]
    /// Rows per column.
    public private(set) var rowCount: Int

    /// `count` columns of `rows` missing values; only the indicators in `stored` (all
    /// when `nil`) keep values.
    public init(count: Int, rows: Int, stored: Set<Int>? = nil) {
        isStored = (0..<count).map { stored?.contains($0) ?? true }
        var slot: [Int] = []
        var next = 0
        for keep in isStored {
            slot.append(keep ? next : -1)
            if keep { next += 1 }
        }
        let physical = next < count ? next + 1 : next
        self.slot = slot.map { $0 < 0 ? next : $0 }
        storage = Storage(columns: physical, stride: rows)
        rowCount = rows
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { slot.count }

    public subscript(column: Int) -> Column {
        Column(storage: storage, offset: slot[column] * storage.stride, count: rowCount)
    }

    /// Where stored column `c` starts, for bulk filling by the loader (rows of the one
    /// buffer that no `Column` has seen yet).
    mutating func unsafeStart(ofColumn c: Int) -> UnsafeMutablePointer<Double> {
        precondition(isStored[c], "indicator not stored")
        makeUnique(stride: storage.stride)
        return storage.base + slot[c] * storage.stride
    }

    /// Keeps the first `rows` rows (the buffer keeps its room, missing again).
    mutating func truncate(toRows rows: Int) {
        precondition(rows >= 0 && rows <= rowCount, "rows out of range")
        makeUnique(stride: storage.stride)
        for c in 0..<storage.columnCount where rows < rowCount {
            (storage.base + c * storage.stride + rows).update(repeating: .nan, count: rowCount - rows)
        }
        rowCount = rows
    }

    /// Appends a row with every value missing.
    mutating func appendRow() {
        makeUnique(stride: rowCount < storage.stride ? storage.stride : Swift.max(8, 2 * storage.stride))
        rowCount += 1
    }

    mutating func set(column: Int, row: Int, value: Double) {
        precondition(row >= 0 && row < rowCount && column >= 0 && column < count, "cell out of range")
        precondition(isStored[column], "indicator not stored")
        makeUnique(stride: storage.stride)
        storage.base[slot[column] * storage.stride + row] = value
    }

    /// Ensures the buffer is not shared and has room for `stride` rows per column.
    private mutating func makeUnique(stride: Int) {
        if isKnownUniquelyReferenced(&storage) && stride == storage.stride { return }
        let copy = Storage(columns: storage.columnCount, stride: stride)
        for c in 0..<storage.columnCount where rowCount > 0 {
            (copy.base + c * stride).update(from: storage.base + c * storage.stride, count: rowCount)
        }
        storage = copy
    }
}
