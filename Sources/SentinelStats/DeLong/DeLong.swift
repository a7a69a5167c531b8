/// DeLong's nonparametric variance and covariance of the AUCs of K models scored on the
/// same patients (DeLong, DeLong & Clarke-Pearson 1988), computed with the O(N log N)
/// midrank algorithm of Sun & Xu (2014, IEEE Signal Process. Lett. 21:1389).
///
/// Algorithm, per model: sort the N scores once (`TiedScoreGroups`); the Sun & Xu midrank
/// differences are then the placement values
/// - of case i: V10ᵢ = (controls below sᵢ + ½ controls tied with sᵢ) / n
///   (= (midrank of sᵢ among all − midrank among cases) / n),
/// - of control j: V01ⱼ = (cases above sⱼ + ½ cases tied with sⱼ) / m
///   (= 1 − (midrank among all − midrank among controls) / m),
/// with m cases and n controls. θ_k = mean(V10) is the AUC, and
/// Cov(θ_k, θ_l) = S10_kl / m + S01_kl / n with S10, S01 the sample covariances
/// (denominators m − 1 and n − 1) of the placements across models. This is exactly
/// pROC's `var(roc)`, `cov(roc1, roc2)` and `delongPlacements` (pROC 1.18), to rounding.
///
/// Cost: O(K · N log N) for the sorts (models in parallel) plus O(K² · N) for the covariance.
public enum DeLong {
    /// Analyses `scores[k]` (model k, one score per patient) against `labels`
    /// (`true` = case). Higher scores mean "more likely positive"; no direction guessing.
    ///
    /// - Throws: `StatsError` if there is no model, lengths differ, a score is NaN or
    ///   infinite, or there are fewer than 2 cases or 2 controls (the sample covariances
    ///   need m − 1 > 0 and n − 1 > 0; pROC returns NA there).
    public static func analyze(scores: [[Double]], labels: [Bool]) throws -> DeLongResult {
        let (m, n) = try ScoreValidation.validate(models: scores, labels: labels, minimumPerClass: 2)
        let caseIndex = labels.indices.filter { labels[$0] }
        let controlIndex = labels.indices.filter { !labels[$0] }
        // Per model (in parallel for large inputs): AUC and centred placements.
        let perModel = ParallelMap.map(count: scores.count, parallel: labels.count * scores.count >= 10_000) { k in
            let groups = TiedScoreGroups(scores: scores[k], labels: labels)
            let (v10, v01) = placements(groups)
            let auc = groups.auc
            return (auc: auc,
                    cases: caseIndex.map { v10[groups.groupOfPatient[$0]] - auc },
                    controls: controlIndex.map { v01[groups.groupOfPatient[$0]] - auc })
        }
        let aucs = perModel.map(\.auc)
        let casePlacements = perModel.map(\.cases)        // centred, K × m
        let controlPlacements = perModel.map(\.controls)  // centred, K × n
        let k = scores.count
        var covariance = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        for a in 0..<k {
            for b in a..<k {
                let s10 = dot(casePlacements[a], casePlacements[b]) / Double(m - 1)
                let s01 = dot(controlPlacements[a], controlPlacements[b]) / Double(n - 1)
                let c = s10 / Double(m) + s01 / Double(n)
                covariance[a][b] = c
                covariance[b][a] = c
            }
        }
        return DeLongResult(aucs: aucs, covariance: covariance, cases: m, controls: n)
    }

    /// Placement value of a case and of a control in each tie group (see the type doc).
    static func placements(_ groups: TiedScoreGroups) -> (cases: [Double], controls: [Double]) {
        let m = Double(groups.caseCount)
        let n = Double(groups.controlCount)
        let count = groups.values.count
        var v10 = [Double](repeating: 0, count: count)
        var v01 = [Double](repeating: 0, count: count)
        var controlsBelow = 0
        var casesBelow = 0
        for g in 0..<count {
            let casesAbove = groups.caseCount - casesBelow - groups.cases[g]
            v10[g] = (Double(controlsBelow) + 0.5 * Double(groups.controls[g])) / n
            v01[g] = (Double(casesAbove) + 0.5 * Double(groups.cases[g])) / m
            controlsBelow += groups.controls[g]
            casesBelow += groups.cases[g]
        }
        return (v10, v01)
    }

    private static func dot(_ x: [Double], _ y: [Double]) -> Double {
        var s = 0.0
        for i in x.indices { s += x[i] * y[i] }
        return s
    }
}
