import Foundation
import RiskmapLanguage
import RiskmapPlatform

/// A set of output files built in memory, then written as a whole: into a temporary
/// folder beside the target, every file and folder flushed to disk, which then takes the
/// target's place in one step. A failed, interrupted or killed run leaves the previous
/// outputs as they were: a reader sees the old complete set or the new one, never a mix
/// and never no folder.
///
/// It never deletes a file riskmap did not write: it replaces a folder only when the
/// folder is empty or riskmap wrote it (its `manifest.json` lists every output with its
/// SHA-256); the files the user added there, and riskmap's files the user changed, are
/// carried into the new folder (`Report`). It refuses a folder that is, or holds, the
/// current folder or one of the run's inputs.
public struct OutputBundle: Sendable {
    public private(set) var files: [(path: String, bytes: [UInt8])] = []

    public init() {}

    public mutating func add(_ path: String, _ text: String) {
        files.append((path, Array(text.utf8)))
    }

    /// A binary output such as a `.docx` (`DocxWriter.render`).
    public mutating func add(_ path: String, bytes: [UInt8]) {
        files.append((path, bytes))
    }

    public func text(_ path: String) -> String? {
        files.first { $0.path == path }.map { String(decoding: $0.bytes, as: UTF8.self) }
    }

    /// Why the outputs were not written; the previous folder is then as it was.
    public enum Failure: Error, Sendable {
        /// An output's own path is not a plain relative path (a bug in a writer).
        case invalidPath(folder: String, path: String)
        /// The folder is the current folder, or holds it.
        case currentFolder(String)
        /// The folder holds an input of the run (or is one).
        case holdsInput(folder: String, input: String)
        /// The path is a file.
        case notAFolder(String)
        /// The path is a symbolic link (replacing it would replace the link, not its folder).
        case symbolicLink(String)
        /// The folder is not empty and has no riskmap manifest: riskmap did not write it.
        case notRiskmapFolder(folder: String, example: String)
        /// The operating system refused (reason with the path).
        case io(String)
        /// The run was interrupted before the swap.
        case interrupted(String)

        /// What to tell the user.
        public var message: Message {
            switch self {
            case .invalidPath(let folder, let path): return .outputFailed("\(folder): invalid output path «\(path)»")
            case .currentFolder(let folder): return .outputIsCurrentFolder(folder)
            case .holdsInput(let folder, let input): return .outputHoldsInput(folder: folder, input: input)
            case .notAFolder(let folder): return .outputNotAFolder(folder)
            case .symbolicLink(let folder): return .outputIsSymbolicLink(folder)
            case .notRiskmapFolder(let folder, let example): return .outputNotRiskmap(folder: folder, example: example)
            case .io(let reason): return .outputFailed(reason)
            case .interrupted(let folder): return .outputFailed("\(folder): interrupted")
            }
        }

        /// A suggestion, when there is one.
        public var help: Message? {
            switch self {
            case .currentFolder, .holdsInput, .notAFolder, .symbolicLink, .notRiskmapFolder: return .outputFolderHelp
            case .invalidPath, .io, .interrupted: return nil
            }
        }
    }

    /// What a write did besides writing the outputs.
    public struct Report: Sendable {
        /// Files the user had added to the folder, kept where they were (relative paths).
        public var kept: [String] = []
        /// Files kept under another name: riskmap's outputs the user had changed, and the
        /// user's files whose name a new output takes.
        public var renamed: [(path: String, keptAs: String)] = []
        /// Temporary folders of killed runs removed (or a replaced folder put back).
        public var leftoversCleaned = 0
    }

    /// What a write must leave alone, and how it names what it keeps.
    public struct Options: Sendable {
        /// The run's inputs (files or folders): the output folder may not hold any.
        public var inputs: [String]
        /// The current folder: the output folder may not be it or hold it.
        public var currentDirectory: String
        /// Inserted before the extension of a kept file whose name a new output takes:
        /// `S1.md` → `S1 (edited).md`, then `S1 (edited 2).md`.
        public var keptSuffix: String
        /// Counts the files written.
        public var progress: RunProgress?
        /// Swap folders in one step where the system can (`Tuning.swapsFoldersInOneStep`;
        /// tests turn it off to exercise the two renames used where it cannot).
        var exchange = Tuning.default.swapsFoldersInOneStep

        public init(inputs: [String] = [], currentDirectory: String = FileManager.default.currentDirectoryPath,
                    keptSuffix: String = " (edited)") {
            self.inputs = inputs
            self.currentDirectory = currentDirectory
            self.keptSuffix = keptSuffix
        }
    }

    /// What happens during a write, for tests.
    enum Step {
        /// A file or folder in the new folder was flushed to disk.
        case synced(String)
        /// The new folder is complete; the swap comes next.
        case swapping
        /// The new folder has the target's name; the replaced one is removed next.
        case swapped
    }

    /// Whether `write(to: directory, options:)` would refuse the folder (it is, or holds,
    /// the current folder or an input; it is a file or a link; it is not empty and riskmap
    /// did not write it): for failing before the work, not after. Writes nothing.
    public static func check(_ directory: String, options: Options = Options()) throws(Failure) {
        let folder = OutputFolder(directory)
        try folder.checkReplaceable(inputs: options.inputs, currentDirectory: options.currentDirectory)
        let entries = folder.entries()
        if !entries.isEmpty, folder.manifestOutputs() == nil {
            let first = entries.first { $0.kind != .folder } ?? entries[0]
            throw .notRiskmapFolder(folder: directory, example: first.path)
        }
    }

    /// Writes every file under `directory`, replacing its previous contents in one step.
    @discardableResult
    public func write(to directory: String, options: Options = Options()) throws(Failure) -> Report {
        try write(to: directory, options: options, observe: { _ in })
    }

    /// `write(to:options:)`, telling `observe` each step: every file and folder flushed
    /// (files first, then their folders, the new folder last), the swap.
    func write(to directory: String, options: Options = Options(), observe: (Step) -> Void) throws(Failure) -> Report {
        // Every path must stay inside the output folder and be a real file name.
        for (path, _) in files {
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            if path.isEmpty || path.hasPrefix("/") || path.contains("\u{0}") || parts.contains("..") || parts.contains(".") || parts.contains("") {
                throw .invalidPath(folder: directory, path: path.replacingOccurrences(of: "\u{0}", with: "\\0"))
            }
        }
        let folder = OutputFolder(directory)
        try folder.checkReplaceable(inputs: options.inputs, currentDirectory: options.currentDirectory)
        var report = Report()
        report.leftoversCleaned = folder.cleanLeftovers()

        var newFiles: [String: [UInt8]] = [:]
        for (path, bytes) in files { newFiles[path] = bytes }
        let carry = try folder.carry(folder.entries(), newFiles: newFiles) { path, taken in
            Self.keptName(path, suffix: options.keptSuffix, taken: taken)
        }
        report.kept = carry.kept
        report.renamed = carry.renamed

        let pid = ProcessIdentity.current
        let staging = folder.stagingURL(pid: pid)
        let token = Interruption.removeOnInterrupt(staging.path)
        defer { Interruption.forget(token) }
        do {
            options.progress?.begin(.writingFiles, total: files.count)
            defer { options.progress?.end() }
            try build(staging, carrying: carry, from: folder, progress: options.progress, observe: observe)
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw error
        }
        observe(.swapping)
        try swap(staging, into: folder, pid: pid, exchange: options.exchange)
        observe(.swapped)
        return report
    }

    /// Writes the new folder at `staging`: the outputs, then the kept files (hard links:
    /// the old folder keeps them until the swap), every file and folder flushed.
    private func build(_ staging: URL, carrying carry: OutputFolder.Carry, from folder: OutputFolder,
                       progress: RunProgress?, observe: (Step) -> Void) throws(Failure) {
        let fm = FileManager.default
        /// One unit of work, never cut by an interruption's cleanup (`Interruption`): once the
        /// cleanup has begun, the next unit waits until the process ends.
        func unit(_ body: () throws -> Void) throws {
            guard try Interruption.uninterrupted(body) != nil else { throw Failure.interrupted(folder.given) }
        }
        do {
            try unit {
                try? fm.removeItem(at: staging)
                try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            }
            // The folders holding files, each flushed once after its files.
            var folders: Set<String> = [staging.path]
            /// Notes `folder` and every folder between it and the new folder.
            func note(folder: URL) {
                var f = folder.path
                while f.count > staging.path.count, folders.insert(f).inserted {
                    f = (f as NSString).deletingLastPathComponent
                }
            }
            // Every file written, then all flushed together (one pass over the file system).
            var written: [String] = []
            written.reserveCapacity(files.count)
            for (path, bytes) in files {
                let url = staging.appendingPathComponent(path)
                try unit {
                    try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try DurableFiles.writeUnflushed(bytes, to: url.path)
                }
                written.append(url.path)
                note(folder: url.deletingLastPathComponent())
                progress?.advance()
            }
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
        } catch let failure as Failure {
            throw failure
        } catch let failure as AtomicWriter.Failure {
            throw .io(failure.description)
        } catch {
            throw .io("\(folder.given): \(error.localizedDescription)")
        }
    }

    /// Puts the new folder at `staging` in the target's place in one step, then removes
    /// the replaced folder. Where the system cannot swap two names in one step, the old
    /// folder steps aside first (a run killed in between leaves it beside the target's
    /// name, and the next run puts it back).
    private func swap(_ staging: URL, into folder: OutputFolder, pid: Int32, exchange: Bool) throws(Failure) {
        let fm = FileManager.default
        let target = folder.url.path
        let retired = folder.retiredURL(pid: pid)
        // What to remove once the new folder is in place.
        let outcome: Result<URL?, Failure>? = Interruption.uninterrupted {
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

    /// `schools/S1.md` → `schools/S1 (edited).md`, or `… (edited 2).md` and so on when taken.
    static func keptName(_ path: String, suffix: String, taken: Set<String>) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let dot = name.lastIndex(of: ".").flatMap { $0 == name.startIndex ? nil : $0 }
        let stem = dot.map { String(name[..<$0]) } ?? name
        let ext = dot.map { String(name[$0...]) } ?? ""
        // « (edited)» → « (edited 2)»; a suffix without a closing bracket gets « 2».
        let closing = suffix.hasSuffix(")") ? ")" : ""
        var n = 1
        while true {
            let marker = n == 1 ? suffix : String(suffix.dropLast(closing.count)) + " \(n)" + closing
            let candidate = (folder.isEmpty ? "" : folder + "/") + stem + marker + ext
            if !taken.contains(candidate) { return candidate }
            n += 1
        }
    }
}
