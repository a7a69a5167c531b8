import SentinelLearn
import SentinelStats

/// Steps 2 and 3 of selection for one feature set, on the training cohort: the
/// correlation filter and LASSO. If nothing survives a step, the single best feature of
/// the step before (lowest univariate p) is kept, and the trail says so.
public struct FeatureSetSelector: Sendable {
    public var settings: PipelineSettings
    public var seed: UInt64
    /// Explicit LASSO folds (positions within the training rows) instead of seeded ones.
    var lassoSplits: [FoldSplit]?

    public init(settings: PipelineSettings, seed: UInt64) {
        self.settings = settings
        self.seed = seed
    }

    public struct Result: Sendable {
        /// Selected feature indices (into the study's columns), in LASSO order.
        public var features: [Int]
        public var trail: SelectionTrail
    }

    public func select(name: String, candidates: [Int], study: EncodedStudy, trainingRows: [Int],
                       univariate: UnivariateScreen) throws -> Result {
        let pending = try prepare(name: name, candidates: candidates, study: study, trainingRows: trainingRows,
                                  univariate: univariate, correlations: nil)
        return try finish(pending, lassoFoldMSE: pending.lasso.splits.indices.map { pending.lasso.foldMSE(fold: $0) },
                          study: study)
    }

    /// A feature set after the univariate test and the correlation filter, with its LASSO
    /// problem set up (`select` = `prepare`, every fold's `lasso.foldMSE`, `finish`).
    struct Pending: Sendable {
        var name: String
        var candidates: Int
        var steps: [SelectionTrail.Step]
        var decorrelated: [Int]
        var lasso: Learners.LassoProblem
    }

    /// Steps 1 and 2 and the LASSO set-up. `correlations`: the features' centred values and
    /// ranks computed once for several feature sets (nil: computed here).
    func prepare(name: String, candidates: [Int], study: EncodedStudy, trainingRows: [Int],
                 univariate: UnivariateScreen, correlations: CorrelationColumns?) throws -> Pending {
        let usable = candidates.filter { !univariate.isConstant[$0] }
        guard !usable.isEmpty else { throw PipelineError.noFeatures(featureSet: name) }
        let byP = usable.sorted { (univariate.p[$0], $0) < (univariate.p[$1], $1) }
        var steps: [SelectionTrail.Step] = []

        var significant = byP.filter { univariate.p[$0] < settings.pThreshold }
        if significant.isEmpty {
            // The note is printed in the report: p to 3 significant digits, not 17.
            significant = [byP[0]]
            steps.append(.init(name: "Univariate test (p < \(settings.pThreshold))", kept: names(significant, study),
                               fallback: true, note: "no feature had p < \(settings.pThreshold); kept the one with the lowest p (\(study.featureNames[byP[0]]), p = \(String(format: "%.3g", univariate.p[byP[0]])))"))
        } else {
            steps.append(.init(name: "Univariate test (p < \(settings.pThreshold))", kept: names(significant, study)))
        }

        let columns = correlations ?? CorrelationColumns(features: significant, study: study, rows: trainingRows,
                                                          univariate: univariate)
        let decorrelated = correlationFilter(significant, columns: columns, univariate: univariate)
        steps.append(.init(name: "Correlation filter (|r| > \(settings.correlationThreshold) removed)",
                           kept: names(decorrelated, study)))

        let x = study.matrix(rows: trainingRows, features: decorrelated)
        let y = trainingRows.map { study.labels[$0] }
        let lasso = try Learners.LassoProblem(x: x, y: y, folds: settings.lassoFolds, seed: seed, splits: lassoSplits)
        return Pending(name: name, candidates: candidates.count, steps: steps, decorrelated: decorrelated, lasso: lasso)
    }

    /// Step 3 from every LASSO fold's test MSE (in fold order): λ_min, the kept features and
    /// the trail.
    func finish(_ pending: Pending, lassoFoldMSE: [[Double]], study: EncodedStudy) throws -> Result {
        let lasso = try pending.lasso.finish(foldMSE: lassoFoldMSE)
        let decorrelated = pending.decorrelated, name = pending.name
        var final = decorrelated.indices.filter { lasso.coefficients[$0] != 0 }.map { decorrelated[$0] }
        var trail = SelectionTrail(featureSet: name, candidates: pending.candidates, steps: pending.steps)
        if final.isEmpty {
            final = [decorrelated[0]]
            trail.steps.append(.init(name: "LASSO (\(settings.lassoFolds)-fold CV, λ_min)", kept: names(final, study),
                                     fallback: true, note: "LASSO kept no feature at λ_min; kept the one with the lowest univariate p"))
        } else {
            trail.steps.append(.init(name: "LASSO (\(settings.lassoFolds)-fold CV, λ_min)", kept: names(final, study)))
        }
        trail.lassoLambda = lasso.lambda
        var coefficients: [String: Double] = [:]
        for (i, j) in decorrelated.enumerated() where lasso.coefficients[i] != 0 {
            coefficients[study.featureNames[j]] = lasso.coefficients[i]
        }
        trail.lassoCoefficients = coefficients
        trail.lassoLambdas = lasso.path
        trail.lassoCVMean = lasso.cvMean
        trail.lassoCVSE = lasso.cvSE
        return Result(features: final, trail: trail)
    }

    /// Greedy filter in ascending-p order: a feature is kept when its |r| with every
    /// feature already kept is at most the threshold, so of any pair above the threshold
    /// the one with the larger p is dropped. Pearson r when both features pass
    /// Shapiro-Wilk, else Spearman.
    func correlationFilter(_ ordered: [Int], study: EncodedStudy, rows: [Int], univariate: UnivariateScreen) -> [Int] {
        correlationFilter(ordered, columns: CorrelationColumns(features: ordered, study: study, rows: rows, univariate: univariate),
                          univariate: univariate)
    }

    /// `correlationFilter` on precomputed columns (which must include every feature of `ordered`).
    func correlationFilter(_ ordered: [Int], columns: CorrelationColumns, univariate: UnivariateScreen) -> [Int] {
        guard ordered.count > 1 else { return ordered }
        var kept: [Int] = []
        for j in ordered {
            let redundant = kept.contains { k in
                let r = (univariate.isNormal[j] && univariate.isNormal[k])
                    ? columns.pearson(j, k) : columns.spearman(j, k)
                return abs(r) > settings.correlationThreshold
            }
            if !redundant { kept.append(j) }
        }
        return kept
    }

    private func names(_ features: [Int], _ study: EncodedStudy) -> [String] {
        features.map { study.featureNames[$0] }
    }
}
