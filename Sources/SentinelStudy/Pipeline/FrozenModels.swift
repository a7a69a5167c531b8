import Foundation
import SentinelLearn

/// A fitted single-modal or pre-fusion model as plain data: the selected features in
/// order, the training z-scoring, and the logistic coefficients on z-scored features.
///
/// p = 1 / (1 + exp(-(b + Σ w_j (x_j - mean_j) / scale_j))).
public struct FrozenLinearModel: Codable, Sendable, Equatable {
    public var featureNames: [String]
    public var scaler: StandardScaler.Fitted
    public var coefficients: [Double]
    public var intercept: Double
    /// The L2 penalty chosen by inner cross-validation.
    public var alpha: Double
    /// Mean inner-CV AUC per candidate penalty (same order as the grid).
    public var alphaGridAUC: [Double]

    /// Predicted probabilities for rows of the selected features (in `featureNames` order).
    public func predictProbability(_ rows: [[Double]]) -> [Double] {
        rows.map { row in
            var eta = intercept
            for j in coefficients.indices {
                eta += coefficients[j] * (row[j] - scaler.mean[j]) / scaler.scale[j]
            }
            return Self.sigmoid(eta)
        }
    }

    /// Numerically stable logistic function.
    static func sigmoid(_ eta: Double) -> Double {
        eta >= 0 ? 1 / (1 + exp(-eta)) : exp(eta) / (1 + exp(eta))
    }
}

/// A fitted post-fusion model: the names of the stacked single-modal models and the SVM
/// with Platt-scaled probabilities fitted on their out-of-fold probabilities.
public struct FrozenStacker: Codable, Sendable {
    public var parts: [String]
    public var svm: SVC.Fitted

    public func predictProbability(_ rows: [[Double]]) throws -> [Double] {
        try svm.predictProbability(Matrix(rows))
    }
}

/// One of a study's models, frozen.
public struct FrozenModelEntry: Codable, Sendable {
    public var name: String
    public var kind: PipelineDesign.Kind
    public var linear: FrozenLinearModel?
    public var stacker: FrozenStacker?
}
