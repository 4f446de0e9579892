import Foundation

/// A buffered byte writer: to a file descriptor, in blocks of about `blockSize` bytes, so
/// that a large output is never held in memory whole; or, for captured output, to memory.
///
/// A value used by one thread at a time (`write(overlapping:threads:then:)` hands its file
/// to a writer thread and waits for it before returning).
public struct ByteSink {
    public typealias Failure = AtomicWriter.Failure
    public static let blockSize = 1 << 20

    /// `nil`: the sink keeps everything in `buffer` (captured output).
    let file: OutputFile?
    let path: String
    /// Bytes not yet written (all the bytes, for a memory sink).
    public private(set) var buffer: [UInt8] = []

    /// Whether the bytes still go to disk with direct writes (see `OutputFile`).
    var writesDirectly: Bool { file?.isDirect ?? false }

    /// A sink writing to `descriptor`; `direct`: it was opened with `O_DIRECT`.
    init(descriptor: Int32, path: String, direct: Bool = false) {
        self.init(file: OutputFile(descriptor: descriptor, direct: direct), path: path)
    }

    /// A sink writing to `file`.
    init(file: OutputFile, path: String) {
        self.file = file
        self.path = path
    }

    private init(memoryFor path: String) {
        file = nil
        self.path = path
    }

    /// A sink for the process's standard output.
    public static func standardOutput() -> ByteSink { ByteSink(descriptor: 1, path: "<stdout>") }
    /// A sink that keeps its bytes in `buffer`.
    public static func memory() -> ByteSink { ByteSink(memoryFor: "<memory>") }

    /// Appends `bytes`; a block already as large as a whole write goes straight out.
    public mutating func write(_ bytes: [UInt8]) throws(Failure) {
        if file != nil, buffer.isEmpty, bytes.count >= Self.blockSize {
            try writeOut(bytes)
            return
        }
        buffer += bytes
        if buffer.count >= Self.blockSize { try flush() }
    }

    /// Writes `blocks` out, in order, on another thread while `body` runs (it prepares the
    /// next blocks), and returns when both are done; a write error is thrown after `body`.
    /// A memory sink, or one thread: the blocks are appended, then `body` runs.
    public mutating func write(overlapping blocks: [[UInt8]], threads: Int, then body: () -> Void) throws(Failure) {
        guard let file, threads > 1 else {
            for b in blocks { try write(b) }
            body()
            return
        }
        try flush()
        // The file is used by the writer alone until `wait()` returns.
        let writing = Parallel.background { () -> Int32? in
            for b in blocks {
                if let code = b.withUnsafeBytes({ file.append($0) }) { return code }
            }
            return nil
        }
        body()
        if let code = writing.wait() { throw failure(code) }
    }

    /// Writes out whatever is buffered (nothing to do for a memory sink).
    public mutating func flush() throws(Failure) {
        guard file != nil, !buffer.isEmpty else { return }
        defer { buffer.removeAll(keepingCapacity: true) }
        try writeOut(buffer)
    }

    /// Writes out everything, including what a direct-write file still stages; the
    /// last call before the file is synced and closed.
    public mutating func finish() throws(Failure) {
        try flush()
        if let code = file?.finish() { throw failure(code) }
    }

    private func writeOut(_ bytes: [UInt8]) throws(Failure) {
        guard let file else { return }
        if let code = bytes.withUnsafeBytes({ file.append($0) }) { throw failure(code) }
    }

    private func failure(_ code: Int32) -> Failure {
        Failure(path: path, reason: String(cString: strerror(code)))
    }
}
