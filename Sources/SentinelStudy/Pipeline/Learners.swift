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
        let problem = try LassoProblem(x: rows, y: y, folds: folds, seed: seed, splits: explicitSplits)
        return try problem.finish(foldMSE: problem.splits.indices.map { problem.foldMSE(fold: $0) })
    }

    /// `lassoCV` in steps (z-scoring, folds and α grid; one fold's path; averaging and the
    /// refit), so that the folds of several feature sets can run as concurrent tasks.
    struct LassoProblem: Sendable {
        let z: Matrix
        let targets: [Double]
        let splits: [FoldSplit]
        let alphas: [Double]
        let solver = LassoCV()

        init(x rows: [[Double]], y: [Bool], folds: Int, seed: UInt64, splits explicitSplits: [FoldSplit]?) throws {
            let x = try Matrix(rows)
            z = try StandardScaler().fit(x).transform(x)
            let labels = y.map { $0 ? 1 : 0 }
            var generator = SeededGenerator(seed: seed)
            splits = try explicitSplits ?? StratifiedKFold(folds: folds).splits(labels: labels, generator: &generator)
            targets = labels.map(Double.init)
            alphas = try solver.prepare(z, targets, folds: splits)
        }

        /// Test MSE of every α on fold `f`.
        func foldMSE(fold f: Int) -> [Double] {
            solver.foldMSE(z, targets, split: splits[f], alphas: alphas)
        }

        /// λ_min, its refit and the CV curve from every fold's `foldMSE` (in fold order).
        func finish(foldMSE: [[Double]]) throws -> LassoOutcome {
            let fitted = try solver.finish(z, targets, alphas: alphas, foldMSE: foldMSE)
            let k = Double(max(splits.count, 1))
            let se = fitted.msePath.map { row -> Double in
                let mean = row.reduce(0, +) / k
                let variance = row.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / max(k - 1, 1)
                return (variance / k).squareRoot()
            }
            return LassoOutcome(lambda: fitted.alpha, coefficients: fitted.model.coefficients, path: fitted.alphas,
                                cvMean: fitted.meanMSE, cvSE: se)
        }
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
        let problem = try LogisticProblem(x: rows, y: y, settings: settings, seed: seed)
        let paths = problem.folds.indices.map { problem.penaltyPath(fold: $0) }
        return try problem.finish(penaltyPaths: paths, featureNames: featureNames)
    }

    /// `fitLogistic` in three steps, so that the inner-CV folds of several models can run as
    /// separate concurrent tasks: the z-scored training rows and folds, the penalty path of
    /// one fold, then the choice of α and the SGD fit. Composed, the steps do exactly the
    /// arithmetic of one sequential loop.
    struct LogisticProblem: Sendable {
        let settings: PipelineSettings
        let seed: UInt64
        let scaler: StandardScaler.Fitted
        let z: Matrix
        let labels: [Int]
        let folds: [FoldSplit]
        let y: [Bool]

        init(x rows: [[Double]], y: [Bool], settings: PipelineSettings, seed: UInt64) throws {
            let x = try Matrix(rows)
            self.scaler = try StandardScaler().fit(x)
            self.z = try scaler.transform(x)
            self.labels = y.map { $0 ? 1 : 0 }
            self.folds = try stratifiedFolds(labels: y, k: settings.innerFolds, seed: seed)
            self.settings = settings
            self.seed = seed
            self.y = y
        }

        /// The test AUC of fold `f` at every α of the grid (NaN where the fold is skipped: a
        /// single class or a failed fit). Along the grid from the largest α down, the Newton
        /// solve warm-starts from its solution at the previous α (same unique optimum, fewer
        /// iterations).
        func penaltyPath(fold f: Int) -> [Double] {
            let fold = folds[f]
            let train = z.selectingRows(fold.train), test = z.selectingRows(fold.test)
            let trainLabels = fold.train.map { labels[$0] }, outcome = fold.test.map { y[$0] }
            var auc = [Double](repeating: .nan, count: settings.alphaGrid.count)
            guard trainLabels.contains(0), trainLabels.contains(1) else { return auc }
            var start: LogisticModel?
            for (k, alpha) in settings.alphaGrid.enumerated().sorted(by: { $0.element > $1.element }) {
                guard let model = try? LogisticRegression(alpha: alpha).fit(train, labels: trainLabels, start: start),
                      let scores = try? model.decisionFunction(test),
                      let roc = try? ROCCurve(scores: scores, labels: outcome) else { continue }
                start = model
                auc[k] = roc.auc
            }
            return auc
        }

        /// The α with the best mean fold AUC (ties: the larger α) and the SGD fit at it.
        /// `penaltyPaths[f]` is `penaltyPath(fold: f)`.
        func finish(penaltyPaths: [[Double]], featureNames: [String]) throws -> FrozenLinearModel {
            let alpha = chooseAlpha(penaltyPaths: penaltyPaths)
            return try fit(alpha: alpha.alpha, meanAUC: alpha.meanAUC, featureNames: featureNames)
        }

        /// Mean fold AUC per α (over the folds that were not skipped, in fold order) and the
        /// chosen α.
        func chooseAlpha(penaltyPaths: [[Double]]) -> (alpha: Double, meanAUC: [Double]) {
            var meanAUC = [Double](repeating: .nan, count: settings.alphaGrid.count)
            for k in settings.alphaGrid.indices {
                var total = 0.0, counted = 0
                for path in penaltyPaths where !path[k].isNaN {
                    total += path[k]
                    counted += 1
                }
                meanAUC[k] = counted > 0 ? total / Double(counted) : .nan
            }
            var best = settings.alphaGrid.count - 1
            for k in settings.alphaGrid.indices.reversed() where !meanAUC[k].isNaN && (meanAUC[best].isNaN || meanAUC[k] > meanAUC[best]) {
                best = k
            }
            return (settings.alphaGrid[best], meanAUC)
        }

        /// The SGD fit on all training rows at the chosen α.
        func fit(alpha: Double, meanAUC: [Double], featureNames: [String]) throws -> FrozenLinearModel {
            var generator = SeededGenerator(seed: seed ^ 0x5DEECE66D)
            let fit = try SGDLogisticRegression(alpha: alpha).fit(z, labels: labels, generator: &generator)
            return FrozenLinearModel(featureNames: featureNames, scaler: scaler,
                                     coefficients: fit.model.coefficients, intercept: fit.model.intercept,
                                     alpha: alpha, alphaGridAUC: meanAUC)
        }
    }

    /// Out-of-fold probabilities of one cross-fitting fold: its test rows scored by the model
    /// (same features, same α) refitted on the other folds, z-scoring included. The fold's
    /// shuffling seed is derived from `seed` and the fold's first test row.
    static func outOfFoldProbabilities(alpha: Double, x rows: [[Double]], y: [Bool], fold: FoldSplit,
                                       seed: UInt64) throws -> [Double] {
        let x = try Matrix(rows)
        let train = x.selectingRows(fold.train)
        let scaler = try StandardScaler().fit(train)
        var foldGenerator = SeededGenerator(seed: seed).derived(UInt64(fold.test.first ?? 0))
        let fit = try SGDLogisticRegression(alpha: alpha)
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
