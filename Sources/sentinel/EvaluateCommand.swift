import ArgumentParser
import Foundation
import SentinelReport
import SentinelStudy

/// `sentinel evaluate PREDICTIONS.csv --out DIR`
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Evaluate models' predicted probabilities: AUC with DeLong CIs, paired tests, bootstrap CIs, threshold metrics, calibration, decision curves.",
        discussion: """
        PREDICTIONS.csv has one row per patient: id, cohort, label (0/1), then one column per model \
        with its predicted probability (the column name is the model name). Without a cohort column \
        all rows are one cohort, "all". Other column names: --id-column, --cohort-column, \
        --label-column; --model (repeatable) evaluates only the named model columns, so other \
        columns (age, site, ...) may stay in the file. Thresholds come from the cohort named train or \
        training if present, else the first cohort. Writes DIR/results.json, DIR/report.html, \
        DIR/report.pdf, DIR/figures/ and DIR/tables/.
        """)

    @Argument(help: "Predictions CSV (id, cohort, label, one column per model).")
    var predictions: String

    @Option(name: .long, help: "Column holding the patient id.")
    var idColumn: String = "id"

    @Option(name: .long, help: "Column holding the cohort name (optional in the file when left at its default).")
    var cohortColumn: String?

    @Option(name: .long, help: "Column holding the 0/1 outcome.")
    var labelColumn: String = "label"

    @Option(name: .customLong("model"), help: "A model column to evaluate (repeat for several; default: every other column).")
    var models: [String] = []

    @Option(name: .long, help: "Output folder (created; must not exist unless --force).")
    var out: String

    @Option(name: .long, help: "Stratified bootstrap replicates (0 to skip).")
    var bootstrap: Int = 2000

    @Option(name: .long, help: "Seed of the bootstrap generator.")
    var seed: UInt64 = 20250909

    @Flag(name: .long, help: "Replace an existing output folder.")
    var force = false

    @Flag(name: .long, help: "Write results.json only (no report, figures or tables).")
    var resultsOnly = false

    @Flag(name: .long, help: "Also print results.json to stdout.")
    var json = false

    @Flag(name: .long, help: "No progress on stderr.")
    var quiet = false

    var columns: PredictionColumns {
        PredictionColumns(id: idColumn, cohort: cohortColumn ?? "cohort", cohortRequired: cohortColumn != nil,
                          label: labelColumn, models: models.isEmpty ? nil : models)
    }

    func validate() throws {
        guard (0 ... EvaluationSettings.maximumBootstrapReplicates).contains(bootstrap) else {
            throw ValidationError("--bootstrap must be from 0 to \(EvaluationSettings.maximumBootstrapReplicates).")
        }
        if let name = columns.nameUsedTwice {
            throw ValidationError("The column \"\(name)\" is given two roles (id, cohort, label or model); name each column once.")
        }
    }

    func run() throws {
        try CommandRunner.run {
            let job = EvaluateJob(predictions: URL(fileURLWithPath: predictions), output: URL(fileURLWithPath: out),
                                  bootstrap: bootstrap, seed: seed, force: force, resultsOnly: resultsOnly,
                                  version: SentinelVersion.current, progress: !quiet,
                                  columns: columns)
            let results = try job.run()
            if json { print(results) }
            if !quiet { FileHandle.standardError.write(Data("sentinel: wrote \(out)\n".utf8)) }
        }
    }
}
