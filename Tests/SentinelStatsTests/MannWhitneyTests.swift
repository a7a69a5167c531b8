import SentinelStats
import SentinelTestSupport
import XCTest

/// Mann-Whitney U against R `wilcox.test(x, y)` and scipy `mannwhitneyu` (stats-tests/make_tests.py).
final class MannWhitneyTests: XCTestCase {
    func testMatchesRWilcoxTestDefaults() throws {
        let f = try StatsTestsFixture.load()
        XCTAssertGreaterThanOrEqual(f.two_sample.count, 20)
        for c in f.two_sample {
            let r = try HypothesisTests.mannWhitney(c.x, c.y)
            assertClose(r.statistic, c.mw_u, relative: 1e-12, c.name)
            assertClose(r.p, c.mw_p, relative: 1e-9, absolute: 1e-15, c.name)
            assertClose(r.p, c.mw_p_scipy, relative: 1e-9, absolute: 1e-15, "scipy " + c.name)
            XCTAssertEqual(r.method.contains("exact"), c.mw_exact, c.name)
        }
    }

    func testForcedNormalApproximationMatchesScipyAsymptotic() throws {
        for c in try StatsTestsFixture.load().two_sample {
            let r = try HypothesisTests.mannWhitney(c.x, c.y, method: .normalApproximation)
            assertClose(r.p, c.mw_p_asymptotic_scipy, relative: 1e-9, absolute: 1e-15, c.name)
            XCTAssertTrue(r.method.hasPrefix("Mann-Whitney U test (normal approximation"), r.method)
        }
    }

    func testExactDistributionIsSymmetricAndSumsToBinomial() {
        // The exact counts for (4, 3) are the coefficients of the Gaussian binomial [7 choose 3].
        let r = try? HypothesisTests.mannWhitney([1, 2, 3, 4], [5, 6, 7])
        assertClose(r?.p ?? .nan, 2.0 / 35.0, relative: 1e-14)
        let mid = try? HypothesisTests.mannWhitney([1, 3, 5, 7], [2, 4, 6])
        XCTAssertEqual(mid?.p, 1)
    }

    func testDegenerateInputsThrow() {
        XCTAssertThrowsError(try HypothesisTests.mannWhitney([], [1, 2]))
        XCTAssertThrowsError(try HypothesisTests.mannWhitney([1, .nan], [1, 2]))
        XCTAssertThrowsError(try HypothesisTests.mannWhitney([2, 2], [2, 2, 2])) { error in
            XCTAssertEqual(error as? HypothesisTestError, .constantData(test: "Mann-Whitney U test"))
        }
        XCTAssertThrowsError(try HypothesisTests.mannWhitney([1, .infinity], [1, 2]))
    }
}

final class MannWhitneyExactOptionTests: XCTestCase {
    /// Forced exact on 60 vs 70 without ties equals R 4.2.2
    /// `wilcox.test((0:59)*1.01+0.5, (0:69)*0.97+3.3, exact = TRUE)$p.value`
    /// = 0.065295244197275337, and is symmetric in the order of the samples.
    func testForcedExactIsSymmetricInTheSamples() throws {
        let x = (0..<60).map { Double($0) * 1.01 + 0.5 }
        let y = (0..<70).map { Double($0) * 0.97 + 3.3 }
        let a = try HypothesisTests.mannWhitney(x, y, method: .exact)
        let b = try HypothesisTests.mannWhitney(y, x, method: .exact)
        XCTAssertEqual(a.method, "Mann-Whitney U test (exact)")
        assertClose(a.p, 0.065295244197275337, relative: 1e-9)
        assertClose(a.p, b.p, relative: 1e-12)
        assertClose(a.statistic + b.statistic, 60 * 70, relative: 0)
    }
}

final class MannWhitneyExtremeTests: XCTestCase {
    /// Complete separation of 49 vs 49: the exact p is 2 / C(98, 49) (both tails summed
    /// from their own end), = 7.850029192963324e-29 (Python
    /// `2 / math.comb(98, 49)`), in either sample order.
    func testCompleteSeparationHasTheExactTinyP() throws {
        let x = (0..<49).map { Double($0) }
        let y = (0..<49).map { 100 + Double($0) }
        let expected = 7.850029192963324e-29  // R 4.2.2 wilcox.test gives 7.8500291929632906e-29
        assertClose(try HypothesisTests.mannWhitney(x, y).p, expected, relative: 1e-12)
        assertClose(try HypothesisTests.mannWhitney(y, x).p, expected, relative: 1e-12)
    }
}
