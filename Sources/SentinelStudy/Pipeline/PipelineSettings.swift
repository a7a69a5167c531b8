import SentinelLearn

/// The study pipeline's settings (the study file's `selection`, `seed` and `bootstrap`).
public struct PipelineSettings: Sendable, Codable, Equatable {
    /// Univariate p-value threshold (keep p < this).
    public var pThreshold: Double
    /// Correlation filter: of a pair with |r| above this, drop the larger-p feature.
    public var correlationThreshold: Double
    /// Folds of the LASSO cross-validation.
    public var lassoFolds: Int
    /// Folds for the SGD penalty search and for the out-of-fold stacking probabilities.
    public var innerFolds: Int
    /// Candidate L2 penalties of the SGD logistic models, chosen by inner-CV AUC.
    public var alphaGrid: [Double]
    public var seed: UInt64

    public init(pThreshold: Double = 0.05, correlationThreshold: Double = 0.75, lassoFolds: Int = 5,
                innerFolds: Int = 5, alphaGrid: [Double] = PipelineSettings.defaultAlphaGrid, seed: UInt64 = 20250909) {
        self.pThreshold = pThreshold
        self.correlationThreshold = correlationThreshold
        self.lassoFolds = lassoFolds
        self.innerFolds = innerFolds
        self.alphaGrid = alphaGrid
        self.seed = seed
    }

    /// 1e-4 ... 1, three log-spaced values per decade (13 values).
    public static let defaultAlphaGrid: [Double] = SGDLogisticRegressionCV.defaultAlphas
}
