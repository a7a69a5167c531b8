import Foundation
import SentinelStats
import SentinelTestSupport
import XCTest

/// Youden threshold, threshold metrics and Wilson intervals against numpy / statsmodels
/// proportion_confint(method="wilson") (Tests/Fixtures/stats-roc/make_roc.py).
final class ThresholdMetricsTests: XCTestCase {
    private struct Curve: Decodable { let name: String; let labels: [Int]; let scores: [Double] }
    private struct YoudenCase: Decodable {
        let curve: Int
        let threshold: Double
        let sklearn_argmax_threshold: ROCFixtureNumber
    }
    private struct Interval: Decodable {
        let successes: Int, trials: Int, estimate: Double, lower: Double, upper: Double
    }
    private struct MetricsCase: Decodable {
        let name: String, curve: Int, threshold: Double, level: Double
        let tp: Int, fp: Int, tn: Int, fn: Int
        let accuracy: Interval?, sensitivity: Interval?, specificity: Interval?, ppv: Interval?, npv: Interval?
    }
    private struct WilsonCase: Decodable {
        let successes: Int, trials: Int, level: Double, lower: Double, upper: Double
    }
    private struct File: Decodable {
        let curves: [Curve], youden: [YoudenCase], metrics: [MetricsCase], wilson: [WilsonCase]
    }

    private func file() throws -> File { try Fixtures.load(File.self, "stats-roc/roc.json") }

    func testYoudenThresholdMatchesExactReference() throws {
        let f = try file()
        XCTAssertGreaterThanOrEqual(f.youden.count, 20)
        for y in f.youden {
            let c = f.curves[y.curve]
            let t = try Youden.optimalThreshold(scores: c.scores, labels: c.labels.asCaseLabels)
            XCTAssertEqual(t, y.threshold, c.name)
            // Differs from sklearn's float argmax only where that returns the +inf sentinel
            // (max J = 0) or where rounding of tpr - fpr splits an exact tie (one case).
            let sklearn = y.sklearn_argmax_threshold.value
            XCTAssertTrue(t == sklearn || sklearn == .infinity || c.name == "negative and zero scores", c.name)
        }
    }

    func testYoudenTieBreaksTowardsHighestThreshold() throws {
        // J = 1/2 at 0.8 (TP 1, FP 0) and at 0.3 (TP 2, FP 1): the higher one wins.
        let t = try Youden.optimalThreshold(scores: [0.1, 0.3, 0.5, 0.8], labels: [false, true, false, true])
        XCTAssertEqual(t, 0.8)
    }

    func testThresholdMetricsMatchStatsmodelsWilson() throws {
        let f = try file()
        for m in f.metrics {
            let c = f.curves[m.curve]
            let r = try ThresholdMetrics(scores: c.scores, labels: c.labels.asCaseLabels, threshold: m.threshold,
                                         level: m.level)
            XCTAssertEqual([r.truePositives, r.falsePositives, r.trueNegatives, r.falseNegatives],
                           [m.tp, m.fp, m.tn, m.fn], m.name)
            let pairs: [(Proportion, Interval?, String)] = [
                (r.accuracy, m.accuracy, "accuracy"), (r.sensitivity, m.sensitivity, "sensitivity"),
                (r.specificity, m.specificity, "specificity"), (r.ppv, m.ppv, "ppv"), (r.npv, m.npv, "npv"),
            ]
            for (actual, expected, what) in pairs {
                let label = "\(m.name) \(what)"
                guard let expected else {
                    XCTAssertNil(actual.estimate, label)
                    XCTAssertNil(actual.interval, label)
                    XCTAssertEqual(actual.trials, 0, label)
                    continue
                }
                XCTAssertEqual(actual.successes, expected.successes, label)
                XCTAssertEqual(actual.trials, expected.trials, label)
                assertClose(actual.estimate ?? .nan, expected.estimate, relative: 1e-15, label)
                assertClose(actual.interval?.lower ?? .nan, expected.lower, relative: 1e-9, absolute: 1e-15, label)
                assertClose(actual.interval?.upper ?? .nan, expected.upper, relative: 1e-9, absolute: 1e-15, label)
            }
        }
    }

    func testWilsonGridMatchesStatsmodels() throws {
        let f = try file()
        XCTAssertGreaterThanOrEqual(f.wilson.count, 20)
        for w in f.wilson {
            let p = try Proportion(successes: w.successes, trials: w.trials, level: w.level)
            let label = "\(w.successes)/\(w.trials) at \(w.level)"
            assertClose(p.interval?.lower ?? .nan, w.lower, relative: 1e-9, absolute: 1e-15, label)
            assertClose(p.interval?.upper ?? .nan, w.upper, relative: 1e-9, absolute: 1e-15, label)
        }
    }

    func testZeroDenominatorsAreNilAndEncodeWithoutNaN() throws {
        let r = try ThresholdMetrics(scores: [0.1, 0.2, 0.3], labels: [true, false, false], threshold: 0.9)
        XCTAssertNil(r.ppv.estimate)
        XCTAssertNil(r.ppv.interval)
        XCTAssertEqual(r.npv.estimate, 2.0 / 3.0)
        let data = try JSONEncoder().encode(r)
        XCTAssertEqual(try JSONDecoder().decode(ThresholdMetrics.self, from: data), r)
    }

    func testGuards() {
        XCTAssertThrowsError(try Youden.optimalThreshold(scores: [0.1, 0.2], labels: [false, false]))
        XCTAssertThrowsError(try ThresholdMetrics(scores: [0.1], labels: [true], threshold: .nan))
        XCTAssertThrowsError(try ThresholdMetrics(scores: [], labels: [], threshold: 0.5))
        XCTAssertThrowsError(try ThresholdMetrics(scores: [0.1], labels: [true], threshold: 0.5, level: 0))
        XCTAssertThrowsError(try Proportion(successes: 3, trials: 2))
        XCTAssertThrowsError(try Proportion(successes: -1, trials: 2))
    }
}
