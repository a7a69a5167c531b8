#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// The standard normal distribution.
///
/// `cdf` and `survival` are computed from the C library's `erfc`, which is accurate to a
/// few ulps over the whole line, so upper tails keep full relative precision (no
/// cancellation in 1 - Φ). `quantile` starts from a rational approximation and is refined
/// by Halley steps on `erfc`, so it agrees with scipy `norm.ppf` to ~1e-15 relative.
public enum Normal {
    /// Φ(x) = P(Z ≤ x).
    public static func cdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        return 0.5 * erfc(-x / 2.0.squareRoot())
    }

    /// 1 - Φ(x) = P(Z > x), accurate in the far upper tail.
    public static func survival(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        return 0.5 * erfc(x / 2.0.squareRoot())
    }

    /// The density φ(x).
    public static func pdf(_ x: Double) -> Double {
        exp(-0.5 * x * x) / (2 * Double.pi).squareRoot()
    }

    /// Two-sided p-value of a z statistic: 2 · P(Z > |z|).
    public static func twoSidedP(_ z: Double) -> Double {
        if z.isNaN { return .nan }
        return min(1, 2 * survival(abs(z)))
    }

    /// Φ⁻¹(p) for p in [0, 1]; ±∞ at the ends, NaN outside.
    public static func quantile(_ p: Double) -> Double {
        if p.isNaN || p < 0 || p > 1 { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        // Work in the tail nearer to p so that the target probability keeps its precision.
        let lower = p < 0.5
        let q = lower ? p : 1 - p
        var x = initialLowerTail(q)  // x < 0 approximates Φ⁻¹(q)
        for _ in 0..<3 {
            let f = cdf(x) - q
            let d = pdf(x)
            guard d > 0 else { break }
            let step = f / d
            // Halley: x ← x - step / (1 + x·step/2)
            x -= step / (1 + 0.5 * x * step)
        }
        if !lower {
            // For p > 0.5 refine directly against the survival function of -x.
            var y = -x
            let target = 1 - p
            for _ in 0..<2 {
                let f = survival(y) - target
                let d = pdf(y)
                guard d > 0 else { break }
                let step = -f / d
                y -= step / (1 + 0.5 * y * step)
            }
            return y
        }
        return x
    }

    /// Acklam's rational approximation of the lower-tail quantile (relative error < 1.2e-9),
    /// used only as the starting point of the Halley refinement.
    private static func initialLowerTail(_ p: Double) -> Double {
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                 -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                 3.754408661907416e+00]
        let pLow = 0.02425
        if p < pLow {
            let q = (-2 * log(p)).squareRoot()
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        let q = p - 0.5
        let r = q * q
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
            / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    }
}
