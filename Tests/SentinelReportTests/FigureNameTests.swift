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

    /// Figure files of non-Latin cohorts are named after the transliterated name, not "x",
    /// "x-2" ("训练集" and "外部验证 (北京)" both gave "x"), and accents are dropped, not turned
    /// into dashes ("München" gave "m-nchen").
    func testNonLatinCohortNamesGiveReadableFileNames() throws {
        XCTAssertEqual("训练集".reportSlug, "xun-lian-ji")
        XCTAssertEqual("外部验证 (北京)".reportSlug, "wai-bu-yan-zheng-bei-jing")
        XCTAssertEqual("Site B — München".reportSlug, "site-b-munchen")
        XCTAssertEqual("Ελληνικά".reportSlug, "ellenika")
        XCTAssertEqual("Site C <b>".reportSlug, "site-c-b")
        XCTAssertEqual("🙂".reportSlug, "x")
        var results = try fixedResults()
        results.cohorts[0].name = "训练集"
        results.cohorts[1].name = "外部验证 (北京)"
        let names = FigureFactory(results: results).plannedFigures().map(\.name).filter { $0.hasPrefix("roc-") }
        XCTAssertEqual(names, ["roc-xun-lian-ji", "roc-wai-bu-yan-zheng-bei-jing"])
    }

    func testChartLabelShortensOnlyLongText() {
        XCTAssertEqual("Clinical".chartLabel(), "Clinical")
        XCTAssertEqual(String(repeating: "x", count: 40).chartLabel(), String(repeating: "x", count: 40))
        XCTAssertEqual(String(repeating: "x", count: 41).chartLabel(), String(repeating: "x", count: 39) + "…")
        XCTAssertEqual("模型模型模型".chartLabel(limit: 4), "模型模…")
    }

    /// A long model name is cut to fit in the legends (ROC, calibration, decision curves, forest
    /// plot) and tagged with the model's number; the caption spells it out. Before, a
    /// 100-character name made its legend five lines per model and shrank its panel's plot.
    func testLongModelNamesAreShortenedInLegendsAndSpelledOutInCaptions() throws {
        var results = try fixedResults()
        let long = "Pre-fusion Clinical+Radiomics (wavelet-LLH GLCM, first-order, shape) + ResNet18 deep features after LASSO selection"
        for c in results.cohorts.indices { results.cohorts[c].models[1].name = long }
        let keptName = results.cohorts[0].models[0].name
        let planned = FigureFactory(results: results).plannedFigures()
        let roc = try XCTUnwrap(planned.first { $0.kind == "roc" })
        let series = try XCTUnwrap(roc.chart as? ChartGrid).panels.compactMap { $0 as? ROCChart }.flatMap(\.series)
        let drawn = try XCTUnwrap(series.first { $0.colorIndex == 1 }).name
        XCTAssertTrue(drawn.hasSuffix("… [2]"), drawn)
        XCTAssertTrue(long.hasPrefix(String(drawn.dropLast("… [2]".count))), drawn)
        XCTAssertLessThanOrEqual(try TextShaper.width(of: drawn, font: ChartStyle.standard.legendFont), LegendNames.maxWidth + 1e-9)
        XCTAssertEqual(series.first { $0.colorIndex == 0 }?.name, keptName, "short names are kept")
        for figure in planned where ["roc", "calibration", "dca", "forest"].contains(figure.kind) {
            XCTAssertTrue(figure.caption.hasSuffix(" Shortened model names: [2] \(long)."), "\(figure.name): \(figure.caption)")
        }
        let forest = try XCTUnwrap(planned.first { $0.kind == "forest" }?.chart as? ForestPlot)
        XCTAssertTrue(forest.rows.contains { $0.label == drawn })
        XCTAssertFalse(forest.rows.contains { $0.label == long })
    }

    /// Shortening is by drawn width, so wide (CJK) characters are cut sooner than Latin ones,
    /// and two names sharing a long prefix stay distinguishable by their numbers.
    func testLegendNamesShortenByWidthAndKeepNamesDistinct() throws {
        let cjk = String(repeating: "乳腺癌前哨淋巴结转移预测模型", count: 2)
        let shared = "Post-fusion Clinical+Radiomics+DL support vector machine, "
        let names = LegendNames(["Clinical", cjk, shared + "RBF kernel", shared + "linear kernel", "Rad"])
        XCTAssertEqual(names.names[0], "Clinical")
        XCTAssertEqual(names.names[4], "Rad")
        XCTAssertTrue(names.names[1].hasSuffix("… [2]"), names.names[1])
        XCTAssertLessThan(names.names[1].count, 24, "CJK is about twice as wide as Latin text")
        XCTAssertNotEqual(names.names[2], names.names[3])
        XCTAssertEqual(names.fullNames.compactMap { $0 }, [cjk, shared + "RBF kernel", shared + "linear kernel"])
        XCTAssertEqual(names.captionNote(for: [0, 4]), "")
        XCTAssertEqual(names.captionNote(for: [0, 1]), " Shortened model names: [2] \(cjk).")
        XCTAssertEqual(try TextShaper.truncate("Clinical", font: Font(size: 6.5), width: 100), "Clinical")
        let cut = try TextShaper.truncate("Clinical nomogram (age, tumour", font: Font(size: 6.5), width: 60)
        XCTAssertTrue(cut.hasSuffix("…") && !cut.hasSuffix(" …") && !cut.hasSuffix("(…"), cut)
        XCTAssertLessThanOrEqual(try TextShaper.width(of: cut, font: Font(size: 6.5)), 60)
        // Full-width CJK punctuation is dropped before the ellipsis too ("模型（…" read as an open bracket).
        let cjkCut = try TextShaper.truncate("预测模型（临床+影像组学）", font: Font(size: 6.5), width: try TextShaper.width(of: "预测模型（临", font: Font(size: 6.5)))
        XCTAssertEqual(cjkCut, "预测模型…")
    }
}
