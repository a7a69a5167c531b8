import Dispatch

/// Ordered parallel map for the pipeline's independent fits (feature sets, models,
/// cross-fitting folds). Every item derives its own seed from its index, so results are
/// identical to a sequential loop whatever the number of threads; on failure the error of
/// the lowest failing index is thrown (the one a sequential loop would throw first).
enum ConcurrentMap {
    static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) throws -> T) throws -> [T] {
        guard count > 1 else { return try (0..<count).map(body) }
        let slots = Slots<Result<T, Error>>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { i in
            slots.set(i, Result { try body(i) })
        }
        return try slots.values().map { try $0!.get() }
    }

    /// `map` for a body that cannot fail.
    static func values<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(body) }
        let slots = Slots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { i in slots.set(i, body(i)) }
        return slots.values().map { $0! }
    }

    /// Lock-protected result slots.
    final class Slots<Value>: @unchecked Sendable {
        private var slots: [Value?]
        private let lock = NSLockLite()
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ value: Value) { lock.withLock { slots[i] = value } }
        func values() -> [Value?] { lock.withLock { slots } }
        func get(_ i: Int) -> Value? { lock.withLock { slots[i] } }
    }
}
