import SentinelLearn
import SentinelNumerics
import SentinelTestSupport
import XCTest

final class LogisticTests: XCTestCase {
    private struct Fit: Decodable { let alpha: Double; let coef: [Double]; let intercept: Double; let proba_first: Double }
    private struct Case: Decodable { let name: String; let data: DataSpec; let y: [Int]; let fits: [Fit] }
    private struct File: Decodable { let cases: [Case] }

    private func cases() throws -> [(Case, Matrix)] {
        try Fixtures.load(File.self, "learn/logistic.json").cases.map { c in
            let x = try c.data.matrix()
            return (c, try StandardScaler().fit(x).transform(x))
        }
    }

    /// Newton solver equals scikit-learn LogisticRegression(C = 1/(αn)) within 1e-6.
    func testExactSolverMatchesScikitLearn() throws {
        for (c, x) in try cases() {
            for f in c.fits {
                let m = try LogisticRegression(alpha: f.alpha).fit(x, labels: c.y)
                let scale = max(1, f.coef.map(abs).max()!)
                assertClose(m.coefficients, f.coef, relative: 0, absolute: 1e-6 * scale, "\(c.name) α=\(f.alpha)")
                assertClose(m.intercept, f.intercept, relative: 0, absolute: 1e-6 * scale, "\(c.name) α=\(f.alpha)")
                let p = try m.predictProbability(x.selectingRows([0]))[0]
                assertClose(p, f.proba_first, relative: 0, absolute: 1e-7, c.name)
            }
        }
    }

    /// Averaged SGD run to convergence reaches the unique optimum: within 1e-3 relative.
    func testSGDConvergesToThePenalisedOptimum() throws {
        for (c, x) in try cases() {
            for f in c.fits {
                var g = SeededGenerator(seed: 20250909)
                let fit = try SGDLogisticRegression(alpha: f.alpha).fit(x, labels: c.y, generator: &g)
                XCTAssertTrue(fit.converged, "\(c.name) α=\(f.alpha) epochs \(fit.epochs)")
                let scale = f.coef.map(abs).max()!
                assertClose(fit.model.coefficients, f.coef, relative: 0, absolute: 1e-3 * scale, "\(c.name) α=\(f.alpha)")
                assertClose(fit.model.intercept, f.intercept, relative: 0, absolute: 1e-3 * max(scale, abs(f.intercept)),
                            "\(c.name) α=\(f.alpha)")
            }
        }
    }

    func testSGDIsDeterministicGivenTheSeed() throws {
        let (c, x) = try cases()[1]
        var g1 = SeededGenerator(seed: 3), g2 = SeededGenerator(seed: 3)
        let a = try SGDLogisticRegression(alpha: 0.01).fit(x, labels: c.y, generator: &g1)
        let b = try SGDLogisticRegression(alpha: 0.01).fit(x, labels: c.y, generator: &g2)
        XCTAssertEqual(a, b)
    }

    /// The CV search picks the α with the best mean fold AUC, refits at it, and is reproducible.
    func testPenaltySearchPicksBestMeanAUCAndRefits() throws {
        let (c, x) = try cases()[1]
        var g = SeededGenerator(seed: 42)
        let cv = try SGDLogisticRegressionCV().fit(x, labels: c.y, generator: &g)
        XCTAssertEqual(cv.alphas.count, 13)
        assertClose(cv.alphas.first!, 1, relative: 1e-15)
        assertClose(cv.alphas.last!, 1e-4, relative: 1e-12)
        let best = cv.meanAUC.max()!
        XCTAssertEqual(cv.meanAUC[cv.alphas.firstIndex(of: cv.alpha)!], best)
        XCTAssertEqual(cv.alpha, cv.alphas[cv.meanAUC.firstIndex(of: best)!])
        XCTAssertTrue(cv.foldAUC.allSatisfy { $0.count == 5 })
        let exact = try LogisticRegression(alpha: cv.alpha).fit(x, labels: c.y)
        let scale = exact.coefficients.map(abs).max()!
        assertClose(cv.model.model.coefficients, exact.coefficients, relative: 0, absolute: 1e-3 * scale)
        var g2 = SeededGenerator(seed: 42)
        XCTAssertEqual(try SGDLogisticRegressionCV().fit(x, labels: c.y, generator: &g2), cv)
    }

    func testDegenerateLabelsAreRejected() throws {
        let x = try Matrix([[1], [2], [3]])
        XCTAssertThrowsError(try LogisticRegression(alpha: 1).fit(x, labels: [1, 1, 1])) { e in
            XCTAssertEqual(e as? LearnError, .singleClass(what: "training labels"))
        }
        var g = SeededGenerator(seed: 1)
        XCTAssertThrowsError(try SGDLogisticRegression(alpha: 1).fit(x, labels: [0, 2, 1], generator: &g)) { e in
            XCTAssertEqual(e as? LearnError, .labelNotBinary(index: 1, value: 2))
        }
    }
}
