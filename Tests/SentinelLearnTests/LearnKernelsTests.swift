import SentinelNumerics
import SentinelTestSupport
import XCTest
@testable import SentinelLearn

/// The solvers' C kernels (`LearnKernels`) at every instruction-set level this CPU runs:
/// LASSO-CV (Gram coordinate descent), the SGD and the Newton logistic solvers give the same bits at each
/// level, on the scikit-learn fixtures and on a problem large enough for every vector width.
/// (Agreement with scikit-learn at the CPU's own level is LassoTests' and LogisticTests' job.)
final class LearnKernelsTests: XCTestCase {
    private struct LassoCase: Decodable { let name: String; let data: DataSpec; let standardize: Bool; let y: [Double]; let folds: [Int] }
    private struct LassoFile: Decodable { let cases: [LassoCase] }
    private struct LogisticCase: Decodable { let name: String; let data: DataSpec; let y: [Int] }
    private struct LogisticFile: Decodable { let cases: [LogisticCase] }

    /// The levels this machine can run, narrowest (portable C) first.
    private var levels: [LearnKernels.Level] { LearnKernels.Level.allCases.filter { $0 <= LearnKernels.supported } }

    /// A seeded n × p problem with correlated columns (p not a multiple of 8, so the vector
    /// loops' remainders run too) and a 0/1 outcome driven by three columns.
    private func synthetic(rows n: Int = 180, columns p: Int = 43) throws -> (Matrix, [Int]) {
        var g = SeededGenerator(seed: 77)
        var rows: [[Double]] = []
        var labels: [Int] = []
        for _ in 0..<n {
            let shared = Double.random(in: -1...1, using: &g)
            let row = (0..<p).map { j in Double.random(in: -1...1, using: &g) + (j % 3 == 0 ? 0.8 * shared : 0) }
            rows.append(row)
            let z = 1.5 * row[0] - row[4] + 0.7 * row[9] + 0.3 * Double.random(in: -1...1, using: &g)
            labels.append(z > 0 ? 1 : 0)
        }
        let x = try Matrix(rows)
        return (try StandardScaler().fit(x).transform(x), labels)
    }

    func testLassoCVIsBitIdenticalAtEveryLevel() throws {
        var problems: [(String, Matrix, [Double], [FoldSplit])] = []
        for c in try Fixtures.load(LassoFile.self, "learn/lasso.json").cases {
            let x = try c.data.matrix()
            problems.append((c.name, c.standardize ? try StandardScaler().fit(x).transform(x) : x, c.y,
                             try FoldSplit.splits(fromAssignment: c.folds)))
        }
        // The kernels serve the Gram path (folds with more training rows than columns); the
        // 120-column case is left to LassoTests (its hard path takes seconds per level in a
        // debug build, where the C kernels are unoptimised).
        problems = problems.filter { problem in problem.1.columns <= 100 && problem.3.allSatisfy { $0.train.count > problem.1.columns } }
        let (x, labels) = try synthetic()
        problems.append(("synthetic 180x43", x, labels.map(Double.init), try FoldSplit.splits(fromAssignment: (0..<x.rows).map { $0 % 5 })))
        for (name, x, y, folds) in problems {
            for solver in [LassoCV.Solver.coordinateDescent, .exact] {
                let fits = try levels.map { level in
                    try LearnKernels.withLevel(level) { try LassoCV(solver: solver).fit(x, y, folds: folds) }
                }
                for (level, fit) in zip(levels, fits) { XCTAssertEqual(fit, fits[0], "\(name) at \(level), \(solver)") }
                XCTAssertTrue(fits[0].model.coefficients.contains { $0 != 0 }, name)
            }
        }
    }

    /// The logistic fixture cases (scikit-learn's data, z-scored) and one synthetic 180 × 43 problem.
    private func scaledLogisticProblems() throws -> [(String, Matrix, [Int])] {
        var problems: [(String, Matrix, [Int])] = try Fixtures.load(LogisticFile.self, "learn/logistic.json").cases.map { c in
            let x = try c.data.matrix()
            return (c.name, try StandardScaler().fit(x).transform(x), c.y)
        }
        let (x, labels) = try synthetic()
        problems.append(("synthetic 180x43", x, labels))
        return problems
    }

    func testSGDIsBitIdenticalAtEveryLevel() throws {
        for (name, x, y) in try scaledLogisticProblems() {
            for alpha in [1e-3, 0.1] {
                let fits = try levels.map { level in
                    try LearnKernels.withLevel(level) { () throws -> SGDLogisticRegression.Fitted in
                        var g = SeededGenerator(seed: 5)
                        return try SGDLogisticRegression(alpha: alpha).fit(x, labels: y, generator: &g)
                    }
                }
                for (level, fit) in zip(levels, fits) { XCTAssertEqual(fit, fits[0], "\(name) α=\(alpha) at \(level)") }
                XCTAssertTrue(fits[0].converged, "\(name) α=\(alpha)")
            }
        }
    }

    func testNewtonLogisticIsBitIdenticalAtEveryLevel() throws {
        for (name, x, y) in try scaledLogisticProblems() {
            for alpha in [1e-4, 1e-2, 1] {
                let fits = try levels.map { level in
                    try LearnKernels.withLevel(level) { try LogisticRegression(alpha: alpha).fit(x, labels: y) }
                }
                for (level, fit) in zip(levels, fits) { XCTAssertEqual(fit, fits[0], "\(name) α=\(alpha) at \(level)") }
            }
        }
    }

    /// The Gram coordinate descent in C (`CoordinateDescent.solveGram`) is the plain Swift loop
    /// it replaced, bit for bit: coefficients, passes, gap and convergence along a warm-started
    /// path, including solves cut short by `maxIterations`.
    func testGramSolveIsThePlainLoop() throws {
        let (x, labels) = try synthetic()
        let problem = CentredProblem(x, labels.map(Double.init))
        let solver = problem.solver, gram = solver.gramSystem()
        let grid = try LassoCV().alphaGrid(x, labels.map(Double.init))
        for maxIterations in [1000, 3] {
            var w = [Double](repeating: 0, count: x.columns), reference = w
            for alpha in grid.enumerated().filter({ $0.offset % 7 == 0 }).map(\.element) {
                let lambda = alpha * Double(x.rows)
                let outcome = solver.solveGram(gram, lambda: lambda, w: &w, tol: 1e-4, maxIterations: maxIterations)
                let expected = Self.plainGramSolve(gram, p: x.columns, lambda: lambda, w: &reference, tol: 1e-4,
                                                   maxIterations: maxIterations)
                XCTAssertEqual(w.map(\.bitPattern), reference.map(\.bitPattern), "α = \(alpha), max \(maxIterations)")
                XCTAssertEqual(outcome.iterations, expected.iterations, "α = \(alpha)")
                XCTAssertEqual(outcome.gap.bitPattern, expected.gap.bitPattern, "α = \(alpha)")
                XCTAssertEqual(outcome.tolerance.bitPattern, expected.tolerance.bitPattern)
                XCTAssertEqual(outcome.converged, expected.converged, "α = \(alpha)")
            }
            XCTAssertTrue(w.contains { $0 != 0 })
        }
    }

    /// scikit-learn's `enet_coordinate_descent_gram` (l2 = 0) as plain Swift loops: the
    /// reference for `testGramSolveIsThePlainLoop`.
    private static func plainGramSolve(_ gram: GramSystem, p: Int, lambda: Double, w: inout [Double], tol relativeTol: Double,
                                       maxIterations: Int) -> (iterations: Int, gap: Double, tolerance: Double, converged: Bool) {
        let g = gram.matrix, q = gram.q, yNorm2 = gram.yNorm2
        var qw = [Double](repeating: 0, count: p)
        for j in 0..<p where w[j] != 0 { for k in 0..<p { qw[k] += w[j] * g[j * p + k] } }
        let tol = relativeTol * yNorm2
        var xtA = [Double](repeating: 0, count: p)
        func gap() -> (Double, Double) {
            var qDotW = 0.0, wQw = 0.0, l1 = 0.0, dualNorm = 0.0
            for j in 0..<p {
                qDotW += w[j] * q[j]
                wQw += w[j] * qw[j]
                l1 += abs(w[j])
                xtA[j] = q[j] - qw[j]
                dualNorm = max(dualNorm, abs(xtA[j]))
            }
            let rNorm2 = yNorm2 + wQw - 2 * qDotW, ry = yNorm2 - qDotW
            let primal = 0.5 * rNorm2 + lambda * l1
            let scale = dualNorm > lambda ? lambda / dualNorm : 1
            return (primal - (-0.5 * scale * scale * rNorm2 + scale * ry), dualNorm)
        }
        var excluded = [Bool](repeating: false, count: p), active = [Int]()
        func screen(_ gapValue: Double, _ dualNorm: Double, initial: Bool) {
            let radius = (2 * abs(gapValue)).squareRoot() / lambda
            active.removeAll()
            for j in 0..<p {
                if excluded[j] && !initial { continue }
                if initial && g[j * p + j] == 0 { w[j] = 0; excluded[j] = true; continue }
                let distance = (1 - abs(xtA[j] / max(lambda, dualNorm))) / g[j * p + j].squareRoot()
                if distance <= radius {
                    active.append(j)
                    excluded[j] = false
                } else {
                    if w[j] != 0 {
                        let wj = w[j]
                        for k in 0..<p { qw[k] -= wj * g[j * p + k] }
                        w[j] = 0
                    }
                    excluded[j] = true
                }
            }
        }
        var (gapValue, dualNorm) = gap()
        if gapValue >= 0 && gapValue <= tol { return (0, gapValue, tol, true) }
        screen(gapValue, dualNorm, initial: true)
        var iteration = 0
        while iteration < maxIterations {
            var wMax = 0.0, dwMax = 0.0
            for j in active {
                let qjj = g[j * p + j]
                if qjj == 0 { continue }
                let wOld = w[j]
                let tmp = q[j] - qw[j] + wOld * qjj
                let shrunk = max(abs(tmp) - lambda, 0)
                let wNew = tmp < 0 ? -shrunk / qjj : (tmp > 0 ? shrunk / qjj : 0)
                w[j] = wNew
                if wNew != wOld { for k in 0..<p { qw[k] += (wNew - wOld) * g[j * p + k] } }
                dwMax = max(dwMax, abs(wNew - wOld))
                wMax = max(wMax, abs(wNew))
            }
            let last = iteration == maxIterations - 1
            iteration += 1
            if wMax == 0 || dwMax / wMax <= relativeTol || last {
                (gapValue, dualNorm) = gap()
                if gapValue <= tol { return (iteration, gapValue, tol, true) }
                screen(gapValue, dualNorm, initial: false)
            }
        }
        return (iteration, gapValue, tol, false)
    }
}
