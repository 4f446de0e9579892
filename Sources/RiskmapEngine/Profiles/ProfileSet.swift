import RiskmapLanguage

/// School profiles held column by column: one `Double` column per indicator, one entry
/// per (school, school year) row. A missing value is NaN. Booleans are 0/1, category
/// values their index in the declaration, text values an interned number.
public struct ProfileSet: Sendable {
    public struct School: Sendable {
        public var id: String
        public var name: String
        public var municipality: String
    }

    public private(set) var schools: [School] = []
    /// Sorted school years present in the data.
    public private(set) var years: [SchoolYear] = []
    /// Per row: the school index.
    public private(set) var rowSchool: [Int32] = []
    /// Per row: the index into `years`.
    public private(set) var rowYear: [Int32] = []
    /// Per row: the source line (0 for rows not read from a file).
    public private(set) var rowLine: [Int32] = []
    /// Per indicator: one value per row.
    public internal(set) var columns: [[Double]]
    /// Per school: the municipality's index in `municipalities`.
    public private(set) var schoolMunicipality: [Int32] = []
    public private(set) var municipalities: [String] = []
    /// Interned text values, per text indicator.
    public internal(set) var texts: [Int: [String]] = [:]

    private var schoolIndex: [String: Int] = [:]
    private var municipalityIndex: [String: Int] = [:]
    /// (school, year) → row, filled by `finish()`.
    private var rowTable: [Int32] = []

    public var rowCount: Int { rowSchool.count }

    public init(indicatorCount: Int, years: [SchoolYear]) {
        columns = [[Double]](repeating: [], count: indicatorCount)
        self.years = years.sorted()
    }

    /// Adds a school (or returns the existing one with this id).
    public mutating func school(id: String, name: String, municipality: String) -> Int {
        if let i = schoolIndex[id] { return i }
        let m: Int
        if let existing = municipalityIndex[municipality] {
            m = existing
        } else {
            m = municipalities.count
            municipalities.append(municipality)
            municipalityIndex[municipality] = m
        }
        schools.append(School(id: id, name: name, municipality: municipality))
        schoolMunicipality.append(Int32(m))
        schoolIndex[id] = schools.count - 1
        return schools.count - 1
    }

    public func schoolIndex(id: String) -> Int? { schoolIndex[id] }

    // MARK: Bulk loading (ProfileLoader)

    /// Reserves room for `schools` schools.
    mutating func reserveSchools(_ schools: Int) {
        self.schools.reserveCapacity(schools)
        schoolMunicipality.reserveCapacity(schools)
        schoolIndex.reserveCapacity(schools)
    }

    /// The index of a municipality name, added if new.
    mutating func municipalityIndex(_ municipality: String) -> Int {
        if let existing = municipalityIndex[municipality] { return existing }
        municipalities.append(municipality)
        municipalityIndex[municipality] = municipalities.count - 1
        return municipalities.count - 1
    }

    /// The index of school `id`, reserving the next index (one hash lookup) when it is
    /// new (`inserted`); the caller must then add it with `appendSchool`.
    mutating func schoolSlot(id: String) -> (index: Int, inserted: Bool) {
        let next = schools.count
        var inserted = false
        let index = { (slot: inout Int) -> Int in
            if slot < 0 {
                slot = next
                inserted = true
            }
            return slot
        }(&schoolIndex[id, default: -1])
        return (index, inserted)
    }

    /// Adds the school whose slot `schoolSlot(id:)` reserved, in municipality
    /// `municipality` (an index from `municipalityIndex(_:)`); the same as `school(...)`.
    mutating func appendSchool(_ index: Int, id: String, name: String, municipality: Int) -> Int {
        precondition(index == schools.count)
        schools.append(School(id: id, name: name, municipality: municipalities[municipality]))
        schoolMunicipality.append(Int32(municipality))
        return index
    }

    /// Sets every row at once: per-row school, year index and line, and one column per
    /// indicator (each as long as the row arrays).
    mutating func setRows(school: [Int32], year: [Int32], line: [Int32], columns: [[Double]]) {
        precondition(school.count == year.count && school.count == line.count && columns.count == self.columns.count)
        precondition(columns.allSatisfy { $0.count == school.count })
        rowSchool = school
        rowYear = year
        rowLine = line
        self.columns = columns
    }

    public func yearIndex(_ year: SchoolYear) -> Int? {
        years.firstIndex(of: year)
    }

    /// Appends a row with every indicator missing; returns its index.
    public mutating func appendRow(school: Int, yearIndex: Int, line: Int) -> Int {
        rowSchool.append(Int32(school))
        rowYear.append(Int32(yearIndex))
        rowLine.append(Int32(line))
        for i in columns.indices { columns[i].append(.nan) }
        return rowSchool.count - 1
    }

    public mutating func set(indicator: Int, row: Int, value: Double) {
        columns[indicator][row] = value
    }

    /// Interns a text value of a text indicator.
    public mutating func intern(text: String, indicator: Int) -> Double {
        var list = texts[indicator] ?? []
        if let i = list.firstIndex(of: text) { return Double(i) }
        list.append(text)
        texts[indicator] = list
        return Double(list.count - 1)
    }

    public func textValue(indicator: Int, _ value: Double) -> String? {
        guard !value.isNaN, let list = texts[indicator], Int(value) < list.count else { return nil }
        return list[Int(value)]
    }

    /// Builds the (school, year) → row lookup. Call after the last row is added.
    public mutating func finish() {
        rowTable = [Int32](repeating: -1, count: schools.count * max(1, years.count))
        for row in 0..<rowCount {
            rowTable[Int(rowSchool[row]) * years.count + Int(rowYear[row])] = Int32(row)
        }
    }

    /// The row of `school` in the year with index `yearIndex`, if present.
    @inline(__always)
    public func row(school: Int, yearIndex: Int) -> Int? {
        guard yearIndex >= 0, yearIndex < years.count else { return nil }
        let r = rowTable[school * years.count + yearIndex]
        return r < 0 ? nil : Int(r)
    }

    /// The row of the same school `back` school years earlier (by calendar, not by position).
    @inline(__always)
    public func row(_ row: Int, yearsBack back: Int) -> Int? {
        if back == 0 { return row }
        let target = years[Int(rowYear[row])].start - back
        // Years are sorted; search backwards from the row's year.
        var y = Int(rowYear[row]) - 1
        while y >= 0 {
            let start = years[y].start
            if start == target { return self.row(school: Int(rowSchool[row]), yearIndex: y) }
            if start < target { return nil }
            y -= 1
        }
        return nil
    }

    /// Rows of one school year, in input order.
    public func rows(inYear yearIndex: Int) -> [Int] {
        (0..<rowCount).filter { Int(rowYear[$0]) == yearIndex }
    }
}
