/// A seeded pseudo-random generator that gives the same stream on every platform.
///
/// Algorithm: xoshiro256** (Blackman & Vigna 2018), its 256-bit state filled from the
/// 64-bit seed by SplitMix64, as the authors recommend. All randomness in Sentinel
/// (bootstrap resamples, fold assignment, SGD shuffling, simulation) flows through one
/// of these, passed in explicitly, so that the same seed gives byte-identical outputs.
///
/// Derived values use only integer arithmetic and exactly rounded IEEE operations:
/// - `nextDouble()` is the top 53 bits scaled by 2^-53, uniform on [0, 1);
/// - `nextInt(below:)` is Lemire's nearly-divisionless bounded draw (unbiased).
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    @usableFromInline internal var state: (UInt64, UInt64, UInt64, UInt64)

    /// Creates a generator whose stream is fully determined by `seed`.
    public init(seed: UInt64) {
        var sm = seed
        func splitMix() -> UInt64 {
            sm &+= 0x9E37_79B9_7F4A_7C15
            var z = sm
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        let result = rotl(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotl(state.3, 45)
        return result
    }

    /// A uniform double on [0, 1) with 53 random bits.
    @inlinable
    public mutating func nextDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform integer in `0..<bound` (Lemire 2019, unbiased). `bound` must be > 0.
    @inlinable
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let s = UInt64(bound)
        var m = next().multipliedFullWidth(by: s)
        if m.low < s {
            let threshold = (0 &- s) % s
            while m.low < threshold {
                m = next().multipliedFullWidth(by: s)
            }
        }
        return Int(m.high)
    }

    /// A standard normal deviate (Marsaglia polar method; deterministic given the stream).
    public mutating func nextGaussian() -> Double {
        while true {
            let u = 2 * nextDouble() - 1
            let v = 2 * nextDouble() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                return u * (-2 * _log(s) / s).squareRoot()
            }
        }
    }

    /// Fisher-Yates shuffle of `array` in place, drawing with `nextInt(below:)`.
    /// (Inlinable so that callers in other modules get it specialised for their element type:
    /// the generic version swaps through value witnesses, ~20x slower on `[Int]`.)
    @inlinable
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            let j = nextInt(below: i + 1)
            if i != j { array.swapAt(i, j) }
        }
    }

    /// An independent generator for sub-task `index`, so parallel work stays deterministic.
    public func derived(_ index: UInt64) -> SeededGenerator {
        var copy = self
        let a = copy.next()
        return SeededGenerator(seed: a ^ (index &* 0xD1B5_4A32_D192_ED03))
    }

    @inlinable
    internal func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }
}

#if canImport(Glibc)
import Glibc
private func _log(_ x: Double) -> Double { Glibc.log(x) }
#else
import Foundation
private func _log(_ x: Double) -> Double { Foundation.log(x) }
#endif
