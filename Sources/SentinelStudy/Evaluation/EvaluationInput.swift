/// Predicted probabilities of several models on the patients of several cohorts: what
/// `sentinel evaluate` reads from a predictions file and `sentinel run` produces.
public struct EvaluationInput: Sendable {
    public struct Cohort: Sendable {
        public var name: String
        /// true = outcome positive.
        public var labels: [Bool]
        /// scores[k][i]: model k's predicted probability for patient i.
        public var scores: [[Double]]
        public init(name: String, labels: [Bool], scores: [[Double]]) {
            self.name = name
            self.labels = labels
            self.scores = scores
        }
    }

    public var modelNames: [String]
    public var cohorts: [Cohort]
    /// Index of the cohort whose Youden thresholds are applied to every cohort.
    public var thresholdCohort: Int

    public init(modelNames: [String], cohorts: [Cohort], thresholdCohort: Int) {
        self.modelNames = modelNames
        self.cohorts = cohorts
        self.thresholdCohort = thresholdCohort
    }

    /// Every model's scores per cohort name (for the calibration histograms of the figures).
    public var scoresByCohort: [String: [[Double]]] {
        Dictionary(cohorts.map { ($0.name, $0.scores) }, uniquingKeysWith: { first, _ in first })
    }

    /// The cohort named "train" or "training" (case-insensitive) if present, else the first.
    public static func defaultThresholdCohort(names: [String]) -> Int {
        names.firstIndex { ["train", "training"].contains($0.lowercased()) } ?? 0
    }
}
