/// The `results.json` document (schema `sentinel.results/1`) written by `sentinel evaluate`
/// and `sentinel run`: one `CohortEvaluation` per cohort, in the order the cohorts first
/// appear, and for `run` the feature-selection trail and fitted-model summaries.
///
/// The keys shown in the schema of issue 2 are stable; further keys may be added.
/// Non-finite numbers never appear: an undefined value (e.g. PPV with no predicted
/// positive) is encoded as `null`.
public struct StudyResults: Codable, Sendable, Equatable {
    public static let schemaIdentifier = "sentinel.results/1"

    public var schema: String
    /// Tool name and version, and the methods behind every number.
    public var tool: String
    public var methods: EvaluationMethods
    /// Name of the cohort whose Youden-optimal thresholds are applied to every cohort.
    public var thresholdCohort: String
    public var cohorts: [CohortEvaluation]
    /// Present for `sentinel run`: per feature set, what each selection step kept.
    public var selection: [SelectionTrail]?
    /// Present for `sentinel run`: a summary of each fitted model (hyperparameters chosen).
    public var models: [ModelSummary]?

    public init(tool: String, methods: EvaluationMethods, thresholdCohort: String,
                cohorts: [CohortEvaluation], selection: [SelectionTrail]? = nil,
                models: [ModelSummary]? = nil) {
        self.schema = Self.schemaIdentifier
        self.tool = tool
        self.methods = methods
        self.thresholdCohort = thresholdCohort
        self.cohorts = cohorts
        self.selection = selection
        self.models = models
    }

    enum CodingKeys: String, CodingKey {
        case schema, tool, methods
        case thresholdCohort = "threshold_cohort"
        case cohorts, selection, models
    }
}

/// Settings and method names that produced the numbers, stated in the report.
public struct EvaluationMethods: Codable, Sendable, Equatable {
    public var aucCI: String
    public var bootstrap: String
    public var bootstrapReplicates: Int
    public var seed: UInt64
    public var threshold: String
    public var proportionCI: String
    public var calibration: String
    public var decisionCurve: String
    public var comparison: String

    public init(bootstrapReplicates: Int, seed: UInt64) {
        self.aucCI = "DeLong variance (Sun & Xu 2014 fast algorithm), Wald 95% CI clipped to [0, 1], as pROC ci.auc(method = \"delong\")"
        self.bootstrap = "stratified bootstrap (cases and controls resampled separately), percentile 95% CI (R type 7 quantiles), xoshiro256** generator seeded by SplitMix64"
        self.bootstrapReplicates = bootstrapReplicates
        self.seed = seed
        self.threshold = "Youden-optimal threshold (max sensitivity + specificity - 1) on the threshold cohort, applied unchanged to every cohort; risk >= threshold is positive"
        self.proportionCI = "Wilson score 95% CI"
        self.calibration = "logistic recalibration: intercept with slope fixed at 1 (calibration-in-the-large) and slope, Wald 95% CIs; lowess-smoothed calibration curve (R lowess, f = 2/3, no robustness iterations, as rms val.prob) drawn and used for ICI/E50/E90/Emax; 10 equal-count bins"
        self.decisionCurve = "net benefit at thresholds 0.01 to 0.99, risk >= threshold treated"
        self.comparison = "paired DeLong test, two-sided, as pROC roc.test(paired = TRUE, method = \"delong\")"
    }

    enum CodingKeys: String, CodingKey {
        case aucCI = "auc_ci", bootstrap
        case bootstrapReplicates = "bootstrap_replicates"
        case seed, threshold
        case proportionCI = "proportion_ci"
        case calibration
        case decisionCurve = "decision_curve"
        case comparison
    }
}
