import Foundation
import SentinelNumerics
import SentinelStats

/// `SGDLogisticRegression` with α chosen by inner stratified k-fold cross-validation on AUC.
///
/// For every α of `alphas` and every fold, a model is trained on the fold's training part and
/// scored by AUC (Mann-Whitney, ties ½) on its test part; the α with the highest mean AUC wins,
/// ties going to the **largest** α (the most regularised model). The winner is refit on all rows.
/// Features are used as given (z-score them beforehand). Randomness: the folds (when not given)
/// come from `generator` first; then fold f's SGD run uses `generator.derived(f)` and the final
/// refit `generator.derived(folds)`; along the α grid (largest α first) each fold warm-starts
/// from the previous α's solution, which changes nothing at convergence but saves epochs.
public struct SGDLogisticRegressionCV: Codable, Sendable, Equatable {
    /// Candidate penalties (any order; default 10^(−4 + i/3), i = 0…12: 1e-4 … 1).
    public var alphas: [Double]
    /// Number of stratified folds when folds are not given.
    public var folds: Int
    /// Solver settings (its `alpha` is ignored).
    public var solver: SGDLogisticRegression

    public static let defaultAlphas: [Double] = (0...12).map { Foundation.pow(10, -4 + Double($0) / 3) }

    public init(alphas: [Double] = SGDLogisticRegressionCV.defaultAlphas, folds: Int = 5,
                solver: SGDLogisticRegression = SGDLogisticRegression(alpha: 1)) {
        self.alphas = alphas
        self.folds = folds
        self.solver = solver
    }

    /// Cross-validates with seeded stratified folds (`StratifiedKFold(folds)`) and refits.
    public func fit(_ x: Matrix, labels: [Int], generator: inout SeededGenerator) throws -> Fitted {
        try InputCheck.matrix(x)
        try InputCheck.labels(labels, rows: x.rows)
        let splits = try StratifiedKFold(folds: folds).splits(labels: labels, generator: &generator)
        return try fit(x, labels: labels, folds: splits, generator: &generator)
    }

    /// Cross-validates with the given folds and refits.
    /// - Throws: `LearnError` on invalid input, an empty α grid or a non-positive α, or folds
    ///   whose training part lacks a class.
    public func fit(_ x: Matrix, labels: [Int], folds splits: [FoldSplit],
                    generator: inout SeededGenerator) throws -> Fitted {
        try InputCheck.matrix(x)
        try InputCheck.labels(labels, rows: x.rows)
        guard !alphas.isEmpty else {
            throw LearnError.invalidParameter(name: "alphas.count", value: 0, requirement: "at least 1")
        }
        let grid = alphas.sorted(by: >)
        for a in grid { var s = solver; s.alpha = a; try s.validateParameters() }
        guard splits.count >= 2 else { throw LearnError.invalidFolds(reason: "at least two folds are needed") }
        let y = labels.map(Double.init)
        var foldAUC = [[Double]](repeating: [], count: grid.count)
        for (f, split) in splits.enumerated() {
            let trainLabels = split.train.map { labels[$0] }
            try InputCheck.labels(trainLabels, rows: trainLabels.count, "training part of fold \(f)")
            let xTrain = x.selectingRows(split.train)
            let xTest = x.selectingRows(split.test)
            let testLabels = split.test.map { labels[$0] }
            var foldGenerator = generator.derived(UInt64(f))
            var start: [Double]? = nil
            for (a, alpha) in grid.enumerated() {
                var s = solver
                s.alpha = alpha
                let fit = s.run(xTrain, trainLabels.map(Double.init), start: start, generator: &foldGenerator)
                start = fit.model.coefficients + [fit.model.intercept]
                if let auc = try? ROCCurve(scores: try fit.model.decisionFunction(xTest), labels: testLabels.map { $0 == 1 }).auc {
                    foldAUC[a].append(auc)
                }
            }
        }
        let meanAUC = foldAUC.map { $0.isEmpty ? Double.nan : $0.reduce(0, +) / Double($0.count) }
        var best = 0
        for a in grid.indices where meanAUC[a] > meanAUC[best] || meanAUC[best].isNaN { best = a }
        var s = solver
        s.alpha = grid[best]
        var finalGenerator = generator.derived(UInt64(splits.count))
        let model = s.run(x, y, start: nil, generator: &finalGenerator)
        return Fitted(alphas: grid, meanAUC: meanAUC, foldAUC: foldAUC, alpha: grid[best], model: model)
    }

    /// The cross-validation record and the refit model: plain data.
    public struct Fitted: Codable, Sendable, Equatable {
        /// The α grid, descending.
        public var alphas: [Double]
        /// Mean test AUC per α (NaN if no fold had both classes in its test part).
        public var meanAUC: [Double]
        /// Test AUC per α and fold.
        public var foldAUC: [[Double]]
        /// The chosen α.
        public var alpha: Double
        /// The model refit on all rows at the chosen α.
        public var model: SGDLogisticRegression.Fitted

        /// P(y = 1 | x) per row.
        public func predictProbability(_ x: Matrix) throws -> [Double] { try model.predictProbability(x) }
    }
}
