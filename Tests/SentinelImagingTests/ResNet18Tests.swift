import Foundation
import SentinelImaging
import SentinelTestSupport
import XCTest

final class ResNet18Tests: XCTestCase {
    /// The base-width-8 fixture network (mixed F32/F16/BF16, shuffled layout) vs onnxruntime.
    func testReducedNetworkMatchesOnnxRuntime() throws {
        let fixture = try DeepFixtures.network()
        let network = try ResNet18(contentsOf: DeepFixtures.weightsURL)
        XCTAssertEqual(network.baseWidth, fixture.base_width)
        XCTAssertEqual(network.featureCount, 64)
        for c in fixture.network_cases {
            let features = try network.features(nchw: c.input, batch: c.batch, height: c.height, width: c.width)
            XCTAssertEqual(features.count, c.batch)
            for (n, (got, want)) in zip(features, c.features).enumerated() {
                assertClose(got.doubles, want, relative: 0, absolute: 1e-4, "\(c.height)x\(c.width) image \(n)")
            }
        }
    }

    func testBatchingDoesNotChangeFeatures() throws {
        let network = try ResNet18(contentsOf: DeepFixtures.weightsURL)
        let c = try DeepFixtures.network().network_cases[2]
        let all = try network.features(nchw: c.input, batch: c.batch, height: c.height, width: c.width)
        let plane = 3 * c.height * c.width
        for n in 0..<c.batch {
            let one = try network.features(nchw: Array(c.input[(n * plane)..<((n + 1) * plane)]), batch: 1,
                                           height: c.height, width: c.width)
            // Optimised SGEMM kernels may round a column differently by its position in the
            // matrix: equal to Float32 accumulation error, far inside the 1e-4 contract.
            assertClose(one[0].doubles, all[n].doubles, relative: 1e-5, absolute: 1e-5)
        }
    }

    func testWeightsReadTheTorchvisionKeysAndIgnoreTheRest() throws {
        let file = try Safetensors(contentsOf: DeepFixtures.weightsURL)
        XCTAssertEqual(file.entries["layer1.0.conv1.weight"]?.dtype, "F16")
        XCTAssertEqual(file.entries["layer2.0.conv1.weight"]?.dtype, "BF16")
        XCTAssertEqual(file.entries["bn1.num_batches_tracked"]?.dtype, "I64")
        XCTAssertNotNil(file.entries["fc.weight"])
        let weights = try ResNet18Weights(safetensors: file)
        XCTAssertEqual(weights.tensors.count, 100)
        XCTAssertNil(weights.tensors["fc.weight"])
        XCTAssertEqual(weights.tensors["layer2.0.downsample.0.weight"]?.shape, [16, 8, 1, 1])
        XCTAssertEqual(ResNet18Weights.expectedShapes().first?.shape, [64, 3, 7, 7])
        XCTAssertEqual(ResNet18Weights.expectedShapes().last?.key, "layer4.1.bn2.running_var")
    }

    func testMissingOrMisshapedTensorIsAnErrorNamingKeyAndShapes() throws {
        let weights = try ResNet18Weights(contentsOf: DeepFixtures.weightsURL)
        var tensors = weights.tensors
        tensors["layer3.0.downsample.1.running_mean"] = nil
        XCTAssertThrowsError(try ResNet18Weights(safetensors: Safetensors(data: Safetensors.encode(tensors)))) { error in
            XCTAssertEqual(error as? DeepError, .missingTensor(key: "layer3.0.downsample.1.running_mean", expectedShape: [32]))
        }
        tensors = weights.tensors
        tensors["layer4.1.conv2.weight"] = FloatTensor(shape: [64, 64, 1, 9], repeating: 0)
        XCTAssertThrowsError(try ResNet18Weights(safetensors: Safetensors(data: Safetensors.encode(tensors)))) { error in
            XCTAssertEqual(error as? DeepError,
                           .tensorShapeMismatch(key: "layer4.1.conv2.weight", expected: [64, 64, 3, 3], found: [64, 64, 1, 9]))
            XCTAssertTrue("\(error)".contains("layer4.1.conv2.weight"))
        }
        tensors = weights.tensors
        tensors["conv1.weight"] = FloatTensor(shape: [8, 1, 7, 7], repeating: 0)
        XCTAssertThrowsError(try ResNet18Weights(safetensors: Safetensors(data: Safetensors.encode(tensors)))) { error in
            XCTAssertEqual(error as? DeepError, .tensorShapeMismatch(key: "conv1.weight", expected: [64, 3, 7, 7], found: [8, 1, 7, 7]))
        }
        tensors = weights.tensors
        tensors["layer1.1.bn2.running_var"] = FloatTensor(shape: [8], repeating: -1)
        XCTAssertThrowsError(try ResNet18(weights: ResNet18Weights(tensors: tensors, baseWidth: 8))) { error in
            guard case .invalidWeight(let key, _) = error as? DeepError else { return XCTFail("\(error)") }
            XCTAssertEqual(key, "layer1.1.bn2.running_var")
        }
    }

    func testFullWidthRandomInitialisationRoundTripsAndIsDeterministic() throws {
        let weights = ResNet18Weights.randomlyInitialized(seed: 42)
        XCTAssertEqual(weights.baseWidth, 64)
        XCTAssertEqual(weights.tensors.count, 100)
        for (key, shape) in ResNet18Weights.expectedShapes() { XCTAssertEqual(weights.tensors[key]?.shape, shape, key) }
        let parameters = weights.tensors.values.reduce(0) { $0 + $1.values.count }
        XCTAssertEqual(parameters, 11_689_512 - 513_000 + 9_600)  // torchvision count − fc + BN running stats
        // He (fan_out) scale on the largest layer: std ≈ sqrt(2 / (512·9)).
        let w = weights.tensors["layer4.1.conv2.weight"]!.values
        let std = (w.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(w.count)).squareRoot()
        assertClose(std, (2.0 / 4608).squareRoot(), relative: 0.01)
        XCTAssertEqual(weights.tensors["layer2.0.downsample.1.running_var"]!.values, [Float](repeating: 1, count: 128))
        // Determinism of the stream (checked at a smaller width to keep the debug test fast).
        XCTAssertEqual(ResNet18Weights.randomlyInitialized(seed: 42, baseWidth: 8), ResNet18Weights.randomlyInitialized(seed: 42, baseWidth: 8))
        XCTAssertNotEqual(ResNet18Weights.randomlyInitialized(seed: 43, baseWidth: 8), ResNet18Weights.randomlyInitialized(seed: 42, baseWidth: 8))

        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sentinel-resnet18-\(UUID()).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try weights.write(to: url)
        XCTAssertEqual(try ResNet18Weights(contentsOf: url), weights)

        let input: [Float] = (0..<(2 * 3 * 40 * 48)).map { Float(($0 * 7919) % 2003) / 1001.5 - 1 }
        let a = try ResNet18(contentsOf: url).features(nchw: input, batch: 2, height: 40, width: 48)
        let b = try ResNet18(weights: weights).features(nchw: input, batch: 2, height: 40, width: 48)
        XCTAssertEqual(a, b)  // same weights, same batch: bit-identical
        XCTAssertEqual(try ResNet18(weights: weights).features(nchw: input, batch: 2, height: 40, width: 48), a)
        XCTAssertEqual(a.map(\.count), [512, 512])
        XCTAssertTrue(a.joined().allSatisfy { $0.isFinite && $0 >= 0 })
        XCTAssertNotEqual(a[0], a[1])
    }

    func testInputSizeMismatchIsAnError() {
        let network = ResNet18.randomlyInitialized(seed: 1, baseWidth: 2)
        XCTAssertThrowsError(try network.features(nchw: [0, 1, 2], batch: 1, height: 1, width: 2))
        XCTAssertThrowsError(try network.features(nchw: [], batch: 0, height: 1, width: 1))
    }
}
