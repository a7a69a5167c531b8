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
            guard !([model] + data).map(resolved).contains(resolved(out)) else {
                throw ValidationError("--out \(out) is one of the inputs; choose another file.")
            }
        }
    }

    func run() throws {
        try CommandRunner.run {
            let csv = try PredictJob(model: URL(fileURLWithPath: model), data: data.map { URL(fileURLWithPath: $0) }).run()
            if let out {
                let url = URL(fileURLWithPath: out)
                let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial")
                do {
                    try csv.write(to: temporary)
                    _ = try? FileManager.default.removeItem(at: url)
                    try FileManager.default.moveItem(at: temporary, to: url)
                } catch {
                    try? FileManager.default.removeItem(at: temporary)
                    throw OutputError.cannotCreate(path: url.path, reason: error.localizedDescription)
                }
            } else {
                FileHandle.standardOutput.write(csv)
            }
        }
    }
}
