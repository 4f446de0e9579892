/// Write access to some columns of a `ColumnBuffer`, for filling them from several
/// threads at once: the profile loader parses blocks of rows on all cores straight into
/// the columns. Each target is a double column, a byte column, or nothing (values
/// written to it are dropped: the loader checks cells of indicators it does not keep).
///
/// Contract: rows are checked (`0..<rows`, else a trap); a value of the other kind than
/// its target's (a byte for a double column, say) is dropped like those of a `discard`
/// target. Calls from different threads must write different rows (the blocks of
/// `Parallel.forEach`/`map`); nothing may read the columns until the writers are done.
/// The writer keeps its buffer alive.
public struct ColumnWriter: @unchecked Sendable {
    /// What one target writes to.
    public enum Target: Sendable, Equatable {
        case double(column: Int)
        case byte(column: Int)
        case discard
    }

    /// Per target: where its doubles go (its column, else the scratch room).
    @usableFromInline let doubleStarts: [UnsafeMutablePointer<Double>]
    /// Per target: where its bytes go (its column, else the scratch room).
    @usableFromInline let byteStarts: [UnsafeMutablePointer<UInt8>]
    /// Rows that may be written.
    public let rows: Int
    private let buffer: ColumnBuffer
    /// Room for dropped values, never read.
    private let scratch: Scratch

    /// Writes `rows` rows (at most the buffer's stride) of the `targets`' columns.
    public init(_ buffer: ColumnBuffer, targets: [Target], rows: Int) {
        precondition(rows >= 0 && rows <= buffer.stride, "rows out of range")
        let scratch = Scratch(rows: rows)
        doubleStarts = targets.map { target in
            guard case .double(let c) = target else { return scratch.doubles }
            precondition(c >= 0 && c < buffer.doubleColumns, "no such column")
            return buffer.doubles + c * buffer.stride
        }
        byteStarts = targets.map { target in
            guard case .byte(let c) = target else { return scratch.bytes }
            precondition(c >= 0 && c < buffer.byteColumns, "no such column")
            return buffer.bytes + c * buffer.stride
        }
        self.rows = rows
        self.buffer = buffer
        self.scratch = scratch
    }

    /// Writes `value` to `row` of `target`'s double column.
    @inlinable @inline(__always)
    public func set(_ target: Int, row: Int, _ value: Double) {
        precondition(UInt(bitPattern: row) < UInt(bitPattern: rows), "row out of range")
        doubleStarts[target][row] = value
    }

    /// Writes `value` to `row` of `target`'s byte column.
    @inlinable @inline(__always)
    public func set(_ target: Int, row: Int, byte value: UInt8) {
        precondition(UInt(bitPattern: row) < UInt(bitPattern: rows), "row out of range")
        byteStarts[target][row] = value
    }

    /// Room for `rows` dropped doubles and bytes. Written, never read, so never
    /// initialized: pages no one writes cost nothing.
    private final class Scratch: @unchecked Sendable {
        let doubles: UnsafeMutablePointer<Double>
        let bytes: UnsafeMutablePointer<UInt8>

        init(rows: Int) {
            doubles = .allocate(capacity: Swift.max(1, rows))
            bytes = .allocate(capacity: Swift.max(1, rows))
        }

        deinit {
            doubles.deallocate()
            bytes.deallocate()
        }
    }
}
