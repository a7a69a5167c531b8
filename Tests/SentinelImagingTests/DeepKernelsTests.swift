import Foundation
@testable import SentinelImaging
import SentinelTestSupport
import XCTest

/// The C kernels (`DeepKernels`) at every instruction-set level this CPU runs: the same bits
/// at each level, and the portable level as close to onnxruntime as the wide ones.
final class DeepKernelsTests: XCTestCase {
    /// The levels this machine can run, narrowest (portable C) first.
    private var levels: [DeepKernels.Level] { DeepKernels.Level.allCases.filter { $0 <= DeepKernels.supported } }

    /// The base-width-8 fixture network at each level: features equal bit for bit to the
    /// portable level's, and within 1e-4 of onnxruntime's at every level.
    func testParallelPopulationPartsCoverTheBufferOnHugePageBoundaries() {
        let huge: UInt = 2 << 20
        for start: UInt in [0x7f00_0000_0000, 0x7f00_0000_1040, 0x7f00_001f_f000] {
            for bytes in [1, 4096, 8 << 20, 25_690_112, 102_760_448, 37_748_736 + 12] {
                for workers in [1, 2, 3, 8] {
                    let parts = DeepKernels.populationParts(start: start, bytes: bytes, workers: workers)
                    let label = "start \(start) bytes \(bytes) workers \(workers)"
                    XCTAssertFalse(parts.isEmpty, label)
                    XCTAssertLessThanOrEqual(parts.count, workers, label)
                    XCTAssertEqual(parts.first?.lowerBound, start, label)
                    XCTAssertEqual(parts.last?.upperBound, start + UInt(bytes), label)
                    for (a, b) in zip(parts, parts.dropFirst()) {
                        XCTAssertEqual(a.upperBound, b.lowerBound, label)
                        XCTAssertEqual(b.lowerBound % huge, 0, label)
                        XCTAssertFalse(a.isEmpty, label)
                    }
                }
            }
        }
        // Two workers share a 24.5 MiB layer output about evenly, in whole 2 MiB pages.
        let parts = DeepKernels.populationParts(start: 0x7f00_0000_0000, bytes: 25_690_112, workers: 2)
        XCTAssertEqual(parts.map(\.count), [14 << 20, 25_690_112 - (14 << 20)])
    }

    func testEveryLevelGivesTheSameFeaturesAsThePortableCode() throws {
        let fixture = try DeepFixtures.network()
        var reference: [[[Float]]] = []
        for level in levels {
            try DeepKernels.withLevel(level) {
                XCTAssertEqual(DeepKernels.level, level)
                let network = try ResNet18(contentsOf: DeepFixtures.weightsURL)
                var worst = 0.0
                for (k, c) in fixture.network_cases.enumerated() {
                    let features = try network.features(nchw: c.input, batch: c.batch, height: c.height, width: c.width)
                    for (n, (got, want)) in zip(features, c.features).enumerated() {
                        assertClose(got.doubles, want, relative: 0, absolute: 1e-4, "\(level) \(c.height)x\(c.width) image \(n)")
                        worst = max(worst, zip(got, want).map { abs(Double($0) - $1) }.max() ?? 0)
                    }
                    if level == .portable {
                        reference.append(features)
                    } else {
                        XCTAssertEqual(features, reference[k], "\(level) vs portable, case \(k)")
                    }
                }
                print("DeepKernels \(level): max |Δ| vs onnxruntime \(worst)")
            }
        }
        XCTAssertEqual(DeepKernels.level, DeepKernels.processLevel, "withLevel restores the level")
    }

    /// A 3×3 layer on odd sizes (partial tiles on both edges, several chunks), with residual
    /// and ReLU: F(4×4, 3×3) at each level equals the portable level bit for bit and im2col
    /// within Float32 rounding (1e-5 of the largest output).
    func testWinogradLayerAtEachLevelMatchesIm2col() {
        var rng = SplitMix(seed: 11)
        let (inC, outC, batch, h, w) = (5, 7, 3, 13, 9)
        let weights = (0..<(outC * inC * 9)).map { _ in rng.uniform() }
        let bias = (0..<outC).map { _ in rng.uniform() }
        let x = ActivationBatch(channels: inC, batch: batch, height: h, width: w,
                                values: (0..<(inC * batch * h * w)).map { _ in rng.uniform() })
        let residual = ActivationBatch(channels: outC, batch: batch, height: h, width: w,
                                       values: (0..<(outC * batch * h * w)).map { _ in rng.uniform() })
        let im2col = Convolution(inChannels: inC, outChannels: outC, kernelSize: 3, stride: 1, padding: 1,
                                 weights: weights, bias: bias, algorithm: .im2col)
        for (useResidual, relu) in [(false, false), (true, true), (false, true)] {
            let want = im2col.apply(x, residual: useResidual ? residual : nil, relu: relu)
            // F(4×4, 3×3)'s transform coefficients (up to 8 in Aᵀ, 5 in Bᵀ) round larger
            // intermediates than the direct sums: ~5e-6 of the largest output.
            let tolerance = 1e-5 * (want.values.map { Double(abs($0)) }.max() ?? 0)
            var portable: ActivationBatch?
            for level in levels {
                DeepKernels.withLevel(level) {
                    let layer = Convolution(inChannels: inC, outChannels: outC, kernelSize: 3, stride: 1, padding: 1,
                                            weights: weights, bias: bias, algorithm: .winograd4x4)
                    let got = layer.apply(x, residual: useResidual ? residual : nil, relu: relu)
                    assertClose(got.values.doubles, want.values.doubles, relative: 0, absolute: tolerance,
                                "\(level) residual \(useResidual) relu \(relu)")
                    if let portable {
                        XCTAssertEqual(got, portable, "\(level) vs portable")
                    } else {
                        portable = got
                    }
                }
            }
        }
    }

    /// The weight transform at each level: the same bits, and G g Gᵀ of a kernel worked by hand.
    func testWeightTransformIsTheSameAtEachLevel() {
        var rng = SplitMix(seed: 5)
        // 37 kernels: whole groups of 8 and 4 lanes plus a scalar tail.
        let weights = (0..<(37 * 9)).map { _ in rng.uniform() }
        let portable = WinogradF4.transformWeights(weights, outChannels: 37, inChannels: 1, level: .portable)
        for level in levels {
            XCTAssertEqual(WinogradF4.transformWeights(weights, outChannels: 37, inChannels: 1, level: level), portable, "\(level)")
        }
        // The all-ones kernel: (G 1 Gᵀ)[0][0] = 1/16, [1][1] = (−1/2)² = 1/4, [5][5] = 1, [0][5] = 1/4.
        let ones = WinogradF4.transformWeights([Float](repeating: 1, count: 9), outChannels: 1, inChannels: 1, level: .portable)
        XCTAssertEqual(ones[0], 1.0 / 16)
        XCTAssertEqual(ones[7], 0.25)
        XCTAssertEqual(ones[35], 1)
        XCTAssertEqual(ones[5], 0.25)
    }

    /// One row of the 6 × 6 transformed kernels at a time (`winograd4WeightRow`, the one-pass
    /// network's split-step layers): rows 6r ..< 6r + 6 of the whole transform, bit for bit, at
    /// each level (37 kernels: whole groups of 8 and 4 lanes plus a scalar tail).
    func testWeightRowsAreTheRowsOfTheWholeTransform() {
        var rng = SplitMix(seed: 17)
        let pairs = 37
        let weights = (0..<(pairs * 9)).map { _ in rng.uniform() * 3 }
        let whole = WinogradF4.transformWeights(weights, outChannels: pairs, inChannels: 1, level: .portable)
        for level in levels {
            for row in 0..<6 {
                var got = [Float](repeating: .nan, count: 6 * pairs)
                weights.withUnsafeBufferPointer { w in
                    got.withUnsafeMutableBufferPointer {
                        DeepKernels.winograd4WeightRow(w.baseAddress!, pairs: pairs, row: row, into: $0.baseAddress!, level: level)
                    }
                }
                XCTAssertEqual(got, Array(whole[(6 * row * pairs)..<(6 * (row + 1) * pairs)]), "\(level) row \(row)")
            }
        }
    }
}

/// A small seeded generator of values in [−1, 1) for the layer tests (SplitMix64).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func uniform() -> Float {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Float(z >> 40) / Float(1 << 24) * 2 - 1
    }
}
