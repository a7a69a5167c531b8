import ArgumentParser
import Foundation
import SentinelReport

/// `sentinel audit CLAIMS.yaml [--results results.json] [--out DIR] [--force]`
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check a paper's published numbers for internal consistency (and against a results.json).",
        discussion: """
        Writes audit.json and audit.html with a verdict per claim (pass, fail, cannot-check) and the \
        numbers behind it. Exits 0 whenever the audit ran, even if claims fail; 65 for a malformed \
        claims file, 66 for a missing input.
        """)

    @Argument(help: "Claims file (YAML, schema sentinel.claims/1).")
    var claims: String

    @Option(name: .long, help: "A Sentinel results.json to compare each claim with.")
    var results: String?

    @Option(name: .long, help: "Output folder (default: audit/ beside the claims file).")
    var out: String?

    @Flag(name: .long, help: "Replace an existing output folder.")
    var force = false

    func run() throws {
        try CommandRunner.run {
            let job = AuditJob(claims: URL(fileURLWithPath: claims), results: results.map { URL(fileURLWithPath: $0) },
                               output: out.map { URL(fileURLWithPath: $0) }, force: force, version: SentinelVersion.current)
            let report = try job.run()
            let s = report.summary
            print("\(s["claims"] ?? 0) claims: \(s["pass"] ?? 0) pass, \(s["fail"] ?? 0) fail, \(s["cannot-check"] ?? 0) cannot-check → \(job.destination.path)")
        }
    }
}
