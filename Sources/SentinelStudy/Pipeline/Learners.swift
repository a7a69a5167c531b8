import SentinelLearn
import SentinelNumerics

/// The pipeline's use of SentinelLearn's learners, in one place: LASSO-CV for selection,
/// the SGD logistic models with their penalty search, out-of-fold probabilities and the
/// stacking SVM.
enum Learners {
    struct LassoOutcome {
        var lambda: Double
        var coefficients: [Double]
        var path: [Double]
        var cvMean: [Double]
        var cvSE: [Double]
    }

    /// LASSO on z-scored features (scaler fitted on these rows), λ_min by stratified K-fold
    /// CV of the mean squared error of the 0/1 outcome (scikit-learn `LassoCV` semantics).
    static func lassoCV(x rows: [[Double]], y: [Bool], folds: Int, seed: UInt64) throws -> LassoOutcome {
        let x = try Matrix(rows)
        let z = try StandardScaler().fit(x).transform(x)
        let labels = y.map { $0 ? 1 : 0 }
        var generator = SeededGenerator(seed: seed)
        let splits = try StratifiedKFold(folds: folds).splits(labels: labels, generator: &generator)
        let fitted = try LassoCV().fit(z, labels.map(Double.init), folds: splits)
        let k = Double(max(splits.count, 1))
        let se = fitted.msePath.map { row -> Double in
            let mean = row.reduce(0, +) / k
            let variance = row.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / max(k - 1, 1)
            return (variance / k).squareRoot()
        }
        return LassoOutcome(lambda: fitted.alpha, coefficients: fitted.model.coefficients, path: fitted.alphas,
                            cvMean: fitted.meanMSE, cvSE: se)
    }

    /// Stratified fold assignment of the training rows (for stacking).
    static func stratifiedFolds(labels: [Bool], k: Int, seed: UInt64) -> [FoldSplit] {
        var generator = SeededGenerator(seed: seed)
        return (try? StratifiedKFold(folds: k).splits(labels: labels.map { $0 ? 1 : 0 }, generator: &generator)) ?? []
    }
}
