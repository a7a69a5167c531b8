import SentinelStats
import SentinelTestSupport
import XCTest

/// Pearson / Spearman against scipy `pearsonr` / `spearmanr` and numpy `corrcoef`.
final class CorrelationTests: XCTestCase {
    func testPairsMatchScipy() throws {
        let f = try StatsTestsFixture.load()
        XCTAssertGreaterThanOrEqual(f.pairs.count, 20)
        for c in f.pairs {
            assertClose(try Correlation.pearson(c.x, c.y), c.pearson, relative: 1e-9, absolute: 1e-13, c.name)
            assertClose(try Correlation.spearman(c.x, c.y), c.spearman, relative: 1e-9, absolute: 1e-13, c.name)
        }
    }

    func testMatricesMatchNumpyAndScipy() throws {
        let m = try StatsTestsFixture.load().matrix
        let p = try Correlation.pearsonMatrix(m.data, rows: m.rows, columns: m.columns)
        assertClose(p, m.pearson, relative: 1e-9, absolute: 1e-12, "pearson matrix")
        let s = try Correlation.spearmanMatrix(m.data, rows: m.rows, columns: m.columns)
        assertClose(s, m.spearman, relative: 1e-9, absolute: 1e-12, "spearman matrix")
    }

    func testMatrixAgreesWithPairwise() throws {
        let m = try StatsTestsFixture.load().matrix
        let p = try Correlation.pearsonMatrix(m.data, rows: m.rows, columns: m.columns)
        func column(_ j: Int) -> [Double] { (0..<m.rows).map { m.data[$0 * m.columns + j] } }
        for (i, j) in [(0, 1), (2, 3), (4, 5), (6, 7), (10, 24)] {
            assertClose(p[i * m.columns + j], try Correlation.pearson(column(i), column(j)), relative: 1e-10, absolute: 1e-13)
        }
    }

    func testDegenerateInputsThrow() {
        XCTAssertThrowsError(try Correlation.pearson([1, 2, 3], [1, 2]))
        XCTAssertThrowsError(try Correlation.pearson([1], [1]))
        XCTAssertThrowsError(try Correlation.pearson([0.1, 0.1, 0.1], [1, 2, 3])) { error in
            XCTAssertEqual(error as? CorrelationError, .constantVariable(0))
        }
        XCTAssertThrowsError(try Correlation.spearman([1, .nan, 3], [1, 2, 3]))
        XCTAssertThrowsError(try Correlation.pearsonMatrix([1, 2, 3, 2, 5, 2], rows: 3, columns: 2)) { error in
            XCTAssertEqual(error as? CorrelationError, .constantVariable(1))
        }
        XCTAssertThrowsError(try Correlation.pearsonMatrix([1, 2, 3], rows: 2, columns: 2))
    }
}
