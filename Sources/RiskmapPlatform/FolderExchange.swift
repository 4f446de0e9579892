import Foundation

/// Folder operations `OutputBundle` needs to replace an output folder without a moment in
/// which the folder is missing or mixed, and to keep the files a user put into it.
///
/// Any thread may call them.
public enum FolderExchange {
    /// What `exchange` did.
    public enum Outcome: Sendable, Equatable {
        /// The two paths swapped names in one step.
        case exchanged
        /// The file system (or the kernel) cannot swap names in one step; nothing changed.
        case unsupported
        /// The swap failed for another reason (`strerror` text); nothing changed.
        case failed(String)
    }

    /// Swaps the names of `a` and `b` (both must exist) in one atomic step: a reader sees
    /// either the old or the new pair, never neither. Linux: `renameat2(RENAME_EXCHANGE)`
    /// (looked up at run time; kernels and file systems without it give `.unsupported`);
    /// macOS: `renamex_np(RENAME_SWAP)`.
    public static func exchange(_ a: String, _ b: String) -> Outcome {
        guard !a.contains("\u{0}"), !b.contains("\u{0}") else { return .failed("invalid path") }
        #if os(Linux)
        guard let renameat2 = linuxRenameat2 else { return .unsupported }
        let renameExchange: UInt32 = 1 << 1
        if renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0 { return .exchanged }
        #elseif canImport(Darwin)
        if renamex_np(a, b, UInt32(RENAME_SWAP)) == 0 { return .exchanged }
        #else
        return .unsupported
        #endif
        let code = errno
        if code == EINVAL || code == ENOSYS || code == ENOTSUP || code == EOPNOTSUPP { return .unsupported }
        return .failed(String(cString: strerror(code)))
    }

    #if os(Linux)
    private typealias Renameat2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// glibc's `renameat2` (2.28 and later), which Swift's Glibc module does not import.
    private static let linuxRenameat2: Renameat2? = {
        guard let symbol = dlsym(nil, "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: Renameat2.self)
    }()
    #endif

    /// Makes `destination` a second name of the file at `source` (a hard link; a symbolic
    /// link is linked itself, not followed). Throws when the file system refuses (the
    /// caller then copies).
    public static func hardLink(_ source: String, to destination: String) throws(AtomicWriter.Failure) {
        guard !source.contains("\u{0}"), !destination.contains("\u{0}") else {
            throw AtomicWriter.Failure(path: destination, reason: "invalid path")
        }
        if linkat(AT_FDCWD, source, AT_FDCWD, destination, 0) != 0 {
            throw AtomicWriter.Failure(path: destination, reason: String(cString: strerror(errno)))
        }
    }

    /// Whether `path` is a symbolic link (not followed).
    public static func isSymbolicLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }
}

/// This process and others, by process id: for telling a temporary folder left by a run
/// that was killed (its process is gone) from one a running process is still writing.
public enum ProcessIdentity {
    /// This process's id.
    public static var current: Int32 { getpid() }

    /// Whether a process with id `pid` exists (it may belong to another user).
    public static func isRunning(_ pid: Int32) -> Bool {
        guard pid > 0 else { return false }
        if kill(pid, 0) == 0 { return true }
        return errno == EPERM
    }
}
