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
/// closed, exactly R `cut(p, unique(quantile(p, 0:g/g)), include.lowest = TRUE)`; the
/// statistic is Σ over groups and both outcomes of (observed − expected)² / expected, with
/// expected events Σp and non-events Σ(1 − p); df = g − 2 as ResourceSelection uses (even when
/// ties merge groups: see `groups`); p = P(χ²_df > statistic). One deliberate difference:
/// groups with no patients (possible only when n is small relative to g) are skipped, where
/// `hoslem.test` returns NaN.
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
        guard g >= 3, g <= CalibrationCurve.maximumBinCount else {
            throw CalibrationError.invalidParameter(name: "groups", value: Double(g),
                                                    requirement: "between 3 (df = g - 2) and \(CalibrationCurve.maximumBinCount)")
        }
        let groupsFormed = groupCounts(input, groups: g)
        guard groupsFormed.count >= 2 else {
            throw CalibrationError.undefined(statistic: "Hosmer-Lemeshow", reason: "the predictions form fewer than 2 distinct groups")
        }
        var statistic = 0.0
        for group in groupsFormed {
            let expectedEvents = group.sumPredicted
            let expectedNonEvents = Double(group.count) - group.sumPredicted
            guard expectedEvents > 0, expectedNonEvents > 0 else {
                throw CalibrationError.undefined(statistic: "Hosmer-Lemeshow",
                                                 reason: "a group has zero expected events or non-events (predictions of exactly 0 or 1)")
            }
            let d = Double(group.events) - expectedEvents
            statistic += d * d / expectedEvents + d * d / expectedNonEvents
        }
        let df = g - 2
        return HosmerLemeshowTest(statistic: statistic, degreesOfFreedom: df,
                                  p: chiSquareSurvival(statistic, degreesOfFreedom: df), groups: groupsFormed.count)
    }

    /// The non-empty groups of R `cut(p, unique(quantile(p, 0:g / g)), include.lowest = TRUE)`:
    /// with distinct edges u₀ < … < u_m, group 0 is [u₀, u₁] and group j is (uⱼ, uⱼ₊₁].
    /// (Unlike `CalibrationCurve`'s bins, a tied minimum does not get a group of its own.)
    static func groupCounts(_ input: CalibrationInput, groups g: Int) -> [(count: Int, events: Int, sumPredicted: Double)] {
        let order = input.order
        let sorted = input.sortedProbabilities
        var edges: [Double] = []
        for edge in CalibrationCurve.quantileEdges(sorted: sorted, binCount: g) where edges.last != edge {
            edges.append(edge)
        }
        var result: [(count: Int, events: Int, sumPredicted: Double)] = []
        var group = -1
        var upper = -Double.infinity
        for (rank, i) in order.enumerated() {
            let p = sorted[rank]
            if group < 0 || p > upper {
                var j = max(group, 0)
                while j + 2 < edges.count && edges[j + 1] < p { j += 1 }
                group = j
                upper = j + 1 < edges.count ? edges[j + 1] : .infinity
                result.append((0, 0, 0))
            }
            result[result.count - 1].count += 1
            result[result.count - 1].events += input.labels[i] ? 1 : 0
            result[result.count - 1].sumPredicted += p
        }
        return result
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
