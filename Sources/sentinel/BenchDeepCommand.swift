import ArgumentParser
import Foundation
import SentinelImaging

/// `sentinel bench-deep WEIGHTS`: ResNet18 inference speed for `make bench` (hidden).
struct BenchDeepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-deep", abstract: "Time ResNet18 inference alone at batch 1 and 32.", shouldDisplay: false)

    @Argument(help: "ResNet18 weights (safetensors, torchvision keys).")
    var weights: String

    @Option(name: .long, help: "Also time reading the ROI crops of this manifest alone (decoding, label box, crop; all cores).")
    var reading: [String] = []

    func run() throws {
        try Extract.requireFile(weights, what: "weights file")
        for path in reading {
            try Extract.requireFile(path, what: "manifest")
            let rate = try Extract.orDataError {
                try CropReadingBenchmark(manifest: RadiomicsManifest.load(URL(fileURLWithPath: path))).run()
            }
            print(String(format: "reading %@: %.1f ROIs/s", (path as NSString).lastPathComponent, rate))
        }
        let network = try Extract.orDataError { try ResNet18(contentsOf: URL(fileURLWithPath: weights)) }
        let (single, batched) = try Extract.orDataError { try DeepNetworkBenchmark(network: network).run() }
        print(String(format: "batch 1: %.1f images/s (%.0f GMAC/s)", single, single * 1.814))
        print(String(format: "batch 32: %.1f images/s (%.0f GMAC/s)", batched, batched * 1.814))
    }
}
