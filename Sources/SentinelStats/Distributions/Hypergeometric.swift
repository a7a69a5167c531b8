#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// The hypergeometric distribution: the number of successes in `draws` draws without
/// replacement from a population of `population` items of which `successes` are successes
/// (scipy.stats.hypergeom(M = population, n = successes, N = draws)).
///
/// The pmf uses Loader's saddle-point form (as R `dhyper`: binomial densities built from
/// Stirling corrections and the deviance term bd0), which keeps full relative precision
/// for populations far beyond factorial range; the cdf and survival sum the pmf from the
/// nearer end by the ratio recurrence, so both tails are accurate (1e-12 relative vs
/// scipy). Invalid parameters (negative, successes or draws > population) give NaN.
public enum Hypergeometric {
    /// P(X = k).
    public static func pmf(_ k: Int, population: Int, successes: Int, draws: Int) -> Double {
        guard valid(population, successes, draws) else { return .nan }
        let lowK = max(0, draws - (population - successes)), highK = min(draws, successes)
        if k < lowK || k > highK { return 0 }
        if draws == 0 || draws == population { return 1 }
        let n = Double(population)
        let p = Double(draws) / n, q = Double(population - draws) / n
        let p1 = binomialRaw(k, successes, p, q)
        let p2 = binomialRaw(draws - k, population - successes, p, q)
        let p3 = binomialRaw(draws, population, p, q)
        return p1 * p2 / p3
    }

    /// P(X ≤ k).
    public static func cdf(_ k: Int, population: Int, successes: Int, draws: Int) -> Double {
        tails(k, population, successes, draws).lower
    }

    /// P(X > k), accurate in the upper tail.
    public static func survival(_ k: Int, population: Int, successes: Int, draws: Int) -> Double {
        tails(k, population, successes, draws).upper
    }

    private static func valid(_ population: Int, _ successes: Int, _ draws: Int) -> Bool {
        population >= 0 && successes >= 0 && draws >= 0 && successes <= population && draws <= population
    }

    private static func tails(_ k: Int, _ population: Int, _ successes: Int, _ draws: Int) -> (lower: Double, upper: Double) {
        guard valid(population, successes, draws) else { return (.nan, .nan) }
        let lowK = max(0, draws - (population - successes)), highK = min(draws, successes)
        if k < lowK { return (0, 1) }
        if k >= highK { return (1, 0) }
        let mean = Double(draws) * Double(successes) / Double(population)
        let failures = population - successes
        if Double(k) <= mean {
            // Sum P(X = j) for j = k, k-1, ..., lowK by the downward ratio.
            var term = pmf(k, population: population, successes: successes, draws: draws)
            var sum = term
            var j = k
            while j > lowK && term > sum * 1e-17 {
                term *= Double(j) * Double(failures - draws + j) / (Double(successes - j + 1) * Double(draws - j + 1))
                sum += term
                j -= 1
            }
            return (min(1, sum), max(0, 1 - sum))
        }
        // Sum P(X = j) for j = k+1, ..., highK by the upward ratio.
        var term = pmf(k + 1, population: population, successes: successes, draws: draws)
        var sum = term
        var j = k + 1
        while j < highK && term > sum * 1e-17 {
            term *= Double(successes - j) * Double(draws - j) / (Double(j + 1) * Double(failures - draws + j + 1))
            sum += term
            j += 1
        }
        return (max(0, 1 - sum), min(1, sum))
    }

    /// Binomial probability of x successes in n trials with success probability p
    /// (q = 1 - p), Loader's form (R `dbinom_raw`).
    static func binomialRaw(_ x: Int, _ n: Int, _ p: Double, _ q: Double) -> Double {
        if n == 0 { return x == 0 ? 1 : 0 }
        let dn = Double(n)
        if x == 0 {
            let lc = p < 0.1 ? -deviance(dn, dn * q) - dn * p : dn * log(q)
            return exp(lc)
        }
        if x == n {
            let lc = q < 0.1 ? -deviance(dn, dn * p) - dn * q : dn * log(p)
            return exp(lc)
        }
        if x < 0 || x > n { return 0 }
        let dx = Double(x)
        let lc = SpecialFunctions.stirlingCorrection(dn) - SpecialFunctions.stirlingCorrection(dx)
            - SpecialFunctions.stirlingCorrection(dn - dx) - deviance(dx, dn * p) - deviance(dn - dx, dn * q)
        let lf = log(2 * Double.pi) + log(dx) + log1p(-dx / dn)
        return exp(lc - 0.5 * lf)
    }

    /// bd0(x, m) = x log(x/m) + m - x, by series when x ≈ m (Loader 2000).
    static func deviance(_ x: Double, _ m: Double) -> Double {
        if abs(x - m) < 0.1 * (x + m) {
            var v = (x - m) / (x + m)
            var s = (x - m) * v
            if abs(s) < Double.leastNormalMagnitude { return s }
            var ej = 2 * x * v
            v *= v
            var j = 1.0
            while j < 1000 {
                ej *= v
                let s1 = s + ej / (2 * j + 1)
                if s1 == s { return s1 }
                s = s1
                j += 1
            }
            return s
        }
        return x * log(x / m) + m - x
    }
}
