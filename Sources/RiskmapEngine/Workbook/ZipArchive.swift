import RiskmapPlatform

/// A ZIP archive (APPNOTE 6.3) read from memory: its entries from the central directory
/// at its end, each extracted by its local header (stored or DEFLATE-compressed) and
/// checked against its CRC-32 and size. Enough for Office files; ZIP64, encryption and
/// other compression methods are reported, not guessed at.
struct ZipArchive {
    enum Failure: Error, Equatable, Sendable {
        /// No end-of-central-directory record: not a ZIP archive, or cut short.
        case notAnArchive
        /// A header points outside the archive or has the wrong signature.
        case corrupt(String)
        /// ZIP64 (archives over 4 GiB), encryption or a compression method other than
        /// stored and DEFLATE.
        case unsupported(String)
        case encrypted
        /// An entry the archive does not have.
        case missing(String)
        /// An entry's data does not decompress, or not to its recorded size and CRC-32.
        case damaged(String)
    }

    struct Entry: Sendable {
        var name: String
        var method: Int
        var flags: Int
        var crc: UInt32
        var compressedSize: Int
        var size: Int
        var localHeader: Int
    }

    let bytes: TextBytes
    /// Entries by name, in central-directory order.
    let entries: [Entry]

    /// Whether `bytes` start like a ZIP archive (a local file header).
    static func looksLikeZip(_ bytes: TextBytes) -> Bool {
        bytes.count >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4B && bytes[2] == 0x03 && bytes[3] == 0x04
    }

    init(_ bytes: TextBytes) throws(Failure) {
        self.bytes = bytes
        entries = try bytes.withUnsafeBufferPointer { (b) throws(Failure) -> [Entry] in try ZipArchive.centralDirectory(b) }
    }

    func entry(_ name: String) -> Entry? { entries.first { $0.name == name } }

    /// The bytes of entry `name`, decompressed and checked.
    func extract(_ name: String) throws(Failure) -> [UInt8] {
        guard let entry = entry(name) else { throw .missing(name) }
        return try extract(entry)
    }

    func extract(_ entry: Entry) throws(Failure) -> [UInt8] {
        if entry.flags & 1 != 0 { throw .encrypted }
        let data = try bytes.withUnsafeBufferPointer { (b) throws(Failure) -> [UInt8] in
            let h = entry.localHeader
            guard h >= 0, h + 30 <= b.count, ZipArchive.u32(b, h) == 0x0403_4B50 else { throw .corrupt("local header of \(entry.name)") }
            let start = h + 30 + ZipArchive.u16(b, h + 26) + ZipArchive.u16(b, h + 28)
            guard start <= b.count, entry.compressedSize <= b.count - start else { throw .corrupt("data of \(entry.name)") }
            let raw = UnsafeBufferPointer(rebasing: b[start..<(start + entry.compressedSize)])
            switch entry.method {
            case 0:
                return Array(raw)
            case 8:
                do {
                    return try Inflater.inflate(raw, limit: entry.size)
                } catch {
                    throw .damaged("\(entry.name): \(error)")
                }
            default:
                throw .unsupported("compression method \(entry.method) (\(entry.name))")
            }
        }
        guard data.count == entry.size, CRC32.checksum(data) == entry.crc else {
            throw .damaged("\(entry.name): size or CRC-32 mismatch")
        }
        return data
    }

    // MARK: - Structure

    private static func u16(_ b: UnsafeBufferPointer<UInt8>, _ at: Int) -> Int {
        Int(b[at]) | Int(b[at + 1]) << 8
    }

    private static func u32(_ b: UnsafeBufferPointer<UInt8>, _ at: Int) -> UInt32 {
        UInt32(b[at]) | UInt32(b[at + 1]) << 8 | UInt32(b[at + 2]) << 16 | UInt32(b[at + 3]) << 24
    }

    /// The end-of-central-directory record is in the last 22 + 65,535 bytes (its comment
    /// may be that long); its entries are read from the offset it gives.
    private static func centralDirectory(_ b: UnsafeBufferPointer<UInt8>) throws(Failure) -> [Entry] {
        guard b.count >= 22 else { throw .notAnArchive }
        var eocd = -1
        var i = b.count - 22
        let lowest = max(0, b.count - 22 - 65_535)
        while i >= lowest {
            if u32(b, i) == 0x0605_4B50 {
                eocd = i
                break
            }
            i -= 1
        }
        guard eocd >= 0 else { throw .notAnArchive }
        let count = u16(b, eocd + 10)
        let size = Int(u32(b, eocd + 12))
        let offset = Int(u32(b, eocd + 16))
        if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF { throw .unsupported("ZIP64") }
        guard offset <= eocd, size <= eocd - offset else { throw .corrupt("central directory") }
        var entries: [Entry] = []
        var p = offset
        for _ in 0..<count {
            guard p + 46 <= eocd, u32(b, p) == 0x0201_4B50 else { throw .corrupt("central directory entry") }
            let nameLength = u16(b, p + 28), extraLength = u16(b, p + 30), commentLength = u16(b, p + 32)
            guard p + 46 + nameLength <= eocd else { throw .corrupt("central directory entry") }
            let name = String(decoding: UnsafeBufferPointer(rebasing: b[(p + 46)..<(p + 46 + nameLength)]), as: UTF8.self)
            let compressed = Int(u32(b, p + 20)), uncompressed = Int(u32(b, p + 24)), local = Int(u32(b, p + 42))
            if compressed == 0xFFFF_FFFF || uncompressed == 0xFFFF_FFFF || local == 0xFFFF_FFFF { throw .unsupported("ZIP64") }
            entries.append(Entry(name: name, method: u16(b, p + 10), flags: u16(b, p + 8), crc: u32(b, p + 16),
                                 compressedSize: compressed, size: uncompressed, localHeader: local))
            p += 46 + nameLength + extraLength + commentLength
        }
        return entries
    }
}
