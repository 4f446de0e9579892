// Formats the workload's output (WORKLOAD.md §4) from the outcomes of a riskmap run.
import RiskmapEngine
import RiskmapLanguage
import RiskmapPlatform

public enum WorkloadOutput {
    public static let header = Array("id,level,factors,actions\n".utf8)

    /// The whole output: the header, then `id,level,factors,actions` lines in input order:
    /// the level code of the first scale, triggered factor codes ascending, and the
    /// measures addressing any triggered factor (codes ascending), both `;`-joined.
    public static func render(_ outcomes: Outcomes) -> [UInt8] {
        header + render(outcomes, rows: 0..<outcomes.profiles.rowCount)
    }

    /// The output in blocks of `blockRows` lines, each passed to `write` in order (the
    /// header first), so that a large output is never held whole; `threads` blocks are
    /// rendered at a time. Stops at the first `false` from `write`, and returns whether
    /// every block was written.
    public static func write(
        _ outcomes: Outcomes, blockRows: Int = 16_384, threads: Int = Tuning.default.threads,
        to write: ([UInt8]) -> Bool
    ) -> Bool {
        guard write(header) else { return false }
        let rows = outcomes.profiles.rowCount
        let block = max(1, blockRows), parallel = max(1, threads)
        var start = 0
        while start < rows {
            let first = start
            let end = min(rows, first + parallel * block)
            let parts = (end - first + block - 1) / block
            let blocks = Parallel.map(count: parts, threads: parallel) { p in
                let lo = first + p * block
                return render(outcomes, rows: lo..<min(end, lo + block))
            }
            for b in blocks { guard write(b) else { return false } }
            start = end
        }
        return true
    }

    /// The lines of `rows`.
    public static func render(_ outcomes: Outcomes, rows: Range<Int>) -> [UInt8] {
        let book = outcomes.book
        let profiles = outcomes.profiles
        let levelCodes = book.scales.first.map { $0.levels.map { Array($0.code.utf8) } } ?? []
        // Factor and measure indices in ascending code order.
        let factorOrder = book.factors.indices.sorted { book.factors[$0].code < book.factors[$1].code }
        let factorCodes = book.factors.map { Array($0.code.utf8) }
        let measureOrder = book.measures.indices.sorted { book.measures[$0].code < book.measures[$1].code }
        let measureCodes = book.measures.map { Array($0.code.utf8) }
        let measureAddresses = book.measures.map { $0.addresses }
        let rowSchool = profiles.rowSchool
        let levels = outcomes.levels.first ?? []
        let factors = outcomes.factors
        let unknown = Array("unknown".utf8)

        // An upper bound of the output size: every code on every row, and the rows' ids.
        var idBytes = 0
        for r in rows { idBytes += profiles.schools.withIDBytes(Int(rowSchool[r])) { $0.count } }
        let maxLevel = (levelCodes + [unknown]).reduce(0) { max($0, $1.count) }
        let perRow = maxLevel + factorCodes.reduce(0) { $0 + $1.count + 1 }
            + measureCodes.reduce(0) { $0 + $1.count + 1 } + 4
        let capacity = idBytes + rows.count * perRow

        return [UInt8](capacity: capacity) { out in
            var triggered = [Bool](repeating: false, count: book.factors.count)
            for r in rows {
                profiles.schools.appendID(Int(rowSchool[r]), to: &out)
                out.append(UInt8(ascii: ","))
                let level = levels.isEmpty ? Outcomes.noLevel : levels[r]
                let levelCode = level >= 0 ? levelCodes[Int(level)] : unknown
                out.append(copying: levelCode.span)
                out.append(UInt8(ascii: ","))
                var first = true
                var any = false
                for f in factorOrder {
                    triggered[f] = factors[f][r] == .triggered
                    if triggered[f] {
                        if !first { out.append(UInt8(ascii: ";")) }
                        let code = factorCodes[f]
                        out.append(copying: code.span)
                        first = false
                        any = true
                    }
                }
                out.append(UInt8(ascii: ","))
                if any {
                    first = true
                    for m in measureOrder {
                        var addressed = false
                        for f in measureAddresses[m] where triggered[f] { addressed = true; break }
                        if addressed {
                            if !first { out.append(UInt8(ascii: ";")) }
                            let code = measureCodes[m]
                            out.append(copying: code.span)
                            first = false
                        }
                    }
                }
                out.append(0x0A)
            }
        }
    }
}
