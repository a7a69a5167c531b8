import Foundation
@testable import SentinelImaging
import SentinelTestSupport
import XCTest

/// The stem convolution fused with its max-pool (`Convolution.applyMaxPooled`) against the two
/// layers run one after the other.
final class DeepStemPoolingTests: XCTestCase {
    private func randomValues(_ count: Int, seed: UInt64) -> [Float] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Float(state >> 40) / Float(1 << 24) * 2 - 1
        }
    }

    /// 7×7/2 (pad 3) + ReLU + max-pool 3×3/2 (pad 1) on batches of 3: the same bits when the
    /// output height is a multiple of the chunk rows (56 columns: chunks of 14 rows, 28 rows per
    /// image), within Float32 rounding otherwise (27 rows); batch 1 takes the unfused path.
    func testFusedStemAndPoolMatchTheLayersOneAfterTheOther() {
        let (inC, outC) = (3, 5)
        let stem = Convolution(inChannels: inC, outChannels: outC, kernelSize: 7, stride: 2, padding: 3,
                               weights: randomValues(outC * inC * 49, seed: 3), bias: randomValues(outC, seed: 4),
                               algorithm: .im2col)
        for (height, width, batch, exact) in [(56, 112, 3, true), (54, 112, 3, false), (56, 112, 1, true), (33, 47, 2, false)] {
            let x = ActivationBatch(channels: inC, batch: batch, height: height, width: width,
                                    values: randomValues(inC * batch * height * width, seed: UInt64(height)))
            for relu in [true, false] {
                let want = Pooling.maxPool(stem.apply(x, residual: nil, relu: relu), kernel: 3, stride: 2, padding: 1)
                let got = stem.applyMaxPooled(x, relu: relu, kernel: 3, stride: 2, padding: 1, workspace: Workspace())
                XCTAssertEqual([got.channels, got.batch, got.height, got.width], [want.channels, want.batch, want.height, want.width])
                if exact {
                    XCTAssertEqual(got.values, want.values, "\(height)x\(width) batch \(batch) relu \(relu)")
                } else {
                    assertClose(got.values.doubles, want.values.doubles, relative: 1e-5, absolute: 1e-5,
                                "\(height)x\(width) batch \(batch) relu \(relu)")
                }
            }
        }
    }
}
