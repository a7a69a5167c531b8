#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// Log-gamma, log-beta and the regularized incomplete gamma and beta functions.
///
/// Written for full relative precision in both tails (pinned against scipy.special to
/// 1e-12 relative, Tests/Fixtures/stats-tests/make_distributions.py):
/// - the power prefactors `x^a e^{-x} / Γ(a+1)` and `x^a y^b / B(a, b)` are evaluated with
///   Stirling-corrected forms and `log1p`-based residuals when the parameters are large, so
///   no large logarithms cancel (the classic `exp(a log x - lgamma(a) ...)` loses
///   `|a log x| · ε` and is used only for small parameters);
/// - the series / continued fraction (modified Lentz) is evaluated for whichever tail it
///   converges fast on, and the other tail is its complement, so each call returns both
///   tails and the smaller one is always computed directly.
public enum SpecialFunctions {
    /// log Γ(x) for x > 0 (C library `lgamma`, accurate to a few ulps).
    public static func logGamma(_ x: Double) -> Double {
        lgamma(x)
    }

    /// log B(a, b) = log Γ(a) + log Γ(b) - log Γ(a + b) for a, b > 0, without the
    /// cancellation of the naive sum when a or b is large (R `lbeta`'s scheme).
    public static func logBeta(_ a: Double, _ b: Double) -> Double {
        let p = min(a, b), q = max(a, b)
        if p.isNaN || p <= 0 { return .nan }
        if p >= 10 {
            let corr = stirlingCorrection(p) + stirlingCorrection(q) - stirlingCorrection(p + q)
            return -0.5 * log(q) + logSqrt2Pi + corr + (p - 0.5) * log(p / (p + q))
                + q * log1p(-p / (p + q))
        }
        if q >= 10 {
            let corr = stirlingCorrection(q) - stirlingCorrection(p + q)
            return lgamma(p) + corr + p - p * log(p + q) + (q - 0.5) * log1p(-p / (p + q))
        }
        return lgamma(p) + lgamma(q) - lgamma(p + q)
    }

    /// Regularized lower and upper incomplete gamma functions
    /// P(a, x) = γ(a, x)/Γ(a) and Q(a, x) = 1 - P(a, x), for a > 0, x ≥ 0
    /// (scipy.special `gammainc` / `gammaincc`). NaN for invalid arguments.
    public static func regularizedGamma(_ a: Double, _ x: Double) -> (lower: Double, upper: Double) {
        if a.isNaN || x.isNaN || a <= 0 || x < 0 { return (.nan, .nan) }
        if x == 0 { return (0, 1) }
        if x.isInfinite { return (1, 0) }
        if a.isInfinite { return (0, 1) }
        let front = gammaPowerTerm(a, x)  // x^a e^-x / Γ(a+1)
        if front == 0 {
            return x < a ? (0, 1) : (1, 0)
        }
        if x < a + 1 {
            let p = min(1, front * gammaSeries(a, x))
            return (p, 1 - p)
        }
        let q = min(1, front * a * gammaContinuedFraction(a, x))
        return (1 - q, q)
    }

    /// P(a, x), the regularized lower incomplete gamma function (scipy `gammainc`).
    public static func regularizedGammaP(_ a: Double, _ x: Double) -> Double {
        regularizedGamma(a, x).lower
    }

    /// Q(a, x) = 1 - P(a, x), computed directly in its tail (scipy `gammaincc`).
    public static func regularizedGammaQ(_ a: Double, _ x: Double) -> Double {
        regularizedGamma(a, x).upper
    }

    /// Regularized incomplete beta I_x(a, b) (scipy.special `betainc`) and its complement
    /// 1 - I_x(a, b) = I_{1-x}(b, a), for a, b > 0 and 0 ≤ x ≤ 1. NaN for invalid arguments.
    public static func regularizedBeta(_ a: Double, _ b: Double, _ x: Double) -> (lower: Double, upper: Double) {
        if x.isNaN || x < 0 || x > 1 { return (.nan, .nan) }
        return regularizedBeta(a, b, x: x, y: 1 - x)
    }

    /// I_x(a, b) with both x and y = 1 - x supplied by the caller, so that a caller who
    /// knows y more precisely than `1 - x` (e.g. the t distribution) keeps it.
    static func regularizedBeta(_ a: Double, _ b: Double, x: Double, y: Double) -> (lower: Double, upper: Double) {
        if a.isNaN || b.isNaN || a <= 0 || b <= 0 || x.isNaN || y.isNaN { return (.nan, .nan) }
        if x <= 0 { return (0, 1) }
        if y <= 0 { return (1, 0) }
        // Large a, small b, x near 1 but below the mean (the t distribution at large ν):
        // the continued fraction for I_x(a, b) cancels there, the asymptotic expansion
        // does not.
        if a >= 15, b <= 10, x > 0.5, x < (a + 1) / (a + b + 2) {
            let p = min(1, largeASmallB(a, b, x: x, y: y))
            return (p, 1 - p)
        }
        if b >= 15, a <= 10, y > 0.5, y < (b + 1) / (a + b + 2) {
            let q = min(1, largeASmallB(b, a, x: y, y: x))
            return (1 - q, q)
        }
        if x < (a + 1) / (a + b + 2) {
            let front = betaPowerTerm(a, b, x: x, y: y)
            let p = min(1, front * betaContinuedFraction(a, b, x: x, y: y) / a)
            return (p, 1 - p)
        }
        let front = betaPowerTerm(b, a, x: y, y: x)
        let q = min(1, front * betaContinuedFraction(b, a, x: y, y: x) / b)
        return (1 - q, q)
    }

    // MARK: - Building blocks

    static let logSqrt2Pi = 0.918938533204672741780329736406  // log √(2π)
    private static let tiny = 1e-300
    private static let tolerance = 2.5e-16
    private static let maxIterations = 1_000_000

    /// z - log(1 + z) for z > -1, accurate near 0 (rlog1 in TOMS 708).
    static func rlog1(_ z: Double) -> Double {
        if abs(z) > 0.3 { return z - log1p(z) }
        // log(1+z) = 2 atanh(r), r = z/(2+z); z - 2r = r·z.
        let r = z / (2 + z)
        let r2 = r * r
        var term = r * r2
        var sum = 0.0
        var k = 3.0
        while true {
            let next = sum + term / k
            if next == sum { break }
            sum = next
            term *= r2
            k += 2
        }
        return r * z - 2 * sum
    }

    /// Exact Stirling corrections δ(n) for n = 1...30 (mpmath, 20 digits).
    private static let stirlingTable: [Double] = [
        0.08106146679532725822, 0.041340695955409294094, 0.027677925684998339149,
        0.020790672103765093112, 0.016644691189821192163, 0.013876128823070747999,
        0.011896709945891770095, 0.010411265261972096497, 0.0092554621827127329177,
        0.0083305634333628712565, 0.007573675487951840795, 0.0069428401072095298657,
        0.0064089941880042070684, 0.0059513701127588477356, 0.005554733551962801371,
        0.0052076559196096404407, 0.0049013959484347378607, 0.0046291537493340285924,
        0.0043855602492323242683, 0.0041663196919969224575, 0.0039679542186408596173,
        0.0037876180684444345779, 0.0036229602246830947074, 0.0034720213829787669629,
        0.0033331556367280928758, 0.0032049702280550380112, 0.0030862786826087770633,
        0.002976063983550408826, 0.0028734493623524663876, 0.0027776749297526936036,
    ]

    /// Stirling correction δ(z) = log Γ(z+1) - (z + ½) log z + z - log √(2π), for z > 0.
    /// Exact table at integers up to 30, asymptotic series (error < 1e-17) for z ≥ 10,
    /// the direct difference otherwise.
    static func stirlingCorrection(_ z: Double) -> Double {
        if z <= 30, z == z.rounded(), z >= 1 { return stirlingTable[Int(z) - 1] }
        if z >= 10 {
            let zz = 1 / (z * z)
            let s = 1.0 / 12 - zz * (1.0 / 360 - zz * (1.0 / 1260 - zz * (1.0 / 1680 - zz * (1.0 / 1188
                - zz * (691.0 / 360360 - zz * (1.0 / 156 - zz * 3617.0 / 122400))))))
            return s / z
        }
        return lgamma(z + 1) - (z + 0.5) * log(z) + z - logSqrt2Pi
    }

    /// x^a e^{-x} / Γ(a + 1), without cancellation for large a.
    static func gammaPowerTerm(_ a: Double, _ x: Double) -> Double {
        if a >= 10 {
            // a log(x/a) + a - x, as -a·rlog1(z) near x = a where the two parts cancel.
            let z = (x - a) / a
            let exponent = abs(z) < 0.3 ? -a * rlog1(z) : a * log(x / a) + a - x
            return exp(exponent - stirlingCorrection(a)) / (2 * Double.pi * a).squareRoot()
        }
        return exp(a * log(x) - x - lgamma(a + 1))
    }

    /// Σ_{n≥0} x^n / ((a+1)···(a+n)), so that P(a, x) = gammaPowerTerm · series.
    private static func gammaSeries(_ a: Double, _ x: Double) -> Double {
        var term = 1.0, sum = 1.0, ap = a
        for _ in 0..<maxIterations {
            ap += 1
            term *= x / ap
            sum += term
            if term <= sum * 1e-17 { break }
        }
        return sum
    }

    /// Continued fraction for Q(a, x)·Γ(a)·e^x·x^{-a} (modified Lentz), x ≥ a + 1.
    private static func gammaContinuedFraction(_ a: Double, _ x: Double) -> Double {
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        for i in 1...maxIterations {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) <= tolerance { break }
        }
        return h
    }

    /// I_x(a, b) for a ≥ 15, b ≤ 10 and ½ < x < (a+1)/(a+b+2) (the lower tail, where the mass sits near 1)
    /// by the asymptotic expansion in incomplete gamma functions of DiDonato & Morris
    /// (1992, TOMS 708, eqs. 9-9.6): I_x(a, b) = [u^b e^{-u} / (B(a, b) T^b)] Σ p_n J_n,
    /// with T = a + (b-1)/2, u = -T log x, J_0 = Q(b, u) Γ(b) e^u u^{-b}; b > 1 is first
    /// reduced to (0, 1] by the positive upward recurrence in b.
    private static func largeASmallB(_ a: Double, _ b: Double, x: Double, y: Double) -> Double {
        if b > 1 {
            // I_x(a, b0 + n) = I_x(a, b0) + Σ_{k<n} x^a y^{b0+k} / ((b0+k) B(a, b0+k)), b0 ∈ (0, 1].
            let n = Int((b - 1).rounded(.up))
            let b0 = b - Double(n)
            var sum = largeASmallB(a, b0, x: x, y: y)
            for k in 0..<n {
                let bk = b0 + Double(k)
                sum += betaPowerTerm(a, bk, x: x, y: y) / bk
            }
            return sum
        }
        let t = a + 0.5 * (b - 1)
        let lx = y < 0.35 ? log1p(-y) : log(x)
        let u = -t * lx
        let prefix = exp(b * log(u / t) - u - logBeta(a, b))
        if prefix == 0 { return 0 }
        var j = scaledUpperGamma(b, u)
        var sum = prefix * j
        var p = [Double](repeating: 0, count: 30)
        p[0] = 1
        // (2m+1)! for m = 0...
        var oddFactorials = [Double](repeating: 1, count: 32)
        for m in 1..<32 { oddFactorials[m] = oddFactorials[m - 1] * Double(2 * m) * Double(2 * m + 1) }
        let lx2 = (0.5 * lx) * (0.5 * lx)
        var lxPower = 1.0
        let t4 = 4 * t * t
        var b2n = b
        for n in 1..<30 {
            var pn = 0.0
            for m in 1..<n {
                pn += (Double(m) * b - Double(n)) * p[n - m] / oddFactorials[m]
            }
            pn = pn / Double(n) + (b - 1) / oddFactorials[n]
            p[n] = pn
            j = (b2n * (b2n + 1) * j + (u + b2n + 1) * lxPower) / t4
            lxPower *= lx2
            b2n += 2
            let term = prefix * pn * j
            sum += term
            if abs(term) <= abs(sum) * 1e-17 { break }
        }
        return sum
    }

    /// Q(b, u) Γ(b) e^u u^{-b}, without under/overflow for large u.
    private static func scaledUpperGamma(_ b: Double, _ u: Double) -> Double {
        if u >= b + 1 { return gammaContinuedFraction(b, u) }
        let q = regularizedGamma(b, u).upper
        return q / (gammaPowerTerm(b, u) * b)
    }

    /// x^a y^b / B(a, b) with y = 1 - x, without cancellation for large a, b.
    static func betaPowerTerm(_ a: Double, _ b: Double, x: Double, y: Double) -> Double {
        if min(a, b) >= 10 {
            // e = a - (a+b)x = (a+b)y - b; x(a+b)/a = 1 - e/a, y(a+b)/b = 1 + e/b.
            let e = x <= 0.5 ? a - (a + b) * x : (a + b) * y - b
            // a log(x(a+b)/a) + b log(y(a+b)/b); the linear parts ∓e cancel exactly, so each
            // log is taken as -rlog1 near 1 and directly (with its ∓e) away from 1.
            let partA = abs(e / a) < 0.3 ? -a * rlog1(-e / a) : a * log(x * ((a + b) / a)) + e
            let partB = abs(e / b) < 0.3 ? -b * rlog1(e / b) : b * log(y * ((a + b) / b)) - e
            let exponent = partA + partB
            let corr = stirlingCorrection(a + b) - stirlingCorrection(a) - stirlingCorrection(b)
            return (a * b / (2 * Double.pi * (a + b))).squareRoot() * exp(exponent + corr)
        }
        let logX = x <= 0.5 ? log(x) : log1p(-y)
        let logY = y <= 0.5 ? log(y) : log1p(-x)
        return exp(a * logX + b * logY - logBeta(a, b))
    }

    /// Continued fraction of I_x(a, b)·a / (x^a y^b / B(a, b)) (modified Lentz),
    /// converging fast for x < (a + 1)/(a + b + 2).
    private static func betaContinuedFraction(_ a: Double, _ b: Double, x: Double, y: Double) -> Double {
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0
        // 1 - (a+b)x/(a+1), formed from y when x is near 1 (it cancels there for large a).
        var d = x > 0.5 ? (1 - b + qab * y) / qap : 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...maxIterations {
            let dm = Double(m), m2 = 2 * Double(m)
            var aa = dm * (b - dm) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + dm) * (qab + dm) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) <= tolerance { break }
        }
        return h
    }
}
