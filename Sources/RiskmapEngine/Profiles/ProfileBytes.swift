import RiskmapLanguage
import RiskmapPlatform

/// The profile loader's byte-level fast paths: the common cases decided from a cell's
/// UTF-8 bytes, in the CSV text, without making a `String` (this runs once per cell of a
/// 200 MB file). Each gives exactly what the general path in `ProfileLoader` gives, and
/// leaves it everything else: plain years, plain numbers within bounds, `1`/`0` and the
/// usual yes/no words, exact category values, ids, names and municipalities with nothing
/// to trim.
enum ProfileBytes {
    // MARK: - Years

    /// The school years of `rows` (column `yc`) written in a plain spelling with nothing
    /// to trim, one per row (`ProfileLoader.noYear` for the others), the years seen, and
    /// the other rows, for `ProfileLoader.parseYear`.
    static func readYears(
        _ table: CSVTable, column yc: Int, rows: Range<Int>
    ) -> (rowYears: [Int32], years: Set<SchoolYear>, otherRows: [Int]) {
        var rowYears: [Int32] = []
        rowYears.reserveCapacity(rows.count)
        var years = Set<SchoolYear>()
        var otherRows: [Int] = []
        var lastYear: SchoolYear?
        table.bytes.withUnsafeBufferPointer { text in
            var scanner = CSVRowScanner(text: text, delimiter: table.delimiter, source: table.source, capacity: yc + 1)
            for row in rows {
                var year: SchoolYear?
                if yc < table.fieldCount(row: row) {
                    scanner.rescan(from: Int(table.rowStarts[row + 1]), limit: yc + 1)
                    if let b = scanner.fieldBytes(yc), let f = b.first, let l = b.last, f >= 48, f <= 57, l >= 48, l <= 57 {
                        year = parseYearFast(b)
                    }
                }
                guard let y = year else {
                    rowYears.append(ProfileLoader.noYear)
                    otherRows.append(row)
                    continue
                }
                rowYears.append(Int32(clamping: y.start))
                if y != lastYear {
                    years.insert(y)
                    lastYear = y
                }
            }
        }
        return (rowYears, years, otherRows)
    }

    /// The common spellings `2025`, `2025/26`, `2025-26`, `2025/2026`, `2025-2026`, read from
    /// bytes (this runs once per row); anything else goes through the general parser.
    @inline(__always)
    static func parseYearFast(_ text: String) -> SchoolYear? {
        parseYearFast(text.utf8)
    }

    @inline(__always)
    static func parseYearFast<S: Sequence<UInt8>>(_ bytes: S) -> SchoolYear? {
        var utf8 = bytes.makeIterator()
        func digit(_ b: UInt8?) -> Int? {
            guard let b, b >= 48, b <= 57 else { return nil }
            return Int(b - 48)
        }
        var start = 0
        for _ in 0..<4 {
            guard let d = digit(utf8.next()) else { return nil }
            start = start * 10 + d
        }
        guard (1900...2200).contains(start) else { return nil }
        guard let separator = utf8.next() else { return SchoolYear(start: start) }
        guard separator == UInt8(ascii: "/") || separator == UInt8(ascii: "-") else { return nil }
        var second = 0, digits = 0
        while let b = utf8.next() {
            guard let d = digit(b), digits < 4 else { return nil }
            second = second * 10 + d
            digits += 1
        }
        guard (digits == 2 && second == (start + 1) % 100) || (digits == 4 && second == start + 1) else { return nil }
        return SchoolYear(start: start)
    }

    // MARK: - Cells

    /// The mapped columns' plans as flat arrays (the hot loop then copies no structs).
    struct CellPlans {
        var column: [Int], kind: [IndicatorKind], low: [Double], high: [Double]
        var categoryBytes: [[[UInt8]?]]
        /// Whether the indicator is stored as yes/no bytes.
        var isFlag: [Bool]
        var count: Int { column.count }

        init(_ plans: [ProfileLoader.ColumnPlan], isFlag: [Bool]) {
            column = plans.map(\.column)
            kind = plans.map(\.kind)
            low = plans.map(\.low)
            high = plans.map(\.high)
            categoryBytes = plans.map(\.categoryBytes)
            self.isFlag = isFlag
        }
    }

    /// Parses the mapped cells of the placed rows `range` (positions in `rows`, the table
    /// rows) that can be decided from their bytes, writing their values to `writer`
    /// (target = plan): empty (missing), plain numbers within bounds (counts as `parseCount`),
    /// `1`/`0` and the words of `boolWords`, exact category values. Returns the others, as
    /// `position * plans.count + plan`, in (row, column) order.
    static func parseCells(
        _ table: CSVTable, rows range: Range<Int>, of rows: [Int32], _ plans: CellPlans, into writer: ColumnWriter
    ) -> [Int] {
        let planCount = plans.count
        // Each row is scanned again up to the last mapped column.
        let scanLimit = (plans.column.max() ?? 0) + 1
        var pending: [Int] = []
        table.bytes.withUnsafeBufferPointer { text in
        table.rowFirstField.withUnsafeBufferPointer { rowFirstField in
        boolKeys.withUnsafeBufferPointer { boolKeys in
            var scanner = CSVRowScanner(text: text, delimiter: table.delimiter, source: table.source, capacity: scanLimit)
            for r in range {
                let row = Int(rows[r])
                let fieldCount = Int(rowFirstField[row + 2]) - Int(rowFirstField[row + 1])
                scanner.rescan(from: Int(table.rowStarts[row + 1]), limit: scanLimit)
                for p in 0..<planCount where plans.column[p] < fieldCount {
                    if let b = scanner.fieldBytes(plans.column[p]) {
                        if b.isEmpty { continue }  // missing
                        let kind = plans.kind[p]
                        switch kind {
                        case .number, .percent, .count:
                            if let v = kind == .count ? CellParser.parseCount(bytes: b) : CellParser.parseNumber(bytes: b),
                               v >= plans.low[p], v <= plans.high[p] {
                                writer.set(p, row: r, v)
                                continue
                            }
                        case .bool:
                            var v: Double?
                            if b.count == 1 {
                                if b[0] == UInt8(ascii: "1") { v = 1 } else if b[0] == UInt8(ascii: "0") { v = 0 }
                            } else {
                                v = boolWord(b, boolKeys)
                            }
                            if let v {
                                if plans.isFlag[p] { writer.set(p, row: r, byte: v == 1 ? 1 : 0) } else { writer.set(p, row: r, v) }
                                continue
                            }
                        case .category:
                            if let i = plans.categoryBytes[p].firstIndex(where: { $0.map { c in c.elementsEqual(b) } ?? false }) {
                                writer.set(p, row: r, Double(i))
                                continue
                            }
                        case .text:
                            break
                        }
                    }
                    pending.append(r * planCount + p)
                }
            }
        }
        }
        }
        return pending
    }

    /// Yes/no words accepted by `CellParser.parseBool`, in the spellings met in practice,
    /// as bytes (an exact match gives what the `String` path gives).
    static let boolWords: [(bytes: [UInt8], value: Double)] =
        ["да", "Да", "ДА", "true", "True", "TRUE", "истина", "Истина", "ИСТИНА", "yes", "Yes", "YES"].map { (Array($0.utf8), 1) }
        + ["нет", "Нет", "НЕТ", "false", "False", "FALSE", "ложь", "Ложь", "ЛОЖЬ", "no", "No", "NO"].map { (Array($0.utf8), 0) }

    /// A yes/no word packed for comparison without memory traffic: its UTF-8 bytes (at
    /// most 16) as two little-endian words, and its length.
    struct BoolKey {
        var count: Int
        var low: UInt64
        var high: UInt64
        var value: Double
    }

    /// In the order of `boolWords`, yes and no spellings alternating (`да`, `нет`, `Да`,
    /// `Нет`, …), so the common words are found first.
    static let boolKeys: [BoolKey] = boolWords.indices.sorted { ($0 % 12, $0 / 12) < ($1 % 12, $1 / 12) }.map { boolWords[$0] }.map { w in
        w.bytes.withUnsafeBufferPointer { b in
            precondition(b.count <= 16, "yes/no words are at most 16 bytes")
            let (low, high) = pack(b)
            return BoolKey(count: b.count, low: low, high: high, value: w.value)
        }
    }

    /// Up to 16 bytes as two little-endian words (zero-padded).
    @inline(__always)
    static func pack(_ b: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        var low: UInt64 = 0, high: UInt64 = 0
        for i in 0..<min(b.count, 8) { low |= UInt64(b[i]) << (8 * UInt64(i)) }
        if b.count > 8 { for i in 8..<min(b.count, 16) { high |= UInt64(b[i]) << (8 * UInt64(i - 8)) } }
        return (low, high)
    }

    /// The value of a yes/no word given exactly as in `boolWords` (byte for byte).
    @inline(__always)
    static func boolWord(_ b: UnsafeBufferPointer<UInt8>, _ keys: UnsafeBufferPointer<BoolKey>) -> Double? {
        guard b.count <= 16 else { return nil }
        let (low, high) = pack(b)
        for k in keys where k.count == b.count && k.low == low && k.high == high { return k.value }
        return nil
    }

    // MARK: - Ids, names, municipalities

    /// True when `CellParser.trimmed` certainly leaves these bytes as they are (the check
    /// of `trimmedString`'s fast path; empty counts as nothing to trim).
    @inline(__always)
    static func nothingToTrim(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let f = bytes.first, let l = bytes.last else { return true }
        let n = bytes.count
        let firstSafe = (f > 0x20 && f < 0x7F) || f == 0xD0 || f == 0xD1
            || (f == 0xC2 && n >= 2 && bytes[1] >= 0xA1 && bytes[1] <= 0xBF)
        let lead = n >= 2 ? bytes[n - 2] : 0
        let lastSafe = (l > 0x20 && l < 0x7F)
            || (l >= 0x80 && l <= 0xBF && (lead == 0xD0 || lead == 0xD1 || (lead == 0xC2 && l >= 0xA1)))
        guard firstSafe && lastSafe else { return false }
        // No control character inside (C0, DEL, C1 = C2 80–9F) nor a bidirectional
        // override (E2 80 AA–AE, E2 81 A6–A9): those `trimmed` makes visible.
        for i in 1..<n {
            let b = bytes[i]
            if (b < 0x20 && b != 9 && b != 10 && b != 13) || b == 0x7F { return false }
            if b == 0xC2 && i + 1 < n && bytes[i + 1] < 0xA0 { return false }
            if b == 0xE2 && i + 2 < n {
                let (b1, b2) = (bytes[i + 1], bytes[i + 2])
                if (b1 == 0x80 && b2 >= 0xAA && b2 <= 0xAE) || (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9) { return false }
            }
        }
        return true
    }

    /// `CellParser.trimmed` of UTF-8 bytes, without a second copy when nothing is trimmed.
    @inline(__always)
    static func trimmedString(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard !bytes.isEmpty else { return "" }
        let s = String(decoding: bytes, as: UTF8.self)
        if nothingToTrim(bytes) { return s }
        return CellParser.trimmed(s)
    }

    /// The trimmed text of cell `column` of the scanned `row` (as
    /// `CellParser.trimmed(table.field(...))`).
    static func trimmedField(_ scanner: CSVRowScanner, _ table: CSVTable, row: Int, fieldCount: Int, column: Int) -> String {
        guard column < fieldCount else { return "" }
        guard let b = scanner.fieldBytes(column) else { return CellParser.trimmed(table.field(row: row, column: column)) }
        return trimmedString(b)
    }

    /// A row's school id: the cell's bytes when nothing can be trimmed (no `String`
    /// made), else its trimmed text.
    enum RowID {
        case bytes(UnsafeBufferPointer<UInt8>)
        case text(String)

        var isEmpty: Bool {
            switch self {
            case .bytes(let b): return b.isEmpty
            case .text(let s): return s.isEmpty
            }
        }

        var byteCount: Int {
            switch self {
            case .bytes(let b): return b.count
            case .text(let s): return s.utf8.count
            }
        }

        var string: String {
            switch self {
            case .bytes(let b): return String(decoding: b, as: UTF8.self)
            case .text(let s): return s
            }
        }

        /// The school with this id (added when new).
        func slot(in profiles: inout ProfileSet) -> (index: Int, inserted: Bool) {
            switch self {
            case .bytes(let b): return profiles.schoolSlot(idBytes: b)
            case .text(let s): return profiles.schoolSlot(id: s)
            }
        }
    }

    /// The id in cell `column` of the scanned `row`.
    static func rowID(_ scanner: CSVRowScanner, _ table: CSVTable, row: Int, fieldCount: Int, column: Int) -> RowID {
        if column < fieldCount, let b = scanner.fieldBytes(column), nothingToTrim(b) { return .bytes(b) }
        return .text(trimmedField(scanner, table, row: row, fieldCount: fieldCount, column: column))
    }

    /// Sets a new school's name (cell `nameColumn` of the scanned `row`, trimmed; none:
    /// empty) and municipality.
    static func setSchool(
        _ school: Int, _ scanner: CSVRowScanner, _ table: CSVTable, row: Int, fieldCount: Int, nameColumn: Int?,
        municipality: Int, in profiles: inout ProfileSet
    ) {
        if let nc = nameColumn, nc < fieldCount, let b = scanner.fieldBytes(nc), nothingToTrim(b) {
            profiles.setSchool(school, nameBytes: b, municipality: municipality)
        } else {
            let name = nameColumn.map { trimmedField(scanner, table, row: row, fieldCount: fieldCount, column: $0) } ?? ""
            profiles.setSchool(school, name: name, municipality: municipality)
        }
    }

    /// Municipality indices by the hash of their cells' raw bytes (verified on every hit):
    /// the few municipality names of a file are trimmed and looked up once each.
    struct MunicipalityCache {
        private var entries: [UInt64: (bytes: [UInt8], index: Int)] = [:]

        /// The municipality in cell `column` of the scanned `row` (none: empty).
        mutating func index(
            _ scanner: CSVRowScanner, _ table: CSVTable, row: Int, fieldCount: Int, column: Int?,
            in profiles: inout ProfileSet
        ) -> Int {
            guard let mc = column, mc < fieldCount, let b = scanner.fieldBytes(mc) else {
                return profiles.municipalityIndex(column.map { trimmedField(scanner, table, row: row, fieldCount: fieldCount, column: $0) } ?? "")
            }
            let hash = ProfileBytes.fnv1a(b)
            if let hit = entries[hash], ProfileBytes.equal(hit.bytes, b) { return hit.index }
            let index = profiles.municipalityIndex(trimmedString(b))
            if entries[hash] == nil { entries[hash] = (Array(b), index) }
            return index
        }
    }

    /// Whether `a` and `b` hold the same bytes.
    @inline(__always)
    static func equal(_ a: [UInt8], _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        for i in 0..<b.count where a[i] != b[i] { return false }
        return true
    }

    @inline(__always)
    static func fnv1a(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }
}
