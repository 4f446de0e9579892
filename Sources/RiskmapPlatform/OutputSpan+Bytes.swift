extension OutputSpan<UInt8> {
    /// Appends `bytes` with one copy (`memcpy`), for output built from pre-encoded
    /// pieces. Traps when they do not fit in the free capacity.
    ///
    /// With `Array(capacity:initializingWith:)`, `Array.append(addingCapacity:initializingWith:)`
    /// or `TextBytes(capacity:initializingWith:)`, this is how riskmap's byte writers fill
    /// memory without pointers (the appends of one `OutputSpan` belong to one thread).
    @inlinable @inline(__always)
    public mutating func append(copying bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        guard n > 0 else { return }
        precondition(n <= freeCapacity, "output span overflow")
        withUnsafeMutableBufferPointer { buffer, initialized in
            (buffer.baseAddress.unsafelyUnwrapped + initialized).update(from: bytes.baseAddress.unsafelyUnwrapped, count: n)
            initialized += n
        }
    }

    /// Appends the bytes of `span` with one copy; traps when they do not fit.
    @inlinable @inline(__always)
    public mutating func append(copying span: Span<UInt8>) {
        span.withUnsafeBufferPointer { append(copying: $0) }
    }

    /// Appends the eight bytes of `word`, least significant first (one store); traps
    /// when they do not fit.
    @inlinable @inline(__always)
    public mutating func append(littleEndian word: UInt64) {
        precondition(freeCapacity >= 8, "output span overflow")
        withUnsafeMutableBufferPointer { buffer, initialized in
            UnsafeMutableRawPointer(buffer.baseAddress.unsafelyUnwrapped + initialized)
                .storeBytes(of: word.littleEndian, as: UInt64.self)
            initialized += 8
        }
    }

    /// Appends the `count` (1–4) low bytes of `value`, least significant first, with one
    /// four-byte store: the free capacity must hold four bytes, of which those past
    /// `count` are left uninitialized. Traps otherwise.
    @inlinable @inline(__always)
    public mutating func append(lowBytesOf value: UInt32, count: Int) {
        precondition(count >= 1 && count <= 4 && freeCapacity >= 4, "output span overflow")
        withUnsafeMutableBufferPointer { buffer, initialized in
            UnsafeMutableRawPointer(buffer.baseAddress.unsafelyUnwrapped + initialized)
                .storeBytes(of: value.littleEndian, as: UInt32.self)
            initialized += count
        }
    }
}
