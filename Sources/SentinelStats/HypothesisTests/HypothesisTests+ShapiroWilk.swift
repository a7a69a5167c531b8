#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

extension HypothesisTests {
    /// Shapiro-Wilk normality test by Royston's algorithm AS R94 (1995), as R
    /// `shapiro.test` and scipy `shapiro`: W is the squared correlation between the sorted
    /// sample and Royston's approximate coefficients; the p-value is exact for n = 3 and
    /// from Royston's normalising transformations of log(1 - W) otherwise.
    /// - Throws: n outside 3...5000, non-finite values, or (near-)constant data (range
    ///   below 1e-10 of the largest magnitude).
    public static func shapiroWilk(_ x: [Double]) throws -> TestResult {
        let name = "Shapiro-Wilk normality test"
        try requireFinite(x, "sample")
        let n = x.count
        guard n >= 3 else { throw HypothesisTestError.tooFewObservations(test: name, needed: 3, got: n) }
        guard n <= 5000 else { throw HypothesisTestError.tooManyObservations(test: name, limit: 5000, got: n) }
        return try shapiroWilkChecked(sorted: x.sorted())
    }

    /// `shapiroWilk` of a sample already in ascending order (`x.sorted()`), for callers that
    /// sort once for several tests: the same result without sorting again.
    /// - Throws: as `shapiroWilk`.
    public static func shapiroWilk(sorted: [Double]) throws -> TestResult {
        let name = "Shapiro-Wilk normality test"
        try requireFinite(sorted, "sample")
        let n = sorted.count
        guard n >= 3 else { throw HypothesisTestError.tooFewObservations(test: name, needed: 3, got: n) }
        guard n <= 5000 else { throw HypothesisTestError.tooManyObservations(test: name, limit: 5000, got: n) }
        return try shapiroWilkChecked(sorted: sorted)
    }

    /// Shapiro-Wilk of a finite, ascending sample of 3...5000 values.
    private static func shapiroWilkChecked(sorted: [Double]) throws -> TestResult {
        let name = "Shapiro-Wilk normality test"
        let n = sorted.count
        let range = sorted[n - 1] - sorted[0]
        let scale = max(abs(sorted[0]), abs(sorted[n - 1]))
        guard range > 1e-10 * scale, range > 0 else { throw HypothesisTestError.constantData(test: name) }
        let (coefficient, meanA) = ShapiroCoefficientsCache.shared.weights(n) { n in
            let a = shapiroCoefficients(n)
            // Full antisymmetric coefficient vector: -a[i] for the i-th smallest, +a[i] for the
            // i-th largest, 0 for the median of an odd sample.
            var coefficient = [Double](repeating: 0, count: n)
            for i in 0..<(n / 2) {
                coefficient[i] = -a[i]
                coefficient[n - 1 - i] = a[i]
            }
            return (coefficient, coefficient.reduce(0, +) / Double(n))
        }
        var meanX = 0.0
        for v in sorted { meanX += v / range }
        meanX /= Double(n)
        var ssa = 0.0, ssx = 0.0, sax = 0.0
        for i in 0..<n {
            let da = coefficient[i] - meanA
            let dx = sorted[i] / range - meanX
            ssa += da * da
            ssx += dx * dx
            sax += da * dx
        }
        let root = (ssa * ssx).squareRoot()
        let oneMinusW = (root - sax) * (root + sax) / (ssa * ssx)
        let w = 1 - oneMinusW
        return TestResult(statistic: w, p: shapiroP(w: w, oneMinusW: oneMinusW, n: n),
                          method: name + " (Royston 1995)", statisticName: "W")
    }

    /// Royston's coefficients a[0..<n/2] (for the largest values; positive).
    private static func shapiroCoefficients(_ n: Int) -> [Double] {
        let half = n / 2
        if n == 3 { return [(0.5).squareRoot()] }
        let c1 = [0.0, 0.221157, -0.147981, -2.07119, 4.434685, -2.706056]
        let c2 = [0.0, 0.042981, -0.293762, -1.752461, 5.682633, -3.582633]
        let an25 = Double(n) + 0.25
        var m = [Double](repeating: 0, count: half)
        var summ2 = 0.0
        for i in 0..<half {
            m[i] = Normal.quantile((Double(i + 1) - 0.375) / an25)
            summ2 += m[i] * m[i]
        }
        summ2 *= 2
        let ssumm2 = summ2.squareRoot()
        let rsn = 1 / Double(n).squareRoot()
        let a1 = polynomial(c1, rsn) - m[0] / ssumm2
        var a = [Double](repeating: 0, count: half)
        a[0] = a1
        let first: Int
        let fac: Double
        if n > 5 {
            let a2 = -m[1] / ssumm2 + polynomial(c2, rsn)
            fac = ((summ2 - 2 * m[0] * m[0] - 2 * m[1] * m[1]) / (1 - 2 * a1 * a1 - 2 * a2 * a2)).squareRoot()
            a[1] = a2
            first = 2
        } else {
            fac = ((summ2 - 2 * m[0] * m[0]) / (1 - 2 * a1 * a1)).squareRoot()
            first = 1
        }
        for i in first..<half { a[i] = -m[i] / fac }
        return a
    }

    /// Royston's p-value for W.
    private static func shapiroP(w: Double, oneMinusW: Double, n: Int) -> Double {
        if n == 3 {
            // Exact: (6/π)(asin √W - π/3), floored at 0.
            // The published AS R94 constants 6/π and π/3 (to 15 digits), as R and scipy use them.
            return max(0, 1.90985931710274 * (asin(w.squareRoot()) - 1.04719755119660))
        }
        let dn = Double(n)
        var y = log(oneMinusW)
        let mean: Double, sd: Double
        if n <= 11 {
            let gamma = polynomial([-2.273, 0.459], dn)
            if y >= gamma { return 1e-99 }  // as AS R94: W is too small for the approximation
            y = -log(gamma - y)
            mean = polynomial([0.5440, -0.39978, 0.025054, -6.714e-4], dn)
            sd = exp(polynomial([1.3822, -0.77857, 0.062767, -0.0020322], dn))
        } else {
            let ln = log(dn)
            mean = polynomial([-1.5861, -0.31082, -0.083751, 0.0038915], ln)
            sd = exp(polynomial([-0.4803, -0.082676, 0.0030302], ln))
        }
        return Normal.survival((y - mean) / sd)
    }

    /// c[0] + c[1]x + c[2]x² + ...
    private static func polynomial(_ c: [Double], _ x: Double) -> Double {
        var r = 0.0
        for coefficient in c.reversed() { r = r * x + coefficient }
        return r
    }
}
