import Foundation
import RiskmapPlatform

/// An output folder as `OutputBundle` finds it before replacing it: where it really is,
/// whether it may be replaced at all, which of its files riskmap wrote (its
/// `manifest.json` names them, with their SHA-256) and which the user put there or
/// changed, and what earlier runs that were killed left beside it.
struct OutputFolder {
    /// The folder as given (for messages).
    let given: String
    /// Absolute and standardised.
    let url: URL
    /// Its real path (symbolic links in its parents resolved).
    let realPath: String

    var parent: URL { url.deletingLastPathComponent() }
    var name: String { url.lastPathComponent }

    init(_ directory: String) {
        given = directory
        url = URL(fileURLWithPath: directory).standardizedFileURL
        realPath = OutputFolder.realPath(url)
    }

    /// The real path of `url`, which need not exist (then: its parent's real path and its name).
    static func realPath(_ url: URL) -> String {
        let standard = url.standardizedFileURL
        if FileManager.default.fileExists(atPath: standard.path) {
            return standard.resolvingSymlinksInPath().path
        }
        let parent = standard.deletingLastPathComponent()
        if parent.path == standard.path { return standard.path }
        return (realPath(parent) as NSString).appendingPathComponent(standard.lastPathComponent)
    }

    /// Whether `path` is `folder` or inside it (both real paths).
    static func contains(_ folder: String, _ path: String) -> Bool {
        path == folder || path.hasPrefix(folder == "/" ? "/" : folder + "/")
    }

    // MARK: - May it be replaced?

    /// Refuses a folder that is the current folder or holds it, holds one of `inputs`, is
    /// a symbolic link, or is a file.
    func checkReplaceable(inputs: [String], currentDirectory: String) throws(OutputBundle.Failure) {
        let fm = FileManager.default
        if FolderExchange.isSymbolicLink(url.path) { throw .symbolicLink(given) }
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue { throw .notAFolder(given) }
        let cwd = OutputFolder.realPath(URL(fileURLWithPath: currentDirectory))
        if OutputFolder.contains(realPath, cwd) { throw .currentFolder(given) }
        for input in inputs where !input.isEmpty {
            let real = OutputFolder.realPath(URL(fileURLWithPath: input))
            if OutputFolder.contains(realPath, real) { throw .holdsInput(folder: given, input: input) }
        }
    }

    // MARK: - What is in it

    /// An entry of the existing folder, by its path relative to the folder.
    struct Entry {
        enum Kind { case file, folder, other }
        var path: String
        var kind: Kind
    }

    /// Every entry under the folder (relative paths, sorted); empty when it does not exist.
    func entries() -> [Entry] {
        let fm = FileManager.default
        guard let enumerator = fm.enumerator(atPath: url.path) else { return [] }
        var out: [Entry] = []
        while let path = enumerator.nextObject() as? String {
            let full = url.appendingPathComponent(path).path
            let kind: Entry.Kind
            if FolderExchange.isSymbolicLink(full) {
                kind = .other
            } else {
                var isDirectory: ObjCBool = false
                _ = fm.fileExists(atPath: full, isDirectory: &isDirectory)
                kind = isDirectory.boolValue ? .folder : .file
            }
            out.append(Entry(path: path, kind: kind))
        }
        return out.sorted { $0.path < $1.path }
    }

    /// What riskmap wrote here, from `manifest.json`: every output's path and SHA-256.
    /// nil when there is no manifest, or it is not riskmap's.
    func manifestOutputs() -> [String: String]? {
        guard let data = FileManager.default.contents(atPath: url.appendingPathComponent("manifest.json").path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let tool = object["tool"] as? [String: Any], tool["name"] as? String == "riskmap",
              let outputs = object["outputs"] as? [[String: Any]]
        else { return nil }
        var result: [String: String] = [:]
        for output in outputs {
            guard let path = output["path"] as? String, let sha = output["sha256"] as? String else { return nil }
            result[path] = sha
        }
        return result
    }

    /// What to carry from the existing folder into its replacement, and under which name.
    struct Carry {
        /// Files and links (relative path in the old folder, relative path in the new one).
        var files: [(from: String, to: String)] = []
        /// Folders the user made that would otherwise not exist in the new one.
        var folders: [String] = []
        /// For the report: files the user added, kept where they were.
        var kept: [String] = []
        /// For the report: files riskmap wrote that the user changed, or files the user
        /// added under a name the new outputs take, kept under another name.
        var renamed: [(path: String, keptAs: String)] = []
    }

    /// Decides, for the folder's existing entries, what the new outputs (`newFiles`: path →
    /// SHA-256) replace and what is kept. A file riskmap wrote (listed in the manifest with
    /// the hash of its bytes as written, or identical to the new output) is replaced; any
    /// other file is kept: in place when the new outputs
    /// do not use its name, else under `renamed(path)`. Throws when the folder is not
    /// empty and has no riskmap manifest.
    func carry(_ entries: [Entry], newFiles: [String: String], renamed: (String, Set<String>) -> String)
        throws(OutputBundle.Failure) -> Carry
    {
        var carry = Carry()
        guard !entries.isEmpty else { return carry }
        guard let owned = manifestOutputs() else {
            let first = entries.first { $0.kind != .folder } ?? entries[0]
            throw .notRiskmapFolder(folder: given, example: first.path)
        }
        // Folders holding new outputs exist anyway.
        var newFolders = Set<String>()
        for path in newFiles.keys {
            var p = (path as NSString).deletingLastPathComponent
            while !p.isEmpty, newFolders.insert(p).inserted { p = (p as NSString).deletingLastPathComponent }
        }
        var taken = Set(newFiles.keys)
        for entry in entries {
            let full = url.appendingPathComponent(entry.path).path
            switch entry.kind {
            case .folder:
                let hasFiles = entries.contains { $0.kind != .folder && $0.path.hasPrefix(entry.path + "/") }
                if !hasFiles, !newFolders.contains(entry.path), !Self.ownedFolder(entry.path, owned) {
                    carry.folders.append(entry.path)
                }
                continue
            case .file, .other:
                break
            }
            if entry.path == "manifest.json" { continue }
            if entry.kind == .file, let sha = owned[entry.path] {
                // riskmap wrote it: replaced, unless the user changed it since.
                guard let data = FileManager.default.contents(atPath: full) else { continue }
                let hash = SHA256.hex([UInt8](data))
                if hash == sha || hash == newFiles[entry.path] { continue }
            }
            if taken.contains(entry.path) {
                let other = renamed(entry.path, taken)
                taken.insert(other)
                carry.files.append((entry.path, other))
                carry.renamed.append((entry.path, other))
            } else {
                taken.insert(entry.path)
                carry.files.append((entry.path, entry.path))
                carry.kept.append(entry.path)
            }
        }
        return carry
    }

    /// Whether `folder` held files riskmap wrote (an emptied `schools/` is not the user's).
    static func ownedFolder(_ folder: String, _ owned: [String: String]) -> Bool {
        owned.keys.contains { $0.hasPrefix(folder + "/") }
    }

    // MARK: - Left by killed runs

    /// The temporary names beside the folder: `.<name>.riskmap-new-<pid>` (a replacement
    /// being written, or after the swap the replaced folder being removed) and
    /// `.<name>.riskmap-old-<pid>` (the replaced folder, on file systems that cannot swap
    /// two names in one step).
    func stagingURL(pid: Int32) -> URL { parent.appendingPathComponent(".\(name).riskmap-new-\(pid)") }
    func retiredURL(pid: Int32) -> URL { parent.appendingPathComponent(".\(name).riskmap-old-\(pid)") }

    /// The temporary folders beside this one whose process is gone, by kind.
    func leftovers() -> (staging: [URL], retired: [URL]) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        var staging: [URL] = [], retired: [URL] = []
        for entry in names.sorted() {
            for (marker, isStaging) in [(".\(name).riskmap-new-", true), (".\(name).riskmap-old-", false)] where entry.hasPrefix(marker) {
                guard let pid = Int32(entry.dropFirst(marker.count)), !ProcessIdentity.isRunning(pid) else { continue }
                if isStaging { staging.append(parent.appendingPathComponent(entry)) } else { retired.append(parent.appendingPathComponent(entry)) }
            }
        }
        return (staging, retired)
    }

    /// Removes what killed runs left; if the folder itself is missing because a run was
    /// killed between its two renames, the replaced folder is put back first. Returns how
    /// many leftovers were removed or restored.
    func cleanLeftovers() -> Int {
        let fm = FileManager.default
        let (staging, retired) = leftovers()
        var count = 0
        var retiredLeft = retired
        if !fm.fileExists(atPath: url.path), let last = retired.last, rename(last.path, url.path) == 0 {
            retiredLeft.removeLast()
            count += 1
        }
        for leftover in staging + retiredLeft {
            if (try? fm.removeItem(at: leftover)) != nil { count += 1 }
        }
        return count
    }
}
