import Dispatch
import Foundation

/// Times `ResNet18` inference alone at 224 × 224, the Swift side of the onnxruntime comparison
/// of `make bench` (through the hidden `sentinel bench-deep`). The input is the formula batch
/// bench_onnxruntime.py uses: x_i = ((i·7919) mod 2003) / 1001.5 − 1 over 32 × 3 × 224 × 224
/// NCHW values.
public struct DeepNetworkBenchmark: Sendable {
    public var network: ResNet18
    /// Single-image passes timed (images 0, 1, ... of the batch in turn).
    public var singleRepetitions: Int
    /// Whole 32-image batch passes timed.
    public var batchRepetitions: Int

    public init(network: ResNet18, singleRepetitions: Int = 16, batchRepetitions: Int = 2) {
        self.network = network
        self.singleRepetitions = max(1, singleRepetitions)
        self.batchRepetitions = max(1, batchRepetitions)
    }

    /// Images per second (wall clock) at batch 1 and at batch 32, each after one untimed pass.
    public func run() throws -> (batch1: Double, batch32: Double) {
        let size = 224, n = 32, plane = 3 * size * size
        let input: [Float] = (0..<(n * plane)).map { Float(($0 * 7919) % 2003) / 1001.5 - 1 }
        func image(_ j: Int) -> [Float] { Array(input[(j * plane)..<((j + 1) * plane)]) }
        _ = try network.features(nchw: image(0), batch: 1, height: size, width: size)
        var t = DispatchTime.now().uptimeNanoseconds
        for r in 0..<singleRepetitions {
            _ = try network.features(nchw: image(r % n), batch: 1, height: size, width: size)
        }
        let single = Double(singleRepetitions) / (Double(DispatchTime.now().uptimeNanoseconds - t) * 1e-9)
        _ = try network.features(nchw: input, batch: n, height: size, width: size)
        t = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<batchRepetitions { _ = try network.features(nchw: input, batch: n, height: size, width: size) }
        let batched = Double(batchRepetitions * n) / (Double(DispatchTime.now().uptimeNanoseconds - t) * 1e-9)
        return (single, batched)
    }
}
