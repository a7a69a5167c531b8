/// A logistic-calibration coefficient with its model-based standard error and Wald interval.
public struct CalibrationEstimate: Codable, Sendable, Equatable {
    /// The maximum-likelihood estimate (logit scale).
    public let estimate: Double
    /// √ of the inverse Fisher information at the estimate.
    public let standardError: Double
    /// estimate ± z · standardError, z the normal quantile for `level`.
    public let interval: ClosedRange<Double>
    /// Confidence level of `interval` (e.g. 0.95).
    public let level: Double

    public init(estimate: Double, standardError: Double, interval: ClosedRange<Double>, level: Double) {
        self.estimate = estimate
        self.standardError = standardError
        self.interval = interval
        self.level = level
    }
}
