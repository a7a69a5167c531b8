import SentinelStats

// Calibration and decision-curve parts of the evaluation.
extension PredictionEvaluator {
    /// Calibration-in-the-large, recalibration slope, Brier, ICI/E50/E90/Emax,
    /// Spiegelhalter and (legacy) Hosmer-Lemeshow. Parts that are undefined for the data
    /// (e.g. the slope under perfect separation) stay nil.
    func addCalibration(to m: inout ModelEvaluation, scores: [Double], labels: [Bool]) throws {
        let s = try CalibrationSummary.compute(probabilities: scores, labels: labels, level: settings.level)
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
    }

    /// Binned and lowess-smoothed calibration curves (ROC and net benefit filled by the caller).
    func calibrationCurves(scores: [Double], labels: [Bool]) throws -> ModelCurves {
        let c = try CalibrationCurve.compute(probabilities: scores, labels: labels,
                                             binCount: settings.calibrationBins, level: settings.level)
        return ModelCurves(
            rocFPR: [], rocTPR: [],
            binPredicted: c.bins.map(\.meanPredicted), binObserved: c.bins.map(\.observedFraction),
            binLower: c.bins.map { $0.observedInterval?.lowerBound }, binUpper: c.bins.map { $0.observedInterval?.upperBound },
            binCount: c.bins.map(\.count),
            smoothPredicted: c.smoothed.map(\.predicted), smoothObserved: c.smoothed.map(\.observed),
            netBenefit: [])
    }

    func netBenefit(scores: [Double], labels: [Bool]) throws -> [Double] {
        try DecisionCurve.compute(probabilities: scores, labels: labels, thresholds: settings.decisionThresholds).netBenefit
    }

    func treatAllNetBenefit(labels: [Bool]) throws -> [Double] {
        let constant = [Double](repeating: 0.5, count: labels.count)
        return try DecisionCurve.compute(probabilities: constant, labels: labels, thresholds: settings.decisionThresholds).treatAll
    }
}
