extension MutableSpan<UInt8> {
    /// Copies `bytes` to `offset..<offset + bytes.count` with one `memcpy`, for output
    /// assembled from pre-encoded pieces in room reserved beforehand (the classification
    /// CSV's rows). Traps when they do not fit. The span belongs to one thread.
    @inlinable @inline(__always)
    public mutating func update(at offset: Int, copying bytes: Span<UInt8>) {
        bytes.withUnsafeBufferPointer { update(at: offset, copying: $0) }
    }

    /// Copies `bytes` to `offset..<offset + bytes.count`; traps when they do not fit.
    @inlinable @inline(__always)
    public mutating func update(at offset: Int, copying bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        precondition(offset >= 0 && n <= count &- offset, "span overflow")
        guard n > 0 else { return }
        withUnsafeMutableBufferPointer { target in
            (target.baseAddress.unsafelyUnwrapped + offset).update(from: bytes.baseAddress.unsafelyUnwrapped, count: n)
        }
    }
}
