extension HypothesisTests {
    /// The paper's univariate rule for a continuous variable between two groups: Student's
    /// t-test (pooled variance) when both groups pass the Shapiro-Wilk test (p > 0.05),
    /// otherwise the Mann-Whitney U test (R `wilcox.test` defaults). A group that cannot be
    /// Shapiro-tested (fewer than 3 or more than 5000 values, or constant) counts as not
    /// normal. The result's `method` names the test used.
    /// - Parameter mannWhitneyMethod: `.normalApproximation` reproduces scipy's
    ///   `mannwhitneyu(method = "asymptotic")` used by the Python reference pipeline.
    /// - Throws: as `mannWhitney` (empty group, non-finite values, all values identical).
    public static func continuousTest(
        _ x: [Double], _ y: [Double], alpha: Double = 0.05, mannWhitneyMethod: MannWhitneyMethod = .automatic
    ) throws -> TestResult {
        try requireFinite(x, "first sample")
        try requireFinite(y, "second sample")
        if passesShapiro(x, alpha), passesShapiro(y, alpha), let t = try? studentT(x, y) {
            return t
        }
        return try mannWhitney(x, y, method: mannWhitneyMethod)
    }

    private static func passesShapiro(_ x: [Double], _ alpha: Double) -> Bool {
        guard let result = try? shapiroWilk(x) else { return false }
        return result.p > alpha
    }
}
