import SentinelStats
import SentinelTestSupport
import XCTest

/// `ModelCalibration` shares the sort and the first lowess pass; its results must be identical
/// (bit for bit) to the separately computed, reference-pinned pieces.
final class ModelCalibrationTests: XCTestCase {
    func testEqualsSeparateComputations() throws {
        for c in CalibrationFixtures.inputs.cases where c.labels.contains(true) && c.labels.contains(false) {
            for smoother in [Lowess(), Lowess(span: 0.5, robustnessIterations: 1)] {
                let all = try ModelCalibration.compute(probabilities: c.p, labels: c.labels, smoother: smoother)
                XCTAssertEqual(all.curve, try CalibrationCurve.compute(probabilities: c.p, labels: c.labels, smoother: smoother), c.name)
                XCTAssertEqual(all.summary, try CalibrationSummary.compute(probabilities: c.p, labels: c.labels), c.name)
                XCTAssertEqual(all.decisionCurve, try DecisionCurve.compute(probabilities: c.p, labels: c.labels), c.name)
            }
        }
    }

    func testRejectsSingleClass() {
        XCTAssertThrowsError(try ModelCalibration.compute(probabilities: [0.3, 0.6], labels: [true, true])) {
            XCTAssertEqual($0 as? CalibrationError, .singleClass(events: 2, count: 2))
        }
    }
}
