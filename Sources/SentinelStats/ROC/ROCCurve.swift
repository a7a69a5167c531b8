/// The empirical ROC curve of one model over all distinct thresholds, and its AUC.
///
/// Convention: label `true` is a case (positive); a higher score means "more likely
/// positive" and a patient is called positive when `score >= threshold`. There is no
/// direction guessing: a model worse than chance has AUC < 0.5.
///
/// `points` are exactly scikit-learn's `roc_curve(labels, scores, drop_intermediate=False)`:
/// the first point is (FPR 0, TPR 0) at threshold `+infinity` (nobody called positive),
/// followed by one point per distinct score in descending order, the last being (1, 1) at
/// the smallest score. pROC lists the same (FPR, TPR) pairs, with thresholds at midpoints
/// between consecutive scores instead of at the scores.
///
/// `auc` is the Mann-Whitney statistic U / (cases · controls), ties between a case and a
/// control counting 1/2; it equals the trapezoidal area under `points`, scikit-learn
/// `roc_auc_score` and pROC `auc(direction = "<")`. It is computed from exact integer
/// counts, so it is correctly rounded.
///
/// Cost: one sort, O(N log N).
public struct ROCCurve: Codable, Sendable, Equatable {
    /// The curve, from (0, 0) at threshold +infinity to (1, 1) at the smallest score.
    public let points: [ROCPoint]
    /// Area under the curve (Mann-Whitney statistic, ties 1/2).
    public let auc: Double
    /// Number of cases (label `true`).
    public let cases: Int
    /// Number of controls (label `false`).
    public let controls: Int

    /// Builds the curve of `scores` against `labels`.
    ///
    /// - Throws: `StatsError` if the lengths differ, a score is NaN or infinite, or there is
    ///   not at least one case and one control.
    public init(scores: [Double], labels: [Bool]) throws {
        try ScoreValidation.validate(models: [scores], labels: labels, minimumPerClass: 1)
        self.init(groups: TiedScoreGroups(scores: scores, labels: labels))
    }

    init(groups: TiedScoreGroups) {
        let p = Double(groups.caseCount)
        let n = Double(groups.controlCount)
        var points: [ROCPoint] = []
        points.reserveCapacity(groups.values.count + 1)
        points.append(ROCPoint(threshold: .infinity, falsePositiveRate: 0, truePositiveRate: 0,
                               truePositives: 0, falsePositives: 0))
        var tp = 0
        var fp = 0
        for g in stride(from: groups.values.count - 1, through: 0, by: -1) {
            tp += groups.cases[g]
            fp += groups.controls[g]
            points.append(ROCPoint(threshold: groups.values[g],
                                   falsePositiveRate: Double(fp) / n, truePositiveRate: Double(tp) / p,
                                   truePositives: tp, falsePositives: fp))
        }
        self.points = points
        self.auc = groups.auc
        self.cases = groups.caseCount
        self.controls = groups.controlCount
    }
}
