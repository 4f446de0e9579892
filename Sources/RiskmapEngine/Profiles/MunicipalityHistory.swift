import RiskmapLanguage

/// The municipalities a school's rows name, while the loader places them: the first one
/// named (for the warning when a later row names another) and the one of the school's
/// latest year (the school's own, shown in its documents). An empty cell or a missing
/// marker names none: such a row takes the school's municipality.
struct MunicipalityHistory {
    /// Per school: the first municipality named and its year index (-1: none yet).
    private var first: [Int32] = []
    private var firstYear: [Int32] = []
    /// Per school: the municipality of the latest year that names one, and that year.
    private var latest: [Int32] = []
    private var latestYear: [Int32] = []
    private var warned: [Bool] = []
    /// Per municipality index: whether the name is empty or a missing marker (nil: not yet known).
    private var unnamed: [Bool?] = []

    /// Records that a row of `school` in year `yearIndex` names `municipality`; returns
    /// the school's first municipality when this is the first row to name another.
    mutating func note(school: Int, yearIndex: Int, municipality: Int, _ profiles: ProfileSet) -> (first: Int, firstYearIndex: Int)? {
        while first.count <= school {
            first.append(-1)
            firstYear.append(-1)
            latest.append(-1)
            latestYear.append(-1)
            warned.append(false)
        }
        guard !isUnnamed(municipality, profiles) else { return nil }
        let m = Int32(municipality), y = Int32(yearIndex)
        guard first[school] >= 0 else {
            (first[school], firstYear[school], latest[school], latestYear[school]) = (m, y, m, y)
            return nil
        }
        if y > latestYear[school] { (latest[school], latestYear[school]) = (m, y) }
        guard m != first[school], !warned[school] else { return nil }
        warned[school] = true
        return (Int(first[school]), Int(firstYear[school]))
    }

    /// Gives each school the municipality of its latest year that names one (none named:
    /// its first row's cell stays), and each row that names none its school's.
    mutating func resolve(_ rowMunicipality: inout [Int32], schools rowSchool: [Int32], in profiles: inout ProfileSet) {
        for (s, m) in latest.enumerated() where m >= 0 { profiles.setMunicipality(school: s, m) }
        for r in rowMunicipality.indices where isUnnamed(Int(rowMunicipality[r]), profiles) {
            rowMunicipality[r] = profiles.schoolMunicipality[Int(rowSchool[r])]
        }
    }

    private mutating func isUnnamed(_ municipality: Int, _ profiles: ProfileSet) -> Bool {
        while unnamed.count <= municipality { unnamed.append(nil) }
        if let known = unnamed[municipality] { return known }
        let name = profiles.municipalities[municipality]
        let result = name.isEmpty || CellParser.isMissing(name)
        unnamed[municipality] = result
        return result
    }
}
