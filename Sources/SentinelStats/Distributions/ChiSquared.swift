#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// The chi-square distribution with k > 0 degrees of freedom (k may be fractional).
///
/// cdf(x) = P(k/2, x/2) and survival(x) = Q(k/2, x/2) through
/// `SpecialFunctions.regularizedGamma`, each tail computed directly (matches
/// scipy.stats.chi2 to 1e-12 relative, from 1e-300 tails to k = 1e6). NaN for k ≤ 0 or
/// NaN input; x ≤ 0 has cdf 0.
public enum ChiSquared {
    /// P(X ≤ x).
    public static func cdf(_ x: Double, degreesOfFreedom k: Double) -> Double {
        if x.isNaN || k.isNaN || k <= 0 { return .nan }
        if x <= 0 { return 0 }
        return SpecialFunctions.regularizedGamma(0.5 * k, 0.5 * x).lower
    }

    /// P(X > x), accurate in the far upper tail.
    public static func survival(_ x: Double, degreesOfFreedom k: Double) -> Double {
        if x.isNaN || k.isNaN || k <= 0 { return .nan }
        if x <= 0 { return 1 }
        return SpecialFunctions.regularizedGamma(0.5 * k, 0.5 * x).upper
    }

    /// The density at x (0 for x < 0).
    public static func pdf(_ x: Double, degreesOfFreedom k: Double) -> Double {
        if x.isNaN || k.isNaN || k <= 0 { return .nan }
        if x < 0 || x.isInfinite { return 0 }
        let a = 0.5 * k
        if x == 0 { return a < 1 ? .infinity : (a == 1 ? 0.5 : 0) }
        return SpecialFunctions.gammaPowerTerm(a, 0.5 * x) * a / x
    }

    /// The quantile: the x with P(X ≤ x) = p, for p in [0, 1] (0 and +∞ at the ends).
    public static func quantile(_ p: Double, degreesOfFreedom k: Double) -> Double {
        if p.isNaN || k.isNaN || k <= 0 || p < 0 || p > 1 { return .nan }
        if p == 0 { return 0 }
        if p == 1 { return .infinity }
        let guess = initialGuess(p, k)
        if p < 0.5 {
            return TailInversion.solve(
                target: p, initial: guess, increasing: true,
                tail: { cdf($0, degreesOfFreedom: k) }, density: { pdf($0, degreesOfFreedom: k) })
        }
        return TailInversion.solve(
            target: 1 - p, initial: guess, increasing: false,
            tail: { survival($0, degreesOfFreedom: k) }, density: { pdf($0, degreesOfFreedom: k) })
    }

    /// Wilson-Hilferty, or the small-x power law P ≈ (x/2)^a / Γ(a+1) in the lower tail.
    private static func initialGuess(_ p: Double, _ k: Double) -> Double {
        let z = Normal.quantile(p)
        let h = 2 / (9 * k)
        let c = 1 - h + z * h.squareRoot()
        let wh = k * c * c * c
        if wh.isFinite && wh > 0 && c > 0.2 { return wh }
        let a = 0.5 * k
        return 2 * exp((log(p) + lgamma(a + 1)) / a)
    }
}
