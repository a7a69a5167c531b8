import ArgumentParser
import Foundation
import SentinelImaging

/// `sentinel bench-deep WEIGHTS`: ResNet18 inference speed for `make bench` (hidden).
struct BenchDeepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-deep", abstract: "Time ResNet18 inference alone at batch 1 and 32.", shouldDisplay: false)

    @Argument(help: "ResNet18 weights (safetensors, torchvision keys).")
    var weights: String

    func run() throws {
        try Extract.requireFile(weights, what: "weights file")
        let network = try Extract.orDataError { try ResNet18(contentsOf: URL(fileURLWithPath: weights)) }
        let (single, batched) = try Extract.orDataError { try DeepNetworkBenchmark(network: network).run() }
        print(String(format: "batch 1: %.1f images/s (%.0f GMAC/s)", single, single * 1.814))
        print(String(format: "batch 32: %.1f images/s (%.0f GMAC/s)", batched, batched * 1.814))
    }
}
