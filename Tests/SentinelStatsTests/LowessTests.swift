import SentinelStats
import SentinelTestSupport
import XCTest

/// `Lowess` against R 4.2 `stats::lowess` (Tests/Fixtures/stats-calib/make_r.R).
final class LowessTests: XCTestCase {
    private func check(_ fit: LowessFit, _ expected: CalibrationFixtures.LowessEntry, _ label: String) {
        for (k, position) in expected.index.enumerated() {
            XCTAssertEqual(fit.x[position], expected.x[k], "\(label) x[\(position)]")
            assertClose(fit.fitted[position], expected.y[k], relative: 1e-9, absolute: 1e-12, "\(label) y[\(position)]")
        }
    }

    func testCalibrationCasesMatchRDefaultsAndIterZero() throws {
        for (c, r, _) in CalibrationFixtures.triples {
            let y = c.y.map(Double.init)
            check(try Lowess().fit(x: c.p, y: y), r.lowess_iter3, "\(c.name) iter=3")
            check(try Lowess(robustnessIterations: 0).fit(x: c.p, y: y), r.lowess_iter0, "\(c.name) iter=0")
        }
    }

    func testGenericSmoothingMatchesRForSpansIterationsAndDeltas() throws {
        for input in CalibrationFixtures.inputs.smooth {
            let expected = CalibrationFixtures.r.smooth.first { $0.name == input.name }!
            for entry in expected.fits {
                let smoother = Lowess(span: entry.f, robustnessIterations: entry.iter, delta: entry.delta)
                check(try smoother.fit(x: input.x, y: input.y), entry, "\(input.name) f=\(entry.f) iter=\(entry.iter)")
            }
        }
    }

    func testInputOrderMappingAndStableTies() throws {
        let fit = try Lowess().fit(x: [3, 1, 2, 1], y: [1, 2, 3, 4])
        XCTAssertEqual(fit.order, [1, 3, 2, 0])
        XCTAssertEqual(fit.x, [1, 1, 2, 3])
        let inInputOrder = fit.fittedInInputOrder
        XCTAssertEqual(inInputOrder[1], fit.fitted[0])
        XCTAssertEqual(inInputOrder[0], fit.fitted[3])
    }

    func testInvalidInputThrows() {
        XCTAssertThrowsError(try Lowess().fit(x: [], y: [])) { XCTAssertEqual($0 as? RegressionError, .emptyInput) }
        XCTAssertThrowsError(try Lowess().fit(x: [1, 2], y: [1])) {
            XCTAssertEqual($0 as? RegressionError, .lengthMismatch(name: "y", expected: 2, actual: 1))
        }
        XCTAssertThrowsError(try Lowess().fit(x: [1, .nan], y: [1, 2])) {
            XCTAssertEqual($0 as? RegressionError, .nonFiniteValue(name: "x", index: 1))
        }
        XCTAssertThrowsError(try Lowess(span: 0).fit(x: [1, 2], y: [1, 2]))
        XCTAssertThrowsError(try Lowess(robustnessIterations: -1).fit(x: [1, 2], y: [1, 2]))
        XCTAssertThrowsError(try Lowess(delta: -1).fit(x: [1, 2], y: [1, 2]))
    }
}
