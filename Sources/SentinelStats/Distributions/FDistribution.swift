/// The F (Fisher-Snedecor) distribution with d1, d2 > 0 degrees of freedom.
///
/// cdf(x) = I_z(d1/2, d2/2) with z = d1·x/(d1·x + d2) and 1 - z = d2/(d1·x + d2) formed
/// without cancellation (matches scipy.stats.f to 1e-12 relative). NaN for invalid
/// parameters; x ≤ 0 has cdf 0.
public enum FDistribution {
    /// P(F ≤ x).
    public static func cdf(_ x: Double, numeratorDegreesOfFreedom d1: Double, denominatorDegreesOfFreedom d2: Double) -> Double {
        tails(x, d1, d2).lower
    }

    /// P(F > x), accurate in the far upper tail.
    public static func survival(_ x: Double, numeratorDegreesOfFreedom d1: Double, denominatorDegreesOfFreedom d2: Double) -> Double {
        tails(x, d1, d2).upper
    }

    private static func tails(_ x: Double, _ d1: Double, _ d2: Double) -> (lower: Double, upper: Double) {
        if x.isNaN || d1.isNaN || d2.isNaN || d1 <= 0 || d2 <= 0 { return (.nan, .nan) }
        if x <= 0 { return (0, 1) }
        if x.isInfinite { return (1, 0) }
        let u = d1 * x
        let z: Double, w: Double
        if u > d2 {
            let r = d2 / u
            z = 1 / (1 + r); w = r / (1 + r)
        } else {
            let r = u / d2
            z = r / (1 + r); w = 1 / (1 + r)
        }
        return SpecialFunctions.regularizedBeta(0.5 * d1, 0.5 * d2, x: z, y: w)
    }
}
