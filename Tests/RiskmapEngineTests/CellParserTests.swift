import Testing
import RiskmapEngine

private func parseBytes(_ text: String) -> Double? {
    Array(text.utf8).withUnsafeBufferPointer { CellParser.parseNumber(bytes: $0) }
}

@Suite struct CellParserTests {
    // MARK: Missing values

    @Test(arguments: [
        ("", true), ("   ", true), ("\u{00A0}", true), ("-", true), (" - ", true), ("—", true), ("–", true),
        ("н/д", true), ("Н/Д", true), ("н/Д", true), ("нет данных", true), ("Нет данных", true),
        ("НЕТ ДАННЫХ", true), ("n/a", true), ("N/A", true), ("\tн/д\u{00A0}", true),
        ("0", false), ("нет", false), ("--", false), ("н/д.", false), ("данных нет", false),
        ("na", false), ("12", false), ("-3", false), (" 12 ", false), ("+1", false), (".5", false),
        ("\t\t", true), ("n/a ", true),
    ])
    func isMissing(text: String, missing: Bool) {
        #expect(CellParser.isMissing(text) == missing)
        #expect(CellParser.isMissing(Substring(text)) == missing)
        #expect(Array(text.utf8).withUnsafeBufferPointer { CellParser.isMissing(bytes: $0) } == missing)
    }

    // MARK: Numbers

    @Test(arguments: [
        ("12", 12.0), ("12.5", 12.5), ("12,5", 12.5), (" 1 234,5 ", 1234.5), ("1\u{00A0}234,5", 1234.5),
        ("1\u{202F}234", 1234.0), ("1 234 567,89", 1_234_567.89), ("-3", -3.0), ("+3", 3.0),
        ("\u{2212}3", -3.0), ("0.45", 0.45), ("007", 7.0), ("0", 0.0), ("-0,5", -0.5), ("\t42\t", 42.0),
        ("123 456", 123_456.0), ("0,000001", 0.000001), ("12345678901234567890", 12_345_678_901_234_567_890.0),
    ] as [(String, Double)])
    func parseNumberAccepts(text: String, expected: Double) {
        #expect(CellParser.parseNumber(text) == expected)
        #expect(parseBytes(text) == expected)
    }

    @Test(arguments: [
        "", " ", "-", "+", "abc", "1.2.3", "12,5,1", "1,234.5", "1e5", "1E5", "12%", "12.", ".5", ",5",
        "1 23", "1234 567", "12 ,5", "1  234", "- 3", "--3", "+-3", "inf", "nan", "0x10", "12a", "١٢",
        "1_000", "12,5 руб.", "1 234,5 6",
    ])
    func parseNumberRejects(text: String) {
        #expect(CellParser.parseNumber(text) == nil)
        #expect(parseBytes(text) == nil)
    }

    /// The byte parser must round exactly like `Double(String)`.
    @Test(arguments: [
        "0.1", "0.2", "0.3", "2.675", "1.005", "123456789012.345", "999999999999999", "0.000000000000001",
        "9007199254740993", "1.7976931348623157", "0.1000000000000000055511151231257827",
        "4.35", "72.0", "0.74", "3.14159265358979", "123456.7890123456789",
    ])
    func byteParserRoundsLikeDouble(text: String) throws {
        let expected = try #require(Double(text))
        #expect(parseBytes(text)?.bitPattern == expected.bitPattern)
        #expect(parseBytes(String(text.map { $0 == "." ? "," : $0 }))?.bitPattern == expected.bitPattern)
    }

    @Test func byteParserRoundsLikeDoubleOnManyDecimals() {
        var state: UInt64 = 42
        var mismatches: [String] = []
        for _ in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let digits = Int(state >> 60) + 1  // 1...16
            let point = Int((state >> 50) & 15) % (digits + 1)
            let value = String(String(state >> 1).prefix(digits))
            let text = point == 0 || point == value.count ? value : String(value.prefix(point)) + "." + value.dropFirst(point)
            if parseBytes(text)?.bitPattern != Double(text)?.bitPattern { mismatches.append(text) }
        }
        #expect(mismatches.isEmpty)
    }

    // MARK: Percents

    @Test(arguments: [
        ("35,5%", 35.5), ("35,5 %", 35.5), ("35.5", 35.5), ("100%", 100.0), (" 12 % ", 12.0), ("-5%", -5.0),
        ("1 234,5\u{00A0}%", 1234.5), ("0%", 0.0),
    ] as [(String, Double)])
    func parsePercentAccepts(text: String, expected: Double) {
        #expect(CellParser.parsePercent(text) == expected)
    }

    @Test(arguments: ["%", "35%%", "abc%", "%35", "35 процентов", "", "1e2%", "12,5,1%"])
    func parsePercentRejects(text: String) {
        #expect(CellParser.parsePercent(text) == nil)
    }

    // MARK: Integers

    @Test(arguments: [
        ("12", 12), ("1 234", 1234), ("12,0", 12), ("12.0", 12), ("12.00", 12), ("-3", -3), ("+3", 3),
        (" 7 ", 7), ("9223372036854775807", Int.max), ("0", 0), ("1\u{00A0}000\u{00A0}000", 1_000_000),
    ] as [(String, Int)])
    func parseIntegerAccepts(text: String, expected: Int) {
        #expect(CellParser.parseInteger(text) == expected)
    }

    @Test(arguments: ["12,5", "12.01", "abc", "", "-", "9223372036854775808", "1e3", "12%", "1.2.3", "12 34"])
    func parseIntegerRejects(text: String) {
        #expect(CellParser.parseInteger(text) == nil)
    }

    @Test(arguments: [
        ("12", 12), ("12,0", 12), ("1 234", 1234), ("0", 0), ("99999999999999999999", 1e20),
        ("12,000000000000000000", 12), ("1 000 000,0", 1_000_000), (" 7 ", 7),
    ] as [(String, Double)])
    func parseCountAccepts(text: String, expected: Double) {
        #expect(CellParser.parseCount(text) == expected)
        #expect(Array(text.utf8).withUnsafeBufferPointer { CellParser.parseCount(bytes: $0) } == expected)
    }

    @Test(arguments: ["12,5", "-3", "-0,5", "12,0000000000000000001", "9007199254740993,5", "abc", "", "1e3", "12%"])
    func parseCountRejects(text: String) {
        #expect(CellParser.parseCount(text) == nil)
        #expect(Array(text.utf8).withUnsafeBufferPointer { CellParser.parseCount(bytes: $0) } == nil)
    }

    // MARK: Booleans

    @Test(arguments: [
        ("да", true), ("Да", true), ("ДА", true), ("1", true), ("true", true), ("TRUE", true),
        ("истина", true), ("ИСТИНА", true), ("yes", true), (" да ", true),
        ("нет", false), ("НЕТ", false), ("Нет", false), ("0", false), ("false", false), ("False", false),
        ("ложь", false), ("ЛОЖЬ", false), ("no", false),
    ])
    func parseBoolAccepts(text: String, expected: Bool) {
        #expect(CellParser.parseBool(text) == expected)
        #expect(Array(text.utf8).withUnsafeBufferPointer { CellParser.parseBool(bytes: $0) } == expected)
    }

    @Test(arguments: ["", "+", "-", "–", "2", "1.0", "y", "n", "д", "правда", "да!", "нет данных", "ok"])
    func parseBoolRejects(text: String) {
        #expect(CellParser.parseBool(text) == nil)
        #expect(Array(text.utf8).withUnsafeBufferPointer { CellParser.parseBool(bytes: $0) } == nil)
    }
}
