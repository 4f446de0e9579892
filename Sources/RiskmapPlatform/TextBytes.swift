#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of a text held in memory: a buffer of its own, or a read-only mapping of a
/// file (`mapping(of:byteCount:)`), so that a 200 MB school file is read from the page
/// cache in place instead of being copied into fresh memory.
///
/// Immutable; copies share the storage. `dropFirst` views need no copy either (a text
/// without its byte-order mark). Any thread may read it. Reads are bounds-checked; the
/// buffer handed to `withUnsafeBufferPointer` is read-only and valid during the call.
public struct TextBytes: RandomAccessCollection, Sendable, Equatable, CustomStringConvertible {
    @usableFromInline
    final class Storage: @unchecked Sendable {
        @usableFromInline let base: UnsafeMutableRawPointer
        let byteCount: Int
        let isMapping: Bool

        init(base: UnsafeMutableRawPointer, byteCount: Int, isMapping: Bool) {
            self.base = base
            self.byteCount = byteCount
            self.isMapping = isMapping
        }

        deinit {
            if isMapping { munmap(base, byteCount) } else { base.deallocate() }
        }
    }

    @usableFromInline let storage: Storage
    @usableFromInline let offset: Int
    public let count: Int

    private init(storage: Storage, offset: Int, count: Int) {
        self.storage = storage
        self.offset = offset
        self.count = count
    }

    /// A copy of `bytes`.
    public init<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        self.init(unsafeUninitializedCapacity: bytes.count) { buffer, count in
            count = buffer.initialize(fromContentsOf: bytes)
        }
    }

    /// Room for `capacity` bytes, filled by `initializer` through an `OutputSpan` (the
    /// bytes it appends; see `OutputSpan+Bytes` for bulk appends). The safe way to build a
    /// text of unknown length, such as a decoded file, without a second copy.
    public init<E: Error>(capacity: Int, initializingWith initializer: (inout OutputSpan<UInt8>) throws(E) -> Void) throws(E) {
        let base = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(1, capacity), alignment: 16)
        let buffer = UnsafeMutableBufferPointer(start: base.bindMemory(to: UInt8.self, capacity: Swift.max(1, capacity)), count: capacity)
        var output = OutputSpan(buffer: buffer, initializedCount: 0)
        do {
            try initializer(&output)
        } catch {
            base.deallocate()
            throw error
        }
        let count = output.finalize(for: buffer)
        self.init(storage: Storage(base: base, byteCount: capacity, isMapping: false), offset: 0, count: count)
    }

    /// Room for `capacity` bytes, of which `initializer` sets the first `count` through a
    /// pointer (inside RiskmapPlatform; other modules use `init(capacity:initializingWith:)`).
    init(
        unsafeUninitializedCapacity capacity: Int,
        initializingWith initializer: (UnsafeMutableBufferPointer<UInt8>, inout Int) throws -> Void
    ) rethrows {
        let base = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(1, capacity), alignment: 16)
        var count = 0
        do {
            try initializer(UnsafeMutableBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: capacity), &count)
        } catch {
            base.deallocate()
            throw error
        }
        precondition(count >= 0 && count <= capacity, "initialized count out of range")
        self.init(storage: Storage(base: base, byteCount: capacity, isMapping: false), offset: 0, count: count)
    }

    /// Takes over a read-only mapping made with `mmap` (unmapped when the last copy goes).
    static func mapping(of base: UnsafeMutableRawPointer, byteCount: Int) -> TextBytes {
        TextBytes(storage: Storage(base: base, byteCount: byteCount, isMapping: true), offset: 0, count: byteCount)
    }

    /// Whether the bytes are a mapping of a file rather than a buffer of their own.
    public var isMapped: Bool { storage.isMapping }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { count }

    @inlinable @inline(__always)
    public subscript(position: Int) -> UInt8 {
        precondition(position >= 0 && position < count, "index out of range")
        return storage.base.load(fromByteOffset: offset + position, as: UInt8.self)
    }

    /// The bytes after the first `k` (no copy).
    public func dropFirst(_ k: Int) -> TextBytes {
        let k = Swift.min(Swift.max(0, k), count)
        return TextBytes(storage: storage, offset: offset + k, count: count - k)
    }

    @inlinable
    public func withUnsafeBufferPointer<R, E: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        defer { withExtendedLifetime(storage) {} }
        let start = (storage.base + offset).assumingMemoryBound(to: UInt8.self)
        return try body(UnsafeBufferPointer(start: start, count: count))
    }

    @inlinable
    public func withContiguousStorageIfAvailable<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
        try withUnsafeBufferPointer(body)
    }

    public static func == (a: TextBytes, b: TextBytes) -> Bool {
        guard a.count == b.count else { return false }
        return a.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { y in x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 }
        }
    }

    public var description: String { "TextBytes(\(count) bytes\(isMapped ? ", mapped" : ""))" }
}
