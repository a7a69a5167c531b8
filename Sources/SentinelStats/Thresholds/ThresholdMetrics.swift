/// Confusion counts and the usual proportions of one model at a fixed threshold, each with
/// its Wilson score interval (see `Proportion`).
///
/// A patient is called positive when `score >= threshold` (as `Youden` and dcurves).
/// - accuracy = (TP + TN) / N, sensitivity = TP / (TP + FN), specificity = TN / (TN + FP),
/// - PPV = TP / (TP + FP), NPV = TN / (TN + FN).
/// A 0/0 proportion (no cases, no controls, nobody called positive or negative) has a nil
/// estimate and interval.
public struct ThresholdMetrics: Codable, Sendable, Equatable {
    /// The threshold applied.
    public let threshold: Double
    public let truePositives: Int
    public let falsePositives: Int
    public let trueNegatives: Int
    public let falseNegatives: Int
    public let accuracy: Proportion
    public let sensitivity: Proportion
    public let specificity: Proportion
    /// Positive predictive value (precision).
    public let ppv: Proportion
    /// Negative predictive value.
    public let npv: Proportion

    /// Applies `threshold` to `scores` against `labels` (`true` = case).
    ///
    /// - Throws: `StatsError` if the input is empty, lengths differ, a score or the
    ///   threshold is NaN or infinite, or the level is outside (0, 1).
    public init(scores: [Double], labels: [Bool], threshold: Double, level: Double = 0.95) throws {
        try ScoreValidation.validate(models: [scores], labels: labels, minimumPerClass: 0)
        guard threshold.isFinite else {
            throw StatsError.invalidParameter(name: "threshold", value: "\(threshold)",
                                              requirement: "must be a finite number")
        }
        var tp = 0, fp = 0, tn = 0, fn = 0
        for (score, label) in zip(scores, labels) {
            switch (score >= threshold, label) {
            case (true, true): tp += 1
            case (true, false): fp += 1
            case (false, false): tn += 1
            case (false, true): fn += 1
            }
        }
        try self.init(threshold: threshold, truePositives: tp, falsePositives: fp,
                      trueNegatives: tn, falseNegatives: fn, level: level)
    }

    /// Builds the metrics from confusion counts.
    public init(threshold: Double, truePositives tp: Int, falsePositives fp: Int,
                trueNegatives tn: Int, falseNegatives fn: Int, level: Double = 0.95) throws {
        self.threshold = threshold
        truePositives = tp
        falsePositives = fp
        trueNegatives = tn
        falseNegatives = fn
        accuracy = try Proportion(successes: tp + tn, trials: tp + fp + tn + fn, level: level)
        sensitivity = try Proportion(successes: tp, trials: tp + fn, level: level)
        specificity = try Proportion(successes: tn, trials: tn + fp, level: level)
        ppv = try Proportion(successes: tp, trials: tp + fp, level: level)
        npv = try Proportion(successes: tn, trials: tn + fn, level: level)
    }
}
