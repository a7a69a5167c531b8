#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// The bootstrap distribution of one statistic and its percentile confidence interval.
///
/// Percentile interval: the (1 − level)/2 and 1 − (1 − level)/2 sample quantiles of the
/// defined (non-NaN) replicate values, with the "linear" definition of numpy
/// `percentile(method="linear")` = R `quantile(type = 7)`: sort the v values x₀ ≤ … ≤ x_{v−1},
/// h = (v − 1)·q, and interpolate between x_⌊h⌋ and x_⌊h⌋+1 with numpy's lerp
/// (a + (b − a)·t for t < ½, b − (b − a)·(1 − t) otherwise, t = h − ⌊h⌋).
public struct BootstrapEstimate: Sendable {
    /// Value in each replicate, in replicate order; NaN where undefined (0/0 PPV or NPV).
    /// Not encoded (JSON has no NaN; the replicates can be regenerated from the seed).
    public let values: [Double]
    /// Number of replicates where the statistic is defined.
    public let validReplicates: Int
    /// Percentile interval; nil when no replicate is defined.
    public let interval: ConfidenceInterval?
    /// Standard deviation of the defined replicate values (denominator v − 1); nil when
    /// fewer than 2 are defined.
    public let standardError: Double?

    /// Summarises `values` (NaN = undefined) at confidence `level`.
    public init(values: [Double], level: Double) {
        self.values = values
        let defined = values.filter { !$0.isNaN }.sorted()
        validReplicates = defined.count
        if defined.isEmpty {
            interval = nil
        } else {
            let q = (1 - level) / 2
            interval = ConfidenceInterval(lower: Self.quantile(sorted: defined, q),
                                          upper: Self.quantile(sorted: defined, 1 - q), level: level)
        }
        if defined.count >= 2 {
            let mean = defined.reduce(0, +) / Double(defined.count)
            let ss = defined.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            standardError = (ss / Double(defined.count - 1)).squareRoot()
        } else {
            standardError = nil
        }
    }

    /// Type-7 quantile of ascending `sorted` (non-empty) at probability `q` in [0, 1].
    static func quantile(sorted x: [Double], _ q: Double) -> Double {
        let h = Double(x.count - 1) * q
        let lo = min(x.count - 1, max(0, Int(h.rounded(.down))))
        let hi = min(x.count - 1, lo + 1)
        let t = h - Double(lo)
        let a = x[lo]
        let b = x[hi]
        let diff = b - a
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t
    }
}
