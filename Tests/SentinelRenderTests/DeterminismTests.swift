import Foundation
import XCTest
@testable import SentinelRender

/// Same input → same bytes, for every chart and format, even after other renders have advanced
/// Cairo's per-process counters (surface and font ids), and for whole PDF documents.
final class DeterminismTests: XCTestCase {
    func testEveryChartIsByteIdenticalInEveryFormat() throws {
        for (name, chart) in SampleCharts.all {
            for format in ImageFormat.allCases {
                let first = try chart.render(format: format, dpi: 96, svgIDPrefix: "\(name)-")
                _ = try SampleCharts.calibration.render(format: .svg)
                _ = try SampleCharts.forest.render(format: .pdf)
                let second = try chart.render(format: format, dpi: 96, svgIDPrefix: "\(name)-")
                XCTAssertEqual(first, second, "\(name).\(format.rawValue) differs between renders")
            }
        }
    }

    func testPDFDocumentIsByteIdentical() throws {
        let first = try SampleDocument.build()
        let second = try SampleDocument.build()
        XCTAssertEqual(first, second)
        XCTAssertFalse(String(decoding: first, as: UTF8.self).contains("/ID"), "a random /ID would break reproducibility")
    }

    func testSVGDoesNotDependOnProcessCounters() throws {
        // Cairo names the page group after a global surface counter ("surface12"); after
        // normalisation only document-order ids remain.
        let svg = String(decoding: try SampleCharts.roc.render(format: .svg), as: UTF8.self)
        XCTAssertTrue(svg.contains("id=\"surface1\""), String(svg.prefix(600)))
        XCTAssertFalse(svg.contains("surface2\""))
    }

    func testPDFMetadataDatesComeFromTheCaller() throws {
        let date = Date(timeIntervalSince1970: 1_700_000_000)
        let meta = DocumentMetadata(title: "ROC", creator: "Sentinel 9.9", date: date)
        XCTAssertEqual(meta.cairoDate, "2023-11-14T22:13:20Z")
        let pdf = String(decoding: try SampleCharts.roc.render(format: .pdf, metadata: meta), as: UTF8.self)
        XCTAssertTrue(pdf.contains("/CreationDate (20231114221320Z)"))
        XCTAssertTrue(pdf.contains("/ModDate (20231114221320Z)"))
        XCTAssertTrue(pdf.contains("/Creator (Sentinel 9.9)"))
    }
}
