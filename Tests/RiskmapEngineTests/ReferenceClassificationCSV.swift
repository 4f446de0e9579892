@testable import RiskmapEngine
import RiskmapLanguage

/// The classification CSV built plainly, to check `ClassificationCSV` (pre-encoded pieces,
/// reserved room, blocks of rows on several threads) against: one row at a time, every
/// cell a `String`, from the outcomes directly.
///
/// The document, as `ClassificationCSV` and `ClassificationReport.csv` describe it: UTF-8
/// with a BOM; cells separated by `;`; CRLF after every row, the last included. A cell
/// holding `;`, `,`, `"`, CR or LF is put in quotes, its quotes doubled (`CSVField`);
/// any other cell is written as it is. Columns: `school_id`, `name`, `municipality`,
/// `year`, one per scale (the level's title, or the words for an unknown level and for
/// none), `groups` (the codes of the groups the school is in, `, ` between them),
/// `triggered` and `unknown` (the codes of the factors with that status), one per factor
/// (its status in words). Rows: the rows of the report's school year, in input order.
///
/// A cell that begins with `=`, `+`, `-`, `@`, a tab or CR and is not a plain number gets
/// a leading `'` (inside the quotes, when quoted), so Excel shows it as text. The words
/// come from `ExplanationText` and `Status.text` (wording, not a fast path).
enum ReferenceClassificationCSV {
    /// `cell`, quoted when it holds `;`, `,`, `"`, CR or LF.
    static func cell(_ cell: String) -> String {
        var cell = cell
        if let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), CellParser.parseNumber(cell) == nil {
            cell = "'" + cell
        }
        let special: Set<Unicode.Scalar> = [";", ",", "\"", "\r", "\n"]
        guard cell.unicodeScalars.contains(where: special.contains) else { return cell }
        var out = String.UnicodeScalarView()
        out.append("\"")
        for s in cell.unicodeScalars {
            if s == "\"" { out.append("\"") }
            out.append(s)
        }
        out.append("\"")
        return String(out)
    }

    static func bytes(_ report: ClassificationReport) -> [UInt8] {
        let outcomes = report.outcomes
        let book = outcomes.book, profiles = outcomes.profiles, lang = report.lang
        var lines: [[String]] = [
            ["school_id", "name", "municipality", "year"] + book.scales.map(\.code) + ["groups", "triggered", "unknown"]
                + book.factors.map(\.code),
        ]
        for r in 0..<profiles.rowCount where Int(profiles.rowYear[r]) == report.yearIndex {
            let school = profiles.school(row: r)
            var cells = [school.id, school.name, school.municipality, profiles.years[report.yearIndex].description]
            for scale in book.scales {
                let level = outcomes.levels[scale.index][r]
                if level >= 0 {
                    cells.append(scale.levels[Int(level)].title)
                } else {
                    cells.append(level == Outcomes.unknownLevel ? ExplanationText.levelUnknown(lang) : ExplanationText.levelNone(lang))
                }
            }
            cells.append(book.groups.filter { outcomes.groups[$0.index][r] == .triggered }.map(\.code).joined(separator: ", "))
            cells.append(book.factors.filter { outcomes.factors[$0.index][r] == .triggered }.map(\.code).joined(separator: ", "))
            cells.append(book.factors.filter { outcomes.factors[$0.index][r] == .unknown }.map(\.code).joined(separator: ", "))
            cells += book.factors.map { outcomes.factors[$0.index][r].text(lang) }
            lines.append(cells)
        }
        let text = "\u{FEFF}" + lines.map { $0.map(cell).joined(separator: ";") + "\r\n" }.joined()
        return Array(text.utf8)
    }
}
