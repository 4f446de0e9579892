import RiskmapLanguage
import RiskmapPlatform

/// The cohort functions of one run: for each slot of the program, the statistic over the
/// rows of the same school year (and the same partition value), missing values left out
/// as Excel does. Groups of rows and their sorted values are computed once per partition
/// and argument and shared by the slots that need them.
struct Cohorts {
    let profiles: ProfileSet
    let threads: Int

    /// Rows grouped by (school year, partition value), members in row order; rows whose
    /// partition value is missing are in no group.
    private var groupsByPartition: [CohortPartition?: [[Int32]]] = [:]
    /// Per (derived column, partition): each group's known argument values, sorted.
    private var sortedValues: [SortedKey: [[Double]]] = [:]

    private struct SortedKey: Hashable {
        var argument: Int
        var partition: CohortPartition?
    }

    init(profiles: ProfileSet, threads: Int) {
        self.profiles = profiles
        self.threads = threads
    }

    /// Forgets the sorted values of derived column `argument` (a sweep recomputed it with
    /// another parameter value).
    mutating func forget(argument: Int) {
        sortedValues = sortedValues.filter { $0.key.argument != argument }
    }

    /// The values of `cohort` for every row (NaN: unknown); `argument` is its derived column.
    mutating func values(_ cohort: Program.Cohort, argument: DerivedValues) -> [Double] {
        let partition = cohort.partition
        let groups = self.groups(partition)
        let key = SortedKey(argument: cohort.argument, partition: partition)
        let sorted: [[Double]]
        if let cached = sortedValues[key] {
            sorted = cached
        } else {
            sorted = Cohorts.sortedKnownValues(groups, argument, threads: threads)
            sortedValues[key] = sorted
        }
        var result = [Double](repeating: .nan, count: profiles.rowCount)
        for (g, members) in groups.enumerated() {
            let values = sorted[g]
            guard !values.isEmpty else { continue }
            switch cohort.function {
            case .mean:
                let mean = values.reduce(0, +) / Double(values.count)
                for r in members { result[Int(r)] = mean }
            case .median:
                let v = CohortStatistics.percentileInclusive(values, 50)
                for r in members { result[Int(r)] = v }
            case .percentile:
                let v = CohortStatistics.percentileInclusive(values, cohort.parameter ?? 50)
                for r in members { result[Int(r)] = v }
            case .rank:
                for r in members where !argument[Int(r)].isNaN {
                    result[Int(r)] = Double(CohortStatistics.rankDescending(values, argument[Int(r)]))
                }
            }
        }
        return result
    }

    /// Per group: the known (non-NaN) argument values of its members, sorted. Groups are
    /// sorted concurrently when there are enough rows to pay for it (the result does not
    /// depend on the thread count).
    static func sortedKnownValues(_ members: [[Int32]], _ argument: DerivedValues, threads: Int) -> [[Double]] {
        let total = members.reduce(0) { $0 + $1.count }
        guard threads > 1, members.count > 1, total >= 1 << 16 else {
            return members.map { sortedKnownValues(of: $0, argument) }
        }
        return Parallel.map(count: members.count, threads: threads) { g in sortedKnownValues(of: members[g], argument) }
    }

    static func sortedKnownValues(of members: [Int32], _ argument: DerivedValues) -> [Double] {
        var values: [Double] = []
        values.reserveCapacity(members.count)
        argument.withNumbers { numbers in
            if let numbers {
                for r in members {
                    let v = numbers[Int(r)]
                    if !v.isNaN { values.append(v) }
                }
            } else {
                for r in members {
                    let v = argument[Int(r)]
                    if !v.isNaN { values.append(v) }
                }
            }
        }
        CohortStatistics.sort(&values)
        return values
    }

    private mutating func groups(_ partition: CohortPartition?) -> [[Int32]] {
        if let cached = groupsByPartition[partition] { return cached }
        let rows = profiles.rowCount
        var groupOf = [Int32](repeating: -1, count: rows)
        var groupCount = 0
        switch partition {
        case nil:
            groupCount = profiles.years.count
            for r in 0..<rows { groupOf[r] = profiles.rowYear[r] }
        case .municipality?:
            let m = max(1, profiles.municipalities.count)
            groupCount = profiles.years.count * m
            for r in 0..<rows {
                groupOf[r] = profiles.rowYear[r] * Int32(m) + profiles.rowMunicipality[r]
            }
        case .indicator(let i)?:
            struct Key: Hashable {
                var year: Int32
                var value: Double
            }
            var ids: [Key: Int32] = [:]
            let column = profiles.columns[i]
            for r in 0..<rows {
                let v = column[r]
                if v.isNaN { continue }
                let k = Key(year: profiles.rowYear[r], value: v)
                if let g = ids[k] {
                    groupOf[r] = g
                } else {
                    groupOf[r] = Int32(groupCount)
                    ids[k] = Int32(groupCount)
                    groupCount += 1
                }
            }
        }
        var sizes = [Int](repeating: 0, count: groupCount)
        for g in groupOf where g >= 0 { sizes[Int(g)] += 1 }
        var members = sizes.map { n -> [Int32] in
            var a: [Int32] = []
            a.reserveCapacity(n)
            return a
        }
        for r in 0..<rows where groupOf[r] >= 0 { members[Int(groupOf[r])].append(Int32(r)) }
        let groups = members.filter { !$0.isEmpty }
        groupsByPartition[partition] = groups
        return groups
    }
}
