import Foundation

/// Shapiro-Wilk weights per sample size, shared and locked; bounded to 64 entries (cleared
/// when full). They depend on n only, and feature screening tests thousands of samples of
/// the same two sizes, so each size's weights (normal quantiles) are computed once.
final class ShapiroCoefficientsCache: @unchecked Sendable {
    static let shared = ShapiroCoefficientsCache()
    private let lock = NSLock()
    private var store: [Int: (coefficients: [Double], mean: Double)] = [:]

    /// The full antisymmetric weight vector for a sorted sample of size `n` (see
    /// `HypothesisTests.shapiroWilk`) and its mean, exactly as computed without the cache.
    func weights(_ n: Int, compute: (Int) -> (coefficients: [Double], mean: Double)) -> (coefficients: [Double], mean: Double) {
        lock.lock()
        if let known = store[n] {
            lock.unlock()
            return known
        }
        lock.unlock()
        let value = compute(n)
        lock.lock()
        if store.count >= 64 { store.removeAll() }
        store[n] = value
        lock.unlock()
        return value
    }
}
