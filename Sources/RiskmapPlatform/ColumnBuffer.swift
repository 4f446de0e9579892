/// Columns of values in a single large allocation: `doubleColumns` columns of `Double`,
/// then `byteColumns` columns of bytes, `stride` rows of room each. Element `row` of
/// double column `c` is at double index `c * stride + row`, and likewise for bytes.
///
/// The storage behind `IndicatorColumns` (the profile values of every indicator): one
/// allocation instead of one array per column, set up in huge pages and made resident on
/// all cores at once (`LargeBuffer.prepare`), which matters for 400,000-row files.
///
/// Contract: every access is bounds-checked. Reads may come from any thread. Writes
/// (`set…`, `fill…`, `copyRows`) are for the buffer's only owner while no one reads it
/// (`IndicatorColumns` copies the buffer first when it is shared), or go through a
/// `ColumnWriter`, whose threads write disjoint rows.
public final class ColumnBuffer: @unchecked Sendable {
    @usableFromInline let raw: UnsafeMutableRawPointer
    @usableFromInline let doubles: UnsafeMutablePointer<Double>
    @usableFromInline let bytes: UnsafeMutablePointer<UInt8>
    /// Rows of room per column.
    public let stride: Int
    public let doubleColumns: Int
    public let byteColumns: Int
    /// `doubleColumns * stride`, `byteColumns * stride`.
    @usableFromInline let doubleCount: Int
    @usableFromInline let byteCount: Int

    /// Columns with every double set to `doubleFill` and every byte to `byteFill`; the
    /// pages are made resident on up to `threads` threads first.
    public init(
        doubleColumns: Int, byteColumns: Int, stride: Int, doubleFill: Double, byteFill: UInt8,
        threads: Int = ThreadCount.available
    ) {
        precondition(doubleColumns >= 0 && byteColumns >= 0 && stride >= 0, "negative size")
        self.stride = stride
        self.doubleColumns = doubleColumns
        self.byteColumns = byteColumns
        doubleCount = doubleColumns * stride
        byteCount = byteColumns * stride
        let total = doubleCount * MemoryLayout<Double>.stride + byteCount
        raw = .allocate(byteCount: Swift.max(8, total), alignment: 64)
        LargeBuffer.prepare(raw, byteCount: total, threads: threads)
        doubles = raw.initializeMemory(as: Double.self, repeating: doubleFill, count: doubleCount)
        bytes = (raw + doubleCount * MemoryLayout<Double>.stride)
            .initializeMemory(as: UInt8.self, repeating: byteFill, count: byteCount)
    }

    deinit { raw.deallocate() }

    // MARK: Reading

    @inlinable @inline(__always)
    public func double(at index: Int) -> Double {
        precondition(index >= 0 && index < doubleCount, "index out of range")
        return doubles[index]
    }

    @inlinable @inline(__always)
    public func byte(at index: Int) -> UInt8 {
        precondition(index >= 0 && index < byteCount, "index out of range")
        return bytes[index]
    }

    /// Calls `body` with doubles `start..<start + count`, in place.
    @inlinable
    public func withDoubles<R>(from start: Int, count: Int, _ body: (UnsafeBufferPointer<Double>) throws -> R) rethrows -> R {
        precondition(start >= 0 && count >= 0 && start <= doubleCount - count, "range out of bounds")
        return try withExtendedLifetime(self) { try body(UnsafeBufferPointer(start: doubles + start, count: count)) }
    }

    /// Calls `body` with bytes `start..<start + count`, in place.
    @inlinable
    public func withBytes<R>(from start: Int, count: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        precondition(start >= 0 && count >= 0 && start <= byteCount - count, "range out of bounds")
        return try withExtendedLifetime(self) { try body(UnsafeBufferPointer(start: bytes + start, count: count)) }
    }

    // MARK: Writing (the only owner)

    public func setDouble(_ value: Double, at index: Int) {
        precondition(index >= 0 && index < doubleCount, "index out of range")
        doubles[index] = value
    }

    public func setByte(_ value: UInt8, at index: Int) {
        precondition(index >= 0 && index < byteCount, "index out of range")
        bytes[index] = value
    }

    /// Sets doubles `range` to `value`.
    public func fillDoubles(_ value: Double, in range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= doubleCount, "range out of bounds")
        (doubles + range.lowerBound).update(repeating: value, count: range.count)
    }

    /// Sets bytes `range` to `value`.
    public func fillBytes(_ value: UInt8, in range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= byteCount, "range out of bounds")
        (bytes + range.lowerBound).update(repeating: value, count: range.count)
    }

    /// Copies the first `rows` rows of every column of `other` (as many columns of each
    /// kind as this buffer, strides may differ).
    public func copyRows(_ rows: Int, from other: ColumnBuffer) {
        precondition(other.doubleColumns == doubleColumns && other.byteColumns == byteColumns, "different columns")
        precondition(rows >= 0 && rows <= stride && rows <= other.stride, "rows out of range")
        guard rows > 0 else { return }
        for c in 0..<doubleColumns {
            (doubles + c * stride).update(from: other.doubles + c * other.stride, count: rows)
        }
        for c in 0..<byteColumns {
            (bytes + c * stride).update(from: other.bytes + c * other.stride, count: rows)
        }
        withExtendedLifetime(other) {}
    }
}
