/// Every calibration statistic of one model on one cohort.
///
/// | field | definition | reference |
/// |---|---|---|
/// | `brier`, `scaledBrier` | `BrierScore` | numpy |
/// | `calibrationInTheLarge` | intercept with logit(p) as offset (slope fixed at 1), Wald CI | statsmodels GLM |
/// | `recalibration` | intercept and slope of y ~ logit(p), Wald CIs | statsmodels GLM, rms `val.prob` |
/// | `smoothedErrors` | ICI (Eavg), E50, E90, Emax | rms `val.prob` |
/// | `spiegelhalter` | z and p | rms `val.prob` "S:z", "S:p" |
/// | `hosmerLemeshow` | legacy, g = 10 | ResourceSelection `hoslem.test` |
///
/// Logistic fits clip predictions to [1e-8, 1 − 1e-8] (`LogisticCalibration.clippingEpsilon`);
/// the other statistics use the raw predictions. When some predictions are exactly 0 or 1,
/// `notes` says how many were clipped (the intercept and slope then depend on ε; rms
/// `val.prob` drops such patients from its logistic fits instead). Statistics that are undefined for these
/// predictions are nil and `notes` says why: the recalibration slope under separation or
/// constant predictions, Spiegelhalter when every prediction is 0, ½ or 1, Hosmer-Lemeshow with
/// fewer than 2 groups or a group of all-0 / all-1 predictions.
public struct CalibrationSummary: Codable, Sendable, Equatable {
    /// Patients.
    public let count: Int
    /// Events (label 1).
    public let events: Int
    /// Mean squared error of the predictions.
    public let brier: Double
    /// 1 − brier / (ȳ(1 − ȳ)).
    public let scaledBrier: Double
    /// Calibration-in-the-large (ideal 0).
    public let calibrationInTheLarge: CalibrationEstimate
    /// Calibration intercept and slope (ideal 0 and 1); nil when the slope is not estimable.
    public let recalibration: LogisticRecalibration?
    /// ICI (Eavg), E50, E90, Emax.
    public let smoothedErrors: SmoothedCalibrationErrors
    /// Spiegelhalter's z test; nil when undefined.
    public let spiegelhalter: SpiegelhalterTest?
    /// Legacy Hosmer-Lemeshow test (g = 10); nil when undefined.
    public let hosmerLemeshow: HosmerLemeshowTest?
    /// Why any optional statistic above is missing (empty when all are present).
    public let notes: [String]

    public init(count: Int, events: Int, brier: Double, scaledBrier: Double, calibrationInTheLarge: CalibrationEstimate,
                recalibration: LogisticRecalibration?, smoothedErrors: SmoothedCalibrationErrors,
                spiegelhalter: SpiegelhalterTest?, hosmerLemeshow: HosmerLemeshowTest?, notes: [String]) {
        self.count = count
        self.events = events
        self.brier = brier
        self.scaledBrier = scaledBrier
        self.calibrationInTheLarge = calibrationInTheLarge
        self.recalibration = recalibration
        self.smoothedErrors = smoothedErrors
        self.spiegelhalter = spiegelhalter
        self.hosmerLemeshow = hosmerLemeshow
        self.notes = notes
    }

    /// Computes all statistics.
    /// - Parameters:
    ///   - level: confidence level of the Wald intervals (default 0.95).
    ///   - hosmerLemeshowGroups: g of the legacy Hosmer-Lemeshow test (default 10).
    /// - Throws: `CalibrationError` for empty or mismatched input, a probability outside [0, 1],
    ///   a single outcome class, or an invalid level or group count.
    public static func compute(probabilities: [Double], labels: [Bool], level: Double = 0.95,
                               hosmerLemeshowGroups: Int = 10) throws -> CalibrationSummary {
        try compute(CalibrationInput(probabilities: probabilities, labels: labels), level: level,
                    hosmerLemeshowGroups: hosmerLemeshowGroups, smoothedErrors: nil)
    }

    /// The summary of validated input; `smoothedErrors` may be passed in when already computed.
    static func compute(_ input: CalibrationInput, level: Double, hosmerLemeshowGroups: Int,
                        smoothedErrors: SmoothedCalibrationErrors?) throws -> CalibrationSummary {
        try input.requireBothClasses()
        try CalibrationInput.validateLevel(level)
        guard hosmerLemeshowGroups >= 3, hosmerLemeshowGroups <= CalibrationCurve.maximumBinCount else {
            throw CalibrationError.invalidParameter(name: "hosmerLemeshowGroups", value: Double(hosmerLemeshowGroups),
                                                    requirement: "between 3 and \(CalibrationCurve.maximumBinCount)")
        }
        var notes: [String] = []
        if let clipped = clippingNote(input.probabilities) { notes.append(clipped) }
        func optional<T>(_ body: () throws -> T) -> T? {
            do { return try body() } catch { notes.append(String(describing: error)); return nil }
        }
        let brier = try BrierScore.compute(input)
        let citl = try LogisticCalibration.calibrationInTheLarge(input, level: level)
        let recalibration = optional { try LogisticCalibration.recalibration(input, level: level) }
        let smoothed = try smoothedErrors ?? SmoothedCalibrationErrors.compute(input)
        let spiegelhalter = optional { try SpiegelhalterTest.compute(input) }
        let hosmerLemeshow = optional { try HosmerLemeshowTest.compute(input, groups: hosmerLemeshowGroups) }
        return CalibrationSummary(count: input.count, events: input.events, brier: brier.brier, scaledBrier: brier.scaled,
                                  calibrationInTheLarge: citl, recalibration: recalibration, smoothedErrors: smoothed,
                                  spiegelhalter: spiegelhalter, hosmerLemeshow: hosmerLemeshow, notes: notes)
    }

    /// The note on predictions of exactly 0 or 1 (nil when there are none).
    static func clippingNote(_ probabilities: [Double]) -> String? {
        let clipped = probabilities.reduce(0) { $0 + ($1 <= 0 || $1 >= 1 ? 1 : 0) }
        guard clipped > 0 else { return nil }
        let which = clipped == 1 ? "1 prediction is" : "\(clipped) predictions are"
        return "\(which) exactly 0 or 1 (of \(probabilities.count)); the logistic calibration fits clip predictions to [1e-8, 1 - 1e-8], so the calibration intercept and slope depend on that clipping (rms val.prob would drop these patients from its fits instead)"
    }
}
