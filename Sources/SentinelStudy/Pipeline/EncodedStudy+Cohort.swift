extension EncodedStudy {
    /// Encodes a loaded cohort with a preprocessor fitted on its training rows.
    public init(cohort: Cohort, preprocessor: Preprocessor) throws {
        self.init(cohort: cohort, matrices: try preprocessor.transform(cohort.data))
    }

    /// Assembles a loaded cohort from its encoded modality matrices (all rows, row order), e.g.
    /// the second result of `Preprocessor.fitTransform`, which parses each column only once.
    public init(cohort: Cohort, matrices: [FeatureMatrix]) {
        var names: [String] = [], modality: [Int] = [], categorical: [Bool] = [], columns: [[Double]] = []
        for (m, matrix) in matrices.enumerated() {
            names += matrix.names
            modality += Array(repeating: m, count: matrix.names.count)
            categorical += matrix.isCategorical
            columns += matrix.columns
        }
        self.init(ids: cohort.ids, labels: cohort.outcome.map { $0 == 1 }, cohortOfRow: cohort.cohortLabels,
                  cohortNames: cohort.cohortNames, trainingCohort: cohort.trainingName, featureNames: names,
                  featureModality: modality, featureIsCategorical: categorical, columns: columns)
    }
}
