import Foundation

/// A fitted linear logistic model: P(y = 1 | x) = 1 / (1 + exp(−(x·w + b))). Plain data,
/// shared by `LogisticRegression` and `SGDLogisticRegression`.
public struct LogisticModel: Codable, Sendable, Equatable {
    /// w, one per feature.
    public var coefficients: [Double]
    /// b (unpenalised).
    public var intercept: Double

    public init(coefficients: [Double], intercept: Double) {
        self.coefficients = coefficients
        self.intercept = intercept
    }

    /// The linear predictor x·w + b per row (the log-odds).
    /// - Throws: `LearnError.dimensionMismatch` when the column count differs from training.
    public func decisionFunction(_ x: Matrix) throws -> [Double] {
        try InputCheck.columns(x, expected: coefficients.count)
        return (0..<x.rows).map { r in
            var s = intercept
            for c in 0..<x.columns { s += x[r, c] * coefficients[c] }
            return s
        }
    }

    /// P(y = 1 | x) per row.
    public func predictProbability(_ x: Matrix) throws -> [Double] {
        try decisionFunction(x).map(Logistic.sigmoid)
    }
}

/// Numerically stable logistic helpers.
enum Logistic {
    static func sigmoid(_ z: Double) -> Double {
        z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
    }

    /// log(1 + exp(z)) without overflow.
    static func softplus(_ z: Double) -> Double {
        z > 0 ? z + log1p(exp(-z)) : log1p(exp(z))
    }
}
