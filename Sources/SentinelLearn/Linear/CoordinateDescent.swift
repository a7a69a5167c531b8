/// Cyclic coordinate descent for the LASSO on centred data, step for step as scikit-learn's
/// `enet_coordinate_descent` (sklearn 1.9, `_cd_fast.pyx`, with l2 penalty β = 0):
///
///   minimise  ½‖y − Xw‖² + λ‖w‖₁        (λ = α·n for scikit-learn's α)
///
/// Coordinates are visited in order; after a sweep whose largest coefficient change is
/// ≤ `tol`·max|w| (or when all w are 0, or on the last sweep) the duality gap of
/// "formulation A" is computed and the solve stops when gap ≤ `tol`·‖y‖². Gap-safe screening
/// (Fercoq et al. 2015) drops coordinates certified to be 0 at the optimum, as scikit-learn does.
struct CoordinateDescent {
    let n: Int
    let p: Int
    /// Centred features, column-major (column j at `x[j*n ..< (j+1)*n]`).
    let x: [Double]
    /// Centred targets.
    let y: [Double]
    let columnNorm2: [Double]

    init(centredColumnMajor x: [Double], n: Int, p: Int, centredTargets y: [Double]) {
        self.n = n
        self.p = p
        self.x = x
        self.y = y
        var norms = [Double](repeating: 0, count: p)
        x.withUnsafeBufferPointer { xb in
            for j in 0..<p {
                var s = 0.0
                for i in 0..<n { let v = xb[j * n + i]; s += v * v }
                norms[j] = s
            }
        }
        self.columnNorm2 = norms
    }

    struct Outcome {
        var gap: Double
        var tolerance: Double
        var iterations: Int
        var converged: Bool
    }

    /// Solves for penalty `lambda` (= α·n) starting from `w` (warm start), in place.
    func solve(lambda: Double, w: inout [Double], tol relativeTol: Double, maxIterations: Int) -> Outcome {
        var r = y
        var xtA = [Double](repeating: 0, count: p)
        var active = [Int](0..<p)
        var excluded = [Bool](repeating: false, count: p)
        return x.withUnsafeBufferPointer { xb in
            // R = y - X w
            for j in 0..<p where w[j] != 0 {
                let wj = w[j]
                for i in 0..<n { r[i] -= wj * xb[j * n + i] }
            }
            var yy = 0.0
            for v in y { yy += v * v }
            let tol = relativeTol * yy
            var (gap, dualNorm) = dualityGap(xb, lambda: lambda, w: w, r: r, xtA: &xtA)
            if gap <= tol { return Outcome(gap: gap, tolerance: tol, iterations: 0, converged: true) }
            screen(lambda: lambda, gap: gap, dualNorm: dualNorm, xtA: xtA, xb: xb, w: &w, r: &r,
                   active: &active, excluded: &excluded, initial: true)
            var iteration = 0
            while iteration < maxIterations {
                let (wMax, dwMax) = sweep(xb, lambda: lambda, active: active, w: &w, r: &r)
                let last = iteration == maxIterations - 1
                iteration += 1
                if wMax == 0 || dwMax / wMax <= relativeTol || last {
                    (gap, dualNorm) = dualityGap(xb, lambda: lambda, w: w, r: r, xtA: &xtA)
                    if gap <= tol {
                        return Outcome(gap: gap, tolerance: tol, iterations: iteration, converged: true)
                    }
                    screen(lambda: lambda, gap: gap, dualNorm: dualNorm, xtA: xtA, xb: xb, w: &w, r: &r,
                           active: &active, excluded: &excluded, initial: false)
                }
            }
            return Outcome(gap: gap, tolerance: tol, iterations: iteration, converged: false)
        }
    }

    /// The same coordinate descent on the Gram matrix Q = XᵀX and q = Xᵀy, as scikit-learn's
    /// `enet_coordinate_descent_gram` (used by `LassoCV`'s `.coordinateDescent` folds when n > p,
    /// `precompute="auto"`, and by `ExactLassoPath`'s fallback):
    /// identical updates and stopping rule, O(p) instead of O(n) work per coordinate. The whole
    /// solve runs in C (`LearnKernels.gramSolve`): qw = Qw built from the warm start, the
    /// duality gap from (Σ w·q, Σ w·Qw, Σ|w|, max|q − Qw|), gap-safe screening with a
    /// screened-out coordinate's contribution removed from qw, and the cyclic passes over the
    /// active coordinates at the CPU's widest vector level (the same operations in the same
    /// order at every level).
    func solveGram(_ gram: GramSystem, lambda: Double, w: inout [Double], tol relativeTol: Double,
                   maxIterations: Int) -> Outcome {
        precondition(w.count == p && gram.q.count == p && gram.matrix.count == p * p, "Gram system of another size")
        let result = gram.matrix.withUnsafeBufferPointer { g in
            gram.q.withUnsafeBufferPointer { q in
                w.withUnsafeMutableBufferPointer { wb in
                    LearnKernels.gramSolve(g: g.baseAddress!, q: q.baseAddress!, yNorm2: gram.yNorm2, p: p, lambda: lambda,
                                           w: wb.baseAddress!, relativeTolerance: relativeTol,
                                           maxIterations: maxIterations, level: LearnKernels.level)
                }
            }
        }
        return Outcome(gap: result.gap, tolerance: result.tolerance, iterations: result.iterations,
                       converged: result.converged)
    }

    /// Q = XᵀX, q = Xᵀy and ‖y‖² of the centred problem.
    func gramSystem() -> GramSystem {
        var matrix = [Double](repeating: 0, count: p * p)
        var q = [Double](repeating: 0, count: p)
        var yNorm2 = 0.0
        x.withUnsafeBufferPointer { xb in
            y.withUnsafeBufferPointer { yb in
                for j in 0..<p {
                    let cj = xb.baseAddress! + j * n
                    q[j] = Kernels.dot(cj, yb.baseAddress!, n)
                    for k in j..<p {
                        let v = Kernels.dot(cj, xb.baseAddress! + k * n, n)
                        matrix[j * p + k] = v
                        matrix[k * p + j] = v
                    }
                }
                yNorm2 = Kernels.dot(yb.baseAddress!, yb.baseAddress!, n)
            }
        }
        return GramSystem(matrix: matrix, q: q, yNorm2: yNorm2)
    }

    /// One cyclic pass over the active coordinates; returns (max|w|, max|Δw|).
    private func sweep(_ xb: UnsafeBufferPointer<Double>, lambda: Double, active: [Int],
                       w: inout [Double], r: inout [Double]) -> (Double, Double) {
        let n = self.n
        var wMax = 0.0
        var dwMax = 0.0
        columnNorm2.withUnsafeBufferPointer { norms in
            w.withUnsafeMutableBufferPointer { wb in
                r.withUnsafeMutableBufferPointer { rb in
                    for j in active {
                        let norm2 = norms[j]
                        if norm2 == 0 { continue }
                        let wOld = wb[j]
                        let col = xb.baseAddress! + j * n
                        let dot = Kernels.dot(col, rb.baseAddress!, n)
                        let tmp = dot + wOld * norm2
                        let shrunk = max(abs(tmp) - lambda, 0)
                        let wNew = tmp < 0 ? -shrunk / norm2 : (tmp > 0 ? shrunk / norm2 : 0)
                        wb[j] = wNew
                        if wNew != wOld {
                            let d = wOld - wNew
                            for i in 0..<n { rb[i] += d * col[i] }
                        }
                        dwMax = max(dwMax, abs(wNew - wOld))
                        wMax = max(wMax, abs(wNew))
                    }
                }
            }
        }
        return (wMax, dwMax)
    }

    /// Duality gap (formulation A) and ‖Xᵀr‖∞; fills `xtA` = Xᵀr.
    private func dualityGap(_ xb: UnsafeBufferPointer<Double>, lambda: Double, w: [Double], r: [Double],
                            xtA: inout [Double]) -> (Double, Double) {
        var dualNorm = 0.0
        r.withUnsafeBufferPointer { rb in
            for j in 0..<p {
                let s = Kernels.dot(xb.baseAddress! + j * n, rb.baseAddress!, n)
                xtA[j] = s
                dualNorm = max(dualNorm, abs(s))
            }
        }
        var rNorm2 = 0.0
        var ry = 0.0
        for i in 0..<n {
            rNorm2 += r[i] * r[i]
            ry += r[i] * y[i]
        }
        var l1 = 0.0
        for v in w { l1 += abs(v) }
        let primal = 0.5 * rNorm2 + lambda * l1
        let scale = dualNorm > lambda ? lambda / dualNorm : 1
        let dual = -0.5 * scale * scale * rNorm2 + scale * ry
        return (primal - dual, dualNorm)
    }

    /// Gap-safe screening (Ndiaye et al. 2017, Eq. 11): drop coordinates proven zero.
    private func screen(lambda: Double, gap: Double, dualNorm: Double, xtA: [Double],
                        xb: UnsafeBufferPointer<Double>, w: inout [Double], r: inout [Double],
                        active: inout [Int], excluded: inout [Bool], initial: Bool) {
        guard lambda > 0 else { return }
        let radius = (2 * max(gap, 0)).squareRoot() / lambda
        let denominator = max(lambda, dualNorm)
        active.removeAll(keepingCapacity: true)
        for j in 0..<p {
            if excluded[j] && !initial { continue }
            if initial && columnNorm2[j] == 0 {
                w[j] = 0
                excluded[j] = true
                continue
            }
            let distance = (1 - abs(xtA[j] / denominator)) / columnNorm2[j].squareRoot()
            if distance <= radius {
                active.append(j)
                excluded[j] = false
            } else {
                if w[j] != 0 {
                    let wj = w[j]
                    for i in 0..<n { r[i] += wj * xb[j * n + i] }
                    w[j] = 0
                }
                excluded[j] = true
            }
        }
    }
}

/// The Gram form of a centred least-squares problem.
struct GramSystem {
    let matrix: [Double]
    let q: [Double]
    let yNorm2: Double
}

/// Column means, centred column-major copy and centred targets of (x, y).
struct CentredProblem {
    let xMean: [Double]
    let yMean: Double
    let solver: CoordinateDescent

    init(_ x: Matrix, _ y: [Double]) {
        let n = x.rows, p = x.columns
        var mean = [Double](repeating: 0, count: p)
        for r in 0..<n { for c in 0..<p { mean[c] += x[r, c] } }
        for c in 0..<p { mean[c] /= Double(n) }
        var cm = [Double](repeating: 0, count: n * p)
        for r in 0..<n { for c in 0..<p { cm[c * n + r] = x[r, c] - mean[c] } }
        var ym = 0.0
        for v in y { ym += v }
        ym /= Double(n)
        self.xMean = mean
        self.yMean = ym
        self.solver = CoordinateDescent(centredColumnMajor: cm, n: n, p: p, centredTargets: y.map { $0 - ym })
    }

    /// Intercept b₀ = ȳ − x̄·w.
    func intercept(_ w: [Double]) -> Double {
        var s = yMean
        for j in 0..<w.count { s -= xMean[j] * w[j] }
        return s
    }
}
