/// Everything calibration-related for one model on one cohort, computed in one go: the
/// calibration curve, the calibration summary and the decision curve.
///
/// Identical to calling `CalibrationCurve.compute`, `CalibrationSummary.compute` and
/// `DecisionCurve.compute` separately, but the data are sorted once for all three, and when the
/// curve's smoother has R's default span and delta its first (non-robust) pass is reused as the
/// `lowess(p, y, iter = 0)` fit behind ICI/E50/E90/Emax instead of smoothing twice.
public struct ModelCalibration: Codable, Sendable, Equatable {
    /// Binned and smoothed calibration curve.
    public let curve: CalibrationCurve
    /// Brier, logistic calibration, ICI family, Spiegelhalter, Hosmer-Lemeshow.
    public let summary: CalibrationSummary
    /// Net benefit, treat-all/none and net interventions avoided.
    public let decisionCurve: DecisionCurve

    public init(curve: CalibrationCurve, summary: CalibrationSummary, decisionCurve: DecisionCurve) {
        self.curve = curve
        self.summary = summary
        self.decisionCurve = decisionCurve
    }

    /// Computes the curve, the summary and the decision curve (parameters as in those types).
    /// - Throws: `CalibrationError` for empty or mismatched input, a probability outside [0, 1],
    ///   a single outcome class, or an invalid parameter.
    public static func compute(probabilities: [Double], labels: [Bool], binCount: Int = 10, level: Double = 0.95,
                               smoother: Lowess = Lowess(), hosmerLemeshowGroups: Int = 10,
                               thresholds: [Double] = DecisionCurve.defaultThresholds,
                               per: Double = 100) throws -> ModelCalibration {
        let input = try CalibrationInput(probabilities: probabilities, labels: labels)
        try input.requireBothClasses()
        let bins = try CalibrationCurve.quantileBins(input, binCount: binCount, level: level)
        let (fit, firstPass) = try input.lowess(smoother)
        let iciSmoother = SmoothedCalibrationErrors.smoother
        let sharesFirstPass = smoother.span == iciSmoother.span && smoother.delta == iciSmoother.delta
        let smoothedErrors = sharesFirstPass
            ? SmoothedCalibrationErrors.from(predicted: fit.x, smoothed: firstPass)
            : try SmoothedCalibrationErrors.compute(input)
        let summary = try CalibrationSummary.compute(input, level: level, hosmerLemeshowGroups: hosmerLemeshowGroups,
                                                     smoothedErrors: smoothedErrors)
        let decisionCurve = try DecisionCurve.compute(input, thresholds: thresholds, per: per)
        return ModelCalibration(curve: CalibrationCurve(bins: bins, smoothed: CalibrationCurve.points(fit)),
                                summary: summary, decisionCurve: decisionCurve)
    }
}
