extension HypothesisTests {
    /// Student's two-sample t-test with pooled variance, two-sided (R
    /// `t.test(x, y, var.equal = TRUE)`, scipy `ttest_ind(equal_var = True)`).
    /// t = (x̄ - ȳ) / (s_p √(1/n_x + 1/n_y)), df = n_x + n_y - 2.
    /// - Throws: fewer than 3 observations in total (or an empty group), non-finite
    ///   values, or zero variance in both groups.
    public static func studentT(_ x: [Double], _ y: [Double]) throws -> TestResult {
        let name = "Student's two-sample t-test"
        try requireFinite(x, "first sample")
        try requireFinite(y, "second sample")
        guard !x.isEmpty, !y.isEmpty else {
            throw HypothesisTestError.tooFewObservations(test: name + " (each group)", needed: 1, got: min(x.count, y.count))
        }
        guard x.count + y.count >= 3 else { throw HypothesisTestError.tooFewObservations(test: name, needed: 3, got: x.count + y.count) }
        let a = meanAndSquares(x), b = meanAndSquares(y)
        let df = Double(x.count + y.count - 2)
        let pooled = (a.squares + b.squares) / df
        guard pooled > 0 else { throw HypothesisTestError.constantData(test: name) }
        let se = (pooled * (1 / Double(x.count) + 1 / Double(y.count))).squareRoot()
        let t = (a.mean - b.mean) / se
        return TestResult(statistic: t, p: StudentT.twoSidedP(t, degreesOfFreedom: df),
                          method: name + " (pooled variance)", statisticName: "t", degreesOfFreedom: df)
    }

    /// Welch's two-sample t-test (unequal variances), two-sided (R `t.test(x, y)`, scipy
    /// `ttest_ind(equal_var = False)`), with the Welch-Satterthwaite degrees of freedom.
    /// - Throws: fewer than 2 observations in a group, non-finite values, or zero
    ///   variance in both groups.
    public static func welchT(_ x: [Double], _ y: [Double]) throws -> TestResult {
        let name = "Welch's two-sample t-test"
        try requireFinite(x, "first sample")
        try requireFinite(y, "second sample")
        guard x.count >= 2, y.count >= 2 else {
            throw HypothesisTestError.tooFewObservations(test: name + " (each group)", needed: 2, got: min(x.count, y.count))
        }
        let a = meanAndSquares(x), b = meanAndSquares(y)
        let vx = a.squares / Double(x.count - 1) / Double(x.count)
        let vy = b.squares / Double(y.count - 1) / Double(y.count)
        let v = vx + vy
        guard v > 0 else { throw HypothesisTestError.constantData(test: name) }
        let df = v * v / (vx * vx / Double(x.count - 1) + vy * vy / Double(y.count - 1))
        let t = (a.mean - b.mean) / v.squareRoot()
        return TestResult(statistic: t, p: StudentT.twoSidedP(t, degreesOfFreedom: df),
                          method: name + " (unequal variances)", statisticName: "t", degreesOfFreedom: df)
    }
}
