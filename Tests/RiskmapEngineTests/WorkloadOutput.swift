// Formats the workload's output (WORKLOAD.md §4) from a riskmap evaluation.
// Copy of Benchmarks/Sources/riskmap-bench/WorkloadOutput.swift (WorkloadTests checks they are identical below this header).
import RiskmapEngine
import RiskmapLanguage

enum WorkloadOutput {
    /// `id,level,factors,actions` lines in input order: the level code of the first scale,
    /// triggered factor codes ascending, and the measures addressing any triggered factor
    /// (codes ascending), both `;`-joined.
    static func render(_ evaluation: Evaluation) -> [UInt8] {
        let book = evaluation.book
        let profiles = evaluation.profiles
        let levelCodes = book.scales.first.map { $0.levels.map { Array($0.code.utf8) } } ?? []
        // Factor and measure indices in ascending code order.
        let factorOrder = book.factors.indices.sorted { book.factors[$0].code < book.factors[$1].code }
        let factorCodes = book.factors.map { Array($0.code.utf8) }
        let measureOrder = book.measures.indices.sorted { book.measures[$0].code < book.measures[$1].code }
        let measureCodes = book.measures.map { Array($0.code.utf8) }
        let measureAddresses = book.measures.map { $0.addresses }
        let schoolIDs = profiles.schools.map { Array($0.id.utf8) }
        let rowSchool = profiles.rowSchool
        let levels = evaluation.levels.first ?? []
        let factors = evaluation.factors

        var out: [UInt8] = []
        out.reserveCapacity(profiles.rowCount * 40 + 64)
        out.append(contentsOf: "id,level,factors,actions\n".utf8)
        var triggered = [Bool](repeating: false, count: book.factors.count)
        for r in 0..<profiles.rowCount {
            out.append(contentsOf: schoolIDs[Int(rowSchool[r])])
            out.append(UInt8(ascii: ","))
            let level = levels.isEmpty ? Evaluation.noLevel : levels[r]
            if level >= 0 { out.append(contentsOf: levelCodes[Int(level)]) } else { out.append(contentsOf: "unknown".utf8) }
            out.append(UInt8(ascii: ","))
            var first = true
            for f in factorOrder {
                triggered[f] = factors[f][r] == .triggered
                if triggered[f] {
                    if !first { out.append(UInt8(ascii: ";")) }
                    out.append(contentsOf: factorCodes[f])
                    first = false
                }
            }
            out.append(UInt8(ascii: ","))
            first = true
            for m in measureOrder where measureAddresses[m].contains(where: { triggered[$0] }) {
                if !first { out.append(UInt8(ascii: ";")) }
                out.append(contentsOf: measureCodes[m])
                first = false
            }
            out.append(0x0A)
        }
        return out
    }
}
