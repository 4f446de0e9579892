import Testing
@testable import RiskmapLanguage

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
}
