import Foundation
import Testing
import RiskmapCLI

/// `riskmap test [DIR]`: runs the rule book's examples, reports failures with the
/// expectation, the result and the reasoning, and lists what no example covers.
@Suite struct TestCommandTests {
    @Test func starterPasses() {
        let r = EngineCLI.run(["test", EngineCLI.starterRules])
        #expect(r.code == 0, "\(r)")
        #expect(r.stderr == "")
        EngineCLI.expectGolden(r.stdout, "test.txt")
        #expect(r.stdout.hasPrefix("Примеры: 2 пройдено, 0 не пройдено\n"))
        // Coverage lines.
        #expect(r.stdout.contains("Не проверены примерами:\n"))
        #expect(r.stdout.contains("  уровни (2): risk = high, risk = low\n"))
        #expect(r.stdout.contains("  группы (1): shnsu\n"))
        #expect(r.stdout.contains("  меры (5): equipment_audit, staff_plan, working_group, tutoring, social_support\n"))
    }

    @Test func starterPassesInEnglish() {
        let r = EngineCLI.run(["test", EngineCLI.starterRules, "--lang", "en"])
        #expect(r.code == 0, "\(r)")
        EngineCLI.expectGolden(r.stdout, "test-en.txt")
        #expect(r.stdout.hasPrefix("2 passed, 0 failed\n"))
        #expect(r.stdout.contains("Not exercised by any example:\n  levels (2): risk = high, risk = low\n"))
    }

    /// A copy of the starter rule book in a temporary folder, with `edit` applied to the examples file.
    static func starterCopy(_ edit: (String) -> String) throws -> URL {
        let folder = try EngineCLI.temporaryFolder()
        let source = URL(fileURLWithPath: EngineCLI.starterRules)
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) where name.hasSuffix(".rules") {
            var text = try String(contentsOf: source.appendingPathComponent(name), encoding: .utf8)
            if name == "90-examples.rules" { text = edit(text) }
            try EngineCLI.write(text, name, in: folder)
        }
        return folder
    }

    @Test func flippedExpectationFails() throws {
        let folder = try Self.starterCopy { text in
            let flipped = text.replacingOccurrences(of: "  ожидается equipment\n", with: "  ожидается не equipment\n")
            #expect(flipped != text)
            return flipped
        }
        defer { EngineCLI.cleanUp(folder) }
        let r = EngineCLI.run(["test", folder.path])
        #expect(r.code == 1, "\(r)")
        let file = folder.appendingPathComponent("90-examples.rules").path
        #expect(r.stdout == """
            НЕ ПРОЙДЕН: пример «Пелевинская ООШ: оснащение» (\(file):1:1)
              ожидалось: equipment: не сработал
              получено:  equipment: сработал
              обоснование: «Скорость интернета» 2 Мбит/с ниже, чем порог 10 Мбит/с; «Центр «Точка роста»» — нет (ФИОКО, проект «500+», фактор риска 1)
            Примеры: 1 пройден, 1 не пройден
            Не проверены примерами:
              уровни (2): risk = high, risk = low
              группы (1): shnsu
              меры (5): equipment_audit, staff_plan, working_group, tutoring, social_support

            """, "\(r)")
        let en = EngineCLI.run(["test", folder.path, "--lang", "en"])
        #expect(en.code == 1)
        #expect(en.stdout.contains("FAILED: example 'Пелевинская ООШ: оснащение'"))
        #expect(en.stdout.contains("  expected: equipment: not triggered\n  actual:   equipment: triggered\n  because: «Скорость интернета» 2 Мбит/с is below"))
        #expect(en.stdout.contains("1 passed, 1 failed\n"))
    }

    @Test func failingLevelGroupAndMeasureExpectations() throws {
        let folder = try Self.starterCopy { text in
            text.replacingOccurrences(of: "  ожидается risk = medium\n", with: "  ожидается risk = high\n")
                .replacingOccurrences(of: "  ожидается growth_point\n", with: "  ожидается не growth_point\n")
                .replacingOccurrences(of: "  ожидается не shnor\n", with: "  ожидается shnor\n")
                .replacingOccurrences(of: "  ожидается social не определён\n", with: "  ожидается social\n")
        }
        defer { EngineCLI.cleanUp(folder) }
        let r = EngineCLI.run(["test", folder.path])
        #expect(r.code == 1, "\(r)")
        #expect(r.stdout.contains("  ожидалось: risk = high\n  получено:  risk = medium\n"), "\(r.stdout)")
        #expect(r.stdout.contains("  ожидалось: growth_point: не в плане\n  получено:  growth_point: в плане\n"))
        #expect(r.stdout.contains("  ожидалось: shnor: входит\n  получено:  shnor: не входит\n"))
        #expect(r.stdout.contains("  ожидалось: social: сработал\n  получено:  social: не определён\n  обоснование: нет данных: «Доля обучающихся из малообеспеченных семей» (2026/27)\n"))
        #expect(r.stdout.contains("Примеры: 0 пройдено, 2 не пройдено\n"))
    }

    @Test func fullCoverage() throws {
        let folder = try EngineCLI.temporaryFolder()
        defer { EngineCLI.cleanUp(folder) }
        try EngineCLI.write("""
            правила "Мини" { версия "1" год 2025/26 }
            показатель x "Икс" : число
            фактор f "Ф" { если x > 1 }
            шкала s "Шкала" { hi "высокий" если f  lo "низкий" иначе }
            группа g "Г" если s = hi
            роль r "Р"
            мера m "М" { устраняет f  ответственный r  срок октябрь }
            пример "Да" { дано x = 2  ожидается f  ожидается s = hi  ожидается g  ожидается m }
            пример "Нет" { дано x = 0  ожидается не f  ожидается s = lo }
            """, "mini.rules", in: folder)
        let r = EngineCLI.run(["test", folder.path])
        #expect(r.code == 0, "\(r)")
        #expect(r.stdout == "Примеры: 2 пройдено, 0 не пройдено\nПокрытие: все факторы, уровни, группы и меры проверены примерами.\n")
    }

    @Test func pluralsInTheSummary() throws {
        let folder = try EngineCLI.temporaryFolder()
        defer { EngineCLI.cleanUp(folder) }
        let examples = (1...5).map { "пример \"П\($0)\" { дано x = 2  ожидается f }" }.joined(separator: "\n")
        try EngineCLI.write("""
            правила "Мини" { версия "1" год 2025/26 }
            показатель x "Икс" : число
            фактор f "Ф" { если x > 1 }
            роль r "Р"
            мера m "М" { устраняет f  ответственный r  срок октябрь }
            \(examples)
            """, "mini.rules", in: folder)
        #expect(EngineCLI.run(["test", folder.path]).stdout.hasPrefix("Примеры: 5 пройдено, 0 не пройдено\n"))
        try EngineCLI.write("""
            правила "Мини" { версия "1" год 2025/26 }
            показатель x "Икс" : число
            фактор f "Ф" { если x > 1 }
            роль r "Р"
            мера m "М" { устраняет f  ответственный r  срок октябрь }
            пример "П" { дано x = 2  ожидается f }
            """, "mini.rules", in: folder)
        #expect(EngineCLI.run(["test", folder.path]).stdout.hasPrefix("Примеры: 1 пройден, 0 не пройдено\n"))
    }

    @Test func brokenRuleBookExits1() throws {
        let folder = try EngineCLI.temporaryFolder()
        defer { EngineCLI.cleanUp(folder) }
        try EngineCLI.write("фактор f \"Ф\" { если y > 1 }\n", "a.rules", in: folder)
        let r = EngineCLI.run(["test", folder.path])
        #expect(r.code == 1, "\(r)")
        #expect(r.stderr.contains("a.rules:1:"))
    }

    @Test func missingFolderExits66() {
        #expect(EngineCLI.run(["test", "/nonexistent/rules"]).code == 66)
    }

    @Test func tooManyArgumentsIsAUsageError() {
        #expect(EngineCLI.run(["test", EngineCLI.starterRules, "extra"]).code == 64)
        #expect(EngineCLI.run(["test", "--strict"]).code == 64)
    }
}
