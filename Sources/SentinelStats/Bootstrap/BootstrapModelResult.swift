/// Bootstrap distributions of one model's AUC and of its metrics at a fixed threshold.
public struct BootstrapModelResult: Codable, Sendable {
    /// The fixed threshold (positive iff score >= threshold).
    public let threshold: Double
    public let auc: BootstrapEstimate
    public let accuracy: BootstrapEstimate
    public let sensitivity: BootstrapEstimate
    public let specificity: BootstrapEstimate
    /// Positive predictive value; undefined (NaN) in replicates with no positive call.
    public let ppv: BootstrapEstimate
    /// Negative predictive value; undefined (NaN) in replicates with no negative call.
    public let npv: BootstrapEstimate

    /// `estimates` in `BootstrapMetric` order.
    init(threshold: Double, estimates: [BootstrapEstimate]) {
        self.threshold = threshold
        auc = estimates[BootstrapMetric.auc.rawValue]
        accuracy = estimates[BootstrapMetric.accuracy.rawValue]
        sensitivity = estimates[BootstrapMetric.sensitivity.rawValue]
        specificity = estimates[BootstrapMetric.specificity.rawValue]
        ppv = estimates[BootstrapMetric.ppv.rawValue]
        npv = estimates[BootstrapMetric.npv.rawValue]
    }
}
