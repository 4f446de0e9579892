/// A fixed-size buffer of plain values for one thread's hot loop: the field starts of the
/// CSV row being scanned (`CSVRowScanner`), written once per field of a 200 MB file.
///
/// Unlike an array it is a reference, so writing an element is a bounds check and a
/// store, without the uniqueness check of copy-on-write (which the optimizer cannot lift
/// out of a scanning loop, and which doubled the cost of recording a field). Its size is
/// fixed (no exclusivity checks either); `grown` makes a larger copy.
///
/// Contract: every access is bounds-checked. Not `Sendable`: one thread owns it; copies
/// of a value holding it share it.
public final class ScratchBuffer<Element: BitwiseCopyable> {
    @usableFromInline let base: UnsafeMutablePointer<Element>
    /// Elements held (all initialized).
    public let count: Int

    /// `count` elements set to `value`.
    public init(repeating value: Element, count: Int) {
        precondition(count >= 0, "negative count")
        self.count = count
        base = .allocate(capacity: Swift.max(1, count))
        base.initialize(repeating: value, count: count)
    }

    deinit { base.deallocate() }

    @inlinable
    public subscript(i: Int) -> Element {
        @inline(__always) get {
            precondition(UInt(bitPattern: i) < UInt(bitPattern: count), "index out of range")
            return base[i]
        }
        @inline(__always) set {
            precondition(UInt(bitPattern: i) < UInt(bitPattern: count), "index out of range")
            base[i] = newValue
        }
    }

    /// A copy with twice the room (at least one element), the new elements set to `value`.
    public func grown(repeating value: Element) -> ScratchBuffer {
        let bigger = ScratchBuffer(repeating: value, count: Swift.max(1, 2 * count))
        bigger.base.update(from: base, count: count)
        return bigger
    }
}
