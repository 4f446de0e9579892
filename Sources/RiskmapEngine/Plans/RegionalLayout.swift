import RiskmapLanguage

/// Where a plan run's files go when its schools file holds several municipalities: one
/// folder per municipality with its own roadmap, summary, report template and school
/// plans (what its office signs and sends), and beside them the regional summary comparing
/// the municipalities, `plans.json` and `manifest.json`. With one municipality everything
/// is at the top, as before.
public struct RegionalLayout: Sendable {
    /// Per municipality (in `PlanSet.municipalities` order): its folder, a safe file name;
    /// empty when there is one municipality (no folders).
    public let folders: [String]
    /// Per school plan: the folder its documents go in, with a trailing `/` (or empty).
    public let schoolFolders: [String]

    public init(_ plans: PlanSet) {
        guard plans.municipalities.count > 1 else {
            folders = []
            schoolFolders = Array(repeating: "", count: plans.schools.count)
            return
        }
        folders = SafeFileName.assign(plans.municipalities.map(\.municipality))
        var schoolFolders = Array(repeating: "", count: plans.schools.count)
        for (k, roadmap) in plans.municipalities.enumerated() {
            for i in roadmap.schools { schoolFolders[i] = folders[k] + "/" }
        }
        self.schoolFolders = schoolFolders
    }

    public var isRegional: Bool { !folders.isEmpty }
}

extension PlanSet {
    /// The plans of municipality `k` alone (its roadmap, its schools renumbered in order,
    /// its problems and those of no school), and the indices of its schools in this set.
    public func municipality(_ k: Int) -> (plans: PlanSet, schools: [Int]) {
        let roadmap = municipalities[k]
        var position: [Int: Int] = [:]
        for (n, i) in roadmap.schools.enumerated() { position[i] = n }
        var own = roadmap
        own.schools = Array(roadmap.schools.indices)
        own.items = roadmap.items.map { item in
            var item = item
            item.schools = item.schools.compactMap { position[$0] }
            return item
        }
        var set = PlanSet(book: book, dataYear: dataYear, planYear: planYear, schools: roadmap.schools.map { schools[$0] },
                          municipalities: [own], lang: lang)
        set.problems = problems.restricted(to: roadmap.schools)
        if var changes = comparison {
            changes.schools = roadmap.schools.map { changes.schools[$0] }
            changes.gone = changes.gone.filter { $0.municipality == roadmap.municipality }
            set.comparison = changes
        }
        set.coverage = coverage
        return (set, roadmap.schools)
    }
}
