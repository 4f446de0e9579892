import Foundation
import Testing
@testable import RiskmapCLI
import RiskmapLanguage

private let messy = """
# Файл с комментариями
показатель   x "X":количество   # про x
фактор f "F"{  # открытие
  # перед условием
  если x>1   # первое
    или x<0  # второе
}
роль r
мера m{устраняет f ответственный r срок октябрь} # после меры
# в конце файла
"""

private func hashComments(_ text: String) -> [String] {
    text.split(separator: "\n").compactMap { line in line.firstIndex(of: "#").map { String(line[$0...]) } }
}

@Suite struct FormatCommandTests {
    @Test func checkFailsOnAnUnformattedFileAndPassesAfterFmt() throws {
        let book = try ScratchBook(copyStarter: false)
        defer { book.remove() }
        try book.write("a.rules", messy)

        let check = CLIRun(["fmt", "--check", book.path])
        #expect(check.exitCode == 1)
        #expect(check.standardOutput.contains("требует форматирования: \(book.path("a.rules"))"))
        #expect(try book.read("a.rules") == messy)  // --check changes nothing

        let fmt = CLIRun(["fmt", book.path])
        #expect(fmt.exitCode == 0)
        #expect(fmt.standardOutput.contains("отформатирован: \(book.path("a.rules"))"))
        let formatted = try book.read("a.rules")
        #expect(formatted != messy)

        let again = CLIRun(["fmt", "--check", book.path])
        #expect(again.exitCode == 0)
        #expect(again.standardOutput == "")
        #expect(try book.read("a.rules") == formatted)
    }

    @Test func fmtKeepsComments() throws {
        let book = try ScratchBook(copyStarter: false)
        defer { book.remove() }
        try book.write("a.rules", messy)
        #expect(CLIRun(["fmt", book.path]).exitCode == 0)
        let formatted = try book.read("a.rules")
        #expect(Set(hashComments(formatted)) == Set(hashComments(messy)))
        #expect(hashComments(formatted).count == hashComments(messy).count)
        #expect(formatted.contains("  если x > 1  # первое\n    или x < 0  # второе\n"))
    }

    @Test func fmtKeepsMeaningAndTheFilesLanguage() throws {
        let book = try ScratchBook()
        defer { book.remove() }
        let english = "indicator y \"Y\" : count\nfactor g { basis \"b\" when y>1 }\n"
        try book.write("95-english.rules", english)
        let before = Checker.check(files: try loadFiles(book.path)).2
        #expect(CLIRun(["fmt", book.path]).exitCode == 0)
        let after = Checker.check(files: try loadFiles(book.path)).2
        #expect(SyntaxDump.ruleBook(after) == SyntaxDump.ruleBook(before))
        #expect(try book.read("95-english.rules") == "indicator y \"Y\" : count\n\nfactor g {\n  basis \"b\"\n  when y > 1\n}\n")
        #expect(try book.read("30-factors.rules").hasPrefix("фактор equipment"))
        #expect(CLIRun(["check", book.path]).exitCode == 0)
        #expect(CLIRun(["fmt", "--check", book.path]).exitCode == 0)
    }

    @Test func fmtOnASingleFile() throws {
        let book = try ScratchBook(copyStarter: false)
        defer { book.remove() }
        try book.write("a.rules", messy)
        try book.write("b.rules", messy)
        #expect(CLIRun(["fmt", book.path("a.rules")]).exitCode == 0)
        #expect(try book.read("a.rules") != messy)
        #expect(try book.read("b.rules") == messy)
    }

    @Test func fmtLeavesAFileWithSyntaxErrorsAlone() throws {
        let book = try ScratchBook(copyStarter: false)
        defer { book.remove() }
        let broken = "показатель x \"X\" количество\nфактор f {если x>1}\n"
        try book.write("a.rules", broken)
        let run = CLIRun(["fmt", book.path])
        #expect(run.exitCode == 1)
        #expect(run.standardError.contains("\(book.path("a.rules")):1:18: ошибка:"))
        #expect(try book.read("a.rules") == broken)
    }

    @Test func usageAndMissingPaths() {
        #expect(CLIRun(["fmt", "--frobnicate"]).exitCode == 64)
        #expect(CLIRun(["fmt", "--check=yes"]).exitCode == 64)
        #expect(CLIRun(["fmt", "a", "b"]).exitCode == 64)
        let missing = CLIRun(["fmt", "/nonexistent/riskmap-\(UUID().uuidString)"])
        #expect(missing.exitCode == 66)
    }

    @Test func englishMessages() throws {
        let book = try ScratchBook(copyStarter: false)
        defer { book.remove() }
        try book.write("a.rules", messy)
        let run = CLIRun(["fmt", "--check", book.path, "--lang", "en"])
        #expect(run.exitCode == 1)
        #expect(run.standardOutput.contains("would reformat: \(book.path("a.rules"))"))
        #expect(run.standardError.contains("1 of 1 files would be reformatted."))
    }

    private func loadFiles(_ path: String) throws -> [SourceFile] {
        guard case .success(let files) = RuleBookLoader.load(path) else { throw CocoaError(.fileNoSuchFile) }
        return files
    }
}
