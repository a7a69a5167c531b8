import Foundation
@testable import SentinelReport
import SentinelRender
import SentinelStudy
import XCTest

/// Figure file names and chart labels stay usable whatever the user named cohorts and models
/// (a `sentinel evaluate` file may hold any header and cohort text).
final class FigureNameTests: XCTestCase {
    func fixedResults() throws -> StudyResults {
        let data = try Data(contentsOf: FigureReferenceTests.fixtures.appendingPathComponent("results.json"))
        return try JSONDecoder().decode(StudyResults.self, from: data)
    }

    /// Three cohorts whose slugs collide twice ("a", "a 3", "a!") get three distinct file names;
    /// before, "a!" took "a-3" (its position) and overwrote the figures of "a 3".
    func testCollidingCohortSlugsGiveDistinctFileNames() throws {
        var results = try fixedResults()
        let cohort = results.cohorts[0]
        results.cohorts = ["a", "a 3", "a!"].map { name in
            var c = cohort
            c.name = name
            return c
        }
        let names = FigureFactory(results: results).plannedFigures().map(\.name).filter { $0.hasPrefix("roc-") }
        XCTAssertEqual(names, ["roc-a", "roc-a-3", "roc-a-4"])
    }

    /// A 300-character cohort name gave a 310-byte file name (exit 73 "file name is invalid"), and a
    /// 100-character model name left the forest plot no room (exit 70).
    func testLongNamesGiveShortFileNamesAndDrawableCharts() throws {
        var results = try fixedResults()
        results.cohorts[1].name = String(repeating: "C", count: 300)
        for c in results.cohorts.indices {
            results.cohorts[c].models[0].name = String(repeating: "L", count: 300)
        }
        let planned = FigureFactory(results: results).plannedFigures()
        for figure in planned {
            XCTAssertLessThanOrEqual(figure.name.utf8.count, 64, figure.name)
            XCTAssertNoThrow(try figure.chart.render(format: .svg), figure.name)
        }
        XCTAssertTrue(planned.contains { $0.name == "roc-" + String(repeating: "c", count: String.reportSlugLimit) })
        let forest = try XCTUnwrap(planned.first { $0.name == "forest-auc" })
        let png = try RasterImage(png: forest.chart.render(format: .png, dpi: 72))
        XCTAssertGreaterThan(png.nonBackgroundFraction(), 0.02)
    }

    func testChartLabelShortensOnlyLongText() {
        XCTAssertEqual("Clinical".chartLabel(), "Clinical")
        XCTAssertEqual(String(repeating: "x", count: 40).chartLabel(), String(repeating: "x", count: 40))
        XCTAssertEqual(String(repeating: "x", count: 41).chartLabel(), String(repeating: "x", count: 39) + "…")
        XCTAssertEqual("模型模型模型".chartLabel(limit: 4), "模型模…")
    }
}
