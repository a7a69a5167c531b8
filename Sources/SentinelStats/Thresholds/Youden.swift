/// Youden-optimal threshold: the cut-off maximising J = sensitivity + specificity − 1.
///
/// Chosen on one cohort (e.g. training) and then applied unchanged to the others through
/// `ThresholdMetrics`. A patient is called positive when `score >= threshold`.
///
/// Candidates are the distinct observed scores (the finite thresholds of
/// scikit-learn's `roc_curve(drop_intermediate=False)`), so the result is always a score
/// that occurs in the cohort. J is compared exactly, as the integer
/// TP · controls − FP · cases, so mathematically equal J values tie exactly. Ties are broken
/// towards the HIGHEST threshold (fewest positive calls), which is what
/// `thr[np.argmax(tpr - fpr)]` over `roc_curve` gives in the Python reference pipeline
/// (where floating-point rounding of tpr − fpr can occasionally split an exact tie; we do
/// not reproduce that artefact). Unlike that argmax, the `+infinity` sentinel threshold is
/// never returned: for a model with J ≤ 0 everywhere (e.g. constant scores) the highest
/// observed score achieving the maximum is returned.
public enum Youden {
    /// The Youden-optimal threshold of `scores` against `labels` (`true` = case).
    ///
    /// - Throws: `StatsError` if the lengths differ, a score is NaN or infinite, or there
    ///   is not at least one case and one control.
    public static func optimalThreshold(scores: [Double], labels: [Bool]) throws -> Double {
        try ScoreValidation.validate(models: [scores], labels: labels, minimumPerClass: 1)
        let groups = TiedScoreGroups(scores: scores, labels: labels)
        var best = Int.min
        var bestThreshold = groups.values[groups.values.count - 1]
        var tp = 0
        var fp = 0
        for g in stride(from: groups.values.count - 1, through: 0, by: -1) {
            tp += groups.cases[g]
            fp += groups.controls[g]
            let j = tp * groups.controlCount - fp * groups.caseCount
            if j > best {
                best = j
                bestThreshold = groups.values[g]
            }
        }
        return bestThreshold
    }
}
