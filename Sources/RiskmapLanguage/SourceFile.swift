import Foundation
import RiskmapPlatform

/// One rule file (or any text input) held as UTF-8 bytes, with a line index for
/// turning byte offsets into line and column numbers.
public final class SourceFile: Sendable {
    /// The path as the user gave it (used in diagnostics).
    public let path: String
    public let bytes: TextBytes
    /// Byte offset of the first byte of each line.
    let lineStarts: [Int]
    /// For the text of a spreadsheet's sheet: where its cells are (diagnostics then name
    /// cells, `Лист1!D7`); nil for a text file.
    public let sheet: SheetLayout?

    /// `tuning`: whether a large text is indexed on two threads (see `lineStarts`).
    /// `sheet`: the layout, when the text was made from a sheet.
    public init(path: String, bytes: TextBytes, tuning: Tuning = .default, sheet: SheetLayout? = nil) {
        self.path = path
        self.bytes = bytes
        self.sheet = sheet
        lineStarts = SourceFile.lineStarts(of: bytes, tuning: tuning)
    }

    public convenience init(path: String, bytes: [UInt8]) {
        self.init(path: path, bytes: TextBytes(bytes))
    }

    /// Offsets of line starts: 0 and the offset after every LF. A text of at least
    /// `tuning.parallelScanMinBytes` is indexed in two halves on two threads.
    ///
    /// A text without any LF whose lines end with CR alone (old Mac files, some exports)
    /// is indexed at its CRs instead; a CR in a text that has LFs is part of a line (a
    /// quoted cell's line break, the CR of CRLF).
    static func lineStarts(of bytes: TextBytes, tuning: Tuning) -> [Int] {
        let starts = lfLineStarts(of: bytes, tuning: tuning)
        guard starts.count == 1 else { return starts }
        var crStarts = [0]
        bytes.withUnsafeBufferPointer { b in
            for i in 0..<b.count where b[i] == UInt8(ascii: "\r") { crStarts.append(i + 1) }
        }
        return crStarts
    }

    private static func lfLineStarts(of bytes: TextBytes, tuning: Tuning) -> [Int] {
        let n = bytes.count
        guard n >= tuning.parallelScanMinBytes, tuning.threads > 1 else {
            var starts = [0]
            bytes.withUnsafeBufferPointer { appendLineStarts($0, from: 0, to: n, to: &starts) }
            return starts
        }
        let middle = n / 2
        let halves = Parallel.map(count: 2, threads: 2) { half in
            var starts = half == 0 ? [0] : []
            bytes.withUnsafeBufferPointer { appendLineStarts($0, from: half == 0 ? 0 : middle, to: half == 0 ? middle : n, to: &starts) }
            return starts
        }
        return halves[0] + halves[1]
    }

    /// Appends the offset after every LF in `lo..<hi`. Scans eight bytes at a time; a
    /// word without LF costs a few instructions.
    private static func appendLineStarts(_ buffer: UnsafeBufferPointer<UInt8>, from lo: Int, to hi: Int, to starts: inout [Int]) {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let lf: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
        var offset = lo
        while offset + 8 <= hi {
            let w = buffer.loadWord(at: offset)
            let x = w ^ lf
            // The high bit of every byte of `w` equal to LF (exact, no carries between bytes).
            var hits = ~(((x & low7) &+ low7) | x) & ~low7
            while hits != 0 {
                starts.append(offset + hits.trailingZeroBitCount >> 3 + 1)
                hits &= hits &- 1
            }
            offset += 8
        }
        while offset < hi {
            if buffer[offset] == UInt8(ascii: "\n") { starts.append(offset + 1) }
            offset += 1
        }
    }

    /// The 1-based line holding byte `offset`, looking first at lines `hint` and a few
    /// after it (for callers walking the file forwards); any `hint` gives the same answer.
    public func line(of offset: Int, hint: Int) -> Int {
        let clamped = max(0, min(offset, bytes.count))
        let count = lineStarts.count
        var line = hint
        if line >= 1 && line <= count && lineStarts[line - 1] <= clamped {
            var steps = 0
            while line < count && lineStarts[line] <= clamped && steps < 8 {
                line += 1
                steps += 1
            }
            if line == count || lineStarts[line] > clamped { return line }
        }
        var low = 0
        var high = count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        return low + 1
    }

    public convenience init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// 1-based line and column (columns count Unicode characters, not bytes).
    public func location(of offset: Int) -> SourceLocation {
        let clamped = max(0, min(offset, bytes.count))
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        var start = lineStarts[low]
        // A byte-order mark is not a column.
        if start == 0, hasByteOrderMark, clamped >= 3 { start = 3 }
        var column = 1
        var index = start
        while index < clamped {
            // Count only the first byte of each UTF-8 sequence.
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return SourceLocation(line: low + 1, column: column)
    }

    /// The text of a 1-based line, without its line terminator.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        var start = lineStarts[line - 1]
        if start == 0, hasByteOrderMark { start = 3 }
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }

    /// True when the file starts with a UTF-8 byte-order mark (which the lexer skips).
    var hasByteOrderMark: Bool { bytes.starts(with: [0xEF, 0xBB, 0xBF]) }

    public func text(_ range: SourceRange) -> String {
        let start = max(0, min(range.start, bytes.count))
        let end = max(start, min(range.end, bytes.count))
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}

public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// A half-open byte range in one source file.
public struct SourceRange: Sendable {
    public let file: SourceFile
    public var start: Int
    public var end: Int

    public init(file: SourceFile, start: Int, end: Int) {
        self.file = file
        self.start = start
        self.end = max(start, end)
    }

    public func union(_ other: SourceRange) -> SourceRange {
        guard other.file === file else { return self }
        return SourceRange(file: file, start: min(start, other.start), end: max(end, other.end))
    }

    public var text: String { file.text(self) }
    public var startLocation: SourceLocation { file.location(of: start) }
}
