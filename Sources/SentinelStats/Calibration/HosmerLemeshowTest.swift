#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// The Hosmer-Lemeshow goodness-of-fit test. **Legacy**: reported for comparison with older
/// papers only; its result depends on the arbitrary grouping and it has low power. Prefer the
/// calibration slope, calibration-in-the-large, ICI and the calibration curve.
///
/// Implementation: R `ResourceSelection::hoslem.test(y, p, g)` (the common R implementation).
/// Groups are cut at the k/g quantiles of p (R type 7 / numpy linear, the same edges as
/// `CalibrationCurve`), coinciding edges merged, intervals (edgeₖ, edgeₖ₊₁] with the first
/// closed; the statistic is Σ over groups and both outcomes of (observed − expected)² /
/// expected, with expected events Σp and non-events Σ(1 − p); df = g − 2 as ResourceSelection
/// uses (even when ties merge groups: see `groups`); p = P(χ²_df > statistic).
public struct HosmerLemeshowTest: Codable, Sendable, Equatable {
    /// The chi-square statistic.
    public let statistic: Double
    /// Degrees of freedom, g − 2.
    public let degreesOfFreedom: Int
    /// Upper-tail chi-square p-value.
    public let p: Double
    /// Non-empty groups actually formed (fewer than g when tied predictions merge groups).
    public let groups: Int

    public init(statistic: Double, degreesOfFreedom: Int, p: Double, groups: Int) {
        self.statistic = statistic
        self.degreesOfFreedom = degreesOfFreedom
        self.p = p
        self.groups = groups
    }

    /// Computes the test with `groups` quantile groups (default 10).
    /// - Throws: `CalibrationError` for invalid input, g < 3, fewer than 2 distinct groups (e.g.
    ///   constant predictions), or a group whose expected events or non-events are 0 (all its
    ///   predictions are 0 or all are 1), where the statistic is undefined.
    public static func compute(probabilities: [Double], labels: [Bool], groups: Int = 10) throws -> HosmerLemeshowTest {
        try compute(CalibrationInput(probabilities: probabilities, labels: labels), groups: groups)
    }

    static func compute(_ input: CalibrationInput, groups g: Int) throws -> HosmerLemeshowTest {
        guard g >= 3 else {
            throw CalibrationError.invalidParameter(name: "groups", value: Double(g), requirement: "at least 3 (df = g - 2)")
        }
        let bins = try CalibrationCurve.quantileBins(input, binCount: g, level: 0.95).filter { $0.count > 0 }
        guard bins.count >= 2 else {
            throw CalibrationError.undefined(statistic: "Hosmer-Lemeshow", reason: "the predictions form fewer than 2 distinct groups")
        }
        var statistic = 0.0
        for bin in bins {
            let n = Double(bin.count)
            let expectedEvents = (bin.meanPredicted ?? 0) * n
            let expectedNonEvents = n - expectedEvents
            guard expectedEvents > 0, expectedNonEvents > 0 else {
                throw CalibrationError.undefined(statistic: "Hosmer-Lemeshow",
                                                 reason: "a group has zero expected events or non-events (predictions of exactly 0 or 1)")
            }
            let observed = Double(bin.events)
            let d = observed - expectedEvents
            statistic += d * d / expectedEvents + d * d / expectedNonEvents
        }
        let df = g - 2
        return HosmerLemeshowTest(statistic: statistic, degreesOfFreedom: df,
                                  p: chiSquareSurvival(statistic, degreesOfFreedom: df), groups: bins.count)
    }

    /// P(χ²_k > x) for integer k ≥ 1 by the closed-form series: for even k,
    /// e^(−x/2) Σ_{j<k/2} (x/2)^j / j!; for odd k, 2Φ(−√x) + e^(−x/2) Σ_{j=1}^{(k−1)/2}
    /// x^(j−½) / (√(π/2) · 1·3···(2j−1)). Terms are summed in log space (no overflow).
    static func chiSquareSurvival(_ x: Double, degreesOfFreedom k: Int) -> Double {
        guard x > 0 else { return 1 }
        let half = x / 2
        var total = 0.0
        if k % 2 == 0 {
            for j in 0..<(k / 2) {
                total += exp(-half + Double(j) * log(half) - lgamma(Double(j) + 1))
            }
        } else {
            total = 2 * Normal.survival(x.squareRoot())
            var logDoubleFactorial = 0.0  // log(1·3···(2j−1))
            for j in stride(from: 1, through: (k - 1) / 2, by: 1) {
                logDoubleFactorial += log(Double(2 * j - 1))
                total += exp(-half + (Double(j) - 0.5) * log(x) - logDoubleFactorial - 0.5 * log(Double.pi / 2))
            }
        }
        return min(1, total)
    }
}
