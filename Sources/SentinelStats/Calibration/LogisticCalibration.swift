#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// Logistic calibration: calibration-in-the-large and the calibration slope.
///
/// Both regress the outcome on the logit of the prediction, after clipping the predictions to
/// [ε, 1 − ε] with ε = `clippingEpsilon` = 1e-8 (the reference pipeline's
/// `calibration_intercept_slope`), so predictions of exactly 0 or 1 stay in the fit at logit
/// ±18.42. (rms `val.prob` instead drops such patients from its logistic fits.)
/// - calibration-in-the-large: logit P(y = 1) = a′ + offset(logit p), slope fixed at 1;
///   ideal a′ = 0, a′ < 0 means predictions too high on average;
/// - recalibration: logit P(y = 1) = a + b · logit p; the calibration slope b (ideal 1).
/// Estimates are maximum likelihood (`LogisticRegressionIRLS`), standard errors from the inverse
/// Fisher information, intervals Wald: statsmodels `GLM(Binomial)` `params`, `bse`, `conf_int()`
/// agree to ~1e-13 (estimates) and ~2e-8 (standard errors); rms `lrm.fit` estimates to ~2e-7.
public enum LogisticCalibration {
    /// Predictions are clipped to [ε, 1 − ε] before taking logits.
    public static let clippingEpsilon = 1e-8

    /// Calibration-in-the-large a′ with its Wald interval.
    /// - Throws: `CalibrationError` for invalid input, a single outcome class (a′ diverges), or an
    ///   invalid level.
    public static func calibrationInTheLarge(probabilities: [Double], labels: [Bool],
                                             level: Double = 0.95) throws -> CalibrationEstimate {
        try calibrationInTheLarge(CalibrationInput(probabilities: probabilities, labels: labels), level: level)
    }

    /// The calibration intercept a and slope b with Wald intervals.
    /// - Throws: `CalibrationError.slopeNotEstimable` when the predictions are constant or their
    ///   logits separate the outcomes (complete or quasi-complete separation: the slope
    ///   diverges), besides the input errors of `calibrationInTheLarge`.
    public static func recalibration(probabilities: [Double], labels: [Bool],
                                     level: Double = 0.95) throws -> LogisticRecalibration {
        try recalibration(CalibrationInput(probabilities: probabilities, labels: labels), level: level)
    }

    static func calibrationInTheLarge(_ input: CalibrationInput, level: Double) throws -> CalibrationEstimate {
        try input.requireBothClasses()
        try CalibrationInput.validateLevel(level)
        let fit = try logisticFit(columns: [], labels: input.labels, offset: clippedLogits(input.probabilities))
        return estimate(fit, index: 0, level: level)
    }

    static func recalibration(_ input: CalibrationInput, level: Double) throws -> LogisticRecalibration {
        try input.requireBothClasses()
        try CalibrationInput.validateLevel(level)
        let logits = clippedLogits(input.probabilities)
        if let reason = separationReason(logits: logits, labels: input.labels) {
            throw CalibrationError.slopeNotEstimable(reason: reason)
        }
        let fit = try logisticFit(columns: [logits], labels: input.labels, offset: nil)
        return LogisticRecalibration(intercept: estimate(fit, index: 0, level: level),
                                     slope: estimate(fit, index: 1, level: level))
    }

    /// logit(clip(p, ε, 1 − ε)), as numpy `log(pc / (1 - pc))`.
    static func clippedLogits(_ probabilities: [Double]) -> [Double] {
        probabilities.map { p in
            let c = min(max(p, clippingEpsilon), 1 - clippingEpsilon)
            return log(c / (1 - c))
        }
    }

    /// The slope's MLE exists iff the logits of the two classes overlap strictly on both sides:
    /// max(controls) > min(cases) and max(cases) > min(controls). Otherwise explains why not.
    static func separationReason(logits: [Double], labels: [Bool]) -> String? {
        var caseMin = Double.infinity, caseMax = -Double.infinity
        var controlMin = Double.infinity, controlMax = -Double.infinity
        for (x, event) in zip(logits, labels) {
            if event { caseMin = min(caseMin, x); caseMax = max(caseMax, x) } else {
                controlMin = min(controlMin, x); controlMax = max(controlMax, x)
            }
        }
        if caseMin == caseMax && controlMin == controlMax && caseMin == controlMin {
            return "all predictions are equal, so logit(p) is constant"
        }
        if controlMax <= caseMin || caseMax <= controlMin {
            return "the predictions separate the outcomes (no overlap between cases and controls), so the slope diverges to infinity"
        }
        return nil
    }

    private static func logisticFit(columns: [[Double]], labels: [Bool], offset: [Double]?) throws -> LogisticRegressionFit {
        do {
            return try LogisticRegressionIRLS().fit(columns: columns, outcomes: labels, offset: offset)
        } catch let error as RegressionError {
            throw CalibrationError.fitFailed(error)
        }
    }

    private static func estimate(_ fit: LogisticRegressionFit, index: Int, level: Double) -> CalibrationEstimate {
        let value = fit.coefficients[index]
        let se = fit.standardErrors[index]
        return CalibrationEstimate(estimate: value, standardError: se,
                                   interval: fit.waldInterval(index, level: level) ?? value...value, level: level)
    }
}
