/// The logistic recalibration model logit P(y = 1) = a + b · logit(p): the calibration
/// intercept a and calibration slope b (ideal: 0 and 1).
public struct LogisticRecalibration: Codable, Sendable, Equatable {
    /// a, with slope b estimated jointly (rms `val.prob` "Intercept").
    public let intercept: CalibrationEstimate
    /// b, the calibration slope (rms `val.prob` "Slope"); < 1 means overfitted (too extreme)
    /// predictions.
    public let slope: CalibrationEstimate

    public init(intercept: CalibrationEstimate, slope: CalibrationEstimate) {
        self.intercept = intercept
        self.slope = slope
    }
}
