/// Absolute differences between predicted and smoothed observed risk: the integrated
/// calibration index (ICI, Eavg) and E50, E90, Emax (Austin & Steyerberg, Stat Med 2019).
///
/// Definition, as R `rms::val.prob` (rms 6.5): the smoothed observed risk is
/// `lowess(p, y, iter = 0)` (f = 2/3, delta = 0.01·range(p)) read at every patient's own
/// prediction (`approx(…, xout = p, ties = mean)`), eᵢ = |pᵢ − smoothedᵢ| over all n patients;
/// Eavg = mean eᵢ, E50 = median, E90 = 0.9 quantile (R type 7, linear), Emax = max. val.prob
/// reports Eavg, E90 and Emax; E50 is the median of the same eᵢ. No clipping: predictions of
/// exactly 0 or 1 are used as they are. With constant predictions the smoother returns mean(y)
/// and every eᵢ = |p − mean(y)| (R's lowess gives the same).
public struct SmoothedCalibrationErrors: Codable, Sendable, Equatable {
    /// ICI: mean absolute difference.
    public let eavg: Double
    /// Median absolute difference.
    public let e50: Double
    /// 90th percentile of the absolute differences.
    public let e90: Double
    /// Maximum absolute difference.
    public let emax: Double

    public init(eavg: Double, e50: Double, e90: Double, emax: Double) {
        self.eavg = eavg
        self.e50 = e50
        self.e90 = e90
        self.emax = emax
    }

    /// The smoother these statistics use: R `lowess(p, y, iter = 0)`.
    public static let smoother = Lowess(robustnessIterations: 0)

    /// Computes Eavg, E50, E90 and Emax.
    /// - Throws: `CalibrationError` for empty or mismatched input or a probability outside [0, 1].
    public static func compute(probabilities: [Double], labels: [Bool]) throws -> SmoothedCalibrationErrors {
        try compute(CalibrationInput(probabilities: probabilities, labels: labels))
    }

    static func compute(_ input: CalibrationInput) throws -> SmoothedCalibrationErrors {
        let fit = try input.lowess(smoother).fit
        return from(predicted: fit.x, smoothed: fit.fitted)
    }

    /// The statistics from each patient's prediction and smoothed observed risk.
    static func from(predicted: [Double], smoothed: [Double]) -> SmoothedCalibrationErrors {
        let errors = zip(predicted, smoothed).map { abs($0 - $1) }.sorted()
        let n = errors.count
        let mean = errors.reduce(0, +) / Double(n)
        return SmoothedCalibrationErrors(eavg: mean, e50: typeSeven(errors, 0.5), e90: typeSeven(errors, 0.9),
                                         emax: errors[n - 1])
    }

    /// R `quantile(type = 7)` of sorted values: (1 − h)·x[lo] + h·x[hi] with index 1 + (n − 1)·q.
    /// For q = 0.5 this reduces to R `median` (mean of the two middle values).
    static func typeSeven(_ sorted: [Double], _ q: Double) -> Double {
        let n = sorted.count
        if q == 0.5 {
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
        }
        let index = Double(n - 1) * q
        let lo = Int(index.rounded(.down))
        let hi = min(lo + 1, n - 1)
        let h = index - Double(lo)
        guard h > 0, sorted[hi] != sorted[lo] else { return sorted[lo] }
        return (1 - h) * sorted[lo] + h * sorted[hi]
    }
}
