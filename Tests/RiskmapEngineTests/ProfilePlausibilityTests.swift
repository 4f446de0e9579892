import Foundation
import Testing
@testable import RiskmapEngine
import RiskmapLanguage
import RiskmapPlatform

/// Data that reads without errors but is probably not what its author meant.
@Suite struct ProfilePlausibilityTests {
    /// The loader's and the checks' diagnostics for `csv` on the starter book.
    static func review(_ csv: String, yearFormat: YearFormat? = nil) throws -> (ProfileSet, [Diagnostic]) {
        let book = try starterBook()
        let (table, csvDiagnostics) = CSVReader.read(bytes: Array(csv.utf8), path: "schools.csv")
        let t = try #require(table)
        let (profiles, diagnostics) = ProfileLoader.load(table: t, book: book, defaultYear: nil, yearFormat: yearFormat)
        return (profiles, csvDiagnostics + ProfilePlausibility.review(table: t, book: book, yearFormat: yearFormat, loaderDiagnostics: diagnostics))
    }

    static func codes(_ d: [Diagnostic]) -> [String] {
        d.map { "\($0.severity == .error ? "E" : "W") \($0.message.code)@\($0.location.map(\.description) ?? "-")" }
    }

    @Test func percentsWrittenAsFractions() throws {
        let csv = """
            school_id;year;vpr_math_fail;low_income_share;Педагоги 55+, %
            S1;2025/26;0,35;10;0,5%
            S2;2025/26;0,12;0,4;0,2
            S3;2025/26;;0;1

            """
        let (_, d) = try Self.review(csv)
        // vpr_math_fail: all ≤ 1 → warned; low_income_share has 10 → fine; the last column has an explicit %.
        #expect(Self.codes(d) == ["W profileFractionPercent@1:16"])
        #expect(d[0].message.text(.ru) == "все значения процентного столбца «vpr_math_fail» (2 значения) не больше 1: похоже, это доли (0,35), а не проценты (35)")
        #expect(d[0].help?.kind == .profileFractionPercentHelp)
        // Zeros and ones only: may well be percents.
        let (_, ones) = try Self.review("school_id;year;vpr_math_fail\nS1;2025/26;0\nS2;2025/26;1\n")
        #expect(ones.isEmpty)
    }

    @Test func misspelledHeaderReadByAFactorIsAnError() throws {
        // «vpr_math_fial» is close to vpr_math_fail (read by low_results); «pupils_x» to pupils (read by no factor).
        let (_, d) = try Self.review("school_id;year;vpr_math_fial;pupilz\nS1;2025/26;30;500\n")
        #expect(Self.codes(d) == ["E profileMisspelledColumn@1:16", "W profileUnknownColumn@1:30"])
        #expect(d[0].message.text(.ru).contains("«Низкие образовательные результаты»"))
        #expect(d[0].help?.text(.ru).contains("vpr_math_fail") == true)
        // The indicator has its own column: the near miss is only an unknown column.
        let (_, both) = try Self.review("school_id;year;vpr_math_fail;vpr_math_fial\nS1;2025/26;30;30\n")
        #expect(Self.codes(both) == ["W profileUnknownColumn@1:30"])
    }

    @Test func bareCalendarYears() throws {
        let csv = "school_id;year;pupils\nS1;2019;500\nS1;2018/19;480\nS2;2019;40\n"
        // Default: read as 2019/20 and 2018/19, with one warning at the first bare year.
        let (profiles, d) = try Self.review(csv)
        #expect(Self.codes(d) == ["W profileCalendarYear@2:4"])
        #expect(d[0].message.text(.ru) == "год «2019» прочитан как учебный год 2019/20 (так прочитаны все годы без второй половины: 2 строки)")
        #expect(d[0].help?.text(.ru).contains("--year-format calendar") == true)
        #expect(profiles.years.map(\.description) == ["2018/19", "2019/20"])
        // --year-format school: the same reading, no warning.
        let (same, none) = try Self.review(csv, yearFormat: .school)
        #expect(none.isEmpty)
        #expect(same.years.map(\.description) == ["2018/19", "2019/20"])
        // --year-format calendar: 2019 is 2018/19, so S1 has two rows for 2018/19.
        let (calendar, dup) = try Self.review(csv, yearFormat: .calendar)
        #expect(calendar.years.map(\.description) == ["2018/19"])
        #expect(Self.codes(dup) == ["E profileDuplicateSchoolYear@3:1"])
    }

    @Test func municipalityChangingBetweenYears() throws {
        let csv = """
            school_id;municipality;year;pupils
            S1;Северный;2024/25;500
            S1;Южный;2025/26;510
            S1;Южный2;2026/27;510
            S2;Северный;2025/26;40
            S2; Северный ;2026/27;40

            """
        let (profiles, d) = try Self.review(csv)
        #expect(Self.codes(d) == ["W profileMunicipalityChanged@3:4"], "one warning per school; spaces do not count")
        #expect(d[0].message.text(.ru) == "у школы «S1» в 2024/25 муниципалитет «Северный», а в 2025/26 — «Южный»; в сравнениях с муниципалитетом каждый год школы учтён в муниципалитете этого года, в документах школа показана в муниципалитете последнего года")
        #expect(d[0].message.text(.en) == "school 'S1' is in 'Северный' in 2024/25 but in 'Южный' in 2025/26; comparisons with the municipality count each year in that year's municipality, documents show the school in its latest year's")
        #expect(d[0].help?.kind == .profileMunicipalityHelp)
        // The school is shown where it is in its latest year; each row keeps its own.
        let s1 = try #require(profiles.schoolIndex(id: "S1"))
        #expect(profiles.schools[s1].municipality == "Южный2")
        #expect((0..<profiles.rowCount).filter { Int(profiles.rowSchool[$0]) == s1 }.map { profiles.school(row: $0).municipality }
                == ["Северный", "Южный", "Южный2"])
    }

    /// Rows out of year order, a row without a municipality: the school is where its
    /// latest year puts it; «по муниципалитету» groups each year by that year's municipality.
    @Test func cohortsUseEachYearsMunicipality() throws {
        let book = try checkedBook("""
            indicator x "Икс" : number
            factor above "Выше среднего по муниципалитету" { when x > mean(x by municipality) }

            """)
        let csv = """
            school_id;municipality;year;x
            S1;Южный;2025/26;10
            S1;Северный;2024/25;10
            S2;Северный;2024/25;20
            S2;Северный;2025/26;20
            S3;Южный;2024/25;30
            S3;н/д;2025/26;30

            """
        let (table, _) = CSVReader.read(bytes: Array(csv.utf8), path: "schools.csv")
        let (profiles, d) = ProfileLoader.load(table: try #require(table), book: book, defaultYear: nil)
        #expect(Self.codes(d) == ["W profileMunicipalityChanged@3:4"])
        #expect(d.first?.message.text(.en) == Message.profileMunicipalityChanged(id: "S1", first: "Южный", firstYear: "2025/26", other: "Северный", year: "2024/25").text(.en))
        let e = Evaluated(book: book, profiles: profiles)
        let (y24, y25) = (SchoolYear(start: 2024), SchoolYear(start: 2025))
        #expect(profiles.schools.map(\.municipality) == ["Южный", "Северный", "Южный"])
        #expect(profiles.school(row: e.row("S3", y25)).municipality == "Южный", "no municipality: the school's")
        // 2024/25: Северный is S1 (10) and S2 (20); Южный is S3 alone.
        #expect([e.factor("above", "S1", y24), e.factor("above", "S2", y24), e.factor("above", "S3", y24)]
                == [.notTriggered, .triggered, .notTriggered])
        // 2025/26: S1 has moved to Южный (mean of 10 and 30 is 20); S2 is alone in Северный.
        #expect([e.factor("above", "S1", y25), e.factor("above", "S2", y25), e.factor("above", "S3", y25)]
                == [.notTriggered, .notTriggered, .triggered])
        // The reference evaluator agrees.
        let reference = e.reference
        for r in 0..<profiles.rowCount {
            #expect(reference.factorStatus(0, row: r) == e.evaluation.factors[0][r], "row \(r)")
        }
    }
}
