import SentinelNumerics
import SentinelStats
@testable import SentinelStudy
import XCTest

/// `UnivariateScreen.finiteOrder` is `Ranking.order` on finite values: ties (including −0 and
/// +0) by index, negatives, subnormals and the extremes of Double.
final class UnivariateScreenOrderTests: XCTestCase {
    func testFiniteOrderIsRankingOrder() {
        var g = SeededGenerator(seed: 42)
        let special: [Double] = [0, -0.0, 1, -1, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
                                 .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1e-310, -1e-310, 0.5, -0.5]
        for trial in 0..<200 {
            let n = 1 + trial % 60
            // Few distinct levels on even trials (many ties), continuous values on odd ones.
            let values: [Double] = (0..<n).map { _ in
                let u = g.nextDouble()
                if trial % 3 == 0 { return special[Int(u * Double(special.count)) % special.count] }
                return trial % 2 == 0 ? Double(Int(u * 5)) - 2 : (u - 0.5) * 1e3
            }
            XCTAssertEqual(UnivariateScreen.finiteOrder(values), Ranking.order(values), "\(values)")
        }
        XCTAssertEqual(UnivariateScreen.finiteOrder([]), [])
        XCTAssertEqual(UnivariateScreen.finiteOrder([-0.0, 0, -0.0]), [0, 1, 2])
    }
}
