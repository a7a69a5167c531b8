import SentinelNumerics
import SentinelStats

/// Evaluates every model in every cohort with the statistics engine: DeLong AUC and CI,
/// paired DeLong tests of every pair, Youden thresholds from the threshold cohort applied
/// unchanged elsewhere, Wilson and stratified-bootstrap CIs, calibration and decision
/// curves. Cohorts are independent and evaluated concurrently; each cohort's bootstrap uses
/// its own generator derived from the seed, so results do not depend on thread count.
public struct PredictionEvaluator: Sendable {
    public var settings: EvaluationSettings
    public var toolName: String

    public init(settings: EvaluationSettings, toolName: String) {
        self.settings = settings
        self.toolName = toolName
    }

    public func evaluate(_ input: EvaluationInput) throws -> StudyResults {
        let thresholdCohort = input.cohorts[input.thresholdCohort]
        let thresholds = try input.modelNames.indices.map { k in
            try wrap(cohort: thresholdCohort.name, model: input.modelNames[k]) {
                try Youden.optimalThreshold(scores: thresholdCohort.scores[k], labels: thresholdCohort.labels)
            }
        }
        let root = SeededGenerator(seed: settings.seed)
        // Cohorts run concurrently (their serial parts and bootstrap rounds overlap instead of
        // leaving a core idle); each draws from its own derived generator, so the results are
        // those of a loop in order, and a failure is the first cohort's in that order.
        let cohorts = try ConcurrentMap.map(input.cohorts.count) { index in
            try evaluate(input.cohorts[index], modelNames: input.modelNames, thresholds: thresholds,
                         generator: root.derived(UInt64(index)))
        }
        return StudyResults(tool: toolName,
                            methods: EvaluationMethods(bootstrapReplicates: settings.bootstrapReplicates, seed: settings.seed),
                            thresholdCohort: thresholdCohort.name, cohorts: cohorts)
    }

    func evaluate(_ cohort: EvaluationInput.Cohort, modelNames: [String], thresholds: [Double],
                  generator: SeededGenerator) throws -> CohortEvaluation {
        let labels = cohort.labels
        let delong = try wrap(cohort: cohort.name, model: nil) {
            try DeLong.analyze(scores: cohort.scores, labels: labels)
        }
        var bootstrap: BootstrapResult?
        if settings.bootstrapReplicates > 0 {
            bootstrap = try wrap(cohort: cohort.name, model: nil) {
                try StratifiedBootstrap(replicates: settings.bootstrapReplicates, level: settings.level)
                    .run(scores: cohort.scores, labels: labels, thresholds: thresholds, generator: generator)
            }
        }
        var models: [ModelEvaluation] = []
        for k in modelNames.indices {
            models.append(try wrap(cohort: cohort.name, model: modelNames[k]) {
                try evaluateModel(k, name: modelNames[k], scores: cohort.scores[k], labels: labels,
                                  threshold: thresholds[k], delong: delong, bootstrap: bootstrap?.models[k])
            })
        }
        var comparisons: [ModelComparison] = []
        for a in modelNames.indices {
            for b in modelNames.indices where b > a {
                let c = try delong.compare(a, b, level: settings.level)
                let defined = c.standardError > 0 && c.z.isFinite
                comparisons.append(ModelComparison(
                    a: modelNames[a], b: modelNames[b], aucDifference: c.aucDifference,
                    differenceCI: [c.interval.lower, c.interval.upper],
                    z: defined ? c.z : nil, p: defined ? c.p : nil))
            }
        }
        let positives = labels.filter { $0 }.count
        var result = CohortEvaluation(name: cohort.name, n: labels.count, positives: positives,
                                      models: models, comparisons: comparisons)
        if settings.includeCurves {
            result.decisionThresholds = settings.decisionThresholds
            result.treatAll = try treatAllNetBenefit(labels: labels)
        }
        return result
    }

    func evaluateModel(_ k: Int, name: String, scores: [Double], labels: [Bool], threshold: Double,
                       delong: DeLongResult, bootstrap: BootstrapModelResult?) throws -> ModelEvaluation {
        let ci = try delong.confidenceInterval(k, level: settings.level)
        let metrics = try ThresholdMetrics(scores: scores, labels: labels, threshold: threshold, level: settings.level)
        var m = ModelEvaluation(
            name: name, auc: delong.aucs[k], aucCI: [ci.lower, ci.upper], aucSE: try delong.standardError(k),
            threshold: threshold, tp: metrics.truePositives, fp: metrics.falsePositives,
            tn: metrics.trueNegatives, fn: metrics.falseNegatives, brier: .nan)
        m.accuracy = metrics.accuracy.estimate
        m.sensitivity = metrics.sensitivity.estimate
        m.specificity = metrics.specificity.estimate
        m.ppv = metrics.ppv.estimate
        m.npv = metrics.npv.estimate
        m.accuracyCI = metrics.accuracy.interval.map(pair)
        m.sensitivityCI = metrics.sensitivity.interval.map(pair)
        m.specificityCI = metrics.specificity.interval.map(pair)
        m.ppvCI = metrics.ppv.interval.map(pair)
        m.npvCI = metrics.npv.interval.map(pair)
        if let b = bootstrap {
            m.aucCIBootstrap = b.auc.interval.map(pair)
            m.accuracyCIBootstrap = b.accuracy.interval.map(pair)
            m.sensitivityCIBootstrap = b.sensitivity.interval.map(pair)
            m.specificityCIBootstrap = b.specificity.interval.map(pair)
            m.ppvCIBootstrap = b.ppv.interval.map(pair)
            m.npvCIBootstrap = b.npv.interval.map(pair)
        }
        try addCalibration(to: &m, scores: scores, labels: labels)
        return m
    }

    func pair(_ ci: ConfidenceInterval) -> [Double] { [ci.lower, ci.upper] }

    /// Runs `body`, re-raising statistics errors with the cohort and model they concern.
    func wrap<T>(cohort: String, model: String?, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as EvaluationError {
            throw error
        } catch {
            throw EvaluationError.statistics(cohort: cohort, model: model, underlying: "\(error)")
        }
    }
}

/// An evaluation that cannot be computed for the data given (exit 65).
public enum EvaluationError: Error, CustomStringConvertible, Sendable {
    case statistics(cohort: String, model: String?, underlying: String)

    public var description: String {
        switch self {
        case .statistics(let cohort, let model, let underlying):
            let what = model.map { "model \($0) in cohort \(cohort)" } ?? "cohort \(cohort)"
            return "cannot evaluate \(what): \(underlying)"
        }
    }
}
