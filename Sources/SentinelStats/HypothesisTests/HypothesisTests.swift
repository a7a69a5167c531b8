/// Two-sample and contingency-table hypothesis tests for "Table 1" and univariate feature
/// screening, each pinned to R `stats` and scipy.stats (Tests/Fixtures/stats-tests/).
///
/// All tests are two-sided. Samples must be finite (NaN or ±∞ throws
/// `HypothesisTestError.nonFiniteValue`; remove missing values first); degenerate data
/// (too few observations, constant values) throws rather than returning NaN.
public enum HypothesisTests {
    /// Throws unless every value is finite.
    static func requireFinite(_ values: [Double], _ name: String) throws {
        if let i = values.firstIndex(where: { !$0.isFinite }) {
            throw HypothesisTestError.nonFiniteValue(sample: name, index: i)
        }
    }

    /// Mean and sum of squared deviations (two-pass with correction).
    static func meanAndSquares(_ x: [Double]) -> (mean: Double, squares: Double) {
        let n = Double(x.count)
        let m0 = x.reduce(0, +) / n
        var ss = 0.0, r = 0.0
        for v in x {
            let d = v - m0
            ss += d * d
            r += d
        }
        return (m0 + r / n, max(0, ss - r * r / n))
    }
}
