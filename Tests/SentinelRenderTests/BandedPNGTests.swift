import XCTest
@testable import SentinelRender

/// PNGs are rasterised in bands of rows (bounded memory); the pixels must be those of one
/// full-size render, with or without a background.
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
}
