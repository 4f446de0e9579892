import Foundation

/// Where a `ByteSink` writes: a file descriptor, written either as is or, for a file
/// opened with `O_DIRECT`, through an aligned staging buffer straight to the disk.
///
/// Direct writes skip the page cache. An output file is flushed to disk before it is
/// renamed into place anyway (`AtomicWriter`), so a large output would otherwise be
/// copied into fresh page-cache memory and then written out by `fsync` while nothing
/// else runs; written directly, the disk write overlaps the rendering of the next rows
/// (see Benchmarks/README.md, "Memory on this machine"). The staged tail that does not
/// fill an aligned block is written through the page cache by `finish()`. A file system
/// that refuses a direct write (`EINVAL`) gets every byte through the page cache instead.
///
/// Internal to RiskmapPlatform (`ByteSink`, `AtomicWriter`). Used by one thread at a
/// time: `ByteSink` hands it to its writer thread only while it waits for it.
final class OutputFile: @unchecked Sendable {
    let descriptor: Int32
    /// Whether writes still go through the staging buffer with `O_DIRECT`.
    private(set) var isDirect: Bool
    /// Aligned staging buffer (direct mode only) and how many bytes it holds.
    private let staging: UnsafeMutableRawPointer?
    private var staged = 0

    /// Size of one direct write, and of the staging buffer.
    let chunk: Int
    static let directChunk = 4 << 20
    /// Alignment of direct writes' memory, offsets and sizes (a multiple of every
    /// logical block size in use).
    static let directAlignment = 4096

    /// Linux's `O_DIRECT`, which Swift's Glibc module does not export (it is a
    /// `_GNU_SOURCE` name); 0 where direct writes are not used.
    static let directFlag: Int32 = {
        #if os(Linux) && (arch(x86_64) || arch(i386))
        return 0o40000
        #elseif os(Linux) && (arch(arm64) || arch(arm))
        return 0o200000
        #else
        return 0
        #endif
    }()

    /// `direct`: `descriptor` was opened with `directFlag`.
    /// `chunk`: a multiple of `directAlignment` (tests pass others to see a direct
    /// write refused).
    init(descriptor: Int32, direct: Bool, chunk: Int = OutputFile.directChunk) {
        self.descriptor = descriptor
        isDirect = direct
        self.chunk = max(1, chunk)
        staging = direct ? UnsafeMutableRawPointer.allocate(byteCount: self.chunk, alignment: Self.directAlignment) : nil
    }

    deinit { staging?.deallocate() }

    /// Writes `bytes` (direct mode: stages them, writing every full chunk); the error
    /// number on failure.
    func append(_ bytes: UnsafeRawBufferPointer) -> Int32? {
        guard let staging else { return write(bytes) }
        guard isDirect else {
            // Direct mode ended part-way (`writeStaged`): what is still staged goes first.
            if let code = writeRestOfStaging(from: 0) { return code }
            return write(bytes)
        }
        var rest = bytes
        while !rest.isEmpty {
            let n = min(rest.count, chunk - staged)
            (staging + staged).copyMemory(from: rest.baseAddress!, byteCount: n)
            staged += n
            rest = UnsafeRawBufferPointer(rebasing: rest[n...])
            if staged == chunk {
                if let code = writeStaged(count: staged) { return code }
                staged = 0
            }
        }
        return nil
    }

    /// Writes out what is staged: the aligned part directly, the rest through the page
    /// cache. Nothing to do without a staging buffer.
    func finish() -> Int32? {
        var aligned = 0
        if isDirect {
            aligned = staged / Self.directAlignment * Self.directAlignment
            if aligned > 0, let code = writeStaged(count: aligned) { return code }
            if let code = leaveDirectMode() { return code }
        }
        return writeRestOfStaging(from: aligned)
    }

    /// Writes the staged bytes from `start` on through the page cache and empties the
    /// staging buffer.
    private func writeRestOfStaging(from start: Int) -> Int32? {
        guard let staging, staged > start else { staged = 0; return nil }
        defer { staged = 0 }
        return write(UnsafeRawBufferPointer(start: staging + start, count: staged - start))
    }

    /// Bytes written to the file so far.
    private var written = 0

    /// Writes the first `count` staged bytes (a multiple of the alignment); on `EINVAL`
    /// (no direct writes on this file system) leaves direct mode and writes what is left
    /// of them through the page cache.
    private func writeStaged(count: Int) -> Int32? {
        let bytes = UnsafeRawBufferPointer(start: staging, count: count)
        let before = written
        switch write(bytes) {
        case nil:
            return nil
        case EINVAL? where isDirect:
            // A direct write may have written part of the bytes; the file offset tells.
            let offset = lseek(descriptor, 0, SEEK_CUR)
            let done = Int(offset) - before
            guard offset >= 0, done >= 0, done <= count else { return EINVAL }
            written = Int(offset)
            if let code = leaveDirectMode() { return code }
            return write(UnsafeRawBufferPointer(rebasing: bytes[done...]))
        case let code?:
            return code
        }
    }

    private func leaveDirectMode() -> Int32? {
        guard isDirect else { return nil }
        isDirect = false
        let flags = fcntl(descriptor, F_GETFL)
        if flags < 0 || fcntl(descriptor, F_SETFL, flags & ~Self.directFlag) != 0 { return errno }
        return nil
    }

    /// Writes all of `bytes`; the error number on failure.
    private func write(_ bytes: UnsafeRawBufferPointer) -> Int32? {
        var done = 0
        defer { written += done }
        while done < bytes.count {
            let n = Foundation.write(descriptor, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            done += n
        }
        return nil
    }
}
