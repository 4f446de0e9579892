import Foundation

/// Large buffers (the input text, the profile and result columns).
///
/// On the virtual machines riskmap is measured on (Firecracker, memory backed lazily by
/// the host, freed memory handed back to it), the first write to a page is the dominant
/// cost of a large run: about 2 s per GiB on one core, against 0.1 s per GiB for the
/// same pages once resident. Two things help, and both are only hints to the kernel:
/// huge pages (512 times fewer faults) and making the pages resident on all cores at
/// once (`prepare`), which halves the wait on two cores.
///
/// For Platform primitives (`FileBytes`, `ColumnBuffer`) and the evaluator's result
/// columns (`columns`). Any thread may call it, on memory it owns.
public enum LargeBuffer {
    /// Smaller buffers are left alone.
    static let hugePageThreshold = 256 << 10
    static let pageSize = 4096

    /// Asks the kernel to back `byteCount` bytes at `base`, not yet touched, with
    /// transparent huge pages where the system allows it (`madvise` mode). Every page the
    /// buffer touches is advised, not only its 2 MiB-aligned interior: neighbouring buffers
    /// (the many columns of a profile set) then merge into one advised region that huge
    /// pages cover whole. Advice is only a hint; failure is harmless and ignored.
    @usableFromInline
    static func adviseHugePages(_ base: UnsafeMutableRawPointer, byteCount: Int) {
        #if os(Linux)
        guard byteCount >= hugePageThreshold else { return }
        let start = Int(bitPattern: base) & ~(pageSize - 1)
        let end = (Int(bitPattern: base) + byteCount + pageSize - 1) & ~(pageSize - 1)
        guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(pointer, end - start, MADV_HUGEPAGE)
        #endif
    }

    /// Buffers at least this large are made resident in parallel by `prepare`.
    static let prefaultThreshold = 8 << 20

    /// Prepares a fresh buffer that is about to be written whole: huge pages advised, and
    /// the pages made resident by all cores at once (`MADV_POPULATE_WRITE`, Linux 5.14+;
    /// the contents are not changed). Where the kernel refuses, the pages simply fault in
    /// on first write as usual.
    public static func prepare(_ base: UnsafeMutableRawPointer, byteCount: Int, threads: Int = ThreadCount.available) {
        adviseHugePages(base, byteCount: byteCount)
        #if os(Linux)
        guard byteCount >= prefaultThreshold else { return }
        let start = Int(bitPattern: base) & ~(pageSize - 1)
        let end = (Int(bitPattern: base) + byteCount + pageSize - 1) & ~(pageSize - 1)
        let parts = max(1, min(threads, 8))
        // Part boundaries on 2 MiB, so that no huge page is split between two threads.
        let step = ((end - start) / parts + (2 << 20) - 1) & ~((2 << 20) - 1)
        Parallel.forEach(count: parts, threads: parts) { p in
            let lo = start + p * step, hi = min(end, lo + step)
            guard hi > lo, let pointer = UnsafeMutableRawPointer(bitPattern: lo) else { return }
            _ = madvise(pointer, hi - lo, populateWrite)
        }
        #endif
    }

    #if os(Linux)
    /// `MADV_POPULATE_WRITE` (not in every libc's headers).
    static let populateWrite: Int32 = 23
    #endif

    /// `count` columns of `rows` elements set to `initial`: `body` fills them through
    /// pointers (from several threads if it likes, on disjoint rows), and the columns are
    /// returned as arrays without a copy. For the evaluator's result columns (its rows
    /// blocks write disjoint rows); inlinable, so that it is specialized for `T`.
    @inlinable
    public static func columns<T>(
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
