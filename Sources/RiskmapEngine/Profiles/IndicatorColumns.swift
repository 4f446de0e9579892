import RiskmapPlatform

/// The indicator values of a profile set, one column per indicator, all in a single
/// buffer: first the number columns (`Double`, NaN = missing; row `r` of number column `s`
/// at `s * stride + r`), then the yes/no columns, one byte a value (0, 1, `flagMissing`).
/// One large allocation instead of one array per indicator: it is set up in huge pages
/// where the system allows, which matters for 400,000-row files (see `LargeBuffer`); and
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

    final class Storage: @unchecked Sendable {
        let raw: UnsafeMutableRawPointer
        let base: UnsafeMutablePointer<Double>
        let flagBase: UnsafeMutablePointer<UInt8>
        /// Rows of room per column.
        let stride: Int
        /// Physical number columns: the stored ones, then (when some are not stored) the
        /// shared column of NaN.
        let columnCount: Int
        /// Physical yes/no columns.
        let flagCount: Int

        /// Every value missing.
        init(columns: Int, flags: Int, stride: Int) {
            self.stride = stride
            columnCount = columns
            flagCount = flags
            let doubles = columns * stride, bytes = doubles * MemoryLayout<Double>.stride + flags * stride
            raw = .allocate(byteCount: Swift.max(8, bytes), alignment: 64)
            LargeBuffer.prepare(raw, byteCount: bytes)
            base = raw.initializeMemory(as: Double.self, repeating: .nan, count: doubles)
            flagBase = (raw + doubles * MemoryLayout<Double>.stride)
                .initializeMemory(as: UInt8.self, repeating: IndicatorColumns.flagMissing, count: flags * stride)
        }

        deinit { raw.deallocate() }
    }

    /// One indicator's values (a view that keeps the buffer alive). Reads as `Double`
    /// whatever its storage: a yes/no value as 0 or 1, missing as NaN.
    public struct Column: RandomAccessCollection, Sendable {
        let storage: Storage
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
            if isFlag { return IndicatorColumns.value(ofFlag: storage.flagBase[offset + row]) }
            return storage.base[offset + row]
        }

        /// The values of a number column, in place.
        public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Double>) throws -> R) rethrows -> R {
            precondition(!isFlag, "a yes/no column holds bytes")
            return try withExtendedLifetime(storage) {
                try body(UnsafeBufferPointer(start: storage.base + offset, count: count))
            }
        }

        /// The values of a yes/no column, in place (0, 1, `flagMissing`).
        public func withUnsafeFlagPointer<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
            precondition(isFlag, "a number column holds doubles")
            return try withExtendedLifetime(storage) {
                try body(UnsafeBufferPointer(start: storage.flagBase + offset, count: count))
            }
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

    private var storage: Storage
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
    /// missing) as bytes.
    public init(count: Int, rows: Int, stored: Set<Int>? = nil, flags: Set<Int> = []) {
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
        storage = Storage(columns: physical, flags: bytes, stride: rows)
        rowCount = rows
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { slot.count }

    public subscript(column: Int) -> Column {
        Column(storage: storage, offset: slot[column] * storage.stride, isFlag: isFlag[column], count: rowCount)
    }

    /// Where stored number column `c` starts, for bulk filling by the loader (rows of the
    /// one buffer that no `Column` has seen yet).
    mutating func unsafeStart(ofColumn c: Int) -> UnsafeMutablePointer<Double> {
        precondition(isStored[c] && !isFlag[c], "not a stored number column")
        makeUnique(stride: storage.stride)
        return storage.base + slot[c] * storage.stride
    }

    /// Where stored yes/no column `c` starts, for bulk filling by the loader.
    mutating func unsafeStart(ofFlagColumn c: Int) -> UnsafeMutablePointer<UInt8> {
        precondition(isStored[c] && isFlag[c], "not a stored yes/no column")
        makeUnique(stride: storage.stride)
        return storage.flagBase + slot[c] * storage.stride
    }

    /// Keeps the first `rows` rows (the buffer keeps its room, missing again).
    mutating func truncate(toRows rows: Int) {
        precondition(rows >= 0 && rows <= rowCount, "rows out of range")
        makeUnique(stride: storage.stride)
        if rows < rowCount {
            for c in 0..<storage.columnCount {
                (storage.base + c * storage.stride + rows).update(repeating: .nan, count: rowCount - rows)
            }
            for c in 0..<storage.flagCount {
                (storage.flagBase + c * storage.stride + rows).update(repeating: Self.flagMissing, count: rowCount - rows)
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
            storage.flagBase[slot[column] * storage.stride + row] = Self.flag(of: value)
        } else {
            storage.base[slot[column] * storage.stride + row] = value
        }
    }

    /// Ensures the buffer is not shared and has room for `stride` rows per column.
    private mutating func makeUnique(stride: Int) {
        if isKnownUniquelyReferenced(&storage) && stride == storage.stride { return }
        let copy = Storage(columns: storage.columnCount, flags: storage.flagCount, stride: stride)
        if rowCount > 0 {
            for c in 0..<storage.columnCount {
                (copy.base + c * stride).update(from: storage.base + c * storage.stride, count: rowCount)
            }
            for c in 0..<storage.flagCount {
                (copy.flagBase + c * stride).update(from: storage.flagBase + c * storage.stride, count: rowCount)
            }
        }
        storage = copy
    }
}
