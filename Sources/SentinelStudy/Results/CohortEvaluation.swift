/// Every model's performance in one cohort, and the paired comparisons between them.
public struct CohortEvaluation: Codable, Sendable, Equatable {
    public var name: String
    /// Patients in the cohort.
    public var n: Int
    /// Patients with label 1.
    public var positives: Int
    public var models: [ModelEvaluation]
    /// Every unordered pair of models, in model order (a before b).
    public var comparisons: [ModelComparison]
    /// Net benefit of treating everyone at each decision-curve threshold.
    public var treatAll: [Double]?
    /// The decision-curve thresholds (shared by every model of the cohort).
    public var decisionThresholds: [Double]?

    public init(name: String, n: Int, positives: Int, models: [ModelEvaluation],
                comparisons: [ModelComparison], treatAll: [Double]? = nil,
                decisionThresholds: [Double]? = nil) {
        self.name = name
        self.n = n
        self.positives = positives
        self.models = models
        self.comparisons = comparisons
        self.treatAll = treatAll
        self.decisionThresholds = decisionThresholds
    }

    enum CodingKeys: String, CodingKey {
        case name, n, positives, models, comparisons
        case treatAll = "treat_all"
        case decisionThresholds = "decision_thresholds"
    }
}
