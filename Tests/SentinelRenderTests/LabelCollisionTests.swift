import Foundation
import XCTest
@testable import SentinelRender

/// No two pieces of text overlap (titles, tick labels, axis titles, legends, statistics,
/// forest-plot columns), for every sample chart at several sizes, and all text stays inside
/// the figure. (Below about 260 × 240 pt a two-model calibration panel with its statistics
/// box no longer fits; use a larger panel.)
final class LabelCollisionTests: XCTestCase {
    func testNoTextOverlapsAtAnySize() throws {
        let sizes = [Size(width: 260, height: 240), Size.figure, Size(width: 320, height: 280), Size(width: 640, height: 420), Size(width: 260, height: 360)]
        for (name, chart) in SampleCharts.all {
            for size in sizes + [chart.preferredSize] {
                var log: [(text: String, box: Rect)] = []
                _ = try Renderer.render(format: .png, size: size, dpi: 36) { canvas in
                    canvas.textLog = []
                    try chart.draw(in: canvas, region: canvas.bounds, style: .standard)
                    log = canvas.textLog ?? []
                }
                XCTAssertFalse(log.isEmpty)
                for (i, a) in log.enumerated() {
                    let ra = a.box.inset(by: EdgeInsets(all: 0.6))
                    XCTAssertTrue(a.box.minX >= -0.5 && a.box.maxX <= size.width + 0.5 && a.box.minY >= -0.5 && a.box.maxY <= size.height + 0.5,
                                  "\(name) at \(size.width)×\(size.height): \"\(a.text)\" leaves the figure \(a.box)")
                    for b in log[(i + 1)...] where ra.intersects(b.box.inset(by: EdgeInsets(all: 0.6))) {
                        XCTFail("\(name) at \(size.width)×\(size.height): \"\(a.text)\" \(a.box) overlaps \"\(b.text)\" \(b.box)")
                    }
                }
            }
        }
    }
}
