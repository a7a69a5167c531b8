import SentinelImaging
import SentinelTestSupport
import XCTest

/// Convolution, pooling and batch-norm fold against direct float64 loops (layers.json).
final class ConvolutionTests: XCTestCase {
    private struct Layers: Decodable {
        let convolutions: [Conv]
        let max_pools: [Pool]
        let batch_norm_folds: [Fold]
    }

    private struct Conv: Decodable {
        let in_channels, out_channels, kernel, stride, padding, batch, height, width, out_height, out_width: Int
        let input, weights, bias, output: [Float]
        let residual: [Float]?
    }

    private struct Pool: Decodable {
        let channels, batch, height, width, out_height, out_width: Int
        let input, output: [Float]
    }

    private struct Fold: Decodable {
        let in_channels, out_channels, kernel, stride, padding, batch, height, width, out_height, out_width: Int
        let input, weights, gamma, beta, mean, variance, output: [Float]
    }

    private func layers() throws -> Layers { try Fixtures.load(Layers.self, "deep/layers.json") }

    func testConvolutionStridesPaddingAndKernelSizes() throws {
        let cases = try layers().convolutions
        XCTAssertTrue(Set(cases.map(\.kernel)).isSuperset(of: [1, 3, 5, 7]))
        XCTAssertEqual(Set(cases.map(\.stride)), [1, 2])
        for algorithm in Convolution.Algorithm.allCases {
          for (i, c) in cases.enumerated() {
            let conv = Convolution(inChannels: c.in_channels, outChannels: c.out_channels, kernelSize: c.kernel,
                                   stride: c.stride, padding: c.padding, weights: c.weights, bias: c.bias,
                                   algorithm: algorithm)
            let x = ActivationBatch(nchw: c.input, batch: c.batch, channels: c.in_channels, height: c.height, width: c.width)
            let residual = c.residual.map {
                ActivationBatch(nchw: $0, batch: c.batch, channels: c.out_channels, height: c.out_height, width: c.out_width)
            }
            let y = conv.apply(x, residual: residual, relu: residual != nil)
            XCTAssertEqual(y.height, c.out_height, "case \(i)")
            XCTAssertEqual(y.width, c.out_width, "case \(i)")
            // F(4×4, 3×3) rounds intermediate values up to ~100× the output (transform
            // coefficients 4, 5, 8): largest observed deviation 4.0e-5 on outputs up to 15.
            assertClose(y.nchw.doubles, c.output.doubles, relative: 1e-5,
                        absolute: algorithm == .winograd4x4 ? 5e-5 : 1e-5, "conv case \(i), \(algorithm)")
          }
        }
    }

    func testMaxPoolIgnoresPadding() throws {
        for (i, p) in try layers().max_pools.enumerated() {
            let x = ActivationBatch(nchw: p.input, batch: p.batch, channels: p.channels, height: p.height, width: p.width)
            let y = Pooling.maxPool(x, kernel: 3, stride: 2, padding: 1)
            XCTAssertEqual([y.height, y.width], [p.out_height, p.out_width], "case \(i)")
            XCTAssertEqual(y.nchw, p.output, "pool case \(i)")  // a max is exact
        }
    }

    func testBatchNormFoldMatchesConvolutionThenNormalisation() throws {
        for (i, f) in try layers().batch_norm_folds.enumerated() {
            let conv = Convolution(inChannels: f.in_channels, outChannels: f.out_channels, kernelSize: f.kernel,
                                   stride: f.stride, padding: f.padding, weights: f.weights)
            let bn = BatchNormalization(weight: f.gamma, bias: f.beta, runningMean: f.mean, runningVariance: f.variance)
            let x = ActivationBatch(nchw: f.input, batch: f.batch, channels: f.in_channels, height: f.height, width: f.width)
            let y = bn.folded(into: conv).apply(x)
            // A zero variance makes 1/sqrt(eps) ≈ 316 the scale: allow for Float rounding of those outputs.
            assertClose(y.nchw.doubles, f.output.doubles, relative: 1e-5, absolute: 1e-4, "fold case \(i)")
        }
    }

    func testGlobalAveragePoolAndLayoutConversion() {
        let nchw: [Float] = (0..<(2 * 3 * 2 * 2)).map { Float($0) }
        let x = ActivationBatch(nchw: nchw, batch: 2, channels: 3, height: 2, width: 2)
        XCTAssertEqual(x.nchw, nchw)
        XCTAssertEqual(Array(x.values[0..<8]), [0, 1, 2, 3, 12, 13, 14, 15])  // channel 0 of both images
        XCTAssertEqual(Pooling.globalAveragePool(x), [[1.5, 5.5, 9.5], [13.5, 17.5, 21.5]])
    }
}
