import Foundation
import RiskmapEngine
import RiskmapPlatform

/// Where a command writes. Tests capture it; `main` uses the process's streams.
public final class Console: @unchecked Sendable {
    public private(set) var standardOutput = ""
    public private(set) var standardError = ""
    private let capture: Bool

    public init(capture: Bool) { self.capture = capture }

    public static func live() -> Console { Console(capture: false) }

    public func out(_ text: String) {
        if capture { standardOutput += text } else { FileHandle.standardOutput.write(Data(text.utf8)) }
    }

    /// Streams bytes to standard output in blocks (captured: appended as UTF-8 text).
    public func out(streaming body: (inout ByteSink) throws(ByteSink.Failure) -> Void) throws(ByteSink.Failure) {
        if capture {
            var sink = ByteSink.memory()
            try body(&sink)
            standardOutput += String(decoding: sink.buffer, as: UTF8.self)
        } else {
            var sink = ByteSink.standardOutput()
            try body(&sink)
            try sink.flush()
        }
    }

    public func err(_ text: String) {
        if capture { standardError += text } else { FileHandle.standardError.write(Data(text.utf8)) }
    }
}
