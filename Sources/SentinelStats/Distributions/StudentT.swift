#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// Student's t distribution with ν > 0 degrees of freedom (ν may be fractional, as in
/// Welch's test).
///
/// `cdf` and `survival` use P(|T| > |t|) = I_x(ν/2, ½) with x = ν/(ν + t²) and
/// 1 - x = t²/(ν + t²) both formed without cancellation, so each tail keeps full relative
/// precision (matches scipy.stats.t to 1e-12 relative, including 1e-300 tails and
/// ν from 0.5 to 1e8). ν = +∞ gives the normal distribution. NaN for ν ≤ 0 or NaN input.
public enum StudentT {
    /// P(T ≤ t).
    public static func cdf(_ t: Double, degreesOfFreedom df: Double) -> Double {
        guard let tail = lowerTailOfAbsolute(t, df) else { return .nan }
        return t < 0 ? tail.tail : tail.complement
    }

    /// P(T > t), accurate in the far upper tail.
    public static func survival(_ t: Double, degreesOfFreedom df: Double) -> Double {
        guard let tail = lowerTailOfAbsolute(t, df) else { return .nan }
        return t > 0 ? tail.tail : tail.complement
    }

    /// Two-sided p-value 2·P(T > |t|).
    public static func twoSidedP(_ t: Double, degreesOfFreedom df: Double) -> Double {
        guard let tail = lowerTailOfAbsolute(t, df) else { return .nan }
        return min(1, 2 * tail.tail)
    }

    /// The density at t.
    public static func pdf(_ t: Double, degreesOfFreedom df: Double) -> Double {
        if t.isNaN || df.isNaN || df <= 0 { return .nan }
        if df.isInfinite { return Normal.pdf(t) }
        if t.isInfinite { return 0 }
        let r = (t / df.squareRoot()) * (t / df.squareRoot())
        return exp(-0.5 * (df + 1) * log1p(r) - 0.5 * log(df) - SpecialFunctions.logBeta(0.5 * df, 0.5))
    }

    /// The quantile: the t with P(T ≤ t) = p, for p in [0, 1] (±∞ at the ends, NaN outside).
    public static func quantile(_ p: Double, degreesOfFreedom df: Double) -> Double {
        if p.isNaN || df.isNaN || df <= 0 || p < 0 || p > 1 { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        if df.isInfinite { return Normal.quantile(p) }
        let q = p < 0.5 ? p : 1 - p  // exact for p ≥ 0.5
        let u = TailInversion.solve(
            target: q, initial: initialGuess(q, df), increasing: false,
            tail: { survival($0, degreesOfFreedom: df) }, density: { pdf($0, degreesOfFreedom: df) })
        return p < 0.5 ? -u : u
    }

    /// P(T < -|t|) and its complement, or nil for invalid arguments.
    private static func lowerTailOfAbsolute(_ t: Double, _ df: Double) -> (tail: Double, complement: Double)? {
        if t.isNaN || df.isNaN || df <= 0 { return nil }
        if df.isInfinite {
            let s = Normal.survival(abs(t))
            return (s, 1 - s)
        }
        if t.isInfinite { return (0, 1) }
        let a = abs(t)
        if a > 1e100 * max(1, df) {
            // x = ν/t² may underflow: I_x(ν/2, ½) = x^{ν/2} / ((ν/2) B(ν/2, ½)) · (1 + O(x)).
            let half = 0.5 * df
            let logX = log(df) - 2 * log(a)
            let tail = 0.5 * exp(half * logX - log(half) - SpecialFunctions.logBeta(half, 0.5))
            return (tail, 1 - tail)
        }
        let x: Double, y: Double  // x = ν/(ν+t²), y = t²/(ν+t²)
        if a * a > df {
            let r = (df / a) / a
            x = r / (1 + r)
            y = 1 / (1 + r)
        } else {
            let r = (a / df) * a
            x = 1 / (1 + r)
            y = r / (1 + r)
        }
        let ib = SpecialFunctions.regularizedBeta(0.5 * df, 0.5, x: x, y: y)
        return (0.5 * ib.lower, ib.upper + 0.5 * ib.lower)
    }

    /// Cornish-Fisher start from the normal quantile (the solver brackets from there).
    private static func initialGuess(_ q: Double, _ df: Double) -> Double {
        let z = -Normal.quantile(q)
        let z3 = z * z * z
        let guess = z + (z3 + z) / (4 * df) + (5 * z3 * z * z + 16 * z3 + 3 * z) / (96 * df * df)
        return guess.isFinite && guess > 0 ? guess : 1
    }
}
