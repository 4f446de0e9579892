import Foundation
import RiskmapLanguage

/// A previous `plan` run's `plans.json`, as far as `plan --compare-with` needs it: the rule
/// book it was made with, each school's groups, factor statuses and targets. Everything is
/// kept by code, so a plans.json of another rule book version compares by codes.
public struct PreviousPlans: Sendable {
    /// `plans.json`'s `format`: what it is and the version of its layout. A plans.json
    /// without one was written before the field existed, in layout 1.
    public static let formatName = "riskmap-plans"
    public static let formatVersion = 1

    /// A целевой показатель of the previous plan.
    public struct Target: Sendable, Equatable {
        public var factor: String
        public var indicator: String
        public var direction: FactorTarget.Direction
        public var goal: Double?
        public var steps: [(year: SchoolYear, value: Double?)]

        public static func == (a: Target, b: Target) -> Bool {
            a.factor == b.factor && a.indicator == b.indicator && a.direction == b.direction && a.goal == b.goal
                && a.steps.map(\.year) == b.steps.map(\.year) && a.steps.map(\.value) == b.steps.map(\.value)
        }
    }

    public struct School: Sendable {
        public var id: String
        public var name: String
        /// Empty when the file does not say.
        public var municipality: String = ""
        public var groups: [String]
        public var undecidedGroups: [String]
        /// (code, status) in the previous rule book's order.
        public var factors: [(code: String, status: Status)]
        public var targets: [Target]

        public func status(_ code: String) -> Status? { factors.first { $0.code == code }?.status }
    }

    /// The folder given to `--compare-with`.
    public var folder: String
    /// Its plans.json and the SHA-256 of the bytes read (for the manifest's inputs).
    public var path = ""
    public var sha256 = ""
    public var rulesetTitle: String
    public var rulesetVersion: String
    public var dataYear: SchoolYear?
    public var planYear: SchoolYear?
    public var schools: [School]
    /// Every group and factor code the previous rule book had (its summary's lists, else
    /// the schools').
    public var groupCodes: [String]
    public var factorCodes: [String]

    /// Why a previous output cannot be compared with.
    public enum Failure: Error, Equatable, Sendable {
        /// The folder does not exist.
        case notFound(String)
        /// A file, not a folder.
        case notAFolder(String)
        /// The folder holds no plans.json (path of the missing file).
        case noPlans(String)
        /// plans.json cannot be read (path, the operating system's reason).
        case unreadable(String, reason: String)
        /// Not JSON.
        case notJSON(String)
        /// JSON, but a field is missing or of the wrong kind (path, the field).
        case field(String, field: String)
        /// Another format or format version (path, what it says it is).
        case format(String, found: String)
    }

    /// Reads `<folder>/plans.json`.
    public static func read(folder: String) -> Result<PreviousPlans, Failure> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else { return .failure(.notFound(folder)) }
        guard isDirectory.boolValue else { return .failure(.notAFolder(folder)) }
        let path = (folder.hasSuffix("/") ? folder : folder + "/") + "plans.json"
        guard FileManager.default.fileExists(atPath: path) else { return .failure(.noPlans(path)) }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            return .failure(.unreadable(path, reason: (error as NSError).localizedDescription))
        }
        return parse(data, path: path, folder: folder).map { p in
            var p = p
            p.sha256 = SHA256.hex([UInt8](data))
            return p
        }
    }

    /// Reads the text of a plans.json; `path` names it in failures.
    public static func parse(_ data: Data, path: String, folder: String) -> Result<PreviousPlans, Failure> {
        guard let json = try? JSONSerialization.jsonObject(with: data), let root = json as? [String: Any] else {
            return .failure(.notJSON(path))
        }
        func missing(_ field: String) -> Result<PreviousPlans, Failure> { .failure(.field(path, field: field)) }
        if let format = root["format"] {
            let object = format as? [String: Any]
            let name = object?["name"] as? String
            let version = object?["version"] as? Int
            guard name == formatName, version == formatVersion else {
                let found = [name ?? "?", version.map(String.init) ?? "?"].joined(separator: " ")
                return .failure(.format(path, found: found))
            }
        }
        guard let ruleset = root["ruleset"] as? [String: Any] else { return missing("ruleset") }
        guard let list = root["schools"] as? [Any] else { return missing("schools") }
        var schools: [School] = []
        for (n, item) in list.enumerated() {
            let at = "schools[\(n)]"
            guard let s = item as? [String: Any] else { return missing(at) }
            guard let id = s["id"] as? String else { return missing(at + ".id") }
            guard let groups = s["groups"] as? [String] else { return missing(at + ".groups") }
            guard let factorList = s["factors"] as? [Any] else { return missing(at + ".factors") }
            var factors: [(code: String, status: Status)] = []
            for (k, f) in factorList.enumerated() {
                guard let f = f as? [String: Any], let code = f["code"] as? String else { return missing(at + ".factors[\(k)].code") }
                guard let text = f["status"] as? String, let status = Status.from(code: text) else {
                    return missing(at + ".factors[\(k)].status")
                }
                factors.append((code, status))
            }
            var targets: [Target] = []
            for (k, t) in ((s["targets"] as? [Any]) ?? []).enumerated() {
                let field = at + ".targets[\(k)]"
                guard let t = t as? [String: Any], let factor = t["factor"] as? String, let indicator = t["indicator"] as? String,
                      let directionText = t["direction"] as? String, let direction = direction(directionText),
                      let stepList = t["steps"] as? [Any] else { return missing(field) }
                var steps: [(year: SchoolYear, value: Double?)] = []
                for step in stepList {
                    guard let step = step as? [String: Any], let y = step["year"] as? String, let year = ProfileLoader.parseYear(y) else {
                        return missing(field + ".steps")
                    }
                    steps.append((year, number(step["value"])))
                }
                targets.append(Target(factor: factor, indicator: indicator, direction: direction, goal: number(t["goal"]), steps: steps))
            }
            schools.append(School(id: id, name: s["name"] as? String ?? id, municipality: s["municipality"] as? String ?? "", groups: groups,
                                  undecidedGroups: s["undecidedGroups"] as? [String] ?? [], factors: factors, targets: targets))
        }
        func codes(_ key: String, _ fallback: [String]) -> [String] {
            let summary = (root["summary"] as? [String: Any])?[key] as? [Any]
            let listed = summary?.compactMap { ($0 as? [String: Any])?["code"] as? String } ?? []
            var out = listed
            for c in fallback where !out.contains(c) { out.append(c) }
            return out
        }
        return .success(PreviousPlans(
            folder: folder, path: path,
            rulesetTitle: ruleset["title"] as? String ?? "", rulesetVersion: ruleset["version"] as? String ?? "",
            dataYear: (root["dataYear"] as? String).flatMap(ProfileLoader.parseYear),
            planYear: (root["planYear"] as? String).flatMap(ProfileLoader.parseYear),
            schools: schools,
            groupCodes: codes("groups", schools.flatMap { $0.groups + $0.undecidedGroups }),
            factorCodes: codes("factors", schools.flatMap { $0.factors.map(\.code) })))
    }

    /// A value of plans.json: a number, yes/no as 1/0; nil for `null` (a category's name is
    /// not compared).
    static func number(_ any: Any?) -> Double? {
        if let b = any as? Bool { return b ? 1 : 0 }
        if let n = any as? NSNumber { return n.doubleValue }
        return nil
    }

    static func direction(_ text: String) -> FactorTarget.Direction? {
        switch text {
        case "atMost": return .atMost
        case "atLeast": return .atLeast
        case "exactly": return .exactly
        default: return nil
        }
    }
}

extension Status {
    /// The status a `code` (plans.json, classify's JSON) names.
    public static func from(code: String) -> Status? {
        [Status.triggered, .notTriggered, .unknown, .notApplicable].first { $0.code == code }
    }
}

extension PreviousPlans {
    /// The previous plans of one municipality's schools (a run with `--municipality`, or a
    /// municipality's part of a region): the others are not "gone".
    public func only(municipality: String) -> PreviousPlans {
        var out = self
        out.schools = schools.filter { $0.municipality == municipality }
        return out
    }
}
