import Foundation
import Testing
import RiskmapCLI

/// `--schools data.xlsx`: a workbook reads as its CSV export does.
@Suite struct WorkbookCommandTests {
    static let workbooks = EngineCLI.path("Tests/Fixtures/workbooks")

    /// `Samples/tomsk.csv` exported to `.xlsx` by LibreOffice classifies and plans exactly as the CSV.
    @Test func libreOfficeExportOfTomskClassifiesIdentically() throws {
        let rules = EngineCLI.path("Rules")
        for format in ["json", "csv", "table"] {
            let csv = EngineCLI.run(["classify", "--rules", rules, "--schools", EngineCLI.path("Samples/tomsk.csv"), "--format", format])
            let xlsx = EngineCLI.run(["classify", "--rules", rules, "--schools", Self.workbooks + "/tomsk-libreoffice.xlsx", "--format", format])
            #expect(csv.code == 0 && xlsx.code == 0, "\(xlsx)")
            #expect(xlsx.stdout == csv.stdout, "\(format)")
            #expect(xlsx.stderr == csv.stderr)
        }
        // Plans too: every file but the manifest (which names the input) is the same.
        let tmp = try EngineCLI.temporaryFolder()
        defer { EngineCLI.cleanUp(tmp) }
        let fromCSV = EngineCLI.run(["plan", "--rules", rules, "--schools", EngineCLI.path("Samples/tomsk.csv"),
                                     "--directory", EngineCLI.path("Samples/tomsk-directory.csv"), "--out", tmp.path + "/a"])
        let fromXLSX = EngineCLI.run(["plan", "--rules", rules, "--schools", Self.workbooks + "/tomsk-libreoffice.xlsx",
                                      "--directory", EngineCLI.path("Samples/tomsk-directory.csv"), "--out", tmp.path + "/b"])
        #expect(fromCSV.code == 0 && fromXLSX.code == 0, "\(fromXLSX)")
        let a = try PlanCommandTests.files(tmp.path + "/a"), b = try PlanCommandTests.files(tmp.path + "/b")
        #expect(a.keys.sorted() == b.keys.sorted())
        for (path, data) in a where path != "manifest.json" { #expect(b[path] == data, "\(path)") }
    }

    @Test func formatsSheetsAndCellNames() {
        let starter = ["--rules", EngineCLI.starterRules]
        let book = Self.workbooks + "/starter-libreoffice.xlsx"
        // Percent-formatted cells, booleans and a formula read as the starter CSV's values.
        let csv = EngineCLI.classify(["--format", "json"])
        let xlsx = EngineCLI.run(["classify"] + starter + ["--schools", book, "--format", "json"])
        #expect(xlsx.code == 0, "\(xlsx)")
        #expect(xlsx.stdout == csv.stdout)
        #expect(xlsx.stderr.contains("starter-libreoffice.xlsx: Данные!O1: предупреждение: столбец «Выгружено»"), "\(xlsx)")
        // The second sheet, by name; its bad cell is named as Excel names it.
        let second = EngineCLI.run(["classify"] + starter + ["--schools", book, "--sheet", "Лист2"])
        #expect(second.code == 1)
        #expect(second.stderr.contains("starter-libreoffice.xlsx: Лист2!F3: ошибка: значение «много» не подходит"), "\(second)")
        let missing = EngineCLI.run(["classify"] + starter + ["--schools", book, "--sheet", "Итоги"])
        #expect(missing.code == 1)
        #expect(missing.stderr.contains("в книге нет листа «Итоги» (есть: «Данные», «Лист2»)"), "\(missing)")
        let notABook = EngineCLI.run(["classify"] + starter + ["--schools", EngineCLI.starterSchools, "--sheet", "Лист1"])
        #expect(notABook.code == 64 && notABook.stderr.contains("--sheet"), "\(notABook)")
    }

    /// Any other binary file: one line saying what it looks like, not its bytes.
    @Test func otherBinaryFilesAreNamed() throws {
        let tmp = try EngineCLI.temporaryFolder()
        defer { EngineCLI.cleanUp(tmp) }
        let cases: [(String, [UInt8], String)] = [
            ("отчёт.pdf", Array("%PDF-1.7\n%âãÏÓ\n".utf8) + [0, 1, 2], "документ PDF"),
            ("old.xls", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 32) + "Workbook".utf8.flatMap { [$0, UInt8(0)] }, "книга Excel 97–2003 (.xls)"),
            ("photo.csv", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 7, count: 4000), "изображение"),
            ("junk.csv", (0..<4000).map { UInt8($0 % 32) }, "двоичный файл"),
        ]
        for (name, bytes, kind) in cases {
            let path = try EngineCLI.write(bytes, name, in: tmp)
            let r = EngineCLI.run(["classify", "--rules", EngineCLI.starterRules, "--schools", path])
            #expect(r.code == 1)
            #expect(r.stderr.hasPrefix("\(path): ошибка: это не таблица, которую читает riskmap: похоже, это \(kind)\n"), "\(r)")
            #expect(r.stderr.split(separator: "\n").count == 2, "one line and a hint: \(r.stderr)")
            #expect(!r.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "no control characters")
        }
        // The real samples archive.
        let zip = EngineCLI.run(["classify", "--rules", EngineCLI.starterRules, "--schools", Self.workbooks + "/samples-zip9.zip"])
        #expect(zip.stderr.contains("похоже, это архив ZIP"))
    }

    /// Excel's «Юникод-текст» (UTF-16, tab-separated) reads like the CSV.
    @Test func utf16TextReads() throws {
        let tmp = try EngineCLI.temporaryFolder()
        defer { EngineCLI.cleanUp(tmp) }
        let text = try String(contentsOfFile: EngineCLI.starterSchools, encoding: .utf8).replacingOccurrences(of: ";", with: "\t")
        let bytes: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let path = try EngineCLI.write(bytes, "unicode.txt", in: tmp)
        let r = EngineCLI.run(["classify", "--rules", EngineCLI.starterRules, "--schools", path, "--format", "json"])
        #expect(r.code == 0, "\(r)")
        #expect(r.stdout == EngineCLI.classify(["--format", "json"]).stdout)
    }
}
