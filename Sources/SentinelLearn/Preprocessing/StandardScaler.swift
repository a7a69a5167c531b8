/// Column-wise z-scoring, as scikit-learn `StandardScaler()`.
///
/// `fit` learns each column's mean and population standard deviation (ddof = 0) from the
/// training matrix only; a constant column (SD = 0) gets scale 1, so it maps to 0 rather than
/// NaN, exactly as scikit-learn does. When squaring the deviations would overflow (values
/// beyond ~1e154) the SD is computed on deviations divided by their largest magnitude, so it
/// stays finite instead of becoming infinity.
public struct StandardScaler: Codable, Sendable, Equatable {
    public init() {}

    /// Learns column means and scales from `x` (training data only).
    /// - Throws: `LearnError` when `x` is empty or not finite.
    public func fit(_ x: Matrix) throws -> Fitted {
        try InputCheck.matrix(x)
        let n = Double(x.rows)
        var mean = [Double](repeating: 0, count: x.columns)
        for r in 0..<x.rows {
            for c in 0..<x.columns { mean[c] += x[r, c] }
        }
        for c in 0..<x.columns { mean[c] /= n }
        var ss = [Double](repeating: 0, count: x.columns)
        for r in 0..<x.rows {
            for c in 0..<x.columns {
                let d = x[r, c] - mean[c]
                ss[c] += d * d
            }
        }
        var scale = ss.map { s -> Double in
            let sd = (s / n).squareRoot()
            return sd == 0 ? 1 : sd
        }
        for c in 0..<x.columns where !scale[c].isFinite {
            var largest = 0.0
            for r in 0..<x.rows { largest = max(largest, abs(x[r, c] - mean[c])) }
            var scaled = 0.0
            for r in 0..<x.rows {
                let d = (x[r, c] - mean[c]) / largest
                scaled += d * d
            }
            scale[c] = largest * (scaled / n).squareRoot()
        }
        return Fitted(mean: mean, scale: scale)
    }

    /// The learned centring and scaling; plain data.
    public struct Fitted: Codable, Sendable, Equatable {
        /// Column means of the training data.
        public var mean: [Double]
        /// Column population SDs of the training data (1 for constant columns).
        public var scale: [Double]

        public init(mean: [Double], scale: [Double]) {
            self.mean = mean
            self.scale = scale
        }

        /// (x - mean) / scale, column-wise.
        /// - Throws: `LearnError.dimensionMismatch` when the column count differs from training.
        public func transform(_ x: Matrix) throws -> Matrix {
            try InputCheck.columns(x, expected: mean.count)
            var out = x
            for r in 0..<x.rows {
                for c in 0..<x.columns { out[r, c] = (x[r, c] - mean[c]) / scale[c] }
            }
            return out
        }
    }
}
