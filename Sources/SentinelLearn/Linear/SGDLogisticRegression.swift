import SentinelNumerics

#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// L2-penalised logistic regression trained by averaged stochastic gradient descent.
///
/// Objective (scikit-learn `SGDClassifier(loss="log_loss", penalty="l2", alpha=α)`):
///     (1/n) Σ_i log(1 + exp(−s_i (b + w·x_i))) + (α/2)‖w‖²,
/// intercept unpenalised. Each epoch visits the rows in a fresh seeded random order.
/// Training runs in phases of constant step size η with Polyak-Ruppert averaging of the
/// iterates; a phase ends when the average moves by less than 1e-9 (relative, max-norm)
/// over an epoch (or after 1000 epochs), then restarts from the average with η/4. The
/// averaging bias shrinks with η, so training stops when η has fallen below
/// `initialStep · minimumStepRatio` and the last phase moved less than `tolerance`: run to
/// convergence, the result agrees with the unique optimum of the exact
/// `LogisticRegression(penalty: α·n)` (tested to 1e-3 relative).
public struct SGDLogisticRegression: Codable, Sendable, Equatable {
    public var alpha: Double
    public var seed: UInt64
    public var initialStep: Double
    public var tolerance: Double
    public var maxEpochs: Int

    public init(alpha: Double, seed: UInt64, initialStep: Double = 0.5, tolerance: Double = 1e-7, maxEpochs: Int = 5000) {
        self.alpha = alpha
        self.seed = seed
        self.initialStep = initialStep
        self.tolerance = tolerance
        self.maxEpochs = maxEpochs
    }

    public var minimumStepRatio: Double = 1e-5

    public func fit(_ x: Matrix, _ labels: [Int]) throws -> LogisticRegression.Fitted {
        try Logistic.validate(x, labels)
        guard alpha > 0 else {
            throw LearnError.invalidParameter(name: "alpha", value: alpha, requirement: "> 0")
        }
        let n = x.rows, p = x.columns
        let rows = (0..<n).map { x.row($0) }
        let y = labels.map(Double.init)
        var w = [Double](repeating: 0, count: p), b = 0.0
        var order = Array(0..<n)
        var generator = SeededGenerator(seed: seed)
        var step = initialStep
        var epochs = 0
        while epochs < maxEpochs {
            var avgW = w, avgB = b, averaged = 0.0
            var phaseEpochs = 0, lastChange = Double.infinity
            while phaseEpochs < 1000 && epochs < maxEpochs {
                generator.shuffle(&order)
                let previous = avgW + [avgB]
                let shrink = 1 - step * alpha
                for i in order {
                    let row = rows[i]
                    var z = b
                    for j in 0..<p { z += w[j] * row[j] }
                    let g = Logistic.sigmoid(z) - y[i]
                    for j in 0..<p { w[j] = w[j] * shrink - step * g * row[j] }
                    b -= step * g
                    averaged += 1
                    let mix = 1 / averaged
                    for j in 0..<p { avgW[j] += (w[j] - avgW[j]) * mix }
                    avgB += (b - avgB) * mix
                }
                phaseEpochs += 1
                epochs += 1
                let current = avgW + [avgB]
                let scale = max(1, current.reduce(0) { max($0, abs($1)) })
                lastChange = zip(current, previous).reduce(0) { max($0, abs($1.0 - $1.1)) } / scale
                if phaseEpochs >= 2 && lastChange < 1e-9 { break }
            }
            w = avgW
            b = avgB
            if step < initialStep * minimumStepRatio && lastChange < tolerance { break }
            step /= 4
        }
        return LogisticRegression.Fitted(coefficients: w, intercept: b)
    }
}
