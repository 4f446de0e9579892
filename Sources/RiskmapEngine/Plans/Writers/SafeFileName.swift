/// File names from school IDs: letters (Cyrillic too), digits, `-` and `_` are kept, every
/// other character becomes `_`; names that collide (ignoring case, as some file systems
/// do) get a numeric suffix `_2`, `_3`, … in the order the schools come.
enum SafeFileName {
    static func base(_ id: String) -> String {
        var out = ""
        for c in id {
            out.append(c.isLetter || c.isNumber || c == "-" || c == "_" ? c : "_")
        }
        if out.count > 80 { out = String(out.prefix(80)) }
        return out.isEmpty ? "_" : out
    }

    /// One unique name per ID, in the same order.
    static func assign(_ ids: [String]) -> [String] {
        var taken = Set<String>()
        var names: [String] = []
        for id in ids {
            let b = base(id)
            var name = b
            var n = 2
            while taken.contains(name.lowercased()) {
                name = "\(b)_\(n)"
                n += 1
            }
            taken.insert(name.lowercased())
            names.append(name)
        }
        return names
    }
}
