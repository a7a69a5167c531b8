import ArgumentParser
import Foundation
import SentinelReport

/// `sentinel bench-stats`: the n log n scaling benchmark of `make bench` (hidden).
struct BenchStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-stats", abstract: "Time DeLong and the bootstrap at growing n.", shouldDisplay: false)

    @Option(name: .long, help: "Comma-separated cohort sizes.")
    var sizes: String = "1000,10000,100000,1000000"

    @Option(name: .long, help: "Bootstrap replicates per size.")
    var replicates: Int = 200

    func run() throws {
        let parsed = sizes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !parsed.isEmpty, parsed.allSatisfy({ $0 >= 10 }) else { throw ValidationError("--sizes needs numbers >= 10") }
        try CommandRunner.run {
            for line in try StatsScalingBenchmark(sizes: parsed, replicates: replicates).run() { print(line) }
        }
    }
}
