import Foundation

/// Eigenvalues (no vectors) of a real symmetric matrix: Householder reduction to tridiagonal
/// form, then the implicit QL algorithm with Wilkinson shifts. Used for GLCM's MCC, where the
/// full LAPACK decomposition with eigenvectors would dominate the run time.
enum SymmetricEigenvalues {
    /// Eigenvalues of the n × n symmetric matrix `a` (row-major), ascending; nil if QL fails to converge.
    static func compute(_ a: [Double], n: Int) -> [Double]? {
        guard n > 0 else { return [] }
        var m = a
        var v = [Double](repeating: 0, count: n), p = [Double](repeating: 0, count: n)
        m.withUnsafeMutableBufferPointer { m in
            v.withUnsafeMutableBufferPointer { v in
                p.withUnsafeMutableBufferPointer { p in
                    householder(m, v, p, n)
                }
            }
        }
        let d = (0..<n).map { m[$0 * n + $0] }
        let e = (0..<n).map { $0 + 1 < n ? m[($0 + 1) * n + $0] : 0 }
        return tridiagonalEigenvalues(diagonal: d, offDiagonal: e)
    }

    /// Eigenvalues of the symmetric tridiagonal matrix with `diagonal` d and `offDiagonal` e
    /// (e[i] couples i and i+1; e.count == d.count, last entry ignored), ascending; implicit QL.
    static func tridiagonalEigenvalues(diagonal: [Double], offDiagonal: [Double]) -> [Double]? {
        var d = diagonal, e = offDiagonal
        let n = d.count
        guard n > 0 else { return [] }
        e[n - 1] = 0
        // Implicit QL.
        for l in 0..<n {
            var iterations = 0
            while true {
                var mm = l
                while mm < n - 1 {
                    let dd = abs(d[mm]) + abs(d[mm + 1])
                    if abs(e[mm]) <= Double.ulpOfOne * dd { break }
                    mm += 1
                }
                if mm == l { break }
                iterations += 1
                if iterations > 60 { return nil }
                var g = (d[l + 1] - d[l]) / (2 * e[l])
                var r = (g * g + 1).squareRoot()
                g = d[mm] - d[l] + e[l] / (g + (g >= 0 ? r : -r))
                var s = 1.0, c = 1.0, shift = 0.0
                var i = mm - 1
                var deflated = false
                while i >= l {
                    let f = s * e[i], b = c * e[i]
                    r = (f * f + g * g).squareRoot()
                    e[i + 1] = r
                    if r == 0 { d[i + 1] -= shift; e[mm] = 0; deflated = true; break }
                    s = f / r; c = g / r
                    g = d[i + 1] - shift
                    r = (d[i] - g) * s + 2 * c * b
                    shift = s * r
                    d[i + 1] = g + shift
                    g = c * r - b
                    i -= 1
                }
                if deflated { continue }
                d[l] -= shift; e[l] = g; e[mm] = 0
            }
        }
        return d.sorted()
    }

    /// Householder tridiagonalisation in place, column by column: for column k, the reflector
    /// v zeroes rows k+2..., then A ← A − 2 v wᵀ − 2 w vᵀ on the trailing block with
    /// w = Av − (vᵀAv) v.
    private static func householder(_ m: UnsafeMutableBufferPointer<Double>, _ v: UnsafeMutableBufferPointer<Double>,
                                    _ p: UnsafeMutableBufferPointer<Double>, _ n: Int) {
        for k in 0..<max(0, n - 2) {
            let lo = k + 1
            var norm = 0.0
            for i in lo..<n { norm += m[i * n + k] * m[i * n + k] }
            norm = norm.squareRoot()
            guard norm > 0 else { continue }
            let alpha = m[lo * n + k] > 0 ? -norm : norm
            for i in lo..<n { v[i] = m[i * n + k] }
            v[lo] -= alpha
            var vnorm = 0.0
            for i in lo..<n { vnorm += v[i] * v[i] }
            vnorm = vnorm.squareRoot()
            guard vnorm > 0 else { continue }
            for i in lo..<n { v[i] /= vnorm }
            var vp = 0.0
            for i in lo..<n {
                var sum = 0.0
                let row = i * n
                for j in lo..<n { sum += m[row + j] * v[j] }
                p[i] = sum; vp += v[i] * sum
            }
            for i in lo..<n { p[i] -= vp * v[i] }
            for i in lo..<n {
                let row = i * n, vi = 2 * v[i], pi = 2 * p[i]
                for j in lo..<n { m[row + j] -= vi * p[j] + pi * v[j] }
            }
            m[lo * n + k] = alpha; m[k * n + lo] = alpha
            for i in (lo + 1)..<max(lo + 1, n) { m[i * n + k] = 0; m[k * n + i] = 0 }
        }
    }
}
