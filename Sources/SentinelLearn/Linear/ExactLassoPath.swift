/// The exact LASSO optimum at each penalty of a descending path, on the Gram system of a
/// centred problem (`CoordinateDescent.gramSystem`):
///
///   minimise  ½‖y − Xw‖² + λ‖w‖₁        (λ = α·n for scikit-learn's α)
///
/// From the previous penalty's support A and signs s, the active-set step solves
/// Q_AA b = q_A − λ s (Cholesky factor of Q_AA kept between penalties and extended by one row
/// when a coordinate enters), drops a coordinate whose sign disagrees, adds the coordinate
/// outside A that violates |q_j − Q_jA b| ≤ λ most, and stops when neither happens: b then
/// satisfies the LASSO's optimality conditions, so it is the optimum scikit-learn's coordinate
/// descent approaches as its tolerance goes to 0 (not its answer at `tol` = 1e-4, which stops
/// on a duality gap of 1e-4·‖y‖²). The step gives up after `4p + 16` solves or on a pivot below
/// 1e-10·Q_jj (collinear columns); the penalty is then solved by scikit-learn's coordinate
/// descent to a duality gap of `fallbackTolerance`·‖y‖², and the step is tried once more from
/// that solution's support.
struct ExactLassoPath {
    /// Relative duality-gap tolerance of the coordinate-descent fallback.
    static let fallbackTolerance = 1e-12

    let gram: GramSystem
    let p: Int
    private var set: [Int]
    private var sign: [Double]
    private var count = -1
    private var factor: [Double]
    private var rhs: [Double]
    private var solution: [Double]
    private var inSet: [UInt8]
    /// Penalties solved by the coordinate-descent fallback so far.
    private(set) var fallbacks = 0
    /// Coordinate-descent sweeps made by the fallback so far.
    private(set) var sweeps = 0

    init(gram: GramSystem, p: Int) {
        precondition(gram.q.count == p && gram.matrix.count == p * p, "Gram system of another size")
        self.gram = gram
        self.p = p
        let m = max(p, 1)
        set = [Int](repeating: 0, count: m)
        sign = [Double](repeating: 0, count: m)
        factor = [Double](repeating: 0, count: m * m)
        rhs = [Double](repeating: 0, count: m)
        solution = [Double](repeating: 0, count: m)
        inSet = [UInt8](repeating: 0, count: m)
    }

    /// Solves for penalty `lambda` in place; `w` must be the previous penalty's solution (or,
    /// on the first call, any warm start: its support is the first guess).
    /// Returns whether the optimality conditions were verified (false only when the fallback's
    /// solution could not be confirmed by the active-set step either).
    mutating func solve(lambda: Double, w: inout [Double], maxIterations: Int) -> Bool {
        precondition(w.count == p, "coefficients of another size")
        if step(lambda: lambda, w: &w) { return true }
        fallbacks += 1
        let level = LearnKernels.level
        let outcome = gram.matrix.withUnsafeBufferPointer { g in
            gram.q.withUnsafeBufferPointer { q in
                w.withUnsafeMutableBufferPointer { wb in
                    LearnKernels.gramSolve(g: g.baseAddress!, q: q.baseAddress!, yNorm2: gram.yNorm2, p: p,
                                           lambda: lambda, w: wb.baseAddress!,
                                           relativeTolerance: Self.fallbackTolerance,
                                           maxIterations: maxIterations, level: level)
                }
            }
        }
        sweeps += outcome.iterations
        count = -1
        return step(lambda: lambda, w: &w)
    }

    /// The duality gap at `w` (as `CoordinateDescent.solveGram` computes it).
    func gap(lambda: Double, w: [Double]) -> Double {
        LearnKernels.gramGap(g: gram.matrix, q: gram.q, w: w, yNorm2: gram.yNorm2, p: p, lambda: lambda)
    }

    private mutating func step(lambda: Double, w: inout [Double]) -> Bool {
        let p = self.p
        var n = count
        let result = gram.matrix.withUnsafeBufferPointer { g in
            gram.q.withUnsafeBufferPointer { q in
                w.withUnsafeMutableBufferPointer { wb in
                    set.withUnsafeMutableBufferPointer { s in
                        sign.withUnsafeMutableBufferPointer { sg in
                            factor.withUnsafeMutableBufferPointer { l in
                                rhs.withUnsafeMutableBufferPointer { r in
                                    solution.withUnsafeMutableBufferPointer { b in
                                        inSet.withUnsafeMutableBufferPointer { a in
                                            LearnKernels.lassoExact(g: g.baseAddress!, q: q.baseAddress!, p: p,
                                                                    lambda: lambda, w: wb.baseAddress!,
                                                                    set: s.baseAddress!, sign: sg.baseAddress!,
                                                                    count: &n, factor: l.baseAddress!,
                                                                    rhs: r.baseAddress!, b: b.baseAddress!,
                                                                    inSet: a.baseAddress!, maxSteps: 4 * p + 16)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        count = n
        return result >= 0
    }
}
