import Foundation

/// Files and folders flushed to disk before they are published: `OutputBundle` writes a
/// whole output folder with these, then renames it into place, so that after the rename
/// (even after a crash) every file is there in full.
///
/// Any thread may call them.
public enum DurableFiles {
    /// Creates (or truncates) the file at `path` with `bytes`, and flushes it (`fsync`)
    /// before closing it.
    public static func write(_ bytes: [UInt8], to path: String) throws(AtomicWriter.Failure) {
        try write(bytes, to: path, flush: true)
    }

    /// Creates (or truncates) the file at `path` with `bytes`, not yet flushed: many
    /// files written so are flushed together by `syncFiles`.
    public static func writeUnflushed(_ bytes: [UInt8], to path: String) throws(AtomicWriter.Failure) {
        try write(bytes, to: path, flush: false)
    }

    /// Flushes the files at `paths`, all in `folder`'s file system: on Linux one `syncfs`
    /// (a folder of thousands of small files in one pass rather than one disk round trip
    /// each), elsewhere each file's `fsync`.
    public static func syncFiles(_ paths: [String], in folder: String) throws(AtomicWriter.Failure) {
        if let syncfs = Self.syncfs {
            let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard fd >= 0 else { throw failure(folder) }
            defer { close(fd) }
            if syncfs(fd) != 0 { throw failure(folder) }
            return
        }
        for path in paths { try syncFile(path) }
    }

    /// Linux's `syncfs(2)`, looked up at run time (the C library module does not declare
    /// it); nil elsewhere.
    private static let syncfs: (@convention(c) (Int32) -> Int32)? = {
        #if os(Linux)
        guard let symbol = dlsym(nil, "syncfs") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self)
        #else
        return nil
        #endif
    }()

    /// A file written piece by piece: created (or truncated) at `path`, not yet flushed
    /// (`syncFiles` flushes it with the others). `finish` closes it.
    public struct PieceFile {
        public private(set) var sink: ByteSink
        let descriptor: Int32
        let path: String

        public init(creating path: String) throws(AtomicWriter.Failure) {
            guard !path.isEmpty, !path.contains("\u{0}") else { throw AtomicWriter.Failure(path: path, reason: "invalid path") }
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
            guard fd >= 0 else { throw DurableFiles.failure(path) }
            descriptor = fd
            self.path = path
            sink = ByteSink(descriptor: fd, path: path)
        }

        public mutating func write(_ bytes: [UInt8]) throws(AtomicWriter.Failure) { try sink.write(bytes) }

        /// Writes out what is buffered, flushes it to disk when `flush` (`fsync`), and closes the file.
        public mutating func finish(flush: Bool = false) throws(AtomicWriter.Failure) {
            do throws(AtomicWriter.Failure) {
                try sink.finish()
                if flush, fsync(descriptor) != 0 { throw DurableFiles.failure(path) }
            } catch {
                close(descriptor)
                throw error
            }
            if close(descriptor) != 0 { throw DurableFiles.failure(path) }
        }

        /// Closes the file without caring what was written (the run is abandoned).
        public func discard() { close(descriptor) }
    }

    private static func write(_ bytes: [UInt8], to path: String, flush: Bool) throws(AtomicWriter.Failure) {
        var file = try PieceFile(creating: path)
        try file.write(bytes)
        try file.finish(flush: flush)
    }

    /// Flushes the existing file at `path` (its bytes) to disk.
    public static func syncFile(_ path: String) throws(AtomicWriter.Failure) {
        guard !path.isEmpty, !path.contains("\u{0}") else { throw AtomicWriter.Failure(path: path, reason: "invalid path") }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(path) }
        defer { close(fd) }
        if fsync(fd) != 0 { throw failure(path) }
    }

    /// Flushes the folder at `path` (its entries: the names of the files in it).
    public static func syncDirectory(_ path: String) throws(AtomicWriter.Failure) {
        guard !path.isEmpty, !path.contains("\u{0}") else { throw AtomicWriter.Failure(path: path, reason: "invalid path") }
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(path) }
        defer { close(fd) }
        if fsync(fd) != 0 { throw failure(path) }
    }

    fileprivate static func failure(_ path: String) -> AtomicWriter.Failure {
        AtomicWriter.Failure(path: path, reason: String(cString: strerror(errno)))
    }
}
