import Testing
@testable import RiskmapLanguage
@testable import RiskmapPlatform

/// `TextBytes`, the storage of every source text, and `SourceFile` positions over it.
@Suite struct TextBytesTests {
    @Test(arguments: [[], [0x41], Array("школа;1\r\nлицей;2\n".utf8)])
    func holdsACopyOfItsBytes(bytes: [UInt8]) {
        let text = TextBytes(bytes)
        #expect(Array(text) == bytes)
        #expect(text.count == bytes.count)
        #expect(!text.isMapped)
        #expect(text == TextBytes(bytes))
        #expect(text.withUnsafeBufferPointer { Array($0) } == bytes)
        for k in [0, 1, 3, bytes.count, bytes.count + 5] {
            #expect(Array(text.dropFirst(k)) == Array(bytes.dropFirst(k)), "dropFirst(\(k))")
        }
    }

    @Test func comparesContentsNotStorage() {
        let a = TextBytes([1, 2, 3, 4])
        #expect(a.dropFirst(1) == TextBytes([2, 3, 4]))
        #expect(a.dropFirst(4) == TextBytes([]))
        #expect(a != TextBytes([1, 2, 3]))
        #expect(a != TextBytes([1, 2, 3, 5]))
    }

    @Test func fillsUninitializedCapacity() {
        let text = TextBytes(unsafeUninitializedCapacity: 10) { buffer, count in
            for i in 0..<4 { buffer[i] = UInt8(i + 1) }
            count = 4
        }
        #expect(Array(text) == [1, 2, 3, 4])
    }

    /// Lines and columns of a text that starts part-way into its storage (a file without
    /// its byte-order mark).
    @Test func sourcePositionsInAViewWithoutTheByteOrderMark() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("id;имя\nS1;Школа\n".utf8)
        let file = SourceFile(path: "s.csv", bytes: TextBytes(bytes).dropFirst(3))
        let offset = Array("id;имя\nS1;".utf8).count
        let location = file.location(of: offset)
        #expect(location.line == 2)
        #expect(location.column == 4)
        #expect(file.line(of: offset, hint: 1) == 2)
    }

    /// A large text's line index is built in two halves on two threads; it is the index
    /// one pass builds, also when a line feed sits on either side of the middle.
    @Test(arguments: [0, 1, 2])
    func largeTextLineIndexIsTheSameInHalves(shift: Int) {
        var bytes: [UInt8] = []
        var expected = [0]
        var k = 0
        while bytes.count < Tuning.default.parallelScanMinBytes + 1_000 {
            for _ in 0..<(k * 7 + shift) % 23 { bytes += Array("ж".utf8) }
            bytes.append(UInt8(ascii: "\n"))
            expected.append(bytes.count)
            k += 1
        }
        let file = SourceFile(path: "big.csv", bytes: bytes)
        #expect(file.lineStarts == expected)
        #expect(file.location(of: expected[k / 2] + 3).line == k / 2 + 1)
    }
}
