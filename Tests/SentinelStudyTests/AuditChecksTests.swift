import Foundation
import SentinelTestSupport
@testable import SentinelStudy
import XCTest

final class AuditChecksTests: XCTestCase {
    private func n(_ text: String) -> ReportedNumber { ReportedNumber(text)! }

    func testReportedNumberParsing() {
        XCTAssertEqual(n("0.779").mantissa, 779)
        XCTAssertEqual(n("0.779").decimals, 3)
        XCTAssertEqual(n("0.75").decimals, 2)
        XCTAssertEqual(n("48.3").mantissa, 483)
        XCTAssertEqual(n("12").decimals, 0)
        XCTAssertTrue(n("<0.001").isUpperBound)
        XCTAssertTrue(n("< 0.001").isUpperBound)
        XCTAssertEqual(n(".5").value, 0.5)
        XCTAssertEqual(n("-0.25").value, -0.25)
        XCTAssertFalse(n("999999999.999").isRounding(of: Int.max / 2, over: Int.max / 3))  // overflow: no match, no crash
        for bad in ["", "abc", "0.7.1", "1e-3", ".", "0,5", "12%", "0.1234567890", "1234567890123"] { XCTAssertNil(ReportedNumber(bad), bad) }
        XCTAssertEqual(n("0.779").interval.lowerBound, 0.7785, accuracy: 1e-12)
        XCTAssertEqual(n("<0.001").interval, 0...0.001)
    }

    func testRoundingAtHalfAcceptsEitherDirection() {
        // 1/8 = 0.125 exactly: "0.12" (half-even) and "0.13" (half-up) are both honest.
        XCTAssertTrue(n("0.12").isRounding(of: 1, over: 8))
        XCTAssertTrue(n("0.13").isRounding(of: 1, over: 8))
        XCTAssertFalse(n("0.14").isRounding(of: 1, over: 8))
        // 49/56 = 87.5%: printed 88% (Liu Table 1) and 87% both pass.
        XCTAssertTrue(n("88").isRounding(of: 49, over: 56, scale: 100))
        XCTAssertTrue(n("87").isRounding(of: 49, over: 56, scale: 100))
        XCTAssertFalse(n("0.5").isRounding(of: 1, over: 0))
    }

    func testProportionReachable() {
        let (fail, none) = ConsistencyChecks.proportionReachable("sensitivity", value: n("0.779"), denominator: 23, denominatorName: "cases")
        XCTAssertEqual(fail.verdict, .fail)
        XCTAssertTrue(none.isEmpty)
        XCTAssertTrue(fail.reason.contains("17/23 = 0.7391") && fail.reason.contains("18/23 = 0.7826"), fail.reason)
        let (pass, ks) = ConsistencyChecks.proportionReachable("sensitivity", value: n("0.571"), denominator: 56, denominatorName: "cases")
        XCTAssertEqual(pass.verdict, .pass)
        XCTAssertEqual(ks, [32])
        // Two decimals admit several numerators.
        XCTAssertEqual(ConsistencyChecks.proportionReachable("x", value: n("0.5"), denominator: 24, denominatorName: "cases").1, [11, 12, 13])
        // Zero cases: undefined, not a failure.
        XCTAssertEqual(ConsistencyChecks.proportionReachable("sensitivity", value: n("0.5"), denominator: 0, denominatorName: "cases").0.verdict, .cannotCheck)
        // Bounds 0 and 1.
        XCTAssertEqual(ConsistencyChecks.proportionReachable("s", value: n("0.000"), denominator: 7, denominatorName: "c").1, [0])
        XCTAssertEqual(ConsistencyChecks.proportionReachable("s", value: n("1.000"), denominator: 7, denominatorName: "c").1, [7])
        XCTAssertEqual(ConsistencyChecks.proportionReachable("s", value: n("1.2"), denominator: 7, denominatorName: "c").0.verdict, .fail)
        // Truncation is named when it explains the number (19/24 = 0.79167 printed 0.791).
        let truncated = ConsistencyChecks.proportionReachable("sensitivity", value: n("0.791"), denominator: 24, denominatorName: "cases").0
        XCTAssertEqual(truncated.verdict, .fail)
        XCTAssertTrue(truncated.reason.contains("truncated"), truncated.reason)
    }

    func testAccuracyWeighted() {
        // Liu training Clinical: 32/56, 129/147 → 161/203 = 0.793.
        XCTAssertEqual(ConsistencyChecks.accuracyWeighted(accuracy: n("0.793"), sensitivity: n("0.571"), specificity: n("0.878"),
                                                          cases: 56, controls: 147).verdict, .pass)
        XCTAssertEqual(ConsistencyChecks.accuracyWeighted(accuracy: n("0.800"), sensitivity: n("0.571"), specificity: n("0.878"),
                                                          cases: 56, controls: 147).verdict, .fail)
        // Liu test set: no TP/TN pair gives 0.862.
        let test = ConsistencyChecks.accuracyWeighted(accuracy: n("0.862"), sensitivity: n("0.779"), specificity: n("0.883"), cases: 23, controls: 59)
        XCTAssertEqual(test.verdict, .fail)
        XCTAssertTrue(test.reason.contains("0.8538"), test.reason)
        XCTAssertEqual(ConsistencyChecks.accuracyWeighted(accuracy: n("0.5"), sensitivity: n("0.5"), specificity: n("0.5"),
                                                          cases: 0, controls: 10).verdict, .cannotCheck)
    }

    func testEstimateInCI() {
        XCTAssertEqual(ConsistencyChecks.estimateInCI("AUC", estimate: n("0.8"), lower: n("0.7"), upper: n("0.9")).verdict, .pass)
        XCTAssertEqual(ConsistencyChecks.estimateInCI("AUC", estimate: n("0.70"), lower: n("0.70"), upper: n("0.9")).verdict, .pass)
        XCTAssertEqual(ConsistencyChecks.estimateInCI("AUC", estimate: n("0.95"), lower: n("0.7"), upper: n("0.9")).verdict, .fail)
        XCTAssertEqual(ConsistencyChecks.estimateInCI("AUC", estimate: n("0.8"), lower: n("0.9"), upper: n("0.7")).verdict, .fail)
        XCTAssertEqual(ConsistencyChecks.estimateInCI("AUC", estimate: n("0.99"), lower: n("0.95"), upper: n("1.01")).verdict, .fail)
        XCTAssertEqual(ConsistencyChecks.estimateInCI("AUC", estimate: n("1.000"), lower: n("0.990"), upper: n("1.000")).verdict, .pass)
    }

    func testCISymmetry() {
        let liu = ConsistencyChecks.ciSymmetry(estimate: n("0.825"), lower: n("0.812"), upper: n("0.932"), method: "delong", tolerance: 0.02)
        XCTAssertEqual(liu.verdict, .fail)
        XCTAssertTrue(liu.reason.contains("0.0940") && liu.reason.contains("0.8720"), liu.reason)
        XCTAssertEqual(ConsistencyChecks.ciSymmetry(estimate: n("0.797"), lower: n("0.741"), upper: n("0.852"), method: "delong", tolerance: 0.02).verdict, .pass)
        // Just inside / outside tolerance + allowance (0.02 + 4 × 0.0005 = 0.022).
        XCTAssertEqual(ConsistencyChecks.ciSymmetry(estimate: n("0.800"), lower: n("0.700"), upper: n("0.922"), method: "delong", tolerance: 0.02).verdict, .pass)
        XCTAssertEqual(ConsistencyChecks.ciSymmetry(estimate: n("0.800"), lower: n("0.700"), upper: n("0.923"), method: "delong", tolerance: 0.02).verdict, .fail)
        // Bootstrap or unstated methods may be asymmetric; clipped Wald CIs at 0/1 too.
        XCTAssertEqual(ConsistencyChecks.ciSymmetry(estimate: n("0.825"), lower: n("0.812"), upper: n("0.932"), method: "bootstrap", tolerance: 0.02).verdict, .cannotCheck)
        XCTAssertEqual(ConsistencyChecks.ciSymmetry(estimate: n("0.825"), lower: n("0.812"), upper: n("0.932"), method: nil, tolerance: 0.02).verdict, .cannotCheck)
        XCTAssertEqual(ConsistencyChecks.ciSymmetry(estimate: n("0.980"), lower: n("0.940"), upper: n("1.000"), method: "delong", tolerance: 0.02).verdict, .cannotCheck)
        XCTAssertEqual(ConsistencyChecks.ciSymmetry(estimate: n("0.030"), lower: n("0.000"), upper: n("0.080"), method: "delong", tolerance: 0.02).verdict, .cannotCheck)
    }

    func testCountsAndPercentages() {
        XCTAssertEqual(ConsistencyChecks.countsAddUp("g", counts: [75, 72], total: 147).verdict, .pass)
        XCTAssertEqual(ConsistencyChecks.countsAddUp("g", counts: [28, 30], total: 59).verdict, .fail)
        XCTAssertEqual(ConsistencyChecks.percentagesMatch("g", counts: [75, 72], percents: [n("51"), n("49")], total: 147).verdict, .pass)
        let test = ConsistencyChecks.percentagesMatch("g", counts: [28, 30], percents: [n("48.3"), n("51.7")], total: 59)
        XCTAssertEqual(test.verdict, .fail)
        XCTAssertTrue(test.reason.contains("n = 58"), test.reason)
        XCTAssertEqual(ConsistencyChecks.percentagesMatch("g", counts: [0, 5], percents: [n("0"), n("100")], total: 5).verdict, .pass)
        XCTAssertEqual(ConsistencyChecks.percentagesMatch("g", counts: [0], percents: [n("0")], total: 0).verdict, .cannotCheck)
    }

    private struct PRangeFixture: Decodable {
        struct Case: Decodable {
            var auc1: String, ci1: [String], auc2: String, ci2: [String]
            var correlation: [Double]
            var rounding: Bool
            var p_min: Double, p_max: Double
        }
        var cases: [Case]
    }

    /// Closed-form range against scipy.stats.norm + numerical optimisation (make_delong_p_range.py).
    func testDeLongPRangeMatchesScipy() throws {
        let fixture = try Fixtures.load(PRangeFixture.self, "audit/delong_p_range.json")
        XCTAssertGreaterThan(fixture.cases.count, 30)
        for c in fixture.cases {
            let range = ConsistencyChecks.deLongPRange(auc1: n(c.auc1), ci1: (n(c.ci1[0]), n(c.ci1[1])), auc2: n(c.auc2), ci2: (n(c.ci2[0]), n(c.ci2[1])),
                                                       correlation: c.correlation[0]...c.correlation[1], roundingAllowance: c.rounding)
            assertClose(range.lowerBound, c.p_min, relative: 1e-6, absolute: 1e-12)
            assertClose(range.upperBound, c.p_max, relative: 1e-6, absolute: 1e-12)
        }
    }

    func testDeLongPVerdicts() {
        let clinical = (n("0.797"), (n("0.741"), n("0.852"))), post = (n("0.881"), (n("0.836"), n("0.925")))
        func verdict(_ p: String) -> AuditVerdict {
            ConsistencyChecks.deLongP(n(p), auc1: clinical.0, ci1: clinical.1, auc2: post.0, ci2: post.1,
                                      correlation: 0...0.9, labels: ("a", "b")).verdict
        }
        XCTAssertEqual(verdict("0.044"), .fail)   // Table 3: above the largest p (0.0235 with rounding)
        XCTAssertEqual(verdict("<0.001"), .pass)  // Results text
        XCTAssertEqual(verdict("0.02"), .pass)
        // Equal AUCs: any p up to 1 is possible.
        let same = ConsistencyChecks.deLongPRange(auc1: n("0.80"), ci1: (n("0.70"), n("0.90")), auc2: n("0.80"), ci2: (n("0.70"), n("0.90")), correlation: 0...0.9)
        XCTAssertEqual(same.upperBound, 1)
    }
}
