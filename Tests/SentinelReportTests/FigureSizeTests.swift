import Foundation
@testable import SentinelRender
@testable import SentinelReport
import SentinelStudy
import XCTest

/// The report's figures fit a journal page at their physical size: cohort figures with the
/// single-modal, pre-fusion and post-fusion panels span a double column (180 mm, 510 pt;
/// 2125 px at 300 dpi), a lone panel and the LASSO curves a single column (250 pt), the
/// forest plot a double column. At that size no two texts overlap, no text leaves the
/// figure, and legends keep the models' full labels (wrapped, never below 6 pt).
final class FigureSizeTests: XCTestCase {
    /// The fixture results (two models, "Model A" and "Model, B") with the paper's nine model
    /// names, so the cohort figures get their three panels.
    func nineModelResults() throws -> StudyResults {
        var results = try JSONDecoder().decode(StudyResults.self, from: Data(contentsOf: FigureReferenceTests.fixtures.appendingPathComponent("results.json")))
        let names = ["Clinical", "Rad", "DL", "Pre-fusion Clinical+Rad", "Pre-fusion Clinical+DL", "Pre-fusion Clinical+Rad+DL",
                     "Post-fusion Clinical+Rad", "Post-fusion Clinical+DL", "Post-fusion Clinical+Rad+DL"]
        for c in results.cohorts.indices {
            let models = results.cohorts[c].models
            results.cohorts[c].models = names.enumerated().map { k, name in
                var m = models[k % models.count]
                m.name = name
                return m
            }
        }
        return results
    }

    func testCohortFiguresSpanADoubleColumnAndALonePanelASingleColumn() throws {
        for figure in FigureFactory(results: try nineModelResults()).plannedFigures() {
            XCTAssertEqual(figure.chart.preferredSize.width, Size.doubleColumnWidth, accuracy: 1e-9, figure.name)
            XCTAssertLessThanOrEqual(figure.chart.preferredSize.height, 650, "\(figure.name) fits a page")
        }
        let twoModels = FigureFactory(results: try JSONDecoder().decode(StudyResults.self, from: Data(contentsOf: FigureReferenceTests.fixtures.appendingPathComponent("results.json"))))
        for figure in twoModels.plannedFigures() where figure.kind != "forest" {
            XCTAssertEqual(figure.chart.preferredSize.width, Size.singleColumnWidth, accuracy: 1e-9, figure.name)
        }
        XCTAssertEqual(Size.doubleColumnWidth / 72 * 25.4, 180, accuracy: 0.5)
        XCTAssertEqual(Size.singleColumnWidth / 72 * 25.4, 88, accuracy: 3)
        let png = try RasterImage(png: FigureFactory(results: try nineModelResults()).plannedFigures()[0].chart.render(format: .png, dpi: 300))
        XCTAssertEqual(png.width, 2125)
    }

    /// Twenty models in one panel (`sentinel evaluate` with twenty model columns): the figure
    /// is a double column wide with the legend right of the plot, not a single column with a
    /// legend taller than the plot (which the PDF then shrank below 6 pt to fit the page); no
    /// text overlaps or leaves the figure, and the panel does not repeat the figure's cohort.
    func testManyModelsInALonePanelPutTheLegendBesideAWiderFigure() throws {
        var results = try JSONDecoder().decode(StudyResults.self, from: Data(contentsOf: FigureReferenceTests.fixtures.appendingPathComponent("results.json")))
        for c in results.cohorts.indices {
            let models = results.cohorts[c].models
            results.cohorts[c].models = (0..<20).map { k in
                var m = models[k % models.count]
                m.name = "Model \(k + 1)"
                return m
            }
        }
        let planned = FigureFactory(results: results).plannedFigures()
        for figure in planned where ["roc", "calibration", "dca"].contains(figure.kind) {
            let size = figure.chart.preferredSize
            XCTAssertEqual(size.width, Size.doubleColumnWidth, accuracy: 1e-9, figure.name)
            XCTAssertLessThanOrEqual(size.height, 330, "\(figure.name) is about as high as its plot")
            var log: [(text: String, box: Rect)] = []
            _ = try Renderer.render(format: .png, size: size, dpi: 36) { canvas in
                canvas.textLog = []
                try figure.chart.draw(in: canvas, region: canvas.bounds, style: .standard)
                log = canvas.textLog ?? []
            }
            let cohort = figure.name.split(separator: "-").dropFirst().joined(separator: "-")
            XCTAssertEqual(log.filter { $0.text == cohort }.count, 0, "\(figure.name): panel titled with the cohort again")
            // The legend is right of the plot: "Model 20" starts in the right half of the figure.
            let last = try XCTUnwrap(log.first { $0.text.hasPrefix("Model 20") }, figure.name)
            XCTAssertGreaterThan(last.box.minX, size.width / 2, figure.name)
            for (i, a) in log.enumerated() {
                XCTAssertTrue(a.box.minX >= -0.5 && a.box.maxX <= size.width + 0.5 && a.box.minY >= -0.5 && a.box.maxY <= size.height + 0.5,
                              "\(figure.name): \"\(a.text)\" leaves the figure \(a.box)")
                for b in log[(i + 1)...] where a.box.inset(by: EdgeInsets(all: 0.6)).intersects(b.box.inset(by: EdgeInsets(all: 0.6))) {
                    XCTFail("\(figure.name): \"\(a.text)\" \(a.box) overlaps \"\(b.text)\" \(b.box)")
                }
            }
        }
    }

    func testLassoCurveIsSingleColumn() {
        let chart = LassoPathChart(title: "LASSO CV", logLambda: [-3, -2, -1], meanError: [0.2, 0.15, 0.18], standardError: [0.01, 0.01, 0.01], logLambdaMin: -2)
        XCTAssertEqual(chart.preferredSize.width, Size.singleColumnWidth)
    }

    func testNoTextOverlapsOrLeavesTheFigure() throws {
        for figure in FigureFactory(results: try nineModelResults()).plannedFigures() {
            let size = figure.chart.preferredSize
            var log: [(text: String, box: Rect)] = []
            _ = try Renderer.render(format: .png, size: size, dpi: 36) { canvas in
                canvas.textLog = []
                try figure.chart.draw(in: canvas, region: canvas.bounds, style: .standard)
                log = canvas.textLog ?? []
            }
            XCTAssertFalse(log.isEmpty)
            // Every model's full name is printed (a legend line may end at a comma).
            let text = log.map(\.text).joined(separator: " ")
            for name in ["Pre-fusion Clinical+Rad+DL", "Post-fusion Clinical+Rad+DL"] where figure.kind != "forest" {
                XCTAssertTrue(text.contains(name), "\(figure.name) lacks \(name)")
            }
            for (i, a) in log.enumerated() {
                XCTAssertTrue(a.box.minX >= -0.5 && a.box.maxX <= size.width + 0.5 && a.box.minY >= -0.5 && a.box.maxY <= size.height + 0.5,
                              "\(figure.name): \"\(a.text)\" leaves the figure \(a.box)")
                for b in log[(i + 1)...] where a.box.inset(by: EdgeInsets(all: 0.6)).intersects(b.box.inset(by: EdgeInsets(all: 0.6))) {
                    XCTFail("\(figure.name): \"\(a.text)\" \(a.box) overlaps \"\(b.text)\" \(b.box)")
                }
            }
        }
    }

    /// A ROC legend in a third of the page keeps the style's 6.5 pt and breaks the label after
    /// the model's name.
    func testLongLegendLabelsWrapAtTheirClause() throws {
        let label = "Post-fusion Clinical+Rad+DL, AUC 0.892 (0.816–0.968)"
        let box = try LegendBox([LegendEntry(label: label, key: .line(.ink, dash: []))], style: .standard, maxWidth: 162)
        XCTAssertEqual(box.lines, [["Post-fusion Clinical+Rad+DL,", "AUC 0.892 (0.816–0.968)"]])
        XCTAssertEqual(box.font.size, ChartStyle.standard.legendFont.size)
        XCTAssertLessThanOrEqual(box.size.width, 162)
        // Wide enough: one line, no shrinking.
        let wide = try LegendBox([LegendEntry(label: label, key: .line(.ink, dash: []))], style: .standard, maxWidth: 400)
        XCTAssertEqual(wide.lines, [[label]])
        XCTAssertGreaterThanOrEqual(ChartStyle.standard.legendFont.size, 6)
        XCTAssertGreaterThanOrEqual(ChartStyle.standard.tickFont.size, 6)
    }
}
