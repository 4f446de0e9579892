import Foundation

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

    public func err(_ text: String) {
        if capture { standardError += text } else { FileHandle.standardError.write(Data(text.utf8)) }
    }
}
