import SentinelStats
import SentinelTestSupport
import XCTest

/// Calibration-in-the-large and calibration slope against statsmodels GLM (clip 1e-8, as the
/// reference pipeline) and rms::val.prob (which agrees whenever no prediction is exactly 0 or 1).
final class LogisticCalibrationTests: XCTestCase {
    func testCalibrationInTheLargeMatchesStatsmodels() throws {
        var checked = 0
        for (c, _, py) in CalibrationFixtures.triples {
            guard let expected = py.logistic?.citl else { continue }
            let e = try LogisticCalibration.calibrationInTheLarge(probabilities: c.p, labels: c.labels)
            assertClose(e.estimate, expected.params[0], relative: 1e-6, absolute: 1e-9, c.name)
            assertClose(e.standardError, expected.bse[0], relative: 1e-6, absolute: 1e-9, c.name)
            assertClose(e.interval.lowerBound, expected.ci[0][0], relative: 1e-6, absolute: 1e-9, c.name)
            assertClose(e.interval.upperBound, expected.ci[0][1], relative: 1e-6, absolute: 1e-9, c.name)
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, 20)
    }

    func testRecalibrationMatchesStatsmodelsOrIsNotEstimable() throws {
        var estimable = 0, notEstimable = 0
        for (c, _, py) in CalibrationFixtures.triples {
            guard let logistic = py.logistic else { continue }
            if let expected = logistic.slope {
                let r = try LogisticCalibration.recalibration(probabilities: c.p, labels: c.labels)
                for (j, e) in [r.intercept, r.slope].enumerated() {
                    assertClose(e.estimate, expected.params[j], relative: 1e-6, absolute: 1e-9, "\(c.name) [\(j)]")
                    assertClose(e.standardError, expected.bse[j], relative: 1e-6, absolute: 1e-9, "\(c.name) [\(j)]")
                    assertClose(e.interval.lowerBound, expected.ci[j][0], relative: 1e-6, absolute: 1e-9, c.name)
                    assertClose(e.interval.upperBound, expected.ci[j][1], relative: 1e-6, absolute: 1e-9, c.name)
                }
                estimable += 1
            } else {
                XCTAssertThrowsError(try LogisticCalibration.recalibration(probabilities: c.p, labels: c.labels), c.name) {
                    guard case .slopeNotEstimable = $0 as? CalibrationError else { return XCTFail("\(c.name): \($0)") }
                }
                notEstimable += 1
            }
        }
        XCTAssertGreaterThanOrEqual(estimable, 18)
        XCTAssertGreaterThanOrEqual(notEstimable, 4)  // n2, two constants, perfect and quasi separation
    }

    func testRecalibrationMatchesRmsValProbAwayFromZeroAndOne() throws {
        var checked = 0
        let eps = LogisticCalibration.clippingEpsilon
        for (c, r, py) in CalibrationFixtures.triples {
            guard py.logistic?.slope != nil, let vp = r.val_prob, let a = vp.intercept, let b = vp.slope,
                  c.p.allSatisfy({ $0 >= eps && $0 <= 1 - eps }) else { continue }
            let fit = try LogisticCalibration.recalibration(probabilities: c.p, labels: c.labels)
            assertClose(fit.intercept.estimate, a, relative: 1e-6, absolute: 1e-8, "\(c.name) intercept")
            assertClose(fit.slope.estimate, b, relative: 1e-6, absolute: 1e-8, "\(c.name) slope")
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, 17)
    }

    func testSingleClassAndBadLevelThrow() {
        XCTAssertThrowsError(try LogisticCalibration.calibrationInTheLarge(probabilities: [0.2, 0.4], labels: [true, true])) {
            XCTAssertEqual($0 as? CalibrationError, .singleClass(events: 2, count: 2))
        }
        XCTAssertThrowsError(try LogisticCalibration.recalibration(probabilities: [0.2, 0.4, 0.3], labels: [true, false, true],
                                                                   level: 1.5))
    }
}
