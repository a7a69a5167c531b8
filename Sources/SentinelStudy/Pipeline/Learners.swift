import SentinelLearn
import SentinelNumerics
import SentinelStats

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
    /// `splits` replaces the seeded stratified folds (tests pin the step against scikit-learn
    /// `LassoCV` with the same explicit folds).
    static func lassoCV(x rows: [[Double]], y: [Bool], folds: Int, seed: UInt64,
                        splits explicitSplits: [FoldSplit]? = nil) throws -> LassoOutcome {
        let x = try Matrix(rows)
        let z = try StandardScaler().fit(x).transform(x)
        let labels = y.map { $0 ? 1 : 0 }
        var generator = SeededGenerator(seed: seed)
        let splits = try explicitSplits ?? StratifiedKFold(folds: folds).splits(labels: labels, generator: &generator)
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

    /// Stratified fold assignment of the training rows (penalty search and stacking).
    /// Throws when a class has fewer members than folds, instead of returning no folds
    /// (which would leave out-of-fold probabilities unset).
    static func stratifiedFolds(labels: [Bool], k: Int, seed: UInt64) throws -> [FoldSplit] {
        var generator = SeededGenerator(seed: seed)
        return try StratifiedKFold(folds: k).splits(labels: labels.map { $0 ? 1 : 0 }, generator: &generator)
    }
}

extension Learners {
    /// z-scoring fitted on the training rows, then L2 logistic regression trained by SGD
    /// (SentinelLearn `SGDLogisticRegression`), its penalty α chosen from the grid by mean
    /// inner stratified-CV AUC on the z-scored training rows (ties: the larger α). The
    /// inner-CV fits solve the same strictly convex objective with the exact Newton solver
    /// (`LogisticRegression`): its optimum is unique and the SGD solver converges to it, so
    /// the chosen α is the same and the search takes milliseconds instead of seconds.
    static func fitLogistic(x rows: [[Double]], y: [Bool], featureNames: [String], settings: PipelineSettings,
                            seed: UInt64) throws -> FrozenLinearModel {
        let x = try Matrix(rows)
        let scaler = try StandardScaler().fit(x)
        let z = try scaler.transform(x)
        let labels = y.map { $0 ? 1 : 0 }
        let folds = try stratifiedFolds(labels: y, k: settings.innerFolds, seed: seed)
        // Along the grid from the largest α down, each fold's Newton solve warm-starts from
        // its solution at the previous α (same unique optimum, fewer iterations).
        var meanAUC = [Double](repeating: .nan, count: settings.alphaGrid.count)
        let foldData = folds.map { fold in
            (train: z.selectingRows(fold.train), labels: fold.train.map { labels[$0] },
             test: z.selectingRows(fold.test), outcome: fold.test.map { y[$0] })
        }
        var starts = [LogisticModel?](repeating: nil, count: folds.count)
        for (k, alpha) in settings.alphaGrid.enumerated().sorted(by: { $0.element > $1.element }) {
            var total = 0.0, counted = 0
            for (f, fold) in foldData.enumerated() {
                guard fold.labels.contains(0), fold.labels.contains(1),
                      let model = try? LogisticRegression(alpha: alpha).fit(fold.train, labels: fold.labels, start: starts[f]),
                      let scores = try? model.decisionFunction(fold.test),
                      let roc = try? ROCCurve(scores: scores, labels: fold.outcome) else { continue }
                starts[f] = model
                total += roc.auc
                counted += 1
            }
            meanAUC[k] = counted > 0 ? total / Double(counted) : .nan
        }
        var best = settings.alphaGrid.count - 1
        for k in settings.alphaGrid.indices.reversed() where !meanAUC[k].isNaN && (meanAUC[best].isNaN || meanAUC[k] > meanAUC[best]) {
            best = k
        }
        let alpha = settings.alphaGrid[best]
        var generator = SeededGenerator(seed: seed ^ 0x5DEECE66D)
        let fit = try SGDLogisticRegression(alpha: alpha).fit(z, labels: labels, generator: &generator)
        return FrozenLinearModel(featureNames: featureNames, scaler: scaler,
                                 coefficients: fit.model.coefficients, intercept: fit.model.intercept,
                                 alpha: alpha, alphaGridAUC: meanAUC)
    }

    /// Out-of-fold probabilities of one cross-fitting fold: its test rows scored by the model
    /// (same features, same α) refitted on the other folds, z-scoring included. The fold's
    /// shuffling seed is derived from `seed` and the fold's first test row.
    static func outOfFoldProbabilities(base: FrozenLinearModel, x rows: [[Double]], y: [Bool], fold: FoldSplit,
                                       seed: UInt64) throws -> [Double] {
        let x = try Matrix(rows)
        let train = x.selectingRows(fold.train)
        let scaler = try StandardScaler().fit(train)
        var foldGenerator = SeededGenerator(seed: seed).derived(UInt64(fold.test.first ?? 0))
        let fit = try SGDLogisticRegression(alpha: base.alpha)
            .fit(try scaler.transform(train), labels: fold.train.map { y[$0] ? 1 : 0 }, generator: &foldGenerator)
        return try fit.predictProbability(try scaler.transform(x.selectingRows(fold.test)))
    }

    /// The post-fusion SVM (RBF, C = 1, γ = "scale", Platt probabilities) on stacked
    /// out-of-fold probabilities.
    static func fitStacker(x rows: [[Double]], y: [Bool], parts: [String], seed: UInt64) throws -> FrozenStacker {
        var generator = SeededGenerator(seed: seed)
        let svm = try SVC().fit(try Matrix(rows), labels: y.map { $0 ? 1 : 0 }, generator: &generator)
        return FrozenStacker(parts: parts, svm: svm)
    }
}
