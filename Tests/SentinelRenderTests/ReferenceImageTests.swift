import Foundation
import SentinelTestSupport
import XCTest
@testable import SentinelRender

/// Renders each sample chart to a 96-dpi PNG and compares it with the committed reference in
/// `Tests/Fixtures/render/` (mean absolute channel difference < 1 and under 0.5% of pixels
/// differing by more than 32). Regenerate with `Tests/Fixtures/render/make_references.sh`
/// after an intended visual change, and look at the new images before committing them.
final class ReferenceImageTests: XCTestCase {
    private var recording: Bool { ProcessInfo.processInfo.environment["SENTINEL_RECORD_REFERENCES"] == "1" }

    func testChartsMatchReferenceImages() throws {
        for (name, chart) in SampleCharts.all {
            try check(name: name, png: chart.render(format: .png, dpi: 96))
        }
    }

    func testReferenceComparisonDetectsAChange() throws {
        var changed = SampleCharts.roc
        changed.series[0].colorIndex = 5
        let original = try RasterImage(png: SampleCharts.roc.render(format: .png, dpi: 96))
        let modified = try RasterImage(png: changed.render(format: .png, dpi: 96))
        let diff = try XCTUnwrap(original.difference(from: modified))
        XCTAssertGreaterThan(diff.fractionDiffering, 0.001, "recolouring a curve must fail the comparison")
        XCTAssertEqual(original.difference(from: original)?.maximum, 0)
        XCTAssertGreaterThan(original.nonBackgroundFraction(), 0.02)
    }

    private func check(name: String, png: Data, file: StaticString = #filePath, line: UInt = #line) throws {
        let url = Fixtures.url("render/\(name).png")
        if recording {
            try png.write(to: url)
            return
        }
        guard FileManager.default.fileExists(atPath: url.path) else {
            return XCTFail("missing reference \(url.path); run Tests/Fixtures/render/make_references.sh", file: file, line: line)
        }
        let expected = try RasterImage(contentsOf: url)
        let actual = try RasterImage(png: png)
        let failed: Bool
        if let diff = actual.difference(from: expected) {
            failed = diff.meanAbsolute >= 1 || diff.fractionDiffering >= 0.005
            XCTAssertFalse(failed, "\(name): mean |Δ| \(diff.meanAbsolute), \(diff.fractionDiffering * 100)% pixels differ, max \(diff.maximum)",
                           file: file, line: line)
        } else {
            failed = true
            XCTFail("\(name): size \(actual.width)×\(actual.height) vs reference \(expected.width)×\(expected.height)", file: file, line: line)
        }
        if failed {
            let out = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-actual.png")
            try? png.write(to: out)
            print("wrote the differing render to \(out.path)")
        }
    }
}
