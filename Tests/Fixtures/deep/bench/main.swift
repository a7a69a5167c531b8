// ResNet18 speed benchmark (run by bench_deep.sh in a scratch package; not part of the tests).
// Full-width seeded He-initialised weights, 224 x 224 formula input shared with
// bench_onnxruntime.py; prints images/s (wall) and images per CPU-second, the features of the
// 32-image batch for the accuracy comparison, and the whole extraction of 32 ROIs (weights
// loading and preprocessing included).
import Foundation
import SentinelImaging
import SentinelNumerics

func now() -> Double { Date().timeIntervalSince1970 }
func cpu() -> Double {
    var u = rusage()
    getrusage(RUSAGE_SELF.rawValue, &u)
    return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6
}
func report(_ label: String, images: Int, wall: Double, cpu: Double) {
    print(String(format: "%@: %.1f images/s (%.0f GMAC/s), %.1f images per CPU-second", label,
                 Double(images) / wall, Double(images) / wall * 1.814, Double(images) / cpu))
}

let dir = URL(fileURLWithPath: CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "/tmp/sentinel-deep-bench")
try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
let weightsURL = dir.appendingPathComponent("resnet18_seed7.safetensors")
if !FileManager.default.fileExists(atPath: weightsURL.path) {
    try ResNet18Weights.randomlyInitialized(seed: 7).write(to: weightsURL)
}
print(OpenBLASKernels.selection)
var (t, c) = (now(), cpu())
let network = try ResNet18(contentsOf: weightsURL)
print(String(format: "weights load + BN fold: %.3f s", now() - t))

let size = 224, n = 32, plane = 3 * size * size
let input: [Float] = (0..<(n * plane)).map { Float(($0 * 7919) % 2003) / 1001.5 - 1 }
_ = try network.features(nchw: Array(input[0..<plane]), batch: 1, height: size, width: size)
(t, c) = (now(), cpu())
for i in 0..<16 {
    let j = i % n
    _ = try network.features(nchw: Array(input[(j * plane)..<((j + 1) * plane)]), batch: 1, height: size, width: size)
}
report("batch 1", images: 16, wall: now() - t, cpu: cpu() - c)
var features: [[Float]] = []
(t, c) = (now(), cpu())
for _ in 0..<2 { features = try network.features(nchw: input, batch: n, height: size, width: size) }
report("batch 32", images: 2 * n, wall: now() - t, cpu: cpu() - c)
try features.flatMap { $0 }.withUnsafeBytes { try Data($0).write(to: dir.appendingPathComponent("swift_features.bin")) }

// 32 ROIs in 600 x 500 images: preprocessing + network, weights loading included.
var images: [DeepInput] = []
for k in 0..<32 {
    let (w, h) = (600, 500)
    var pixels = [Float](repeating: 0, count: w * h), mask = [Int32](repeating: 0, count: w * h)
    for y in 0..<h {
        for x in 0..<w {
            pixels[y * w + x] = Float((x * x * 3 + y * y * 5 + x * y * (k + 1)) % 4093)
            let (dx, dy) = (x - 300 - k, y - 250)
            if dx * dx * 4 + dy * dy * 9 < 150 * 150 * 4 { mask[y * w + x] = 1 }
        }
    }
    images.append(DeepInput(pixels: pixels, width: w, height: h, mask: mask, label: 1))
}
(t, c) = (now(), cpu())
let extracted = try DeepFeatureExtractor(weights: weightsURL).features(images: images)
precondition(extracted.count == 32)
report("whole extraction of 32 ROIs (load + preprocess + network)", images: 32, wall: now() - t, cpu: cpu() - c)
