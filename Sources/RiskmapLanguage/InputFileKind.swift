/// What a file given as a table looks like when it is not one riskmap reads: found from
/// its first bytes (and, for ZIP archives, the names inside), named in the error.
public enum InputFileKind: String, Sendable, CaseIterable {
    /// An Excel 97–2003 workbook (`.xls`, an OLE2 compound file).
    case xls
    /// An Excel binary workbook (`.xlsb`).
    case xlsb
    /// An OpenDocument spreadsheet (`.ods`, LibreOffice Calc).
    case ods
    /// A Word document (`.docx`).
    case docx
    /// A Word 97–2003 document (`.doc`) or another OLE2 compound file.
    case doc
    /// Another OpenDocument file (`.odt`, `.odp`).
    case openDocument
    /// A PowerPoint presentation (`.pptx`).
    case pptx
    /// A PDF document.
    case pdf
    /// Some other ZIP archive.
    case zip
    /// A gzip, 7-Zip or RAR archive.
    case archive
    /// A PNG, JPEG or GIF image.
    case image
    /// An executable program.
    case executable
    /// Binary data of no kind recognised.
    case binary

    /// «документ PDF», "a PDF document".
    public func text(_ lang: Lang) -> String {
        switch self {
        case .xls: return lang.text(ru: "книга Excel 97–2003 (.xls)", en: "an Excel 97-2003 workbook (.xls)")
        case .xlsb: return lang.text(ru: "двоичная книга Excel (.xlsb)", en: "an Excel binary workbook (.xlsb)")
        case .ods: return lang.text(ru: "таблица OpenDocument (.ods)", en: "an OpenDocument spreadsheet (.ods)")
        case .docx: return lang.text(ru: "документ Word (.docx)", en: "a Word document (.docx)")
        case .doc: return lang.text(ru: "документ Word 97–2003 (.doc)", en: "a Word 97-2003 document (.doc)")
        case .openDocument: return lang.text(ru: "документ OpenDocument (.odt, .odp)", en: "an OpenDocument file (.odt, .odp)")
        case .pptx: return lang.text(ru: "презентация PowerPoint (.pptx)", en: "a PowerPoint presentation (.pptx)")
        case .pdf: return lang.text(ru: "документ PDF", en: "a PDF document")
        case .zip: return lang.text(ru: "архив ZIP", en: "a ZIP archive")
        case .archive: return lang.text(ru: "сжатый архив (gzip, 7z, rar)", en: "a compressed archive (gzip, 7z, rar)")
        case .image: return lang.text(ru: "изображение", en: "an image")
        case .executable: return lang.text(ru: "исполняемая программа", en: "an executable program")
        case .binary: return lang.text(ru: "двоичный файл", en: "a binary file")
        }
    }

    /// What to do instead.
    public func help(_ lang: Lang) -> String {
        switch self {
        case .xls, .xlsb, .ods:
            return lang.text(ru: "откройте файл в Excel или LibreOffice и сохраните как «Книга Excel (.xlsx)» или «CSV UTF-8»",
                             en: "open it in Excel or LibreOffice and save it as 'Excel Workbook (.xlsx)' or 'CSV UTF-8'")
        case .docx, .doc, .openDocument, .pptx, .pdf, .image:
            return lang.text(ru: "данные школ нужны таблицей: файл .xlsx или .csv, одна строка на школу и учебный год",
                             en: "school data must be a table: an .xlsx or .csv file, one row per school and school year")
        case .zip, .archive:
            return lang.text(ru: "распакуйте архив и укажите сам файл таблицы (.xlsx или .csv)",
                             en: "unpack the archive and give the table file itself (.xlsx or .csv)")
        case .executable, .binary:
            return lang.text(ru: "укажите файл таблицы школ: .xlsx или .csv",
                             en: "give the schools table: an .xlsx or .csv file")
        }
    }
}
