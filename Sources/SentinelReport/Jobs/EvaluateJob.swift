import Foundation
import SentinelStudy

/// `sentinel evaluate`: reads a predictions file, evaluates every model in every cohort,
/// and writes `results.json` (and, unless `resultsOnly`, the report, figures and tables)
/// atomically into the output folder.
public struct EvaluateJob: Sendable {
    public var predictions: URL
    public var output: URL
    public var bootstrap: Int
    public var seed: UInt64
    public var force: Bool
    public var resultsOnly: Bool
    public var version: String
    public var progress: Bool
    /// Which columns of the predictions file hold what.
    public var columns: PredictionColumns

    public init(predictions: URL, output: URL, bootstrap: Int, seed: UInt64, force: Bool,
                resultsOnly: Bool, version: String, progress: Bool, columns: PredictionColumns = .standard) {
        self.predictions = predictions
        self.columns = columns
        self.output = output
        self.bootstrap = bootstrap
        self.seed = seed
        self.force = force
        self.resultsOnly = resultsOnly
        self.version = version
        self.progress = progress
    }

    /// Runs the job; returns the `results.json` text.
    @discardableResult
    public func run() throws -> String {
        let reporter = ProgressReporter(enabled: progress)
        reporter.stage("reading \(predictions.lastPathComponent)")
        let table = try PredictionTable.read(contentsOf: predictions, columns: columns)
        let folder = try OutputFolder(destination: output, force: force, inputs: [predictions])
        let input = EvaluationInput(table: table)
        reporter.stage("evaluating \(input.modelNames.count) models in \(input.cohorts.count) cohorts")
        let evaluator = PredictionEvaluator(
            settings: EvaluationSettings(bootstrapReplicates: bootstrap, seed: seed, includeCurves: !resultsOnly),
            toolName: "Sentinel \(version)")
        let results = try evaluator.evaluate(input)
        let json = try ResultsJSON.encode(results)
        try folder.write(json, to: "results.json")
        if !resultsOnly {
            let provenance = try Provenance.collect(files: [(predictions, predictions.lastPathComponent)], seed: seed)
            let inputs = ReportInputs.forPredictions(results: results, provenance: provenance, version: version,
                                                     source: predictions.lastPathComponent)
            try ReportWriter(progress: reporter).write(inputs, into: folder, risks: input.scoresByCohort)
        }
        reporter.stage("finishing")
        reporter.finish()
        if !resultsOnly { try folder.write(reporter.timingsJSON(), to: "timings.json") }
        try folder.commit()
        return json
    }
}

extension EvaluationInput {
    /// The evaluation input of a predictions table: cohorts in order of first appearance,
    /// thresholds from `table.thresholdCohort`.
    public init(table: PredictionTable) {
        self.init(table: table, cohortOrder: table.cohortNames, thresholdCohort: table.thresholdCohort)
    }

    /// The evaluation input of a predictions table with the cohorts in `cohortOrder` (every
    /// cohort of the table, each once) and thresholds from the cohort named `thresholdCohort`
    /// (`sentinel run`: the training cohort first and its thresholds, whatever its name and
    /// wherever its rows are in the file).
    public init(table: PredictionTable, cohortOrder names: [String], thresholdCohort: String) {
        let cohorts = names.map { name -> Cohort in
            let rows = table.rows(inCohort: name)
            return Cohort(name: name, labels: rows.map { table.labels[$0] == 1 },
                          scores: table.models.map { m in rows.map { m.probabilities[$0] } })
        }
        self.init(modelNames: table.modelNames, cohorts: cohorts,
                  thresholdCohort: names.firstIndex(of: thresholdCohort) ?? 0)
    }
}

/// Encodes results deterministically: pretty-printed, keys sorted (JSONEncoder's bytes with
/// `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]`, written by `SortedJSONEncoder`).
public enum ResultsJSON {
    public static func encode(_ results: StudyResults) throws -> String {
        String(decoding: try SortedJSONEncoder.encode(results), as: UTF8.self) + "\n"
    }
}
