import SentinelStats
import SentinelTestSupport
import SentinelNumerics
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

    /// The entry point from a pooled ranking (the positives' rank sum and the tie groups): R's
    /// values, and exactly `mannWhitney(x, y)`, with the pooled sample in any order.
    func testRankSumEntryMatchesR() throws {
        for c in try StatsTestsFixture.load().two_sample {
            // Pool y first: the ranks, tie groups and x's rank sum do not depend on the order.
            let pooled = c.y + c.x
            let (ranks, ties) = Ranking.midranksAndTies(pooled, order: Ranking.order(pooled))
            var rankSum = 0.0
            for i in c.y.count..<pooled.count { rankSum += ranks[i] }
            let r = try HypothesisTests.mannWhitney(rankSum: rankSum, firstCount: c.x.count, secondCount: c.y.count, tieSizes: ties)
            assertClose(r.statistic, c.mw_u, relative: 1e-12, c.name)
            assertClose(r.p, c.mw_p, relative: 1e-9, absolute: 1e-15, c.name)
            let direct = try HypothesisTests.mannWhitney(c.x, c.y)
            XCTAssertEqual(r.statistic, direct.statistic, c.name)
            XCTAssertEqual(r.p, direct.p, c.name)
            XCTAssertEqual(r.method, direct.method, c.name)
        }
        XCTAssertThrowsError(try HypothesisTests.mannWhitney(rankSum: 0, firstCount: 0, secondCount: 3, tieSizes: [1, 1, 1]))
        XCTAssertThrowsError(try HypothesisTests.mannWhitney(rankSum: 4.5, firstCount: 2, secondCount: 2, tieSizes: [4]))
    }

    /// `Ranking.order` is the comparison order: increasing
    /// value, ties (−0 and +0 included) by index, NaN last; its values are `sorted()`'s.
    func testOrderIsTheStableComparisonOrder() {
        var g = SystemRandomNumberGenerator()
        let special: [Double] = [0, -0.0, .nan, .infinity, -.infinity, 1, -1, 5e-324, -5e-324, .greatestFiniteMagnitude]
        for trial in 0..<400 {
            let n = [0, 1, 2, 63, 64, 65, 203, 1000][trial % 8]
            let v: [Double] = (0..<n).map { _ in
                switch Int.random(in: 0..<4, using: &g) {
                case 0: return special.randomElement(using: &g)!
                case 1: return Double(Int.random(in: -3...3, using: &g))
                default: return Double.random(in: -1e3...1e3, using: &g) * (trial % 3 == 0 ? 1e-200 : 1)
                }
            }
            let expected = v.indices.sorted { a, b in
                v[a] < v[b] || (v[a] == v[b] && a < b) || (!v[a].isNaN && v[b].isNaN)
            }
            let order = Ranking.order(v)
            XCTAssertEqual(order, expected, "n=\(n)")
            let finite = v.filter(\.isFinite)
            XCTAssertEqual(Ranking.order(finite).map { finite[$0].bitPattern }, finite.sorted().map(\.bitPattern), "n=\(n)")
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

/// `Ranking.midranksAndTies`, the ranks behind Mann-Whitney and Spearman r.
final class RankingTests: XCTestCase {
    /// Midranks and tie sizes by their definition (count below plus the mean position among
    /// equals; each NaN a group of its own after every number, in index order) on samples with
    /// many ties, signed zeros and NaNs.
    func testMidranksAndTiesFollowTheDefinition() {
        var g = SeededGenerator(seed: 11)
        for n in [1, 2, 7, 203] {
            let values: [Double] = (0..<n).map { _ in
                switch g.nextInt(below: 10) {
                case 0: return .nan
                case 1: return -0.0
                case 2: return 0
                default: return Double(g.nextInt(below: 6)) - 2.5
                }
            }
            let (ranks, ties) = Ranking.midranksAndTies(values, order: Ranking.order(values))
            let numbers = values.filter { !$0.isNaN }
            var nanSeen = 0
            for (i, v) in values.enumerated() {
                if v.isNaN {
                    nanSeen += 1
                    XCTAssertEqual(ranks[i], Double(numbers.count + nanSeen), "n \(n) row \(i)")
                } else {
                    let below = numbers.filter { $0 < v }.count, equal = numbers.filter { $0 == v }.count
                    XCTAssertEqual(ranks[i], Double(below) + Double(equal + 1) / 2, "n \(n) row \(i)")
                }
            }
            let distinct = Set(numbers.map { $0 == 0 ? 0 : $0 }).sorted()
            let expectedTies = distinct.map { d in numbers.filter { $0 == d }.count } + Array(repeating: 1, count: values.count - numbers.count)
            XCTAssertEqual(ties, expectedTies, "n \(n)")
        }
    }
}
