/// libsvm's SMO solver for the C-SVC dual, reproduced step for step (Chang & Lin, libsvm 3.x
/// `Solver::Solve` as shipped in scikit-learn):
///
///   minimise ½ αᵀQα − eᵀα  subject to  yᵀα = 0, 0 ≤ αᵢ ≤ C,  Qᵢⱼ = yᵢyⱼK(xᵢ, xⱼ)
///
/// - Working-set selection WSS3 (Fan, Chen & Lin 2005): i maximises −yᵢ∇ᵢ over I_up, j
///   minimises the second-order objective decrease over I_low; stop when the maximal violation
///   m(α) − M(α) < `eps` (libsvm `-e`, scikit-learn `tol`, default 1e-3).
/// - Shrinking as libsvm (every min(l, 1000) iterations; unshrink once when the violation falls
///   below 10·eps; gradient reconstruction from Ḡ).
/// - Q is stored in single precision as libsvm's kernel cache (`Qfloat`), the diagonal in double.
/// - ρ from the free variables' mean of yᵢ∇ᵢ, or the midpoint of the bounds when none is free.
/// The full l × l matrix is precomputed (l² floats; fine for the cohort sizes Sentinel targets).
struct SMOSolver {
    private let l: Int
    private let q: [Float]        // original index space, l × l
    private let qd: [Double]      // original index space
    private let c: Double
    private let eps: Double
    private var index: [Int]      // position → original index (libsvm active_set)
    private var y: [Double]
    private var alpha: [Double]
    private var g: [Double]
    private var gBar: [Double]
    private var status: [UInt8]   // 0 lower bound, 1 upper bound, 2 free
    private var activeSize: Int
    private var unshrink = false
    private let tau = 1e-12

    /// - Parameters: `kernel` l × l in single precision, `labels` ±1.
    init(kernel: [Float], diagonal: [Double], labels: [Double], c: Double, eps: Double) {
        l = labels.count
        var qf = kernel
        for i in 0..<l where labels[i] < 0 {
            for j in 0..<l { qf[i * l + j] = -qf[i * l + j]; qf[j * l + i] = -qf[j * l + i] }
        }
        q = qf
        qd = diagonal
        self.c = c
        self.eps = eps
        index = Array(0..<l)
        y = labels
        alpha = [Double](repeating: 0, count: l)
        g = [Double](repeating: -1, count: l)   // p = −e, α = 0
        gBar = [Double](repeating: 0, count: l)
        status = [UInt8](repeating: 0, count: l)
        activeSize = l
    }

    /// Runs to convergence; returns α (original order), ρ and the iteration count.
    mutating func solve(shrinking: Bool) -> (alpha: [Double], rho: Double, iterations: Int) {
        var iteration = 0
        let maxIterations = max(10_000_000, 100 * l)
        var counter = min(l, 1000) + 1
        while iteration < maxIterations {
            counter -= 1
            if counter == 0 {
                counter = min(l, 1000)
                if shrinking { doShrinking() }
            }
            var pair = selectWorkingSet()
            if pair == nil {
                reconstructGradient()
                activeSize = l
                pair = selectWorkingSet()
                if pair == nil { break }
                counter = 1
            }
            guard let (i, j) = pair else { break }
            iteration += 1
            update(i, j)
        }
        if iteration >= maxIterations {
            reconstructGradient()
            activeSize = l
        }
        let rho = calculateRho()
        var out = [Double](repeating: 0, count: l)
        for k in 0..<l { out[index[k]] = alpha[k] }
        return (out, rho, iteration)
    }

    @inline(__always) private func qValue(_ a: Int, _ b: Int) -> Double {
        Double(q[index[a] * l + index[b]])
    }
    @inline(__always) private func diag(_ a: Int) -> Double { qd[index[a]] }
    @inline(__always) private func isUpper(_ k: Int) -> Bool { status[k] == 1 }
    @inline(__always) private func isLower(_ k: Int) -> Bool { status[k] == 0 }
    @inline(__always) private func isFree(_ k: Int) -> Bool { status[k] == 2 }

    private mutating func updateStatus(_ k: Int) {
        status[k] = alpha[k] >= c ? 1 : (alpha[k] <= 0 ? 0 : 2)
    }

    private mutating func update(_ i: Int, _ j: Int) {
        let qij = qValue(i, j)
        let oldI = alpha[i], oldJ = alpha[j]
        if y[i] != y[j] {
            var quad = diag(i) + diag(j) + 2 * qij
            if quad <= 0 { quad = tau }
            let delta = (-g[i] - g[j]) / quad
            let diff = alpha[i] - alpha[j]
            alpha[i] += delta
            alpha[j] += delta
            if diff > 0 {
                if alpha[j] < 0 { alpha[j] = 0; alpha[i] = diff }
            } else {
                if alpha[i] < 0 { alpha[i] = 0; alpha[j] = -diff }
            }
            if diff > 0 {  // C_i − C_j = 0
                if alpha[i] > c { alpha[i] = c; alpha[j] = c - diff }
            } else {
                if alpha[j] > c { alpha[j] = c; alpha[i] = c + diff }
            }
        } else {
            var quad = diag(i) + diag(j) - 2 * qij
            if quad <= 0 { quad = tau }
            let delta = (g[i] - g[j]) / quad
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
        let rowI = index[i] * l, rowJ = index[j] * l
        q.withUnsafeBufferPointer { qb in
            index.withUnsafeBufferPointer { ib in
                g.withUnsafeMutableBufferPointer { gb in
                    for k in 0..<activeSize {
                        let o = ib[k]
                        gb[k] += Double(qb[rowI + o]) * dI + Double(qb[rowJ + o]) * dJ
                    }
                }
            }
        }
        let wasUpperI = isUpper(i), wasUpperJ = isUpper(j)
        updateStatus(i)
        updateStatus(j)
        if wasUpperI != isUpper(i) { adjustGBar(i, sign: wasUpperI ? -1 : 1) }
        if wasUpperJ != isUpper(j) { adjustGBar(j, sign: wasUpperJ ? -1 : 1) }
    }

    private mutating func adjustGBar(_ i: Int, sign: Double) {
        let s = sign * c
        for k in 0..<l { gBar[k] += s * qValue(i, k) }
    }

    /// WSS3; nil when optimal within eps.
    private func selectWorkingSet() -> (Int, Int)? {
        var gMax = -Double.infinity, gMax2 = -Double.infinity
        var gMaxIndex = -1, gMinIndex = -1
        var objDiffMin = Double.infinity
        for t in 0..<activeSize {
            if y[t] == 1 {
                if !isUpper(t) && -g[t] >= gMax { gMax = -g[t]; gMaxIndex = t }
            } else {
                if !isLower(t) && g[t] >= gMax { gMax = g[t]; gMaxIndex = t }
            }
        }
        let i = gMaxIndex
        for j in 0..<activeSize {
            if y[j] == 1 {
                if !isLower(j) {
                    let gradDiff = gMax + g[j]
                    if g[j] >= gMax2 { gMax2 = g[j] }
                    if gradDiff > 0 {
                        let quad = diag(i) + diag(j) - 2 * y[i] * qValue(i, j)
                        let objDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : tau)
                        if objDiff <= objDiffMin { gMinIndex = j; objDiffMin = objDiff }
                    }
                }
            } else {
                if !isUpper(j) {
                    let gradDiff = gMax - g[j]
                    if -g[j] >= gMax2 { gMax2 = -g[j] }
                    if gradDiff > 0 {
                        let quad = diag(i) + diag(j) + 2 * y[i] * qValue(i, j)
                        let objDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : tau)
                        if objDiff <= objDiffMin { gMinIndex = j; objDiffMin = objDiff }
                    }
                }
            }
        }
        if gMax + gMax2 < eps || gMinIndex == -1 { return nil }
        return (gMaxIndex, gMinIndex)
    }

    private func beShrunk(_ i: Int, _ gMax1: Double, _ gMax2: Double) -> Bool {
        if isUpper(i) {
            return y[i] == 1 ? -g[i] > gMax1 : -g[i] > gMax2
        } else if isLower(i) {
            return y[i] == 1 ? g[i] > gMax2 : g[i] > gMax1
        }
        return false
    }

    private mutating func doShrinking() {
        var gMax1 = -Double.infinity, gMax2 = -Double.infinity
        for i in 0..<activeSize {
            if y[i] == 1 {
                if !isUpper(i) && -g[i] >= gMax1 { gMax1 = -g[i] }
                if !isLower(i) && g[i] >= gMax2 { gMax2 = g[i] }
            } else {
                if !isUpper(i) && -g[i] >= gMax2 { gMax2 = -g[i] }
                if !isLower(i) && g[i] >= gMax1 { gMax1 = g[i] }
            }
        }
        if !unshrink && gMax1 + gMax2 <= eps * 10 {
            unshrink = true
            reconstructGradient()
            activeSize = l
        }
        var i = 0
        while i < activeSize {
            if beShrunk(i, gMax1, gMax2) {
                activeSize -= 1
                while activeSize > i {
                    if !beShrunk(activeSize, gMax1, gMax2) {
                        swapIndex(i, activeSize)
                        break
                    }
                    activeSize -= 1
                }
            }
            i += 1
        }
    }

    private mutating func swapIndex(_ a: Int, _ b: Int) {
        index.swapAt(a, b)
        y.swapAt(a, b)
        g.swapAt(a, b)
        status.swapAt(a, b)
        alpha.swapAt(a, b)
        gBar.swapAt(a, b)
    }

    private mutating func reconstructGradient() {
        if activeSize == l { return }
        for j in activeSize..<l { g[j] = gBar[j] - 1 }
        var free = 0
        for j in 0..<activeSize where isFree(j) { free += 1 }
        if free * l > 2 * activeSize * (l - activeSize) {
            for i in activeSize..<l {
                for j in 0..<activeSize where isFree(j) { g[i] += alpha[j] * qValue(i, j) }
            }
        } else {
            for i in 0..<activeSize where isFree(i) {
                let a = alpha[i]
                for j in activeSize..<l { g[j] += a * qValue(i, j) }
            }
        }
    }

    private func calculateRho() -> Double {
        var free = 0
        var ub = Double.infinity, lb = -Double.infinity, sumFree = 0.0
        for i in 0..<activeSize {
            let yG = y[i] * g[i]
            if isUpper(i) {
                if y[i] == -1 { ub = min(ub, yG) } else { lb = max(lb, yG) }
            } else if isLower(i) {
                if y[i] == 1 { ub = min(ub, yG) } else { lb = max(lb, yG) }
            } else {
                free += 1
                sumFree += yG
            }
        }
        return free > 0 ? sumFree / Double(free) : (ub + lb) / 2
    }
}
