import Foundation
import Testing
@testable import RiskmapEngine
import RiskmapLanguage

/// The byte-level escapers of the documents and the manifest's SHA-256, each against a
/// plain reference (scalar by scalar; `sha256sum`) on random texts. A seed in each failure.
@Suite struct WriterEscapingTests {
    /// Markdown escaping written plainly: scalar by scalar.
    static func referenceMarkdown(_ s: String) -> String {
        var out = ""
        var previousCR = false
        for c in s.unicodeScalars {
            defer { previousCR = c == "\r" }
            switch c {
            case "\\", "|", "*", "_", "`", "<", "[", "]": out += "\\" + String(c)
            case "\n": if !previousCR { out += " " }
            case "\r", "\t": out += " "
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static func referenceHTML(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static func referenceJSON(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if c.value < 0x20 { out += String(format: "\\u%04x", c.value) } else { out.unicodeScalars.append(c) }
            }
        }
        return out + "\""
    }

    static let pieces = ["a", "Школа", " ", "|", "*", "_", "`", "<", ">", "[", "]", "\\", "&", "\"", "'", "\n", "\r", "\r\n",
                         "\t", "\u{1}", "\u{1F}", "é", "e\u{301}", "*\u{301}", "«", "»", "№", "😀", "\u{A0}", "x"]

    static func randomText(_ g: inout SplitMix) -> String {
        (0..<Int.random(in: 0...12, using: &g)).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &g)] }.joined()
    }

    @Test func escapersAgreeWithTheReferences() {
        let seed = UInt64.random(in: 0...UInt64.max)
        var g = SplitMix(seed: seed)
        for _ in 0..<20_000 {
            let s = Self.randomText(&g)
            #expect(MarkdownTable.escape(s) == Self.referenceMarkdown(s), "seed \(seed): \(s.debugDescription)")
            #expect(HTMLEscape.text(s) == Self.referenceHTML(s), "seed \(seed): \(s.debugDescription)")
            var json = ""
            JSONValue.escape(s, into: &json)
            #expect(json == Self.referenceJSON(s), "seed \(seed): \(s.debugDescription)")
        }
    }

    @Test func htmlEscapingStopsMarkup() {
        for attack in ["<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "</style><script>", "' onmouseover='x"] {
            let e = HTMLEscape.text(attack)
            #expect(!e.contains("<") && !e.contains(">") && !e.contains("\"") && !e.contains("'"), "\(attack)")
        }
    }

    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func sha256KnownAnswers(_ text: String, _ hex: String) {
        #expect(SHA256.hex(Array(text.utf8)) == hex)
    }

    /// Every length around the block boundaries, against the system's `sha256sum`.
    @Test func sha256AgreesWithSha256sum() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/sha256sum") else { return }
        let seed = UInt64.random(in: 0...UInt64.max)
        var g = SplitMix(seed: seed)
        var lengths = Array(0...130) + [1_000, 4_095, 4_096, 65_537]
        lengths.append(Int.random(in: 0...200_000, using: &g))
        for n in lengths {
            let bytes = (0..<n).map { _ in UInt8.random(in: 0...255, using: &g) }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
            let input = Pipe(), output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            try process.run()
            input.fileHandleForWriting.write(Data(bytes))
            try input.fileHandleForWriting.close()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(SHA256.hex(bytes) == String(text.prefix(64)), "seed \(seed), length \(n)")
        }
    }
}
