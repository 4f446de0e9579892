/// Where the cells of a spreadsheet's sheet are in the text riskmap made of it: the
/// sheet's row N is the text's line N (rows without values are empty lines), and the
/// cells of a line are tab-separated fields in column order from A. With it a diagnostic
/// names a cell as the spreadsheet does (`Лист1!D7`) instead of a line and column of a
/// text the user never saw.
public struct SheetLayout: Sendable {
    /// The sheet's name, as its tab shows it.
    public let sheetName: String
    /// Per line (0-based) of the text: the index of its first field in `fieldStarts`; one
    /// extra entry at the end.
    let lineFirstField: [UInt32]
    /// Every field's start offset in the text, line after line.
    let fieldStarts: [UInt32]

    public init(sheetName: String, lineFirstField: [UInt32], fieldStarts: [UInt32]) {
        precondition(!lineFirstField.isEmpty)
        self.sheetName = sheetName
        self.lineFirstField = lineFirstField
        self.fieldStarts = fieldStarts
    }

    /// The 0-based column of the field holding byte `offset` of 1-based line `line`.
    public func column(at offset: Int, line: Int) -> Int {
        let l = max(0, min(line - 1, lineFirstField.count - 2))
        let first = Int(lineFirstField[l]), end = Int(lineFirstField[l + 1])
        guard first < end else { return 0 }
        var low = first, high = end - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if Int(fieldStarts[mid]) <= offset { low = mid } else { high = mid - 1 }
        }
        return low - first
    }

    /// `A`, `B`, …, `Z`, `AA`, … for a 0-based column.
    public static func columnLetters(_ column: Int) -> String {
        var n = column + 1
        var letters: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + r))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }

    /// `Лист1!D7`: the sheet (quoted when its name has spaces or punctuation, as Excel
    /// writes it) and the cell.
    public func cellName(line: Int, column: Int) -> String {
        let plain = sheetName.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } && !sheetName.isEmpty
        let sheet = plain ? sheetName : "'" + sheetName.replacingOccurrences(of: "'", with: "''") + "'"
        return "\(sheet)!\(Self.columnLetters(column))\(line)"
    }
}

extension SourceRange {
    /// For a range in a sheet's text: the sheet's cell where it starts (`Лист1!D7`).
    public var cellName: String? {
        guard let sheet = file.sheet else { return nil }
        let line = startLocation.line
        return sheet.cellName(line: line, column: sheet.column(at: start, line: line))
    }
}
