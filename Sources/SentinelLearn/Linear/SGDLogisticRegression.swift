import Foundation
import SentinelNumerics

/// L2-penalised logistic regression trained by stochastic gradient descent, run to convergence.
///
/// Objective (per-sample scale, as scikit-learn `SGDClassifier(loss="log_loss", penalty="l2",
/// alpha=α)`):  F(w, b) = (1/n) Σᵢ [log(1 + e^{zᵢ}) − yᵢzᵢ] + (α/2)‖w‖²,  b unpenalised.
/// F is strictly convex, so its minimiser is unique and equals scikit-learn
/// `LogisticRegression(C = 1/(α·n))`; this solver is run until it reaches that optimum.
///
/// Algorithm (stated so the run can be reproduced):
/// - Epochs visit the samples in a fresh permutation drawn with `SeededGenerator.shuffle`
///   (seeded shuffling, sampling without replacement).
/// - Each step uses the variance-reduced stochastic gradient of SVRG (Johnson & Zhang 2013):
///   ∇ℓᵢ(θ) − ∇ℓᵢ(θ̃) + ∇F(θ̃) + penalty, with θ̃ the epoch's snapshot, so that the step noise
///   vanishes at the optimum and a constant learning rate converges (plain SGD with a decaying
///   rate needs ~10⁸ steps for 1e-3 relative accuracy at n = 203).
/// - Learning rate: constant η = 1 / L, L = ¼ maxᵢ(‖xᵢ‖² + 1) + α, the largest per-sample
///   smoothness constant (scikit-learn's SAG step size for the log loss). Should an epoch ever
///   produce a non-finite gradient, the run returns to the previous snapshot with η halved.
/// - Averaging: the next snapshot θ̃ is the average of the epoch's iterates (Polyak–Ruppert
///   averaging within the epoch, SVRG "option II"); the returned model is the last snapshot.
/// - Stopping: when ‖∇F(θ̃)‖∞ ≤ `tolerance` (checked at each snapshot, before the epoch), or
///   after `maxEpochs` (then `converged` is false).
public struct SGDLogisticRegression: Codable, Sendable, Equatable {
    /// Penalty α > 0.
    public var alpha: Double
    /// Gradient ∞-norm at which the run stops.
    public var tolerance: Double
    /// Epoch limit.
    public var maxEpochs: Int

    public init(alpha: Double, tolerance: Double = 1e-8, maxEpochs: Int = 100_000) {
        self.alpha = alpha
        self.tolerance = tolerance
        self.maxEpochs = maxEpochs
    }

    /// Fits on `x` (n × p) and 0/1 `labels`, drawing the epoch permutations from `generator`.
    /// - Throws: `LearnError` on empty/non-finite input, labels not 0/1 or a single class, α ≤ 0.
    public func fit(_ x: Matrix, labels: [Int], generator: inout SeededGenerator) throws -> Fitted {
        try InputCheck.matrix(x)
        try InputCheck.labels(labels, rows: x.rows)
        try validateParameters()
        return run(x, labels.map(Double.init), start: nil, generator: &generator)
    }

    func validateParameters() throws {
        guard alpha > 0, alpha.isFinite else {
            throw LearnError.invalidParameter(name: "alpha", value: alpha, requirement: "positive and finite")
        }
        guard maxEpochs > 0 else {
            throw LearnError.invalidParameter(name: "maxEpochs", value: Double(maxEpochs), requirement: "positive")
        }
    }

    /// The solver on validated input; `start` warm-starts (w..., b).
    func run(_ x: Matrix, _ y: [Double], start: [Double]?, generator: inout SeededGenerator) -> Fitted {
        let n = x.rows, p = x.columns, d = p + 1
        var maxNorm = 0.0
        for r in 0..<n {
            var s = 1.0
            for c in 0..<p { s += x[r, c] * x[r, c] }
            maxNorm = max(maxNorm, s)
        }
        var eta = 1 / (0.25 * maxNorm + alpha)
        var snapshot = start ?? [Double](repeating: 0, count: d)
        var snapshotResidual = [Double](repeating: 0, count: n)
        var fullGradient = [Double](repeating: 0, count: d)
        var theta = snapshot
        var sum = [Double](repeating: 0, count: d)
        var order = Array(0..<n)
        var epochs = 0
        var gradientNorm = Double.infinity
        var lastGood = snapshot
        let level = LearnKernels.level
        // The full gradient and the epochs run in C at the CPU's widest vector level
        // (`LearnKernels`): the arithmetic and its order are those of the plain loops stated
        // there, so results are bit-identical whatever the CPU.
        x.values.withUnsafeBufferPointer { xb in
        y.withUnsafeBufferPointer { yb in
            while true {
                // Full gradient at the snapshot (also the convergence check).
                LearnKernels.sgdGradient(x: xb, rows: n, columns: p, y: yb, theta: snapshot, alpha: alpha,
                                         residual: &snapshotResidual, full: &fullGradient, level: level)
                gradientNorm = fullGradient.reduce(0) { max($0, abs($1)) }
                if !gradientNorm.isFinite && snapshot != lastGood && epochs < maxEpochs {
                    snapshot = lastGood
                    eta /= 2
                    continue
                }
                lastGood = snapshot
                if gradientNorm <= tolerance || epochs >= maxEpochs { break }
                epochs += 1
                generator.shuffle(&order)
                theta = snapshot
                LearnKernels.sgdEpoch(x: xb, rows: n, columns: p, y: yb, order: order, residual: snapshotResidual,
                                      full: fullGradient, alpha: alpha, step: eta, theta: &theta, snapshot: &snapshot,
                                      total: &sum, level: level)
            }
        }}
        let model = LogisticModel(coefficients: Array(snapshot[0..<p]), intercept: snapshot[p])
        return Fitted(alpha: alpha, model: model, epochs: epochs, gradientNorm: gradientNorm,
                      converged: gradientNorm <= tolerance)
    }

    /// A fitted SGD logistic model: plain data.
    public struct Fitted: Codable, Sendable, Equatable {
        /// The penalty it was trained with.
        public var alpha: Double
        /// Coefficients and intercept.
        public var model: LogisticModel
        /// Epochs run.
        public var epochs: Int
        /// ‖∇F‖∞ at the returned model.
        public var gradientNorm: Double
        /// Whether `gradientNorm` ≤ `tolerance`.
        public var converged: Bool

        /// P(y = 1 | x) per row.
        public func predictProbability(_ x: Matrix) throws -> [Double] { try model.predictProbability(x) }
        /// Log-odds x·w + b per row.
        public func decisionFunction(_ x: Matrix) throws -> [Double] { try model.decisionFunction(x) }
    }
}
