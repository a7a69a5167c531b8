import ArgumentParser
import SentinelNumerics

/// The `sentinel` command: one subcommand per job, argument parsing only.
/// All logic lives in the library modules.
@main
struct Sentinel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sentinel",
        abstract: "Validated, publishable reports for clinical prediction models.",
        version: SentinelVersion.current,
        subcommands: [EvaluateCommand.self, RunCommand.self, PredictCommand.self, DemoCommand.self, Extract.self,
                      ValidateCommand.self, AuditCommand.self, SiteCommand.self, BenchStatsCommand.self,
                      BenchDeepCommand.self, BenchPNGCommand.self]
    )

    /// Entry point: stops OpenBLAS's start-up busy-waiting before any work begins, then parses.
    static func main() {
        LinearAlgebra.releaseBLASWorkerThreads()
        main(nil)
    }
}

/// The tool's version, printed by `--version` and written into every output's provenance.
enum SentinelVersion {
    static let current = "0.1.0"
}
