import Foundation
import Testing
import RiskmapCLI

/// Issue 17, item 6: each documented limit, just under and just over (the README's
/// «Limits» table). The column limit is in `CSVRobustnessTests.columnLimit`, the nesting
/// depth in `NoTrapTests` and the language's `RobustnessTests`.
@Suite struct LimitsTests {
    /// A rule file of exactly 10 MiB reads; one byte more is refused with its size.
    @Test(arguments: [(10 << 20, true), ((10 << 20) + 1, false)])
    func ruleFileSize(size: Int, accepted: Bool) throws {
        let folder = try EngineCLI.temporaryFolder()
        defer { EngineCLI.cleanUp(folder) }
        try FileManager.default.copyItem(atPath: EngineCLI.starterRules, toPath: folder.path + "/rules")
        let line = "# " + String(repeating: "x", count: 1_021) + "\n"   // 1,024 bytes
        var text = String(repeating: line, count: size / 1_024)
        text += String(repeating: "#", count: size - text.utf8.count)
        #expect(text.utf8.count == size)
        try Data(text.utf8).write(to: URL(fileURLWithPath: folder.path + "/rules/99-big.rules"))
        let r = EngineCLI.run(["check", folder.path + "/rules"])
        if accepted {
            #expect(r.code == 0, "\(r.stderr.prefix(1000))")
        } else {
            #expect(r.code != 0)
            #expect(r.stderr.contains("99-big.rules: ошибка: файл правил размером 10485761 байт больше допустимых 10485760 байт"), "\(r)")
        }
    }

    static func classify(_ text: String) throws -> EngineCLI.Output {
        let folder = try EngineCLI.temporaryFolder()
        defer { EngineCLI.cleanUp(folder) }
        let path = try EngineCLI.write(text, "schools.csv", in: folder)
        return EngineCLI.run(["classify", "--rules", EngineCLI.starterRules, "--schools", path, "--format", "csv"])
    }

    /// A school id of 100 characters is read; of 101, the row is refused.
    @Test(arguments: [(100, true), (101, false)])
    func schoolIdLength(length: Int, accepted: Bool) throws {
        let id = String(repeating: "Ш", count: length)
        let r = try Self.classify("school_id;year;pupils\n\(id);2025/26;100\nS2;2025/26;50\n")
        if accepted {
            #expect(r.code == 0, "\(r.stderr.prefix(500))")
            #expect(r.stdout.contains(id))
        } else {
            #expect(r.code == 1)
            #expect(r.stderr.contains("schools.csv:2:1: ошибка: код школы длиной 101 символов, больше допустимых 100; строка не прочитана"), "\(r.stderr.prefix(500))")
            #expect(r.stdout.contains("S2;"))
        }
    }

    /// A cell of 32,767 characters is read; of 32,768, it counts as missing with an error.
    @Test(arguments: [(32_767, true), (32_768, false)])
    func cellLength(length: Int, accepted: Bool) throws {
        let comment = String(repeating: "ж", count: length)
        let r = try Self.classify("school_id;year;comment;pupils\nS1;2025/26;\(comment);100\n")
        if accepted {
            #expect(r.code == 0, "\(r.stderr.prefix(500))")
        } else {
            #expect(r.code == 1)
            #expect(r.stderr.contains("schools.csv:2:12: ошибка: ячейка длиной 32768 символов, больше допустимых 32767; значение считается отсутствующим"), "\(r.stderr.prefix(500))")
            #expect(r.stderr.utf8.count < 2_000, "the message does not echo the cell")
        }
    }

    /// A long bad value is quoted cut to 60 characters: each message is one short line.
    @Test func longValuesAreCutInMessages() throws {
        let value = String(repeating: "9", count: 20_000) + "x"
        let r = try Self.classify("school_id;year;pupils\nS1;2025/26;\(value)\n")
        #expect(r.code == 1)
        let message = r.stderr.split(separator: "\n").first { $0.contains("не подходит") } ?? ""
        #expect(message.contains("«" + String(repeating: "9", count: 60) + "…»"), "\(message.prefix(300))")
        #expect(message.count < 300 && r.stderr.utf8.count < 2_000)
    }
}
