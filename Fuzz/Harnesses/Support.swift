import Foundation
@testable import RiskmapEngine
import RiskmapLanguage
import RiskmapPlatform

/// Shared by the harnesses: the project's root (`RISKMAP_ROOT`, else the folder above
/// `Fuzz/`), the starter rule book, one-thread tuning, and a trap with a message.
enum FuzzSupport {
    static let root: String = {
        if let r = ProcessInfo.processInfo.environment["RISKMAP_ROOT"] { return r }
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        // Fuzz/.build/fuzz-NAME → the project root.
        return exe.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }()

    /// One thread, tiny blocks: the fuzzer explores the block logic as well as the rules.
    static let tuning = Tuning(threads: 1, mapsLargeInputs: false, directWrites: false, loaderBlockRows: 7,
                               evaluatorBlockRows: 64, parallelScanMinBytes: 1 << 30, speculativeUTF8MinBytes: 1 << 30)

    /// The starter rule book (Tests/Fixtures/starter), checked once.
    static let starter: CheckedRuleBook = {
        guard case .success(let (book?, _)) = Session.ruleBook(at: root + "/Tests/Fixtures/starter") else {
            fatalError("cannot load the starter rule book under \(root); set RISKMAP_ROOT")
        }
        return book
    }()

    /// The starter book compiled once.
    static let program = Program(book: starter)

    static func fail(_ what: String, _ input: [UInt8]) -> Never {
        let shown = String(decoding: input.prefix(400), as: UTF8.self)
        fatalError("\(what)\ninput (\(input.count) bytes): \(shown.debugDescription)")
    }
}
