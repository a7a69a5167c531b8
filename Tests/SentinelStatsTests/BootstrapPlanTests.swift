import SentinelNumerics
@testable import SentinelStats
import XCTest

/// The tie-free pass of the bootstrap gives the general pass's integers exactly.
final class BootstrapPlanTests: XCTestCase {
    func testTieFreePassEqualsTheGeneralPass() {
        var generator = SeededGenerator(seed: 3)
        for (cases, controls) in [(1, 1), (2, 5), (24, 63), (56, 147), (3, 200)] {
            let n = cases + controls
            // Distinct scores in a random order of patients; the threshold anywhere from before
            // the first to after the last position.
            var order = Array(0..<n)
            generator.shuffle(&order)
            let entries = order.map { UInt32($0) << 1 | 1 }
            for trial in 0..<20 {
                let weights = (0..<n).map { _ in Int32(generator.nextInt(below: 4)) }
                let firstPositive = trial == 0 ? 0 : trial == 1 ? n : generator.nextInt(below: n + 1)
                entries.withUnsafeBufferPointer { e in
                    weights.withUnsafeBufferPointer { w in
                        let fast = BootstrapPlan.tieFreeCounts(entries: e, weights: w, caseCount: cases, firstPositive: firstPositive)
                        let general = BootstrapPlan.weightedCounts(entries: e, weights: w, caseCount: cases, firstPositive: firstPositive)
                        XCTAssertEqual(fast.twiceConcordant, general.twiceConcordant, "\(cases)+\(controls) trial \(trial)")
                        XCTAssertEqual(fast.tp, general.tp, "\(cases)+\(controls) trial \(trial)")
                        XCTAssertEqual(fast.fp, general.fp, "\(cases)+\(controls) trial \(trial)")
                    }
                }
            }
        }
    }

    func testPlanMarksOnlyModelsWithoutTiesAsTieFree() {
        let plan = BootstrapPlan(scores: [[0.1, 0.4, 0.35, 0.8], [0.1, 0.4, 0.4, 0.8], [0.5, 0.5, 0.5, 0.5]],
                                 labels: [false, true, false, true], thresholds: [0.5, 0.5, 0.5])
        XCTAssertEqual(plan.tieFree, [true, false, false])
    }
}
