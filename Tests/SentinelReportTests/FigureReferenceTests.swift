import Foundation
@testable import SentinelReport
import SentinelRender
import SentinelStudy
import XCTest

/// The report's charts, drawn by `FigureFactory` from a fixed `StudyResults`
/// (Tests/Fixtures/report/results.json, a `sentinel evaluate` run on two cohorts and two
/// models), rendered to PNG at 72 dpi (1 px per point, the figures being printed at their
/// physical size) and compared with the committed references
/// Tests/Fixtures/report/figures/<name>.png within a pixel tolerance (font hinting and
/// anti-aliasing may differ slightly between Cairo/FreeType builds).
///
/// To regenerate the references after an intended change to a chart, run
/// `SENTINEL_UPDATE_FIGURES=1 swift test --filter FigureReferenceTests` (or
/// Tests/Fixtures/report/update_figures.sh) and review the new PNGs before committing.
final class FigureReferenceTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/report")
    static let dpi = 72.0

    func fixedResults() throws -> StudyResults {
        let data = try Data(contentsOf: Self.fixtures.appendingPathComponent("results.json"))
        return try JSONDecoder().decode(StudyResults.self, from: data)
    }

    func testChartsMatchCommittedReferences() throws {
        let planned = FigureFactory(results: try fixedResults()).plannedFigures()
        XCTAssertEqual(planned.map(\.name), ["roc-train", "calibration-train", "dca-train",
                                             "roc-validation", "calibration-validation", "dca-validation", "forest-auc"])
        let update = ProcessInfo.processInfo.environment["SENTINEL_UPDATE_FIGURES"] == "1"
        let folder = Self.fixtures.appendingPathComponent("figures")
        if update { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        for figure in planned {
            let png = try figure.chart.render(format: .png, dpi: Self.dpi)
            let reference = folder.appendingPathComponent("\(figure.name).png")
            if update {
                try png.write(to: reference)
                continue
            }
            let actual = try RasterImage(png: png)
            XCTAssertGreaterThan(actual.nonBackgroundFraction(), 0.02, "\(figure.name) is blank")
            let expected = try RasterImage(contentsOf: reference)
            guard let difference = actual.difference(from: expected) else {
                XCTFail("\(figure.name): size \(actual.width)x\(actual.height), reference \(expected.width)x\(expected.height)")
                continue
            }
            XCTAssertLessThan(difference.fractionDiffering, 0.01, "\(figure.name) differs from its reference: \(difference)")
            XCTAssertLessThan(difference.meanAbsolute, 2.0, "\(figure.name) differs from its reference: \(difference)")
        }
    }

    /// The comparison can fail: a chart with one model's curve removed is caught.
    func testComparisonDetectsAChangedChart() throws {
        var results = try fixedResults()
        results.cohorts[0].models[0].curves?.rocFPR = [0, 1]
        results.cohorts[0].models[0].curves?.rocTPR = [0, 1]
        let changed = try XCTUnwrap(FigureFactory(results: results).plannedFigures().first)
        let original = try XCTUnwrap(FigureFactory(results: try fixedResults()).plannedFigures().first)
        let a = try RasterImage(png: changed.chart.render(format: .png, dpi: Self.dpi))
        let b = try RasterImage(png: original.chart.render(format: .png, dpi: Self.dpi))
        let difference = try XCTUnwrap(a.difference(from: b))
        XCTAssertGreaterThan(difference.fractionDiffering, 0.002)
    }
}
