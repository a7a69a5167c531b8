#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// A binomial proportion successes / trials with its Wilson score confidence interval.
///
/// The interval is statsmodels `proportion_confint(successes, trials, alpha = 1 − level,
/// method = "wilson")`: with z = Φ⁻¹(1 − (1 − level)/2), p̂ = successes / trials,
/// centre = (p̂ + z²/(2n)) / (1 + z²/n), half-width = z·√(p̂(1 − p̂)/n + z²/(4n²)) / (1 + z²/n),
/// bounds clipped to [0, 1].
///
/// 0/0 (e.g. PPV when nobody is called positive): `estimate` and `interval` are `nil`
/// (encoded as absent keys), never NaN.
public struct Proportion: Codable, Sendable, Equatable {
    /// Numerator.
    public let successes: Int
    /// Denominator.
    public let trials: Int
    /// successes / trials, or nil when trials == 0.
    public let estimate: Double?
    /// Wilson score interval, or nil when trials == 0.
    public let interval: ConfidenceInterval?

    /// - Throws: `StatsError` if counts are negative, successes > trials, or the level is
    ///   outside (0, 1).
    public init(successes: Int, trials: Int, level: Double = 0.95) throws {
        try StatsError.validate(level: level)
        guard successes >= 0, trials >= successes else {
            throw StatsError.invalidParameter(name: "successes/trials", value: "\(successes)/\(trials)",
                                              requirement: "need 0 <= successes <= trials")
        }
        self.successes = successes
        self.trials = trials
        guard trials > 0 else {
            estimate = nil
            interval = nil
            return
        }
        estimate = Double(successes) / Double(trials)
        let bounds = Self.wilsonBounds(successes: successes, trials: trials, level: level)
        interval = ConfidenceInterval(lower: bounds.lower, upper: bounds.upper, level: level)
    }

    /// The Wilson score interval of `successes` out of `trials` (> 0) at confidence `level`, as
    /// statsmodels `proportion_confint(method="wilson")`, clamped to [0, 1]. The bound at an
    /// edge is exact: 0 successes give a lower bound of exactly 0 and `trials` successes an upper
    /// bound of exactly 1 (the formula's two terms cancel there; in floating point they leave
    /// ~1e-17).
    public static func wilsonBounds(successes: Int, trials: Int, level: Double) -> (lower: Double, upper: Double) {
        let n = Double(trials)
        let q = Double(successes) / n
        let crit = Normal.quantile(1 - (1 - level) / 2)
        let crit2 = crit * crit
        let denominator = 1 + crit2 / n
        let centre = (q + crit2 / (2 * n)) / denominator
        let half = crit * (q * (1 - q) / n + crit2 / (4 * n * n)).squareRoot() / denominator
        let lower = successes == 0 ? 0 : min(1, max(0, centre - half))
        let upper = successes == trials ? 1 : min(1, max(0, centre + half))
        return (lower, max(lower, upper))
    }
}
