import Foundation
import SentinelStudy

/// `sentinel predict`: scores patients with a frozen study. Data are joined on the model's
/// id column, encoded with the training imputation values and encodings (a level unseen
/// in training is an error naming the column, level and row), and scored by every model
/// through the same code path as the pipeline, so evaluation-cohort probabilities are
/// reproduced exactly. The `label` column is written when the outcome column is present and
/// every row has a 0/1 outcome (`CSVTable.parseOutcome`, as in training).
public struct PredictJob {
    public var model: URL
    public var data: [URL]

    public init(model: URL, data: [URL]) {
        self.model = model
        self.data = data
    }

    /// The predictions as CSV in the `sentinel evaluate` format.
    public func run() throws -> Data {
        let frozen = try FrozenStudy.load(contentsOf: model)
        let table = try JoinedTable.read(data.map { (url: $0, name: $0.lastPathComponent) }, idColumn: frozen.idColumn)
        let columns = try frozen.preprocessor.encodedColumns(table)
        let probabilities = try frozen.fitted.predictProbabilities(columns: columns, patients: table.rowCount)
        let cohorts = frozen.cohortColumn.flatMap { table.column($0) }
        var labels: [Int]?
        if let outcome = table.column(frozen.outcomeColumn) {
            let parsed = outcome.map(CSVTable.parseOutcome)
            if parsed.allSatisfy({ $0 != nil }) { labels = parsed.compactMap { $0 } }
        }
        let models = zip(frozen.fitted.models, probabilities).map { PredictionTable.Model(name: $0.name, probabilities: $1) }
        return PredictionTable.csvData(ids: table.ids, cohorts: cohorts, labels: labels, models: models)
    }
}
