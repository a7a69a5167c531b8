import SentinelStats
import SentinelTestSupport
import XCTest

/// Normal distribution against scipy.stats.norm (Tests/Fixtures/stats/make_normal.py).
final class NormalTests: XCTestCase {
    private struct File: Decodable { let cdf: [[Double]]; let quantile: [[Double]] }

    func testCDFAndSurvivalMatchScipy() throws {
        let f = try Fixtures.load(File.self, "stats/normal.json")
        for row in f.cdf {
            assertClose(Normal.cdf(row[0]), row[1], relative: 1e-12, absolute: 1e-300, "cdf(\(row[0]))")
            assertClose(Normal.survival(row[0]), row[2], relative: 1e-12, absolute: 1e-300, "sf(\(row[0]))")
        }
    }

    func testQuantileMatchesScipy() throws {
        let f = try Fixtures.load(File.self, "stats/normal.json")
        for row in f.quantile {
            assertClose(Normal.quantile(row[0]), row[1], relative: 1e-12, "ppf(\(row[0]))")
        }
    }

    func testEdges() {
        XCTAssertEqual(Normal.quantile(0), -.infinity)
        XCTAssertEqual(Normal.quantile(1), .infinity)
        XCTAssertTrue(Normal.quantile(1.5).isNaN)
        XCTAssertTrue(Normal.cdf(.nan).isNaN)
        XCTAssertEqual(Normal.twoSidedP(0), 1)
    }
}
