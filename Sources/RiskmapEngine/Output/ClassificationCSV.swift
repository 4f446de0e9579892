import Foundation
import RiskmapLanguage

/// The CSV form of a classification report, for Russian Excel: UTF-8 with BOM, `;`,
/// CRLF, one row per school. Rows are rendered from bytes (no per-cell `String`), in
/// blocks on all cores, and written block by block in row order, so the output does not
/// depend on the thread count and is never held in memory whole.
struct ClassificationCSV {
    let report: ClassificationReport
    /// Everything that repeats across schools, encoded once.
    private let yearBytes: [UInt8]
    private let statusBytes: [[UInt8]]
    private let levelBytes: [[[UInt8]]]
    private let unknownLevel: [UInt8]
    private let noLevel: [UInt8]
    private let factorCodes: [[UInt8]]
    private let groupCodes: [[UInt8]]
    private let municipalityBytes: [[UInt8]]

    /// Rows per unit of parallel rendering.
    static let blockRows = 4_096

    init(_ report: ClassificationReport) {
        self.report = report
        let book = report.evaluation.book
        let lang = report.lang
        func encoded(_ s: String) -> [UInt8] { var b: [UInt8] = []; CSVField.append(s, to: &b); return b }
        yearBytes = encoded(report.year.description)
        statusBytes = [Status.notTriggered, .triggered, .unknown, .notApplicable].map { encoded($0.text(lang)) }
        levelBytes = book.scales.map { s in s.levels.map { encoded($0.title) } }
        unknownLevel = encoded(ExplanationText.levelUnknown(lang))
        noLevel = encoded(ExplanationText.levelNone(lang))
        factorCodes = book.factors.map { Array($0.code.utf8) }
        groupCodes = book.groups.map { Array($0.code.utf8) }
        municipalityBytes = report.evaluation.profiles.schools.municipalityNames.map(encoded)
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
        let factorCount = factorCodes.count, groupCount = groupCodes.count, scaleCount = levelBytes.count
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
        let semicolon = UInt8(ascii: ";"), quote = UInt8(ascii: "\"")
        out.reserveCapacity(out.count + n * (64 + 16 * factorCount))
        /// A list of codes joined by ", " (quoted when it has more than one: the comma).
        func codeList(_ codes: [[UInt8]], _ flags: UnsafeBufferPointer<Bool>) {
            var listed = 0
            for i in flags.indices where flags[i] { listed += 1 }
            if listed > 1 { out.append(quote) }
            var first = true
            for i in flags.indices where flags[i] {
                if !first { out.append(UInt8(ascii: ",")); out.append(UInt8(ascii: " ")) }
                first = false
                codes[i].withUnsafeBufferPointer { out.append(contentsOf: $0) }
            }
            if listed > 1 { out.append(quote) }
        }
        var triggered = [Bool](repeating: false, count: factorCount)
        var unknown = [Bool](repeating: false, count: factorCount)
        for k in 0..<n {
            let r = report.rows[range.lowerBound + k]
            let s = Int(profiles.rowSchool[r])
            schools.withIDBytes(s) { CSVField.append(bytes: $0, to: &out) }
            out.append(semicolon)
            schools.withNameBytes(s) { CSVField.append(bytes: $0, to: &out) }
            out.append(semicolon)
            out.append(contentsOf: municipalityBytes[Int(schools.municipality[s])])
            out.append(semicolon)
            out.append(contentsOf: yearBytes)
            for scale in 0..<scaleCount {
                out.append(semicolon)
                let level = levels[k * scaleCount + scale]
                out.append(contentsOf: level >= 0 ? levelBytes[scale][Int(level)] : (level == Evaluation.unknownLevel ? unknownLevel : noLevel))
            }
            let statuses = factorStatus[(k * factorCount)..<((k + 1) * factorCount)]
            for (f, status) in statuses.enumerated() {
                triggered[f] = status == Status.triggered.rawValue
                unknown[f] = status == Status.unknown.rawValue
            }
            out.append(semicolon)
            groupTriggered.withUnsafeBufferPointer { codeList(groupCodes, UnsafeBufferPointer(rebasing: $0[(k * groupCount)..<((k + 1) * groupCount)])) }
            out.append(semicolon)
            triggered.withUnsafeBufferPointer { codeList(factorCodes, $0) }
            out.append(semicolon)
            unknown.withUnsafeBufferPointer { codeList(factorCodes, $0) }
            for status in statuses {
                out.append(semicolon)
                out.append(contentsOf: statusBytes[Int(status)])
            }
            out.append(13); out.append(10)
        }
    }
}
