import Testing
@testable import RiskmapEngine
import RiskmapLanguage

/// The byte-level fast path for the year column agrees with the general parser.
@Suite struct SchoolYearParsingTests {
    @Test(arguments: [
        ("2025", 2025), ("2025/26", 2025), ("2025-26", 2025), ("2025/2026", 2025), ("2025-2026", 2025),
        ("2099/00", 2099), ("2025–26", 2025), ("2025 / 26", 2025),
    ])
    func accepted(text: String, start: Int) {
        #expect(ProfileLoader.parseYear(text) == SchoolYear(start: start))
    }

    @Test(arguments: ["", "25/26", "2025/27", "2025/2027", "2025/", "2025/2", "abcd", "1800", "2025/26x", "20250"])
    func rejected(text: String) {
        #expect(ProfileLoader.parseYear(text) == nil)
        #expect(ProfileBytes.parseYearFast(text) == nil)
    }

    @Test func theFastPathNeverDisagrees() {
        for start in [1999, 2019, 2025] {
            for text in ["\(start)", "\(start)/\((start + 1) % 100)", "\(start)-\(start + 1)", "\(start)/\(start + 2)"] {
                if let fast = ProfileBytes.parseYearFast(text) {
                    #expect(ProfileLoader.parseYear(text) == fast, "\(text)")
                }
            }
        }
    }
}
