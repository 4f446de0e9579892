/// A value handed to worker threads that only read it, or write disjoint parts of it
/// (row blocks); the code that creates it is responsible for that discipline.
///
/// Internal to RiskmapPlatform: the primitives that use it (`Parallel`, `ByteSink`) state
/// the discipline in their contracts, so that no other module needs it.
struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
