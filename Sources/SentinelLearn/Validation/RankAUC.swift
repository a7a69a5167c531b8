/// Area under the ROC curve by the Mann-Whitney statistic, O(n log n): sort scores, give tied
/// scores their mid-rank, AUC = (R₁ - n₁(n₁+1)/2) / (n₁ n₀), so a tie counts one half
/// (as scikit-learn `roc_auc_score`). Returns nil when a class is absent.
enum RankAUC {
    static func auc(scores: [Double], labels: [Int]) -> Double? {
        let n = scores.count
        let order = (0..<n).sorted { scores[$0] < scores[$1] }
        var rankSumPositive = 0.0
        var positives = 0
        var i = 0
        while i < n {
            var j = i
            while j + 1 < n && scores[order[j + 1]] == scores[order[i]] { j += 1 }
            let midRank = Double(i + j) / 2 + 1
            for k in i...j where labels[order[k]] == 1 {
                rankSumPositive += midRank
                positives += 1
            }
            i = j + 1
        }
        let negatives = n - positives
        guard positives > 0, negatives > 0 else { return nil }
        let n1 = Double(positives)
        return (rankSumPositive - n1 * (n1 + 1) / 2) / (n1 * Double(negatives))
    }
}
