// Per-layer timing of ResNet18's 3x3 stride-1 convolutions (64 ch 56², 128 ch 28², 256 ch 14²,
// 512 ch 7²; bias + residual + ReLU as in a BasicBlock's second convolution) by im2col,
// Winograd F(2x2, 3x3) and F(4x4, 3x3), at batch 1 and 32: best-of-N milliseconds, GMAC/s
// (direct-convolution multiply-adds) and the largest deviation from im2col. Run by
// bench_deep.sh in its scratch package (not part of the tests):
//   layers [ALGORITHM[-SIZE]|all] [BATCH] [REPETITIONS]
import Foundation
import SentinelImaging
import SentinelNumerics

func now() -> Double { Date().timeIntervalSince1970 }
print(OpenBLASKernels.ensureSelected())
let args = CommandLine.arguments
let filter = args.count > 1 ? args[1] : "all"
let batches = args.count > 2 ? [Int(args[2])!] : [1, 32]
let repetitions = args.count > 3 ? Int(args[3])! : 5

/// Uniform values in [-1, 1) from a 64-bit LCG (deterministic, no Foundation RNG).
struct Uniform {
    var state: UInt64
    mutating func next() -> Float {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Float(Double(state >> 40) / Double(1 << 24)) * 2 - 1
    }
}

var random = Uniform(state: 12345)
for (channels, size) in [(64, 56), (128, 28), (256, 14), (512, 7)] {
    let scale = Float((2.0 / Double(9 * channels)).squareRoot()) * 1.7  // He-like
    let weights = (0..<(channels * channels * 9)).map { _ in random.next() * scale }
    let bias = (0..<channels).map { _ in random.next() * 0.05 }
    for batch in batches {
        let count = channels * batch * size * size
        let x = ActivationBatch(channels: channels, batch: batch, height: size, width: size,
                                values: (0..<count).map { _ in max(0, random.next()) * 2 })
        let residual = ActivationBatch(channels: channels, batch: batch, height: size, width: size,
                                       values: (0..<count).map { _ in random.next() })
        var reference: [Float] = []
        for algorithm in Convolution.Algorithm.allCases {
            let name = "\(algorithm)"
            if filter != "all" && filter != name && filter != "\(name)-\(size)" { continue }
            let conv = Convolution(inChannels: channels, outChannels: channels, kernelSize: 3, stride: 1, padding: 1,
                                   weights: weights, bias: bias, algorithm: algorithm)
            func run() -> ActivationBatch {
                OpenBLASKernels.withSingleThreadedBLAS { conv.apply(x, residual: residual, relu: true) }
            }
            var y = run()
            var best = Double.infinity
            for _ in 0..<repetitions {
                let t = now()
                y = run()
                best = min(best, now() - t)
            }
            if algorithm == .im2col { reference = y.values }
            let deviation = reference.isEmpty ? 0 : zip(y.values, reference).map { abs($0 - $1) }.max()!
            let gmac = Double(channels * channels * 9 * batch * size * size) / best * 1e-9
            print(String(format: "%4d ch %3d² batch %2d %-12@ %8.3f ms %6.1f GMAC/s  max |Δ| vs im2col %.1e (max |y| %.1f)",
                         channels, size, batch, name, best * 1e3, gmac, deviation, y.values.map(abs).max()!))
        }
    }
}
