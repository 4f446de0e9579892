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

        /// Writes piece `i` at `o` and moves past it.
        @inline(__always)
        func put(_ i: Int, to span: inout MutableSpan<UInt8>, at o: inout Int) {
            let s = starts[i], e = starts[i + 1]
            // (A piece's range is in `bytes` by construction.)
            span.update(at: o, copying: bytes.span.extracting(unchecked: s..<e))
            o += e - s
        }
    }

    init(_ report: ClassificationReport) {
        self.report = report
        let book = report.outcomes.book
        let lang = report.lang
        func encoded(_ s: String) -> [UInt8] { var b: [UInt8] = []; CSVField.append(s, to: &b); return b }
        var table = PieceTable()
        municipalityPiece = table.count
        for name in report.outcomes.profiles.schools.municipalityNames { table.add(encoded(name)) }
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
        let book = report.outcomes.book
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
        try BlockStream.write(count: report.rows.count, to: &sink, threads: threads, blockItems: blockRows) { range, buffer in
            appendRows(range, to: &buffer)
        }
    }

    /// Appends the rows `range` (positions in `report.rows`). The result columns are read
    /// one at a time for the whole block (sequential reads), then each row is written from
    /// the pre-encoded pieces.
    func appendRows(_ range: Range<Int>, to out: inout [UInt8]) {
        guard !range.isEmpty else { return }
        let outcomes = report.outcomes
        let profiles = outcomes.profiles
        let schools = profiles.schools
        let n = range.count
        let book = outcomes.book
        let factorCount = book.factors.count, groupCount = book.groups.count, scaleCount = book.scales.count
        // Per row of the block, row-major: factor statuses, group statuses, scale levels.
        var factorStatus = [UInt8](repeating: 0, count: n * factorCount)
        var groupTriggered = [Bool](repeating: false, count: n * groupCount)
        var levels = [Int16](repeating: 0, count: n * scaleCount)
        let rows = report.rows[range]
        do {
            var out = factorStatus.mutableSpan
            for f in 0..<factorCount {
                let values = outcomes.factors[f]
                let column = values.span
                for (k, r) in rows.enumerated() { out[unchecked: k * factorCount + f] = column[r].rawValue }
            }
        }
        do {
            var out = groupTriggered.mutableSpan
            for g in 0..<groupCount {
                let values = outcomes.groups[g]
                let column = values.span
                for (k, r) in rows.enumerated() { out[unchecked: k * groupCount + g] = column[r] == .triggered }
            }
        }
        do {
            var out = levels.mutableSpan
            for s in 0..<scaleCount {
                let values = outcomes.levels[s]
                let column = values.span
                for (k, r) in rows.enumerated() { out[unchecked: k * scaleCount + s] = column[r] }
            }
        }
        // Each row is written into room reserved for its longest form (more would trap),
        // then the unused room is dropped.
        let semicolon = UInt8(ascii: ";")
        var room = 0
        for r in rows {
            let s = Int(profiles.rowSchool[r])
            room += rowBytesBound + 2 * (schools.withIDBytes(s) { $0.count } + schools.withNameBytes(s) { $0.count }) + 6
        }
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: room))
        var o = start
        do {
            var span = out.mutableSpan
            let statusSpan = factorStatus.span, groupSpan = groupTriggered.span
            let arena = schools.arena.span
            var triggered = [Bool](repeating: false, count: factorCount)
            var unknown = [Bool](repeating: false, count: factorCount)
            for (k, r) in rows.enumerated() {
                let s = Int(profiles.rowSchool[r])
                Self.put(field: arena.extracting(schools.idRange(s)), to: &span, at: &o)
                Self.put(semicolon, to: &span, at: &o)
                Self.put(field: arena.extracting(schools.nameRange(s)), to: &span, at: &o)
                Self.put(semicolon, to: &span, at: &o)
                pieces.put(municipalityPiece + Int(profiles.rowMunicipality[r]), to: &span, at: &o)
                Self.put(semicolon, to: &span, at: &o)
                pieces.put(yearPiece, to: &span, at: &o)
                for scale in 0..<scaleCount {
                    Self.put(semicolon, to: &span, at: &o)
                    let level = levels[k * scaleCount + scale]
                    pieces.put(level >= 0 ? levelPiece[scale] + Int(level) : (level == Outcomes.unknownLevel ? unknownLevelPiece : noLevelPiece),
                               to: &span, at: &o)
                }
                let statuses = statusSpan.extracting((k * factorCount)..<((k + 1) * factorCount))
                for f in 0..<factorCount {
                    triggered[f] = statuses[f] == Status.triggered.rawValue
                    unknown[f] = statuses[f] == Status.unknown.rawValue
                }
                Self.put(semicolon, to: &span, at: &o)
                Self.put(codes: groupSpan.extracting((k * groupCount)..<((k + 1) * groupCount)), from: groupPiece, of: pieces, to: &span, at: &o)
                Self.put(semicolon, to: &span, at: &o)
                Self.put(codes: triggered.span, from: factorPiece, of: pieces, to: &span, at: &o)
                Self.put(semicolon, to: &span, at: &o)
                Self.put(codes: unknown.span, from: factorPiece, of: pieces, to: &span, at: &o)
                for f in 0..<factorCount {
                    Self.put(semicolon, to: &span, at: &o)
                    pieces.put(statusPiece + Int(statuses[f]), to: &span, at: &o)
                }
                Self.put(13, to: &span, at: &o)
                Self.put(10, to: &span, at: &o)
            }
        }
        out.removeLast(out.count - o)
    }

    /// Writes `byte` at `o` and moves past it.
    @inline(__always)
    static func put(_ byte: UInt8, to span: inout MutableSpan<UInt8>, at o: inout Int) {
        span[o] = byte
        o += 1
    }

    /// Writes a field's bytes, neutralised and quoted if needed (as
    /// `CSVField.append(bytes:to:)`): at most 2 × its length + 3 bytes.
    @inline(__always)
    static func put(field bytes: Span<UInt8>, to span: inout MutableSpan<UInt8>, at o: inout Int) {
        let semicolon = UInt8(ascii: ";"), quote = UInt8(ascii: "\""), comma = UInt8(ascii: ",")
        var special = false
        for i in bytes.indices {
            let b = bytes[i]
            if b == semicolon || b == quote || b == 10 || b == 13 || b == comma { special = true; break }
        }
        let neutralise = !bytes.isEmpty && CSVField.startsFormula(bytes[0])
            && bytes.withUnsafeBufferPointer { CSVField.needsNeutralising($0) }
        guard special else {
            if neutralise { put(UInt8(ascii: "'"), to: &span, at: &o) }
            span.update(at: o, copying: bytes)
            o += bytes.count
            return
        }
        put(quote, to: &span, at: &o)
        if neutralise { put(UInt8(ascii: "'"), to: &span, at: &o) }
        for i in bytes.indices {
            let b = bytes[i]
            if b == quote { put(b, to: &span, at: &o) }
            put(b, to: &span, at: &o)
        }
        put(quote, to: &span, at: &o)
    }

    /// Writes the codes (pieces from `first` on) whose flag is set, joined by ", "
    /// (quoted when more than one: the comma).
    @inline(__always)
    static func put(codes flags: Span<Bool>, from first: Int, of pieces: PieceTable, to span: inout MutableSpan<UInt8>, at o: inout Int) {
        let quote = UInt8(ascii: "\"")
        var listed = 0
        for i in flags.indices where flags[i] { listed += 1 }
        if listed > 1 { put(quote, to: &span, at: &o) }
        var separate = false
        for i in flags.indices where flags[i] {
            if separate {
                put(UInt8(ascii: ","), to: &span, at: &o)
                put(UInt8(ascii: " "), to: &span, at: &o)
            }
            separate = true
            pieces.put(first + i, to: &span, at: &o)
        }
        if listed > 1 { put(quote, to: &span, at: &o) }
    }
}
