import Foundation

/// GLCM's Maximal Correlation Coefficient without a full eigendecomposition.
///
/// Q_ij = Σ_k p_ik p_jk / (px_i py_k) is similar to S = A Aᵀ with A = Dx^-½ P Dy^-½ (symmetric,
/// positive semi-definite). S has the eigenpair (1, u = √px), so the second-largest eigenvalue of
/// S is the largest of S restricted to u⊥, found by Lanczos with full reorthogonalisation
/// (against u and all previous vectors) from a fixed start vector. The iteration stops when the
/// Krylov space is exhausted or the largest Ritz value has not moved (1e-14 relative) for three
/// steps; if it has not converged after 120 steps, the dense solver is used instead.
enum MaximalCorrelation {
    static func value(_ p: [Double], px: [Double], py: [Double]) -> Double {
        let n = px.count
        guard n >= 2 else { return 1 }
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for k in 0..<n {
            let d = (px[i] * py[k]).squareRoot()
            a[i * n + k] = d > 0 ? p[i * n + k] / d : 0
        } }
        var u = px.map { $0.squareRoot() }
        let un = (u.reduce(0) { $0 + $1 * $1 }).squareRoot()
        guard un > 0 else { return .nan }
        for i in 0..<n { u[i] /= un }
        if let lambda = lanczosLargest(a, u: u, n: n) { return max(lambda, 0).squareRoot() }
        return dense(a, n: n)
    }

    /// √(second-largest eigenvalue of A Aᵀ) by the dense solver.
    static func dense(_ a: [Double], n: Int) -> Double {
        var s = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in i..<n {
            var acc = 0.0
            for k in 0..<n { acc += a[i * n + k] * a[j * n + k] }
            s[i * n + j] = acc; s[j * n + i] = acc
        } }
        guard let values = SymmetricEigenvalues.compute(s, n: n) else { return .nan }
        return max(values[n - 2], 0).squareRoot()
    }

    /// Largest eigenvalue of A Aᵀ on u⊥, or nil if Lanczos did not converge.
    private static func lanczosLargest(_ a: [Double], u: [Double], n: Int) -> Double? {
        let dimension = n - 1  // u⊥
        var basis: [[Double]] = []
        var alphas: [Double] = [], betas: [Double] = []
        // Fixed, generic start vector, orthogonal to u.
        var q = (0..<n).map { 1 + 0.5 * sin(Double($0) * 1.618_033_988_7 + 0.3) }
        orthogonalise(&q, against: [u])
        guard normalise(&q) else { return nil }
        var t = [Double](repeating: 0, count: n), w = [Double](repeating: 0, count: n)
        var previous = -Double.infinity, stable = 0
        for step in 0..<min(dimension, 120) {
            basis.append(q)
            // w = A (Aᵀ q)
            a.withUnsafeBufferPointer { a in
                for k in 0..<n { var s = 0.0; for i in 0..<n { s += a[i * n + k] * q[i] }; t[k] = s }
                for i in 0..<n { var s = 0.0; let row = i * n; for k in 0..<n { s += a[row + k] * t[k] }; w[i] = s }
            }
            let alpha = zip(w, q).reduce(0) { $0 + $1.0 * $1.1 }
            alphas.append(alpha)
            orthogonalise(&w, against: [u] + basis)
            orthogonalise(&w, against: [u] + basis)
            let beta = (w.reduce(0) { $0 + $1 * $1 }).squareRoot()
            guard let ritz = SymmetricEigenvalues.tridiagonalEigenvalues(diagonal: alphas, offDiagonal: betas + [0])?.last else {
                return nil
            }
            let scale = max(abs(ritz), 1e-300)
            if beta <= 1e-13 * max(scale, 1e-12) || step + 1 == dimension { return ritz }
            if abs(ritz - previous) <= 1e-14 * scale { stable += 1 } else { stable = 0 }
            if stable >= 3 && step >= 8 { return ritz }
            previous = ritz
            betas.append(beta)
            q = w.map { $0 / beta }
        }
        return nil
    }

    private static func orthogonalise(_ v: inout [Double], against vectors: [[Double]]) {
        for b in vectors {
            let c = zip(v, b).reduce(0) { $0 + $1.0 * $1.1 }
            for i in v.indices { v[i] -= c * b[i] }
        }
    }

    private static func normalise(_ v: inout [Double]) -> Bool {
        let norm = (v.reduce(0) { $0 + $1 * $1 }).squareRoot()
        guard norm > 0 else { return false }
        for i in v.indices { v[i] /= norm }
        return true
    }
}
