/// The widths of a table's columns in twips. Weights share out the text width, but a
/// column is never narrower than its longest word: Word and LibreOffice break a word that
/// does not fit in its cell in the middle («ежемесячн-о»), which a reader takes for a typo.
/// Word widths are estimated from Arial's character widths, so no font file is needed.
enum ColumnWidths {
    /// Each column's width for a table of `columns` and `rows`, adding up to `total`.
    static func widths(_ table: Document.Table, total: Int) -> [Int] {
        let mins = table.columns.indices.map { i in
            minimumWidth(table.columns[i], cells: table.rows.compactMap { $0.indices.contains(i) ? $0[i] : nil }, total: total)
        }
        return widths(weights: table.columns.map(\.weight), minimums: mins, total: total)
    }

    /// Weights share out `total`; a column whose share is below its minimum gets the
    /// minimum, and the others share what is left, until every column has at least its
    /// minimum. When the minimums alone do not fit, the weights decide (some word will
    /// break anyway, and the weights say where the text is).
    static func widths(weights: [Int], minimums: [Int], total: Int) -> [Int] {
        guard weights.count == minimums.count, minimums.reduce(0, +) <= total else { return shares(weights, total: total) }
        let w = weights.map(clamp)
        var fixed = [Bool](repeating: false, count: w.count)
        while true {
            let free = w.indices.filter { !fixed[$0] }
            let remaining = total - w.indices.filter { fixed[$0] }.map { minimums[$0] }.reduce(0, +)
            let freeWeight = free.map { w[$0] }.reduce(0, +)
            let short = free.filter { freeWeight > 0 && remaining * w[$0] / freeWeight < minimums[$0] }
            if short.isEmpty {
                var widths = minimums
                let given = shares(free.map { w[$0] }, total: remaining)
                for (i, width) in zip(free, given) { widths[i] = width }
                if free.isEmpty {
                    // Every column at its minimum: what is left goes by weight.
                    for (i, extra) in shares(w, total: remaining).enumerated() { widths[i] += extra }
                }
                return widths
            }
            for i in short { fixed[i] = true }
        }
    }

    /// `total` shared by weight, the rounding remainders given to the columns that lost most
    /// to it, so the widths always add up to `total`. A weight below 1 counts as 1 (every
    /// column stays visible); huge weights are capped so the arithmetic cannot overflow.
    static func shares(_ weights: [Int], total: Int) -> [Int] {
        guard !weights.isEmpty else { return [] }
        let w = weights.map(clamp)
        let sum = w.reduce(0, +)
        var widths = w.map { total * $0 / sum }
        let remainders = w.enumerated().map { (i, x) in (i, total * x % sum) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        var left = total - widths.reduce(0, +)
        for (i, _) in remainders where left > 0 {
            widths[i] += 1
            left -= 1
        }
        return widths
    }

    private static func clamp(_ weight: Int) -> Int { min(max(weight, 1), 1_000_000) }

    /// The cell's left and right margins (`TableGrid`) and a little slack for the estimate.
    static let cellPadding = 2 * 57 + 40

    /// The widest word of the column's header (bold, 8 pt), cells (8 pt) and details
    /// (7 pt), as the Word and HTML tables set them, at most half the table (a long link must
    /// not squeeze every other column). A number column's cells are measured whole: the HTML
    /// keeps «32,5 %» or «не выше 25 %» on one line there.
    static func minimumWidth(_ column: Document.Column, cells: [Document.Cell], total: Int) -> Int {
        var widest = longestWord(column.title, halfPoints: 16, bold: true)
        if !column.fillIn {
            for cell in cells {
                for inline in cell.main {
                    widest = max(widest, longestWord(inline, halfPoints: 16, breaksAtSpaces: column.alignment != .trailing))
                }
                for inline in cell.detail { widest = max(widest, longestWord(inline, halfPoints: 14)) }
            }
        }
        return min(widest + cellPadding, total / 2)
    }

    private static func longestWord(_ inline: Document.Inline, halfPoints: Int, breaksAtSpaces: Bool = true) -> Int {
        switch inline {
        case .text(let s), .link(let s, _): longestWord(s, halfPoints: halfPoints, bold: false, breaksAtSpaces: breaksAtSpaces)
        case .strong(let s): longestWord(s, halfPoints: halfPoints, bold: true, breaksAtSpaces: breaksAtSpaces)
        // A chip is 9 pt, on one line, with a no-break space either side.
        case .status(let s, _): longestWord("\u{A0}" + s + "\u{A0}", halfPoints: 18, bold: false, breaksAtSpaces: false)
        }
    }

    /// The width in twips of the widest run of text without a break opportunity: words end
    /// at spaces and after hyphens and dashes (where both Word and LibreOffice may break).
    /// `breaksAtSpaces: false` — text kept on one line (a number cell, a status chip): a
    /// space is a character like any other.
    static func longestWord(_ s: String, halfPoints: Int, bold: Bool, breaksAtSpaces: Bool = true) -> Int {
        var widest = 0.0, current = 0.0
        for scalar in s.unicodeScalars {
            switch scalar {
            case " ", "\t", "\n", "\u{200B}":
                if breaksAtSpaces {
                    current = 0
                } else {
                    current += em(scalar)
                    widest = max(widest, current)
                }
            case "-", "—", "–", "\u{AD}":
                widest = max(widest, current + em(scalar))
                current = 0
            default:
                current += em(scalar)
                widest = max(widest, current)
            }
        }
        // An em at `halfPoints`/2 points is halfPoints × 10 twips.
        return Int((widest * (bold ? 1.1 : 1.0) * Double(halfPoints) * 10).rounded(.up))
    }

    /// `em` of a scalar: a table lookup for Latin and Cyrillic (every cell's every character
    /// is measured, so this is the writer's hot loop). A combining mark adds nothing.
    static func em(_ scalar: Unicode.Scalar) -> Double {
        let v = Int(scalar.value)
        if v < scalarTable.count { return scalarTable[v] }
        if (0x300...0x36F).contains(v) { return 0 }
        return em(Character(scalar))
    }

    private static let scalarTable: [Double] = (0..<0x460).map { v in
        guard let scalar = Unicode.Scalar(v) else { return 0.8 }
        return (0x300...0x36F).contains(v) ? 0 : em(Character(scalar))
    }

    /// A character's advance in Arial, in ems (the font's metrics, rounded up to hundredths);
    /// anything not listed counts as a wide letter.
    static func em(_ ch: Character) -> Double {
        if let w = cyrillic[ch] { return w }
        return switch ch {
        case "m", "w", "%", "M", "W", "—", "№", "@": 1.0
        case "\u{A0}", " ", ".", ",", ":", ";", "!", "'", "|", "i", "j", "l", "(", ")", "[", "]", "/", "\u{AD}", "I": 0.28
        case "-", "f", "t", "r": 0.34
        case "0"..."9", "«", "»", "–", "a"..."z", "?", "$", "_": 0.56
        case "A"..."Z", "&": 0.73
        default: 0.8
        }
    }

    private static let cyrillic: [Character: Double] = {
        let lower = "а.56 б.58 в.54 г.37 д.59 е.56 ё.56 ж.67 з.46 и.56 й.56 к.44 л.59 м.69 н.56 о.56 п.55 р.56 с.5 т.46 "
            + "у.5 ф.83 х.5 ц.59 ч.53 ш.81 щ.83 ъ.63 ы.72 ь.53 э.51 ю.75 я.55"
        let upper = "А.67 Б.66 В.67 Г.55 Д.68 Е.67 Ё.67 Ж.93 З.61 И.72 Й.72 К.59 Л.66 М.84 Н.73 О.78 П.72 Р.67 С.73 Т.62 "
            + "У.64 Ф.77 Х.67 Ц.74 Ч.67 Ш.92 Щ.94 Ъ.8 Ы.89 Ь.66 Э.72 Ю1.02 Я.73"
        var table: [Character: Double] = [:]
        for entry in (lower + " " + upper).split(separator: " ") {
            guard let letter = entry.first, let width = Double("0" + entry.dropFirst()) else { continue }
            table[letter] = width
        }
        return table
    }()
}
