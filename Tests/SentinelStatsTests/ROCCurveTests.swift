import Foundation
import SentinelStats
import SentinelTestSupport
import XCTest

/// ROC curve points and AUC against scikit-learn roc_curve(drop_intermediate=False) and
/// roc_auc_score (Tests/Fixtures/stats-roc/make_roc.py).
final class ROCCurveTests: XCTestCase {
    struct Curve: Decodable {
        let name: String
        let labels: [Int]
        let scores: [Double]
        let fpr: [Double]
        let tpr: [Double]
        let thresholds: [ROCFixtureNumber]
        let auc: Double
    }
    private struct File: Decodable { let curves: [Curve] }

    func testPointsAndAUCMatchScikitLearn() throws {
        let curves = try Fixtures.load(File.self, "stats-roc/roc.json").curves
        XCTAssertGreaterThanOrEqual(curves.count, 20)
        for c in curves {
            let roc = try ROCCurve(scores: c.scores, labels: c.labels.asCaseLabels)
            XCTAssertEqual(roc.points.count, c.fpr.count, c.name)
            assertClose(roc.points.map(\.falsePositiveRate), c.fpr, relative: 1e-15, c.name)
            assertClose(roc.points.map(\.truePositiveRate), c.tpr, relative: 1e-15, c.name)
            XCTAssertEqual(roc.points.map(\.threshold), c.thresholds.map(\.value), c.name)
            assertClose(roc.auc, c.auc, relative: 1e-12, c.name)
            XCTAssertEqual(roc.cases, c.labels.filter { $0 == 1 }.count)
            XCTAssertEqual(roc.controls, c.labels.filter { $0 == 0 }.count)
            XCTAssertEqual(roc.points.last?.truePositives, roc.cases)
            XCTAssertEqual(roc.points.last?.falsePositives, roc.controls)
        }
    }

    func testTrapezoidAreaEqualsMannWhitneyAUC() throws {
        let curves = try Fixtures.load(File.self, "stats-roc/roc.json").curves
        for c in curves {
            let roc = try ROCCurve(scores: c.scores, labels: c.labels.asCaseLabels)
            var area = 0.0
            for (a, b) in zip(roc.points, roc.points.dropFirst()) {
                area += (b.falsePositiveRate - a.falsePositiveRate) * (a.truePositiveRate + b.truePositiveRate) / 2
            }
            assertClose(area, roc.auc, relative: 1e-12, c.name)
        }
    }

    func testCodableRoundTripMapsInfiniteThresholdToNull() throws {
        let roc = try ROCCurve(scores: [0.1, 0.9, 0.4], labels: [false, true, true])
        let data = try JSONEncoder().encode(roc)
        XCTAssertEqual(try JSONDecoder().decode(ROCCurve.self, from: data), roc)
        XCTAssertEqual(roc.points.first?.threshold, .infinity)
    }

    func testGuards() {
        XCTAssertThrowsError(try ROCCurve(scores: [0.1, 0.2], labels: [true, true])) {
            XCTAssertEqual($0 as? StatsError, .tooFewInClass(cases: 2, controls: 0, required: 1))
        }
        XCTAssertThrowsError(try ROCCurve(scores: [], labels: [])) {
            XCTAssertEqual($0 as? StatsError, .emptyInput)
        }
        XCTAssertThrowsError(try ROCCurve(scores: [0.1, .infinity], labels: [true, false]))
        XCTAssertThrowsError(try ROCCurve(scores: [0.1], labels: [true, false]))
    }
}
