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

    /// The stem fed image by image (each copied into the worker's scratch, as ResNet18 does with
    /// each preprocessed ROI) equals the stem over the stored batch bit for bit, chunks of rows
    /// being counted per image either way (also when the output height is not a multiple of the
    /// chunk rows); an image that cannot be made leaves zeros and the others unchanged.
    func testStemFedImageByImageEqualsTheBatchedStem() {
        let (inC, outC) = (3, 5)
        let stem = Convolution(inChannels: inC, outChannels: outC, kernelSize: 7, stride: 2, padding: 3,
                               weights: randomValues(outC * inC * 49, seed: 7), bias: randomValues(outC, seed: 8),
                               algorithm: .im2col)
        for (height, width, batch) in [(56, 112, 3), (54, 112, 3), (33, 47, 2)] {
            let x = ActivationBatch(channels: inC, batch: batch, height: height, width: width,
                                    values: randomValues(inC * batch * height * width, seed: UInt64(width)))
            let (ho, wo) = stem.outputSize(height: height, width: width)
            let single = Im2Col(channels: inC, batch: 1, height: height, width: width, kernel: 7, stride: 2, padding: 3,
                                outHeight: ho, outWidth: wo)
            let plane = height * width
            for relu in [true, false] {
                let want = stem.applyMaxPooled(x, relu: relu, kernel: 3, stride: 2, padding: 1, workspace: Workspace())
                for failing in [nil, 1] as [Int?] {
                    let got = stem.applyMaxPooled(batch: batch, height: height, width: width, relu: relu, kernel: 3,
                                                  stride: 2, padding: 1, workspace: Workspace()) { n, scratch in
                        if n == failing { return nil }
                        for c in 0..<inC {
                            for j in 0..<plane { scratch[c * plane + j] = x.values[(c * batch + n) * plane + j] }
                        }
                        return (scratch, single, 0)
                    }
                    XCTAssertEqual([got.channels, got.batch, got.height, got.width], [want.channels, want.batch, want.height, want.width])
                    let pooled = got.height * got.width
                    for c in 0..<outC {
                        for n in 0..<batch {
                            let range = ((c * batch + n) * pooled)..<((c * batch + n + 1) * pooled)
                            let expected = n == failing ? [Float](repeating: 0, count: pooled) : Array(want.values[range])
                            XCTAssertEqual(Array(got.values[range]), expected, "\(height)x\(width) relu \(relu) channel \(c) image \(n) failing \(String(describing: failing))")
                        }
                    }
                }
            }
        }
    }

    /// The fixture network fed image by image (`ResNet18.features(count:height:width:fill:)`)
    /// gives the features of the stored batch bit for bit, at batch 1 and above; when an image
    /// cannot be made, the others' features do not change.
    func testNetworkFedImageByImageEqualsTheBatch() throws {
        let network = try ResNet18(contentsOf: DeepFixtures.weightsURL)
        for c in try DeepFixtures.network().network_cases {
            let input = c.input
            let want = try network.features(nchw: input, batch: c.batch, height: c.height, width: c.width)
            let size = 3 * c.height * c.width
            for failing in c.batch > 1 ? [nil, 0] : [nil] as [Int?] {
                let got = network.features(count: c.batch, height: c.height, width: c.width) { i, image in
                    if i == failing { return false }
                    for j in 0..<size { image[j] = input[i * size + j] }
                    return true
                }
                for n in 0..<c.batch where n != failing {
                    XCTAssertEqual(got[n], want[n], "batch \(c.batch) \(c.height)x\(c.width) image \(n)")
                }
            }
        }
    }

    /// A batch of ROIs with one that cannot be preprocessed (no pixel with its label): that ROI's
    /// result is its error, the others' features are those of the batch without the error, bit
    /// for bit, and the ROIs are released.
    func testFailedROIIsItsOwnResultInTheBatchPass() throws {
        let extractor = try DeepFeatureExtractor(weights: DeepFixtures.weightsURL, batchSize: 8)
        let images = try DeepFixtures.network().images.map(\.input)
        XCTAssertGreaterThanOrEqual(images.count, 3)
        var good = images
        let want = extractor.featuresReleasingImages(&good).map { try? $0.get() }
        XCTAssertTrue(good.isEmpty)
        var bad = images
        bad[1].mask = [Int32](repeating: 0, count: bad[1].mask.count)
        let got = extractor.featuresReleasingImages(&bad)
        XCTAssertTrue(bad.isEmpty)
        for (i, outcome) in got.enumerated() {
            switch outcome {
            case let .success(vector):
                XCTAssertNotEqual(i, 1)
                XCTAssertEqual(vector, want[i], "image \(i)")
            case let .failure(error):
                XCTAssertEqual(i, 1)
                XCTAssertTrue("\(error)".contains("no pixel with label"), "\(error)")
            }
        }
        // `features(images:)` throws that error, naming the image.
        XCTAssertThrowsError(try extractor.features(images: Array(images[0..<1]) + [bad1(images[1])])) { error in
            XCTAssertTrue("\(error)".hasPrefix("image 1: "), "\(error)")
        }
    }

    private func bad1(_ image: DeepInput) -> DeepInput {
        var copy = image
        copy.mask = [Int32](repeating: 0, count: image.mask.count)
        return copy
    }

    /// Max-pooling (3×3/2, pad 1, four windows at a time inside the plane) against the plain
    /// per-window loop of `Swift.max` in the same order, bit for bit, on planes holding NaN,
    /// ±0 and ±∞ (the order decides which of equal or unordered values wins).
    func testMaxPoolMatchesThePlainLoopOnSpecialValues() {
        let specials: [Float] = [.nan, 0, -0.0, .infinity, -.infinity, 1, -1]
        for (height, width) in [(7, 9), (12, 33), (5, 10), (9, 64)] {
            var values = randomValues(2 * height * width, seed: UInt64(height * width))
            for i in stride(from: 0, to: values.count, by: 3) { values[i] = specials[(i / 3) % specials.count] }
            let x = ActivationBatch(channels: 2, batch: 1, height: height, width: width, values: values)
            let got = Pooling.maxPool(x, kernel: 3, stride: 2, padding: 1)
            let (ho, wo) = ((height - 1) / 2 + 1, (width - 1) / 2 + 1)
            var want = [Float]()
            for c in 0..<2 {
                for oy in 0..<ho {
                    var columnMax = [Float](repeating: -.infinity, count: width)
                    for y in max(0, 2 * oy - 1)..<min(height, 2 * oy + 2) {
                        for xx in 0..<width { columnMax[xx] = Swift.max(columnMax[xx], values[(c * height + y) * width + xx]) }
                    }
                    for ox in 0..<wo {
                        var best = -Float.infinity
                        for xx in max(0, 2 * ox - 1)..<min(width, 2 * ox + 2) { best = Swift.max(best, columnMax[xx]) }
                        want.append(best)
                    }
                }
            }
            XCTAssertEqual(got.values.map(\.bitPattern), want.map(\.bitPattern), "\(height)x\(width)")
        }
    }
}
