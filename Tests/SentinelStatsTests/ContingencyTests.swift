import SentinelStats
import SentinelTestSupport
import XCTest

/// Chi-square (no Yates) and Fisher's exact r×c test against R `chisq.test(correct = FALSE)`,
/// `fisher.test` and scipy `chi2_contingency(correction = False)` / `fisher_exact` (2×2).
final class ContingencyTests: XCTestCase {
    func testChiSquareMatchesRAndScipy() throws {
        let f = try StatsTestsFixture.load()
        XCTAssertGreaterThanOrEqual(f.tables.count, 20)
        for c in f.tables {
            let r = try HypothesisTests.chiSquare(c.table)
            assertClose(r.statistic, c.chi2, relative: 1e-9, "\(c.table)")
            assertClose(r.p, c.chi2_p, relative: 1e-9, absolute: 1e-15, "\(c.table)")
            XCTAssertEqual(r.degreesOfFreedom, c.chi2_df, "\(c.table)")
        }
    }

    func testExpectedCountsMatchScipy() throws {
        for c in try StatsTestsFixture.load().tables {
            let kept = c.table.filter { $0.contains { $0 > 0 } }
            let cols = (0..<kept[0].count).filter { j in kept.contains { $0[j] > 0 } }
            let expected = HypothesisTests.expectedCounts(kept.map { row in cols.map { row[$0] } })
            assertClose(expected.flatMap { $0 }, c.expected.flatMap { $0 }, relative: 1e-12, "\(c.table)")
        }
    }

    func testFisherMatchesR() throws {
        for c in try StatsTestsFixture.load().tables {
            let r = try HypothesisTests.fisherExact(c.table)
            assertClose(r.p, c.fisher_p, relative: 1e-9, absolute: 1e-15, "\(c.table)")
            if let s = c.fisher_p_scipy { assertClose(r.p, s, relative: 1e-9, absolute: 1e-15, "scipy \(c.table)") }
            XCTAssertEqual(r.method, "Fisher's exact test")
        }
    }

    func testFisherIsInvariantToTransposeAndPermutation() throws {
        let t = [[4, 2, 1, 0, 3], [1, 5, 2, 2, 1], [0, 1, 6, 3, 2]]
        let p = try HypothesisTests.fisherExact(t).p
        let transposed = (0..<5).map { j in t.map { $0[j] } }
        assertClose(try HypothesisTests.fisherExact(transposed).p, p, relative: 1e-12)
        assertClose(try HypothesisTests.fisherExact([t[2], t[0], t[1]]).p, p, relative: 1e-12)
    }

    func testCategoricalTestChoosesByExpectedCounts() throws {
        for c in try StatsTestsFixture.load().tables {
            let r = try HypothesisTests.categoricalTest(c.table)
            if c.any_expected_below_5 {
                XCTAssertEqual(r.method, "Fisher's exact test", "\(c.table)")
                assertClose(r.p, c.fisher_p, relative: 1e-9, absolute: 1e-15, "\(c.table)")
            } else {
                XCTAssertTrue(r.method.hasPrefix("Pearson's chi-squared"), "\(c.table)")
                assertClose(r.p, c.chi2_p, relative: 1e-9, absolute: 1e-15, "\(c.table)")
            }
        }
    }

    func testTablesBeyondTheEnumerationBudgetThrowClearly() {
        // R 4.2.2 fisher.test fails on this table even with workspace = 2e8 (FEXACT error 7).
        let big = [[40, 30, 20, 10, 2], [3, 9, 12, 20, 25], [10, 10, 10, 10, 10]]
        XCTAssertThrowsError(try HypothesisTests.fisherExact(big, maximumPartialTables: 2_000)) { error in
            XCTAssertTrue("\(error)".contains("too large for Fisher's exact test"), "\(error)")
        }
    }

    func testMalformedTablesThrow() {
        XCTAssertThrowsError(try HypothesisTests.chiSquare([]))
        XCTAssertThrowsError(try HypothesisTests.chiSquare([[1, 2], [3]]))
        XCTAssertThrowsError(try HypothesisTests.fisherExact([[1, -2], [3, 4]]))
        XCTAssertThrowsError(try HypothesisTests.categoricalTest([[5, 0], [7, 0]]))  // one non-empty column
        XCTAssertThrowsError(try HypothesisTests.fisherExact([[0, 0], [0, 0]]))
    }
}
