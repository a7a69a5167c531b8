import ArgumentParser
import Foundation
import SentinelReport

/// `sentinel demo --out DIR [--seed N]` (what `make demo` runs).
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Simulate a cohort shaped like the paper's and run the whole study on it.")

    @Option(name: .long, help: "Output folder (created; must not exist unless --force).")
    var out: String = "demo-report"

    @Option(name: .long, help: "Seed of the simulation and the study.")
    var seed: UInt64 = 20250909

    @Flag(name: .long, help: "Replace an existing output folder.")
    var force = false

    @Flag(name: .long, help: "No progress on stderr.")
    var quiet = false

    func run() throws {
        try CommandRunner.run {
            try DemoJob(output: URL(fileURLWithPath: out), seed: seed, force: force, version: SentinelVersion.current,
                        progress: !quiet).run()
            let path = URL(fileURLWithPath: out).standardizedFileURL.path
            print("Report: \(path)/report.html")
            print("        \(path)/report.pdf")
        }
    }
}
