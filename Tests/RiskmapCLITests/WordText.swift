import Foundation
@testable import RiskmapEngine
import RiskmapPlatform

/// The XML parts of a `.docx` output (read with the project's own ZIP reader), so tests that
/// scan every document for what it must never contain read Word documents' text too.
enum WordText {
    /// The bytes of a file as a reader sees its text: a `.docx`'s XML parts one after the
    /// other, any other file as it is.
    static func readable(_ path: String) throws -> [UInt8] {
        let bytes = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
        guard path.hasSuffix(".docx") else { return bytes }
        let archive = try ZipArchive(TextBytes(bytes))
        var out: [UInt8] = []
        for entry in archive.entries where entry.name.hasSuffix(".xml") || entry.name.hasSuffix(".rels") {
            out += try archive.extract(entry)
        }
        return out
    }
}
