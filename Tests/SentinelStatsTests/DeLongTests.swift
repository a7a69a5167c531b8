import SentinelStats
import SentinelTestSupport
import XCTest

/// DeLong AUC, covariance, Wald CI and paired test against R pROC 1.18
/// (Tests/Fixtures/stats-roc/make_delong.R).
final class DeLongTests: XCTestCase {
    private struct Test: Decodable {
        let a: Int, b: Int
        let z: ROCFixtureNumber, p: ROCFixtureNumber, lower: ROCFixtureNumber, upper: ROCFixtureNumber
    }
    private struct Case: Decodable {
        let name: String
        let level: Double
        let labels: [Int]
        let models: [[Double]]
        let aucs: [Double]
        let covariance: [[Double]]
        let ci_lower: [Double]
        let ci_upper: [Double]
        let tests: [Test]
    }
    private struct File: Decodable { let cases: [Case] }

    private func cases() throws -> [Case] {
        try Fixtures.load(File.self, "stats-roc/delong.json").cases
    }

    func testFixtureHasBreadth() throws {
        XCTAssertGreaterThanOrEqual(try cases().count, 20)
    }

    func testAUCAndCovarianceMatchPROC() throws {
        for c in try cases() {
            let result = try DeLong.analyze(scores: c.models, labels: c.labels.asCaseLabels)
            assertClose(result.aucs, c.aucs, relative: 1e-12, absolute: 1e-15, c.name)
            let scale = c.covariance.flatMap { $0 }.map(abs).max() ?? 0
            for (row, expected) in zip(result.covariance, c.covariance) {
                assertClose(row, expected, relative: 1e-9, absolute: 1e-12 * scale + 1e-300, c.name)
            }
            for k in c.models.indices {
                let ci = try result.confidenceInterval(k, level: c.level)
                assertClose(ci.lower, c.ci_lower[k], relative: 1e-9, absolute: 1e-12, "\(c.name) lower \(k)")
                assertClose(ci.upper, c.ci_upper[k], relative: 1e-9, absolute: 1e-12, "\(c.name) upper \(k)")
                XCTAssertEqual(ci.level, c.level)
                // The ROC curve type computes the same Mann-Whitney AUC.
                let curve = try ROCCurve(scores: c.models[k], labels: c.labels.asCaseLabels)
                assertClose(curve.auc, c.aucs[k], relative: 1e-12, absolute: 1e-15, c.name)
            }
        }
    }

    func testPairedTestMatchesPROCRocTest() throws {
        for c in try cases() {
            let result = try DeLong.analyze(scores: c.models, labels: c.labels.asCaseLabels)
            XCTAssertEqual(try result.pairwiseComparisons(level: c.level).count, c.tests.count, c.name)
            for t in c.tests {
                let cmp = try result.compare(t.a, t.b, level: c.level)
                let label = "\(c.name) \(t.a)-\(t.b)"
                assertClose(cmp.z, t.z.value, relative: 1e-9, absolute: 1e-12, label)
                assertClose(cmp.p, t.p.value, relative: 1e-9, absolute: 1e-300, label)
                assertClose(cmp.interval.lower, t.lower.value, relative: 1e-9, absolute: 1e-12, label)
                assertClose(cmp.interval.upper, t.upper.value, relative: 1e-9, absolute: 1e-12, label)
                assertClose(cmp.aucDifference, result.aucs[t.a] - result.aucs[t.b], relative: 0, label)
            }
        }
    }

    func testZeroVarianceConventionsFollowPROC() throws {
        let labels = [false, false, false, true, true, true]
        let perfect = [0.1, 0.2, 0.3, 0.7, 0.8, 0.9]
        let constant = [Double](repeating: 0.5, count: 6)
        let r = try DeLong.analyze(scores: [perfect, perfect, constant], labels: labels)
        let same = try r.compare(0, 1)
        XCTAssertEqual(same.z, 0)
        XCTAssertEqual(same.p, 1)
        XCTAssertEqual(same.interval.lower, 0)
        let apart = try r.compare(0, 2)
        XCTAssertEqual(apart.z, .infinity)
        XCTAssertEqual(apart.p, 0)
        XCTAssertEqual(try r.compare(2, 0).z, -.infinity)
        XCTAssertEqual(try r.confidenceInterval(0), ConfidenceInterval(lower: 1, upper: 1, level: 0.95))
        XCTAssertEqual(try r.confidenceInterval(2), ConfidenceInterval(lower: 0.5, upper: 0.5, level: 0.95))
    }

    func testGuardsRejectDegenerateInput() {
        let scores = [0.1, 0.2, 0.3, 0.4]
        XCTAssertThrowsError(try DeLong.analyze(scores: [scores], labels: [true, false, false, false])) {
            XCTAssertEqual($0 as? StatsError, .tooFewInClass(cases: 1, controls: 3, required: 2))
        }
        XCTAssertThrowsError(try DeLong.analyze(scores: [[0.1, .nan, 0.3, 0.4]], labels: [true, true, false, false])) {
            XCTAssertEqual($0 as? StatsError, .nonFiniteScore(index: 1, model: 0))
        }
        XCTAssertThrowsError(try DeLong.analyze(scores: [scores, [0.1]], labels: [true, true, false, false]))
        XCTAssertThrowsError(try DeLong.analyze(scores: [], labels: [true, true, false, false]))
        XCTAssertThrowsError(try DeLong.analyze(scores: [[]], labels: []))
        let ok = try? DeLong.analyze(scores: [scores], labels: [true, true, false, false])
        XCTAssertThrowsError(try ok?.confidenceInterval(0, level: 1))
        XCTAssertThrowsError(try ok?.confidenceInterval(1))
        XCTAssertThrowsError(try ok?.compare(0, 3))
        XCTAssertFalse(StatsError.tooFewInClass(cases: 1, controls: 3, required: 2).description.isEmpty)
    }
}
