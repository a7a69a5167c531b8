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
