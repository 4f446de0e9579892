import RiskmapLanguage
import RiskmapPlatform

/// Reads a sheet of an Excel workbook as a table: the first visible sheet, or the one
/// named by `--sheet`. Its cells then go through the same header and row rules as a CSV
/// file's; diagnostics name the sheet and cell (`Лист1!D7`).
public enum WorkbookReader {
    /// The table of `sheet` (nil: the first visible one) of the workbook in `bytes`, or
    /// the diagnostics saying why it cannot be read.
    public static func table(_ bytes: TextBytes, path: String, sheet: String?, tuning: Tuning = .default) -> (CSVTable?, [Diagnostic]) {
        do throws(ExcelWorkbook.Failure) {
            let workbook = try ExcelWorkbook(bytes)
            let chosen = try workbook.sheet(named: sheet)
            let (text, layout) = try SheetText.read(workbook, chosen)
            return CSVReader.read(sheet: text, layout: layout, path: path, tuning: tuning)
        } catch {
            return (nil, [diagnostic(error, path: path)])
        }
    }

    /// The names of the workbook's worksheets, in tab order (nil when it cannot be read).
    public static func sheetNames(_ bytes: TextBytes) -> [String]? {
        (try? ExcelWorkbook(bytes))?.sheets.map(\.name)
    }

    static func diagnostic(_ failure: ExcelWorkbook.Failure, path: String) -> Diagnostic {
        switch failure {
        case .archive(.encrypted):
            return Diagnostic(.error, .workbookEncrypted, path: path, help: .workbookHelp)
        case .archive(.notAnArchive):
            return Diagnostic(.error, .workbookUnreadable("not a ZIP archive, or cut short"), path: path, help: .workbookHelp)
        case .archive(.corrupt(let what)):
            return Diagnostic(.error, .workbookUnreadable("damaged ZIP structure (\(what))"), path: path, help: .workbookHelp)
        case .archive(.unsupported(let what)):
            return Diagnostic(.error, .workbookUnreadable("unsupported \(what)"), path: path, help: .workbookHelp)
        case .archive(.missing(let part)), .missing(let part):
            return Diagnostic(.error, .workbookUnreadable("no part \(part)"), path: path, help: .workbookHelp)
        case .archive(.damaged(let what)):
            return Diagnostic(.error, .workbookUnreadable("damaged data (\(what))"), path: path, help: .workbookHelp)
        case .xml(let part):
            return Diagnostic(.error, .workbookUnreadable("malformed XML in \(part)"), path: path, help: .workbookHelp)
        case .binaryWorkbook:
            return Diagnostic(.error, .notATable(.xlsb), path: path, help: .notATableHelp(.xlsb))
        case .noSheets:
            return Diagnostic(.error, .workbookNoSheets, path: path)
        case .noSheet(let name, let available):
            return Diagnostic(.error, .workbookNoSheet(name: name, available: available.map { "«\($0)»" }.joined(separator: ", ")), path: path)
        }
    }
}
