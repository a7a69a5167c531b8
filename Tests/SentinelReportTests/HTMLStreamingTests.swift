import Foundation
@testable import SentinelReport
import SentinelRender
import XCTest

/// report.html written as a stream (figures' base64 SVGs spliced in at markers) has exactly
/// the bytes of the page rendered as one string, and the markers cannot be forged by text.
final class HTMLStreamingTests: XCTestCase {
    static let templates = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("templates")

    func figure(_ id: String, svg: String) -> ReportFigure {
        let chart = LassoPathChart(title: "LASSO", logLambda: [-3, -2, -1], meanError: [0.3, 0.2, 0.25],
                                   standardError: [0.01, 0.01, 0.02], logLambdaMin: -2)
        return ReportFigure(id: id, caption: "Caption \(id)", alt: "Alt \(id)", svg: Array(svg.utf8),
                            width: 250, height: 200, chart: chart)
    }

    func document(paragraph: String) -> ReportDocument {
        ReportDocument(title: "Streaming", subtitle: "two figures", sections: [
            ReportSection(id: "roc", title: "Figures", paragraphs: [paragraph], blocks: [
                ReportBlock(figure: figure("figure-a", svg: "<svg><text>é a</text></svg>")),
                ReportBlock(figure: figure("figure-b", svg: "<svg><text>b ≥ 1</text></svg>")),
            ]),
        ], generator: "Sentinel test", date: "2025-01-01")
    }

    func testStreamedFileEqualsTheRenderedPage() throws {
        let writer = HTMLReportWriter(templatesDirectory: Self.templates)
        let doc = document(paragraph: "Text with <tags> & a fake marker <00000000-0000-0000-0000-000000000000:0>.")
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("html-stream-\(UUID().uuidString).html")
        defer { try? FileManager.default.removeItem(at: url) }
        try writer.write(doc, to: url)
        let page = try writer.render(doc)
        XCTAssertEqual(try Data(contentsOf: url), Data(page.utf8))
        for svg in ["<svg><text>é a</text></svg>", "<svg><text>b ≥ 1</text></svg>"] {
            XCTAssertTrue(page.contains("base64,\(Data(svg.utf8).base64EncodedString())\""), "each figure's SVG is inlined")
        }
        XCTAssertTrue(page.contains("&lt;00000000-0000-0000-0000-000000000000:0&gt;"), "text that looks like a marker stays text")
    }

    func testTheSVGSourceIsAskedForEachFigureInOrder() throws {
        let writer = HTMLReportWriter(templatesDirectory: Self.templates)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("html-stream-\(UUID().uuidString).html")
        defer { try? FileManager.default.removeItem(at: url) }
        var asked: [String] = []
        try writer.write(document(paragraph: "p"), to: url) { figure in
            asked.append(figure.id)
            return Array("<svg id=\"\(figure.id)\"/>".utf8)
        }
        XCTAssertEqual(asked, ["figure-a", "figure-b"])
        let html = try String(contentsOf: url, encoding: .utf8)
        XCTAssertTrue(html.contains(Data("<svg id=\"figure-b\"/>".utf8).base64EncodedString()))
    }
}
