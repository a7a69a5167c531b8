import SentinelStats
import SentinelTestSupport
import XCTest

/// Shapiro-Wilk (Royston AS R94) against R `shapiro.test` to 1e-9; scipy `shapiro`
/// agrees to ~1e-7 only (its swilk keeps single-precision internals), so it is checked at 1e-6.
final class ShapiroWilkTests: XCTestCase {
    func testMatchesRShapiroTest() throws {
        let f = try StatsTestsFixture.load()
        XCTAssertGreaterThanOrEqual(f.shapiro.count, 20)
        for c in f.shapiro {
            let r = try HypothesisTests.shapiroWilk(c.x)
            assertClose(r.statistic, c.w, relative: 1e-9, "n=\(c.x.count)")
            assertClose(r.p, c.p, relative: 1e-9, absolute: 1e-15, "n=\(c.x.count)")
            assertClose(r.statistic, c.w_scipy, relative: 1e-6, "scipy n=\(c.x.count)")
            assertClose(r.p, c.p_scipy, relative: 1e-6, absolute: 1e-12, "scipy n=\(c.x.count)")
        }
    }

    func testGroupShapiroValuesUsedByTheSelectionRule() throws {
        for c in try StatsTestsFixture.load().two_sample {
            if let e = c.shapiro_x { assertClose(try HypothesisTests.shapiroWilk(c.x).p, e, relative: 1e-9, c.name) }
            else { XCTAssertThrowsError(try HypothesisTests.shapiroWilk(c.x), c.name) }
            if let e = c.shapiro_y { assertClose(try HypothesisTests.shapiroWilk(c.y).p, e, relative: 1e-9, c.name) }
            else { XCTAssertThrowsError(try HypothesisTests.shapiroWilk(c.y), c.name) }
        }
    }

    /// The entry point for an already sorted sample: R's values, and exactly `shapiroWilk(x)`.
    func testSortedSampleEntryMatchesR() throws {
        let f = try StatsTestsFixture.load()
        for c in f.shapiro {
            let r = try HypothesisTests.shapiroWilk(sorted: c.x.sorted())
            assertClose(r.statistic, c.w, relative: 1e-9, "n=\(c.x.count)")
            assertClose(r.p, c.p, relative: 1e-9, absolute: 1e-15, "n=\(c.x.count)")
            let unsorted = try HypothesisTests.shapiroWilk(c.x)
            XCTAssertEqual(r.statistic, unsorted.statistic)
            XCTAssertEqual(r.p, unsorted.p)
        }
        XCTAssertThrowsError(try HypothesisTests.shapiroWilk(sorted: [1, 2]))
        XCTAssertThrowsError(try HypothesisTests.shapiroWilk(sorted: [4, 4, 4, 4]))
        XCTAssertThrowsError(try HypothesisTests.shapiroWilk(sorted: [1, 2, .nan]))
    }

    func testOutOfRangeAndConstantThrow() {
        XCTAssertThrowsError(try HypothesisTests.shapiroWilk([1, 2]))
        XCTAssertThrowsError(try HypothesisTests.shapiroWilk([Double](repeating: 1, count: 5001).enumerated().map { Double($0.offset) }))
        XCTAssertThrowsError(try HypothesisTests.shapiroWilk([4, 4, 4, 4]))
        XCTAssertThrowsError(try HypothesisTests.shapiroWilk([1, 2, .nan]))
    }
}
