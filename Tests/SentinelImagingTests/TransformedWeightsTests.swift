import Foundation
@testable import SentinelImaging
import SentinelTestSupport
import XCTest

/// Winograd-transformed weights made on first use (`TransformedWeights`), kept or remade each
/// pass: the values of the up-front transform, bit for bit, and the same features.
final class TransformedWeightsTests: XCTestCase {
    private func layer(inC: Int, outC: Int, seed: UInt64) -> (Convolution, ActivationBatch) {
        var rng = SplitMix(seed: seed)
        let weights = (0..<(outC * inC * 9)).map { _ in rng.uniform() }
        let bias = (0..<outC).map { _ in rng.uniform() }
        let (batch, h, w) = (2, 11, 9)
        let x = ActivationBatch(channels: inC, batch: batch, height: h, width: w,
                                values: (0..<(inC * batch * h * w)).map { _ in rng.uniform() })
        return (Convolution(inChannels: inC, outChannels: outC, kernelSize: 3, stride: 1, padding: 1,
                            weights: weights, bias: bias, algorithm: .winograd4x4), x)
    }

    /// The kept transform (split over workers in runs of 8 kernels, 67 · 5 = 335 kernels: a
    /// ragged last run) equals `WinogradF4.transformWeights` of the whole layer at once.
    func testTransformOnFirstUseEqualsTheUpFrontTransform() {
        let (conv, _) = layer(inC: 5, outC: 67, seed: 3)
        let expected = WinogradF4.transformWeights(conv.weights, outChannels: 67, inChannels: 5)
        for workers in [1, 2, 3] {
            let box = TransformedWeights(tile: 4)
            for keeps in [false, true] {
                let workspace = Workspace(workers: workers, keepsTransformedWeights: keeps)
                let got = box.withWeights(conv.weights, outChannels: 67, inChannels: 5, workspace: workspace) {
                    Array(UnsafeBufferPointer(start: $0, count: expected.count))
                }
                XCTAssertEqual(got, expected, "workers \(workers) keeps \(keeps)")
                XCTAssertEqual(box.isKept, keeps, "workers \(workers) keeps \(keeps)")
            }
        }
    }

    /// A layer whose steps are split over the workers, without keeping: its weights are made 6
    /// products at a time by the workers (no layer-wide transform, nothing kept), and the
    /// output equals the kept path's bit for bit, with 1, 2 and 3 workers and at each level.
    func testRowWiseWeightsOfASplitStepLayerGiveTheKeptOutputs() {
        let (conv, x) = layer(inC: 13, outC: 11, seed: 9)
        XCTAssertTrue(WinogradF4Pass.splitsSteps(tiles: 2 * 3 * 3, inChannels: 13, outChannels: 11))
        let residual = ActivationBatch(channels: 11, batch: x.batch, height: x.height, width: x.width,
                                       values: (0..<(11 * x.batch * x.height * x.width)).map { Float($0 % 7) - 3 })
        let kept = Convolution(inChannels: 13, outChannels: 11, kernelSize: 3, stride: 1, padding: 1,
                               weights: conv.weights, bias: conv.bias, algorithm: .winograd4x4)
        let want = kept.apply(x, residual: residual, relu: true, workspace: Workspace(keepsTransformedWeights: true))
        XCTAssertTrue(kept.transformedWeights!.isKept)
        for level in DeepKernels.Level.allCases where level <= DeepKernels.supported {
            for workers in [1, 2, 3] {
                DeepKernels.withLevel(level) {
                    let workspace = Workspace(workers: workers, keepsTransformedWeights: false)
                    let got = conv.apply(x, residual: residual, relu: true, workspace: workspace)
                    XCTAssertEqual(got, want, "\(level), \(workers) workers")
                }
            }
        }
        XCTAssertFalse(conv.transformedWeights!.isKept)
    }

    /// A layer run without keeping, then keeping, then from the kept weights: identical outputs.
    func testLayerOutputsAreIdenticalKeptOrNot() {
        let (conv, x) = layer(inC: 6, outC: 9, seed: 5)
        let transient = conv.apply(x, residual: nil, relu: true, workspace: Workspace(keepsTransformedWeights: false))
        XCTAssertFalse(conv.transformedWeights!.isKept)
        let first = conv.apply(x, residual: nil, relu: true, workspace: Workspace(keepsTransformedWeights: true))
        XCTAssertTrue(conv.transformedWeights!.isKept)
        let again = conv.apply(x, residual: nil, relu: true, workspace: Workspace(keepsTransformedWeights: false))
        XCTAssertEqual(transient, first)
        XCTAssertEqual(transient, again)
        // An im2col layer has nothing to transform.
        let im2col = Convolution(inChannels: 6, outChannels: 9, kernelSize: 3, stride: 1, padding: 1,
                                 weights: conv.weights, bias: conv.bias, algorithm: .im2col)
        XCTAssertNil(im2col.transformedWeights)
    }

    /// The fixture network once without keeping its transforms, then keeping them (twice):
    /// the same features bit for bit at batch 1 and 2 (batch 1 at 7×7 prefers im2col there).
    func testNetworkFeaturesAreIdenticalKeptOrNot() throws {
        let fixture = try DeepFixtures.network()
        var once = try ResNet18(contentsOf: DeepFixtures.weightsURL)
        once.keepsTransformedWeights = false
        let kept = try ResNet18(contentsOf: DeepFixtures.weightsURL)
        XCTAssertTrue(kept.keepsTransformedWeights)
        for c in fixture.network_cases {
            let a = try once.features(nchw: c.input, batch: c.batch, height: c.height, width: c.width)
            let b = try kept.features(nchw: c.input, batch: c.batch, height: c.height, width: c.width)
            let d = try kept.features(nchw: c.input, batch: c.batch, height: c.height, width: c.width)
            XCTAssertEqual(a, b, "batch \(c.batch) \(c.height)x\(c.width)")
            XCTAssertEqual(b, d, "batch \(c.batch) \(c.height)x\(c.width)")
        }
        XCTAssertFalse(once.blocks.contains { $0.conv1.transformedWeights?.isKept == true })
        XCTAssertTrue(kept.blocks.contains { $0.conv1.transformedWeights?.isKept == true })
    }
}
