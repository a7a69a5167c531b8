import CLearnKernels

/// The solvers' inner loops that run in C at the widest vector level this CPU supports
/// (AVX-512F, AVX2 or portable C, chosen once at run time). Every level performs the same
/// floating-point operations in the same order as the Swift loop it replaces (no fused
/// multiply-adds), so results are bit-identical whatever the CPU.
enum LearnKernels {
    /// 2: AVX-512F, 1: AVX2, 0: portable C.
    static let level: Int32 = clk_best_level()

    /// One cyclic pass of LASSO coordinate descent on the Gram system over `active` (in order),
    /// updating `w` and `qw` = Qw in place; returns (max|w_new|, max|Δw|) over the pass.
    /// `g`: Q row-major p × p; `q`: Xᵀy. See `CoordinateDescent.solveGram`.
    static func gramSweep(g: UnsafePointer<Double>, q: UnsafePointer<Double>, w: UnsafeMutablePointer<Double>,
                          qw: UnsafeMutablePointer<Double>, active: UnsafeBufferPointer<Int>, p: Int,
                          lambda: Double) -> (wMax: Double, dwMax: Double) {
        var wMax = 0.0, dwMax = 0.0
        clk_gram_sweep(g, q, w, qw, active.baseAddress, active.count, p, lambda, &wMax, &dwMax, level)
        return (wMax, dwMax)
    }

    /// out[k] += d·row[k] for k in 0..<p (in order; one multiply and one add each).
    static func axpy(_ out: UnsafeMutablePointer<Double>, _ row: UnsafePointer<Double>, _ d: Double, _ p: Int) {
        clk_axpy(out, row, d, p, level)
    }

    /// The Gram LASSO duality gap's sums: `sums` = (Σ w·q, Σ w·Qw, Σ|w|, max|xtA|) with
    /// xtA = q − Qw filled in, all over j in order (see `clk_gram_gap_sums`).
    static func gramGapSums(q: [Double], w: [Double], qw: [Double], xtA: inout [Double], p: Int, into sums: inout [Double]) {
        q.withUnsafeBufferPointer { qb in
        w.withUnsafeBufferPointer { wb in
        qw.withUnsafeBufferPointer { qwb in
        xtA.withUnsafeMutableBufferPointer { xb in
        sums.withUnsafeMutableBufferPointer { out in
            clk_gram_gap_sums(qb.baseAddress, wb.baseAddress, qwb.baseAddress, xb.baseAddress, p, out.baseAddress)
        }}}}}
    }

    /// SGDLogisticRegression's full gradient at `theta` (w..., b) on x (n × p, row-major) and
    /// 0/1 `y`: fills `residual` (σ(zᵣ) − yᵣ per row) and `full` (see `clk_sgd_gradient`).
    static func sgdGradient(x: UnsafeBufferPointer<Double>, rows n: Int, columns p: Int, y: UnsafeBufferPointer<Double>,
                            theta: [Double], alpha: Double, residual: inout [Double], full: inout [Double]) {
        theta.withUnsafeBufferPointer { t in
            residual.withUnsafeMutableBufferPointer { r in
                full.withUnsafeMutableBufferPointer { f in
                    clk_sgd_gradient(x.baseAddress, n, p, y.baseAddress, t.baseAddress, alpha, r.baseAddress,
                                     f.baseAddress, level)
                }
            }
        }
    }

    /// One SVRG epoch of SGDLogisticRegression over the rows in `order`, from `theta` (updated
    /// in place); `snapshot` becomes the epoch's average iterate (see `clk_sgd_epoch`).
    static func sgdEpoch(x: UnsafeBufferPointer<Double>, rows n: Int, columns p: Int, y: UnsafeBufferPointer<Double>,
                         order: [Int], residual: [Double], full: [Double], alpha: Double, step: Double,
                         theta: inout [Double], snapshot: inout [Double], total: inout [Double]) {
        order.withUnsafeBufferPointer { o in
        residual.withUnsafeBufferPointer { r in
        full.withUnsafeBufferPointer { f in
        theta.withUnsafeMutableBufferPointer { th in
        snapshot.withUnsafeMutableBufferPointer { snap in
        total.withUnsafeMutableBufferPointer { sum in
            clk_sgd_epoch(x.baseAddress, n, p, y.baseAddress, o.baseAddress, r.baseAddress, f.baseAddress, alpha, step,
                          th.baseAddress, snap.baseAddress, sum.baseAddress, level)
        }}}}}}
    }
}
