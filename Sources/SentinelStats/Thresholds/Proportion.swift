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
        let n = Double(trials)
        let q = Double(successes) / n
        let crit = Normal.quantile(1 - (1 - level) / 2)
        let crit2 = crit * crit
        let denominator = 1 + crit2 / n
        let centre = (q + crit2 / (2 * n)) / denominator
        let half = crit * (q * (1 - q) / n + crit2 / (4 * n * n)).squareRoot() / denominator
        estimate = q
        interval = ConfidenceInterval(lower: min(1, max(0, centre - half)),
                                      upper: min(1, max(0, centre + half)), level: level)
    }
}
