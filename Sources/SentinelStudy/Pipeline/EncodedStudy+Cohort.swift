extension EncodedStudy {
    /// Encodes a loaded cohort with a preprocessor fitted on its training rows.
    public init(cohort: Cohort, preprocessor: Preprocessor) throws {
        let matrices = try preprocessor.transform(cohort.data)
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
