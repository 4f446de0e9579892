import Foundation
import RiskmapPlatform

/// A set of output files built in memory, then written as a whole: into a temporary
/// folder beside the target, every file and folder flushed to disk, which then replaces
/// the target. A failed run leaves the previous outputs untouched and no half-written
/// files.
public struct OutputBundle: Sendable {
    public private(set) var files: [(path: String, bytes: [UInt8])] = []

    public init() {}

    public mutating func add(_ path: String, _ text: String) {
        files.append((path, Array(text.utf8)))
    }

    public mutating func add(_ path: String, bytes: [UInt8]) {
        files.append((path, bytes))
    }

    public func text(_ path: String) -> String? {
        files.first { $0.path == path }.map { String(decoding: $0.bytes, as: UTF8.self) }
    }

    public struct Failure: Error, Sendable {
        public var reason: String
    }

    /// Writes every file under `directory`, replacing its previous contents atomically.
    public func write(to directory: String) throws(Failure) {
        try write(to: directory, synced: { _ in })
    }

    /// `write(to:)`, calling `synced` with the path of every file and folder flushed to
    /// disk before the staging folder takes the target's name (files first, then their
    /// folders, the staging folder last).
    func write(to directory: String, synced: (String) -> Void) throws(Failure) {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: directory).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        let pid = ProcessInfo.processInfo.processIdentifier
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).riskmap-new-\(pid)")
        let retired = parent.appendingPathComponent(".\(target.lastPathComponent).riskmap-old-\(pid)")
        // Every path must stay inside the output folder and be a real file name.
        for (path, _) in files {
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            if path.isEmpty || path.hasPrefix("/") || path.contains("\u{0}") || parts.contains("..") || parts.contains("") {
                throw Failure(reason: "\(directory): invalid output path «\(path.replacingOccurrences(of: "\u{0}", with: "\\0"))»")
            }
        }
        do {
            try? fm.removeItem(at: staging)
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            // The folders holding files, each flushed once after its files.
            var folders: Set<String> = [staging.path]
            for (path, bytes) in files {
                let url = staging.appendingPathComponent(path)
                let folder = url.deletingLastPathComponent()
                try fm.createDirectory(at: folder, withIntermediateDirectories: true)
                try DurableFiles.write(bytes, to: url.path)
                synced(url.path)
                // Every folder between the file and the staging folder.
                var f = folder.path
                while f.count > staging.path.count, folders.insert(f).inserted {
                    f = (f as NSString).deletingLastPathComponent
                }
            }
            // Longest paths first (a folder after its subfolders), the staging folder last.
            for f in folders.sorted(by: { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }) {
                try DurableFiles.syncDirectory(f)
                synced(f)
            }
        } catch let failure as Failure {
            try? fm.removeItem(at: staging)
            throw failure
        } catch let failure as AtomicWriter.Failure {
            try? fm.removeItem(at: staging)
            throw Failure(reason: failure.description)
        } catch {
            try? fm.removeItem(at: staging)
            throw Failure(reason: "\(directory): \(error.localizedDescription)")
        }
        // Swap: the old folder steps aside, the new one takes its name, the old one goes.
        var isDirectory: ObjCBool = false
        let existed = fm.fileExists(atPath: target.path, isDirectory: &isDirectory)
        if existed {
            guard isDirectory.boolValue else {
                try? fm.removeItem(at: staging)
                throw Failure(reason: "\(directory): not a directory")
            }
            if rename(target.path, retired.path) != 0 {
                try? fm.removeItem(at: staging)
                throw Failure(reason: "\(directory): \(String(cString: strerror(errno)))")
            }
        }
        if rename(staging.path, target.path) != 0 {
            let reason = String(cString: strerror(errno))
            if existed { _ = rename(retired.path, target.path) }
            try? fm.removeItem(at: staging)
            throw Failure(reason: "\(directory): \(reason)")
        }
        if existed { try? fm.removeItem(at: retired) }
    }
}
