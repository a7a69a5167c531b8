import XCTest
@testable import SentinelRender

/// PNGs are rasterised in bands of rows (bounded memory), by replaying one recording of the
/// drawing per band; the pixels must be those of one full-size render drawn directly, with or
/// without a background (text included: the recording must place glyphs as an image surface does).
final class BandedPNGTests: XCTestCase {
    func testBandsGiveTheSamePixelsAsOneSurface() throws {
        let chart = SampleCharts.calibration
        let size = chart.preferredSize
        for background in [Color.white, nil] as [Color?] {
            func render(bandBytes: Int) throws -> RasterImage {
                try RasterImage(png: Renderer.renderPNG(size: size, dpi: 150, background: background, bandBytes: bandBytes) { canvas in
                    try chart.draw(in: canvas, region: canvas.bounds, style: .standard)
                })
            }
            let whole = try render(bandBytes: Int.max / 2)
            for bandBytes in [20_000, 333_333] {
                let banded = try render(bandBytes: bandBytes)
                let diff = try XCTUnwrap(banded.difference(from: whole))
                XCTAssertEqual(diff.maximum, 0, "bands of \(bandBytes) bytes, background \(String(describing: background)): \(diff)")
            }
            XCTAssertGreaterThan(whole.nonBackgroundFraction(), 0.02)
        }
    }

    func testTheDrawingIsMadeOnceWhateverTheBands() throws {
        let chart = SampleCharts.roc
        for bandBytes in [20_000, Int.max / 2] {
            var calls = 0
            _ = try Renderer.renderPNG(size: chart.preferredSize, dpi: 150, background: .white, bandBytes: bandBytes) { canvas in
                calls += 1
                try chart.draw(in: canvas, region: canvas.bounds, style: .standard)
            }
            XCTAssertEqual(calls, 1, "bands of \(bandBytes) bytes")
        }
    }

    func testADrawingErrorIsThrownBeforeAnyBand() {
        struct Failure: Error {}
        XCTAssertThrowsError(try Renderer.renderPNG(size: Size(width: 200, height: 200), dpi: 300, background: .white,
                                                    bandBytes: 20_000) { _ in throw Failure() }) { error in
            XCTAssertTrue(error is Failure, "\(error)")
        }
    }
}
