/// The shell of every HTML document: self-contained, no scripts, no external files,
/// print-ready on A4.
enum HTMLPage {
    static let css = """
    @page { size: A4; margin: 15mm }
    * { box-sizing: border-box }
    html { -webkit-print-color-adjust: exact; print-color-adjust: exact }
    body { font-family: "PT Sans", "Liberation Sans", "DejaVu Sans", Arial, "Helvetica Neue", sans-serif;
      font-size: 11pt; line-height: 1.4; color: #111; background: #fff; max-width: 190mm; margin: 0 auto; padding: 10mm 0 }
    @media print { body { max-width: none; padding: 0 } a { color: inherit; text-decoration: none } }
    h1 { font-size: 17pt; line-height: 1.25; margin: 0 0 2mm }
    h2 { font-size: 13pt; margin: 7mm 0 2mm; break-after: avoid; page-break-after: avoid }
    h3 { font-size: 11.5pt; margin: 5mm 0 2mm; break-after: avoid; page-break-after: avoid }
    p { margin: 0 0 2mm }
    .subtitle { font-size: 12pt; color: #333; margin-bottom: 4mm }
    table { border-collapse: collapse; width: 100%; font-size: 10pt; margin: 0 0 3mm }
    th, td { border: 1px solid #666; padding: 3px 5px; vertical-align: top; text-align: left }
    th { background: #e9ecef; font-weight: bold }
    thead { display: table-header-group }
    tr { break-inside: avoid; page-break-inside: avoid }
    table.meta { width: auto; font-size: 10.5pt }
    table.meta th, table.meta td { border: none; background: none; padding: 1px 10px 1px 0 }
    table.meta th { font-weight: normal; color: #444 }
    td.num, th.num { text-align: right; white-space: nowrap }
    .nowrap { white-space: nowrap }
    .muted { color: #555 }
    .small { font-size: 9pt }
    .addresses { display: block; font-size: 9pt; color: #444; margin-top: 1px }
    .status { display: inline-block; padding: 0 5px; border-radius: 3px; border: 1px solid #999; white-space: nowrap; font-size: 9pt }
    .st-triggered { background: #fde2e1; border-color: #c62828; color: #8e1b1b }
    .st-unknown { background: #fff4d6; border-color: #b7791f; color: #6b4a10 }
    .st-not_triggered { background: #e6f4ea; border-color: #2e7d32; color: #1b5e20 }
    .st-not_applicable { background: #f1f3f5; border-color: #adb5bd; color: #495057 }
    .empty-cell { height: 12mm }
    footer { margin-top: 8mm; font-size: 9pt; color: #555; border-top: 1px solid #ccc; padding-top: 2mm }
    """

    static func render(lang: String, title: String, body: String, extraCSS: String = "") -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"\(lang)\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>\(HTMLEscape.text(title))</title>\n<style>\n\(css)\n"
        if !extraCSS.isEmpty { out += extraCSS + "\n" }
        out += "</style>\n</head>\n<body>\n" + body + "</body>\n</html>\n"
        return out
    }

    /// A table with a header row; cells are already HTML.
    static func table(_ header: [String], _ rows: [[String]], id: String? = nil, numeric: Set<Int> = [], classes: String? = nil) -> String {
        var out = "<table"
        if let id { out += " id=\"\(id)\"" }
        if let classes { out += " class=\"\(classes)\"" }
        out += ">\n<thead><tr>"
        for (i, h) in header.enumerated() {
            out += numeric.contains(i) ? "<th class=\"num\">" : "<th>"
            out += HTMLEscape.text(h) + "</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for row in rows {
            out += "<tr>"
            for (i, c) in row.enumerated() { out += (numeric.contains(i) ? "<td class=\"num\">" : "<td>") + c + "</td>" }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        return out
    }

    /// A two-column header table (label, value), values already HTML.
    static func meta(_ rows: [(String, String)]) -> String {
        var out = "<table class=\"meta\">\n<tbody>\n"
        for (label, value) in rows { out += "<tr><th scope=\"row\">\(HTMLEscape.text(label))</th><td>\(value)</td></tr>\n" }
        return out + "</tbody>\n</table>\n"
    }
}
