import SentinelStats

// Calibration and decision-curve parts of the evaluation.
extension PredictionEvaluator {
    /// Calibration-in-the-large, recalibration slope, Brier, ICI/E50/E90/Emax,
    /// Spiegelhalter and (legacy) Hosmer-Lemeshow, the binned and smoothed curves and the
    /// decision curve, from one `ModelCalibration` pass. Parts undefined for the data
    /// (e.g. the slope under perfect separation) stay nil. The smoothed curve is R
    /// `lowess(p, y, iter = 0)`, the curve `rms::val.prob` draws and ICI measures: robustness
    /// iterations would treat the rarer outcome as outliers and flatten the curve of 0/1 data.
    func addCalibration(to m: inout ModelEvaluation, scores: [Double], labels: [Bool]) throws {
        let calibration = try ModelCalibration.compute(
            probabilities: scores, labels: labels, binCount: settings.calibrationBins, level: settings.level,
            smoother: SmoothedCalibrationErrors.smoother, thresholds: settings.decisionThresholds)
        let s = calibration.summary
        m.brier = s.brier
        m.scaledBrier = s.scaledBrier
        m.calibrationIntercept = s.calibrationInTheLarge.estimate
        m.calibrationInterceptCI = [s.calibrationInTheLarge.interval.lowerBound, s.calibrationInTheLarge.interval.upperBound]
        if let r = s.recalibration {
            m.calibrationSlope = r.slope.estimate
            m.calibrationSlopeCI = [r.slope.interval.lowerBound, r.slope.interval.upperBound]
        }
        m.ici = s.smoothedErrors.eavg
        m.e50 = s.smoothedErrors.e50
        m.e90 = s.smoothedErrors.e90
        m.emax = s.smoothedErrors.emax
        m.spiegelhalterZ = s.spiegelhalter?.z
        m.spiegelhalterP = s.spiegelhalter?.p
        if let hl = s.hosmerLemeshow {
            m.hosmerLemeshowLegacy = HosmerLemeshowSummary(statistic: hl.statistic, df: hl.degreesOfFreedom, p: hl.p)
        }
        m.calibrationNotes = s.notes
        guard settings.includeCurves else { return }
        let c = calibration.curve
        let roc = try ROCCurve(scores: scores, labels: labels)
        m.curves = ModelCurves(
            rocFPR: roc.points.map(\.falsePositiveRate), rocTPR: roc.points.map(\.truePositiveRate),
            binPredicted: c.bins.map(\.meanPredicted), binObserved: c.bins.map(\.observedFraction),
            binLower: c.bins.map { $0.observedInterval?.lowerBound }, binUpper: c.bins.map { $0.observedInterval?.upperBound },
            binCount: c.bins.map(\.count),
            smoothPredicted: c.smoothed.map(\.predicted), smoothObserved: c.smoothed.map(\.observed),
            netBenefit: calibration.decisionCurve.netBenefit)
    }

    /// Net benefit of treating everyone, at the evaluation's thresholds.
    func treatAllNetBenefit(labels: [Bool]) throws -> [Double] {
        let constant = [Double](repeating: 0.5, count: labels.count)
        return try DecisionCurve.compute(probabilities: constant, labels: labels, thresholds: settings.decisionThresholds).treatAll
    }
}
