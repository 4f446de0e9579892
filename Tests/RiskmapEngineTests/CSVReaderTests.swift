import Testing
@testable import RiskmapEngine
import RiskmapLanguage

/// Reads UTF-8 text as a CSV file.
private func read(_ text: String, _ options: CSVOptions = CSVOptions()) -> (CSVTable?, [Diagnostic]) {
    CSVReader.read(bytes: Array(text.utf8), path: "t.csv", options: options)
}

/// Every data cell, row by row.
private func cells(_ table: CSVTable) -> [[String]] {
    (0..<table.rowCount).map { row in
        (0..<table.fieldCount(row: row)).map { table.field(row: row, column: $0) }
    }
}

private func headers(_ table: CSVTable) -> [String] {
    (0..<table.columnCount).map { table.header($0) }
}

/// Windows-1251 bytes of `text`, encoded by hand (letters, Ёё, № « » and ASCII only).
private func cp1251(_ text: String) -> [UInt8] {
    text.unicodeScalars.map { scalar -> UInt8 in
        switch scalar.value {
        case 0..<0x80: return UInt8(scalar.value)
        case 0x0410...0x044F: return UInt8(0xC0 + scalar.value - 0x0410)
        case 0x0401: return 0xA8  // Ё
        case 0x0451: return 0xB8  // ё
        case 0x2116: return 0xB9  // №
        case 0x00AB: return 0xAB  // «
        case 0x00BB: return 0xBB  // »
        default: fatalError("no cp1251 byte for \(scalar) in this test")
        }
    }
}

/// A deterministic byte generator (64-bit LCG).
private struct Junk {
    var state: UInt64
    mutating func next() -> UInt8 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return UInt8(truncatingIfNeeded: state >> 56)
    }
}

/// Touches every accessor of every cell; used to show that nothing traps.
private func exercise(_ table: CSVTable) -> Int {
    var total = table.columnCount
    for column in 0..<table.columnCount {
        total += table.header(column).utf8.count + table.headerRange(column).end
    }
    for row in 0..<table.rowCount {
        total += table.line(ofRow: row) + table.rowRange(row).end
        for column in 0...table.fieldCount(row: row) {
            total += table.field(row: row, column: column).utf8.count
            let range = table.fieldRange(row: row, column: column)
            total += range.startLocation.line + range.text.utf8.count
            total += table.withFieldBytes(row: row, column: column) { $0.count }
        }
    }
    return total
}

/// A plain, byte-at-a-time reading of the same CSV rules, to check the fast reader against.
private func referenceRows(_ bytes: [UInt8], delimiter: UInt8) -> [[String]] {
    let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
    var rows: [[String]] = []
    var i = 0
    let n = bytes.count
    while i < n {
        if bytes[i] == lf || bytes[i] == cr {
            i += bytes[i] == cr && i + 1 < n && bytes[i + 1] == lf ? 2 : 1
            continue
        }
        var row: [String] = []
        while true {
            var field: [UInt8] = []
            if i < n && bytes[i] == quote {
                i += 1
                while i < n {
                    if bytes[i] == quote {
                        if i + 1 < n && bytes[i + 1] == quote { field.append(quote); i += 2; continue }
                        i += 1
                        break
                    }
                    field.append(bytes[i])
                    i += 1
                }
            }
            while i < n && bytes[i] != delimiter && bytes[i] != lf && bytes[i] != cr {
                field.append(bytes[i])
                i += 1
            }
            row.append(String(decoding: field, as: UTF8.self))
            if i >= n { break }
            let c = bytes[i]
            i += 1
            if c == delimiter { continue }
            if c == cr && i < n && bytes[i] == lf { i += 1 }
            break
        }
        rows.append(row)
    }
    return rows
}

@Suite struct CSVReaderTests {
    // MARK: Delimiters

    @Test(arguments: [(",", UInt8(ascii: ",")), (";", UInt8(ascii: ";")), ("\t", UInt8(ascii: "\t"))])
    func detectsEachDelimiter(separator: String, byte: UInt8) throws {
        let text = ["id", "name", "pupils"].joined(separator: separator) + "\n"
            + ["1", "Школа", "120"].joined(separator: separator) + "\n"
            + ["2", "Лицей", ""].joined(separator: separator) + "\n"
        let (table, diagnostics) = read(text)
        let t = try #require(table)
        #expect(diagnostics.isEmpty)
        #expect(t.delimiter == byte)
        #expect(headers(t) == ["id", "name", "pupils"])
        #expect(cells(t) == [["1", "Школа", "120"], ["2", "Лицей", ""]])
    }

    @Test(arguments: [
        ("a;b,c\n", ";"),          // tie: ; wins
        ("a,b\tc\td\n", "\t"),     // most frequent
        ("a\tb,c\n", "\t"),        // tie: tab before ,
        ("a,b,c;d\n", ","),        // most frequent
        ("single\n", ";"),         // nothing to count: ;
        ("\"a;b;c\",d\n", ","),    // delimiters inside quotes do not count
        ("\n\na,b\n", ","),        // leading blank lines are skipped
    ])
    func delimiterDetectionRules(text: String, expected: String) throws {
        let t = try #require(read(text).0)
        #expect(t.delimiter == expected.utf8.first)
    }

    @Test func forcedDelimiter() throws {
        let t = try #require(read("a;b,c\n1;2,3\n", CSVOptions(delimiter: UInt8(ascii: ","))).0)
        #expect(t.delimiter == UInt8(ascii: ","))
        #expect(headers(t) == ["a;b", "c"])
        #expect(cells(t) == [["1;2", "3"]])
    }

    @Test func unusableForcedDelimiterIsIgnored() throws {
        let t = try #require(read("a;b\n1;2\n", CSVOptions(delimiter: UInt8(ascii: "\""))).0)
        #expect(t.delimiter == UInt8(ascii: ";"))
        #expect(cells(t) == [["1", "2"]])
    }

    // MARK: Quoting

    @Test func quotedFieldsWithDelimiterAndQuotes() throws {
        let text = "id;name;note\n1;\"Школа \"\"Ромашка\"\"; филиал\";\"\"\n"
        let (table, diagnostics) = read(text)
        let t = try #require(table)
        #expect(diagnostics.isEmpty)
        #expect(cells(t) == [["1", "Школа \"Ромашка\"; филиал", ""]])
        #expect(t.fieldRange(row: 0, column: 1).text == "\"Школа \"\"Ромашка\"\"; филиал\"")
        #expect(t.fieldRange(row: 0, column: 2).text == "\"\"")
        let unescaped = t.withFieldBytes(row: 0, column: 1) { String(decoding: $0, as: UTF8.self) }
        #expect(unescaped == "Школа \"Ромашка\"; филиал")
    }

    @Test func cleanQuotedFieldGivesItsContentBytes() throws {
        let t = try #require(read("a,b\n\"x,y\",\"Лицей\"\n").0)
        #expect(t.withFieldBytes(row: 0, column: 0) { Array($0) } == Array("x,y".utf8))
        #expect(t.withFieldBytes(row: 0, column: 1) { Array($0) } == Array("Лицей".utf8))
        #expect(t.fieldRange(row: 0, column: 1).text == "\"Лицей\"")
    }

    @Test(arguments: [
        ("\"ab\"c", "abc"),          // text after the closing quote is kept
        ("\"a\"\"b\"", "a\"b"),
        ("\"\"\"\"", "\""),
        ("a\"b", "a\"b"),            // a quote inside an unquoted field is literal
        ("\"a\"\"\"x\"y", "a\"x\"y"),
    ])
    func quoteEdgeCases(field: String, expected: String) throws {
        let t = try #require(read("h,k\n\(field),2\n").0)
        #expect(t.field(row: 0, column: 0) == expected)
        #expect(t.withFieldBytes(row: 0, column: 0) { String(decoding: $0, as: UTF8.self) } == expected)
        #expect(t.field(row: 0, column: 1) == "2")
        #expect(t.fieldRange(row: 0, column: 0).text == field)
    }

    @Test func newlineInsideQuotesKeepsLineNumbers() throws {
        let text = "id,name,n\n1,\"первая\nвторая\r\nтретья\",5\n2,x,6\n3,y\n"
        let (table, diagnostics) = read(text)
        let t = try #require(table)
        #expect(t.rowCount == 3)
        #expect(t.field(row: 0, column: 1) == "первая\nвторая\r\nтретья")
        #expect(t.field(row: 0, column: 2) == "5")
        #expect(t.line(ofRow: 0) == 2)
        #expect(t.line(ofRow: 1) == 5)
        #expect(t.line(ofRow: 2) == 6)
        #expect(t.fieldRange(row: 0, column: 2).startLocation == SourceLocation(line: 4, column: 9))
        #expect(t.fieldRange(row: 1, column: 2).startLocation == SourceLocation(line: 5, column: 5))
        // The short row after the multi-line field is reported on its own line.
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.location == SourceLocation(line: 6, column: 1))
    }

    // MARK: Lines

    @Test func crlfAndFinalLineWithoutNewline() throws {
        let (table, diagnostics) = read("a,b\r\n1,\"x\"\r\n3,4")
        let t = try #require(table)
        #expect(diagnostics.isEmpty)
        #expect(headers(t) == ["a", "b"])
        #expect(cells(t) == [["1", "x"], ["3", "4"]])
        #expect(t.line(ofRow: 1) == 3)
    }

    @Test func blankLinesAreSkipped() throws {
        let (table, diagnostics) = read("\n\na,b\n\n1,2\r\n\r\n3,4\n\n")
        let t = try #require(table)
        #expect(diagnostics.isEmpty)
        #expect(t.rowCount == 2)
        #expect(cells(t) == [["1", "2"], ["3", "4"]])
        #expect(t.headerRange(0).startLocation == SourceLocation(line: 3, column: 1))
        #expect(t.line(ofRow: 0) == 5)
        #expect(t.line(ofRow: 1) == 7)
    }

    @Test func loneCarriageReturnEndsALine() throws {
        let t = try #require(read("a,b\r1,2\r").0)
        #expect(cells(t) == [["1", "2"]])
    }

    @Test func trailingDelimiterMakesAnEmptyLastCell() throws {
        let (table, diagnostics) = read("a,b,\n1,2,\n3,4,")
        let t = try #require(table)
        #expect(diagnostics.isEmpty)
        #expect(t.columnCount == 3)
        #expect(cells(t) == [["1", "2", ""], ["3", "4", ""]])
    }

    @Test func headerIsTrimmedAndUnquoted() throws {
        let t = try #require(read(" name ;\"  id \";\tx\t\n1;2;3\n").0)
        #expect(headers(t) == ["name", "id", "x"])
        #expect(t.headerRange(1).text == "\"  id \"")
        #expect(t.field(row: 0, column: 0) == "1")
    }

    @Test func fieldsAreNotTrimmed() throws {
        let t = try #require(read("a;b\n 1 ; x\n").0)
        #expect(cells(t) == [[" 1 ", " x"]])
    }

    // MARK: Encodings

    @Test func bomIsStripped() throws {
        let (table, diagnostics) = CSVReader.read(bytes: [0xEF, 0xBB, 0xBF] + Array("id;имя\n1;2\n".utf8), path: "b.csv")
        let t = try #require(table)
        #expect(diagnostics.isEmpty)
        #expect(t.encoding == .utf8)
        #expect(headers(t) == ["id", "имя"])
        #expect(t.source.bytes.first == UInt8(ascii: "i"))
        #expect(t.headerRange(0).startLocation == SourceLocation(line: 1, column: 1))
    }

    @Test func windows1251IsDetected() throws {
        let bytes = Array("id;name\n1;".utf8) + [0xD8, 0xEA, 0xEE, 0xEB, 0xE0] + Array("\n".utf8)
        let (table, diagnostics) = CSVReader.read(bytes: bytes, path: "w.csv")
        let t = try #require(table)
        #expect(diagnostics.isEmpty)
        #expect(t.encoding == .cp1251)
        #expect(t.field(row: 0, column: 1) == "Школа")
        #expect(t.source.text(t.fieldRange(row: 0, column: 1)) == "Школа")
        #expect(t.fieldRange(row: 0, column: 1).startLocation == SourceLocation(line: 2, column: 3))
    }

    @Test func forcedEncodings() throws {
        // Forced cp1251 on bytes that are also valid UTF-8 ("Р°" in cp1251 is "а" in UTF-8).
        let bytes = Array("x\n".utf8) + [0xD0, 0xB0] + Array("\n".utf8)
        let asUTF8 = try #require(CSVReader.read(bytes: bytes, path: "f.csv").0)
        #expect(asUTF8.encoding == .utf8)
        #expect(asUTF8.field(row: 0, column: 0) == "а")
        let asCP1251 = try #require(CSVReader.read(bytes: bytes, path: "f.csv", options: CSVOptions(encoding: .cp1251)).0)
        #expect(asCP1251.encoding == .cp1251)
        #expect(asCP1251.field(row: 0, column: 0) == "Р°")
        // Forced UTF-8 on cp1251 bytes: replacement characters, no crash.
        let forced = try #require(CSVReader.read(bytes: cp1251("x\nШкола\n"), path: "f.csv", options: CSVOptions(encoding: .utf8)).0)
        #expect(forced.encoding == .utf8)
        #expect(forced.field(row: 0, column: 0).unicodeScalars.allSatisfy { $0 == "\u{FFFD}" })
    }

    @Test func cp1251FileAndItsUTF8TwinGiveTheSameTable() throws {
        let text = "код;Название;Муниципалитет;Ёмкость\n"
            + "1;МБОУ «СОШ № 5»;Берёзовский район;120\n"
            + "2;\"Лицей \"\"Эрудит\"\"; ЁЛКИ\";г. Приозёрск;\n"
            + "3;ёжик;\"многострочное\nзначение\";7\n"
        let utf8 = try #require(read(text).0)
        let windows = try #require(CSVReader.read(bytes: cp1251(text), path: "t.csv").0)
        #expect(utf8.encoding == .utf8)
        #expect(windows.encoding == .cp1251)
        #expect(windows.source.bytes == utf8.source.bytes)
        #expect(headers(windows) == headers(utf8))
        #expect(cells(windows) == cells(utf8))
        #expect(cells(windows)[1][1] == "Лицей \"Эрудит\"; ЁЛКИ")
        for row in 0..<utf8.rowCount {
            #expect(windows.line(ofRow: row) == utf8.line(ofRow: row))
        }
    }

    @Test func windows1251TableHighHalf() {
        let high = TextDecoding.decodeWindows1251(Array(0x80...0xBF))
        let expected = "ЂЃ‚ѓ„…†‡€‰Љ‹ЊЌЋЏђ‘’“”•–—\u{FFFD}™љ›њќћџ\u{00A0}ЎўЈ¤Ґ¦§Ё©Є«¬\u{00AD}®Ї°±Ііґµ¶·ё№є»јЅѕї"
        #expect(String(decoding: high, as: UTF8.self) == expected)
        let letters = TextDecoding.decodeWindows1251(Array(0xC0...0xFF))
        #expect(String(decoding: letters, as: UTF8.self) == "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюя")
        let ascii = Array(UInt8(0)...UInt8(0x7F))
        #expect(TextDecoding.decodeWindows1251(ascii) == ascii)
        #expect(TextDecoding.isValidUTF8(TextDecoding.decodeWindows1251(Array(0...255))))
    }

    @Test func windows1251DecodingOfLongMixedText() {
        var junk = Junk(state: 7)
        for length in [0, 1, 7, 8, 9, 15, 16, 17, 100, 1_000] {
            // Runs of ASCII and of high bytes, so that both the word and the byte paths run.
            var bytes: [UInt8] = []
            while bytes.count < length {
                let run = Int(junk.next() % 20)
                let ascii = junk.next() % 2 == 0
                for _ in 0..<run where bytes.count < length {
                    bytes.append(ascii ? 0x20 + junk.next() % 0x5F : 0x80 | junk.next())
                }
            }
            var scalars = String.UnicodeScalarView()
            scalars.append(contentsOf: bytes.map(TextDecoding.windows1251Scalar))
            #expect(TextDecoding.decodeWindows1251(bytes) == Array(String(scalars).utf8))
        }
    }

    @Test(arguments: [
        ([0xD0, 0xB0] as [UInt8], true),
        ([0xC0, 0xAF], false),                 // overlong
        ([0xED, 0xA0, 0x80], false),           // surrogate
        ([0xF4, 0x90, 0x80, 0x80], false),     // above U+10FFFF
        ([0xF0, 0x9F, 0x98, 0x80], true),
        ([0xE2, 0x80], false),                 // truncated
        ([0xD8, 0xEA, 0xEE, 0xEB, 0xE0], false),
        (Array(repeating: 0x41, count: 40) + [0xD0], false),
        (Array(repeating: 0x41, count: 40) + [0xD0, 0x90] + Array(repeating: 0x41, count: 20), true),
    ])
    func utf8Validation(bytes: [UInt8], valid: Bool) {
        #expect(TextDecoding.isValidUTF8(bytes) == valid)
    }

    @Test func utf8ValidationAgreesWithTheStandardLibrary() {
        // Bytes chosen to hit every branch: ASCII, continuations, every kind of lead byte.
        let alphabet: [UInt8] = [0x41, 0x20, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xD0, 0xDF,
                                 0xE0, 0xE2, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF]
        var junk = Junk(state: 99)
        var disagreements: [[UInt8]] = []
        for round in 0..<20_000 {
            let length = round % 40
            var bytes: [UInt8] = []
            while bytes.count < length {
                switch junk.next() % 4 {
                case 0: bytes.append(alphabet[Int(junk.next()) % alphabet.count])
                case 1: bytes += [0xD0, 0x80 | junk.next() % 64]  // a valid two-byte character
                default: bytes.append(0x41)
                }
            }
            let expected = String(validating: bytes, as: UTF8.self) != nil
            if TextDecoding.isValidUTF8(bytes) != expected { disagreements.append(bytes) }
        }
        #expect(disagreements.isEmpty)
    }

    // MARK: Diagnostics

    @Test func raggedRowsAreWarnedWithLineAndColumn() throws {
        let (table, diagnostics) = read("a,b,c\n1,2\n1,2,3,4,5\n1,2,3\n")
        let t = try #require(table)
        #expect(t.rowCount == 3)
        #expect(diagnostics.count == 2)
        #expect(diagnostics.allSatisfy { $0.severity == .warning })

        let few = diagnostics[0]
        guard case .csvTooFewFields(let expected, let got) = few.message else {
            Issue.record("expected csvTooFewFields, got \(few.message)")
            return
        }
        #expect((expected, got) == (3, 2))
        #expect(few.location == SourceLocation(line: 2, column: 1))
        #expect(few.range?.text == "1,2")

        let many = diagnostics[1]
        guard case .csvTooManyFields(let expected2, let got2) = many.message else {
            Issue.record("expected csvTooManyFields, got \(many.message)")
            return
        }
        #expect((expected2, got2) == (3, 5))
        #expect(many.location == SourceLocation(line: 3, column: 7))
        #expect(many.range?.text == "4")
        #expect(many.help?.code == Message.csvTooManyFieldsHelp.code)

        // A missing trailing cell: empty text and an empty range at the end of the row.
        #expect(t.fieldCount(row: 0) == 2)
        #expect(t.field(row: 0, column: 2) == "")
        let missing = t.fieldRange(row: 0, column: 2)
        #expect(missing.start == missing.end)
        #expect(missing.startLocation == SourceLocation(line: 2, column: 4))
        #expect(t.withFieldBytes(row: 0, column: 2) { $0.count } == 0)
        // Extra cells stay readable.
        #expect(t.field(row: 1, column: 4) == "5")
    }

    @Test func unterminatedQuoteIsAnError() throws {
        let (table, diagnostics) = read("a,b\n1,\"abc\n2,3\n")
        let t = try #require(table)
        #expect(diagnostics.count == 1)
        let error = try #require(diagnostics.first)
        #expect(error.severity == .error)
        #expect(error.message.code == Message.csvUnterminatedQuote.code)
        #expect(error.location == SourceLocation(line: 2, column: 3))
        #expect(t.rowCount == 1)
        #expect(t.field(row: 0, column: 1) == "abc\n2,3\n")
    }

    @Test func allDiagnosticsAreCollected() throws {
        let (_, diagnostics) = read("a;b\n1\n2;3;4\n5\n6;\"x")
        #expect(diagnostics.map(\.message.code) == [
            "csvTooFewFields", "csvTooManyFields", "csvTooFewFields", "csvUnterminatedQuote",
        ])
    }

    @Test(arguments: [[], Array("\n".utf8), Array("\r\n\n\r\n".utf8), [0xEF, 0xBB, 0xBF], [0xEF, 0xBB, 0xBF, 0x0A]] as [[UInt8]])
    func emptyFileHasNoHeader(bytes: [UInt8]) {
        let (table, diagnostics) = CSVReader.read(bytes: bytes, path: "empty.csv")
        #expect(table == nil)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.severity == .error)
        #expect(diagnostics.first?.message.code == Message.csvEmptyFile.code)
        #expect(diagnostics.first?.path == "empty.csv")
    }

    @Test func headerOnlyHasNoRows() throws {
        let t = try #require(read("a,b\n").0)
        #expect(t.rowCount == 0)
        #expect(t.columnCount == 2)
    }

    // MARK: Robustness

    @Test(arguments: [
        "\"", "\"\"\"", ",,,", "\r", "\r\r\n\"", "a\"b,c\"\"d", "\"\n", "x\n\"", "\u{0}\u{0},\u{0}\n\u{0}",
        "a,b\n,\n,,,,\n\"", "\"a\"\"", ";\t,\n\t;,",
    ])
    func oddInputsDoNotTrap(text: String) {
        for options in [CSVOptions(), CSVOptions(delimiter: 0), CSVOptions(delimiter: 0xD0, encoding: .cp1251)] {
            if let table = read(text, options).0 { _ = exercise(table) }
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func binaryJunkDoesNotTrap(seed: UInt64) {
        var junk = Junk(state: seed)
        let length = Int(seed) * 997
        // Mostly random bytes, with extra quotes, delimiters, line ends and NULs.
        let special: [UInt8] = [0x22, 0x2C, 0x3B, 0x09, 0x0A, 0x0D, 0x00]
        let bytes = (0..<length).map { _ -> UInt8 in
            let b = junk.next()
            return b < 96 ? special[Int(b) % special.count] : b
        }
        for options in [CSVOptions(), CSVOptions(encoding: .utf8), CSVOptions(delimiter: 0x0A)] {
            let (table, diagnostics) = CSVReader.read(bytes: bytes, path: "junk.bin", options: options)
            if let table { _ = exercise(table) }
            for d in diagnostics { _ = d.location }
        }
    }

    /// Random CSV-like text (long and short fields, quotes anywhere, all line ends)
    /// read by the word-at-a-time reader and by the plain reference give the same cells.
    @Test(arguments: [11, 12, 13, 14] as [UInt64])
    func matchesReferenceReaderOnRandomText(seed: UInt64) {
        let alphabet = Array("aaaaaaaabcdefgh,,,,\"\"\n\r;".utf8) + [0xD0, 0x96]  // 0xD0 0x96 = "Ж"
        var junk = Junk(state: seed)
        var failures = 0
        for round in 0..<400 {
            let length = Int(junk.next()) % 120 + round % 7
            var bytes: [UInt8] = []
            while bytes.count < length {
                let b = alphabet[Int(junk.next()) % alphabet.count]
                if b == 0xD0 { bytes += [0xD0, 0x96] } else { bytes.append(b) }
            }
            let comma = UInt8(ascii: ",")
            let expected = referenceRows(bytes, delimiter: comma)
            let (table, _) = CSVReader.read(bytes: bytes, path: "r.csv", options: CSVOptions(delimiter: comma, encoding: .utf8))
            guard let table else {
                if !expected.isEmpty { failures += 1 }
                continue
            }
            let header = (0..<table.columnCount).map { table.header($0) }
            let got = [header] + cells(table)
            let want = [expected[0].map { CellParser.trimmed($0) }] + expected.dropFirst()
            if got != want {
                failures += 1
                Issue.record("mismatch for \(String(decoding: bytes, as: UTF8.self).debugDescription)")
            }
            for row in 0..<table.rowCount {
                for column in 0..<table.fieldCount(row: row) {
                    let bytesView = table.withFieldBytes(row: row, column: column) { String(decoding: $0, as: UTF8.self) }
                    if bytesView != table.field(row: row, column: column) { failures += 1 }
                }
            }
        }
        #expect(failures == 0)
    }

    /// Large texts are split in two at a line end and scanned (and checked as UTF-8) on
    /// two threads. At every possible split point, the rows, cell counts and diagnostics
    /// are those of one scan: also when the split falls inside a quoted cell with line
    /// breaks, before the header, among blank lines, after an unterminated quote, or in
    /// the middle of ragged rows; and the UTF-8 verdict is that of the whole text.
    @Test(arguments: [
        "id;a;b\n1;2;3\n4;5;6\n7;8;9\n",
        "\n\r\nid;a;b\r\n\r\n1;2;3\r\n\n4;5\n7;8;9;10\n\n",
        "id;note;b\n1;\"строка\nвторая\nтретья\";3\n2;\"x\"\"y\";4\n3;\"a\nb\";5\n",
        "id;a\n1;\"не закрыта\n2;3\n4;5\n",
        "id;a;b\n1\n2;3;4;5;6\n\"q\nq\";\"r\"tail;x\n3;4;5",
    ])
    func splitScansGiveWhatOneScanGives(text: String) throws {
        let source = SourceFile(path: "split.csv", bytes: Array(text.utf8))
        let (whole, wholeValid) = CSVReader.parse(source, delimiter: UInt8(ascii: ";"), checkingUTF8: true, split: nil)
        #expect(wholeValid)
        let render = { (d: [Diagnostic]) in DiagnosticRenderer(lang: .en).render(d) }
        let lineEnds = Array(text.utf8).indices.filter { Array(text.utf8)[$0] == UInt8(ascii: "\n") }.map { $0 + 1 }
        for split in lineEnds {
            let (rows, valid) = CSVReader.parse(source, delimiter: UInt8(ascii: ";"), checkingUTF8: true, split: split)
            #expect(valid, "split \(split)")
            #expect(rows.starts == whole.starts && rows.ends == whole.ends, "split \(split)")
            #expect(rows.firstField == whole.firstField, "split \(split)")
            #expect(render(rows.diagnostics) == render(whole.diagnostics), "split \(split)")
        }
    }

    /// Invalid UTF-8 in either part is found (the file is then read as Windows-1251).
    @Test func splitCheckFindsInvalidUTF8InEitherPart() {
        for bad in [0, 1] {
            var bytes = Array("id;name\n1;a\n2;b\n3;c\n".utf8)
            bytes.insert(0xCF, at: bad == 0 ? 11 : 20)  // «П» in Windows-1251
            let source = SourceFile(path: "split.csv", bytes: bytes)
            let split = Array(bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") })[1] + 1
            #expect(!CSVReader.parse(source, delimiter: UInt8(ascii: ";"), checkingUTF8: true, split: split).validUTF8, "part \(bad)")
        }
    }

    @Test func manyRows() throws {
        var text = "id;value;name\n"
        for k in 0..<5_000 { text += "\(k);\(k),5;\"Школа № \(k)\"\n" }
        let t = try #require(read(text).0)
        #expect(t.rowCount == 5_000)
        #expect(t.field(row: 4_321, column: 1) == "4321,5")
        #expect(t.field(row: 4_321, column: 2) == "Школа № 4321")
        #expect(t.line(ofRow: 4_321) == 4_323)
        let sum = (0..<t.rowCount).reduce(0.0) { total, row in
            total + (t.withFieldBytes(row: row, column: 1) { CellParser.parseNumber(bytes: $0) } ?? 0)
        }
        #expect(sum == (0..<5_000).reduce(0.0) { $0 + Double($1) + 0.5 })
    }

    /// Rows are scanned again when their cells are asked for (no table of every field's
    /// offset is kept): wide rows, quoted and escaped cells far to the right, and cells
    /// asked for in any order give what one pass over the text found.
    @Test func wideRowsReadTheSameCellInAnyOrder() throws {
        let columns = 300
        let header = (0..<columns).map { "c\($0)" }.joined(separator: ";")
        func value(_ row: Int, _ c: Int) -> String {
            switch (row + c) % 7 {
            case 0: return "\"a;\(c)\""          // quoted, with the delimiter
            case 1: return "\"x\"\"\(row)\"\"\""     // escaped quotes
            case 2: return ""                       // empty
            default: return "\(row * 1000 + c)"
            }
        }
        func expected(_ row: Int, _ c: Int) -> String {
            switch (row + c) % 7 {
            case 0: return "a;\(c)"
            case 1: return "x\"\(row)\""
            case 2: return ""
            default: return "\(row * 1000 + c)"
            }
        }
        let text = header + "\r\n" + (0..<5).map { row in (0..<columns).map { value(row, $0) }.joined(separator: ";") }.joined(separator: "\r\n") + "\r\n"
        let (table, diagnostics) = read(text)
        let t = try #require(table)
        #expect(diagnostics.isEmpty)
        #expect(t.rowCount == 5 && t.columnCount == columns)
        for row in [4, 0, 2] {
            for c in [299, 0, 150, 64, 63, 65, 1] {
                #expect(t.field(row: row, column: c) == expected(row, c), "row \(row) column \(c)")
                t.withFieldBytes(row: row, column: c) { #expect(String(decoding: $0, as: UTF8.self) == expected(row, c)) }
                let range = t.fieldRange(row: row, column: c)
                #expect(String(decoding: Array(text.utf8)[range.start..<range.end], as: UTF8.self) == value(row, c))
            }
        }
        #expect(t.field(row: 1, column: columns) == "")  // past the end of the row
    }
}
