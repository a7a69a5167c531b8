#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// libsvm's SMO for the C-SVC dual (no shrinking):
/// min ½ αᵀQα − eᵀα subject to 0 ≤ α_i ≤ C and yᵀα = 0, with Q_ij = y_i y_j K(x_i, x_j).
/// Working pairs by second-order selection (WSS3); ρ from the free vectors' gradients
/// (or the midpoint of the feasible range when none is free), as libsvm.
struct SMOSolver {
    let rows: [[Double]]
    let y: [Double]
    let c: Double
    let gamma: Double
    let tolerance: Double
    let maxIterations: Int

    struct Solution {
        var alpha: [Double]
        var rho: Double
        var iterations: Int
    }

    func solve() throws -> Solution {
        let n = rows.count
        // The full kernel matrix: the stacking problems are small (n ≈ hundreds).
        var k = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            k[i * n + i] = 1
            for j in 0..<i {
                let v = SVC.rbf(rows[i], rows[j], gamma)
                k[i * n + j] = v
                k[j * n + i] = v
            }
        }
        var alpha = [Double](repeating: 0, count: n)
        var gradient = [Double](repeating: -1, count: n)  // G = Qα − e
        let tau = 1e-12
        var iteration = 0
        while iteration < maxIterations {
            // Select i: maximal −y_t G_t over I_up.
            var gMax = -Double.infinity
            var i = -1
            for t in 0..<n where isUp(alpha[t], y[t]) {
                let v = -y[t] * gradient[t]
                if v >= gMax { gMax = v; i = t }
            }
            // Select j over I_low by the second-order gain −b²/a, b = m(α) + y_t G_t > 0;
            // track M(α) = min over I_low of −y_t G_t for the stopping rule.
            var j = -1
            var objMin = Double.infinity
            var gMin = Double.infinity
            for t in 0..<n where isLow(alpha[t], y[t]) {
                gMin = min(gMin, -y[t] * gradient[t])
                let b = gMax + y[t] * gradient[t]
                if b > 0, i >= 0 {
                    var a = k[i * n + i] + k[t * n + t] - 2 * k[i * n + t]
                    if a <= 0 { a = tau }
                    let obj = -(b * b) / a
                    if obj <= objMin { objMin = obj; j = t }
                }
            }
            if i < 0 || j < 0 || gMax - gMin < tolerance { break }
            iteration += 1
            update(i, j, alpha: &alpha, gradient: &gradient, k: k, n: n, tau: tau)
        }
        return Solution(alpha: alpha, rho: rho(alpha: alpha, gradient: gradient), iterations: iteration)
    }

    func isUp(_ a: Double, _ yt: Double) -> Bool { (yt > 0 && a < c) || (yt < 0 && a > 0) }
    func isLow(_ a: Double, _ yt: Double) -> Bool { (yt > 0 && a > 0) || (yt < 0 && a < c) }

    /// libsvm's two-variable analytic update with clipping to the box.
    func update(_ i: Int, _ j: Int, alpha: inout [Double], gradient: inout [Double], k: [Double], n: Int, tau: Double) {
        let qii = k[i * n + i], qjj = k[j * n + j], qij = y[i] * y[j] * k[i * n + j]
        let oldI = alpha[i], oldJ = alpha[j]
        if y[i] != y[j] {
            var quad = qii + qjj + 2 * qij
            if quad <= 0 { quad = tau }
            let delta = (-gradient[i] - gradient[j]) / quad
            let diff = alpha[i] - alpha[j]
            alpha[i] += delta
            alpha[j] += delta
            if diff > 0 {
                if alpha[j] < 0 { alpha[j] = 0; alpha[i] = diff }
            } else {
                if alpha[i] < 0 { alpha[i] = 0; alpha[j] = -diff }
            }
            if diff > 0 {
                if alpha[i] > c { alpha[i] = c; alpha[j] = c - diff }
            } else {
                if alpha[j] > c { alpha[j] = c; alpha[i] = c + diff }
            }
        } else {
            var quad = qii + qjj - 2 * qij
            if quad <= 0 { quad = tau }
            let delta = (gradient[i] - gradient[j]) / quad
            let sum = alpha[i] + alpha[j]
            alpha[i] -= delta
            alpha[j] += delta
            if sum > c {
                if alpha[i] > c { alpha[i] = c; alpha[j] = sum - c }
            } else {
                if alpha[j] < 0 { alpha[j] = 0; alpha[i] = sum }
            }
            if sum > c {
                if alpha[j] > c { alpha[j] = c; alpha[i] = sum - c }
            } else {
                if alpha[i] < 0 { alpha[i] = 0; alpha[j] = sum }
            }
        }
        let dI = alpha[i] - oldI, dJ = alpha[j] - oldJ
        for t in 0..<n {
            gradient[t] += y[t] * (y[i] * k[i * n + t] * dI + y[j] * k[j * n + t] * dJ)
        }
    }

    /// ρ as libsvm `calculate_rho`.
    func rho(alpha: [Double], gradient: [Double]) -> Double {
        var ub = Double.infinity, lb = -Double.infinity, sumFree = 0.0, free = 0
        for t in alpha.indices {
            let yG = y[t] * gradient[t]
            if alpha[t] >= c {  // upper bound
                if y[t] < 0 { ub = min(ub, yG) } else { lb = max(lb, yG) }
            } else if alpha[t] <= 0 {  // lower bound
                if y[t] > 0 { ub = min(ub, yG) } else { lb = max(lb, yG) }
            } else {
                free += 1
                sumFree += yG
            }
        }
        return free > 0 ? sumFree / Double(free) : (ub + lb) / 2
    }
}
