import SentinelStats
import SentinelTestSupport
import XCTest

/// Decision curves against dcurves 1.1.7 `dca(nper = 100)` and the reference pipeline's
/// `net_benefit` / `net_benefit_all` (Tests/Fixtures/stats-calib/make_python.py).
final class DecisionCurveTests: XCTestCase {
    private func check(_ curve: DecisionCurve, _ e: CalibrationFixtures.DCA, _ name: String) {
        XCTAssertEqual(curve.thresholds, e.thresholds, name)
        assertClose(curve.netBenefit, e.model.net_benefit, relative: 1e-12, absolute: 1e-14, "\(name) model NB")
        assertClose(curve.netBenefit, e.pipeline_model, relative: 1e-12, absolute: 1e-14, "\(name) pipeline NB")
        assertClose(curve.treatAll, e.all.net_benefit, relative: 1e-12, absolute: 1e-14, "\(name) all NB")
        assertClose(curve.treatAll, e.pipeline_all, relative: 1e-12, absolute: 1e-14, "\(name) pipeline all")
        assertClose(curve.points.map(\.treatNone), e.none.net_benefit, absolute: 1e-15, "\(name) none NB")
        assertClose(curve.netInterventionsAvoided, e.model.net_intervention_avoided, relative: 1e-10, absolute: 1e-11,
                    "\(name) model NIA")
        assertClose(curve.treatNoneInterventionsAvoided, e.none.net_intervention_avoided, relative: 1e-10, absolute: 1e-11,
                    "\(name) none NIA")
        assertClose(curve.points.map { _ in 0.0 }, e.all.net_intervention_avoided, absolute: 1e-12, "\(name) all NIA")
    }

    func testDefaultGridMatchesDcurvesAndPipeline() throws {
        for (c, _, py) in CalibrationFixtures.triples {
            let curve = try DecisionCurve.compute(probabilities: c.p, labels: c.labels)
            XCTAssertEqual(curve.points.count, 99)
            check(curve, py.dca, c.name)
        }
    }

    func testCustomGridMatchesDcurves() throws {
        var checked = 0
        for (c, _, py) in CalibrationFixtures.triples {
            guard let custom = py.dca_custom else { continue }
            check(try DecisionCurve.compute(probabilities: c.p, labels: c.labels, thresholds: custom.thresholds), custom, c.name)
            checked += 1
        }
        XCTAssertEqual(checked, 3)
    }

    func testRiskEqualToThresholdCountsAsTreated() throws {
        let curve = try DecisionCurve.compute(probabilities: [0.2, 0.5, 0.5, 0.8], labels: [false, true, false, true],
                                              thresholds: [0.5])
        XCTAssertEqual(curve.points[0].truePositives, 2)
        XCTAssertEqual(curve.points[0].falsePositives, 1)
        assertClose(curve.points[0].netBenefit, 2.0 / 4 - 1.0 / 4 * 1, relative: 1e-15)
    }

    func testSingleClassStaysDefined() throws {
        // dcurves divides by the number of events here (NaN); the TP/n form stays defined.
        let curve = try DecisionCurve.compute(probabilities: [0.1, 0.4, 0.7], labels: [false, false, false],
                                              thresholds: [0.2, 0.5])
        XCTAssertEqual(curve.points.map(\.truePositives), [0, 0])
        XCTAssertEqual(curve.points.map(\.falsePositives), [2, 1])
        assertClose(curve.netBenefit, [-2.0 / 3 * 0.25, -1.0 / 3], relative: 1e-15)
        assertClose(curve.treatAll, [-0.25, -1], relative: 1e-15)
        XCTAssertTrue(curve.netInterventionsAvoided.allSatisfy(\.isFinite))
    }

    func testDefaultThresholdsAreExactHundredths() {
        XCTAssertEqual(DecisionCurve.defaultThresholds.count, 99)
        XCTAssertEqual(DecisionCurve.defaultThresholds.first, 0.01)
        XCTAssertEqual(DecisionCurve.defaultThresholds[29], 0.3)
        XCTAssertEqual(DecisionCurve.defaultThresholds.last, 0.99)
    }

    func testInvalidInputThrows() {
        XCTAssertThrowsError(try DecisionCurve.compute(probabilities: [0.3], labels: [true], thresholds: [0])) {
            XCTAssertEqual($0 as? CalibrationError,
                           .invalidParameter(name: "threshold", value: 0, requirement: "strictly between 0 and 1"))
        }
        XCTAssertThrowsError(try DecisionCurve.compute(probabilities: [0.3], labels: [true], thresholds: [1]))
        XCTAssertThrowsError(try DecisionCurve.compute(probabilities: [0.3], labels: [true], per: 0))
        XCTAssertThrowsError(try DecisionCurve.compute(probabilities: [], labels: []))
        XCTAssertThrowsError(try DecisionCurve.compute(probabilities: [-0.1], labels: [true]))
    }
}
