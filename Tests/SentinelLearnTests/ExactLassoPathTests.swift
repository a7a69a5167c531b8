import Foundation
import SentinelNumerics
import SentinelTestSupport
import XCTest
@testable import SentinelLearn

/// `ExactLassoPath` on its edge cases, checked by the LASSO's optimality conditions
/// (|q_j − (Qw)_j| ≤ λ where w_j = 0, q_j − (Qw)_j = λ·sign(w_j) elsewhere), by closed forms
/// and by the coordinate-descent solver run to a tight duality gap. (Agreement with scikit-learn
/// on its fixtures is LassoTests' job.)
final class ExactLassoPathTests: XCTestCase {
    /// n × p Gaussian features with a common factor (pairwise correlation ~ load² / (1 + load²)),
    /// and y from the first columns plus noise.
    private func problem(n: Int, p: Int, load: Double, seed: UInt64) throws -> (Matrix, [Double]) {
        var g = SeededGenerator(seed: seed)
        var values: [Double] = []
        var y: [Double] = []
        for _ in 0..<n {
            let factor = g.nextGaussian()
            let row = (0..<p).map { _ in load * factor + g.nextGaussian() }
            values += row
            y.append(row.prefix(3).enumerated().reduce(0) { $0 + Double($1.offset + 1) * $1.element } + 2 * g.nextGaussian())
        }
        return (try Matrix(rows: n, columns: p, values: values), y)
    }

    /// The largest violation of the optimality conditions at w, relative to λ.
    private func kktViolation(_ gram: GramSystem, _ w: [Double], lambda: Double) -> Double {
        let p = w.count
        var worst = 0.0
        for j in 0..<p {
            var r = gram.q[j]
            for k in 0..<p { r -= gram.matrix[j * p + k] * w[k] }
            let v = w[j] == 0 ? max(0, abs(r) - lambda) : abs(r - lambda * (w[j] > 0 ? 1 : -1))
            worst = max(worst, v / lambda)
        }
        return worst
    }

    /// ½‖y − Xw‖² + λ‖w‖₁ on the Gram form (up to the constant ½‖y‖²).
    private func objective(_ gram: GramSystem, _ w: [Double], lambda: Double) -> Double {
        let p = w.count
        var value = 0.0
        for j in 0..<p {
            var qw = 0.0
            for k in 0..<p { qw += gram.matrix[j * p + k] * w[k] }
            value += 0.5 * w[j] * qw - gram.q[j] * w[j] + lambda * abs(w[j])
        }
        return value
    }

    /// A descending path of 30 penalties from max|q| (w = 0) to max|q|/1000.
    private func path(_ gram: GramSystem) -> [Double] {
        let top = gram.q.map(abs).max()!
        return (0..<30).map { top * Foundation.pow(1e-3, Double($0) / 29) }
    }

    func testSingleFeatureIsTheSoftThreshold() throws {
        let (x, y) = try problem(n: 25, p: 1, load: 0, seed: 7)
        let gram = CentredProblem(x, y).solver.gramSystem()
        var solver = ExactLassoPath(gram: gram, p: 1)
        var w = [0.0]
        for lambda in path(gram) + [0.5 * abs(gram.q[0])] {
            XCTAssertTrue(solver.solve(lambda: lambda, w: &w, maxIterations: 1000))
            let q = gram.q[0], qq = gram.matrix[0]
            let expected = abs(q) <= lambda ? 0 : (q > 0 ? 1 : -1) * (abs(q) - lambda) / qq
            assertClose(w[0], expected, relative: 1e-13, absolute: 1e-300, "λ = \(lambda)")
        }
        XCTAssertEqual(solver.fallbacks, 0)
    }

    func testAllZeroAtTheLargestPenaltyThenOneEnters() throws {
        let (x, y) = try problem(n: 60, p: 8, load: 0.5, seed: 11)
        let gram = CentredProblem(x, y).solver.gramSystem()
        let top = gram.q.map(abs).max()!
        let first = gram.q.indices.max { abs(gram.q[$0]) < abs(gram.q[$1]) }!
        var solver = ExactLassoPath(gram: gram, p: 8)
        var w = [Double](repeating: 0, count: 8)
        XCTAssertTrue(solver.solve(lambda: top, w: &w, maxIterations: 1000))
        XCTAssertEqual(w, [Double](repeating: 0, count: 8))
        XCTAssertTrue(solver.solve(lambda: 0.995 * top, w: &w, maxIterations: 1000))
        XCTAssertEqual(w.indices.filter { w[$0] != 0 }, [first])
        XCTAssertEqual(w[first].sign, gram.q[first].sign)
        XCTAssertLessThanOrEqual(kktViolation(gram, w, lambda: 0.995 * top), 1e-9)
    }

    /// Along a path on correlated columns every solution meets the optimality conditions and
    /// equals coordinate descent run to a duality gap of 1e-13·‖y‖², coordinate by coordinate.
    func testPathMeetsOptimalityAndMatchesTightCoordinateDescent() throws {
        let (x, y) = try problem(n: 120, p: 40, load: 1.5, seed: 3)
        let centred = CentredProblem(x, y)
        let gram = centred.solver.gramSystem()
        var solver = ExactLassoPath(gram: gram, p: 40)
        var w = [Double](repeating: 0, count: 40)
        var reference = [Double](repeating: 0, count: 40)
        for lambda in path(gram) {
            XCTAssertTrue(solver.solve(lambda: lambda, w: &w, maxIterations: 1000))
            XCTAssertLessThanOrEqual(kktViolation(gram, w, lambda: lambda), 1e-8, "λ = \(lambda)")
            let outcome = centred.solver.solve(lambda: lambda, w: &reference, tol: 1e-13, maxIterations: 1_000_000)
            XCTAssertTrue(outcome.converged)
            assertClose(w, reference, relative: 0, absolute: 1e-7, "λ = \(lambda)")
        }
        XCTAssertEqual(solver.fallbacks, 0)
    }

    /// More columns than rows: the Gram matrix is singular, but the active sets along the path
    /// stay independent, and the solutions are optimal.
    func testMoreColumnsThanRows() throws {
        let (x, y) = try problem(n: 30, p: 70, load: 1, seed: 5)
        let centred = CentredProblem(x, y)
        let gram = centred.solver.gramSystem()
        var solver = ExactLassoPath(gram: gram, p: 70)
        var w = [Double](repeating: 0, count: 70)
        for lambda in path(gram).prefix(20) {
            _ = solver.solve(lambda: lambda, w: &w, maxIterations: 100_000)
            XCTAssertLessThanOrEqual(kktViolation(gram, w, lambda: lambda), 1e-6, "λ = \(lambda)")
            XCTAssertLessThan(w.filter { $0 != 0 }.count, 30)
        }
    }

    /// A duplicated column makes Q_AA singular when both copies are in the active set (here from
    /// the warm start): the step gives up and coordinate descent answers. The optimum is then
    /// not unique, but its objective and fitted values are those of the problem without the copy.
    func testCollinearColumnsFallBackToCoordinateDescent() throws {
        let (x0, y) = try problem(n: 80, p: 6, load: 1, seed: 9)
        var values: [Double] = []
        for r in 0..<x0.rows { values += (0..<6).map { x0[r, $0] } + [x0[r, 0]] }
        let x = try Matrix(rows: x0.rows, columns: 7, values: values)
        let gram = CentredProblem(x, y).solver.gramSystem()
        let single = CentredProblem(x0, y).solver.gramSystem()
        var solver = ExactLassoPath(gram: gram, p: 7)
        var reduced = ExactLassoPath(gram: single, p: 6)
        var w = [0.1, 0, 0, 0, 0, 0, 0.1]
        var v = [Double](repeating: 0, count: 6)
        for lambda in path(single) {
            _ = solver.solve(lambda: lambda, w: &w, maxIterations: 100_000)
            XCTAssertTrue(reduced.solve(lambda: lambda, w: &v, maxIterations: 100_000))
            assertClose(objective(gram, w, lambda: lambda), objective(single, v, lambda: lambda), relative: 1e-9)
            XCTAssertLessThanOrEqual(kktViolation(gram, w, lambda: lambda), 1e-5, "λ = \(lambda)")
            assertClose(w[0] + w[6], v[0], relative: 0, absolute: 1e-5)
            assertClose(Array(w[1..<6]), Array(v[1..<6]), relative: 0, absolute: 1e-5)
        }
        XCTAssertGreaterThan(solver.fallbacks, 0)
    }
}
