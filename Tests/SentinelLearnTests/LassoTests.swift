import SentinelLearn
import SentinelTestSupport
import XCTest

final class LassoTests: XCTestCase {
    private struct Fixed: Decodable { let alpha: Double; let coef: [Double]; let intercept: Double }
    private struct Case: Decodable {
        let name: String
        let data: DataSpec
        let standardize: Bool
        let y: [Double]
        let folds: [Int]
        let tol: Double
        let max_iter: Int
        let cv_tol: Double
        let cv_max_iter: Int
        let x_checksum: Double
        let x_first: Double
        let x_last: Double
        let fixed: [Fixed]
        let alphas: [Double]
        let mse_path: [[Double]]
        let alpha: Double
        let coef: [Double]
        let intercept: Double
    }
    private struct File: Decodable { let cases: [Case] }
    /// scikit-learn `LassoCV` run to the optimum (tol 1e-14, max_iter 10⁶).
    private struct Exact: Decodable {
        let alphas: [Double]
        let mse_path: [[Double]]
        let alpha: Double
        let coef: [Double]
        let intercept: Double
    }
    private struct ExactCase: Decodable { let name: String; let exact: Exact }
    private struct ExactFile: Decodable { let cases: [ExactCase] }

    private func features(_ c: Case) throws -> Matrix {
        let x = try c.data.matrix()
        XCTAssertEqual(x[0, 0], c.x_first, c.name)
        XCTAssertEqual(x[x.rows - 1, x.columns - 1], c.x_last, c.name)
        assertClose(x.values.reduce(0, +), c.x_checksum, relative: 1e-12, c.name)
        return c.standardize ? try StandardScaler().fit(x).transform(x) : x
    }

    /// Lasso at fixed α equals scikit-learn `Lasso` within 1e-6.
    func testFixedAlphaMatchesScikitLearn() throws {
        for c in try Fixtures.load(File.self, "learn/lasso.json").cases {
            let x = try features(c)
            for f in c.fixed {
                let fit = try Lasso(alpha: f.alpha, tolerance: c.tol, maxIterations: c.max_iter).fit(x, c.y)
                XCTAssertTrue(fit.converged, c.name)
                assertClose(fit.coefficients, f.coef, relative: 0, absolute: 1e-6, "\(c.name) α=\(f.alpha)")
                assertClose(fit.intercept, f.intercept, relative: 0, absolute: 1e-6, "\(c.name) α=\(f.alpha)")
                // Zero pattern is identical where the reference is clearly non-zero / zero.
                for (a, e) in zip(fit.coefficients, f.coef) where abs(e) > 1e-5 { XCTAssertNotEqual(a, 0, c.name) }
            }
        }
    }

    /// LassoCV's `.coordinateDescent` solver at scikit-learn's default tolerance with the same
    /// explicit folds (scikit-learn's iterations, stopped where scikit-learn stops): grid,
    /// mse_path_, alpha_ and refit coefficients within 1e-6.
    func testCoordinateDescentPathMatchesScikitLearnAtItsTolerance() throws {
        for c in try Fixtures.load(File.self, "learn/lasso.json").cases {
            let x = try features(c)
            let folds = try FoldSplit.splits(fromAssignment: c.folds)
            let fit = try LassoCV(tolerance: c.cv_tol, maxIterations: c.cv_max_iter, solver: .coordinateDescent)
                .fit(x, c.y, folds: folds)
            assertClose(fit.alphas, c.alphas, relative: 1e-12, c.name)
            XCTAssertEqual(fit.msePath.count, c.mse_path.count)
            for (a, e) in zip(fit.msePath, c.mse_path) { assertClose(a, e, relative: 0, absolute: 1e-6, c.name) }
            assertClose(fit.alpha, c.alpha, relative: 1e-12, c.name)
            XCTAssertEqual(fit.alphas.firstIndex(of: fit.alpha), c.alphas.firstIndex { abs($0 - c.alpha) <= 1e-12 * c.alpha }, c.name)
            assertClose(fit.model.coefficients, c.coef, relative: 0, absolute: 1e-6, c.name)
            assertClose(fit.model.intercept, c.intercept, relative: 0, absolute: 1e-6, c.name)
        }
    }

    /// LassoCV's default `.exact` solver against scikit-learn `LassoCV` run to its optimum
    /// (tol 1e-14, max_iter 10⁶; Tests/Fixtures/learn/make_lasso.py) with the same explicit
    /// folds: grid, mse_path_, alpha_ and the refit's coefficients and intercept within 1e-6,
    /// on every case (p < n, highly correlated columns, p > n in the folds, a constant column).
    func testExactPathMatchesScikitLearnOptimum() throws {
        let exact = try Fixtures.load(ExactFile.self, "learn/lasso.json").cases
        for (c, e) in zip(try Fixtures.load(File.self, "learn/lasso.json").cases, exact) {
            let x = try features(c)
            let folds = try FoldSplit.splits(fromAssignment: c.folds)
            let fit = try LassoCV().fit(x, c.y, folds: folds)
            let reference = e.exact
            assertClose(fit.alphas, reference.alphas, relative: 1e-12, c.name)
            XCTAssertEqual(fit.msePath.count, reference.mse_path.count)
            for (a, r) in zip(fit.msePath, reference.mse_path) { assertClose(a, r, relative: 0, absolute: 1e-6, c.name) }
            assertClose(fit.alpha, reference.alpha, relative: 1e-12, c.name)
            assertClose(fit.model.coefficients, reference.coef, relative: 0, absolute: 1e-6, c.name)
            assertClose(fit.model.intercept, reference.intercept, relative: 0, absolute: 1e-6, c.name)
            XCTAssertTrue(fit.model.converged, c.name)
            for (a, r) in zip(fit.model.coefficients, reference.coef) where abs(r) > 1e-5 { XCTAssertNotEqual(a, 0, c.name) }
        }
    }

    func testConstantTargetGivesResolutionGridAndZeroModel() throws {
        let x = try Matrix([[1, 2], [2, 1], [3, 5], [4, 4], [5, 0], [6, 1]])
        let y = [Double](repeating: 2, count: 6)
        let grid = try LassoCV(alphaCount: 4).alphaGrid(x, y)
        XCTAssertEqual(grid, [1e-15, 1e-15, 1e-15, 1e-15])
        let fit = try Lasso(alpha: 0.1).fit(x, y)
        XCTAssertEqual(fit.coefficients, [0, 0])
        XCTAssertEqual(fit.intercept, 2)
    }

    func testBadInputIsRejectedWithClearErrors() throws {
        let x = try Matrix([[1, 2], [2, .nan]])
        XCTAssertThrowsError(try Lasso(alpha: 0.1).fit(x, [0, 1])) { error in
            XCTAssertEqual(error as? LearnError, .nonFinite(what: "feature matrix", row: 1, column: 1))
        }
        let ok = try Matrix([[1, 2], [2, 3]])
        XCTAssertThrowsError(try Lasso(alpha: 0).fit(ok, [0, 1]))
        XCTAssertThrowsError(try Lasso(alpha: 0.1).fit(ok, [0]))
        XCTAssertThrowsError(try Matrix([[1, 2], [3]]))
    }
}
