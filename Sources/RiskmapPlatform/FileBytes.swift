import Foundation

/// Reads whole files straight into a byte array (no intermediate `Data` copy, which
/// for a large school file would double the memory touched), or maps them.
///
/// Any thread may call it; the results are immutable values.
public enum FileBytes {
    /// The contents of an input text file. A regular file of at least
    /// `tuning.mapMinBytes` is mapped read-only (when `tuning.mapsLargeInputs`): its pages
    /// are the page cache's, so a school file that was just written or read costs no
    /// fresh memory (on a VM, filling fresh memory is what a 200 MB file's read costs).
    /// Smaller files, pipes and anything `mmap` refuses are read.
    ///
    /// Like every program that maps its input (ripgrep, git), a run whose input file is
    /// truncated while it reads it stops with SIGBUS; saving a file by replacing it (as
    /// spreadsheet programs do) does not affect a run that already opened it.
    public static func text(_ path: String, tuning: Tuning = .default) -> TextBytes? {
        opened(path) { fd, st in
            let size = Int(st.st_size)
            // (The mapping outlives the descriptor.)
            if tuning.mapsLargeInputs, (st.st_mode & S_IFMT) == S_IFREG, size >= tuning.mapMinBytes,
               let base = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0), base != MAP_FAILED {
                return .mapping(of: base, byteCount: size)
            }
            return read(fd: fd, size: size, threads: tuning.threads).map { TextBytes($0) }
        }
    }

    /// Why `path` cannot be opened for reading, in the operating system's words
    /// (`strerror`: «Permission denied», «No such file or directory»); nil when it can.
    public static func failureReason(_ path: String) -> String? {
        guard !path.contains("\u{0}") else { return String(cString: strerror(EINVAL)) }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return String(cString: strerror(errno)) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return String(cString: strerror(errno)) }
        if (st.st_mode & S_IFMT) == S_IFDIR { return String(cString: strerror(EISDIR)) }
        var byte: UInt8 = 0
        if Foundation.read(fd, &byte, 1) < 0 { return String(cString: strerror(errno)) }
        return nil
    }

    /// The bytes of a file (read, never mapped); `nil` when it cannot be read.
    public static func read(_ path: String, tuning: Tuning = .default) -> [UInt8]? {
        opened(path) { fd, st in read(fd: fd, size: Int(st.st_size), threads: tuning.threads) }
    }

    /// Opens `path` for reading and calls `body` with the descriptor (closed afterwards)
    /// and its status; `nil` when it cannot be opened.
    private static func opened<R>(_ path: String, _ body: (Int32, stat) -> R?) -> R? {
        guard !path.contains("\u{0}") else { return nil }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        return body(fd, st)
    }

    /// Reads `fd` to its end; `size` (from `fstat`) is a hint.
    private static func read(fd: Int32, size: Int, threads: Int) -> [UInt8]? {
        // One byte more than the size, so that a file that grew (or a pipe, size 0) is read on.
        var capacity = max(size, 0) + 1
        var bytes: [UInt8] = []
        while true {
            var ok = true
            var full = false
            let chunk = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                LargeBuffer.prepare(buffer.baseAddress!, byteCount: capacity, threads: threads)
                var done = 0
                while done < capacity {
                    let n = Foundation.read(fd, buffer.baseAddress! + done, capacity - done)
                    if n < 0 { if errno == EINTR { continue }; ok = false; break }
                    if n == 0 { break }
                    done += n
                }
                full = done == capacity
                count = done
            }
            guard ok else { return nil }
            if bytes.isEmpty { bytes = chunk } else { bytes += chunk }
            if !full { return bytes }
            capacity = max(capacity, 1 << 16)
        }
    }
}
