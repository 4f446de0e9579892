import Foundation
import Testing
import RiskmapPlatform
@testable import RiskmapEngine

extension OutputBundleTests {
    /// `bundle` with a `manifest.json` as `riskmap plan` writes it: every output with its SHA-256.
    static func withManifest(_ bundle: OutputBundle) -> OutputBundle {
        var out = bundle
        let outputs = bundle.files.map { "{\"path\": \"\($0.path)\", \"sha256\": \"\(SHA256.hex($0.bytes))\"}" }
        out.add("manifest.json", "{\"tool\": {\"name\": \"riskmap\"}, \"outputs\": [\(outputs.joined(separator: ", "))]}\n")
        return out
    }

    static func bundle(_ files: [(String, String)]) -> OutputBundle {
        var b = OutputBundle()
        for (path, text) in files { b.add(path, text) }
        return withManifest(b)
    }

    /// Every file under `folder` (relative path → text).
    static func contents(_ folder: String) -> [String: String] {
        var out: [String: String] = [:]
        guard let e = FileManager.default.enumerator(atPath: folder) else { return out }
        while let p = e.nextObject() as? String {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: folder + "/" + p, isDirectory: &isDirectory)
            if !isDirectory.boolValue, let d = FileManager.default.contents(atPath: folder + "/" + p) {
                out[p] = String(decoding: d, as: UTF8.self)
            }
        }
        return out
    }

    static func scratch() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("riskmap-folder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return root
    }
}

/// The output folder is never lost, never mixed, and never loses a file riskmap did not write.
@Suite struct OutputFolderTests {
    typealias T = OutputBundleTests

    @Test func refusesTheCurrentFolderAndItsParents() throws {
        let root = try T.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let here = root.appendingPathComponent("work").path
        try FileManager.default.createDirectory(atPath: here, withIntermediateDirectories: true)
        try Data("мои заметки".utf8).write(to: URL(fileURLWithPath: here + "/notes.txt"))
        for target in [here, root.path, here + "/."] {
            #expect {
                try T.bundle([("a.txt", "x")]).write(to: target, options: OutputBundle.Options(currentDirectory: here))
            } throws: { error in
                guard case .currentFolder = error as? OutputBundle.Failure else { return false }
                return true
            }
        }
        #expect(try String(contentsOfFile: here + "/notes.txt", encoding: .utf8) == "мои заметки")
        // A folder inside the current one is fine.
        try T.bundle([("a.txt", "x")]).write(to: here + "/out", options: OutputBundle.Options(currentDirectory: here))
        #expect(T.contents(here + "/out")["a.txt"] == "x")
    }

    @Test func refusesAFolderHoldingAnInput() throws {
        let root = try T.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let data = root.appendingPathComponent("data").path
        try FileManager.default.createDirectory(atPath: data + "/deep", withIntermediateDirectories: true)
        try Data("school_id\n".utf8).write(to: URL(fileURLWithPath: data + "/deep/schools.csv"))
        let options = OutputBundle.Options(inputs: [data + "/deep/schools.csv"], currentDirectory: "/")
        for target in [data, data + "/deep", root.path] {
            #expect(throws: OutputBundle.Failure.self) { try T.bundle([("a.txt", "x")]).write(to: target, options: options) }
        }
        // …also when the input is named through a symbolic link.
        try FileManager.default.createSymbolicLink(atPath: root.path + "/link", withDestinationPath: data)
        let linked = OutputBundle.Options(inputs: [root.path + "/link/deep/schools.csv"], currentDirectory: "/")
        #expect(throws: OutputBundle.Failure.self) { try T.bundle([("a.txt", "x")]).write(to: data, options: linked) }
        #expect(T.contents(data) == ["deep/schools.csv": "school_id\n"])
    }

    @Test func refusesAFolderRiskmapDidNotWriteButTakesAnEmptyOne() throws {
        let root = try T.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let docs = root.appendingPathComponent("docs").path
        try FileManager.default.createDirectory(atPath: docs, withIntermediateDirectories: true)
        try Data("отчёт".utf8).write(to: URL(fileURLWithPath: docs + "/отчёт.docx"))
        #expect {
            try T.bundle([("a.txt", "x")]).write(to: docs, options: OutputBundle.Options(currentDirectory: "/"))
        } throws: { error in
            guard case .notRiskmapFolder(_, let example) = error as? OutputBundle.Failure else { return false }
            return example == "отчёт.docx"
        }
        #expect(T.contents(docs) == ["отчёт.docx": "отчёт"])
        #expect(throws: OutputBundle.Failure.self) { try OutputBundle.check(docs, options: OutputBundle.Options(currentDirectory: "/")) }
        let empty = root.appendingPathComponent("empty").path
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        try OutputBundle.check(empty, options: OutputBundle.Options(currentDirectory: "/"))
        try T.bundle([("a.txt", "x")]).write(to: empty, options: OutputBundle.Options(currentDirectory: "/"))
        #expect(T.contents(empty)["a.txt"] == "x")
        // A file, or a symbolic link to a folder, is not replaced.
        try Data("файл".utf8).write(to: URL(fileURLWithPath: root.path + "/file"))
        #expect(throws: OutputBundle.Failure.self) { try T.bundle([("a.txt", "x")]).write(to: root.path + "/file") }
        try FileManager.default.createSymbolicLink(atPath: root.path + "/link", withDestinationPath: empty)
        #expect(throws: OutputBundle.Failure.self) { try T.bundle([("a.txt", "y")]).write(to: root.path + "/link") }
        #expect(T.contents(empty)["a.txt"] == "x")
    }

    @Test func keepsTheUsersFilesAndEdits() throws {
        let root = try T.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out").path
        let options = OutputBundle.Options(currentDirectory: "/", keptSuffix: " (ваша правка)")
        try T.bundle([("summary.html", "1"), ("schools/S1.md", "план 1"), ("schools/S2.md", "план 2"), ("schools/S3.md", "план 3")])
            .write(to: out, options: options)
        // The user adds a file and a folder, edits S1's plan and adds a file whose name the next run takes.
        try Data("правки".utf8).write(to: URL(fileURLWithPath: out + "/schools/мои-правки.docx"))
        try FileManager.default.createDirectory(atPath: out + "/архив", withIntermediateDirectories: true)
        try Data("план 1 + мои заметки".utf8).write(to: URL(fileURLWithPath: out + "/schools/S1.md"))
        try Data("моя таблица".utf8).write(to: URL(fileURLWithPath: out + "/roadmap.csv"))
        // The next run no longer has S3, has S1 and S2 changed, and writes roadmap.csv.
        let report = try T.bundle([("summary.html", "2"), ("schools/S1.md", "план 1, новый"), ("schools/S2.md", "план 2, новый"),
                                   ("roadmap.csv", "дорожная карта")]).write(to: out, options: options)
        let files = T.contents(out)
        #expect(files["schools/мои-правки.docx"] == "правки")
        #expect(files["schools/S1.md"] == "план 1, новый")
        #expect(files["schools/S1 (ваша правка).md"] == "план 1 + мои заметки")
        #expect(files["roadmap.csv"] == "дорожная карта")
        #expect(files["roadmap (ваша правка).csv"] == "моя таблица")
        #expect(files["schools/S3.md"] == nil, "riskmap's own old output goes")
        #expect(files["summary.html"] == "2")
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: out + "/архив", isDirectory: &isDirectory) && isDirectory.boolValue)
        #expect(report.kept == ["schools/мои-правки.docx"])
        #expect(report.renamed.map(\.keptAs).sorted() == ["roadmap (ваша правка).csv", "schools/S1 (ваша правка).md"])
        // A third run keeps the kept copies as the user's files, as they are.
        let third = try T.bundle([("summary.html", "3"), ("schools/S1.md", "план 1, новый"), ("schools/S2.md", "план 2, новый"),
                                  ("roadmap.csv", "дорожная карта")]).write(to: out, options: options)
        #expect(T.contents(out)["schools/S1 (ваша правка).md"] == "план 1 + мои заметки")
        #expect(third.renamed.isEmpty)
        #expect(Set(third.kept) == ["roadmap (ваша правка).csv", "schools/S1 (ваша правка).md", "schools/мои-правки.docx"])
    }

    @Test func keptNamesCount() {
        #expect(OutputBundle.keptName("schools/S1.md", suffix: " (edited)", taken: []) == "schools/S1 (edited).md")
        #expect(OutputBundle.keptName("schools/S1.md", suffix: " (edited)", taken: ["schools/S1 (edited).md"]) == "schools/S1 (edited 2).md")
        #expect(OutputBundle.keptName("README", suffix: ".old", taken: []) == "README.old")
        #expect(OutputBundle.keptName(".hidden", suffix: " (edited)", taken: []) == ".hidden (edited)")
    }

    /// At every step of a write, the target is the old complete set or the new one: the
    /// swap leaves no moment without a folder, on file systems that swap two names in
    /// one step and on those that cannot (two renames, the old folder first).
    @Test(arguments: [true, false]) func theFolderIsAlwaysOldOrNew(exchange: Bool) throws {
        let root = try T.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out").path
        let old = T.bundle([("a.txt", "старый"), ("schools/S1.md", "старый")])
        let new = T.bundle([("a.txt", "новый"), ("schools/S1.md", "новый"), ("schools/S2.md", "новый")])
        try old.write(to: out)
        let oldFiles = T.contents(out), newFiles = Dictionary(uniqueKeysWithValues: new.files.map { ($0.path, String(decoding: $0.bytes, as: UTF8.self)) })
        var options = OutputBundle.Options(currentDirectory: "/")
        options.exchange = exchange
        var steps = 0
        try new.write(to: out, options: options) { _ in
            let now = T.contents(out)
            #expect(now == oldFiles || now == newFiles, "a mixed or missing folder: \(now.keys.sorted())")
            steps += 1
        }
        #expect(steps > 4)
        #expect(T.contents(out) == newFiles)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["out"], "no temporary folder left")
    }

    /// What killed runs leave: a staging folder (before or after the swap), or, where
    /// folders cannot be swapped in one step, the old folder moved aside with no folder
    /// in its place. The next run cleans up, putting the old folder back first.
    @Test func leftoversOfKilledRunsAreCleanedUp() throws {
        let root = try T.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out").path
        try T.bundle([("a.txt", "старый"), ("user-note.txt", "x")]).write(to: out)
        // A dead process's staging folder, and a running one's (this process's parent) left alone.
        let dead: Int32 = 999_999_999
        try FileManager.default.createDirectory(atPath: root.path + "/.out.riskmap-new-\(dead)/schools", withIntermediateDirectories: true)
        let alive = getppid()
        try FileManager.default.createDirectory(atPath: root.path + "/.out.riskmap-new-\(alive)", withIntermediateDirectories: true)
        // Killed between the two renames: the old folder aside, none in its place.
        try FileManager.default.moveItem(atPath: out, toPath: root.path + "/.out.riskmap-old-\(dead - 1)")
        #expect(!FileManager.default.fileExists(atPath: out))
        let report = try T.bundle([("a.txt", "новый")]).write(to: out)
        #expect(report.leftoversCleaned == 2)
        #expect(T.contents(out)["a.txt"] == "новый")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == [".out.riskmap-new-\(alive)", "out"])
    }

    @Test func aFolderSwapIsOneStep() throws {
        let root = try T.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let a = root.path + "/a", b = root.path + "/b"
        try FileManager.default.createDirectory(atPath: a, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: b, withIntermediateDirectories: true)
        try Data("A".utf8).write(to: URL(fileURLWithPath: a + "/f"))
        try Data("B".utf8).write(to: URL(fileURLWithPath: b + "/f"))
        let outcome = FolderExchange.exchange(a, b)
        #if os(Linux)
        #expect(outcome == .exchanged)
        #endif
        if outcome == .exchanged {
            #expect(T.contents(a) == ["f": "B"])
            #expect(T.contents(b) == ["f": "A"])
        }
        #expect(FolderExchange.exchange(a, root.path + "/missing") != .exchanged)
        #expect(ProcessIdentity.isRunning(ProcessIdentity.current))
        #expect(!ProcessIdentity.isRunning(999_999_999))
        try FolderExchange.hardLink(a + "/f", to: root.path + "/g")
        #expect(T.contents(root.path)["g"] != nil)
    }
}
