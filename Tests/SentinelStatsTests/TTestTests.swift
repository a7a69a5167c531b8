import SentinelStats
import SentinelTestSupport
import XCTest

/// Student and Welch t-tests against R `t.test` (scipy `ttest_ind` agrees except on the
/// 1e9-offset case, where scipy's moments lose ~1e-7 to cancellation).
final class TTestTests: XCTestCase {
    func testStudentMatchesR() throws {
        var checked = 0
        for c in try StatsTestsFixture.load().two_sample {
            guard let e = c.student else {
                XCTAssertThrowsError(try HypothesisTests.studentT(c.x, c.y), c.name)
                continue
            }
            let r = try HypothesisTests.studentT(c.x, c.y)
            assertClose(r.statistic, e.t, relative: 1e-9, c.name)
            assertClose(r.p, e.p, relative: 1e-9, absolute: 1e-15, c.name)
            XCTAssertEqual(r.degreesOfFreedom, e.df, c.name)
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, 20)
    }

    func testWelchMatchesR() throws {
        var checked = 0
        for c in try StatsTestsFixture.load().two_sample {
            guard let e = c.welch else {
                XCTAssertThrowsError(try HypothesisTests.welchT(c.x, c.y), c.name)
                continue
            }
            let r = try HypothesisTests.welchT(c.x, c.y)
            assertClose(r.statistic, e.t, relative: 1e-9, c.name)
            assertClose(r.p, e.p, relative: 1e-9, absolute: 1e-15, c.name)
            assertClose(r.degreesOfFreedom ?? .nan, e.df, relative: 1e-9, c.name)
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, 20)
    }

    func testDegenerateInputsThrow() {
        XCTAssertThrowsError(try HypothesisTests.studentT([1], [2]))
        XCTAssertThrowsError(try HypothesisTests.studentT([3, 3, 3], [3, 3]))
        XCTAssertThrowsError(try HypothesisTests.welchT([1], [2, 3, 4]))
        XCTAssertThrowsError(try HypothesisTests.welchT([1, 1], [2, 2]))
        XCTAssertThrowsError(try HypothesisTests.studentT([1, .nan, 3], [2, 3]))
    }
}
