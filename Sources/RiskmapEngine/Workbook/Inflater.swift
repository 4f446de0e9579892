/// DEFLATE decompression (RFC 1951), for the parts of an Excel workbook (a ZIP archive):
/// stored blocks, blocks with the fixed Huffman codes and blocks with dynamic ones.
///
/// The whole stream is decompressed into one array, which is also the window matches copy
/// from. Codes are decoded through a table indexed by the next `maxLength` bits of input
/// (codes are at most 15 bits, so a table has at most 32,768 entries), built per block.
/// Malformed input is an error, never a crash: truncated streams, bad block types, stored
/// lengths that do not match, over-subscribed or incomplete codes, symbols no code has,
/// distances reaching before the start, and output beyond `limit`.
struct Inflater {
    enum Failure: Error, Equatable, Sendable {
        case truncated
        case invalidBlockType
        case storedLengthMismatch
        case invalidCodeLengths
        case invalidSymbol
        case distanceTooFar
        case tooLarge
    }

    /// Decompresses a raw DEFLATE stream (no zlib or gzip header). `limit`: the most bytes
    /// the output may have (a ZIP entry's declared size; more is an error).
    static func inflate(_ input: UnsafeBufferPointer<UInt8>, limit: Int) throws(Failure) -> [UInt8] {
        var inflater = Inflater(input: input, limit: limit)
        try inflater.run()
        return inflater.output
    }

    static func inflate(_ input: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        try input.withUnsafeBufferPointer { (buffer) throws(Failure) -> [UInt8] in try inflate(buffer, limit: limit) }
    }

    private let input: UnsafeBufferPointer<UInt8>
    private let limit: Int
    private var position = 0
    /// Bits read ahead, least significant first.
    private var bitBuffer: UInt64 = 0
    private var bitCount = 0
    /// Bits of `bitBuffer` that are padding past the end of the input.
    private var paddingBits = 0
    private(set) var output: [UInt8] = []

    private init(input: UnsafeBufferPointer<UInt8>, limit: Int) {
        self.input = input
        self.limit = limit
        output.reserveCapacity(min(limit, 1 << 26))
    }

    // MARK: - Bits

    /// Fills the bit buffer to at least 57 bits (zeros past the end of the input, counted).
    @inline(__always)
    private mutating func refill() {
        while bitCount <= 56 {
            let byte: UInt64
            if position < input.count {
                byte = UInt64(input[position])
                position += 1
            } else {
                byte = 0
                paddingBits += 8
            }
            bitBuffer |= byte << UInt64(bitCount)
            bitCount += 8
        }
    }

    /// The next `n` bits (n ≤ 32), consumed.
    @inline(__always)
    private mutating func bits(_ n: Int) throws(Failure) -> Int {
        if n == 0 { return 0 }
        refill()
        let value = Int(bitBuffer & ((1 << UInt64(n)) - 1))
        try consume(n)
        return value
    }

    @inline(__always)
    private mutating func consume(_ n: Int) throws(Failure) {
        bitBuffer >>= UInt64(n)
        bitCount -= n
        // Reading into the padding means the input ended early.
        if bitCount < paddingBits { throw .truncated }
    }

    // MARK: - Blocks

    private mutating func run() throws(Failure) {
        var last = false
        while !last {
            last = try bits(1) == 1
            switch try bits(2) {
            case 0: try stored()
            case 1: try codes(Inflater.fixedLengths, Inflater.fixedDistances)
            case 2:
                let (lengths, distances) = try dynamicCodes()
                try codes(lengths, distances)
            default: throw .invalidBlockType
            }
        }
    }

    /// A stored block: to the next byte boundary, LEN, NLEN, then LEN bytes as they are.
    private mutating func stored() throws(Failure) {
        try consume(bitCount % 8)
        let length = try bits(16)
        let complement = try bits(16)
        guard length == (~complement & 0xFFFF) else { throw .storedLengthMismatch }
        guard output.count + length <= limit else { throw .tooLarge }
        // Whole bytes still in the bit buffer come first, then the input itself.
        var left = length
        while left > 0 && bitCount - paddingBits >= 8 {
            output.append(UInt8(truncatingIfNeeded: bitBuffer))
            try consume(8)
            left -= 1
        }
        guard left <= input.count - position else { throw .truncated }
        output.append(contentsOf: input[position..<(position + left)])
        position += left
    }

    /// The lengths of the next symbol, from the table of `code`.
    private mutating func decode(_ code: HuffmanTable) throws(Failure) -> Int {
        refill()
        let entry = code.entries[Int(bitBuffer & code.mask)]
        let length = Int(entry & 15)
        guard length != 0 else { throw .invalidSymbol }
        try consume(length)
        return Int(entry >> 4)
    }

    private static let lengthBase: [Int] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra: [Int] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distanceBase: [Int] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
                                              4097, 6145, 8193, 12289, 16385, 24577]
    private static let distanceExtra: [Int] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    /// The literals, lengths and distances of a compressed block, up to its end symbol.
    private mutating func codes(_ lengths: HuffmanTable, _ distances: HuffmanTable) throws(Failure) {
        while true {
            let symbol = try decode(lengths)
            if symbol < 256 {
                guard output.count < limit else { throw .tooLarge }
                output.append(UInt8(symbol))
                continue
            }
            if symbol == 256 { return }
            let index = symbol - 257
            guard index < 29 else { throw .invalidSymbol }
            let length = try Inflater.lengthBase[index] + bits(Inflater.lengthExtra[index])
            let d = try decode(distances)
            guard d < 30 else { throw .invalidSymbol }
            let distance = try Inflater.distanceBase[d] + bits(Inflater.distanceExtra[d])
            guard distance <= output.count else { throw .distanceTooFar }
            guard output.count + length <= limit else { throw .tooLarge }
            var from = output.count - distance
            for _ in 0..<length {
                output.append(output[from])
                from += 1
            }
        }
    }

    /// The order in which code-length code lengths are sent.
    private static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// A dynamic block's header: the code-length code, then the lengths of both codes.
    private mutating func dynamicCodes() throws(Failure) -> (HuffmanTable, HuffmanTable) {
        let literalCount = try bits(5) + 257
        let distanceCount = try bits(5) + 1
        let codeLengthCount = try bits(4) + 4
        guard literalCount <= 286, distanceCount <= 30 else { throw .invalidCodeLengths }
        var codeLengthLengths = [UInt8](repeating: 0, count: 19)
        for i in 0..<codeLengthCount {
            let length = try bits(3)
            codeLengthLengths[Inflater.codeLengthOrder[i]] = UInt8(length)
        }
        let codeLengthCode = try HuffmanTable(lengths: codeLengthLengths, allowIncomplete: false)
        var lengths: [UInt8] = []
        lengths.reserveCapacity(literalCount + distanceCount)
        while lengths.count < literalCount + distanceCount {
            let symbol = try decode(codeLengthCode)
            switch symbol {
            case 0...15:
                lengths.append(UInt8(symbol))
            case 16:
                guard let previous = lengths.last else { throw .invalidCodeLengths }
                let count = try 3 + bits(2)
                lengths += repeatElement(previous, count: count)
            case 17:
                let count = try 3 + bits(3)
                lengths += repeatElement(0, count: count)
            default:
                let count = try 11 + bits(7)
                lengths += repeatElement(0, count: count)
            }
        }
        guard lengths.count == literalCount + distanceCount, lengths[256] != 0 else { throw .invalidCodeLengths }
        let literal = try HuffmanTable(lengths: Array(lengths[..<literalCount]), allowIncomplete: false)
        // A distance code may be incomplete (one code of one bit, or none at all).
        let distance = try HuffmanTable(lengths: Array(lengths[literalCount...]), allowIncomplete: true)
        return (literal, distance)
    }

    private static let fixedLengths: HuffmanTable = {
        var lengths = [UInt8](repeating: 8, count: 288)
        for i in 144..<256 { lengths[i] = 9 }
        for i in 256..<280 { lengths[i] = 7 }
        return try! HuffmanTable(lengths: lengths, allowIncomplete: false)
    }()

    private static let fixedDistances: HuffmanTable = {
        // 30 codes of 5 bits (two of the 32 unused).
        try! HuffmanTable(lengths: [UInt8](repeating: 5, count: 30), allowIncomplete: true)
    }()
}

/// A canonical Huffman code (RFC 1951 3.2.2) as a decoding table: entry `i` for the
/// input bits `i` (least significant first) is `symbol << 4 | length`, 0 where no code
/// matches.
struct HuffmanTable: Sendable {
    let entries: [UInt32]
    let mask: UInt64

    init(lengths: [UInt8], allowIncomplete: Bool) throws(Inflater.Failure) {
        var counts = [Int](repeating: 0, count: 16)
        for l in lengths { counts[Int(l)] += 1 }
        counts[0] = 0
        // Over-subscribed codes are always wrong; incomplete ones only where allowed.
        var left = 1
        for length in 1...15 {
            left <<= 1
            left -= counts[length]
            if left < 0 { throw .invalidCodeLengths }
        }
        let used = counts.reduce(0, +)
        if left > 0 && !allowIncomplete && used != 1 { throw .invalidCodeLengths }
        let maxLength = max(1, (1...15).last { counts[$0] > 0 } ?? 1)
        var next = [Int](repeating: 0, count: 16)
        var code = 0
        for length in 1...15 {
            code = (code + counts[length - 1]) << 1
            next[length] = code
        }
        var entries = [UInt32](repeating: 0, count: 1 << maxLength)
        for (symbol, l) in lengths.enumerated() where l != 0 {
            let length = Int(l)
            let c = next[length]
            next[length] += 1
            // Codes are sent most significant bit first: the table is indexed reversed.
            var reversed = 0
            for b in 0..<length where c & (1 << b) != 0 { reversed |= 1 << (length - 1 - b) }
            let entry = UInt32(symbol << 4 | length)
            var i = reversed
            while i < entries.count {
                entries[i] = entry
                i += 1 << length
            }
        }
        self.entries = entries
        mask = UInt64(entries.count - 1)
    }
}
