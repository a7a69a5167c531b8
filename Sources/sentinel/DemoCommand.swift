import ArgumentParser
import Foundation
import SentinelReport

/// `sentinel demo --out DIR [--seed N] [--images [--weights W]]` (what `make demo` runs).
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

    @Flag(name: .long, help: "Simulate mammograms and lesion masks (DIR/data/images/), extract their radiomics and deep features, and study those.")
    var images = false

    @Option(name: .long, help: "With --images: ResNet18 weights (safetensors); default a seeded, randomly initialised network.")
    var weights: String?

    func validate() throws {
        if weights != nil && !images { throw ValidationError("--weights needs --images.") }
    }

    func run() throws {
        try CommandRunner.run {
            try DemoJob(output: URL(fileURLWithPath: out), seed: seed, force: force, version: SentinelVersion.current,
                        progress: !quiet, images: images, weights: weights.map { URL(fileURLWithPath: $0) }).run()
            let path = URL(fileURLWithPath: out).standardizedFileURL.path
            print("Report: \(path)/report.html")
            print("        \(path)/report.pdf")
        }
    }
}
