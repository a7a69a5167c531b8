import SentinelLearn
import SentinelTestSupport
import XCTest

/// The exact and SGD logistic learners against scikit-learn's unique penalised optimum
/// (Tests/Fixtures/svm/make_logistic.py).
final class LogisticRegressionTests: XCTestCase {
    private struct Case: Decodable { let X: [[Double]], y: [Int], alpha: Double, coef: [Double], intercept: Double }
    private struct File: Decodable { let cases: [Case] }

    func testExactSolverMatchesScikitLearn() throws {
        for (i, c) in try Fixtures.load(File.self, "svm/logistic.json").cases.enumerated() {
            let fit = try LogisticRegression(penalty: c.alpha * Double(c.y.count)).fit(try Matrix(c.X), c.y)
            assertClose(fit.coefficients, c.coef, relative: 1e-6, absolute: 1e-8, "case \(i)")
            assertClose(fit.intercept, c.intercept, relative: 1e-6, absolute: 1e-8, "case \(i)")
        }
    }

    func testAveragedSGDConvergesToTheOptimum() throws {
        for (i, c) in try Fixtures.load(File.self, "svm/logistic.json").cases.enumerated() {
            let fit = try SGDLogisticRegression(alpha: c.alpha, seed: 42).fit(try Matrix(c.X), c.y)
            let scale = max(1e-3, (c.coef + [c.intercept]).map(abs).max() ?? 1)
            for (a, e) in zip(fit.coefficients + [fit.intercept], c.coef + [c.intercept]) {
                XCTAssertLessThanOrEqual(abs(a - e), 1e-3 * scale, "case \(i): \(a) vs \(e)")
            }
        }
    }

    func testSGDIsDeterministicPerSeed() throws {
        let c = try Fixtures.load(File.self, "svm/logistic.json").cases[0]
        let a = try SGDLogisticRegression(alpha: c.alpha, seed: 1).fit(try Matrix(c.X), c.y)
        let b = try SGDLogisticRegression(alpha: c.alpha, seed: 1).fit(try Matrix(c.X), c.y)
        XCTAssertEqual(a, b)
    }

    func testOneClassAndNaNAreErrors() {
        XCTAssertThrowsError(try LogisticRegression(penalty: 1).fit(try Matrix([[1], [2]]), [0, 0]))
        XCTAssertThrowsError(try SGDLogisticRegression(alpha: 0.1, seed: 1).fit(try Matrix([[1], [.nan]]), [0, 1]))
    }
}
