import Foundation
import RiskmapLanguage
import RiskmapPlatform

/// Where outputs go as they are produced: an in-memory `OutputBundle`, or an
/// `OutputStaging` folder on disk. A file is added whole (`add`) or piece by piece
/// (`append`, then `close`); each output's SHA-256 is known once it is complete (the
/// manifest lists them).
public protocol OutputSink {
    /// A complete file; `sha256` when the caller already hashed it (on another core).
    mutating func add(_ path: String, bytes: [UInt8], sha256: String?) throws(OutputBundle.Failure)
    /// The next piece of a file written piece by piece (opened by its first piece).
    mutating func append(_ path: String, _ bytes: [UInt8]) throws(OutputBundle.Failure)
    /// The file written piece by piece is complete.
    mutating func close(_ path: String) throws(OutputBundle.Failure)
    /// The outputs complete so far, in the order completed, with their SHA-256.
    func hashes(progress: RunProgress?) -> [(path: String, sha256: String)]
    /// Whether a producer should hash each file where it renders it (on a worker thread)
    /// and pass the hash to `add`: a sink that writes as it goes does; one that keeps the
    /// files in memory hashes them when its `hashes` are asked for, if ever.
    var wantsHashes: Bool { get }
}

extension OutputSink {
    public mutating func add(_ path: String, _ text: String) throws(OutputBundle.Failure) {
        try add(path, bytes: Array(text.utf8), sha256: nil)
    }
}

/// The new output folder being written beside the target (`.<name>.riskmap-new-<pid>`):
/// files go to disk as they are added (unflushed), each hashed on the way; `commit` carries
/// the user's files over from the old folder, flushes every file and folder, and puts the
/// new folder in the target's place in one step (`OutputBundle` says what is kept and
/// why). Until then the target is untouched: a failure, an interruption or a kill leaves
/// it as it was (an interruption removes the staging folder; a later run removes what a
/// kill left).
public final class OutputStaging: OutputSink {
    private let folder: OutputFolder
    private let options: OutputBundle.Options
    private let observe: (OutputBundle.Step) -> Void
    private let pid = ProcessIdentity.current
    private let staging: URL
    private let token: Interruption.Token
    private var report = OutputBundle.Report()
    /// Every output complete, in the order completed, with its hash.
    private var outputs: [(path: String, sha256: String)] = []
    private var written: [String] = []
    /// The folders holding files, each flushed once after its files.
    private var folders: Set<String>
    /// Files being written piece by piece: descriptor and running hash.
    private var open: [String: (file: DurableFiles.PieceFile, hash: SHA256.Stream)] = [:]
    private var finished = false

    /// Checks that `directory` may be replaced, removes what killed runs left beside it,
    /// and creates the empty staging folder.
    public convenience init(_ directory: String, options: OutputBundle.Options = .init()) throws(OutputBundle.Failure) {
        try self.init(directory, options: options, observe: { _ in })
    }

    init(_ directory: String, options: OutputBundle.Options, observe: @escaping (OutputBundle.Step) -> Void) throws(OutputBundle.Failure) {
        folder = OutputFolder(directory)
        self.options = options
        self.observe = observe
        // Refused before any work: the current folder, an input's, a file, a link, a folder
        // riskmap did not write.
        try OutputBundle.check(directory, options: options)
        report.leftoversCleaned = folder.cleanLeftovers()
        staging = folder.stagingURL(pid: pid)
        folders = [staging.path]
        token = Interruption.removeOnInterrupt(staging.path)
        do {
            try unit {
                try? FileManager.default.removeItem(at: staging)
                try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
            }
        } catch {
            Interruption.forget(token)
            throw Self.failure(error, folder)
        }
    }

    deinit {
        // Not committed: the staging folder goes (the target was never touched).
        if !finished { abandon() }
    }

    /// Removes the staging folder; the target stays as it was.
    public func abandon() {
        guard !finished else { return }
        finished = true
        for (_, piece) in open { piece.file.discard() }
        open = [:]
        try? FileManager.default.removeItem(at: staging)
        Interruption.forget(token)
    }

    public func add(_ path: String, bytes: [UInt8], sha256: String?) throws(OutputBundle.Failure) {
        let url = try fileURL(path)
        do {
            try unit {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try DurableFiles.writeUnflushed(bytes, to: url.path)
            }
        } catch {
            throw fail(error)
        }
        outputs.append((path, sha256 ?? SHA256.hex(bytes)))
        written.append(url.path)
        note(folder: url.deletingLastPathComponent())
        options.progress?.advance()
    }

    public func append(_ path: String, _ bytes: [UInt8]) throws(OutputBundle.Failure) {
        if open[path] == nil {
            let url = try fileURL(path)
            do {
                let file = try unit { () throws -> DurableFiles.PieceFile in
                    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    return try DurableFiles.PieceFile(creating: url.path)
                }
                open[path] = (file, SHA256.Stream())
            } catch {
                throw fail(error)
            }
            written.append(url.path)
            note(folder: url.deletingLastPathComponent())
        }
        do {
            try unit { try open[path]!.file.write(bytes) }
        } catch {
            throw fail(error)
        }
        open[path]!.hash.update(bytes)
    }

    public func close(_ path: String) throws(OutputBundle.Failure) {
        guard var piece = open.removeValue(forKey: path) else { return }
        do {
            try unit { try piece.file.finish() }
        } catch {
            throw fail(error)
        }
        outputs.append((path, piece.hash.finishHex()))
        options.progress?.advance()
    }

    public func hashes(progress: RunProgress?) -> [(path: String, sha256: String)] { outputs }

    /// Written as it goes: a file is hashed where it was rendered, on a worker thread.
    public var wantsHashes: Bool { true }

    /// Carries the user's files over, flushes everything, and swaps the new folder in.
    public func commit() throws(OutputBundle.Failure) -> OutputBundle.Report {
        precondition(!finished, "OutputStaging committed twice")
        defer { finished = true; Interruption.forget(token) }
        do {
            for path in Array(open.keys).sorted() { try close(path) }
            var newFiles: [String: String] = [:]
            for (path, sha) in outputs { newFiles[path] = sha }
            let carry = try folder.carry(folder.entries(), newFiles: newFiles) { path, taken in
                OutputBundle.keptName(path, suffix: options.keptSuffix, taken: taken)
            }
            report.kept = carry.kept
            report.renamed = carry.renamed
            try build(carrying: carry)
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw error
        }
        observe(.swapping)
        try swap()
        observe(.swapped)
        return report
    }

    // MARK: - Steps

    /// One unit of work, never cut by an interruption's cleanup (`Interruption`): once the
    /// cleanup has begun, the next unit waits until the process ends.
    private func unit<T>(_ body: () throws -> T) throws -> T {
        guard let value = try Interruption.uninterrupted(body) else { throw OutputBundle.Failure.interrupted(folder.given) }
        return value
    }

    /// Every path must stay inside the output folder and be a real file name.
    private func fileURL(_ path: String) throws(OutputBundle.Failure) -> URL {
        precondition(!finished, "OutputStaging used after commit or abandon")
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        if path.isEmpty || path.hasPrefix("/") || path.contains("\u{0}") || parts.contains("..") || parts.contains(".") || parts.contains("") {
            throw .invalidPath(folder: folder.given, path: path.replacingOccurrences(of: "\u{0}", with: "\\0"))
        }
        return staging.appendingPathComponent(path)
    }

    /// Notes `folder` and every folder between it and the new folder.
    private func note(folder url: URL) {
        var f = url.path
        while f.count > staging.path.count, folders.insert(f).inserted {
            f = (f as NSString).deletingLastPathComponent
        }
    }

    private func fail(_ error: Error) -> OutputBundle.Failure {
        let failure = Self.failure(error, folder)
        abandon()
        return failure
    }

    private static func failure(_ error: Error, _ folder: OutputFolder) -> OutputBundle.Failure {
        switch error {
        case let failure as OutputBundle.Failure: return failure
        case let failure as AtomicWriter.Failure: return .io(failure.description)
        default: return .io("\(folder.given): \(error.localizedDescription)")
        }
    }

    /// The kept files (hard links: the old folder keeps them until the swap), then every
    /// file and folder flushed, the new folder last.
    private func build(carrying carry: OutputFolder.Carry) throws(OutputBundle.Failure) {
        let fm = FileManager.default
        do {
            try unit { try DurableFiles.syncFiles(written, in: staging.path) }
            for path in written { observe(.synced(path)) }
            for (from, to) in carry.files {
                let source = folder.url.appendingPathComponent(from).path
                let url = staging.appendingPathComponent(to)
                try unit {
                    try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    do {
                        try FolderExchange.hardLink(source, to: url.path)
                    } catch {
                        // A file system without hard links: a copy, flushed.
                        try fm.copyItem(atPath: source, toPath: url.path)
                        if !FolderExchange.isSymbolicLink(url.path) { try DurableFiles.syncFile(url.path) }
                    }
                }
                note(folder: url.deletingLastPathComponent())
            }
            for path in carry.folders {
                let url = staging.appendingPathComponent(path)
                try unit { try fm.createDirectory(at: url, withIntermediateDirectories: true) }
                note(folder: url)
            }
            // Longest paths first (a folder after its subfolders), the new folder last.
            for f in folders.sorted(by: { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }) {
                try DurableFiles.syncDirectory(f)
                observe(.synced(f))
            }
        } catch {
            throw Self.failure(error, folder)
        }
    }

    /// Puts the new folder in the target's place in one step, then removes the replaced
    /// folder. Where the system cannot swap two names in one step, the old folder steps
    /// aside first (a run killed in between leaves it beside the target's name, and the
    /// next run puts it back).
    private func swap() throws(OutputBundle.Failure) {
        let fm = FileManager.default
        let target = folder.url.path
        let retired = folder.retiredURL(pid: pid)
        let exchange = options.exchange
        // What to remove once the new folder is in place.
        let outcome: Result<URL?, OutputBundle.Failure>? = Interruption.uninterrupted {
            if !fm.fileExists(atPath: target) && !FolderExchange.isSymbolicLink(target) {
                if rename(staging.path, target) != 0 { return .failure(.io("\(folder.given): \(String(cString: strerror(errno)))")) }
                return .success(nil)
            }
            if exchange {
                switch FolderExchange.exchange(staging.path, target) {
                case .exchanged: return .success(staging)
                case .failed(let reason): return .failure(.io("\(folder.given): \(reason)"))
                case .unsupported: break
                }
            }
            if rename(target, retired.path) != 0 { return .failure(.io("\(folder.given): \(String(cString: strerror(errno)))")) }
            if rename(staging.path, target) != 0 {
                let reason = String(cString: strerror(errno))
                _ = rename(retired.path, target)
                return .failure(.io("\(folder.given): \(reason)"))
            }
            return .success(retired)
        }
        switch outcome {
        case nil:
            throw .interrupted(folder.given)
        case .failure(let failure)?:
            try? fm.removeItem(at: staging)
            throw failure
        case .success(let old)?:
            try? DurableFiles.syncDirectory(folder.parent.path)
            if let old { try? fm.removeItem(at: old) }
        }
    }
}
