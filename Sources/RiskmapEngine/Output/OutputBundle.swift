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
    /// Per file: its SHA-256 when the producer hashed it (on another core), else nil.
    private var hashes: [String?] = []
    /// Files being added piece by piece: their bytes so far (they join `files` when closed,
    /// as they join the manifest's list on disk).
    private var open: [String: [UInt8]] = [:]

    public init() {}

    public mutating func add(_ path: String, _ text: String) {
        add(path, bytes: Array(text.utf8))
    }

    /// A binary output such as a `.docx` (`DocxWriter.render`).
    public mutating func add(_ path: String, bytes: [UInt8]) {
        add(path, bytes: bytes, sha256: nil)
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
    func write(to directory: String, options: Options = Options(), observe: @escaping (Step) -> Void) throws(Failure) -> Report {
        let staging = try OutputStaging(directory, options: options, observe: observe)
        let hashed = hashes(progress: nil)
        options.progress?.begin(.writingFiles, total: files.count)
        for (i, file) in files.enumerated() { try staging.add(file.path, bytes: file.bytes, sha256: hashed[i].sha256) }
        options.progress?.end()
        return try staging.commit()
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

extension OutputBundle: OutputSink {
    /// In memory: hashed when the manifest is made (`hashes`), not before.
    public var wantsHashes: Bool { false }

    public mutating func add(_ path: String, bytes: [UInt8], sha256: String?) {
        files.append((path, bytes))
        hashes.append(sha256)
    }

    public mutating func append(_ path: String, _ bytes: [UInt8]) {
        open[path, default: []] += bytes
    }

    public mutating func close(_ path: String) {
        if let bytes = open.removeValue(forKey: path) { add(path, bytes: bytes, sha256: nil) }
    }

    /// Hashed on all cores where the producer did not.
    public func hashes(progress: RunProgress?) -> [(path: String, sha256: String)] {
        progress?.begin(.hashingOutputs, total: files.count)
        defer { progress?.end() }
        let files = files, hashes = hashes
        let computed = Parallel.map(count: files.count, threads: Tuning.default.threads) { i -> String in
            defer { progress?.advance() }
            return hashes[i] ?? SHA256.hex(files[i].bytes)
        }
        return files.indices.map { (files[$0].path, computed[$0]) }
    }
}
