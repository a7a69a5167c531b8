/// AUCs of K models on the same patients with their DeLong covariance matrix.
///
/// Produced by `DeLong.analyze(scores:labels:)`; all further statistics (standard errors,
/// Wald CIs, paired tests) are derived from these numbers.
public struct DeLongResult: Codable, Sendable, Equatable {
    /// AUC of each model (Mann-Whitney statistic, ties 1/2).
    public let aucs: [Double]
    /// K × K DeLong covariance of the AUCs; the diagonal holds the variances.
    public let covariance: [[Double]]
    /// Number of cases (label `true`).
    public let cases: Int
    /// Number of controls (label `false`).
    public let controls: Int

    public init(aucs: [Double], covariance: [[Double]], cases: Int, controls: Int) {
        self.aucs = aucs
        self.covariance = covariance
        self.cases = cases
        self.controls = controls
    }

    /// Number of models.
    public var modelCount: Int { aucs.count }

    /// DeLong variance of model `k`'s AUC (pROC `var(roc, method = "delong")`).
    public func variance(_ k: Int) throws -> Double {
        try check(k)
        return covariance[k][k]
    }

    /// DeLong standard error of model `k`'s AUC.
    public func standardError(_ k: Int) throws -> Double {
        try variance(k).squareRoot()
    }

    /// Wald confidence interval AUC ± z·SE with z = Φ⁻¹(1 − (1 − level)/2), each bound
    /// clipped to [0, 1], exactly as pROC `ci.auc(roc, method = "delong", conf.level = level)`.
    /// A zero variance (e.g. perfect separation, constant scores) gives [AUC, AUC], as pROC.
    ///
    /// - Throws: `StatsError` for a bad index or a level outside (0, 1).
    public func confidenceInterval(_ k: Int, level: Double = 0.95) throws -> ConfidenceInterval {
        try StatsError.validate(level: level)
        let se = try standardError(k)
        let z = Normal.quantile(1 - (1 - level) / 2)
        let lower = min(1, max(0, aucs[k] - z * se))
        let upper = min(1, max(0, aucs[k] + z * se))
        return ConfidenceInterval(lower: lower, upper: upper, level: level)
    }

    /// Paired DeLong test of model `a` against model `b` (same patients), as pROC
    /// `roc.test(roc_a, roc_b, paired = TRUE, method = "delong")`; see `DeLongComparison`.
    ///
    /// - Throws: `StatsError` for a bad index or a level outside (0, 1).
    public func compare(_ a: Int, _ b: Int, level: Double = 0.95) throws -> DeLongComparison {
        try check(a)
        try check(b)
        try StatsError.validate(level: level)
        // pROC computes sqrt(L S Lᵀ) with L = (1, −1); rounding can make it a tiny negative
        // (pROC would then give NaN), so it is clamped at 0.
        let variance = max(0, covariance[a][a] + covariance[b][b] - 2 * covariance[a][b])
        return DeLongComparison(modelA: a, modelB: b, aucA: aucs[a], aucB: aucs[b],
                                standardError: variance.squareRoot(), level: level)
    }

    /// All pairs (a, b) with a < b, in lexicographic order.
    public func pairwiseComparisons(level: Double = 0.95) throws -> [DeLongComparison] {
        var result: [DeLongComparison] = []
        for a in 0..<modelCount {
            for b in (a + 1)..<max(a + 1, modelCount) {
                result.append(try compare(a, b, level: level))
            }
        }
        return result
    }

    private func check(_ k: Int) throws {
        guard aucs.indices.contains(k) else {
            throw StatsError.modelIndexOutOfRange(index: k, count: aucs.count)
        }
    }
}
