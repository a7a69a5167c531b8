import Foundation
import SentinelStudy

/// `sentinel demo --out DIR`: simulates a cohort shaped like the paper's (from the Table 1
/// specification in `data/demo-cohort.yaml`), writes it to `DIR/data/` with its study file,
/// and runs the full study on it. The report says plainly that the data are simulated.
public struct DemoJob {
    public var output: URL
    public var seed: UInt64
    public var force: Bool
    public var version: String
    public var progress: Bool

    public init(output: URL, seed: UInt64, force: Bool, version: String, progress: Bool) {
        self.output = output
        self.seed = seed
        self.force = force
        self.version = version
        self.progress = progress
    }

    public static let notice = "The data in this report are simulated: a synthetic cohort shaped like Liu et al. 2025 (Front. Med. 12:1659422), Table 1. No patient data were used; the numbers demonstrate the method, not a clinical finding."

    public func run() throws {
        let folder = try OutputFolder(destination: output, force: force)
        let reporter = ProgressReporter(enabled: progress)
        reporter.stage("simulating the demo cohort (seed \(seed))")
        let specification = try DemoSpecification.bundled()
        let cohort = DemoSimulator(specification: specification, seed: seed).simulate()
        let studyURL = try cohort.write(to: folder.url("data/.keep").deletingLastPathComponent())
        let spec = try StudySpec.load(contentsOf: studyURL, name: "data/\(studyURL.lastPathComponent)")
        _ = try RunJob(study: studyURL, output: output, force: force, version: version, progress: progress,
                       notice: Self.notice).run(spec: spec, into: folder, reporter: reporter)
        try folder.commit()
    }
}
