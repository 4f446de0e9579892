import RiskmapPlatform

/// SHA-256 (FIPS 180-4), for the run manifest. The toolchain on Linux has no CryptoKit.
public enum SHA256 {
    private static let k: InlineArray<64, UInt32> = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    public static func hex<C: Collection>(_ data: C) -> String where C.Element == UInt8 {
        hexDigits(digest(data))
    }

    static func hexDigits(_ digest: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func digest<C: Collection>(_ data: C) -> [UInt8] where C.Element == UInt8 {
        if let d = data.withContiguousStorageIfAvailable({ digest(buffer: $0) }) { return d }
        return Array(data).withUnsafeBufferPointer { digest(buffer: $0) }
    }

    /// The digest of contiguous bytes.
    static func digest(buffer: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var stream = Stream()
        stream.update(buffer)
        return stream.finish()
    }

    /// A digest computed piece by piece, for a file written as it is produced: the same
    /// digest as `digest` of all the pieces joined, whatever their sizes.
    public struct Stream: Sendable {
        private var state = State()
        /// Bytes of an unfinished block (fewer than 64).
        private var pending: [UInt8] = []
        private var length = 0

        public init() { pending.reserveCapacity(64) }

        public mutating func update(_ bytes: [UInt8]) {
            bytes.withUnsafeBufferPointer { update($0) }
        }

        /// Whole 64-byte blocks straight from the buffer (no copy, no generic code: fast
        /// even in a debug build); the rest waits in `pending`.
        mutating func update(_ buffer: UnsafeBufferPointer<UInt8>) {
            length += buffer.count
            var offset = 0
            if !pending.isEmpty {
                let take = min(64 - pending.count, buffer.count)
                pending += buffer[0..<take]
                offset = take
                guard pending.count == 64 else { return }
                pending.withUnsafeBufferPointer { state.compress($0, at: 0) }
                pending.removeAll(keepingCapacity: true)
            }
            let whole = offset + (buffer.count - offset) / 64 * 64
            while offset < whole {
                state.compress(buffer, at: offset)
                offset += 64
            }
            pending += buffer[offset...]
        }

        /// The digest: the padded tail, then the state's eight words, big-endian.
        public mutating func finish() -> [UInt8] {
            var tail = pending
            let bitLength = UInt64(length) &* 8
            tail.append(0x80)
            while tail.count % 64 != 56 { tail.append(0) }
            for i in (0..<8).reversed() { tail.append(UInt8(truncatingIfNeeded: bitLength >> (UInt64(i) * 8))) }
            tail.withUnsafeBufferPointer { t in
                var o = 0
                while o < t.count {
                    state.compress(t, at: o)
                    o += 64
                }
            }
            var out: [UInt8] = []
            out.reserveCapacity(32)
            for v in [state.h0, state.h1, state.h2, state.h3, state.h4, state.h5, state.h6, state.h7] {
                out += [UInt8(truncatingIfNeeded: v >> 24), UInt8(truncatingIfNeeded: v >> 16), UInt8(truncatingIfNeeded: v >> 8), UInt8(truncatingIfNeeded: v)]
            }
            return out
        }

        /// `finish()` in lowercase hexadecimal.
        public mutating func finishHex() -> String { SHA256.hexDigits(finish()) }
    }

    fileprivate struct State: Sendable {
        var h0: UInt32 = 0x6a09e667, h1: UInt32 = 0xbb67ae85, h2: UInt32 = 0x3c6ef372, h3: UInt32 = 0xa54ff53a
        var h4: UInt32 = 0x510e527f, h5: UInt32 = 0x9b05688c, h6: UInt32 = 0x1f83d9ab, h7: UInt32 = 0x5be0cd19

        /// One 64-byte block: the message schedule in a fixed-size array on the stack.
        mutating func compress(_ bytes: UnsafeBufferPointer<UInt8>, at chunk: Int) {
            var w = InlineArray<64, UInt32>(repeating: 0)
            let k = SHA256.k
            // Sixteen big-endian words, two per eight-byte load.
            for i in 0..<8 {
                let word = bytes.loadWord(at: chunk + i * 8)
                w[2 * i] = UInt32(truncatingIfNeeded: word).byteSwapped
                w[2 * i + 1] = UInt32(truncatingIfNeeded: word >> 32).byteSwapped
            }
            for i in 16..<64 {
                let x = w[i - 15], y = w[i - 2]
                let s0 = (x >> 7 | x << 25) ^ (x >> 18 | x << 14) ^ (x >> 3)
                let s1 = (y >> 17 | y << 15) ^ (y >> 19 | y << 13) ^ (y >> 10)
                w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
            }
            var (a, b, c, d, e, f, g, hh) = (h0, h1, h2, h3, h4, h5, h6, h7)
            for i in 0..<64 {
                let s1 = (e >> 6 | e << 26) ^ (e >> 11 | e << 21) ^ (e >> 25 | e << 7)
                let ch = (e & f) ^ (~e & g)
                let t1 = hh &+ s1 &+ ch &+ k[i] &+ w[i]
                let s0 = (a >> 2 | a << 30) ^ (a >> 13 | a << 19) ^ (a >> 22 | a << 10)
                let maj = (a & b) ^ (a & c) ^ (b & c)
                let t2 = s0 &+ maj
                hh = g; g = f; f = e; e = d &+ t1; d = c; c = b; b = a; a = t1 &+ t2
            }
            h0 = h0 &+ a; h1 = h1 &+ b; h2 = h2 &+ c; h3 = h3 &+ d
            h4 = h4 &+ e; h5 = h5 &+ f; h6 = h6 &+ g; h7 = h7 &+ hh
        }
    }
}
