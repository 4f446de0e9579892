/// The page of a Word document in twips (1/1440 inch): A4, portrait or landscape.
struct DocxPage: Equatable, Sendable {
    /// A4 is 210 × 297 mm.
    static let a4Short = 11906
    static let a4Long = 16838
    /// 20 mm: room for a hole punch or binding on the left, and for the footer below.
    static let margin20mm = 1134
    /// 15 mm on the right and at the top, as the HTML's print margins.
    static let margin15mm = 850
    /// 12 mm, as the HTML documents' print margins at the top and on the right.
    static let margin12mm = 680
    /// The footer's distance from the page's bottom edge (6 mm).
    static let footerDistance = 340

    var width: Int
    var height: Int
    var landscape: Bool
    var top = margin12mm
    var bottom = margin12mm
    var left = margin15mm
    var right = margin12mm

    init(_ orientation: Document.Orientation) {
        switch orientation {
        case .portrait:
            width = Self.a4Short
            height = Self.a4Long
            landscape = false
        case .landscape:
            width = Self.a4Long
            height = Self.a4Short
            landscape = true
        }
    }

    /// The width between the margins: what a table spans.
    var textWidth: Int { width - left - right }

    /// The `w:sectPr` closing the body: page size, margins and the footer `footerID` names.
    func sectionProperties(footerID: String) -> String {
        var out = "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"\(footerID)\"/>"
        out += "<w:pgSz w:w=\"\(width)\" w:h=\"\(height)\"" + (landscape ? " w:orient=\"landscape\"" : "") + "/>"
        out += "<w:pgMar w:top=\"\(top)\" w:right=\"\(right)\" w:bottom=\"\(bottom)\" w:left=\"\(left)\" "
        out += "w:header=\"\(Self.footerDistance)\" w:footer=\"\(Self.footerDistance)\" w:gutter=\"0\"/>"
        out += "<w:cols w:space=\"708\"/></w:sectPr>"
        return out
    }
}
