// Synthetic school-years for the default rule book (`Rules/`): one column per indicator
// the book declares, plausible values by kind (and declared range), ~3 % missing cells,
// two school years per school so that year-over-year functions have data.
// Deterministic (SplitMix64, fixed seed).
import RiskmapLanguage

enum DefaultGenerator {
    static func csv(book: CheckedRuleBook, rows n: Int) -> [UInt8] {
        var state: UInt64 = 0x5EED_2025
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        func u(_ lo: Int, _ hi: Int) -> Int { lo + Int(next() % UInt64(hi - lo + 1)) }
        let munis = (1...30).map { "Муниципальный район № \($0)" }
        let latest = book.header.year?.start ?? 2025
        let years = [latest - 1, latest]
        var out: [UInt8] = []
        out.reserveCapacity(n * (40 + 8 * book.indicators.count))
        var header = ["school_id", "name", "municipality", "year"]
        // Computed indicators have no column: the rule book computes them (a column would
        // only earn a warning).
        let stored = book.indicators.filter { !$0.isComputed }
        header += stored.map(\.code)
        out.append(contentsOf: header.joined(separator: ";").utf8)
        out.append(0x0A)
        func decimal(_ tenths: Int) -> String { "\(tenths / 10),\(tenths % 10)" }
        for row in 0..<n {
            let school = row / 2 + 1
            let year = years[row % 2]
            var cells = [String(format6(school)), "МБОУ «СОШ № \(school % 150 + 1)»", munis[school % munis.count],
                         "\(year)/\((year + 1) % 100)"]
            for ind in stored {
                if u(0, 99) < 3 { cells.append(""); continue }
                let lo = ind.range?.lowerBound ?? 0
                let hi = ind.range?.upperBound ?? (ind.kind == .percent ? 100 : 200)
                switch ind.kind {
                case .count:
                    cells.append("\(u(Int(lo.rounded(.up)), max(Int(lo.rounded(.up)), Int(min(hi, 2000)))))")
                case .number, .percent:
                    let a = Int((lo * 10).rounded(.up)), b = max(a, Int((min(hi, 5000) * 10).rounded(.down)))
                    cells.append(decimal(u(a, b)))
                case .bool:
                    cells.append(u(0, 1) == 1 ? "да" : "нет")
                case .category:
                    cells.append(ind.categories.isEmpty ? "" : ind.categories[u(0, ind.categories.count - 1)])
                case .text:
                    cells.append("примечание \(u(1, 9))")
                }
            }
            out.append(contentsOf: cells.joined(separator: ";").utf8)
            out.append(0x0A)
        }
        return out
    }

    static func format6(_ k: Int) -> String {
        let s = String(k)
        return "SCH" + String(repeating: "0", count: max(0, 6 - s.count)) + s
    }
}
