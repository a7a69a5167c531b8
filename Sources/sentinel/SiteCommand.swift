import ArgumentParser
import Foundation
import SentinelReport

/// `sentinel site DIR... --out SITE`
struct SiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Publish a development report and validation packets as a static, self-contained site.",
        discussion: """
        Each DIR is a sentinel run/evaluate output folder (results.json) or a sentinel validate packet \
        folder (packet.json). Writes index.html, one page per site, summary.html (forest plot and \
        DerSimonian-Laird random-effects pooled AUC per model) and summary.json.
        """)

    @Argument(help: "Development output folder and/or validation packet folders.")
    var inputs: [String]

    @Option(name: .long, help: "Output folder for the site.")
    var out: String

    @Flag(name: .long, help: "Replace an existing output folder.")
    var force = false

    func validate() throws {
        guard !inputs.isEmpty else { throw ValidationError("Pass at least one report or packet folder.") }
    }

    func run() throws {
        try CommandRunner.run {
            _ = try SiteBuilder(inputs: inputs.map { URL(fileURLWithPath: $0) }, output: URL(fileURLWithPath: out),
                            force: force, version: SentinelVersion.current).build()
        }
    }
}
