import SentinelNumerics

// External validation: thresholds fixed in advance rather than chosen on a cohort.
extension PredictionEvaluator {
    /// Evaluates every cohort of `input` with `thresholds` (one per model, in
    /// `input.modelNames` order), e.g. the development Youden thresholds stored in `model.json`,
    /// instead of Youden's J on `input.thresholdCohort` (which is ignored). Everything else is
    /// exactly `evaluate(_:)`: the same DeLong, Wilson, bootstrap and calibration code.
    ///
    /// Cohort `i`'s bootstrap draws from the seed's generator `derived(bootstrapStreams[i])`
    /// (default: `i`, as in `evaluate(_:)`), so a cohort evaluated with the stream index it had
    /// in the development run reproduces its bootstrap CIs as well.
    /// - Parameter thresholdSource: recorded as `StudyResults.thresholdCohort`.
    /// - Throws: `EvaluationError.statistics` (single-class cohort, wrong threshold count).
    public func evaluate(_ input: EvaluationInput, fixedThresholds thresholds: [Double], thresholdSource: String,
                         bootstrapStreams: [UInt64]? = nil) throws -> StudyResults {
        guard thresholds.count == input.modelNames.count, thresholds.allSatisfy(\.isFinite) else {
            throw EvaluationError.statistics(cohort: thresholdSource, model: nil,
                                             underlying: "\(thresholds.count) finite thresholds are needed, one per model (\(input.modelNames.count))")
        }
        let root = SeededGenerator(seed: settings.seed)
        var cohorts: [CohortEvaluation] = []
        for (index, cohort) in input.cohorts.enumerated() {
            let stream = bootstrapStreams.flatMap { index < $0.count ? $0[index] : nil } ?? UInt64(index)
            cohorts.append(try evaluate(cohort, modelNames: input.modelNames, thresholds: thresholds,
                                        generator: root.derived(stream)))
        }
        var methods = EvaluationMethods(bootstrapReplicates: settings.bootstrapReplicates, seed: settings.seed)
        methods.threshold = "Fixed thresholds from \(thresholdSource), applied unchanged; risk >= threshold is positive"
        return StudyResults(tool: toolName, methods: methods, thresholdCohort: thresholdSource, cohorts: cohorts)
    }
}
