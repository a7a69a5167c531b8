import Dispatch

/// Order-preserving parallel map over `0..<count`: element i is `transform(i)` whatever the
/// thread count, so results are deterministic. Runs serially when `parallel` is false or
/// there is a single element.
enum ParallelMap {
    static func map<T: Sendable>(count: Int, parallel: Bool = true,
                                 _ transform: @Sendable (Int) -> T) -> [T] {
        guard parallel, count > 1 else { return (0..<count).map(transform) }
        let slots = Slots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { i in
            slots.set(i, transform(i))
        }
        return slots.values()
    }

    /// Write-once storage filled concurrently at distinct indices.
    private final class Slots<T>: @unchecked Sendable {
        private var storage: [T?]
        private let lock = DispatchQueue(label: "sentinel.parallel-map")

        init(count: Int) { storage = [T?](repeating: nil, count: count) }

        func set(_ i: Int, _ value: T) {
            lock.sync { storage[i] = value }
        }

        func values() -> [T] { storage.compactMap { $0 } }
    }
}
