import SentinelNumerics

#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// C-support vector classification with an RBF kernel and Platt-scaled probabilities,
/// as scikit-learn `SVC(kernel="rbf", C=1, gamma="scale", probability=True)` (libsvm).
///
/// - Dual solved by SMO with libsvm's second-order working-set selection (Fan, Chen &
///   Lin 2005, WSS3), no shrinking, stopping when the maximal KKT violation is below
///   `tolerance` (libsvm's `eps`, 1e-3).
/// - `gamma = "scale"`: 1 / (n_features · Var(X)) over all entries of X (population
///   variance), as scikit-learn.
/// - Probabilities: libsvm's method — decision values from an internal `plattFolds`-fold
///   cross-validation on the training data, then the sigmoid of Lin, Lin & Weng (2007)
///   fitted by Newton's method with backtracking. The folds are drawn with Sentinel's
///   seeded generator (libsvm's own random permutation cannot be reproduced), so
///   probabilities agree with scikit-learn only up to that CV split; given the same CV
///   decision values the sigmoid is identical.
///
/// Labels are 0/1; a positive decision value favours class 1.
public struct SVC: Codable, Sendable, Equatable {
    public var c: Double
    /// nil: "scale".
    public var gamma: Double?
    public var tolerance: Double
    public var maxIterations: Int
    public var plattFolds: Int
    public var seed: UInt64

    public init(c: Double = 1, gamma: Double? = nil, tolerance: Double = 1e-3, maxIterations: Int = 10_000_000,
                plattFolds: Int = 5, seed: UInt64 = 0) {
        self.c = c
        self.gamma = gamma
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.plattFolds = plattFolds
        self.seed = seed
    }

    /// The fitted classifier: support vectors with their signed dual coefficients
    /// (y_i α_i), the intercept, γ and the Platt sigmoid.
    public struct Fitted: Codable, Sendable, Equatable {
        public var supportVectors: [[Double]]
        public var dualCoefficients: [Double]
        public var intercept: Double
        public var gamma: Double
        /// P(class 1 | f) = 1 / (1 + exp(plattA · f + plattB)).
        public var plattA: Double
        public var plattB: Double

        /// Decision values f(x) = Σ y_i α_i K(x_i, x) + b.
        public func decisionFunction(_ x: Matrix) throws -> [Double] {
            guard x.columns == (supportVectors.first?.count ?? x.columns) else {
                throw LearnError.invalidParameter(name: "columns", value: Double(x.columns),
                                                  requirement: "\(supportVectors.first?.count ?? 0) features, as in training")
            }
            return (0..<x.rows).map { r in
                let row = x.row(r)
                var f = intercept
                for (sv, coef) in zip(supportVectors, dualCoefficients) {
                    f += coef * SVC.rbf(sv, row, gamma)
                }
                return f
            }
        }

        /// Platt-scaled probabilities of class 1.
        public func predictProbability(_ x: Matrix) throws -> [Double] {
            try decisionFunction(x).map { PlattScaling.probability($0, a: plattA, b: plattB) }
        }
    }

    /// Fits the SVM on all rows, then the Platt sigmoid on cross-validated decision values.
    public func fit(_ x: Matrix, _ labels: [Int]) throws -> Fitted {
        var fitted = try fitDecision(x, labels)
        let cvDecisions = try crossValidatedDecisions(x, labels, gamma: fitted.gamma)
        let sigmoid = try PlattScaling.fit(decisionValues: cvDecisions, labels: labels)
        fitted.plattA = sigmoid.a
        fitted.plattB = sigmoid.b
        return fitted
    }

    /// Fits the SVM only (no probability calibration; Platt parameters left at 0).
    public func fitDecision(_ x: Matrix, _ labels: [Int], gamma fixedGamma: Double? = nil) throws -> Fitted {
        guard x.rows == labels.count, x.rows >= 2 else {
            throw LearnError.invalidParameter(name: "rows", value: Double(x.rows), requirement: "at least 2, one label per row")
        }
        guard labels.allSatisfy({ $0 == 0 || $0 == 1 }), labels.contains(0), labels.contains(1) else {
            throw LearnError.invalidParameter(name: "labels", value: 0, requirement: "0/1 with both classes present")
        }
        let g = fixedGamma ?? gamma ?? Self.scaleGamma(x)
        let rows = (0..<x.rows).map { x.row($0) }
        let y = labels.map { $0 == 1 ? 1.0 : -1.0 }
        let solution = try SMOSolver(rows: rows, y: y, c: c, gamma: g, tolerance: tolerance, maxIterations: maxIterations).solve()
        var svs: [[Double]] = [], coefs: [Double] = []
        for i in rows.indices where solution.alpha[i] > 0 {
            svs.append(rows[i])
            coefs.append(y[i] * solution.alpha[i])
        }
        return Fitted(supportVectors: svs, dualCoefficients: coefs, intercept: -solution.rho, gamma: g, plattA: 0, plattB: 0)
    }

    /// Decision values of each row from a model fitted without its fold (libsvm's
    /// `svm_binary_svc_probability`), with stratified-free random folds as libsvm.
    func crossValidatedDecisions(_ x: Matrix, _ labels: [Int], gamma g: Double) throws -> [Double] {
        let n = x.rows
        var order = Array(0..<n)
        var generator = SeededGenerator(seed: seed)
        generator.shuffle(&order)
        var decisions = [Double](repeating: 0, count: n)
        let k = max(2, min(plattFolds, n))
        for fold in 0..<k {
            let start = fold * n / k, end = (fold + 1) * n / k
            let test = Array(order[start..<end])
            let train = Array(order[..<start]) + Array(order[end...])
            let trainLabels = train.map { labels[$0] }
            if !trainLabels.contains(0) || !trainLabels.contains(1) {
                // libsvm: a one-class training fold predicts that class with decision ±1.
                let value: Double = trainLabels.first == 1 ? 1 : -1
                for i in test { decisions[i] = value }
                continue
            }
            let model = try fitDecision(x.selectingRows(train), trainLabels, gamma: g)
            let f = try model.decisionFunction(x.selectingRows(test))
            for (i, v) in zip(test, f) { decisions[i] = v }
        }
        return decisions
    }

    /// scikit-learn's gamma = "scale": 1 / (n_features · X.var()), 1 when the variance is 0.
    public static func scaleGamma(_ x: Matrix) -> Double {
        let values = (0..<x.rows).flatMap { x.row($0) }
        let mean = values.reduce(0, +) / Double(max(values.count, 1))
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(values.count, 1))
        return variance > 0 ? 1 / (Double(x.columns) * variance) : 1
    }

    @inline(__always)
    static func rbf(_ a: [Double], _ b: [Double], _ gamma: Double) -> Double {
        var d = 0.0
        for i in a.indices {
            let t = a[i] - b[i]
            d += t * t
        }
        return exp(-gamma * d)
    }
}
