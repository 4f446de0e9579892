/// A set of ASCII bytes as a 256-entry table: the escapers' test of whether a text has
/// anything to escape, one lookup per byte.
struct ASCIIByteSet: Sendable {
    private let member: [Bool]

    init(_ characters: String) {
        var table = [Bool](repeating: false, count: 256)
        for b in characters.utf8 where b < 0x80 { table[Int(b)] = true }
        member = table
    }

    @inline(__always)
    func contains(_ b: UInt8) -> Bool { member[Int(b)] }
}
