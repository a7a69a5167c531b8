import Foundation

/// Exact Mann-Whitney tail counts per (smaller, larger) sample size, shared and locked;
/// bounded to 64 entries (cleared when full).
final class ExactCountsCache: @unchecked Sendable {
    static let shared = ExactCountsCache()
    private let lock = NSLock()
    private var store: [Int: (lower: [Double], upper: [Double])] = [:]

    /// lower[u] = number of arrangements with U ≤ u, upper[u] = with U ≥ u.
    func tails(_ small: Int, _ large: Int) -> (lower: [Double], upper: [Double]) {
        let key = small << 32 | large
        lock.lock()
        if let known = store[key] {
            lock.unlock()
            return known
        }
        lock.unlock()
        let counts = HypothesisTests.exactCounts(nx: small, ny: large)
        var lower = counts, upper = counts
        for u in counts.indices.dropFirst() { lower[u] += lower[u - 1] }
        for u in counts.indices.reversed().dropFirst() { upper[u] += upper[u + 1] }
        lock.lock()
        if store.count >= 64 { store.removeAll() }
        store[key] = (lower, upper)
        lock.unlock()
        return (lower, upper)
    }
}
