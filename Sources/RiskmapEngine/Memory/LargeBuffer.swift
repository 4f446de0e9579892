import Foundation

/// Large buffers (the input text, its field table, profile and result columns). On this
/// kind of machine a first touch of a 4 KiB page costs microseconds, so a 400,000-school
/// run spent more time in page faults than in its own code; huge pages cut the faults by
/// a factor of 512.
enum LargeBuffer {
    /// Smaller buffers are left alone.
    static let hugePageThreshold = 256 << 10
    static let pageSize = 4096

    /// Asks the kernel to back `byteCount` bytes at `base`, not yet touched, with
    /// transparent huge pages where the system allows it (`madvise` mode). Every page the
    /// buffer touches is advised, not only its 2 MiB-aligned interior: neighbouring buffers
    /// (the many columns of a profile set) then merge into one advised region that huge
    /// pages cover whole. Advice is only a hint; failure is harmless and ignored.
    static func adviseHugePages(_ base: UnsafeMutableRawPointer, byteCount: Int) {
        #if os(Linux)
        guard byteCount >= hugePageThreshold else { return }
        let start = Int(bitPattern: base) & ~(pageSize - 1)
        let end = (Int(bitPattern: base) + byteCount + pageSize - 1) & ~(pageSize - 1)
        guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(pointer, end - start, MADV_HUGEPAGE)
        #endif
    }

    /// An array of `count` elements, each set to `initial`, in huge pages when large.
    static func array<T>(repeating initial: T, count: Int) -> [T] {
        [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let base = buffer.baseAddress {
                adviseHugePages(base, byteCount: count * MemoryLayout<T>.stride)
                base.initialize(repeating: initial, count: count)
            }
            initialized = count
        }
    }

    /// `count` columns of `rows` elements set to `initial`: `body` fills them through
    /// pointers (from several threads if it likes, on disjoint rows), and the columns are
    /// returned as arrays without a copy.
    static func columns<T>(
        count: Int, rows: Int, initial: T, _ body: ([UnsafeMutablePointer<T>]) -> Void
    ) -> [[T]] {
        var arrays = [[T]](repeating: [], count: count)
        var pointers: [UnsafeMutablePointer<T>] = []
        pointers.reserveCapacity(count)
        let scratch = UnsafeMutablePointer<T>.allocate(capacity: 1)
        scratch.initialize(to: initial)
        defer { scratch.deinitialize(count: 1); scratch.deallocate() }
        func level(_ k: Int) {
            if k == count { body(pointers); return }
            if rows == 0 {
                pointers.append(scratch)
                level(k + 1)
                return
            }
            arrays[k] = [T](unsafeUninitializedCapacity: rows) { buffer, initialized in
                let base = buffer.baseAddress!
                adviseHugePages(base, byteCount: rows * MemoryLayout<T>.stride)
                base.initialize(repeating: initial, count: rows)
                pointers.append(base)
                level(k + 1)
                initialized = rows
            }
        }
        level(0)
        return arrays
    }
}
