import SentinelImaging
import SentinelTestSupport
import XCTest

/// Resizing against PyTorch's F.interpolate(bilinear, align_corners=False) arithmetic
/// (numpy, cross-checked with onnxruntime Resize in make_deep_fixtures.py).
final class BilinearResizeTests: XCTestCase {
    private struct Case: Decodable {
        let width, height, out_width, out_height: Int
        let input, output: [Float]
    }

    private struct Layers: Decodable { let resizes: [Case] }

    func testMatchesPyTorchBilinearWithoutAntialias() throws {
        let cases = try Fixtures.load(Layers.self, "deep/layers.json").resizes
        XCTAssertTrue(cases.contains { $0.out_width < $0.width }, "a shrinking case")
        XCTAssertTrue(cases.contains { $0.out_width > $0.width }, "an enlarging case")
        for (i, c) in cases.enumerated() {
            let y = BilinearResize.resize(c.input, width: c.width, height: c.height,
                                          outWidth: c.out_width, outHeight: c.out_height)
            assertClose(y.doubles, c.output.doubles, relative: 0, absolute: 1e-6, "resize case \(i)")
        }
    }

    func testSameSizeIsIdentity() {
        let x: [Float] = (0..<35).map { Float($0 * $0 % 11) }
        XCTAssertEqual(BilinearResize.resize(x, width: 7, height: 5, outWidth: 7, outHeight: 5), x)
    }
}
