import Foundation

/// Writes files so that a reader never sees a half-written one: the bytes go to a
/// temporary file in the same folder, are flushed to disk (`fsync`), and the file is then
/// renamed over the target. If anything fails, the temporary file is removed and the
/// target is left as it was.
///
/// Writes go through the page cache, unless the caller asks for direct writes (large
/// classification outputs, when `Tuning.directWrites` is on; see `OutputFile`). Any
/// thread may call it; two writers of one path at once are not supported.
public enum AtomicWriter {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        /// Set when the target was refused rather than failed: the caller words it.
        public var refusal: Refusal?
        public var description: String { "\(path): \(reason)" }

        public init(path: String, reason: String, refusal: Refusal? = nil) {
            self.path = path
            self.reason = reason
            self.refusal = refusal
        }
    }

    /// Targets the writer does not replace.
    public enum Refusal: Sendable {
        /// A symbolic link: renaming over it would replace the link, and following it
        /// would write wherever it points.
        case symbolicLink
        /// A file without write permission (for anyone: even when run as root).
        case readOnly
    }

    public static func write(_ bytes: [UInt8], to path: String) throws(Failure) {
        try write(to: path) { (sink: inout ByteSink) throws(Failure) in try sink.write(bytes) }
    }

    public static func write(_ text: String, to path: String) throws(Failure) {
        try write(Array(text.utf8), to: path)
    }

    /// Streams the file: `body` appends to the sink, which writes in blocks, so a large
    /// output is never held in memory whole. `direct`: write with `O_DIRECT` where the
    /// file system takes it (pass `tuning.directWrites` for a large output; the default
    /// is plain writes through the page cache).
    public static func write(to path: String, direct: Bool = false, _ body: (inout ByteSink) throws(Failure) -> Void) throws(Failure) {
        guard !path.isEmpty, !path.contains("\u{0}") else { throw Failure(path: path, reason: "invalid path") }
        var info = stat()
        if lstat(path, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFLNK {
                throw Failure(path: path, reason: "symbolic link", refusal: .symbolicLink)
            }
            if (info.st_mode & S_IFMT) == S_IFREG && (info.st_mode & 0o222) == 0 {
                throw Failure(path: path, reason: String(cString: strerror(EACCES)), refusal: .readOnly)
            }
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        // The temporary file: a random name in the target's folder, created exclusively
        // and never through a symbolic link (O_CREAT | O_EXCL | O_NOFOLLOW), so nothing
        // placed at a guessed name can redirect the write (issue 17).
        let flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC
        var direct = direct && OutputFile.directFlag != 0
        var temp = "", fd: Int32 = -1
        for _ in 0..<16 {
            temp = folder + "/.\(url.lastPathComponent).riskmap-" + String(UInt64.random(in: 1...UInt64.max), radix: 36) + ".tmp"
            fd = open(temp, flags | (direct ? OutputFile.directFlag : 0), 0o666)
            if fd < 0 && errno == EINVAL && direct {
                // A file system without direct writes.
                direct = false
                fd = open(temp, flags, 0o666)
            }
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else { throw Failure(path: path, reason: "\(temp): \(String(cString: strerror(errno)))") }
        var sink = ByteSink(descriptor: fd, path: path, direct: direct)
        do throws(Failure) {
            try body(&sink)
            try sink.finish()
            if fsync(fd) != 0 { throw Failure(path: path, reason: String(cString: strerror(errno))) }
        } catch {
            close(fd)
            unlink(temp)
            throw error
        }
        /// The failure for `errno`, with the temporary file removed.
        func failed() -> Failure {
            let reason = String(cString: strerror(errno))
            unlink(temp)
            return Failure(path: path, reason: reason)
        }
        if close(fd) != 0 { throw failed() }
        if rename(temp, path) != 0 { throw failed() }
    }
}
