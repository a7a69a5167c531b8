import SentinelNumerics

#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// L2-penalised logistic regression solved exactly (Newton's method), the reference the
/// SGD learner must reach: it minimises
///     Σ_i log(1 + exp(−s_i (b + w·x_i))) + (λ/2)‖w‖²,   s_i = ±1,
/// with an unpenalised intercept b. With λ = 1/C this is scikit-learn
/// `LogisticRegression(C=C)`; with λ = α·n it is the optimum of `SGDClassifier(loss="log_loss",
/// alpha=α)`'s objective (1/n)Σ loss + (α/2)‖w‖².
public struct LogisticRegression: Codable, Sendable, Equatable {
    /// λ, the L2 penalty on the sum of losses.
    public var penalty: Double
    public var tolerance: Double
    public var maxIterations: Int

    public init(penalty: Double, tolerance: Double = 1e-12, maxIterations: Int = 200) {
        self.penalty = penalty
        self.tolerance = tolerance
        self.maxIterations = maxIterations
    }

    /// Fitted coefficients.
    public struct Fitted: Codable, Sendable, Equatable {
        public var coefficients: [Double]
        public var intercept: Double

        public init(coefficients: [Double], intercept: Double) {
            self.coefficients = coefficients
            self.intercept = intercept
        }

        public func decisionFunction(_ x: Matrix) -> [Double] {
            (0..<x.rows).map { r in
                var eta = intercept
                for j in coefficients.indices { eta += coefficients[j] * x[r, j] }
                return eta
            }
        }

        public func predictProbability(_ x: Matrix) -> [Double] {
            decisionFunction(x).map(Logistic.sigmoid)
        }
    }

    public func fit(_ x: Matrix, _ labels: [Int]) throws -> Fitted {
        try Logistic.validate(x, labels)
        let p = x.columns, dim = p + 1
        var beta = [Double](repeating: 0, count: dim)  // [w..., b]
        for _ in 0..<maxIterations {
            var gradient = [Double](repeating: 0, count: dim)
            var hessian = [Double](repeating: 0, count: dim * dim)
            for r in 0..<x.rows {
                var eta = beta[p]
                for j in 0..<p { eta += beta[j] * x[r, j] }
                let mu = Logistic.sigmoid(eta)
                let residual = mu - Double(labels[r])
                let weight = mu * (1 - mu)
                for j in 0..<dim {
                    let xj = j < p ? x[r, j] : 1
                    gradient[j] += residual * xj
                    for k in 0...j {
                        let xk = k < p ? x[r, k] : 1
                        hessian[j * dim + k] += weight * xj * xk
                    }
                }
            }
            for j in 0..<p {
                gradient[j] += penalty * beta[j]
                hessian[j * dim + j] += penalty
            }
            for j in 0..<dim { for k in 0..<j { hessian[k * dim + j] = hessian[j * dim + k] } }
            if gradient.reduce(0, { max($0, abs($1)) }) < tolerance { break }
            guard let step = LinearAlgebra.solve(hessian, n: dim, gradient) else {
                throw LearnError.invalidParameter(name: "penalty", value: penalty,
                                                  requirement: "> 0 when the classes are separable or features collinear")
            }
            for j in 0..<dim { beta[j] -= step[j] }
            if step.reduce(0, { max($0, abs($1)) }) < tolerance { break }
        }
        return Fitted(coefficients: Array(beta[0..<p]), intercept: beta[p])
    }
}

/// Shared helpers of the logistic learners.
enum Logistic {
    @inline(__always)
    static func sigmoid(_ eta: Double) -> Double {
        eta >= 0 ? 1 / (1 + exp(-eta)) : exp(eta) / (1 + exp(eta))
    }

    static func validate(_ x: Matrix, _ labels: [Int]) throws {
        guard x.rows == labels.count, x.rows >= 2 else {
            throw LearnError.invalidParameter(name: "rows", value: Double(x.rows), requirement: "at least 2, one label per row")
        }
        guard labels.allSatisfy({ $0 == 0 || $0 == 1 }), labels.contains(0), labels.contains(1) else {
            throw LearnError.invalidParameter(name: "labels", value: 0, requirement: "0/1 with both classes present")
        }
        for r in 0..<x.rows {
            for c in 0..<x.columns where !x[r, c].isFinite {
                throw LearnError.invalidParameter(name: "x[\(r), \(c)]", value: x[r, c], requirement: "finite")
            }
        }
    }
}
