/// One model's discrimination, threshold metrics and calibration in one cohort.
///
/// Intervals are `[lower, upper]` pairs at 95%. Proportions that are undefined in a
/// cohort (no predicted positives for PPV, say) are `nil` and encode as `null`.
public struct ModelEvaluation: Codable, Sendable, Equatable {
    public var name: String
    public var auc: Double
    /// DeLong 95% CI.
    public var aucCI: [Double]
    public var aucCIMethod: String
    public var aucSE: Double
    /// Stratified-bootstrap percentile 95% CI.
    public var aucCIBootstrap: [Double]?
    /// The threshold applied (chosen on the threshold cohort).
    public var threshold: Double
    public var tp: Int, fp: Int, tn: Int, fn: Int
    public var accuracy: Double?
    public var sensitivity: Double?
    public var specificity: Double?
    public var ppv: Double?
    public var npv: Double?
    /// Wilson 95% CIs.
    public var accuracyCI: [Double]?
    public var sensitivityCI: [Double]?
    public var specificityCI: [Double]?
    public var ppvCI: [Double]?
    public var npvCI: [Double]?
    /// Stratified-bootstrap percentile 95% CIs.
    public var accuracyCIBootstrap: [Double]?
    public var sensitivityCIBootstrap: [Double]?
    public var specificityCIBootstrap: [Double]?
    public var ppvCIBootstrap: [Double]?
    public var npvCIBootstrap: [Double]?
    public var brier: Double
    public var scaledBrier: Double?
    public var calibrationIntercept: Double?
    public var calibrationInterceptCI: [Double]?
    public var calibrationSlope: Double?
    public var calibrationSlopeCI: [Double]?
    public var ici: Double?
    public var e50: Double?
    public var e90: Double?
    public var emax: Double?
    public var spiegelhalterZ: Double?
    public var spiegelhalterP: Double?
    public var hosmerLemeshowLegacy: HosmerLemeshowSummary?
    /// Why a calibration statistic is missing or needs care (e.g. predictions of exactly 0 or
    /// 1 clipped for the logistic fits); written as `[]` when there is nothing to say, nil only
    /// when read from a file that predates the key.
    public var calibrationNotes: [String]?
    public var curves: ModelCurves?

    public init(name: String, auc: Double, aucCI: [Double], aucSE: Double, threshold: Double,
                tp: Int, fp: Int, tn: Int, fn: Int, brier: Double) {
        self.name = name
        self.auc = auc
        self.aucCI = aucCI
        self.aucCIMethod = "delong"
        self.aucSE = aucSE
        self.threshold = threshold
        self.tp = tp; self.fp = fp; self.tn = tn; self.fn = fn
        self.brier = brier
    }

    enum CodingKeys: String, CodingKey {
        case name, auc
        case aucCI = "auc_ci", aucCIMethod = "auc_ci_method", aucSE = "auc_se"
        case aucCIBootstrap = "auc_ci_bootstrap"
        case threshold, tp, fp, tn, fn
        case accuracy, sensitivity, specificity, ppv, npv
        case accuracyCI = "accuracy_ci", sensitivityCI = "sensitivity_ci"
        case specificityCI = "specificity_ci", ppvCI = "ppv_ci", npvCI = "npv_ci"
        case accuracyCIBootstrap = "accuracy_ci_bootstrap"
        case sensitivityCIBootstrap = "sensitivity_ci_bootstrap"
        case specificityCIBootstrap = "specificity_ci_bootstrap"
        case ppvCIBootstrap = "ppv_ci_bootstrap", npvCIBootstrap = "npv_ci_bootstrap"
        case brier, scaledBrier = "scaled_brier"
        case calibrationIntercept = "calibration_intercept"
        case calibrationInterceptCI = "calibration_intercept_ci"
        case calibrationSlope = "calibration_slope"
        case calibrationSlopeCI = "calibration_slope_ci"
        case ici, e50, e90, emax
        case spiegelhalterZ = "spiegelhalter_z", spiegelhalterP = "spiegelhalter_p"
        case hosmerLemeshowLegacy = "hosmer_lemeshow_legacy"
        case calibrationNotes = "calibration_notes"
        case curves
    }

    /// Every key is written, undefined values as `null`, so the schema's keys are always present.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(auc, forKey: .auc)
        try c.encode(aucCI, forKey: .aucCI)
        try c.encode(aucCIMethod, forKey: .aucCIMethod)
        try c.encode(aucSE, forKey: .aucSE)
        try c.encode(aucCIBootstrap, forKey: .aucCIBootstrap)
        try c.encode(threshold, forKey: .threshold)
        try c.encode(tp, forKey: .tp)
        try c.encode(fp, forKey: .fp)
        try c.encode(tn, forKey: .tn)
        try c.encode(fn, forKey: .fn)
        try c.encode(accuracy, forKey: .accuracy)
        try c.encode(sensitivity, forKey: .sensitivity)
        try c.encode(specificity, forKey: .specificity)
        try c.encode(ppv, forKey: .ppv)
        try c.encode(npv, forKey: .npv)
        try c.encode(accuracyCI, forKey: .accuracyCI)
        try c.encode(sensitivityCI, forKey: .sensitivityCI)
        try c.encode(specificityCI, forKey: .specificityCI)
        try c.encode(ppvCI, forKey: .ppvCI)
        try c.encode(npvCI, forKey: .npvCI)
        try c.encode(accuracyCIBootstrap, forKey: .accuracyCIBootstrap)
        try c.encode(sensitivityCIBootstrap, forKey: .sensitivityCIBootstrap)
        try c.encode(specificityCIBootstrap, forKey: .specificityCIBootstrap)
        try c.encode(ppvCIBootstrap, forKey: .ppvCIBootstrap)
        try c.encode(npvCIBootstrap, forKey: .npvCIBootstrap)
        try c.encode(brier, forKey: .brier)
        try c.encode(scaledBrier, forKey: .scaledBrier)
        try c.encode(calibrationIntercept, forKey: .calibrationIntercept)
        try c.encode(calibrationInterceptCI, forKey: .calibrationInterceptCI)
        try c.encode(calibrationSlope, forKey: .calibrationSlope)
        try c.encode(calibrationSlopeCI, forKey: .calibrationSlopeCI)
        try c.encode(ici, forKey: .ici)
        try c.encode(e50, forKey: .e50)
        try c.encode(e90, forKey: .e90)
        try c.encode(emax, forKey: .emax)
        try c.encode(spiegelhalterZ, forKey: .spiegelhalterZ)
        try c.encode(spiegelhalterP, forKey: .spiegelhalterP)
        try c.encode(hosmerLemeshowLegacy, forKey: .hosmerLemeshowLegacy)
        try c.encode(calibrationNotes ?? [], forKey: .calibrationNotes)
        try c.encode(curves, forKey: .curves)
    }
}

/// Hosmer-Lemeshow goodness-of-fit, reported only as a legacy statistic.
public struct HosmerLemeshowSummary: Codable, Sendable, Equatable {
    public var statistic: Double
    public var df: Int
    public var p: Double
    public init(statistic: Double, df: Int, p: Double) {
        self.statistic = statistic; self.df = df; self.p = p
    }
}

/// The curve points behind the report's figures.
public struct ModelCurves: Codable, Sendable, Equatable {
    /// ROC points (false-positive rate, true-positive rate), from (0,0) to (1,1).
    public var rocFPR: [Double]
    public var rocTPR: [Double]
    /// Binned calibration: mean predicted, observed fraction, Wilson CI, count per bin.
    public var binPredicted: [Double?]
    public var binObserved: [Double?]
    public var binLower: [Double?]
    public var binUpper: [Double?]
    public var binCount: [Int]
    /// Smoothed (lowess) calibration curve.
    public var smoothPredicted: [Double]
    public var smoothObserved: [Double]
    /// Net benefit at the cohort's decision thresholds.
    public var netBenefit: [Double]

    public init(rocFPR: [Double], rocTPR: [Double], binPredicted: [Double?], binObserved: [Double?],
                binLower: [Double?], binUpper: [Double?], binCount: [Int],
                smoothPredicted: [Double], smoothObserved: [Double], netBenefit: [Double]) {
        self.rocFPR = rocFPR; self.rocTPR = rocTPR
        self.binPredicted = binPredicted; self.binObserved = binObserved
        self.binLower = binLower; self.binUpper = binUpper; self.binCount = binCount
        self.smoothPredicted = smoothPredicted; self.smoothObserved = smoothObserved
        self.netBenefit = netBenefit
    }

    enum CodingKeys: String, CodingKey {
        case rocFPR = "roc_fpr", rocTPR = "roc_tpr"
        case binPredicted = "bin_predicted", binObserved = "bin_observed"
        case binLower = "bin_lower", binUpper = "bin_upper", binCount = "bin_count"
        case smoothPredicted = "smooth_predicted", smoothObserved = "smooth_observed"
        case netBenefit = "net_benefit"
    }
}
