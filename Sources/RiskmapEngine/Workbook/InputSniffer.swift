import RiskmapLanguage
import RiskmapPlatform

/// What a file given as the schools table is, from its first bytes: text (CSV), an Excel
/// workbook, text in UTF-16 (Excel's «Юникод-текст»), a password-protected Office file,
/// or something else riskmap names instead of reading it as text.
enum InputSniffer {
    enum Kind: Equatable {
        case text
        /// UTF-16 with a byte-order mark (little-endian when true).
        case utf16(littleEndian: Bool)
        case workbook
        /// An Office file encrypted with a password (an OLE2 file holding `EncryptedPackage`).
        case encryptedOffice
        case other(InputFileKind)
    }

    static func kind(_ bytes: TextBytes) -> Kind {
        func starts(_ prefix: [UInt8]) -> Bool { bytes.count >= prefix.count && bytes.prefix(prefix.count).elementsEqual(prefix) }
        if starts([0xFF, 0xFE]) { return .utf16(littleEndian: true) }
        if starts([0xFE, 0xFF]) { return .utf16(littleEndian: false) }
        if starts([0xEF, 0xBB, 0xBF]) { return .text }
        if ZipArchive.looksLikeZip(bytes) { return zipKind(bytes) }
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return oleKind(bytes) }
        if starts(Array("%PDF".utf8)) { return .other(.pdf) }
        if starts([0x1F, 0x8B]) || starts([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]) || starts(Array("Rar!".utf8)) { return .other(.archive) }
        if starts([0x89, 0x50, 0x4E, 0x47]) || starts([0xFF, 0xD8, 0xFF]) || starts(Array("GIF8".utf8)) { return .other(.image) }
        if starts([0x7F, 0x45, 0x4C, 0x46]) || starts(Array("MZ".utf8)) || starts([0xCF, 0xFA, 0xED, 0xFE]) || starts([0xFE, 0xED, 0xFA, 0xCF]) {
            return .other(.executable)
        }
        return looksBinary(bytes) ? .other(.binary) : .text
    }

    /// A ZIP archive: an Excel workbook, another Office or OpenDocument file, or an archive.
    private static func zipKind(_ bytes: TextBytes) -> Kind {
        guard let archive = try? ZipArchive(bytes) else {
            // Damaged: the first entry's name says what it was meant to be.
            let name = bytes.withUnsafeBufferPointer { b -> String in
                guard b.count >= 30 else { return "" }
                let length = Int(b[26]) | Int(b[27]) << 8
                return String(decoding: b[30..<min(b.count, 30 + length)], as: UTF8.self)
            }
            return name.hasPrefix("xl/") || name == "[Content_Types].xml" ? .workbook : .other(.zip)
        }
        let names = archive.entries.map(\.name)
        if names.contains("xl/workbook.bin") { return .other(.xlsb) }
        if names.contains(where: { $0.hasPrefix("xl/") }) { return .workbook }
        if names.contains(where: { $0.hasPrefix("word/") }) { return .other(.docx) }
        if names.contains(where: { $0.hasPrefix("ppt/") }) { return .other(.pptx) }
        if names.contains("mimetype"), let mimetype = try? archive.extract("mimetype") {
            let type = String(decoding: mimetype, as: UTF8.self)
            if type.contains("opendocument.spreadsheet") { return .other(.ods) }
            if type.contains("opendocument") { return .other(.openDocument) }
        }
        return .other(.zip)
    }

    /// An OLE2 compound file: an encrypted Office file, an old Excel workbook or an old Word document.
    private static func oleKind(_ bytes: TextBytes) -> Kind {
        func containsUTF16(_ name: String) -> Bool {
            let pattern: [UInt8] = name.utf8.flatMap { [$0, UInt8(0)] }
            return bytes.withUnsafeBufferPointer { b in
                guard b.count >= pattern.count else { return false }
                var i = 0
                while i + pattern.count <= b.count {
                    if b[i] == pattern[0] && b[i..<(i + pattern.count)].elementsEqual(pattern) { return true }
                    i += 1
                }
                return false
            }
        }
        if containsUTF16("EncryptedPackage") { return .encryptedOffice }
        if containsUTF16("Workbook") || containsUTF16("Book") { return .other(.xls) }
        return .other(.doc)
    }

    /// Text has no NUL bytes and few control characters (tab, line ends and form feed
    /// aside) in its first 8 KiB.
    static func looksBinary(_ bytes: TextBytes) -> Bool {
        let n = min(bytes.count, 8192)
        var control = 0
        for i in 0..<n {
            let b = bytes[i]
            if b == 0 { return true }
            if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C { control += 1 }
        }
        return control * 100 > n
    }

    /// UTF-16 text (byte-order mark first) as UTF-8; unpaired surrogates become U+FFFD.
    static func utf8(fromUTF16 bytes: TextBytes, littleEndian: Bool) -> TextBytes {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = 2
        while i + 1 < bytes.count {
            let (a, b) = (UInt16(bytes[i]), UInt16(bytes[i + 1]))
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
            i += 2
        }
        return TextBytes(Array(String(decoding: units, as: UTF16.self).utf8))
    }
}
