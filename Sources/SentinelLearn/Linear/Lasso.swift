/// L1-penalised least squares with an unpenalised intercept, as scikit-learn `Lasso`:
///
///   minimise over (w, b₀)  (1/(2n))‖y − Xw − b₀‖² + α‖w‖₁
///
/// Solved by cyclic coordinate descent on centred data with scikit-learn's stopping rule
/// (duality gap ≤ `tolerance`·‖y − ȳ‖², see `CoordinateDescent`). Features are used as given;
/// z-score them first (`StandardScaler`) for the paper's selection step.
public struct Lasso: Codable, Sendable, Equatable {
    /// Penalty α > 0 (scikit-learn's `alpha`).
    public var alpha: Double
    /// Relative duality-gap tolerance (scikit-learn `tol`, default 1e-4).
    public var tolerance: Double
    /// Maximum coordinate-descent sweeps (scikit-learn `max_iter`, default 1000).
    public var maxIterations: Int

    public init(alpha: Double, tolerance: Double = 1e-4, maxIterations: Int = 1000) {
        self.alpha = alpha
        self.tolerance = tolerance
        self.maxIterations = maxIterations
    }

    /// Fits on `x` (n × p) and targets `y` (n).
    /// - Throws: `LearnError` on empty/non-finite input, mismatched sizes or α ≤ 0.
    public func fit(_ x: Matrix, _ y: [Double]) throws -> Fitted {
        try validate(x, y)
        let problem = CentredProblem(x, y)
        var w = [Double](repeating: 0, count: x.columns)
        let outcome = problem.solver.solve(lambda: alpha * Double(x.rows), w: &w, tol: tolerance,
                                           maxIterations: maxIterations)
        return Fitted(alpha: alpha, coefficients: w, intercept: problem.intercept(w),
                      dualGap: outcome.gap, iterations: outcome.iterations, converged: outcome.converged)
    }

    func validate(_ x: Matrix, _ y: [Double]) throws {
        try InputCheck.matrix(x)
        try InputCheck.targets(y, rows: x.rows)
        guard alpha > 0, alpha.isFinite else {
            throw LearnError.invalidParameter(name: "alpha", value: alpha, requirement: "positive and finite")
        }
        guard tolerance >= 0 else {
            throw LearnError.invalidParameter(name: "tolerance", value: tolerance, requirement: "non-negative")
        }
        guard maxIterations > 0 else {
            throw LearnError.invalidParameter(name: "maxIterations", value: Double(maxIterations), requirement: "positive")
        }
    }

    /// A fitted LASSO: plain data.
    public struct Fitted: Codable, Sendable, Equatable {
        /// The penalty it was fitted at.
        public var alpha: Double
        /// w, one per feature (exact zeros for dropped features).
        public var coefficients: [Double]
        /// b₀.
        public var intercept: Double
        /// Final duality gap (in the ½‖·‖² + α·n‖·‖₁ scale, as scikit-learn's `dual_gap_`·n).
        public var dualGap: Double
        /// Coordinate-descent sweeps used.
        public var iterations: Int
        /// Whether the gap reached the tolerance within `maxIterations`.
        public var converged: Bool

        /// Indices of the non-zero coefficients, ascending.
        public var selectedFeatures: [Int] {
            coefficients.indices.filter { coefficients[$0] != 0 }
        }

        /// Xw + b₀.
        public func predict(_ x: Matrix) throws -> [Double] {
            try InputCheck.columns(x, expected: coefficients.count)
            return (0..<x.rows).map { r in
                var s = intercept
                for c in 0..<x.columns { s += x[r, c] * coefficients[c] }
                return s
            }
        }
    }
}
