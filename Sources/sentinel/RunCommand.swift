import ArgumentParser
import Foundation
import SentinelReport

/// `sentinel run STUDY.yaml --out DIR`
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a study: feature selection, the nine models, evaluation and the report.",
        discussion: """
        STUDY.yaml names the data files (joined on the id column), the outcome, the cohorts and \
        the modalities (the first is the anchor of the fusion models). Writes DIR/results.json, \
        DIR/predictions.csv, DIR/model.json, DIR/report.html, DIR/report.pdf, DIR/figures/ and DIR/tables/.
        """)

    @Argument(help: "The study file (YAML).")
    var study: String

    @Option(name: .long, help: "Output folder (created; must not exist unless --force).")
    var out: String

    @Flag(name: .long, help: "Replace an existing output folder.")
    var force = false

    @Flag(name: .long, help: "Also print results.json to stdout.")
    var json = false

    @Flag(name: .long, help: "No progress on stderr.")
    var quiet = false

    func run() throws {
        try CommandRunner.run {
            let results = try RunJob(study: URL(fileURLWithPath: study), output: URL(fileURLWithPath: out), force: force,
                                     version: SentinelVersion.current, progress: !quiet).run()
            if json { print(results, terminator: "") }
            if !quiet { FileHandle.standardError.write(Data("sentinel: wrote \(out)\n".utf8)) }
        }
    }
}
