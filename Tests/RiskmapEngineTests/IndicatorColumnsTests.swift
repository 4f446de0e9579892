import Testing
@testable import RiskmapEngine
@testable import RiskmapPlatform

/// The column store of a profile set: one buffer, value semantics.
@Suite struct IndicatorColumnsTests {
    @Test func startsMissingAndGrowsRowByRow() {
        var columns = IndicatorColumns(count: 3, rows: 0)
        #expect(columns.count == 3 && columns.rowCount == 0)
        for r in 0..<20 {
            columns.appendRow()
            columns.set(column: r % 3, row: r, value: Double(r))
        }
        #expect(columns.rowCount == 20)
        for c in 0..<3 {
            #expect(columns[c].count == 20)
            for r in 0..<20 {
                let v = columns[c][r]
                #expect(r % 3 == c ? v == Double(r) : v.isNaN, "column \(c) row \(r)")
            }
        }
    }

    @Test func aColumnIsASnapshot() {
        var columns = IndicatorColumns(count: 2, rows: 4)
        columns.set(column: 1, row: 2, value: 5)
        let before = columns[1]
        var copy = columns
        copy.set(column: 1, row: 2, value: 7)
        columns.set(column: 1, row: 3, value: 9)
        columns.appendRow()
        #expect(Array(before).map { $0.isNaN ? -1 : $0 } == [-1, -1, 5, -1])
        #expect(copy[1][2] == 7 && copy[1][3].isNaN && copy.rowCount == 4)
        #expect(columns[1][2] == 5 && columns[1][3] == 9 && columns.rowCount == 5 && columns[1][4].isNaN)
        #expect(before.withUnsafeBufferPointer { $0.count } == 4)
    }

    @Test func bulkFillThroughAWriter() {
        var columns = IndicatorColumns(count: 3, rows: 1_000)
        let writer = columns.writer(for: [2])
        for r in 0..<1_000 { writer.set(0, row: r, Double(r)) }
        #expect(columns[2].reduce(0, +) == 499_500)
        #expect(columns[0].allSatisfy(\.isNaN) && columns[1].allSatisfy(\.isNaN))
    }

    @Test func largeBufferColumnsAreInitialisedAndFilledInPlace() {
        let columns = LargeBuffer.columns(count: 3, rows: 100_000, initial: Int16(-1)) { pointers in
            for r in stride(from: 0, to: 100_000, by: 2) { pointers[1][r] = 1 }
        }
        #expect(columns.map(\.count) == [100_000, 100_000, 100_000])
        #expect(columns[0].allSatisfy { $0 == -1 } && columns[2].allSatisfy { $0 == -1 })
        #expect(columns[1].filter { $0 == 1 }.count == 50_000)
        #expect(LargeBuffer.columns(count: 2, rows: 0, initial: 0.0) { _ in }.map(\.count) == [0, 0])
    }

    /// Only the stored indicators keep values; the others read as missing.
    @Test func onlyStoredColumnsKeepValues() {
        var columns = IndicatorColumns(count: 4, rows: 3, stored: [1, 3])
        #expect(columns.isStored == [false, true, false, true])
        #expect(columns.count == 4)
        columns.set(column: 1, row: 0, value: 10)
        let writer = columns.writer(for: [3, 0])
        for r in 0..<3 {
            writer.set(0, row: r, Double(r))
            writer.set(1, row: r, Double(r))  // not stored: dropped
        }
        let before = columns
        columns.appendRow()  // grows the buffer: stored and shared columns are copied
        columns.set(column: 3, row: 3, value: 30)
        #expect(columns[1][0] == 10 && columns[1][1].isNaN && columns[1][3].isNaN)
        #expect(Array(columns[3]) == [0, 1, 2, 30])
        #expect(columns[0].allSatisfy(\.isNaN) && columns[2].allSatisfy(\.isNaN))
        #expect(columns[0].count == 4)
        #expect(before.rowCount == 3 && before[3][2] == 2)
        #expect(IndicatorColumns(count: 2, rows: 2, stored: []).allSatisfy { $0.allSatisfy(\.isNaN) })
    }

    /// Rows dropped by `truncate` are missing again if the set grows back.
    @Test func truncatedRowsAreForgotten() {
        var columns = IndicatorColumns(count: 2, rows: 5, stored: [0])
        let writer = columns.writer(for: [0])
        for r in 0..<5 { writer.set(0, row: r, Double(r)) }
        columns.truncate(toRows: 2)
        #expect(Array(columns[0]) == [0, 1])
        columns.appendRow()
        #expect(columns[0][2].isNaN && columns.rowCount == 3)
    }

    /// Yes/no indicators are stored as bytes and read as 0, 1 or NaN, through every
    /// access path, also after the buffer grows, is copied or is truncated.
    @Test func yesNoColumnsAreBytesReadAsNumbers() {
        var columns = IndicatorColumns(count: 3, rows: 4, flags: [1])
        #expect(columns.isFlag == [false, true, false])
        columns.set(column: 1, row: 0, value: 1)
        columns.set(column: 1, row: 1, value: 0)
        columns.set(column: 0, row: 0, value: 2.5)
        columns.writer(for: [1]).set(0, row: 3, byte: 1)
        let before = columns
        columns.appendRow()
        columns.set(column: 1, row: 4, value: 0)
        func read(_ c: IndicatorColumns.Column) -> [Double] { c.map { $0.isNaN ? -1 : $0 } }
        #expect(read(columns[1]) == [1, 0, -1, 1, 0])
        #expect(read(before[1]) == [1, 0, -1, 1])
        #expect(columns[0][0] == 2.5 && columns[2].allSatisfy(\.isNaN))
        #expect(columns[1].withContiguousStorageIfAvailable { _ in true } == nil)
        #expect(columns[0].withContiguousStorageIfAvailable { _ in true } == true)
        #expect(columns[1].withUnsafeFlagPointer { Array($0) } == [1, 0, IndicatorColumns.flagMissing, 1, 0])
        columns.truncate(toRows: 2)
        columns.appendRow()
        #expect(read(columns[1]) == [1, 0, -1])
        // Not stored: reads as missing, whatever its kind.
        let partial = IndicatorColumns(count: 2, rows: 2, stored: [0], flags: [0, 1])
        #expect(partial.isFlag == [true, false] && partial[1].allSatisfy(\.isNaN) && partial[0].allSatisfy(\.isNaN))
    }
}
