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
        var buffers = [[UInt8]](repeating: [], count: parallel)
        var start = 0
        while start < count {
            let first = start
            let end = min(count, first + parallel * block)
            let parts = (end - first + block - 1) / block
            buffers.withUnsafeMutableBufferPointer { all in
                let shared = UnsafeSendable((all.baseAddress!, self))
                let render = { @Sendable (p: Int) in
                    let (buffers, csv) = shared.value
                    let lo = first + p * block
                    buffers[p].removeAll(keepingCapacity: true)
                    csv.appendRows(lo..<min(end, lo + block), to: &buffers[p])
                }
                if parts > 1 {
                    DispatchQueue.concurrentPerform(iterations: parts, execute: render)
                } else {
                    render(0)
                }
            }
            for p in 0..<parts { try sink.write(buffers[p]) }
            start = end
        }
    }

    /// Appends the rows `range` (positions in `report.rows`).
    func appendRows(_ range: Range<Int>, to out: inout [UInt8]) {
        let evaluation = report.evaluation
        let profiles = evaluation.profiles
        let book = evaluation.book
        let schools = profiles.schools
        let semicolon = UInt8(ascii: ";")
        /// A list of codes joined by ", " (quoted when it has more than one: the comma).
        func codeList(_ codes: [[UInt8]], _ indices: [Int]) {
            if indices.count > 1 { out.append(UInt8(ascii: "\"")) }
            for (k, i) in indices.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")); out.append(UInt8(ascii: " ")) }
                out += codes[i]
            }
            if indices.count > 1 { out.append(UInt8(ascii: "\"")) }
        }
        var triggered: [Int] = [], unknown: [Int] = [], groups: [Int] = []
        for position in range {
            let r = report.rows[position]
            let s = Int(profiles.rowSchool[r])
            schools.withIDBytes(s) { CSVField.append(bytes: $0, to: &out) }
            out.append(semicolon)
            schools.withNameBytes(s) { CSVField.append(bytes: $0, to: &out) }
            out.append(semicolon)
            out += municipalityBytes[Int(schools.municipality[s])]
            out.append(semicolon)
            out += yearBytes
            for scale in book.scales.indices {
                out.append(semicolon)
                let level = evaluation.levels[scale][r]
                out += level >= 0 ? levelBytes[scale][Int(level)] : (level == Evaluation.unknownLevel ? unknownLevel : noLevel)
            }
            groups.removeAll(keepingCapacity: true)
            for g in book.groups.indices where evaluation.groups[g][r] == .triggered { groups.append(g) }
            triggered.removeAll(keepingCapacity: true)
            unknown.removeAll(keepingCapacity: true)
            for f in book.factors.indices {
                switch evaluation.factors[f][r] {
                case .triggered: triggered.append(f)
                case .unknown: unknown.append(f)
                case .notTriggered, .notApplicable: break
                }
            }
            out.append(semicolon); codeList(groupCodes, groups)
            out.append(semicolon); codeList(factorCodes, triggered)
            out.append(semicolon); codeList(factorCodes, unknown)
            for f in book.factors.indices {
                out.append(semicolon)
                out += statusBytes[Int(evaluation.factors[f][r].rawValue)]
            }
            out.append(13); out.append(10)
        }
    }
}
