import ArgumentParser
import Foundation
import SentinelReport
import SentinelStudy

/// `sentinel validate MODEL.json COHORT.csv... --site NAME --out DIR`
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Externally validate a study's frozen models on a site's patients; write a shareable packet.",
        discussion: """
        Scores the site's patients with model.json (no refitting), applies the development thresholds, \
        and writes DIR/packet.json (aggregate numbers only), report.html and report.pdf. Missing predictors \
        are imputed as in training; patients with non-numeric values, unseen category levels or no outcome \
        are excluded and counted per reason and column. Row-level predictions are written only with \
        --include-predictions. Pass --development STUDY.yaml for the case-mix comparison.
        """)

    @Argument(help: "The model.json written by sentinel run.")
    var model: String

    @Argument(help: "The site's patient data: one CSV, or several joined on the id column.")
    var data: [String]

    @Option(name: .long, help: "The site's name, as shown in the packet and the site.")
    var site: String

    @Option(name: .long, help: "Output folder.")
    var out: String

    @Flag(name: .long, help: "Also write predictions.csv (row level: it identifies patients).")
    var includePredictions = false

    @Flag(name: .long, help: "Replace an existing output folder.")
    var force = false

    @Option(name: .long, help: "The development study's YAML, for standardized mean differences and the membership model.")
    var development: String?

    @Option(name: .long, help: "Stratified-bootstrap replicates for the bootstrap CIs (0 = none).")
    var bootstrap = 2000

    func validate() throws {
        guard !data.isEmpty else { throw ValidationError("Pass at least one patient CSV.") }
        guard !site.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--site needs a name.") }
        guard (0 ... EvaluationSettings.maximumBootstrapReplicates).contains(bootstrap) else {
            throw ValidationError("--bootstrap must be from 0 to \(EvaluationSettings.maximumBootstrapReplicates).")
        }
    }

    func run() throws {
        try CommandRunner.run {
            _ = try ValidateJob(model: URL(fileURLWithPath: model), data: data.map { URL(fileURLWithPath: $0) }, site: site,
                            output: URL(fileURLWithPath: out), force: force, includePredictions: includePredictions,
                            development: development.map { URL(fileURLWithPath: $0) }, bootstrapReplicates: bootstrap,
                            version: SentinelVersion.current).run()
        }
    }
}
