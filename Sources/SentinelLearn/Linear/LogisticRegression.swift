import SentinelNumerics

/// L2-penalised logistic regression solved exactly by damped Newton iterations.
///
/// Minimises  Σᵢ [log(1 + e^{zᵢ}) − yᵢzᵢ] + (α·n/2)‖w‖²,  zᵢ = xᵢ·w + b,  b unpenalised,
/// which is scikit-learn `LogisticRegression(C = 1/(α·n))` (lbfgs, L2) and, divided by n, the
/// objective of `SGDClassifier(loss="log_loss", alpha=α)`. The problem is strictly convex in
/// (w, b) whenever both classes are present, so the optimum is unique, also under perfect
/// separation (the penalty keeps w finite). Stops when the gradient of the n-normalised
/// objective has ∞-norm ≤ `tolerance`. Steps are backtracked (Armijo) while the Newton
/// decrement is resolvable in the objective; below ~1e-10 of it, full steps are taken without
/// evaluating the objective until the gradient meets the tolerance or stops shrinking.
public struct LogisticRegression: Codable, Sendable, Equatable {
    /// Penalty α > 0 (per-sample scale, as `SGDClassifier.alpha`).
    public var alpha: Double
    /// Gradient ∞-norm tolerance of the n-normalised objective.
    public var tolerance: Double
    /// Maximum Newton iterations.
    public var maxIterations: Int

    public init(alpha: Double, tolerance: Double = 1e-10, maxIterations: Int = 100) {
        self.alpha = alpha
        self.tolerance = tolerance
        self.maxIterations = maxIterations
    }

    /// Fits on `x` (n × p) and 0/1 `labels`.
    /// - Throws: `LearnError` on empty/non-finite input, labels not 0/1 or a single class, α ≤ 0.
    public func fit(_ x: Matrix, labels: [Int]) throws -> LogisticModel {
        try fit(x, labels: labels, start: nil)
    }

    /// Fits as `fit(_:labels:)`, starting the Newton iterations from `start` (a warm start,
    /// e.g. the solution at a neighbouring α); the optimum is unique, so the result agrees
    /// with a cold start to within `tolerance`.
    public func fit(_ x: Matrix, labels: [Int], start: LogisticModel?) throws -> LogisticModel {
        try InputCheck.matrix(x)
        try InputCheck.labels(labels, rows: x.rows)
        guard alpha > 0, alpha.isFinite else {
            throw LearnError.invalidParameter(name: "alpha", value: alpha, requirement: "positive and finite")
        }
        let n = x.rows, p = x.columns, d = p + 1
        let lambda = alpha * Double(n)
        let y = labels.map(Double.init)
        var theta = [Double](repeating: 0, count: d)  // w..., b
        if let start, start.coefficients.count == p, start.coefficients.allSatisfy(\.isFinite), start.intercept.isFinite {
            theta = start.coefficients + [start.intercept]
        }
        var value = objective(x, y, theta, lambda)
        var gradient = [Double](repeating: 0, count: d)
        var hessian = [Double](repeating: 0, count: d * d)
        var design = [Double](repeating: 1, count: n * d)
        for r in 0..<n { for c in 0..<p { design[r * d + c] = x.values[r * p + c] } }
        var weighted = design
        let level = LearnKernels.level
        var previousNorm = Double.infinity
        var valueIsCurrent = true  // whether `value` is the objective at `theta`
        for _ in 0..<maxIterations {
            accumulate(design, y, theta, rows: n, weighted: &weighted, gradient: &gradient, hessian: &hessian, level: level)
            for k in 0..<p {
                gradient[k] += lambda * theta[k]
                hessian[k * d + k] += lambda
            }
            // dgemm rounds H[a, b] and H[b, a] separately: the upper triangle is used for both
            // (the Cholesky solve reads only it; the lower one is copied for the LU fallback).
            if gradient.reduce(0, { max($0, abs($1)) }) / Double(n) <= tolerance { break }
            // H is symmetric positive definite (the penalty and both classes): Cholesky, with
            // LU as the fallback should rounding leave it numerically indefinite.
            guard let step = LinearAlgebra.choleskySolve(hessian, n: d, gradient) ?? {
                for a in 0..<d { for b in 0..<a { hessian[a * d + b] = hessian[b * d + a] } }
                return LinearAlgebra.solve(hessian, n: d, gradient)
            }() else { break }
            var t = 1.0
            var directional = 0.0
            for k in 0..<d { directional -= gradient[k] * step[k] }
            // The Newton decrement −directional = gᵀH⁻¹g is twice the decrease the full step
            // predicts. Once it is below ~1e-10 of the objective, that decrease is within the
            // objective's rounding noise: the Armijo test can no longer tell, and halving the
            // step would only evaluate the objective dozens of times to no effect. There the
            // iterate is in Newton's quadratic-convergence region, so the full step is taken
            // without evaluating the objective (evaluated again only if a later step needs it).
            let resolved = -directional > 1e-10 * max(abs(value), 1)
            if !resolved {
                // Within rounding of the optimum: stop once a further step no longer
                // shrinks the gradient (rounding noise cannot be iterated away).
                let norm = gradient.reduce(0, { max($0, abs($1)) })
                if norm >= previousNorm { break }
                previousNorm = norm
            }
            if !resolved {
                for k in 0..<d { theta[k] -= step[k] }
                valueIsCurrent = false
                continue
            }
            if !valueIsCurrent {
                value = objective(x, y, theta, lambda)
                valueIsCurrent = true
            }
            while t > 1e-12 {
                let candidate = (0..<d).map { theta[$0] - t * step[$0] }
                let newValue = objective(x, y, candidate, lambda)
                if newValue <= value + 1e-4 * t * directional || newValue.isEqual(to: value) {
                    theta = candidate
                    value = newValue
                    break
                }
                t /= 2
            }
            if t <= 1e-12 { break }
        }
        return LogisticModel(coefficients: Array(theta[0..<p]), intercept: theta[p])
    }

    /// Unpenalised gradient and full Hessian of Σ log-loss at θ (the intercept is the last
    /// coordinate, with feature value 1): g = X̃ᵀ(p − y), H = X̃ᵀ W X̃ with X̃ = [X 1] and
    /// W = diag(p(1 − p)), the product by BLAS `dgemm` (`design` is X̃, row-major n × d;
    /// `weighted` its scratch copy for W X̃).
    private func accumulate(_ design: [Double], _ y: [Double], _ theta: [Double], rows n: Int,
                            weighted: inout [Double], gradient: inout [Double], hessian: inout [Double],
                            level: LearnKernels.Level) {
        let d = theta.count
        // The rows' sigmoid, gradient sums and weighted design in C at the CPU's widest vector
        // level (`LearnKernels.logisticAccumulate`: the same operations in the same order).
        LearnKernels.logisticAccumulate(design: design, y: y, theta: theta, rows: n, weighted: &weighted,
                                        gradient: &gradient, level: level)
        hessian = LinearAlgebra.dgemm(m: d, n: d, k: n, a: design, transposeA: true, b: weighted)
    }

    private func objective(_ x: Matrix, _ y: [Double], _ theta: [Double], _ lambda: Double) -> Double {
        let p = x.columns
        var s = 0.0
        x.values.withUnsafeBufferPointer { xb in
            for r in 0..<x.rows {
                var z = theta[p]
                let base = r * p
                for c in 0..<p { z += xb[base + c] * theta[c] }
                s += Logistic.softplus(z) - y[r] * z
            }
        }
        var w2 = 0.0
        for c in 0..<p { w2 += theta[c] * theta[c] }
        return s + 0.5 * lambda * w2
    }
}
