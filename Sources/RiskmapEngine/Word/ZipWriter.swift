/// A ZIP archive (APPNOTE 6.3) written in memory: entries compressed with DEFLATE
/// (`Deflater`; stored when that is no smaller), in the order added, every entry dated 1980-01-01 00:00 (the earliest DOS date) and flagged as
/// having a UTF-8 name — so the same entries always give the same bytes. Enough for an
/// Office package; `ZipArchive` reads it back.
struct ZipWriter {
    /// Why an archive cannot be written without ZIP64, which this writer does not do.
    enum Failure: Error, Equatable, Sendable {
        /// An entry, a name or the whole archive is 4 GiB or more, or there are 65,535 entries or more.
        case tooLarge(String)
    }

    private var entries: [(name: String, bytes: [UInt8])] = []

    init() {}

    mutating func add(_ name: String, _ bytes: [UInt8]) {
        entries.append((name, bytes))
    }

    mutating func add(_ name: String, _ text: String) {
        entries.append((name, Array(text.utf8)))
    }

    /// 1980-01-01 00:00 in DOS form: the time is 0; the date is (year − 1980) << 9 | month << 5 | day.
    static let dosTime: UInt16 = 0
    static let dosDate: UInt16 = 0 << 9 | 1 << 5 | 1
    /// Bit 11: the name is UTF-8 (zip tools otherwise read it as code page 437).
    static let utf8Flag: UInt16 = 0x0800
    /// 2.0: the version a reader needs for DEFLATE and folders in names.
    static let version: UInt16 = 20

    /// The archive's bytes.
    func archive() throws(Failure) -> [UInt8] {
        guard let count = UInt16(exactly: entries.count), count < UInt16.max else { throw .tooLarge("\(entries.count) entries") }
        var out: [UInt8] = []
        var central: [UInt8] = []
        for (name, bytes) in entries {
            let nameBytes = Array(name.utf8)
            guard let nameLength = UInt16(exactly: nameBytes.count) else { throw .tooLarge("name \(name)") }
            guard let size = UInt32(exactly: bytes.count), size < UInt32.max else { throw .tooLarge(name) }
            let deflated = Deflater.deflate(bytes)
            let (method, data): (UInt16, [UInt8]) = deflated.count < bytes.count ? (8, deflated) : (0, bytes)
            guard let compressedSize = UInt32(exactly: data.count) else { throw .tooLarge(name) }
            guard let offset = UInt32(exactly: out.count), offset < UInt32.max else { throw .tooLarge("archive") }
            let crc = CRC32.checksum(bytes)

            // Local file header.
            Self.put32(0x0403_4B50, &out)
            Self.put16(Self.version, &out)
            Self.put16(Self.utf8Flag, &out)
            Self.put16(method, &out)
            Self.put16(Self.dosTime, &out)
            Self.put16(Self.dosDate, &out)
            Self.put32(crc, &out)
            Self.put32(compressedSize, &out)
            Self.put32(size, &out)
            Self.put16(nameLength, &out)
            Self.put16(0, &out)  // no extra field
            out += nameBytes
            out += data

            // Its central-directory record.
            Self.put32(0x0201_4B50, &central)
            Self.put16(Self.version, &central)  // made by: MS-DOS, 2.0 (no Unix permissions to record)
            Self.put16(Self.version, &central)
            Self.put16(Self.utf8Flag, &central)
            Self.put16(method, &central)
            Self.put16(Self.dosTime, &central)
            Self.put16(Self.dosDate, &central)
            Self.put32(crc, &central)
            Self.put32(compressedSize, &central)
            Self.put32(size, &central)
            Self.put16(nameLength, &central)
            Self.put16(0, &central)  // extra
            Self.put16(0, &central)  // comment
            Self.put16(0, &central)  // disk
            Self.put16(0, &central)  // internal attributes
            Self.put32(0, &central)  // external attributes
            Self.put32(offset, &central)
            central += nameBytes
        }
        guard let centralOffset = UInt32(exactly: out.count), centralOffset < UInt32.max,
              let centralSize = UInt32(exactly: central.count), centralSize < UInt32.max,
              out.count + central.count < Int(UInt32.max) else { throw .tooLarge("archive") }
        out += central
        // End of central directory.
        Self.put32(0x0605_4B50, &out)
        Self.put16(0, &out)  // this disk
        Self.put16(0, &out)  // disk with the central directory
        Self.put16(count, &out)
        Self.put16(count, &out)
        Self.put32(centralSize, &out)
        Self.put32(centralOffset, &out)
        Self.put16(0, &out)  // comment length
        return out
    }

    private static func put16(_ v: UInt16, _ out: inout [UInt8]) {
        out.append(UInt8(truncatingIfNeeded: v))
        out.append(UInt8(truncatingIfNeeded: v >> 8))
    }

    private static func put32(_ v: UInt32, _ out: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8(truncatingIfNeeded: v >> UInt32(shift))) }
    }
}
