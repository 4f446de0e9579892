/// File names from school IDs, safe on every file system a plan folder is copied to:
///
/// * letters (Cyrillic too), digits, `-` and `_` are kept, every other character becomes `_`;
/// * at most `maxBytes` bytes of UTF-8 before the extension: a longer ID is cut at a
///   character boundary and given `~` and the first 8 hex digits of its SHA-256, so two
///   long IDs that share a beginning still get different, stable names (the limit leaves
///   room for « (ваша правка).html» within the 255 bytes of a file name);
/// * Windows device names (`CON`, `PRN`, `AUX`, `NUL`, `COM0`–`COM9`, `LPT0`–`LPT9`, in
///   any case), which Windows opens as devices whatever the extension, get a trailing `_`;
/// * names that collide (ignoring case, as some file systems do) get a numeric suffix
///   `_2`, `_3`, … in the order the schools come.
enum SafeFileName {
    /// The most bytes of a name before its extension (and a collision suffix).
    static let maxBytes = 120

    static let deviceNames: Set<String> = {
        var names: Set<String> = ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
        for n in 0...9 { names.insert("COM\(n)"); names.insert("LPT\(n)") }
        return names
    }()

    static func base(_ id: String) -> String {
        var out = ""
        for c in id {
            out.append(c.isLetter || c.isNumber || c == "-" || c == "_" ? c : "_")
        }
        if out.isEmpty { return "_" }
        if deviceNames.contains(out.uppercased()) { return out + "_" }
        guard out.utf8.count > maxBytes - 8 else { return out }
        // Cut to leave room for «~» and 8 hex digits, then mark with the ID's hash.
        var cut = ""
        for c in out {
            if cut.utf8.count + String(c).utf8.count > maxBytes - 9 - 8 { break }
            cut.append(c)
        }
        return cut + "~" + String(SHA256.hex(Array(id.utf8)).prefix(8))
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
