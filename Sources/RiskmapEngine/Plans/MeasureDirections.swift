import RiskmapLanguage

/// The direction (раздел) of each measure, as the seed roadmaps group their measures
/// («Развитие кадрового потенциала», «Подготовка к ГИА»…): the rule book declares them
/// (`направление staff "Развитие кадрового потенциала"`) and each measure names its own
/// (`направление staff`). A measure that names none stands under one general heading.
struct MeasureDirections {
    /// The directions' titles, in declaration order.
    let titles: [String]
    /// Per measure: index into `titles`, or nil.
    let ofMeasure: [Int?]

    init(_ book: CheckedRuleBook) {
        titles = book.directions.map(\.title)
        ofMeasure = book.measures.map(\.direction)
    }

    /// Items grouped by their measure's direction: directions in rule-book order, items in
    /// their given order within each; measures without a direction last (`title` nil).
    func sections<T>(_ items: [T], measure: (T) -> Int) -> Sections<T> { Sections(list: grouped(items, measure: measure)) }

    func grouped<T>(_ items: [T], measure: (T) -> Int) -> [(title: String?, items: [T])] {
        var buckets: [[T]] = Array(repeating: [], count: titles.count)
        var none: [T] = []
        for item in items {
            if let d = ofMeasure[measure(item)] { buckets[d].append(item) } else { none.append(item) }
        }
        var out: [(String?, [T])] = zip(titles, buckets).filter { !$0.1.isEmpty }.map { ($0.0, $0.1) }
        if !none.isEmpty { out.append((nil, none)) }
        return out
    }
}

/// Sections of measures as documents number and head them: «2.3» under «2. Развитие
/// кадрового потенциала»; a rule book without directions gives one untitled section,
/// numbered 1, 2, 3… without a heading.
struct Sections<T> {
    let list: [(title: String?, items: [T])]

    var isPlain: Bool { list.count == 1 && list[0].title == nil }

    /// The heading of section `s` (0-based), nil when the list is plain.
    func heading(_ s: Int, other: String) -> String? {
        isPlain ? nil : "\(s + 1). " + (list[s].title ?? other)
    }

    /// The number of item `n` of section `s` (both 0-based).
    func number(_ s: Int, _ n: Int) -> String { isPlain ? "\(n + 1)" : "\(s + 1).\(n + 1)" }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
