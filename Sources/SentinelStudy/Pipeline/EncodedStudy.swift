/// A study's data after encoding and imputation: one numeric column per feature, with
/// each patient's outcome and cohort. Columns are stored feature-major (`columns[j][i]`
/// is feature j of patient i) because selection works feature by feature.
public struct EncodedStudy: Sendable {
    public var ids: [String]
    public var labels: [Bool]
    /// Cohort name per patient.
    public var cohortOfRow: [String]
    /// Cohort names in order of first appearance, training first.
    public var cohortNames: [String]
    public var trainingCohort: String
    public var featureNames: [String]
    /// Modality index of each feature.
    public var featureModality: [Int]
    /// Categorical (0/1 dummy) features get chi-square/Fisher tests in selection.
    public var featureIsCategorical: [Bool]
    public var columns: [[Double]]

    public init(ids: [String], labels: [Bool], cohortOfRow: [String], cohortNames: [String],
                trainingCohort: String, featureNames: [String], featureModality: [Int],
                featureIsCategorical: [Bool], columns: [[Double]]) {
        self.ids = ids
        self.labels = labels
        self.cohortOfRow = cohortOfRow
        self.cohortNames = cohortNames
        self.trainingCohort = trainingCohort
        self.featureNames = featureNames
        self.featureModality = featureModality
        self.featureIsCategorical = featureIsCategorical
        self.columns = columns
    }

    /// Row indices of a cohort, in file order.
    public func rows(of cohort: String) -> [Int] {
        cohortOfRow.indices.filter { cohortOfRow[$0] == cohort }
    }

    /// Row-major matrix (rows × features) of the given rows and feature indices.
    public func matrix(rows: [Int], features: [Int]) -> [[Double]] {
        rows.map { i in features.map { columns[$0][i] } }
    }
}
