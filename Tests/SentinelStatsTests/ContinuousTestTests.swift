import SentinelStats
import SentinelTestSupport
import XCTest

/// The paper's univariate rule (t-test when both groups pass Shapiro-Wilk, else
/// Mann-Whitney), decided and valued from R's results.
final class ContinuousTestTests: XCTestCase {
    func testChoosesTheTestAsRWould() throws {
        for c in try StatsTestsFixture.load().two_sample {
            let r = try HypothesisTests.continuousTest(c.x, c.y)
            if c.continuous_uses_t, let t = c.student {
                XCTAssertEqual(r.method, "Student's two-sample t-test (pooled variance)", c.name)
                assertClose(r.p, t.p, relative: 1e-9, absolute: 1e-15, c.name)
            } else {
                XCTAssertTrue(r.method.hasPrefix("Mann-Whitney U test"), c.name)
                assertClose(r.p, c.mw_p, relative: 1e-9, absolute: 1e-15, c.name)
            }
        }
    }

    func testRejectsBadInput() {
        XCTAssertThrowsError(try HypothesisTests.continuousTest([1, .nan, 2], [1, 2, 3]))
        XCTAssertThrowsError(try HypothesisTests.continuousTest([], [1, 2, 3]))
    }
}
