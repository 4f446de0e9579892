#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RiskmapLanguage
import RiskmapPlatform

/// School profiles held column by column: one `Double` column per indicator, one entry
/// per (school, school year) row. A missing value is NaN. Booleans are 0/1, category
/// values their index in the declaration, text values an interned number.
public struct ProfileSet: Sendable {
    public struct School: Sendable {
        public var id: String
        public var name: String
        public var municipality: String

        public init(id: String, name: String, municipality: String) {
            self.id = id
            self.name = name
            self.municipality = municipality
        }
    }

    /// The schools, stored compactly: the UTF-8 bytes of every id and name in one shared
    /// arena (a name equal to its id shares its bytes), a municipality index per school.
    /// `School` values (three `String`s) are made on access.
    public struct SchoolList: RandomAccessCollection, Sendable {
        /// The ids' and names' bytes.
        var arena: [UInt8] = []
        /// Per school: id start, id end, name start, name end (into `arena`).
        var bounds: [UInt32] = []
        /// Per school: the municipality's index in `municipalityNames`.
        var municipality: [Int32] = []
        var municipalityNames: [String] = []

        public var startIndex: Int { 0 }
        public var endIndex: Int { municipality.count }

        public subscript(i: Int) -> School {
            School(id: id(i), name: name(i), municipality: municipalityNames[Int(municipality[i])])
        }

        func text(_ start: UInt32, _ end: UInt32) -> String {
            arena.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[Int(start)..<Int(end)]), as: UTF8.self) }
        }

        /// The id of school `i` (as `self[i].id`, without making the name).
        public func id(_ i: Int) -> String { text(bounds[4 * i], bounds[4 * i + 1]) }
        /// The name of school `i` (as `self[i].name`).
        public func name(_ i: Int) -> String { text(bounds[4 * i + 2], bounds[4 * i + 3]) }

        /// Where school `i`'s id bytes are in `arena`.
        @inline(__always)
        func idRange(_ i: Int) -> Range<Int> { Int(bounds[4 * i])..<Int(bounds[4 * i + 1]) }
        /// Where school `i`'s name bytes are in `arena`.
        @inline(__always)
        func nameRange(_ i: Int) -> Range<Int> { Int(bounds[4 * i + 2])..<Int(bounds[4 * i + 3]) }

        /// Appends the UTF-8 bytes of school `i`'s id to `out` (no `String` made).
        @inline(__always)
        public func appendID(_ i: Int, to out: inout OutputSpan<UInt8>) {
            out.append(copying: arena.span.extracting(idRange(i)))
        }

        /// Calls `body` with the UTF-8 bytes of school `i`'s id.
        @inline(__always)
        public func withIDBytes<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
            let s = Int(bounds[4 * i]), e = Int(bounds[4 * i + 1])
            return try arena.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[s..<e])) }
        }

        /// Calls `body` with the UTF-8 bytes of school `i`'s name.
        @inline(__always)
        public func withNameBytes<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
            let s = Int(bounds[4 * i + 2]), e = Int(bounds[4 * i + 3])
            return try arena.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[s..<e])) }
        }

        /// Drops the arena's spare capacity (after bulk loading).
        mutating func compact() {
            let n = arena.count
            guard arena.capacity > n + n / 8 + 64 else { return }
            var compact: [UInt8] = []
            compact.reserveCapacity(n)
            compact += arena
            arena = compact
        }

        mutating func reserve(_ count: Int, bytes: Int) {
            bounds.reserveCapacity(4 * count)
            municipality.reserveCapacity(count)
            arena.reserveCapacity(bytes)
        }

        /// Appends bytes to the arena; returns their (start, end).
        mutating func store<C: Collection<UInt8>>(_ bytes: C) -> (UInt32, UInt32) {
            let start = arena.count
            arena.append(contentsOf: bytes)
            precondition(arena.count <= Int(UInt32.max), "school names too large")
            return (UInt32(start), UInt32(arena.count))
        }

        /// Appends a school whose id bytes are `id` (already in the arena); the name is
        /// given as a range too (pass the id's for "same as the id").
        mutating func append(id: (UInt32, UInt32), name: (UInt32, UInt32), municipality m: Int) {
            bounds.append(id.0)
            bounds.append(id.1)
            bounds.append(name.0)
            bounds.append(name.1)
            municipality.append(Int32(m))
        }
    }

    /// Open-addressing index of school ids by their UTF-8 bytes, valid while every id is
    /// ASCII (for ASCII, `String` equality is byte equality). The first non-ASCII id
    /// switches to a `[String: Int]` over every school (canonical equivalence, as before).
    struct SchoolIndex: Sendable {
        /// Slot → school index + 1 (0 = empty); the count is a power of two.
        var slots: [Int32] = []
        var count = 0
        var strings: [String: Int]?

        /// All bytes but the last one mixed, plus the last byte: ids that differ only in
        /// their last character (sequential codes) land in neighbouring slots, so a run
        /// of such ids touches one cache line of the table instead of one line per id.
        @inline(__always)
        static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
            guard let last = b.last else { return 0 }
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for x in UnsafeBufferPointer(rebasing: b.dropLast()) { h = (h ^ UInt64(x)) &* 0x100_0000_01b3 }
            h ^= h >> 29
            h = h &* 0xbf58_476d_1ce4_e5b9
            h ^= h >> 32
            return h &+ UInt64(last)
        }

        @inline(__always)
        static func isASCII(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
            for x in b where x >= 0x80 { return false }
            return true
        }

        mutating func reserve(_ n: Int) {
            guard strings == nil else { strings!.reserveCapacity(n); return }
            var cap = 16
            while cap < 2 * n { cap <<= 1 }
            if cap > slots.count { rehash(cap, nil) }
        }

        mutating func rehash(_ capacity: Int, _ list: SchoolList?) {
            let old = slots
            slots = [Int32](repeating: 0, count: capacity)
            guard let list else { precondition(count == 0); return }
            let maskValue = UInt64(capacity - 1)
            for v in old where v != 0 {
                var s = Int(list.withIDBytes(Int(v - 1)) { Self.hash($0) } & maskValue)
                while slots[s] != 0 { s = (s + 1) & Int(maskValue) }
                slots[s] = v
            }
        }

        /// Switches to the `String` index (on the first non-ASCII id).
        mutating func switchToStrings(_ list: SchoolList) {
            guard strings == nil else { return }
            var d: [String: Int] = [:]
            d.reserveCapacity(Swift.max(list.count, slots.count / 2))
            for i in list.indices where d[list.id(i)] == nil { d[list.id(i)] = i }
            strings = d
            slots = []
        }

        /// The school with id bytes `b` (ASCII, byte mode only), or the slot to insert it at.
        @inline(__always)
        func find(_ b: UnsafeBufferPointer<UInt8>, _ list: SchoolList) -> (index: Int?, slot: Int) {
            let m = slots.count - 1
            var s = Int(Self.hash(b) & UInt64(m))
            while true {
                let v = slots[s]
                if v == 0 { return (nil, s) }
                let same = list.withIDBytes(Int(v - 1)) { e in
                    e.count == b.count && (b.count == 0 || memcmp(e.baseAddress!, b.baseAddress!, b.count) == 0)
                }
                if same { return (Int(v - 1), s) }
                s = (s + 1) & m
            }
        }

        /// Records school `index` (whose id is `b`, ASCII) at `slot` from `find`.
        mutating func insert(_ index: Int, slot: Int, _ list: SchoolList) {
            slots[slot] = Int32(index + 1)
            count += 1
            if 2 * count > slots.count { rehash(2 * slots.count, list) }
        }
    }

    public private(set) var schools = SchoolList()
    /// Sorted school years present in the data.
    public private(set) var years: [SchoolYear] = []
    /// Per row: the school index.
    public private(set) var rowSchool: [Int32] = []
    /// Per row: the index into `years`.
    public private(set) var rowYear: [Int32] = []
    /// Per row: the source line (0 for rows not read from a file).
    public private(set) var rowLine: [Int32] = []
    /// Per indicator: one value per row.
    public internal(set) var columns: IndicatorColumns
    /// Per school: the municipality's index in `municipalities` — that of its latest
    /// school year with one (a school that moved is shown where it is now).
    public private(set) var schoolMunicipality: [Int32] = []
    /// Per row: the municipality of the school in that year (a row without one takes the
    /// school's). Cohorts `по муниципалитету` group rows by it.
    public private(set) var rowMunicipality: [Int32] = []
    public private(set) var municipalities: [String] = []
    /// Interned text values of every text indicator, in the order first met: a text
    /// cell holds its index here, so equal texts are equal numbers whichever indicator
    /// holds them.
    public private(set) var texts: [String] = []
    private var textIndex: [String: Int] = [:]

    private var schoolIndex = SchoolIndex()
    private var municipalityIndex: [String: Int] = [:]
    /// (school, year) → row, filled by `finish()`.
    private var rowTable: [Int32] = []

    public var rowCount: Int { rowSchool.count }

    public init(indicatorCount: Int, years: [SchoolYear]) {
        columns = IndicatorColumns(count: indicatorCount, rows: 0)
        self.years = years.sorted()
    }

    /// Adds a school (or returns the existing one with this id).
    public mutating func school(id: String, name: String, municipality: String) -> Int {
        let (i, inserted) = schoolSlot(id: id)
        if !inserted { return i }
        let m = municipalityIndex(municipality)
        setSchool(i, name: name, municipality: m)
        if name.isEmpty {  // kept empty here (the loader's empty names mean the id)
            let end = UInt32(schools.arena.count)
            schools.bounds[4 * i + 2] = end
            schools.bounds[4 * i + 3] = end
        }
        return i
    }

    public func schoolIndex(id: String) -> Int? {
        if let strings = schoolIndex.strings { return strings[id] }
        var id = id
        return id.withUTF8 { b -> Int?? in
            guard SchoolIndex.isASCII(b) else { return nil }
            guard !schoolIndex.slots.isEmpty else { return .some(nil) }
            return .some(schoolIndex.find(b, schools).index)
        } ?? {
            // A non-ASCII id: compare as strings (canonical equivalence).
            schools.indices.first { schools.id($0) == id }
        }()
    }

    // MARK: Bulk loading (ProfileLoader)

    /// Reserves room for `schools` schools (with about `bytes` bytes of ids and names).
    mutating func reserveSchools(_ schools: Int, bytes: Int = 0) {
        self.schools.reserve(schools, bytes: bytes)
        schoolMunicipality.reserveCapacity(schools)
        schoolIndex.reserve(schools)
    }

    /// The index of a municipality name, added if new.
    mutating func municipalityIndex(_ municipality: String) -> Int {
        if let existing = municipalityIndex[municipality] { return existing }
        municipalities.append(municipality)
        schools.municipalityNames.append(municipality)
        municipalityIndex[municipality] = municipalities.count - 1
        return municipalities.count - 1
    }

    /// The index of school `id`; when it is new (`inserted`) it is added with its name
    /// equal to its id and municipality 0, which the caller then sets with `setSchool`.
    mutating func schoolSlot(id: String) -> (index: Int, inserted: Bool) {
        var id = id
        if schoolIndex.strings == nil {
            let r = id.withUTF8 { b -> (index: Int, inserted: Bool)? in
                SchoolIndex.isASCII(b) ? schoolSlot(idBytes: b) : nil
            }
            if let r { return r }
            schoolIndex.switchToStrings(schools)
        }
        if let i = schoolIndex.strings![id] { return (i, false) }
        let next = schools.count
        schoolIndex.strings![id] = next
        appendPlaceholder(schools.store(id.utf8))
        return (next, true)
    }

    /// As `schoolSlot(id:)` for the UTF-8 bytes of an id (any bytes: a non-ASCII id goes
    /// through `String`).
    mutating func schoolSlot(idBytes b: UnsafeBufferPointer<UInt8>) -> (index: Int, inserted: Bool) {
        guard schoolIndex.strings == nil, SchoolIndex.isASCII(b) else {
            return schoolSlot(id: String(decoding: b, as: UTF8.self))
        }
        if schoolIndex.slots.isEmpty { schoolIndex.reserve(16) }
        let (found, slot) = schoolIndex.find(b, schools)
        if let found { return (found, false) }
        let next = schools.count
        appendPlaceholder(schools.store(b))
        schoolIndex.insert(next, slot: slot, schools)
        return (next, true)
    }

    private mutating func appendPlaceholder(_ id: (UInt32, UInt32)) {
        schools.append(id: id, name: id, municipality: 0)
        schoolMunicipality.append(0)
    }

    /// Sets the name and municipality (an index from `municipalityIndex(_:)`) of the
    /// school `schoolSlot` just added; an empty name means the id.
    mutating func setSchool(_ index: Int, name: String, municipality: Int) {
        if !name.isEmpty {
            let r = schools.store(name.utf8)
            schools.bounds[4 * index + 2] = r.0
            schools.bounds[4 * index + 3] = r.1
        }
        schools.municipality[index] = Int32(municipality)
        schoolMunicipality[index] = Int32(municipality)
    }

    /// As `setSchool(_:name:municipality:)` with the name's UTF-8 bytes.
    mutating func setSchool(_ index: Int, nameBytes: UnsafeBufferPointer<UInt8>, municipality: Int) {
        if !nameBytes.isEmpty {
            let r = schools.store(nameBytes)
            schools.bounds[4 * index + 2] = r.0
            schools.bounds[4 * index + 3] = r.1
        }
        schools.municipality[index] = Int32(municipality)
        schoolMunicipality[index] = Int32(municipality)
    }

    /// Drops spare capacity of the school storage (after bulk loading).
    mutating func compactSchools() { schools.compact() }

    /// Sets every row at once: per-row school, year index, line and municipality, and the
    /// indicator columns (as many rows as the row arrays).
    mutating func setRows(school: [Int32], year: [Int32], line: [Int32], municipality: [Int32], columns: IndicatorColumns) {
        precondition(school.count == year.count && school.count == line.count && school.count == municipality.count)
        precondition(columns.count == self.columns.count && columns.rowCount == school.count)
        rowSchool = school
        rowYear = year
        rowLine = line
        rowMunicipality = municipality
        self.columns = columns
    }

    /// Sets a school's municipality (an index from `municipalityIndex(_:)`).
    mutating func setMunicipality(school: Int, _ municipality: Int32) {
        schools.municipality[school] = municipality
        schoolMunicipality[school] = municipality
    }

    /// The school of `row`, with the municipality of that row's year.
    public func school(row: Int) -> School {
        var s = schools[Int(rowSchool[row])]
        s.municipality = municipalities[Int(rowMunicipality[row])]
        return s
    }

    public func yearIndex(_ year: SchoolYear) -> Int? {
        years.firstIndex(of: year)
    }

    /// Appends a row with every indicator missing; returns its index.
    public mutating func appendRow(school: Int, yearIndex: Int, line: Int) -> Int {
        rowSchool.append(Int32(school))
        rowYear.append(Int32(yearIndex))
        rowLine.append(Int32(line))
        rowMunicipality.append(schoolMunicipality[school])
        columns.appendRow()
        return rowSchool.count - 1
    }

    public mutating func set(indicator: Int, row: Int, value: Double) {
        columns.set(column: indicator, row: row, value: value)
    }

    /// The value a text cell holding `text` stores (added if new).
    public mutating func intern(text: String) -> Double {
        if let i = textIndex[text] { return Double(i) }
        texts.append(text)
        textIndex[text] = texts.count - 1
        return Double(texts.count - 1)
    }

    /// The value a text cell holding `text` stores, if one does.
    public func textValue(of text: String) -> Double? {
        textIndex[text].map(Double.init)
    }

    /// The text of a text cell's value (nil when missing or not a text value).
    public func text(ofValue value: Double) -> String? {
        guard !value.isNaN, value >= 0, value < Double(texts.count) else { return nil }
        return texts[Int(value)]
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
