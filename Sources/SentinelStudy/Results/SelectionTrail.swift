/// What the three-step feature selection kept for one feature set, step by step.
public struct SelectionTrail: Codable, Sendable, Equatable {
    public struct Step: Codable, Sendable, Equatable {
        public var name: String
        public var kept: [String]
        /// Set when nothing survived and the single best feature of the step before was kept.
        public var fallback: Bool
        public var note: String?
        public init(name: String, kept: [String], fallback: Bool = false, note: String? = nil) {
            self.name = name; self.kept = kept; self.fallback = fallback; self.note = note
        }
    }
    public var featureSet: String
    public var candidates: Int
    public var steps: [Step]
    /// LASSO λ_min and the nonzero coefficients on z-scored features, by feature name.
    public var lassoLambda: Double?
    public var lassoCoefficients: [String: Double]?
    /// The LASSO CV curve: log λ grid, mean CV error and its standard error.
    public var lassoLambdas: [Double]?
    public var lassoCVMean: [Double]?
    public var lassoCVSE: [Double]?

    public init(featureSet: String, candidates: Int, steps: [Step]) {
        self.featureSet = featureSet; self.candidates = candidates; self.steps = steps
    }

    enum CodingKeys: String, CodingKey {
        case featureSet = "feature_set", candidates, steps
        case lassoLambda = "lasso_lambda", lassoCoefficients = "lasso_coefficients"
        case lassoLambdas = "lasso_lambdas", lassoCVMean = "lasso_cv_mean", lassoCVSE = "lasso_cv_se"
    }
}

/// A fitted model's description for the report: its kind, inputs and chosen hyperparameters.
public struct ModelSummary: Codable, Sendable, Equatable {
    public var name: String
    public var kind: String
    public var inputs: [String]
    public var hyperparameters: [String: Double]
    public init(name: String, kind: String, inputs: [String], hyperparameters: [String: Double]) {
        self.name = name; self.kind = kind; self.inputs = inputs; self.hyperparameters = hyperparameters
    }
}
