import Foundation
import RiskmapLanguage
import RiskmapPlatform

/// The CSV form of a classification report, for Russian Excel: UTF-8 with BOM, `;`,
/// CRLF, one row per school. Rows are rendered from bytes (no per-cell `String`), in
/// blocks on all cores, and written block by block in row order, so the output does not
/// depend on the thread count and is never held in memory whole.
struct ClassificationCSV {
    let report: ClassificationReport
    /// Everything that repeats across schools, encoded once, in one table: every cell
    /// value (already quoted where needed) and every code.
    private let pieces: PieceTable
    /// Where each kind of piece starts in `pieces`.
    private let municipalityPiece: Int, yearPiece: Int, levelPiece: [Int], unknownLevelPiece: Int,
                noLevelPiece: Int, groupPiece: Int, factorPiece: Int, statusPiece: Int
    /// Bytes of a row besides its id and name, at most.
    private let rowBytesBound: Int

    /// Rows per unit of parallel rendering.
    static let blockRows = 4_096

    /// Byte strings stored end to end.
    struct PieceTable {
        private(set) var bytes: [UInt8] = []
        /// Per piece: its start; one extra entry at the end.
        private(set) var starts: [Int] = [0]

        var count: Int { starts.count - 1 }

        /// Adds `piece`; returns its index.
        @discardableResult
        mutating func add(_ piece: [UInt8]) -> Int {
            bytes += piece
            starts.append(bytes.count)
            return count - 1
        }

        func length(_ i: Int) -> Int { starts[i + 1] - starts[i] }
    }

    init(_ report: ClassificationReport) {
        self.report = report
        let book = report.evaluation.book
        let lang = report.lang
        func encoded(_ s: String) -> [UInt8] { var b: [UInt8] = []; CSVField.append(s, to: &b); return b }
        var table = PieceTable()
        municipalityPiece = table.count
        for name in report.evaluation.profiles.schools.municipalityNames { table.add(encoded(name)) }
        yearPiece = table.add(encoded(report.year.description))
        var levels: [Int] = []
        for scale in book.scales {
            levels.append(table.count)
            for level in scale.levels { table.add(encoded(level.title)) }
        }
        levelPiece = levels
        unknownLevelPiece = table.add(encoded(ExplanationText.levelUnknown(lang)))
        noLevelPiece = table.add(encoded(ExplanationText.levelNone(lang)))
        groupPiece = table.count
        for g in book.groups { table.add(Array(g.code.utf8)) }
        factorPiece = table.count
        for f in book.factors { table.add(Array(f.code.utf8)) }
        statusPiece = table.count
        for status in [Status.notTriggered, .triggered, .unknown, .notApplicable] { table.add(encoded(status.text(lang))) }
        pieces = table
        // Separators, line end, and the longest value of each cell; each code list at
        // most all codes, with ", " between them and quotes around.
        func longest(_ range: Range<Int>) -> Int { range.map(table.length).max() ?? 0 }
        let codes = { (range: Range<Int>) in range.reduce(2) { $0 + table.length($1) + 2 } }
        var bound = 8 + longest(municipalityPiece..<yearPiece) + table.length(yearPiece)
        bound += book.scales.count * (1 + longest((levelPiece.first ?? unknownLevelPiece)..<groupPiece))
        bound += codes(groupPiece..<factorPiece) + 2 * codes(factorPiece..<statusPiece)
        bound += book.factors.count * (1 + longest(statusPiece..<table.count))
        rowBytesBound = bound
    }

    /// The byte-order mark and the header row.
    func header() -> [UInt8] {
        let book = report.evaluation.book
        var cells = ["school_id", "name", "municipality", "year"]
        cells += book.scales.map(\.code)
        cells += ["groups", "triggered", "unknown"]
        cells += book.factors.map(\.code)
        var out: [UInt8] = [0xEF, 0xBB, 0xBF]
        for (i, cell) in cells.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ";")) }
            CSVField.append(cell, to: &out)
        }
        out.append(13); out.append(10)
        return out
    }

    /// The whole file in memory.
    func bytes() -> [UInt8] {
        var out = header()
        appendRows(0..<report.rows.count, to: &out)
        return out
    }

    /// Writes the file to `sink`, rendering up to `threads` blocks of `blockRows` rows at
    /// a time.
    func write(to sink: inout ByteSink, threads: Int, blockRows: Int = Self.blockRows) throws(ByteSink.Failure) {
        try sink.write(header())
        let count = report.rows.count
        let block = max(1, blockRows)
        let parallel = max(1, threads)
        // Two sets of buffers: one is written while the next round is rendered into the other.
        var sets = [[[UInt8]]](repeating: [[UInt8]](repeating: [], count: parallel), count: 2)
        var current = 0
        func render(_ first: Int, into set: Int) -> Int {
            let end = min(count, first + parallel * block)
            let parts = (end - first + block - 1) / block
            sets[set].withUnsafeMutableBufferPointer { all in
                let shared = UnsafeSendable((all.baseAddress!, self))
                let renderPart = { @Sendable (p: Int) in
                    let (buffers, csv) = shared.value
                    let lo = first + p * block
                    buffers[p].removeAll(keepingCapacity: true)
                    csv.appendRows(lo..<min(end, lo + block), to: &buffers[p])
                }
                if parts > 1 {
                    DispatchQueue.concurrentPerform(iterations: parts, execute: renderPart)
                } else {
                    renderPart(0)
                }
                for p in parts..<parallel { all[p].removeAll(keepingCapacity: true) }
            }
            return end
        }
        var start = count > 0 ? render(0, into: current) : 0
        var done = count == 0
        while !done {
            let next = start
            let ready = sets[current]
            try sink.write(overlapping: ready, threads: parallel) {
                if next < count { start = render(next, into: 1 - current) } else { done = true }
            }
            current = 1 - current
        }
    }

    /// Appends the rows `range` (positions in `report.rows`). The result columns are read
    /// one at a time for the whole block (sequential reads), then each row is written from
    /// the pre-encoded pieces.
    func appendRows(_ range: Range<Int>, to out: inout [UInt8]) {
        guard !range.isEmpty else { return }
        let evaluation = report.evaluation
        let profiles = evaluation.profiles
        let schools = profiles.schools
        let n = range.count
        let book = evaluation.book
        let factorCount = book.factors.count, groupCount = book.groups.count, scaleCount = book.scales.count
        // Per row of the block, row-major: factor statuses, group statuses, scale levels.
        var factorStatus = [UInt8](repeating: 0, count: n * factorCount)
        var groupTriggered = [Bool](repeating: false, count: n * groupCount)
        var levels = [Int16](repeating: 0, count: n * scaleCount)
        report.rows.withUnsafeBufferPointer { allRows in
            let rows = UnsafeBufferPointer(rebasing: allRows[range])
            factorStatus.withUnsafeMutableBufferPointer { out in
                for f in 0..<factorCount {
                    evaluation.factors[f].withUnsafeBufferPointer { column in
                        for (k, r) in rows.enumerated() { out[k * factorCount + f] = column[r].rawValue }
                    }
                }
            }
            groupTriggered.withUnsafeMutableBufferPointer { out in
                for g in 0..<groupCount {
                    evaluation.groups[g].withUnsafeBufferPointer { column in
                        for (k, r) in rows.enumerated() { out[k * groupCount + g] = column[r] == .triggered }
                    }
                }
            }
            levels.withUnsafeMutableBufferPointer { out in
                for s in 0..<scaleCount {
                    evaluation.levels[s].withUnsafeBufferPointer { column in
                        for (k, r) in rows.enumerated() { out[k * scaleCount + s] = column[r] }
                    }
                }
            }
        }
        // Each row is written through a pointer into room for its longest form, then
        // the unused room is dropped.
        let semicolon = UInt8(ascii: ";"), quote = UInt8(ascii: "\""), comma = UInt8(ascii: ",")
        var room = 0
        for k in 0..<n {
            let s = Int(profiles.rowSchool[report.rows[range.lowerBound + k]])
            room += rowBytesBound + 2 * (schools.withIDBytes(s) { $0.count } + schools.withNameBytes(s) { $0.count }) + 4
        }
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: room))
        let written = out.withUnsafeMutableBufferPointer { buffer -> Int in
        pieces.bytes.withUnsafeBufferPointer { pieceBytes -> Int in
        pieces.starts.withUnsafeBufferPointer { pieceStarts -> Int in
        factorStatus.withUnsafeBufferPointer { factorStatus -> Int in
        groupTriggered.withUnsafeBufferPointer { groupTriggered -> Int in
            let origin = buffer.baseAddress! + start
            var w = origin
            @inline(__always) func put(_ b: UInt8) { w.pointee = b; w += 1 }
            @inline(__always) func put(piece i: Int) {
                let s = pieceStarts[i], count = pieceStarts[i + 1] - s
                w.update(from: pieceBytes.baseAddress! + s, count: count)
                w += count
            }
            /// A field's bytes, quoted if needed (as `CSVField.append(bytes:to:)`).
            @inline(__always) func put(field bytes: UnsafeBufferPointer<UInt8>) {
                let special = bytes.contains { $0 == semicolon || $0 == quote || $0 == 10 || $0 == 13 || $0 == comma }
                guard special else {
                    if let b = bytes.baseAddress { w.update(from: b, count: bytes.count) }
                    w += bytes.count
                    return
                }
                put(quote)
                for b in bytes {
                    if b == quote { put(b) }
                    put(b)
                }
                put(quote)
            }
            /// The codes whose flag is set, joined by ", " (quoted when more than one: the comma).
            @inline(__always) func put(codesFrom first: Int, _ flags: UnsafeBufferPointer<Bool>) {
                var listed = 0
                for f in flags where f { listed += 1 }
                if listed > 1 { put(quote) }
                var separate = false
                for i in flags.indices where flags[i] {
                    if separate { put(comma); put(UInt8(ascii: " ")) }
                    separate = true
                    put(piece: first + i)
                }
                if listed > 1 { put(quote) }
            }
            var triggered = [Bool](repeating: false, count: factorCount)
            var unknown = [Bool](repeating: false, count: factorCount)
            for k in 0..<n {
                let r = report.rows[range.lowerBound + k]
                let s = Int(profiles.rowSchool[r])
                schools.withIDBytes(s) { put(field: $0) }
                put(semicolon)
                schools.withNameBytes(s) { put(field: $0) }
                put(semicolon)
                put(piece: municipalityPiece + Int(schools.municipality[s]))
                put(semicolon)
                put(piece: yearPiece)
                for scale in 0..<scaleCount {
                    put(semicolon)
                    let level = levels[k * scaleCount + scale]
                    put(piece: level >= 0 ? levelPiece[scale] + Int(level) : (level == Evaluation.unknownLevel ? unknownLevelPiece : noLevelPiece))
                }
                let statuses = UnsafeBufferPointer(rebasing: factorStatus[(k * factorCount)..<((k + 1) * factorCount)])
                for (f, status) in statuses.enumerated() {
                    triggered[f] = status == Status.triggered.rawValue
                    unknown[f] = status == Status.unknown.rawValue
                }
                put(semicolon)
                put(codesFrom: groupPiece, UnsafeBufferPointer(rebasing: groupTriggered[(k * groupCount)..<((k + 1) * groupCount)]))
                put(semicolon)
                triggered.withUnsafeBufferPointer { put(codesFrom: factorPiece, $0) }
                put(semicolon)
                unknown.withUnsafeBufferPointer { put(codesFrom: factorPiece, $0) }
                for status in statuses {
                    put(semicolon)
                    put(piece: statusPiece + Int(status))
                }
                put(13); put(10)
            }
            return w - origin
        }
        }
        }
        }
        }
        precondition(written <= room, "row bytes bound exceeded")
        out.removeLast(room - written)
    }
}
