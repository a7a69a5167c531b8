private import CLearnKernels
import Foundation
import SentinelNumerics

/// The solvers' inner loops in C (`CLearnKernels`) at the widest instruction set this CPU
/// runs: AVX-512F, AVX2, or portable C (Swift's SIMD types and auto-vectoriser use SSE2 only
/// on the baseline x86-64 target). Every level performs the same floating-point operations in
/// the same order as the plain loop it replaces (no fused multiply-adds), so results are
/// bit-identical whatever the CPU; the tests run the solvers at each level the CPU has and
/// compare. Callers read `level` once per solve and pass it to the kernels.
enum LearnKernels: KernelFamily {
    static let setting = KernelLevelSetting(supported: .widest(requiringFMA: false))

    /// `CoordinateDescent.solveGram` in C at penalty `lambda` from the warm start `w` (updated
    /// in place): the same passes, duality gaps and gap-safe screening (see `clk_gram_solve`).
    static func gramSolve(g: UnsafePointer<Double>, q: UnsafePointer<Double>, yNorm2: Double, p: Int, lambda: Double,
                          w: UnsafeMutablePointer<Double>, relativeTolerance: Double, maxIterations: Int,
                          level: Level) -> (iterations: Int, gap: Double, tolerance: Double, converged: Bool) {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 3 * max(p, 1)) { scratch in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: max(p, 1)) { active in
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(p, 1)) { excluded in
                    var gap = 0.0, tolerance = 0.0
                    var converged: Int32 = 0
                    let iterations = clk_gram_solve(g, q, yNorm2, p, lambda, w, relativeTolerance, maxIterations,
                                                    scratch.baseAddress!, scratch.baseAddress! + max(p, 1),
                                                    scratch.baseAddress! + 2 * max(p, 1), active.baseAddress!,
                                                    excluded.baseAddress!,
                                                    &gap, &tolerance, &converged, level.rawValue)
                    return (iterations, gap, tolerance, converged != 0)
                }
            }
        }
    }

    /// The exact LASSO optimum at `lambda` by the active-set step of `clk_lasso_exact`
    /// (`ExactLassoPath` documents it); `count` < 0 takes the set from w's support. Returns the
    /// solves made, or -1 when the step gave up (w unchanged, `count` = -1).
    static func lassoExact(g: UnsafePointer<Double>, q: UnsafePointer<Double>, p: Int, lambda: Double,
                           w: UnsafeMutablePointer<Double>, set: UnsafeMutablePointer<Int>,
                           sign: UnsafeMutablePointer<Double>, count: inout Int, factor: UnsafeMutablePointer<Double>,
                           rhs: UnsafeMutablePointer<Double>, b: UnsafeMutablePointer<Double>,
                           inSet: UnsafeMutablePointer<UInt8>, maxSteps: Int) -> Int {
        clk_lasso_exact(g, q, p, lambda, w, set, sign, &count, factor, rhs, b, inSet, maxSteps)
    }

    /// The duality gap of the Gram LASSO at `w` (`clk_gram_gap`).
    static func gramGap(g: [Double], q: [Double], w: [Double], yNorm2: Double, p: Int, lambda: Double) -> Double {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * max(p, 1)) { scratch in
            var gap = 0.0
            clk_gram_gap(g, q, w, yNorm2, p, lambda, scratch.baseAddress!, scratch.baseAddress! + max(p, 1), &gap)
            return gap
        }
    }

    /// out[k] += d·row[k] for k in 0..<p (in order; one multiply and one add each).
    static func axpy(_ out: UnsafeMutablePointer<Double>, _ row: UnsafePointer<Double>, _ d: Double, _ p: Int, level: Level) {
        clk_axpy(out, row, d, p, level.rawValue)
    }

    /// SGDLogisticRegression's full gradient at `theta` (w..., b) on x (n × p, row-major) and
    /// 0/1 `y`: fills `residual` (σ(zᵣ) − yᵣ per row) and `full` (see `clk_sgd_gradient`).
    static func sgdGradient(x: UnsafeBufferPointer<Double>, rows n: Int, columns p: Int, y: UnsafeBufferPointer<Double>,
                            theta: [Double], alpha: Double, residual: inout [Double], full: inout [Double], level: Level) {
        theta.withUnsafeBufferPointer { t in
            residual.withUnsafeMutableBufferPointer { r in
                full.withUnsafeMutableBufferPointer { f in
                    clk_sgd_gradient(x.baseAddress, n, p, y.baseAddress, t.baseAddress, alpha, r.baseAddress,
                                     f.baseAddress, level.rawValue)
                }
            }
        }
    }

    /// One SVRG epoch of SGDLogisticRegression over the rows in `order`, from `theta` (updated
    /// in place); `snapshot` becomes the epoch's average iterate (see `clk_sgd_epoch`).
    static func sgdEpoch(x: UnsafeBufferPointer<Double>, rows n: Int, columns p: Int, y: UnsafeBufferPointer<Double>,
                         order: [Int], residual: [Double], full: [Double], alpha: Double, step: Double,
                         theta: inout [Double], snapshot: inout [Double], total: inout [Double], level: Level) {
        order.withUnsafeBufferPointer { o in
        residual.withUnsafeBufferPointer { r in
        full.withUnsafeBufferPointer { f in
        theta.withUnsafeMutableBufferPointer { th in
        snapshot.withUnsafeMutableBufferPointer { snap in
        total.withUnsafeMutableBufferPointer { sum in
            clk_sgd_epoch(x.baseAddress, n, p, y.baseAddress, o.baseAddress, r.baseAddress, f.baseAddress, alpha, step,
                          th.baseAddress, snap.baseAddress, sum.baseAddress, level.rawValue)
        }}}}}}
    }

    /// One Newton step's sums for LogisticRegression on `design` (n × d, row-major, last
    /// column 1): `gradient` = Σᵣ (σ(zᵣ) − yᵣ) xᵣ and `weighted` rows σ(zᵣ)(1 − σ(zᵣ)) xᵣ
    /// (see `clk_logistic_accumulate`).
    static func logisticAccumulate(design: [Double], y: [Double], theta: [Double], rows n: Int,
                                   weighted: inout [Double], gradient: inout [Double], level: Level) {
        design.withUnsafeBufferPointer { xb in
        y.withUnsafeBufferPointer { yb in
        theta.withUnsafeBufferPointer { th in
        weighted.withUnsafeMutableBufferPointer { wx in
        gradient.withUnsafeMutableBufferPointer { g in
            clk_logistic_accumulate(xb.baseAddress, yb.baseAddress, th.baseAddress, n, th.count, wx.baseAddress,
                                    g.baseAddress, level.rawValue)
        }}}}}
    }
}
