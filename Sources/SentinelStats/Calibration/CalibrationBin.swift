/// One bin of a binned (grouped) calibration curve.
///
/// A bin covers predictions in (lowerEdge, upperEdge]; the first bin also includes its lower
/// edge. Empty bins (possible when tied predictions make edges coincide) are kept with
/// `count == 0` and nil means/interval.
public struct CalibrationBin: Codable, Sendable, Equatable {
    /// Bin number, 0-based, in order of increasing predictions.
    public let index: Int
    /// Lower edge: the (index/B)-quantile of the predictions.
    public let lowerEdge: Double
    /// Upper edge: the ((index+1)/B)-quantile of the predictions.
    public let upperEdge: Double
    /// Patients in the bin.
    public let count: Int
    /// Events (label 1) in the bin.
    public let events: Int
    /// Mean predicted probability of the bin; nil when empty.
    public let meanPredicted: Double?
    /// Observed event fraction events / count; nil when empty.
    public let observedFraction: Double?
    /// Wilson score interval of the observed fraction (level as requested, default 95%);
    /// nil when empty.
    public let observedInterval: ClosedRange<Double>?

    public init(index: Int, lowerEdge: Double, upperEdge: Double, count: Int, events: Int,
                meanPredicted: Double?, observedFraction: Double?, observedInterval: ClosedRange<Double>?) {
        self.index = index
        self.lowerEdge = lowerEdge
        self.upperEdge = upperEdge
        self.count = count
        self.events = events
        self.meanPredicted = meanPredicted
        self.observedFraction = observedFraction
        self.observedInterval = observedInterval
    }

    /// The Wilson score interval for `events` out of `count` at confidence `level`, computed as
    /// statsmodels `proportion_confint(method="wilson")` (`Proportion.wilsonBounds`); nil when
    /// `count == 0`.
    public static func wilsonInterval(events: Int, count: Int, level: Double = 0.95) -> ClosedRange<Double>? {
        guard count > 0, events >= 0, events <= count, level > 0, level < 1 else { return nil }
        let bounds = Proportion.wilsonBounds(successes: events, trials: count, level: level)
        return bounds.lower...bounds.upper
    }
}
