/// Cleveland's LOWESS scatterplot smoother, reproducing R's `stats::lowess()` (the C routine
/// `clowess`) operation for operation.
///
/// Definition (Cleveland 1979, as implemented in R):
/// - the points are ordered by x (stable, ties keep input order, as R's `order()`);
/// - each local fit uses the `ns = max(2, min(n, ⌊f·n + 1e-7⌋))` nearest points (all ties at
///   the window's right edge included) with tricube weights on |x − x₀| / h, h the distance to
///   the farthest point of the window; weights within 0.001·h count as 1 and beyond 0.999·h
///   as 0; a weighted straight line is fitted unless the weighted x spread is ≤ 0.001·range(x),
///   in which case the weighted mean is used; if every weight is zero the fit is y itself;
/// - points within `delta` of the last fitted x are not fitted but linearly interpolated
///   (points tied with it copy its value);
/// - `robustnessIterations` further passes reweight each point by the bisquare of
///   residual / (6 · median |residual|), stopping early when that scale is below 1e-7 times
///   the mean |residual|.
///
/// Defaults are R's: `f = 2/3`, `iter = 3`, `delta = 0.01 · (max x − min x)`. Same decisions
/// as R's C code; the local weighted sums are accumulated in two passes instead of R's five, so
/// values agree with R 4.2 `lowess()` to rounding (~1e-14 typically, 1.2e-11 worst seen, in a
/// window of nearly tied x). Cost: O(n log n) for the sort plus O(ns) per fitted point; with
/// the default delta about 100 points per pass are fitted, so each pass is O(n).
public struct Lowess: Codable, Sendable, Equatable {
    /// The smoother span f: the fraction of points in each local fit (> 0).
    public var span: Double
    /// Robustifying passes after the first fit (R's `iter`, ≥ 0).
    public var robustnessIterations: Int
    /// Interpolation distance (≥ 0); nil means R's default 0.01 · range(x).
    public var delta: Double?

    public init(span: Double = 2.0 / 3.0, robustnessIterations: Int = 3, delta: Double? = nil) {
        self.span = span
        self.robustnessIterations = robustnessIterations
        self.delta = delta
    }

    /// Smooths y against x. Throws on empty or mismatched input, non-finite values, or
    /// invalid parameters.
    public func fit(x: [Double], y: [Double]) throws -> LowessFit {
        let n = x.count
        guard n > 0 else { throw RegressionError.emptyInput }
        guard y.count == n else { throw RegressionError.lengthMismatch(name: "y", expected: n, actual: y.count) }
        if let bad = x.firstIndex(where: { !$0.isFinite }) { throw RegressionError.nonFiniteValue(name: "x", index: bad) }
        if let bad = y.firstIndex(where: { !$0.isFinite }) { throw RegressionError.nonFiniteValue(name: "y", index: bad) }
        let order = x.indices.sorted { x[$0] < x[$1] || (x[$0] == x[$1] && $0 < $1) }
        return try fitSorted(x: order.map { x[$0] }, y: order.map { y[$0] }, order: order).fit
    }

    /// The fit of already sorted (finite, non-empty, equal-length) data, plus the first pass
    /// alone, which is the `robustnessIterations = 0` fit with the same span and delta.
    func fitSorted(x sortedX: [Double], y sortedY: [Double], order: [Int]) throws -> (fit: LowessFit, firstPass: [Double]) {
        guard span > 0, span.isFinite else {
            throw RegressionError.invalidParameter(name: "span", value: span, requirement: "positive and finite")
        }
        guard robustnessIterations >= 0 else {
            throw RegressionError.invalidParameter(name: "robustnessIterations", value: Double(robustnessIterations),
                                                   requirement: "0 or more")
        }
        let step = delta ?? 0.01 * (sortedX[sortedX.count - 1] - sortedX[0])
        guard step >= 0, step.isFinite else {
            throw RegressionError.invalidParameter(name: "delta", value: step, requirement: "0 or more and finite")
        }
        let (fitted, firstPass) = Engine(x: sortedX, y: sortedY).run(span: span, steps: robustnessIterations, delta: step)
        return (LowessFit(x: sortedX, fitted: fitted, order: order), firstPass)
    }
}

extension Lowess {
    /// The clowess state in 1-based buffers (index 0 unused) so the loop logic reads as R's C.
    /// Raw buffers keep the O(window) inner loops free of bounds checks.
    final class Engine {
        let n: Int
        private let x: UnsafeMutablePointer<Double>
        private let y: UnsafeMutablePointer<Double>
        private let ys: UnsafeMutablePointer<Double>
        private let rw: UnsafeMutablePointer<Double>
        private let w: UnsafeMutablePointer<Double>

        init(x sortedX: [Double], y sortedY: [Double]) {
            let count = sortedX.count
            n = count
            func buffer(_ values: [Double]?) -> UnsafeMutablePointer<Double> {
                let b = UnsafeMutablePointer<Double>.allocate(capacity: count + 1)
                b.initialize(repeating: 0, count: count + 1)
                if let values { for k in 0..<count { b[k + 1] = values[k] } }
                return b
            }
            x = buffer(sortedX)
            y = buffer(sortedY)
            ys = buffer(nil)
            rw = buffer(nil)
            w = buffer(nil)
        }

        deinit {
            for b in [x, y, ys, rw, w] { b.deallocate() }
        }

        /// The final fit and the first (non-robust) pass, both in sorted order.
        func run(span f: Double, steps: Int, delta: Double) -> (fitted: [Double], firstPass: [Double]) {
            if n < 2 { return ([y[1]], [y[1]]) }
            var firstPass: [Double] = []
            // min in floating point first, so a huge span cannot overflow Int.
            let ns = max(2, Int(min(Double(n), f * Double(n) + 1e-7)))
            var residuals = [Double](repeating: 0, count: n)
            var iteration = 1
            while iteration <= steps + 1 {
                smoothPass(ns: ns, delta: delta, robust: iteration > 1)
                if iteration == 1 { firstPass = Array(UnsafeBufferPointer(start: ys + 1, count: n)) }
                var scale = 0.0
                for i in 0..<n {
                    residuals[i] = y[i + 1] - ys[i + 1]
                    scale += abs(residuals[i])
                }
                scale /= Double(n)
                if iteration > steps { break }
                guard updateRobustnessWeights(residuals: residuals, scale: scale) else { break }
                iteration += 1
            }
            return (Array(UnsafeBufferPointer(start: ys + 1, count: n)), firstPass)
        }

        /// One pass over the sorted points: fit at selected points, interpolate the rest.
        private func smoothPass(ns: Int, delta: Double, robust: Bool) {
            var nleft = 1
            var nright = ns
            var last = 0
            var i = 1
            while true {
                if nright < n {
                    let d1 = x[i] - x[nleft]
                    let d2 = x[nright + 1] - x[i]
                    if d1 > d2 {
                        nleft += 1
                        nright += 1
                        continue
                    }
                }
                ys[i] = localFit(at: i, nleft: nleft, nright: nright, robust: robust) ?? y[i]
                if last < i - 1 {
                    let denominator = x[i] - x[last]
                    for j in (last + 1)..<i {
                        let alpha = (x[j] - x[last]) / denominator
                        ys[j] = alpha * ys[i] + (1 - alpha) * ys[last]
                    }
                }
                last = i
                let cut = x[last] + delta
                i = last + 1
                while i <= n {
                    if x[i] > cut { break }
                    if x[i] == x[last] {
                        ys[i] = ys[last]
                        last = i
                    }
                    i += 1
                }
                i = max(last + 1, i - 1)
                if last >= n { break }
            }
        }

        /// R's `lowest`: the local weighted linear fit at x[i]; nil when all weights are zero.
        /// R normalises the weights and then forms Σ wⱼ(1 + b(xⱼ − x̄))yⱼ; the same quantity is
        /// accumulated here in two passes over the window (equal up to rounding, ~1e-16).
        private func localFit(at i: Int, nleft: Int, nright: Int, robust: Bool) -> Double? {
            let xs = x[i]
            let range = x[n] - x[1]
            let h = max(xs - x[nleft], x[nright] - xs)
            let h9 = 0.999 * h
            let h1 = 0.001 * h
            var total = 0.0
            var weightedX = 0.0
            var j = nleft
            while j <= n {
                let r = abs(x[j] - xs)
                if r <= h9 {
                    var weight = 1.0
                    if r > h1 {
                        let q = r / h
                        let t = 1 - q * q * q
                        weight = t * t * t
                    }
                    if robust { weight *= rw[j] }
                    w[j] = weight
                    total += weight
                    weightedX += weight * x[j]
                } else {
                    w[j] = 0
                    if x[j] > xs { break }
                }
                j += 1
            }
            let nrt = j - 1
            guard total > 0 else { return nil }
            let center = weightedX / total
            var spread = 0.0
            var sumY = 0.0
            var sumDY = 0.0
            for k in nleft...nrt {
                let wk = w[k]
                let d = x[k] - center
                spread += wk * d * d
                sumY += wk * y[k]
                sumDY += wk * d * y[k]
            }
            spread /= total
            if h > 0 && spread.squareRoot() > 0.001 * range {
                let b = (xs - center) / spread
                return (sumY + b * sumDY) / total
            }
            return sumY / total
        }

        /// Bisquare robustness weights from 6·median|residual|; false when that scale is
        /// effectively zero (R stops iterating then).
        private func updateRobustnessWeights(residuals: [Double], scale: Double) -> Bool {
            let sorted = residuals.map(abs).sorted()
            let m1 = n / 2
            let cmad = n % 2 == 0 ? 3 * (sorted[m1] + sorted[n - m1 - 1]) : 6 * sorted[m1]
            if cmad < 1e-7 * scale { return false }
            let c9 = 0.999 * cmad
            let c1 = 0.001 * cmad
            for i in 0..<n {
                let r = abs(residuals[i])
                if r <= c1 {
                    rw[i + 1] = 1
                } else if r <= c9 {
                    let u = r / cmad
                    rw[i + 1] = (1 - u * u) * (1 - u * u)
                } else {
                    rw[i + 1] = 0
                }
            }
            return true
        }
    }
}
