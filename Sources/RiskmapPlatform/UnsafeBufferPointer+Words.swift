extension UnsafeBufferPointer<UInt8> {
    /// The eight bytes at `offset..<offset + 8` as one little-endian word, whatever the
    /// alignment: the load behind the word-at-a-time byte scans (line ends, CSV
    /// delimiters, UTF-8 checks), which look at eight bytes with a few instructions.
    ///
    /// Bounds are checked (`0 <= offset`, `offset + 8 <= count`, else a trap), so the load
    /// never reads outside the buffer; in a scanning loop the check is one comparison.
    /// Any thread may call it on a buffer it may read.
    @inlinable @inline(__always)
    public func loadWord(at offset: Int) -> UInt64 {
        precondition(count >= 8 && UInt(bitPattern: offset) <= UInt(bitPattern: count &- 8), "word out of range")
        return UInt64(littleEndian: UnsafeRawPointer(baseAddress.unsafelyUnwrapped + offset).loadUnaligned(as: UInt64.self))
    }
}
