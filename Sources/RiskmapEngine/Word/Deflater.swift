import RiskmapPlatform

/// DEFLATE (RFC 1951) compression for the ZIP writer: one block with the fixed Huffman
/// codes, greedy LZ77 matches found through a hash of three bytes and a bounded chain.
/// Not the smallest output, but a Word document's XML, which repeats its markup on every
/// row, shrinks about eight times; deterministic (no clocks, no randomness), no traps on
/// any input. `Inflater` reads it back in the tests.
enum Deflater {
    static func deflate(_ input: [UInt8]) -> [UInt8] {
        var bits = BitWriter()
        bits.write(1, count: 1)  // BFINAL: the only block
        bits.write(1, count: 2)  // BTYPE 01: fixed Huffman codes
        let n = input.count
        // Positions as 32-bit numbers (a part is far below 2 GiB: `ZipWriter` refuses 4 GiB).
        var head = [Int32](repeating: -1, count: hashSize)
        var previous = [Int32](repeating: -1, count: min(n, window))
        input.withUnsafeBufferPointer { bytes in
            head.withUnsafeMutableBufferPointer { head in
                previous.withUnsafeMutableBufferPointer { previous in
                    var i = 0
                    /// Notes position `p` in the hash chains (needs three bytes from `p`).
                    func insert(_ p: Int) {
                        guard p + 2 < n else { return }
                        let h = hash(bytes[p], bytes[p + 1], bytes[p + 2])
                        previous[p & (window - 1)] = head[h]
                        head[h] = Int32(truncatingIfNeeded: p)
                    }
                    while i < n {
                        var bestLength = 0, bestDistance = 0
                        if i + 2 < n {
                            var candidate = Int(head[hash(bytes[i], bytes[i + 1], bytes[i + 2])])
                            var chain = maxChain
                            let limit = min(maxMatch, n - i)
                            while candidate >= 0, i - candidate <= window, chain > 0 {
                                let length = matchLength(bytes, candidate, i, limit: limit)
                                if length > bestLength {
                                    bestLength = length
                                    bestDistance = i - candidate
                                    if length >= min(limit, niceLength) { break }
                                }
                                let next = Int(previous[candidate & (window - 1)])
                                // A chain entry overwritten by a newer position (or the chain's end) stops the walk.
                                if next >= candidate { break }
                                candidate = next
                                chain -= 1
                            }
                        }
                        if bestLength >= 3 {
                            bits.length(bestLength)
                            bits.distance(bestDistance)
                            for p in i..<(i + bestLength) { insert(p) }
                            i += bestLength
                        } else {
                            bits.literal(Int(bytes[i]))
                            insert(i)
                            i += 1
                        }
                    }
                }
            }
        }
        bits.literal(256)  // end of block
        return bits.finish()
    }

    /// How many bytes from `a` equal those from `b` (`a` < `b`), up to `limit`: eight at a
    /// time while eight remain, then one at a time.
    @inline(__always)
    static func matchLength(_ bytes: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int, limit: Int) -> Int {
        var length = 0
        while length + 8 <= limit {
            let x = bytes.loadWord(at: a + length) ^ bytes.loadWord(at: b + length)
            if x != 0 { return length + x.trailingZeroBitCount / 8 }
            length += 8
        }
        while length < limit, bytes[a + length] == bytes[b + length] { length += 1 }
        return length
    }

    static let window = 32_768
    static let maxMatch = 258
    /// How many earlier positions with the same hash are compared: enough for markup,
    /// bounded so a run of one byte repeated cannot make the search quadratic.
    static let maxChain = 16
    /// A match this long is taken without looking further (zlib's `nice_length` idea): markup
    /// repeats long runs, and the search for a slightly longer one is most of the time spent.
    static let niceLength = 32
    static let hashSize = 1 << 15

    private static func hash(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Int {
        ((Int(a) << 10) ^ (Int(b) << 5) ^ Int(c)) & (hashSize - 1)
    }

    /// Bits least significant first, as DEFLATE packs them; Huffman codes most significant first.
    struct BitWriter {
        private var out: [UInt8] = []
        private var buffer: UInt64 = 0
        private var count = 0

        mutating func write(_ value: Int, count n: Int) {
            buffer |= (UInt64(truncatingIfNeeded: value) & ((1 << UInt64(n)) - 1)) << UInt64(count)
            count += n
            while count >= 8 {
                out.append(UInt8(truncatingIfNeeded: buffer))
                buffer >>= 8
                count -= 8
            }
        }

        /// A Huffman code of `n` bits, written from its most significant bit.
        mutating func code(_ value: Int, count n: Int) {
            var reversed = 0
            for k in 0..<n where value & (1 << k) != 0 { reversed |= 1 << (n - 1 - k) }
            write(reversed, count: n)
        }

        /// A literal/length symbol in the fixed code (RFC 1951, 3.2.6).
        mutating func literal(_ symbol: Int) {
            let c = Deflater.fixedCodes[symbol]
            write(c.bits, count: c.count)
        }

        mutating func length(_ length: Int) {
            var s = Deflater.lengthBases.count - 1
            while Deflater.lengthBases[s] > length { s -= 1 }
            literal(257 + s)
            write(length - Deflater.lengthBases[s], count: Deflater.lengthExtra[s])
        }

        mutating func distance(_ distance: Int) {
            var s = Deflater.distanceBases.count - 1
            while Deflater.distanceBases[s] > distance { s -= 1 }
            code(s, count: 5)
            write(distance - Deflater.distanceBases[s], count: Deflater.distanceExtra[s])
        }

        mutating func finish() -> [UInt8] {
            if count > 0 { out.append(UInt8(truncatingIfNeeded: buffer)) }
            buffer = 0
            count = 0
            return out
        }
    }

    /// The fixed literal/length codes, bit-reversed for the LSB-first stream.
    static let fixedCodes: [(bits: Int, count: Int)] = (0...287).map { symbol in
        let (value, n) = switch symbol {
        case 0...143: (0x30 + symbol, 8)
        case 144...255: (0x190 + symbol - 144, 9)
        case 256...279: (symbol - 256, 7)
        default: (0xC0 + symbol - 280, 8)
        }
        var reversed = 0
        for k in 0..<n where value & (1 << k) != 0 { reversed |= 1 << (n - 1 - k) }
        return (reversed, n)
    }

    static let lengthBases = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBases = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
                                4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
}
