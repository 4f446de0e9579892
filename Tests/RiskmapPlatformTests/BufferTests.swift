import Testing
@testable import RiskmapPlatform

/// The byte and column primitives: bounds, copies, growth, value kinds.
@Suite struct BufferTests {
    @Test func wordsAreLittleEndianAtAnyOffset() {
        let bytes: [UInt8] = Array(0..<20)
        bytes.withUnsafeBufferPointer { b in
            #expect(b.loadWord(at: 0) == 0x0706_0504_0302_0100)
            #expect(b.loadWord(at: 3) == 0x0A09_0807_0605_0403)
            #expect(b.loadWord(at: 12) == 0x1312_1110_0F0E_0D0C)
        }
    }

    @Test func outputSpanAppendsPiecesWordsAndLowBytes() {
        let piece: [UInt8] = Array("школа".utf8)
        let out = [UInt8](capacity: 64) { out in
            out.append(copying: piece.span)
            piece.withUnsafeBufferPointer { out.append(copying: UnsafeBufferPointer(rebasing: $0[0..<2])) }
            out.append(littleEndian: 0x3837_3635_3433_3231)
            out.append(lowBytesOf: 0x00BB_9FD0, count: 2)  // "П" (D0 9F), the third byte dropped
            out.append(lowBytesOf: 0x00AC_82E2, count: 3)  // "€" (E2 82 AC)
        }
        #expect(String(decoding: out, as: UTF8.self) == "школаш12345678П€")
    }

    @Test func mutableSpanCopiesInPlace() {
        var bytes = [UInt8](repeating: 0, count: 8)
        let piece: [UInt8] = [7, 8, 9]
        do {
            var span = bytes.mutableSpan
            span.update(at: 2, copying: piece.span)
            span.update(at: 5, copying: piece.span)
        }
        #expect(bytes == [0, 0, 7, 8, 9, 7, 8, 9])
    }

    @Test func textBytesFilledThroughAnOutputSpan() {
        let text = TextBytes(capacity: 10) { out in
            for b in Array("abc".utf8) { out.append(b) }
        }
        #expect(text == TextBytes(Array("abc".utf8)) && text.count == 3 && !text.isMapped)
        #expect(TextBytes(capacity: 0) { _ in } == TextBytes([]))
    }

    @Test func scratchBufferGrowsKeepingItsElements() {
        var buffer = ScratchBuffer(repeating: UInt32(5), count: 3)
        buffer[1] = 9
        buffer = buffer.grown(repeating: 0)
        #expect(buffer.count == 6)
        #expect((0..<6).map { buffer[$0] } == [5, 9, 5, 0, 0, 0])
        #expect(ScratchBuffer(repeating: UInt8(1), count: 0).grown(repeating: 2).count == 1)
    }

    @Test func columnBufferReadsWritesAndCopiesRows() {
        let a = ColumnBuffer(doubleColumns: 2, byteColumns: 1, stride: 4, doubleFill: .nan, byteFill: 0xFF, threads: 2)
        a.setDouble(1.5, at: 1 * 4 + 2)
        a.setByte(1, at: 3)
        a.fillDoubles(0, in: 0..<2)
        #expect(a.double(at: 6) == 1.5 && a.double(at: 0) == 0 && a.double(at: 2).isNaN)
        #expect(a.withBytes(from: 0, count: 4) { Array($0) } == [0xFF, 0xFF, 0xFF, 1])
        let b = ColumnBuffer(doubleColumns: 2, byteColumns: 1, stride: 8, doubleFill: -1, byteFill: 0, threads: 1)
        b.copyRows(4, from: a)
        #expect(b.withDoubles(from: 8, count: 8) { $0.map { $0.isNaN ? -9 : $0 } } == [-9, -9, 1.5, -9, -1, -1, -1, -1])
        #expect(b.withBytes(from: 0, count: 8) { Array($0) } == [0xFF, 0xFF, 0xFF, 1, 0, 0, 0, 0])
    }

    /// Threads fill disjoint rows of the targets; dropped values go nowhere that is read.
    @Test(arguments: [1, 2, 3, 4])
    func columnWriterFillsFromSeveralThreads(threads: Int) {
        let rows = 10_001
        let buffer = ColumnBuffer(doubleColumns: 2, byteColumns: 1, stride: rows, doubleFill: .nan, byteFill: 0xFF, threads: threads)
        let writer = ColumnWriter(buffer, targets: [.double(column: 1), .discard, .byte(column: 0)], rows: rows)
        Parallel.forEach(count: 7, threads: threads) { b in
            for r in stride(from: b, to: rows, by: 7) {
                writer.set(0, row: r, Double(r))
                writer.set(1, row: r, -1)
                writer.set(2, row: r, byte: UInt8(r % 2))
                writer.set(0, row: r, byte: 9)  // a byte for a double column: dropped
            }
        }
        #expect(buffer.withDoubles(from: rows, count: rows) { Array($0) } == (0..<rows).map(Double.init))
        #expect(buffer.withDoubles(from: 0, count: rows) { $0.allSatisfy(\.isNaN) })
        #expect(buffer.withBytes(from: 0, count: rows) { Array($0) } == (0..<rows).map { UInt8($0 % 2) })
    }
}
