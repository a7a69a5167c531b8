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
            let fits = try levels.map { level in try LearnKernels.withLevel(level) { try LassoCV().fit(x, y, folds: folds) } }
            for (level, fit) in zip(levels, fits) { XCTAssertEqual(fit, fits[0], "\(name) at \(level)") }
            XCTAssertTrue(fits[0].model.coefficients.contains { $0 != 0 }, name)
        }
    }

    func testSGDIsBitIdenticalAtEveryLevel() throws {
        var problems: [(String, Matrix, [Int])] = try Fixtures.load(LogisticFile.self, "learn/logistic.json").cases.map { c in
            let x = try c.data.matrix()
            return (c.name, try StandardScaler().fit(x).transform(x), c.y)
        }
        let (x, labels) = try synthetic()
        problems.append(("synthetic 180x43", x, labels))
        for (name, x, y) in problems {
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
        var problems: [(String, Matrix, [Int])] = try Fixtures.load(LogisticFile.self, "learn/logistic.json").cases.map { c in
            let x = try c.data.matrix()
            return (c.name, try StandardScaler().fit(x).transform(x), c.y)
        }
        let (x, labels) = try synthetic()
        problems.append(("synthetic 180x43", x, labels))
        for (name, x, y) in problems {
            for alpha in [1e-4, 1e-2, 1] {
                let fits = try levels.map { level in
                    try LearnKernels.withLevel(level) { try LogisticRegression(alpha: alpha).fit(x, labels: y) }
                }
                for (level, fit) in zip(levels, fits) { XCTAssertEqual(fit, fits[0], "\(name) α=\(alpha) at \(level)") }
            }
        }
    }
}
