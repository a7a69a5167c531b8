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
        let usable = candidates.filter { !univariate.isConstant[$0] }
        guard !usable.isEmpty else { throw PipelineError.noFeatures(featureSet: name) }
        let byP = usable.sorted { (univariate.p[$0], $0) < (univariate.p[$1], $1) }
        var steps: [SelectionTrail.Step] = []

        var significant = byP.filter { univariate.p[$0] < settings.pThreshold }
        if significant.isEmpty {
            significant = [byP[0]]
            steps.append(.init(name: "Univariate test (p < \(settings.pThreshold))", kept: names(significant, study),
                               fallback: true, note: "no feature had p < \(settings.pThreshold); kept the one with the lowest p (\(study.featureNames[byP[0]]), p = \(univariate.p[byP[0]]))"))
        } else {
            steps.append(.init(name: "Univariate test (p < \(settings.pThreshold))", kept: names(significant, study)))
        }

        let decorrelated = correlationFilter(significant, study: study, rows: trainingRows, univariate: univariate)
        steps.append(.init(name: "Correlation filter (|r| > \(settings.correlationThreshold) removed)",
                           kept: names(decorrelated, study)))

        let x = study.matrix(rows: trainingRows, features: decorrelated)
        let y = trainingRows.map { study.labels[$0] }
        let lasso = try Learners.lassoCV(x: x, y: y, folds: settings.lassoFolds, seed: seed, splits: lassoSplits)
        var final = decorrelated.indices.filter { lasso.coefficients[$0] != 0 }.map { decorrelated[$0] }
        var trail = SelectionTrail(featureSet: name, candidates: candidates.count, steps: steps)
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
        guard ordered.count > 1 else { return ordered }
        let values = ordered.map { j in rows.map { study.columns[j][$0] } }
        let ranks = values.map { Ranking.midranks($0) }
        var kept: [Int] = []
        for (a, j) in ordered.enumerated() {
            let redundant = kept.contains { b in
                let k = ordered[b]
                let r = (univariate.isNormal[j] && univariate.isNormal[k])
                    ? ((try? Correlation.pearson(values[a], values[b])) ?? 0)
                    : ((try? Correlation.pearson(ranks[a], ranks[b])) ?? 0)
                return abs(r) > settings.correlationThreshold
            }
            if !redundant { kept.append(a) }
        }
        return kept.map { ordered[$0] }
    }

    private func names(_ features: [Int], _ study: EncodedStudy) -> [String] {
        features.map { study.featureNames[$0] }
    }
}
