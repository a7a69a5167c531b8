import SentinelStats
import SentinelTestSupport
import XCTest

/// `LogisticRegressionIRLS` against statsmodels GLM Binomial (Tests/Fixtures/stats-calib/make_python.py).
final class LogisticRegressionIRLSTests: XCTestCase {
    func testMatchesStatsmodelsEstimatesStandardErrorsAndIntervals() throws {
        for r in CalibrationFixtures.python.regressions {
            let fit = try LogisticRegressionIRLS(fitsIntercept: r.intercept)
                .fit(columns: r.columns, outcomes: r.y.map { $0 == 1 }, offset: r.offset)
            assertClose(fit.coefficients, r.fit.params, relative: 1e-6, absolute: 1e-9, r.name)
            assertClose(fit.standardErrors, r.fit.bse, relative: 1e-6, absolute: 1e-9, r.name)
            assertClose(fit.deviance, r.fit.deviance, relative: 1e-9, r.name)
            for j in fit.coefficients.indices {
                let interval = try XCTUnwrap(fit.waldInterval(j))
                assertClose(interval.lowerBound, r.fit.ci[j][0], relative: 1e-6, absolute: 1e-9, "\(r.name) ci[\(j)]")
                assertClose(interval.upperBound, r.fit.ci[j][1], relative: 1e-6, absolute: 1e-9, "\(r.name) ci[\(j)]")
            }
        }
    }

    func testCollinearPredictorsThrowSingular() {
        let x = [0.1, 0.5, 0.2, 0.9, 0.4, 0.7]
        let y = [false, true, false, true, true, false]
        XCTAssertThrowsError(try LogisticRegressionIRLS().fit(columns: [x, x.map { 2 * $0 }], outcomes: y)) {
            XCTAssertEqual($0 as? RegressionError, .singularInformation)
        }
        XCTAssertThrowsError(try LogisticRegressionIRLS().fit(columns: [[1, 1, 1, 1, 1, 1]], outcomes: y)) {
            XCTAssertEqual($0 as? RegressionError, .singularInformation)
        }
    }

    func testSeparatedDataThrowsSeparation() {
        let x = [-2.0, -1.5, -1, 1, 1.5, 2]
        let y = [false, false, false, true, true, true]
        XCTAssertThrowsError(try LogisticRegressionIRLS().fit(columns: [x], outcomes: y)) {
            XCTAssertEqual($0 as? RegressionError, .perfectSeparation)
        }
    }

    func testInvalidInputThrows() {
        XCTAssertThrowsError(try LogisticRegressionIRLS().fit(columns: [], outcomes: [])) {
            XCTAssertEqual($0 as? RegressionError, .emptyInput)
        }
        XCTAssertThrowsError(try LogisticRegressionIRLS().fit(columns: [[1, 2]], outcomes: [true])) {
            XCTAssertEqual($0 as? RegressionError, .lengthMismatch(name: "columns[0]", expected: 1, actual: 2))
        }
        XCTAssertThrowsError(try LogisticRegressionIRLS().fit(columns: [[1, .infinity]], outcomes: [true, false])) {
            XCTAssertEqual($0 as? RegressionError, .nonFiniteValue(name: "columns[0]", index: 1))
        }
        XCTAssertThrowsError(try LogisticRegressionIRLS(fitsIntercept: false).fit(columns: [], outcomes: [true]))
    }
}
