@testable import SentinelStats
import SentinelNumerics
import XCTest

/// The radix path of ScoreOrder must give exactly the stable comparison sort.
final class ScoreOrderTests: XCTestCase {
    private func reference(_ s: [Double]) -> [Int] {
        s.indices.sorted { s[$0] < s[$1] || (s[$0] == s[$1] && $0 < $1) }
    }

    func testRadixEqualsStableComparisonSort() {
        var g = SeededGenerator(seed: 5)
        let generators: [(inout SeededGenerator) -> Double] = [
            { $0.nextGaussian() * 1e3 },
            { Double($0.nextInt(below: 7)) - 3 },                         // heavy ties, negatives
            { $0.nextDouble() },                                           // shared exponent bits
            { [-0.0, 0.0, -1e-300, 1e-300, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .greatestFiniteMagnitude,
               -.greatestFiniteMagnitude][$0.nextInt(below: 8)] },
            { ($0.nextDouble() * 100).rounded() / 100 },
        ]
        for (i, make) in generators.enumerated() {
            for n in [ScoreOrder.radixThreshold, 10_007] {
                let s = (0..<n).map { _ in make(&g) }
                let order = ScoreOrder.ascending(s)
                let expected = reference(s)
                // -0.0 and +0.0 are equal scores: compare the sorted values and tie order.
                XCTAssertEqual(order.map { s[$0] }, expected.map { s[$0] }, "generator \(i) n \(n)")
                for (a, b) in zip(order, order.dropFirst()) where s[a] == s[b] {
                    XCTAssertLessThan(a, b, "ties must keep input order (generator \(i))")
                }
            }
        }
    }
}
