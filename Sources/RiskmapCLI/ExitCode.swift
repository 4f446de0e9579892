/// Exit codes of `riskmap` (documented in README.md). Values follow BSD sysexits where one fits.
public enum ExitCode: Int32, Sendable, Error {
    /// Success (warnings allowed).
    case success = 0
    /// The rule book or the data has errors, an example failed, or `fmt --check` found a file to reformat.
    case failure = 1
    /// Wrong command-line usage.
    case usage = 64
    /// An input path does not exist or cannot be read.
    case noInput = 66
    /// An output could not be written.
    case cannotWrite = 73
}
