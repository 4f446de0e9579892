import RiskmapLanguage

/// A document people read, independent of its format. The school plans, the municipal
/// roadmap and the execution-report template are built once as a `Document` and then
/// rendered to Markdown, HTML and Word (`.docx`), so the three formats always say the same
/// thing in the same order. Renderers escape text themselves: every string here is plain
/// text, never markup.
public struct Document: Sendable, Equatable {
    public enum Orientation: Sendable, Equatable {
        case portrait
        case landscape
    }

    /// The document's title (HTML `<title>`, the Word document's core title).
    public var title: String
    public var lang: Lang
    /// The page orientation on A4.
    public var orientation: Orientation
    public var blocks: [Block]
    /// A line at the foot of the document (rule book, version, how it was produced); in
    /// Word it is the page footer.
    public var footer: String?

    public init(title: String, lang: Lang, orientation: Orientation = .portrait, blocks: [Block] = [], footer: String? = nil) {
        self.title = title
        self.lang = lang
        self.orientation = orientation
        self.blocks = blocks
        self.footer = footer
    }
}

extension Document {
    /// One block of a document, top to bottom.
    public enum Block: Sendable, Equatable {
        /// `level` 1 (the document's title) to 3.
        case heading(level: Int, [Inline])
        case paragraph([Inline], Style)
        case bullets([[Inline]])
        /// Label–value lines without borders (the plan's passport: school, municipality, year…).
        case fields([Field])
        case table(Table)
        /// The approval block: one line per signatory with space to sign and date.
        case signatures([Signature])
        /// The next block starts on a new page (one sheet per school in the report template).
        case pageBreak
    }

    /// How a paragraph reads.
    public enum Style: Sendable, Equatable {
        case body
        /// The line under the title (municipality, year).
        case subtitle
        /// Secondary, smaller and grey: explanations of a table, how to read it.
        case note
        /// Must not be missed: missing data, a sparse year (a framed box in HTML and Word).
        case warning
    }

    /// A run of text inside a paragraph, heading, list item or cell.
    public enum Inline: Sendable, Equatable {
        case text(String)
        case strong(String)
        /// A link to another output file, relative to this one (`../summary.html`); Markdown
        /// and HTML keep the target, Word shows the text only.
        case link(String, target: String)
        /// A factor's status as a coloured chip; `code` is the status's stable code
        /// (`triggered`, `unknown`, `not_triggered`, `not_applicable`).
        case status(String, code: String)
    }

    public struct Field: Sendable, Equatable {
        public var label: String
        public var value: [Inline]
        public init(_ label: String, _ value: [Inline]) {
            self.label = label
            self.value = value
        }
    }

    public struct Signature: Sendable, Equatable {
        /// «Руководитель МОУО», «Директор школы».
        public var role: String
        /// The person's name when the directory has it, otherwise empty (a line to fill in).
        public var name: String
        public init(role: String, name: String = "") {
            self.role = role
            self.name = name
        }
    }

    public struct Column: Sendable, Equatable {
        public enum Alignment: Sendable, Equatable {
            case leading
            /// Numbers, row numbers.
            case trailing
        }

        public var title: String
        /// The column's share of the table's width, relative to the other columns' weights.
        public var weight: Int
        public var alignment: Alignment
        /// A column left empty for the reader to fill in by hand («Отметка об исполнении»):
        /// its cells are blank, never «—», and rows leave room to write.
        public var fillIn: Bool

        public init(_ title: String, weight: Int, alignment: Alignment = .leading, fillIn: Bool = false) {
            self.title = title
            self.weight = weight
            self.alignment = alignment
            self.fillIn = fillIn
        }
    }

    public struct Cell: Sendable, Equatable {
        /// The cell's text; an empty cell is shown as «—» (except in a fill-in column).
        public var main: [Inline]
        /// A smaller second line under the main text (which factors a measure addresses,
        /// co-executors); Markdown puts it in parentheses after the main text.
        public var detail: [Inline]

        public init(_ main: [Inline], detail: [Inline] = []) {
            self.main = main
            self.detail = detail
        }

        public init(_ text: String, detail: String = "") {
            self.main = text.isEmpty ? [] : [.text(text)]
            self.detail = detail.isEmpty ? [] : [.text(detail)]
        }
    }

    /// A table with one header row, repeated on every page it spans.
    public struct Table: Sendable, Equatable {
        /// A stable name for styling and tests (HTML `id`), e.g. `plan`, `targets`.
        public var name: String
        public var columns: [Column]
        public var rows: [[Cell]]

        public init(name: String, columns: [Column], rows: [[Cell]]) {
            precondition(rows.allSatisfy { $0.count == columns.count }, "every row has one cell per column")
            self.name = name
            self.columns = columns
            self.rows = rows
        }
    }
}

extension Document.Inline {
    /// The text a reader sees, without formatting.
    public var plainText: String {
        switch self {
        case .text(let s), .strong(let s), .link(let s, _), .status(let s, _): s
        }
    }
}
