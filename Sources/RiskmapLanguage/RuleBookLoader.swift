import Foundation
import RiskmapPlatform

/// Reads a rule book from disk: every `*.rules` file under a folder (or one file),
/// sorted by relative path so the result never depends on directory order.
public enum RuleBookLoader {
    /// The largest rule file read: 10 MiB (the shipped book is about 200 KB).
    public static let maxFileBytes = 10 << 20

    public enum Failure: Error, Sendable {
        /// The path does not exist (exit code 66).
        case notFound(String)
        /// The folder holds no rule files, or a file could not be read.
        case unreadable([Diagnostic])
    }

    public static func load(_ path: String) -> Result<[SourceFile], Failure> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(.notFound(path))
        }
        var paths: [String] = []
        if isDirectory.boolValue {
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            let enumerator = FileManager.default.enumerator(atPath: base)
            while let relative = enumerator?.nextObject() as? String {
                if relative.hasSuffix(".rules") { paths.append(base + "/" + relative) }
            }
            paths.sort()
            if paths.isEmpty {
                return .failure(.unreadable([Diagnostic(.error, .noRuleFiles, path: path)]))
            }
        } else {
            paths = [path]
        }
        var files: [SourceFile] = []
        var problems: [Diagnostic] = []
        for p in paths {
            if let size = (try? FileManager.default.attributesOfItem(atPath: p))?[.size] as? Int, size > maxFileBytes {
                problems.append(Diagnostic(.error, .ruleFileTooLarge(size: size, limit: maxFileBytes), path: p))
                continue
            }
            guard let data = FileManager.default.contents(atPath: p) else {
                let reason = FileBytes.failureReason(p)
                problems.append(Diagnostic(.error, reason.map { .unreadableFileReason(path: p, reason: $0) } ?? .unreadableFile(p), path: p))
                continue
            }
            files.append(SourceFile(path: p, bytes: [UInt8](data)))
        }
        if !problems.isEmpty { return .failure(.unreadable(problems)) }
        return .success(files)
    }
}
