import SentinelImaging
import SentinelTestSupport
import XCTest

final class DeepPreprocessingTests: XCTestCase {
    func testCropBoxesAndScaledPlanesMatchReference() throws {
        let pre = DeepPreprocessing()
        for (i, c) in try DeepFixtures.network().images.enumerated() {
            let box = try pre.cropBox(c.input)
            XCTAssertEqual([box.firstRow, box.lastRow, box.firstColumn, box.lastColumn], c.box, "image \(i)")
            let plane = try pre.resizedPlane(c.input)
            XCTAssertEqual(plane.count, 224 * 224)
            XCTAssertTrue(plane.allSatisfy { $0 >= 0 && $0 <= 1 })
            assertClose(plane.reduce(0.0) { $0 + Double($1) }, c.plane_sum, relative: 1e-6, absolute: 1e-3, "image \(i)")
        }
    }

    /// The crop's minimum and maximum (found eight lanes at a time) wherever they sit, in the
    /// lanes or the tail, and a non-finite value anywhere, exactly as a plain scan finds them.
    func testScalingFindsExtremesAndNonFiniteValuesAnywhere() throws {
        let pre = DeepPreprocessing(outputWidth: 7, outputHeight: 5)
        var state: UInt64 = 12_345
        func next() -> Float {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return 100 + Float(state >> 40) / Float(1 << 24) * 100
        }
        for width in [1, 7, 8, 9, 17, 33] {
            let height = 3, count = width * height
            for (low, high) in [(0, count - 1), (count - 1, 0), (count / 2, min(count - 1, 8)), (min(count - 1, 9), count / 3)]
            where low != high || count == 1 {
                var pixels = (0..<count).map { _ in next() }
                pixels[low] = -5
                pixels[high] = 1000
                let input = DeepInput(pixels: pixels, width: width, height: height,
                                      mask: [Int32](repeating: 1, count: count), label: 1)
                // The plain definition: scalar extremes, scaling, then the resize.
                let lo = pixels.min()!, hi = pixels.max()!
                let scaled = pixels.map { hi > lo ? ($0 - lo) / (hi - lo) : 0 }
                let want = BilinearResize.resize(scaled, width: width, height: height, outWidth: 7, outHeight: 5)
                XCTAssertEqual(try pre.resizedPlane(input).map(\.bitPattern), want.map(\.bitPattern), "\(width) \(low) \(high)")
                for bad: Float in [.nan, .infinity, -.infinity] {
                    var broken = input
                    broken.pixels[high] = bad
                    XCTAssertThrowsError(try pre.resizedPlane(broken), "\(width) \(high) \(bad)")
                }
            }
        }
    }

    func testMarginsRoundHalfUpAndClampToTheImage() throws {
        // ROI columns 2...6 (w = 5 → margin 1), rows 1...1 (h = 1 → margin 0) in a 10 × 3 image.
        var mask = [Int32](repeating: 0, count: 30)
        for x in 2...6 { mask[10 + x] = 7 }
        mask[0] = 1  // another label: background for label 7
        let input = DeepInput(pixels: [Float](repeating: 0, count: 30), width: 10, height: 3, mask: mask, label: 7)
        let box = try DeepPreprocessing().cropBox(input)
        XCTAssertEqual(box, .init(firstRow: 1, lastRow: 1, firstColumn: 1, lastColumn: 7))
        let wide = try DeepPreprocessing(marginFraction: 1).cropBox(input)
        XCTAssertEqual(wide, .init(firstRow: 0, lastRow: 2, firstColumn: 0, lastColumn: 9))
    }

    func testConstantCropNormalisesToMinusMeanOverStd() throws {
        let input = DeepInput(pixels: [Float](repeating: 5, count: 16), width: 4, height: 4,
                              mask: [Int32](repeating: 1, count: 16))
        let pre = DeepPreprocessing(outputWidth: 3, outputHeight: 2)
        let t = try pre.tensor(input)
        XCTAssertEqual(t.count, 18)
        for c in 0..<3 {
            for v in t[(6 * c)..<(6 * c + 6)] { XCTAssertEqual(v, (0 - pre.channelMean[c]) / pre.channelStd[c]) }
        }
    }

    func testEmptyRegionAndBadSizesAreClearErrors() {
        let input = DeepInput(pixels: [1, 2, 3, 4], width: 2, height: 2, mask: [0, 2, 2, 0], label: 1)
        XCTAssertThrowsError(try DeepPreprocessing().tensor(input)) { error in
            XCTAssertEqual(error as? DeepError, .emptyRegionOfInterest(label: 1, index: nil))
            XCTAssertTrue("\(error)".contains("label 1"))
        }
        let short = DeepInput(pixels: [1, 2, 3], width: 2, height: 2, mask: [1, 1, 1, 1])
        XCTAssertThrowsError(try DeepPreprocessing().tensor(short)) { error in
            guard case .invalidInput = error as? DeepError else { return XCTFail("\(error)") }
        }
        let ok = DeepInput(pixels: [1, 2, 3, 4], width: 2, height: 2, mask: [1, 1, 1, 1])
        XCTAssertThrowsError(try DeepPreprocessing(outputWidth: 0).tensor(ok))
        XCTAssertThrowsError(try DeepPreprocessing(channelStd: [1, 0, 1]).tensor(ok))
        let nan = DeepInput(pixels: [1, .nan, 3, 4], width: 2, height: 2, mask: [1, 1, 1, 1])
        XCTAssertThrowsError(try DeepPreprocessing().tensor(nan))
    }

    func testDoubleConvenienceInitialiser() throws {
        let a = DeepInput(pixels: [1.0, 2, 3, 4], width: 2, height: 2, mask: [0, 1, 1, 0], label: 1)
        XCTAssertEqual(a, DeepInput(pixels: [Float(1), 2, 3, 4], width: 2, height: 2, mask: [0, 1, 1, 0], label: 1))
    }
}
