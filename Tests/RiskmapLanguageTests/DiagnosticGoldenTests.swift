import Foundation
import Testing
@testable import RiskmapLanguage

/// Golden files: `Golden/diagnostics/NAME.rules` is checked on its own (path `NAME.rules`);
/// the rendered Russian diagnostics must equal `NAME.expected`, and the English ones
/// `NAME.en.expected` when that file exists.
///
/// To regenerate after an intended change: `RISKMAP_UPDATE_GOLDEN=1 swift test --filter DiagnosticGoldenTests`
/// (then review the diff). Create an empty `NAME.en.expected` to add an English golden.
@Suite struct DiagnosticGoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden/diagnostics")

    static var updating: Bool { ProcessInfo.processInfo.environment["RISKMAP_UPDATE_GOLDEN"] == "1" }

    static func cases() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".rules") }.map { String($0.dropLast(".rules".count)) }.sorted()
    }

    static func render(_ name: String, _ lang: Lang) throws -> String {
        let data = try Data(contentsOf: directory.appendingPathComponent(name + ".rules"))
        let file = SourceFile(path: name + ".rules", bytes: [UInt8](data))
        let (_, diagnostics, _) = Checker.check(files: [file])
        return DiagnosticRenderer(lang: lang).render(diagnostics)
    }

    @Test func thereAreEnoughGoldenCases() {
        let names = Self.cases()
        #expect(names.count >= 6)
        let english = names.filter {
            FileManager.default.fileExists(atPath: Self.directory.appendingPathComponent($0 + ".en.expected").path)
        }
        #expect(english.count >= 1)
    }

    @Test(arguments: cases())
    func golden(name: String) throws {
        for (lang, suffix) in [(Lang.ru, ".expected"), (Lang.en, ".en.expected")] {
            let url = Self.directory.appendingPathComponent(name + suffix)
            let exists = FileManager.default.fileExists(atPath: url.path)
            guard lang == .ru || exists else { continue }
            let actual = try Self.render(name, lang)
            if Self.updating {
                try Data(actual.utf8).write(to: url)
                continue
            }
            #expect(exists, "missing \(name + suffix); run with RISKMAP_UPDATE_GOLDEN=1")
            guard exists else { continue }
            let expected = try String(contentsOf: url, encoding: .utf8)
            #expect(actual == expected, "\(name + suffix) differs:\n\(actual)")
        }
    }

    /// The goldens say what they are meant to say (so a regenerated golden cannot silently
    /// lose the point of its case).
    @Test(arguments: [
        ("syntax_error", ["syntax_error.rules:5:45: ошибка:", "^^^^^^^^^^"]),
        ("undeclared_name", ["подсказка: возможно, имелось в виду «vpr_math_fail»", "«low_results»", "«director»"]),
        ("percent_vs_fraction", ["0.4", "40%", "(a / b) * 100%"]),
        ("unknown_category", ["«ОШ»", "«вечерняя школа»", "«Лицей»", "возможно, имелось в виду «лицей»"]),
        ("several_errors", ["several_errors.rules:6:", "several_errors.rules:9:", "several_errors.rules:13:", "several_errors.rules:19:", "several_errors.rules:23:"]),
        ("invalid_utf8", ["invalid_utf8.rules:3:", "UTF-8"]),
        ("unclosed_block", ["«}»"]),
        ("reserved_word", ["«школа»"]),
        ("measure_roles_deadlines", ["роль «uo» указана дважды", "и ответственным, и соисполнителем", "«directr»",
                                     "срок кончается раньше", "«0 раз»", "«октября»", "«неделю»"]),
    ])
    func goldenContains(name: String, fragments: [String]) throws {
        let text = try String(contentsOf: Self.directory.appendingPathComponent(name + ".expected"), encoding: .utf8)
        for fragment in fragments {
            #expect(text.contains(fragment), "\(name).expected lacks «\(fragment)»")
        }
    }

    @Test func severalErrorsAreInSourceOrder() throws {
        let text = try Self.render("several_errors", .ru)
        let lines = text.split(separator: "\n").filter { $0.hasPrefix("several_errors.rules:") }
        let positions = lines.map { line -> [Int] in
            line.split(separator: ":").dropFirst().prefix(2).compactMap { Int($0) }
        }
        #expect(positions.count >= 5)
        #expect(positions == positions.sorted { $0.lexicographicallyPrecedes($1) })
    }
}
