import RiskmapPlatform

/// The indicator values of a profile set, one column per indicator, all in a single
/// buffer: first the number columns (`Double`, NaN = missing; row `r` of number column `s`
/// at `s * stride + r`), then the yes/no columns, one byte a value (0, 1, `flagMissing`).
/// One large allocation instead of one array per indicator: it is set up in huge pages
/// where the system allows, which matters for 400,000-row files (see `ColumnBuffer`); and
/// a yes/no value takes one byte instead of eight (on the machines riskmap is measured
/// on, every megabyte of fresh memory costs time).
///
/// A run that reads only some indicators (classification reads none of those only
/// measures use) stores only theirs: every other indicator reads as missing, from one
/// shared column of NaN, and cannot be set.
///
/// A value type: mutation copies the buffer if a `Column` or another copy still shares it.
public struct IndicatorColumns: RandomAccessCollection, Sendable {
    /// A missing yes/no value.
    public static let flagMissing: UInt8 = 0xFF

    /// One indicator's values (a view that keeps the buffer alive). Reads as `Double`
    /// whatever its storage: a yes/no value as 0 or 1, missing as NaN.
    public struct Column: RandomAccessCollection, Sendable {
        let storage: ColumnBuffer
        /// Offset of its first value in the number or in the yes/no values.
        let offset: Int
        /// Whether the values are yes/no bytes.
        public let isFlag: Bool
        public let count: Int

        public var startIndex: Int { 0 }
        public var endIndex: Int { count }

        @inline(__always)
        public subscript(row: Int) -> Double {
            precondition(row >= 0 && row < count, "row out of range")
            if isFlag { return IndicatorColumns.value(ofFlag: storage.byte(at: offset + row)) }
            return storage.double(at: offset + row)
        }

        /// The values of a number column, in place.
        public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Double>) throws -> R) rethrows -> R {
            precondition(!isFlag, "a yes/no column holds bytes")
            return try storage.withDoubles(from: offset, count: count, body)
        }

        /// The values of a yes/no column, in place (0, 1, `flagMissing`).
        public func withUnsafeFlagPointer<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
            precondition(isFlag, "a number column holds doubles")
            return try storage.withBytes(from: offset, count: count, body)
        }

        public func withContiguousStorageIfAvailable<R>(_ body: (UnsafeBufferPointer<Double>) throws -> R) rethrows -> R? {
            isFlag ? nil : try withUnsafeBufferPointer(body)
        }
    }

    /// The value a yes/no byte stands for.
    @inline(__always)
    public static func value(ofFlag byte: UInt8) -> Double {
        byte == flagMissing ? .nan : Double(byte)
    }

    /// The byte a yes/no value is stored as (anything but 0 and 1 is missing).
    @inline(__always)
    static func flag(of value: Double) -> UInt8 {
        value == 0 ? 0 : value == 1 ? 1 : flagMissing
    }

    private var storage: ColumnBuffer
    /// Per indicator: its physical column among the number or the yes/no columns (the
    /// shared NaN column when not stored).
    private let slot: [Int]
    /// Per indicator: whether its values are stored.
    public let isStored: [Bool]
    /// Per indicator: whether it is stored as yes/no bytes.
    public let isFlag: [Bool]
    /// Rows per column.
    public private(set) var rowCount: Int

    /// `count` columns of `rows` missing values; only the indicators in `stored` (all
    /// when `nil`) keep values, those in `flags` (yes/no indicators: values 0, 1 or
    /// missing) as bytes. `threads`: how many make the buffer resident.
    public init(count: Int, rows: Int, stored: Set<Int>? = nil, flags: Set<Int> = [], threads: Int = Tuning.default.threads) {
        let isStored = (0..<count).map { stored?.contains($0) ?? true }
        let isFlag = (0..<count).map { isStored[$0] && flags.contains($0) }
        self.isStored = isStored
        self.isFlag = isFlag
        var slot: [Int] = []
        var numbers = 0, bytes = 0
        for c in 0..<count {
            if !isStored[c] {
                slot.append(-1)
            } else if isFlag[c] {
                slot.append(bytes)
                bytes += 1
            } else {
                slot.append(numbers)
                numbers += 1
            }
        }
        let physical = isStored.contains(false) ? numbers + 1 : numbers
        self.slot = slot.map { $0 < 0 ? numbers : $0 }
        storage = ColumnBuffer(doubleColumns: physical, byteColumns: bytes, stride: rows,
                               doubleFill: .nan, byteFill: Self.flagMissing, threads: threads)
        rowCount = rows
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { slot.count }

    public subscript(column: Int) -> Column {
        Column(storage: storage, offset: slot[column] * storage.stride, isFlag: isFlag[column], count: rowCount)
    }

    /// A writer filling the columns of `indicators` (target `k` is `indicators[k]`) from
    /// several threads, for the loader: a stored number indicator takes doubles, a stored
    /// yes/no indicator bytes (`flag(of:)`), the values of one not stored are dropped.
    mutating func writer(for indicators: [Int]) -> ColumnWriter {
        makeUnique(stride: storage.stride)
        let targets = indicators.map { c -> ColumnWriter.Target in
            !isStored[c] ? .discard : isFlag[c] ? .byte(column: slot[c]) : .double(column: slot[c])
        }
        return ColumnWriter(storage, targets: targets, rows: rowCount)
    }

    /// Keeps the first `rows` rows (the buffer keeps its room, missing again).
    mutating func truncate(toRows rows: Int) {
        precondition(rows >= 0 && rows <= rowCount, "rows out of range")
        makeUnique(stride: storage.stride)
        if rows < rowCount {
            for c in 0..<storage.doubleColumns {
                storage.fillDoubles(.nan, in: (c * storage.stride + rows)..<(c * storage.stride + rowCount))
            }
            for c in 0..<storage.byteColumns {
                storage.fillBytes(Self.flagMissing, in: (c * storage.stride + rows)..<(c * storage.stride + rowCount))
            }
        }
        rowCount = rows
    }

    /// Appends a row with every value missing.
    mutating func appendRow() {
        makeUnique(stride: rowCount < storage.stride ? storage.stride : Swift.max(8, 2 * storage.stride))
        rowCount += 1
    }

    /// Sets a value (for a yes/no column: 0, 1 or NaN).
    mutating func set(column: Int, row: Int, value: Double) {
        precondition(row >= 0 && row < rowCount && column >= 0 && column < count, "cell out of range")
        precondition(isStored[column], "indicator not stored")
        makeUnique(stride: storage.stride)
        if isFlag[column] {
            precondition(value.isNaN || value == 0 || value == 1, "a yes/no value is 0, 1 or missing")
            storage.setByte(Self.flag(of: value), at: slot[column] * storage.stride + row)
        } else {
            storage.setDouble(value, at: slot[column] * storage.stride + row)
        }
    }

    /// Ensures the buffer is not shared and has room for `stride` rows per column.
    private mutating func makeUnique(stride: Int) {
        if isKnownUniquelyReferenced(&storage) && stride == storage.stride { return }
        let copy = ColumnBuffer(doubleColumns: storage.doubleColumns, byteColumns: storage.byteColumns, stride: stride,
                                doubleFill: .nan, byteFill: Self.flagMissing)
        copy.copyRows(rowCount, from: storage)
        storage = copy
    }
}
