import Foundation
import Testing

/// The school's head in the plan (issue 13): the rule book's role that `подписывает план`
/// (`school_head` in Rules/), named in the passport and the approval block when the
/// directory has a row for it naming the school. The sample directories name no people (no
/// personal data), so the test writes its own.
@Suite struct SchoolHeadTests {
    @Test func theDirectoryNamesTheHead() throws {
        let tmp = try EngineCLI.temporaryFolder()
        defer { EngineCLI.cleanUp(tmp) }
        let sample = String(decoding: try Data(contentsOf: URL(fileURLWithPath: EngineCLI.path("Samples/tomsk-directory.csv"))), as: UTF8.self)
        let directory = try EngineCLI.write(sample + "Томский район;school_head;Иванова Мария Петровна;TOM-07\n", "directory.csv", in: tmp)
        let out = tmp.path + "/out"
        let result = EngineCLI.run(["plan", "--rules", EngineCLI.path("Rules"), "--schools", EngineCLI.path("Samples/tomsk.csv"),
                                    "--directory", directory, "--out", out])
        #expect(result.code == 0, "\(result)")
        let named = try String(contentsOfFile: out + "/schools/TOM-07.md", encoding: .utf8)
        #expect(named.contains("**Директор:** Иванова Мария Петровна"), "\(named.prefix(900))")
        #expect(named.contains("Директор школы: ____________________ (подпись) Иванова Мария Петровна «"), "\(named.suffix(2500))")
        let html = try String(contentsOfFile: out + "/schools/TOM-07.html", encoding: .utf8)
        #expect(html.contains("<td class=\"line\">Иванова Мария Петровна<span class=\"hint\">"))
        let word = String(decoding: try WordText.readable(out + "/schools/TOM-07.docx"), as: UTF8.self)
        #expect(word.contains("Иванова Мария Петровна"))

        // Another school: the municipality-wide row («руководители 18 ОО…») is not a name —
        // no passport line, a blank line to write the name on.
        let other = try String(contentsOfFile: out + "/schools/TOM-01.md", encoding: .utf8)
        #expect(!other.contains("**Директор:**"))
        #expect(other.contains("Директор школы: ____________________ (подпись) ____________________ (Ф. И. О.)"))
        #expect(!other.contains("Иванова"))
    }
}
