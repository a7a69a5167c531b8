extension LinearAlgebra {
    /// Solves A x = b for a small symmetric positive definite n×n `a` (row-major; only its
    /// upper triangle is read) by the Cholesky factorisation A = L Lᵀ, then forward and back
    /// substitution. Returns nil when a pivot is not positive and finite (A not numerically
    /// positive definite, or not finite): callers then fall back to `solve` (LU).
    ///
    /// Meant for the Newton systems of the learners (a few dozen unknowns), where LAPACK's
    /// call, transposes and pivoting cost more than the n³/6 multiply-adds themselves. The
    /// factorisation works column by column on a copy held column-major (the upper triangle
    /// of row-major A is the lower triangle of Aᵀ = A), so its updates are contiguous axpys;
    /// each entry receives its subtractions in the textbook order (k = 0, 1, ...). Its result
    /// agrees with an LU solve to rounding (relative error ~ n · ε · cond(A)).
    public static func choleskySolve(_ a: [Double], n: Int, _ b: [Double]) -> [Double]? {
        precondition(a.count == n * n && b.count == n, "a must be n × n and b of length n")
        var work = a  // column j, rows i ≥ j: work[j * n + i] = A[i][j]
        var x = b
        let factored = work.withUnsafeMutableBufferPointer { w -> Bool in
            guard let w = w.baseAddress else { return true }
            for k in 0 ..< n {
                let pivot = w[k * n + k]
                guard pivot > 0, pivot.isFinite else { return false }
                let diagonal = pivot.squareRoot()
                w[k * n + k] = diagonal
                let column = w + k * n
                for i in k + 1 ..< n { column[i] /= diagonal }
                for j in k + 1 ..< n {
                    let factor = column[j], target = w + j * n
                    for i in j ..< n { target[i] -= column[i] * factor }
                }
            }
            return true
        }
        guard factored else { return nil }
        work.withUnsafeBufferPointer { w in
            x.withUnsafeMutableBufferPointer { x in
                // L y = b (column-oriented), then Lᵀ x = y, in place.
                for k in 0 ..< n {
                    x[k] /= w[k * n + k]
                    let value = x[k]
                    for i in k + 1 ..< n { x[i] -= w[k * n + i] * value }
                }
                for i in stride(from: n - 1, through: 0, by: -1) {
                    var s = x[i]
                    for k in i + 1 ..< n { s -= w[i * n + k] * x[k] }
                    x[i] = s / w[i * n + i]
                }
            }
        }
        return x.allSatisfy(\.isFinite) ? x : nil
    }
}
