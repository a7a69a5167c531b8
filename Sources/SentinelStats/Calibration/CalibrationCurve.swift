/// A calibration curve: observed event rate against predicted probability, binned and smoothed.
///
/// **Bins** (equal-count quantile bins, default B = 10): the edges are the k/B quantiles
/// (k = 0…B) of the predictions by linear interpolation (numpy `percentile` default, R
/// `quantile` type 7); a prediction goes to the bin of the number of inner edges strictly below
/// it, so bins are (edgeₖ, edgeₖ₊₁] and the first also holds the minimum. This is the reference
/// pipeline's `calibration_bins` and scikit-learn `calibration_curve(strategy="quantile")`,
/// except that bins left empty by tied predictions are reported with count 0 instead of being
/// dropped. Each bin carries a Wilson score interval for its observed fraction.
///
/// **Smoothed curve**: R `lowess(p, y)` with the given smoother (default f = 2/3, iter = 3,
/// delta = 0.01·range, i.e. R's defaults), one point per distinct prediction in increasing
/// order. `Lowess(robustnessIterations: 0)` gives the curve `rms::val.prob` draws and that
/// `SmoothedCalibrationErrors` (ICI) measures. Smoothed values are not clipped to [0, 1].
///
/// Cost: one O(n log n) sort for the bins, one for the smoother.
public struct CalibrationCurve: Codable, Sendable, Equatable {
    /// One point of the smoothed curve.
    public struct SmoothedPoint: Codable, Sendable, Equatable {
        /// A distinct predicted probability.
        public let predicted: Double
        /// The smoothed observed event rate at that prediction.
        public let observed: Double

        public init(predicted: Double, observed: Double) {
            self.predicted = predicted
            self.observed = observed
        }
    }

    /// The B quantile bins in increasing order, empty ones included.
    public let bins: [CalibrationBin]
    /// The smoothed curve at each distinct prediction, in increasing order.
    public let smoothed: [SmoothedPoint]

    public init(bins: [CalibrationBin], smoothed: [SmoothedPoint]) {
        self.bins = bins
        self.smoothed = smoothed
    }

    /// Computes the binned and smoothed curves.
    /// - Parameters:
    ///   - probabilities: predicted probabilities in [0, 1].
    ///   - labels: outcomes (`true` = event), one per prediction.
    ///   - binCount: number of quantile bins B, 1…`maximumBinCount` (default 10).
    ///   - level: confidence level of the per-bin Wilson intervals (default 0.95).
    ///   - smoother: the lowess settings (default R's).
    /// - Throws: `CalibrationError` for empty or mismatched input, a probability outside [0, 1],
    ///   or an invalid bin count or level. A single outcome class is allowed.
    public static func compute(probabilities: [Double], labels: [Bool], binCount: Int = 10,
                               level: Double = 0.95, smoother: Lowess = Lowess()) throws -> CalibrationCurve {
        let input = try CalibrationInput(probabilities: probabilities, labels: labels)
        let bins = try quantileBins(input, binCount: binCount, level: level)
        let smoothed = try smoothedCurve(input, smoother: smoother)
        return CalibrationCurve(bins: bins, smoothed: smoothed)
    }

    /// Only the quantile bins (see the type's documentation).
    public static func bins(probabilities: [Double], labels: [Bool], binCount: Int = 10,
                            level: Double = 0.95) throws -> [CalibrationBin] {
        try quantileBins(CalibrationInput(probabilities: probabilities, labels: labels), binCount: binCount, level: level)
    }

    /// Upper bound on the number of bins (and Hosmer-Lemeshow groups).
    public static let maximumBinCount = 10_000

    static func quantileBins(_ input: CalibrationInput, binCount: Int, level: Double) throws -> [CalibrationBin] {
        guard binCount >= 1, binCount <= maximumBinCount else {
            throw CalibrationError.invalidParameter(name: "binCount", value: Double(binCount),
                                                    requirement: "between 1 and \(maximumBinCount)")
        }
        try CalibrationInput.validateLevel(level)
        let order = input.order
        let sorted = input.sortedProbabilities
        let edges = quantileEdges(sorted: sorted, binCount: binCount)
        var counts = [Int](repeating: 0, count: binCount)
        var events = [Int](repeating: 0, count: binCount)
        var sums = [Double](repeating: 0, count: binCount)
        var bin = 0
        for (rank, i) in order.enumerated() {
            let p = sorted[rank]
            while bin < binCount - 1 && edges[bin + 1] < p { bin += 1 }
            counts[bin] += 1
            sums[bin] += p
            if input.labels[i] { events[bin] += 1 }
        }
        return (0..<binCount).map { k in
            let empty = counts[k] == 0
            return CalibrationBin(
                index: k, lowerEdge: edges[k], upperEdge: edges[k + 1], count: counts[k], events: events[k],
                meanPredicted: empty ? nil : sums[k] / Double(counts[k]),
                observedFraction: empty ? nil : Double(events[k]) / Double(counts[k]),
                observedInterval: CalibrationBin.wilsonInterval(events: events[k], count: counts[k], level: level))
        }
    }

    /// The k/B quantiles (k = 0…B) of sorted values, computed as numpy
    /// `percentile(a, linspace(0, 100, B + 1))` (linear method, same floating-point steps).
    static func quantileEdges(sorted: [Double], binCount: Int) -> [Double] {
        let step = 100.0 / Double(binCount)
        return (0...binCount).map { k in
            let percent = k == binCount ? 100.0 : Double(k) * step
            return linearQuantile(sorted: sorted, fraction: percent / 100)
        }
    }

    /// Type-7 quantile of sorted values with numpy's lerp (a + (b−a)t, or b − (b−a)(1−t) for t ≥ ½).
    static func linearQuantile(sorted: [Double], fraction: Double) -> Double {
        let virtualIndex = Double(sorted.count - 1) * fraction
        let lowerIndex = min(max(Int(virtualIndex.rounded(.down)), 0), sorted.count - 1)
        let upperIndex = min(lowerIndex + 1, sorted.count - 1)
        let t = virtualIndex - Double(lowerIndex)
        let a = sorted[lowerIndex]
        let b = sorted[upperIndex]
        let difference = b - a
        return t >= 0.5 ? b - difference * (1 - t) : a + difference * t
    }

    static func smoothedCurve(_ input: CalibrationInput, smoother: Lowess) throws -> [SmoothedPoint] {
        points(try input.lowess(smoother).fit)
    }

    /// One point per distinct x of a lowess fit.
    static func points(_ fit: LowessFit) -> [SmoothedPoint] {
        var points: [SmoothedPoint] = []
        for k in fit.x.indices where k == 0 || fit.x[k] != fit.x[k - 1] {
            points.append(SmoothedPoint(predicted: fit.x[k], observed: fit.fitted[k]))
        }
        return points
    }
}
