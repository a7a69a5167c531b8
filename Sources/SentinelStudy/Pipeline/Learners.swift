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

extension Learners {
    /// z-scoring + SGD logistic regression, the L2 penalty α chosen from the grid by mean
    /// inner stratified-CV AUC (ties: the larger α, the simpler model), then refitted on
    /// all training rows by SGD. The inner-CV fits solve the same penalised objective
    /// exactly (Newton): its optimum is unique and SGD converges to it, so the choice is
    /// the same and the search is fast.
    static func fitLogistic(x rows: [[Double]], y: [Bool], featureNames: [String], settings: PipelineSettings,
                            seed: UInt64) throws -> FrozenLinearModel {
        let x = try Matrix(rows)
        let labels = y.map { $0 ? 1 : 0 }
        let folds = stratifiedFolds(labels: y, k: settings.innerFolds, seed: seed)
        var meanAUC: [Double] = []
        for alpha in settings.alphaGrid {
            var total = 0.0, counted = 0
            for fold in folds {
                let trainLabels = fold.train.map { labels[$0] }
                let testLabels = fold.test.map { y[$0] }
                guard trainLabels.contains(0), trainLabels.contains(1),
                      testLabels.contains(true), testLabels.contains(false) else { continue }
                let model = try fitScaledExact(x.selectingRows(fold.train), trainLabels, alpha: alpha)
                let p = try model.predict(x.selectingRows(fold.test))
                total += rankAUC(p, testLabels)
                counted += 1
            }
            meanAUC.append(counted > 0 ? total / Double(counted) : 0.5)
        }
        var best = 0
        for k in meanAUC.indices where meanAUC[k] >= meanAUC[best] { best = k }
        let alpha = settings.alphaGrid.isEmpty ? 1e-2 : settings.alphaGrid[best]
        let model = try fitScaledSGD(x, labels, alpha: alpha, seed: seed)
        return FrozenLinearModel(featureNames: featureNames, scaler: model.scaler,
                                 coefficients: model.fit.coefficients, intercept: model.fit.intercept,
                                 alpha: alpha, alphaGridAUC: meanAUC)
    }

    struct ScaledLogistic {
        var scaler: StandardScaler.Fitted
        var fit: LogisticRegression.Fitted
        func predict(_ x: Matrix) throws -> [Double] {
            fit.predictProbability(try scaler.transform(x))
        }
    }

    static func fitScaledSGD(_ x: Matrix, _ labels: [Int], alpha: Double, seed: UInt64) throws -> ScaledLogistic {
        let scaler = try StandardScaler().fit(x)
        let fit = try SGDLogisticRegression(alpha: alpha, seed: seed).fit(try scaler.transform(x), labels)
        return ScaledLogistic(scaler: scaler, fit: fit)
    }

    static func fitScaledExact(_ x: Matrix, _ labels: [Int], alpha: Double) throws -> ScaledLogistic {
        let scaler = try StandardScaler().fit(x)
        let fit = try LogisticRegression(penalty: alpha * Double(x.rows), tolerance: 1e-10).fit(try scaler.transform(x), labels)
        return ScaledLogistic(scaler: scaler, fit: fit)
    }

    /// Out-of-fold probabilities: each fold scored by the model (same features, same α)
    /// refitted on the other folds, z-scoring included.
    static func outOfFoldProbabilities(base: FrozenLinearModel, x rows: [[Double]], y: [Bool], folds: [FoldSplit],
                                       seed: UInt64) throws -> [Double] {
        let x = try Matrix(rows)
        let labels = y.map { $0 ? 1 : 0 }
        var out = [Double](repeating: 0, count: rows.count)
        for fold in folds {
            let model = try fitScaledSGD(x.selectingRows(fold.train), fold.train.map { labels[$0] }, alpha: base.alpha, seed: seed)
            let p = try model.predict(x.selectingRows(fold.test))
            for (i, v) in zip(fold.test, p) { out[i] = v }
        }
        return out
    }

    /// The post-fusion SVM (RBF, C = 1, γ = "scale", Platt probabilities) on stacked
    /// out-of-fold probabilities.
    static func fitStacker(x rows: [[Double]], y: [Bool], parts: [String], seed: UInt64) throws -> FrozenStacker {
        let svm = try SVC(seed: seed).fit(try Matrix(rows), y.map { $0 ? 1 : 0 })
        return FrozenStacker(parts: parts, svm: svm)
    }

    /// Mann-Whitney AUC (ties ½) by midranks.
    static func rankAUC(_ scores: [Double], _ labels: [Bool]) -> Double {
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var ranks = [Double](repeating: 0, count: scores.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && scores[order[j + 1]] == scores[order[i]] { j += 1 }
            let mid = Double(i + j) / 2 + 1
            for k in i...j { ranks[order[k]] = mid }
            i = j + 1
        }
        let positives = Double(labels.filter { $0 }.count), negatives = Double(labels.count) - positives
        guard positives > 0, negatives > 0 else { return 0.5 }
        let sum = zip(ranks, labels).filter { $0.1 }.reduce(0) { $0 + $1.0 }
        return (sum - positives * (positives + 1) / 2) / (positives * negatives)
    }
}
