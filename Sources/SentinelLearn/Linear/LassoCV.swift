/// LASSO with α chosen by cross-validated mean squared error, as scikit-learn `LassoCV`.
///
/// - The α grid is computed on the full data (scikit-learn `_alpha_grid`): α_max = max|X̃ᵀỹ|/n
///   on centred X̃, ỹ (the smallest α giving w = 0), then `alphaCount` values geometrically
///   spaced from α_max down to `eps`·α_max. If α_max ≤ 1e-15 (NumPy's float64 resolution,
///   e.g. constant y) every α is 1e-15, as scikit-learn.
/// - Each fold centres its own training part, solves the whole path with warm starts and
///   records the test MSE of every α (`msePath[alphaIndex][fold]`, scikit-learn `mse_path_`).
///   `solver` says how each α is solved: `.exact` (the default) finds the optimum itself
///   (`ExactLassoPath` on the fold's Gram matrix), `.coordinateDescent` runs scikit-learn's
///   iteration and stopping rule at `tolerance` (on the Gram matrix when the fold has more rows
///   than features, as scikit-learn's `precompute="auto"`), which stops short of the optimum.
/// - α_min is the α with the smallest mean MSE over folds (first one on ties), and the final
///   model is fitted at α_min on all data (as scikit-learn refits): `.exact` by the same
///   active-set path on the full data's Gram matrix from α_max down to α_min, `.coordinateDescent`
///   by a cold-start `Lasso` fit.
public struct LassoCV: Codable, Sendable, Equatable {
    /// How each α of the path is solved.
    public enum Solver: String, Codable, Sendable, Equatable {
        /// The exact optimum (active-set step; scikit-learn's answer as its `tol` goes to 0).
        case exact
        /// scikit-learn's coordinate descent, step for step, stopped at `tolerance`.
        case coordinateDescent
    }

    /// Length of the α grid (scikit-learn `alphas=100`).
    public var alphaCount: Int
    /// α_min/α_max of the grid (scikit-learn `eps=1e-3`).
    public var eps: Double
    /// Relative duality-gap tolerance (scikit-learn `tol`) of `.coordinateDescent`.
    public var tolerance: Double
    /// Maximum sweeps per α (scikit-learn `max_iter`; the reference pipeline uses 100000), also
    /// of the exact solver's coordinate-descent fallback.
    public var maxIterations: Int
    /// How each α is solved.
    public var solver: Solver

    public init(alphaCount: Int = 100, eps: Double = 1e-3, tolerance: Double = 1e-4, maxIterations: Int = 1000,
                solver: Solver = .exact) {
        self.alphaCount = alphaCount
        self.eps = eps
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.solver = solver
    }

    /// The α grid for (x, y), descending (scikit-learn `_alpha_grid`, l1_ratio = 1).
    public func alphaGrid(_ x: Matrix, _ y: [Double]) throws -> [Double] {
        try InputCheck.matrix(x)
        try InputCheck.targets(y, rows: x.rows)
        let problem = CentredProblem(x, y)
        let cd = problem.solver
        var maxAbs = 0.0
        for j in 0..<cd.p {
            var s = 0.0
            for i in 0..<cd.n { s += cd.x[j * cd.n + i] * cd.y[i] }
            maxAbs = max(maxAbs, abs(s))
        }
        let alphaMax = maxAbs / Double(x.rows)
        let resolution = 1e-15
        if alphaMax <= resolution { return [Double](repeating: resolution, count: alphaCount) }
        if alphaCount == 1 { return [alphaMax] }
        return (0..<alphaCount).map { i in
            if i == 0 { return alphaMax }
            if i == alphaCount - 1 { return alphaMax * eps }
            return alphaMax * Foundation.pow(eps, Double(i) / Double(alphaCount - 1))
        }
    }

    /// Cross-validates over the α grid with the given folds and refits at α_min.
    /// - Parameters:
    ///   - x: n × p features (z-score them first for the paper's selection).
    ///   - y: n targets (the 0/1 outcome as Double for the selection step).
    ///   - folds: train/test splits, e.g. `StratifiedKFold(...).splits` or explicit folds.
    /// - Throws: `LearnError` on invalid input, fewer than 2 folds, or a fold with < 2 training rows.
    public func fit(_ x: Matrix, _ y: [Double], folds: [FoldSplit]) throws -> Fitted {
        let alphas = try prepare(x, y, folds: folds)
        let paths = folds.map { foldMSE(x, y, split: $0, alphas: alphas) }
        return try finish(x, y, alphas: alphas, foldMSE: paths)
    }

    /// `fit` in steps, so that folds can run as separate (concurrent) tasks:
    /// `prepare` checks the input and returns the α grid, `foldMSE` solves one fold's path,
    /// `finish` averages the folds and refits at α_min. Composed in this order they are `fit`.
    /// - Throws: as `fit`.
    public func prepare(_ x: Matrix, _ y: [Double], folds: [FoldSplit]) throws -> [Double] {
        guard alphaCount >= 1 else {
            throw LearnError.invalidParameter(name: "alphaCount", value: Double(alphaCount), requirement: "at least 1")
        }
        guard eps > 0, eps < 1 else {
            throw LearnError.invalidParameter(name: "eps", value: eps, requirement: "in (0, 1)")
        }
        guard folds.count >= 2 else { throw LearnError.invalidFolds(reason: "at least two folds are needed") }
        let alphas = try alphaGrid(x, y)
        for (f, split) in folds.enumerated() {
            guard split.train.count >= 2, !split.test.isEmpty,
                  (split.train + split.test).allSatisfy({ $0 >= 0 && $0 < x.rows }) else {
                throw LearnError.invalidFolds(reason: "fold \(f) has too few rows or an index outside 0..<\(x.rows)")
            }
        }
        return alphas
    }

    /// Test MSE of every α of `alphas` on one fold checked by `prepare`.
    public func foldMSE(_ x: Matrix, _ y: [Double], split: FoldSplit, alphas: [Double]) -> [Double] {
        foldPath(x, y, split: split, alphas: alphas)
    }

    /// Averages the folds' test MSE (`foldMSE[f]` for fold f) and refits at α_min.
    public func finish(_ x: Matrix, _ y: [Double], alphas: [Double], foldMSE paths: [[Double]]) throws -> Fitted {
        var mse = [[Double]](repeating: [Double](repeating: 0, count: paths.count), count: alphas.count)
        for (f, path) in paths.enumerated() {
            for a in alphas.indices { mse[a][f] = path[a] }
        }
        let meanMSE = mse.map { $0.reduce(0, +) / Double(paths.count) }
        var best = 0
        for a in meanMSE.indices where meanMSE[a] < meanMSE[best] { best = a }
        let model = solver == .exact
            ? exactRefit(x, y, alphas: alphas[...best])
            : try Lasso(alpha: alphas[best], tolerance: tolerance, maxIterations: maxIterations).fit(x, y)
        return Fitted(alphas: alphas, msePath: mse, meanMSE: meanMSE, alpha: alphas[best], model: model)
    }

    /// Test MSE of every α on one fold (warm-started path on the fold's centred training part).
    private func foldPath(_ x: Matrix, _ y: [Double], split: FoldSplit, alphas: [Double]) -> [Double] {
        let problem = CentredProblem(x.selectingRows(split.train), split.train.map { y[$0] })
        let test = x.selectingRows(split.test)
        let n = Double(split.train.count)
        var w = [Double](repeating: 0, count: x.columns)
        if solver == .exact {
            var path = ExactLassoPath(gram: problem.solver.gramSystem(), p: x.columns)
            return alphas.map { alpha in
                _ = path.solve(lambda: alpha * n, w: &w, maxIterations: maxIterations)
                return testMSE(problem, test: test, y: y, rows: split.test, w: w)
            }
        }
        // scikit-learn precompute="auto": the Gram form when the fold has more rows than features.
        let gram = split.train.count > x.columns ? problem.solver.gramSystem() : nil
        return alphas.map { alpha in
            if let gram {
                _ = problem.solver.solveGram(gram, lambda: alpha * n, w: &w, tol: tolerance, maxIterations: maxIterations)
            } else {
                _ = problem.solver.solve(lambda: alpha * n, w: &w, tol: tolerance, maxIterations: maxIterations)
            }
            return testMSE(problem, test: test, y: y, rows: split.test, w: w)
        }
    }

    /// Mean squared error on the test rows of the model w (intercept from the training part).
    private func testMSE(_ problem: CentredProblem, test: Matrix, y: [Double], rows: [Int], w: [Double]) -> Double {
        let b0 = problem.intercept(w)
        // The non-zero coefficients, ascending: each prediction adds the same terms in the
        // same order as a loop over every column skipping zeros.
        let nonzero = w.indices.filter { w[$0] != 0 }
        var s = 0.0
        for (k, row) in rows.enumerated() {
            var pred = b0
            for c in nonzero { pred += test[k, c] * w[c] }
            let d = pred - y[row]
            s += d * d
        }
        return s / Double(rows.count)
    }

    /// The exact optimum at the last α of `path` (descending, from α_max) on all data, solved
    /// along the path with warm starts.
    private func exactRefit(_ x: Matrix, _ y: [Double], alphas path: ArraySlice<Double>) -> Lasso.Fitted {
        let problem = CentredProblem(x, y)
        let n = Double(x.rows)
        var solver = ExactLassoPath(gram: problem.solver.gramSystem(), p: x.columns)
        var w = [Double](repeating: 0, count: x.columns)
        var verified = true
        for alpha in path { verified = solver.solve(lambda: alpha * n, w: &w, maxIterations: maxIterations) }
        let alpha = path.last!
        return Lasso.Fitted(alpha: alpha, coefficients: w, intercept: problem.intercept(w),
                            dualGap: solver.gap(lambda: alpha * n, w: w), iterations: solver.sweeps,
                            converged: verified)
    }

    /// A cross-validated LASSO: plain data.
    public struct Fitted: Codable, Sendable, Equatable {
        /// The α grid, descending (scikit-learn `alphas_`).
        public var alphas: [Double]
        /// Test MSE per α (rows) and fold (columns) (scikit-learn `mse_path_`).
        public var msePath: [[Double]]
        /// Mean of `msePath` over folds, per α.
        public var meanMSE: [Double]
        /// α_min: the α with the smallest mean MSE (scikit-learn `alpha_`).
        public var alpha: Double
        /// The refit on all data at α_min (scikit-learn `coef_`, `intercept_`).
        public var model: Lasso.Fitted
    }
}

import Foundation
