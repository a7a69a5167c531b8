import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
@testable import SentinelRender

final class ChartTests: XCTestCase {
    func testLegendLabelAndAltTextOfROC() {
        let chart = SampleCharts.roc
        XCTAssertEqual(chart.series[0].legendLabel, "Clinical, AUC 0.731 (0.615–0.846)")
        XCTAssertEqual(ROCSeries(name: "A", colorIndex: 0, falsePositiveRate: [0, 1], truePositiveRate: [0, 1]).legendLabel, "A")
        let alt = chart.altText
        for needle in ["ROC", "Clinical", "Rad", "DL", "0.789", "0.688 to 0.890", "sky blue", "chance"] {
            XCTAssertTrue(alt.contains(needle), "alt text lacks \(needle): \(alt)")
        }
    }

    func testAltTextOfEveryChartNamesItsSeries() {
        XCTAssertTrue(SampleCharts.calibration.altText.contains("Post-fusion"))
        XCTAssertTrue(SampleCharts.calibration.altText.contains("Slope 0.90"))
        XCTAssertTrue(SampleCharts.decision.altText.contains("treating all"))
        XCTAssertTrue(SampleCharts.decision.altText.contains("Pre-fusion"))
        XCTAssertTrue(SampleCharts.forest.altText.contains("Validation, Rad 0.790 (0.690 to 0.880)"))
        XCTAssertTrue(SampleCharts.lasso.altText.contains("λ_min at log(λ) = −4.200"))
    }

    func testDecisionCurveYAxisIsClipped() {
        let chart = SampleCharts.decision
        let domain = chart.yDomain
        XCTAssertEqual(domain.lo, -0.05)
        let top = (chart.models.flatMap(\.netBenefit) + chart.treatAll).max() ?? 0
        XCTAssertEqual(domain.hi, top * 1.1, accuracy: 1e-12)
        XCTAssertLessThan(chart.treatAll.min() ?? 0, -1, "treat-all falls far below the clipped axis")
        let flat = DecisionCurveChart(title: "", thresholds: [0.1, 0.2], models: [], treatAll: [0, 0])
        XCTAssertEqual(flat.yDomain.hi, 0.05)
    }

    func testInvalidDataThrowsNamedErrors() {
        let cases: [any Chart] = [
            ROCChart(title: "", series: []),
            ROCChart(title: "", series: [ROCSeries(name: "A", colorIndex: 0, falsePositiveRate: [0, 1], truePositiveRate: [0])]),
            ROCChart(title: "", series: [ROCSeries(name: "A", colorIndex: 0, falsePositiveRate: [0, .nan], truePositiveRate: [0, 1])]),
            CalibrationChart(title: "", series: []),
            DecisionCurveChart(title: "", thresholds: [0.1, 0.2], models: [DecisionCurveSeries(name: "A", colorIndex: 0, netBenefit: [0.1])], treatAll: [0, 0]),
            ForestPlot(title: "", rows: []),
            ForestPlot(title: "", rows: [ForestRow(label: "A", estimate: 0.7, lower: 0.8, upper: 0.6)]),
            LassoPathChart(title: "", logLambda: [1, 2], meanError: [1], standardError: [1, 1], logLambdaMin: 1),
        ]
        for chart in cases {
            XCTAssertThrowsError(try chart.render(format: .svg)) { error in
                guard case RenderError.invalidData = error else { return XCTFail("\(error)") }
                XCTAssertFalse("\(error)".isEmpty)
            }
        }
    }

    func testFrameKeepsLabelsInsideTheRegionAndTicksApart() throws {
        for region in [Rect(x: 0, y: 0, width: 450, height: 337.5), Rect(x: 20, y: 30, width: 220, height: 160)] {
            let frame = try CartesianFrame.make(region: region, style: .standard, title: "A title", xLabel: "Threshold probability",
                                                yLabel: "Net benefit", xDomain: (0.01, 0.99), yDomain: (-0.05, 0.31))
            XCTAssertGreaterThan(frame.plot.minX, region.minX + 20)
            XCTAssertLessThan(frame.plot.maxX, region.maxX)
            XCTAssertGreaterThan(frame.plot.minY, region.minY)
            XCTAssertLessThan(frame.plot.maxY, region.maxY - 20)
            XCTAssertGreaterThanOrEqual(frame.xTicks.count, 2)
            XCTAssertGreaterThanOrEqual(frame.yTicks.count, 2)
            let font = ChartStyle.standard.tickFont
            let boxes = try frame.xTicks.map { t -> ClosedRange<Double> in
                let w = try TextShaper.width(of: NumberFormat.fixed(t, decimals: frame.xDecimals), font: font)
                return (frame.x(t) - w / 2)...(frame.x(t) + w / 2)
            }
            for k in 1..<boxes.count { XCTAssertLessThan(boxes[k - 1].upperBound, boxes[k].lowerBound) }
            let lh = try TextShaper.lineHeight(for: font)
            for k in 1..<frame.yTicks.count { XCTAssertGreaterThan(abs(frame.y(frame.yTicks[k]) - frame.y(frame.yTicks[k - 1])), lh) }
        }
    }

    func testForestPlotGroupsRowsUnderHeadings() {
        let rows = SampleCharts.forest.layoutRows
        XCTAssertEqual(rows.count, 12)
        XCTAssertEqual(rows.compactMap(\.heading), ["Training", "Validation", "Test"])
        XCTAssertGreaterThan(SampleCharts.forest.preferredSize.height, 200)
    }

    func testWriteProducesThreeFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sentinel-render-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let urls = try SampleCharts.roc.write(to: dir, name: "roc-validation")
        XCTAssertEqual(urls.map(\.lastPathComponent), ["roc-validation.svg", "roc-validation.png", "roc-validation.pdf"])
        let png = try RasterImage(contentsOf: urls[1])
        XCTAssertEqual(png.width, 1042)
        XCTAssertEqual(png.height, 1042)
        XCTAssertEqual(PNGEncoding.resolution(of: [UInt8](try Data(contentsOf: urls[1]))) ?? 0, 300, accuracy: 0.01)
        let svg = try String(contentsOf: urls[0], encoding: .utf8)
        XCTAssertTrue(svg.contains("id=\"roc-validation-glyph1\""))
        XCTAssertThrowsError(try SampleCharts.roc.write(to: dir.appendingPathComponent("missing"), name: "x"))
    }
}

final class ChartGridTests: XCTestCase {
    func testGridSizeAndAltText() {
        let grid = SampleCharts.grid
        XCTAssertEqual(grid.preferredSize, Size(width: 600, height: 296))
        XCTAssertTrue(grid.altText.hasPrefix("Validation cohort. 2 panels. Panel 1: Single-modal."), grid.altText)
        XCTAssertTrue(grid.altText.contains("Panel 2: Pre-fusion."))
        let three = ChartGrid(title: "", panels: [SampleCharts.roc, SampleCharts.roc, SampleCharts.roc], columns: 2)
        XCTAssertEqual(three.preferredSize, Size(width: 660, height: 600))
        XCTAssertThrowsError(try ChartGrid(title: "", panels: []).render(format: .svg))
    }
}

final class InlineSVGTests: XCTestCase {
    func testInlineSVGIsLabelledAndPrefixed() throws {
        var chart = SampleCharts.roc
        chart.title = "Cohort <A> & \"B\""
        let svg = try chart.inlineSVG(idPrefix: "roc-test-")
        XCTAssertTrue(svg.hasPrefix("<svg"), String(svg.prefix(80)))
        XCTAssertFalse(svg.contains("<?xml"))
        XCTAssertTrue(svg.contains("role=\"img\" aria-label=\"Cohort &lt;A&gt; &amp; &quot;B&quot;. ROC curves"))
        XCTAssertTrue(svg.contains("<title>Cohort &lt;A&gt; &amp; &quot;B&quot;. ROC curves"))
        XCTAssertTrue(svg.contains("id=\"roc-test-glyph1\""))
        XCTAssertTrue(svg.contains("xlink:href=\"#roc-test-glyph"))
        // Well-formed XML.
        let parser = XMLParser(data: Data(svg.utf8))
        XCTAssertTrue(parser.parse(), "\(String(describing: parser.parserError))")
    }
}

final class LegendPlacementTests: XCTestCase {
    private func arrange(width: Double, height: Double) throws -> (CartesianFrame, [(any PanelBox, Point)]) {
        let chart = SampleCharts.roc
        let entries = chart.series.map { LegendEntry(label: $0.legendLabel, key: .line(.ink, dash: [])) }
        let region = Rect(x: 0, y: 0, width: width, height: height)
        return try Legend.arrange([({ try LegendBox(entries, style: .standard, maxWidth: $0) }, .bottomRight)],
                                  region: region, style: .standard) { band, right in
            try CartesianFrame.make(region: region, style: .standard, title: "", xLabel: "x", yLabel: "y", xDomain: (0, 1), yDomain: (0, 1),
                                    square: true, xTicks: [0, 0.2, 0.4, 0.6, 0.8, 1], yTicks: [0, 0.2, 0.4, 0.6, 0.8, 1], rightMargin: right,
                                    bottomBand: band)
        }
    }

    func testLegendStaysInsideAWidePlot() throws {
        let (frame, boxes) = try arrange(width: 450, height: 337.5)
        let (box, origin) = try XCTUnwrap(boxes.first)
        let rect = Rect(origin: origin, size: box.size)
        XCTAssertTrue(rect.minX >= frame.plot.minX && rect.maxX <= frame.plot.maxX && rect.maxY <= frame.plot.maxY, "\(rect) in \(frame.plot)")
    }

    func testLegendMovesBelowANarrowPlotAndTicksThin() throws {
        let (frame, boxes) = try arrange(width: 140, height: 320)
        let (box, origin) = try XCTUnwrap(boxes.first)
        let rect = Rect(origin: origin, size: box.size)
        XCTAssertGreaterThanOrEqual(rect.minY, frame.belowLabels - 1e-9, "legend below the axis title")
        XCTAssertLessThanOrEqual(rect.maxY, 320)
        XCTAssertGreaterThanOrEqual(rect.minX, 0)
        XCTAssertLessThanOrEqual(rect.maxX, 140)
        XCTAssertFalse(rect.intersects(frame.plot))
        XCTAssertLessThan(frame.xTicks.count, 6, "fixed ticks thinned: \(frame.xTicks)")
        XCTAssertEqual(frame.xTicks.first, 0)
    }
}

final class DegenerateInputTests: XCTestCase {
    func testSmallButValidInputsRender() throws {
        let charts: [any Chart] = [
            ROCChart(title: "", series: [ROCSeries(name: "Perfect", colorIndex: 0, falsePositiveRate: [0, 0, 1], truePositiveRate: [0, 1, 1], auc: 1, aucLower: 1, aucUpper: 1)]),
            CalibrationChart(title: "", series: [CalibrationSeries(name: "Only curve", colorIndex: 1, bins: [], smoothedPredicted: [0.1, 0.5], smoothedObserved: [0.2, 0.4])]),
            CalibrationChart(title: "Constant risk", series: [CalibrationSeries(name: "A", colorIndex: 2, bins: [CalibrationBin(meanPredicted: 0.3, observed: 0.3, lower: 0.1, upper: 0.5, count: 10)], predictedRisks: [0.3, 0.3, 0.3], statistics: ["Slope NA"])]),
            DecisionCurveChart(title: "", thresholds: [0.1, 0.2, 0.3], models: [DecisionCurveSeries(name: "A", colorIndex: 0, netBenefit: [0.1, .nan, 0.05])], treatAll: [0.2, 0.1, -0.5]),
            DecisionCurveChart(title: "", thresholds: [0.5], models: [], treatAll: [0]),
            ForestPlot(title: "", rows: [ForestRow(label: "One", estimate: 0.5, lower: 0.5, upper: 0.5)]),
            ForestPlot(title: "", rows: [ForestRow(label: "Outside", estimate: 0.95, lower: 0.9, upper: 1)], xDomain: 0...0.8),
            LassoPathChart(title: "", logLambda: [-2], meanError: [1], standardError: [0], logLambdaMin: -2),
        ]
        for chart in charts {
            for format in ImageFormat.allCases {
                XCTAssertGreaterThan(try chart.render(format: format, dpi: 72).count, 200, "\(type(of: chart)) \(format)")
            }
            XCTAssertFalse(chart.altText.isEmpty)
        }
    }

    func testGarbagePNGThrows() {
        XCTAssertThrowsError(try RasterImage(png: Data("not a png".utf8)))
        XCTAssertThrowsError(try RasterImage(png: Data()))
    }
}
