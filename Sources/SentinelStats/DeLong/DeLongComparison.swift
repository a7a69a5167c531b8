/// Paired DeLong test of two correlated AUCs (two models on the same patients), as pROC
/// `roc.test(paired = TRUE, method = "delong")`.
///
/// - `aucDifference` d = AUC_a − AUC_b,
/// - `standardError` σ = √(Var_a + Var_b − 2 Cov_ab),
/// - `z` = d / σ, `p` = 2 · P(Z > |z|) (two-sided),
/// - `interval` = d ± Φ⁻¹(1 − (1 − level)/2) · σ, not clipped (pROC's `conf.int`).
///
/// Zero variance (σ = 0, e.g. identical predictions, or both models separating perfectly):
/// as pROC 1.18, d = 0 gives z = 0 and p = 1; d ≠ 0 gives z = ±infinity and p = 0 (pROC's
/// `d / 0`). The interval is then [d, d]. Note that JSON cannot hold an infinite `z`;
/// encoders should map it (e.g. to a string or null).
public struct DeLongComparison: Codable, Sendable, Equatable {
    /// Index of the first model.
    public let modelA: Int
    /// Index of the second model.
    public let modelB: Int
    /// AUC of model a.
    public let aucA: Double
    /// AUC of model b.
    public let aucB: Double
    /// AUC_a − AUC_b.
    public let aucDifference: Double
    /// Standard error of the difference.
    public let standardError: Double
    /// z statistic d / σ.
    public let z: Double
    /// Two-sided p-value.
    public let p: Double
    /// Wald confidence interval of the difference.
    public let interval: ConfidenceInterval

    init(modelA: Int, modelB: Int, aucA: Double, aucB: Double, standardError: Double, level: Double) {
        self.modelA = modelA
        self.modelB = modelB
        self.aucA = aucA
        self.aucB = aucB
        let d = aucA - aucB
        self.aucDifference = d
        self.standardError = standardError
        if standardError > 0 {
            z = d / standardError
            p = Normal.twoSidedP(z)
        } else if d == 0 {
            z = 0
            p = 1
        } else {
            z = d > 0 ? .infinity : -.infinity
            p = 0
        }
        let crit = Normal.quantile(1 - (1 - level) / 2)
        interval = ConfidenceInterval(lower: d - crit * standardError, upper: d + crit * standardError,
                                      level: level)
    }
}
