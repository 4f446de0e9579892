import Testing
@testable import RiskmapLanguage

/// «Did you mean»: the closest declared name within a few edits.
@Suite struct SuggestionTests {
    @Test(arguments: [
        ("teachr_vacancies", ["pupils", "teacher_vacancies", "teachers"], "teacher_vacancies"),
        ("PUPILS", ["pupils"], "pupils"),                // case does not count
        ("pupisl", ["pupils"], "pupils"),               // a transposition costs one
        ("x", ["y", "xyzw"], "y"),                       // one edit is always allowed
        ("teachers_total", ["pupils"], nil),
        ("", ["a", "ab"], "a"),
        ("abcdefghijklmnopqrstuvwxyz", ["abcdefghijklmnopqrstuvwxyz_", "abcdefghijklmnopqrstuvw"], "abcdefghijklmnopqrstuvwxyz_"),
    ] as [(String, [String], String?)])
    func closest(name: String, candidates: [String], expected: String?) {
        #expect(Suggestion.closest(to: name, among: candidates) == expected)
    }

    /// The length bound that skips candidates changes no answer: the same as measuring every
    /// candidate, on random names from a small alphabet (so many are near each other).
    @Test func theLengthBoundChangesNoAnswer() {
        let seed = UInt64.random(in: 0...UInt64.max)
        var g = Support.SplitMix(seed: seed)
        let alphabet = Array("abcaбв_")
        func word() -> String { String((0..<Int.random(in: 0...12, using: &g)).map { _ in alphabet.randomElement(using: &g)! }) }
        for _ in 0..<2_000 {
            let name = word()
            let candidates = (0..<Int.random(in: 0...8, using: &g)).map { _ in word() }
            #expect(Suggestion.closest(to: name, among: candidates) == Self.reference(name, candidates),
                    "seed \(seed): «\(name)» among \(candidates)")
        }
    }

    /// Every candidate measured, the first of the smallest distances within the limit.
    static func reference(_ name: String, _ candidates: [String]) -> String? {
        let target = Array(name.lowercased())
        let limit = max(1, min(3, target.count / 3))
        let measured = candidates.map { ($0, Suggestion.editDistance(target, Array($0.lowercased()))) }
        guard let smallest = measured.map(\.1).min(), smallest <= limit else { return nil }
        return measured.first { $0.1 == smallest }?.0
    }
}
