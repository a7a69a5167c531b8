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

/// Prints render timings when `SENTINEL_RENDER_TIMING` is set (not a timed assertion).
final class TimingDump: XCTestCase {
    func testPrintTimings() throws {
        guard ProcessInfo.processInfo.environment["SENTINEL_RENDER_TIMING"] != nil else { throw XCTSkip("set SENTINEL_RENDER_TIMING") }
        for (name, chart) in SampleCharts.all {
            for format in ImageFormat.allCases {
                let start = Date()
                let data = try chart.render(format: format, dpi: 300)
                print("timing \(name).\(format.rawValue): \(Int(Date().timeIntervalSince(start) * 1000)) ms, \(data.count) bytes")
            }
        }
        let start = Date()
        let pdf = try SampleDocument.build()
        print("timing document: \(Int(Date().timeIntervalSince(start) * 1000)) ms, \(pdf.count) bytes")
    }
}

import CCairo

extension TimingDump {
    /// Splits a 300-dpi PNG render into rasterisation and encoding.
    func testPrintPNGBreakdown() throws {
        guard ProcessInfo.processInfo.environment["SENTINEL_RENDER_TIMING"] != nil else { throw XCTSkip("set SENTINEL_RENDER_TIMING") }
        for (name, chart) in SampleCharts.all.prefix(3) {
            let size = chart.preferredSize
            let scale = 300.0 / 72
            guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32((size.width * scale).rounded(.up)), Int32((size.height * scale).rounded(.up))) else { return }
            defer { cairo_surface_destroy(surface) }
            var start = Date()
            do {
                let canvas = Canvas(surface: surface, size: size)
                canvas.scale(x: scale, y: scale)
                canvas.paint(.white)
                try chart.draw(in: canvas, region: canvas.bounds, style: .standard)
            }
            cairo_surface_flush(surface)
            let raster = Date().timeIntervalSince(start)
            start = Date()
            let bytes = try PNGWriter.encode(surface: surface, dpi: 300)
            let encode = Date().timeIntervalSince(start)
            start = Date()
            var n = 0
            withUnsafeMutablePointer(to: &n) { ptr in
                _ = cairo_surface_write_to_png_stream(surface, { c, _, len in
                    c?.assumingMemoryBound(to: Int.self).pointee += Int(len); return CAIRO_STATUS_SUCCESS }, ptr)
            }
            let cairoEncode = Date().timeIntervalSince(start)
            print("breakdown \(name): raster \(Int(raster * 1000)) ms, libpng encode \(Int(encode * 1000)) ms (\(bytes.count) B), cairo encode \(Int(cairoEncode * 1000)) ms (\(n) B)")
        }
    }
}
