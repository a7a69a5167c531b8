import Foundation
import XCTest
@testable import SentinelRender

/// Writes sample outputs to `$SENTINEL_RENDER_DUMP` for eyeballing; skipped otherwise.
final class DumpTests: XCTestCase {
    func testDumpCanvasSample() throws {
        guard let dir = ProcessInfo.processInfo.environment["SENTINEL_RENDER_DUMP"] else { throw XCTSkip("set SENTINEL_RENDER_DUMP") }
        for format in ImageFormat.allCases {
            let data = try Renderer.render(format: format, size: Size(width: 200, height: 100), dpi: 96,
                                           metadata: DocumentMetadata(title: "T", creator: "Sentinel 0.0")) { c in
                try c.drawText("AUC 0.845 (0.769–0.921) ≥ ± μ fi", at: Point(x: 100, y: 50), font: Font(size: 12), horizontal: .center)
            }
            try data.write(to: URL(fileURLWithPath: dir).appendingPathComponent("sample.\(format.rawValue)"))
        }
    }

    func testDumpCharts() throws {
        guard let dir = ProcessInfo.processInfo.environment["SENTINEL_RENDER_DUMP"] else { throw XCTSkip("set SENTINEL_RENDER_DUMP") }
        let url = URL(fileURLWithPath: dir)
        let charts: [(String, any Chart)] = SampleCharts.all
        for (name, chart) in charts {
            try chart.write(to: url, name: name, dpi: 96)
            print(name, chart.altText)
        }
        try SampleDocument.build().write(to: url.appendingPathComponent("report.pdf"))
    }
}
