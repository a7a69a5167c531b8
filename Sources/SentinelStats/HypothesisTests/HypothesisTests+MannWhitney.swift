extension HypothesisTests {
    /// How the Mann-Whitney p-value is obtained.
    public enum MannWhitneyMethod: String, Codable, Sendable {
        /// R `wilcox.test` default: exact when both samples have fewer than 50 values and
        /// there are no ties, else the normal approximation.
        case automatic
        /// The exact null distribution (no ties allowed; falls back to the normal
        /// approximation with ties, as R does, and when min(n)²·max(n) > 2·10⁸, where the
        /// exact counts would not fit in memory).
        case exact
        /// The normal approximation with tie and continuity correction
        /// (scipy `mannwhitneyu(method = "asymptotic")`).
        case normalApproximation
    }

    /// Mann-Whitney U (Wilcoxon rank-sum) test, two-sided, exactly as R `wilcox.test(x, y)`
    /// with its defaults (`correct = TRUE`).
    ///
    /// The statistic is U of `x` = (sum of the midranks of x in the pooled sample)
    /// - n_x(n_x + 1)/2 (R's W, scipy's U1). The exact p is 2·min(P(U ≤ u), P(U ≥ u))
    /// (capped at 1) from the exact null distribution; the normal approximation uses
    /// z = (U - n_x n_y/2 - sign·½) / σ with the tie-corrected
    /// σ² = n_x n_y/12 · (N + 1 - Σ(t³ - t)/(N(N - 1))).
    /// - Throws: an empty sample, a non-finite value, or all pooled values identical.
    public static func mannWhitney(_ x: [Double], _ y: [Double], method: MannWhitneyMethod = .automatic) throws -> TestResult {
        let name = "Mann-Whitney U test"
        try requireFinite(x, "first sample")
        try requireFinite(y, "second sample")
        guard !x.isEmpty else { throw HypothesisTestError.tooFewObservations(test: name + " (first sample)", needed: 1, got: 0) }
        guard !y.isEmpty else { throw HypothesisTestError.tooFewObservations(test: name + " (second sample)", needed: 1, got: 0) }
        let nx = x.count, ny = y.count
        let (ranks, ties) = Ranking.midranksAndTies(x + y)
        var rankSum = 0.0
        for i in 0..<nx { rankSum += ranks[i] }
        return try mannWhitney(rankSum: rankSum, firstCount: nx, secondCount: ny, tieSizes: ties, method: method)
    }

    /// `mannWhitney(x, y)` from the pooled ranking, for callers that rank the pooled sample
    /// once for several uses: `rankSum` is the sum of the midranks of x's values in the pooled
    /// sample, added in x's order (`Ranking.midranksAndTies`), `tieSizes` the pooled tie groups
    /// in increasing order of value. The values must be finite (`mannWhitney(x, y)` checks them).
    /// - Throws: an empty sample, or all pooled values identical.
    public static func mannWhitney(rankSum: Double, firstCount nx: Int, secondCount ny: Int, tieSizes ties: [Int],
                                   method: MannWhitneyMethod = .automatic) throws -> TestResult {
        let name = "Mann-Whitney U test"
        guard nx > 0 else { throw HypothesisTestError.tooFewObservations(test: name + " (first sample)", needed: 1, got: 0) }
        guard ny > 0 else { throw HypothesisTestError.tooFewObservations(test: name + " (second sample)", needed: 1, got: 0) }
        let u = rankSum - Double(nx) * Double(nx + 1) / 2
        let hasTies = ties.count < nx + ny
        guard ties.count > 1 else { throw HypothesisTestError.constantData(test: name) }
        let useExact: Bool
        switch method {
        case .automatic: useExact = nx < 50 && ny < 50 && !hasTies
        case .exact: useExact = !hasTies && exactIsFeasible(nx, ny)
        case .normalApproximation: useExact = false
        }
        if useExact {
            let p = exactTwoSidedP(u: Int(u.rounded()), nx: nx, ny: ny)
            return TestResult(statistic: u, p: p, method: name + " (exact)", statisticName: "U")
        }
        let n = Double(nx + ny)
        let tieSum = ties.reduce(0.0) { $0 + Double($1) * Double($1) * Double($1) - Double($1) }
        let sigma = (Double(nx) * Double(ny) / 12 * ((n + 1) - tieSum / (n * (n - 1)))).squareRoot()
        let centred = u - Double(nx) * Double(ny) / 2
        let correction = centred > 0 ? 0.5 : (centred < 0 ? -0.5 : 0)
        let z = (centred - correction) / sigma
        let p = min(1, 2 * min(Normal.cdf(z), Normal.survival(z)))
        let label = hasTies ? "normal approximation, tie and continuity correction" : "normal approximation, continuity correction"
        return TestResult(statistic: u, p: p, method: "\(name) (\(label))", statisticName: "U")
    }

    /// 2·min(P(U ≤ u), P(U ≥ u)) under H0, from the exact counts of U for sizes (nx, ny)
    /// (the recursion f_{i,j}(u) = f_{i-1,j}(u - j) + f_{i,j-1}(u), all additions).
    static func exactIsFeasible(_ nx: Int, _ ny: Int) -> Bool {
        let small = Double(min(nx, ny)), large = Double(max(nx, ny))
        return small * small * large <= 2e8
    }

    static func exactTwoSidedP(u: Int, nx: Int, ny: Int) -> Double {
        // U's null distribution for sizes (nx, ny) equals that for (ny, nx): build it on
        // the smaller sample, once per pair of sizes (feature screening repeats them).
        let tails = ExactCountsCache.shared.tails(min(nx, ny), max(nx, ny))
        let maxU = nx * ny
        let w = min(max(u, 0), maxU)
        // Both tails are summed from their own end, so neither loses precision.
        return min(1, 2 * min(tails.lower[w], tails.upper[w]) / tails.lower[maxU])
    }

    /// Number of arrangements giving each U = 0...nx·ny, by the recursion
    /// f_{i,j}(u) = f_{i,j-1}(u) + f_{i-1,j}(u - j) (all additions, so no cancellation),
    /// in place over one flat buffer per i.
    static func exactCounts(nx: Int, ny: Int) -> [Double] {
        // f[i] holds the counts for sizes (i, j) as j grows from 0 to ny.
        var f: [[Double]] = (0...nx).map { i in
            var row = [Double](repeating: 0, count: i * ny + 1)
            row[0] = 1
            return row
        }
        if ny == 0 || nx == 0 { return f[nx] }
        for j in 1...ny {
            for i in 1...nx {
                // f[i-1] is already at (i-1, j); its support is 0...(i-1)·j.
                let support = (i - 1) * j
                let previous = f[i - 1]
                f[i].withUnsafeMutableBufferPointer { target in
                    previous.withUnsafeBufferPointer { source in
                        for u in 0...support { target[u + j] += source[u] }
                    }
                }
            }
        }
        return f[nx]
    }
}
