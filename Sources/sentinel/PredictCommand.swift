import ArgumentParser
import Foundation
import SentinelReport
import SentinelStudy

/// `sentinel predict model.json COHORT.csv... [--out FILE]`
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Score new patients with a study's frozen models (no refitting).",
        discussion: """
        The CSV files (joined on the id column) need the same columns as the study data. Prints \
        predictions in the `sentinel evaluate` format (id, cohort and label when present, one column \
        per model) to stdout or FILE.
        """)

    @Argument(help: "The model.json written by sentinel run.")
    var model: String

    @Argument(help: "Patient data: one CSV, or several joined on the id column.")
    var data: [String]

    @Option(name: .long, help: "Write the predictions to this file instead of stdout.")
    var out: String?

    func validate() throws {
        guard !data.isEmpty else { throw ValidationError("Pass at least one patient CSV.") }
        // Checked before any work, as a usage error (exit 64): the output never replaces an input.
        if let out {
            func resolved(_ path: String) -> URL { URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL }
            // The model given as a run's output folder stands for the model.json inside it.
            let modelFile = FrozenStudy.modelFile(URL(fileURLWithPath: model)).path
            guard !([modelFile] + data).map(resolved).contains(resolved(out)) else {
                throw ValidationError("--out \(out) is one of the inputs; choose another file.")
            }
        }
    }

    func run() throws {
        try CommandRunner.run {
            // An existing folder is never replaced (it was deleted, with whatever it held).
            var isDirectory: ObjCBool = false
            if let out, FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory), isDirectory.boolValue {
                throw OutputError.cannotCreate(path: out, reason: "it is a folder; give a file name such as predictions.csv")
            }
            let csv = try PredictJob(model: URL(fileURLWithPath: model), data: data.map { URL(fileURLWithPath: $0) }).run()
            if let out {
                let url = URL(fileURLWithPath: out)
                do {
                    // Written beside the target and renamed over it: a failure leaves no partial file.
                    try csv.write(to: url, options: .atomic)
                } catch {
                    throw OutputError.cannotCreate(path: url.path, reason: error.localizedDescription)
                }
            } else {
                FileHandle.standardOutput.write(csv)
            }
        }
    }
}
