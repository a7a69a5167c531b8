import Foundation
import XCTest
@testable import SentinelRender

/// SVG glyph outlines shared across writers: an SVG made with every outline already cached
/// (by other charts, at other sizes) has the bytes of one made with none cached.
final class GlyphOutlineCacheTests: XCTestCase {
    func testCachedOutlinesGiveTheBytesOfFreshOnes() throws {
        let charts = SampleCharts.all
        XCTAssertGreaterThan(charts.count, 1)
        var fresh: [Data] = []
        for (name, chart) in charts {
            GlyphOutlineCache.shared.removeAll()
            fresh.append(try chart.render(format: .svg, svgIDPrefix: "\(name)-"))
        }
        // Every chart again, now drawn from the outlines cached by all of them.
        for (name, chart) in charts {
            _ = try chart.render(format: .svg, svgIDPrefix: "\(name)-")
        }
        XCTAssertGreaterThan(GlyphOutlineCache.shared.count, 0)
        for ((name, chart), expected) in zip(charts, fresh) {
            let cached = try chart.render(format: .svg, svgIDPrefix: "\(name)-")
            XCTAssertEqual(cached, expected, name)
            XCTAssertTrue(String(decoding: cached, as: UTF8.self).contains("<symbol overflow=\"visible\" id=\"\(name)-glyph1\">"), name)
        }
    }
}
