import Foundation
import SentinelNumerics

/// C-support-vector classifier with an RBF kernel and Platt-scaled probabilities, as
/// scikit-learn `SVC(kernel="rbf", C=1, gamma="scale", probability=True)` (libsvm).
///
/// - Kernel K(x, z) = exp(−γ‖x − z‖²); `gamma = .scale` is γ = 1 / (p · Var(X)) with Var over
///   all training entries (ddof 0), or 1 when that variance is 0, as scikit-learn.
/// - Training: `SMOSolver` (libsvm's WSS3 SMO with shrinking, tolerance 1e-3) on the rows
///   grouped class 0 first (libsvm's internal +1), class 1 second, each in input order, as
///   scikit-learn's libsvm does, so the decision values agree with scikit-learn to ~1e-12 rather
///   than only to the solver tolerance.
/// - Decision value f(x) = Σ dualᵢ K(svᵢ, x) + intercept, positive towards class 1
///   (scikit-learn `decision_function`).
/// - Probabilities (when `probability` is on): libsvm's method, i.e. 5-fold cross-validated
///   decision values on the training data (`PlattScaling.crossValidatedDecisionValues`), then
///   the Lin–Lin–Weng sigmoid fit (`PlattScaling`).
public struct SVC: Codable, Sendable, Equatable {
    /// Kernel width choice.
    public enum Gamma: Codable, Sendable, Equatable {
        /// 1 / (n_features · Var(X)), scikit-learn's default.
        case scale
        /// A fixed γ > 0.
        case value(Double)
    }

    /// Box constraint C > 0.
    public var c: Double
    public var gamma: Gamma
    /// SMO stopping tolerance (scikit-learn `tol`).
    public var tolerance: Double
    /// libsvm shrinking heuristic (scikit-learn `shrinking`).
    public var shrinking: Bool
    /// Whether to fit Platt scaling.
    public var probability: Bool

    public init(c: Double = 1, gamma: Gamma = .scale, tolerance: Double = 1e-3, shrinking: Bool = true,
                probability: Bool = true) {
        self.c = c
        self.gamma = gamma
        self.tolerance = tolerance
        self.shrinking = shrinking
        self.probability = probability
    }

    /// Fits the SVM; the Platt cross-validation permutation is drawn from `generator`
    /// (libsvm's Fisher–Yates scheme with `SeededGenerator.nextInt(below:)`).
    public func fit(_ x: Matrix, labels: [Int], generator: inout SeededGenerator) throws -> Fitted {
        try validate(x, labels)
        var order = Array(0..<x.rows)
        for i in 0..<order.count {
            let j = i + generator.nextInt(below: order.count - i)
            order.swapAt(i, j)
        }
        return try fit(x, labels: labels, plattPermutation: order)
    }

    /// Fits the SVM with an explicit Platt permutation: libsvm's shuffled order of the rows
    /// *after grouping by class* (class-0 rows in input order, then class-1 rows); fold k is
    /// positions ⌊k·n/5⌋ ..< ⌊(k+1)·n/5⌋ of it. Use this to reproduce a scikit-learn run.
    public func fit(_ x: Matrix, labels: [Int], plattPermutation: [Int]) throws -> Fitted {
        try validate(x, labels)
        guard plattPermutation.sorted() == Array(0..<x.rows) else {
            throw LearnError.invalidFolds(reason: "the Platt permutation must contain each of 0..<\(x.rows) once")
        }
        let g = resolvedGamma(x)
        var fitted = try train(x, labels: labels, gamma: g)
        if probability {
            let grouped = groupedOrder(labels)
            let decisions = try PlattScaling.crossValidatedDecisionValues(
                svc: self, gamma: g, x: x.selectingRows(grouped), labels: grouped.map { labels[$0] },
                permutation: plattPermutation)
            fitted.platt = try PlattScaling().fit(decisionValues: decisions, labels: grouped.map { labels[$0] })
        }
        return fitted
    }

    func validate(_ x: Matrix, _ labels: [Int]) throws {
        try InputCheck.matrix(x)
        try InputCheck.labels(labels, rows: x.rows)
        guard c > 0, c.isFinite else {
            throw LearnError.invalidParameter(name: "C", value: c, requirement: "positive and finite")
        }
        if case let .value(v) = gamma, !(v > 0 && v.isFinite) {
            throw LearnError.invalidParameter(name: "gamma", value: v, requirement: "positive and finite")
        }
        if probability {
            for cls in 0...1 where labels.filter({ $0 == cls }).count < 5 {
                throw LearnError.tooFewSamples(what: "class \(cls) for Platt scaling's 5-fold CV", needed: 5,
                                               found: labels.filter { $0 == cls }.count)
            }
        }
    }

    func resolvedGamma(_ x: Matrix) -> Double {
        switch gamma {
        case let .value(v): return v
        case .scale:
            let count = Double(x.values.count)
            let mean = x.values.reduce(0, +) / count
            let variance = x.values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / count
            return variance == 0 ? 1 : 1 / (Double(x.columns) * variance)
        }
    }

    /// Class-0 rows then class-1 rows, each in input order (libsvm's grouping).
    func groupedOrder(_ labels: [Int]) -> [Int] {
        labels.indices.filter { labels[$0] == 0 } + labels.indices.filter { labels[$0] == 1 }
    }

    /// SMO on the grouped rows; no probability model.
    func train(_ x: Matrix, labels: [Int], gamma: Double, classOneFirst: Bool = false) throws -> Fitted {
        let order = classOneFirst
            ? labels.indices.filter { labels[$0] == 1 } + labels.indices.filter { labels[$0] == 0 }
            : groupedOrder(labels)
        let xs = x.selectingRows(order)
        let positiveClass = classOneFirst ? 1 : 0
        let signs = order.map { labels[$0] == positiveClass ? 1.0 : -1.0 }
        let (kernel, diagonal) = RBFKernel.trainingMatrix(xs, gamma: gamma)
        var solver = SMOSolver(kernel: kernel, diagonal: diagonal, labels: signs, c: c, eps: tolerance)
        let solution = solver.solve(shrinking: shrinking)
        var vectors: [Double] = []
        var dual: [Double] = []
        var support: [Int] = []
        let towardsClassOne = classOneFirst ? 1.0 : -1.0  // libsvm f is positive towards its +1 class
        for k in 0..<order.count where solution.alpha[k] != 0 {
            support.append(order[k])
            dual.append(towardsClassOne * solution.alpha[k] * signs[k])
            vectors.append(contentsOf: xs.row(k))
        }
        return Fitted(gamma: gamma, supportIndices: support,
                      supportVectors: Matrix(unchecked: support.count, x.columns, vectors),
                      dualCoefficients: dual, intercept: towardsClassOne * -solution.rho,
                      iterations: solution.iterations, platt: nil)
    }

    /// A fitted SVC: plain data.
    public struct Fitted: Codable, Sendable, Equatable {
        /// γ used.
        public var gamma: Double
        /// Training-row index of each support vector (class-0 SVs first, as scikit-learn `support_`).
        public var supportIndices: [Int]
        /// The support vectors (rows).
        public var supportVectors: Matrix
        /// Signed dual coefficients yᵢαᵢ, positive for class 1 (scikit-learn `dual_coef_`).
        public var dualCoefficients: [Double]
        /// b (scikit-learn `intercept_`).
        public var intercept: Double
        /// SMO iterations.
        public var iterations: Int
        /// The Platt sigmoid, when fitted with `probability`.
        public var platt: PlattScaling.Fitted?

        /// f(x) = Σ dualᵢ K(svᵢ, x) + b per row, positive towards class 1.
        public func decisionFunction(_ x: Matrix) throws -> [Double] {
            try InputCheck.columns(x, expected: supportVectors.columns)
            return (0..<x.rows).map { r in
                var s = 0.0
                for k in 0..<supportVectors.rows {
                    s += dualCoefficients[k] * RBFKernel.value(supportVectors, k, x, r, gamma: gamma)
                }
                return s + intercept
            }
        }

        /// P(y = 1 | x) per row from the Platt sigmoid (as scikit-learn `predict_proba[:, 1]`).
        /// - Throws: `SVMError`-style `LearnError.invalidParameter` when fitted without probability.
        public func predictProbability(_ x: Matrix) throws -> [Double] {
            guard let platt else {
                throw LearnError.invalidParameter(name: "probability", value: 0,
                                                  requirement: "true at fit time to predict probabilities")
            }
            return try decisionFunction(x).map(platt.probability)
        }
    }
}

/// RBF kernel evaluations with libsvm's floating-point formulas.
enum RBFKernel {
    /// Training Gram matrix exp(−γ(‖xᵢ‖² + ‖xⱼ‖² − 2xᵢ·xⱼ)) (libsvm `kernel_rbf`), stored in single
    /// precision as libsvm's kernel cache, and its diagonal in double precision.
    static func trainingMatrix(_ x: Matrix, gamma: Double) -> ([Float], [Double]) {
        let n = x.rows, p = x.columns
        var kernel = [Float](repeating: 0, count: n * n)
        var diagonal = [Double](repeating: 0, count: n)
        x.values.withUnsafeBufferPointer { xb in
            func dot(_ i: Int, _ j: Int) -> Double {
                var s = 0.0
                for k in 0..<p { s += xb[i * p + k] * xb[j * p + k] }
                return s
            }
            let squares = (0..<n).map { dot($0, $0) }
            for i in 0..<n {
                diagonal[i] = exp(-gamma * (squares[i] + squares[i] - 2 * squares[i]))
                for j in i..<n {
                    let v = Float(exp(-gamma * (squares[i] + squares[j] - 2 * dot(i, j))))
                    kernel[i * n + j] = v
                    kernel[j * n + i] = v
                }
            }
        }
        return (kernel, diagonal)
    }

    /// exp(−γ Σ (aₖ − bₖ)²) between row `i` of `a` and row `j` of `b` (libsvm `k_function`).
    static func value(_ a: Matrix, _ i: Int, _ b: Matrix, _ j: Int, gamma: Double) -> Double {
        var s = 0.0
        let p = a.columns
        for k in 0..<p {
            let d = a.values[i * p + k] - b.values[j * p + k]
            s += d * d
        }
        return exp(-gamma * s)
    }
}
