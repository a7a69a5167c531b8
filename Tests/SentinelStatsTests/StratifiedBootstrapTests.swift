import Foundation
import SentinelNumerics
import SentinelStats
import SentinelTestSupport
import XCTest

/// Stratified bootstrap pinned two ways: (a) replicate for replicate against an independent
/// Python re-implementation of the documented resampling and RNG stream
/// (Tests/Fixtures/stats-roc/make_bootstrap.py), (b) statistically against DeLong.
final class StratifiedBootstrapTests: XCTestCase {
    private struct Summary: Decodable { let valid: Int; let lower: Double?; let upper: Double?; let se: Double? }
    private struct ModelResult: Decodable {
        let auc, accuracy, sensitivity, specificity, ppv, npv: Summary
        let auc_replicates: [Double]
    }
    private struct Case: Decodable {
        let name: String, labels: [Int], models: [[Double]], thresholds: [Double]
        let seed: String, replicates: Int, level: Double
        let results: [ModelResult]
    }
    private struct File: Decodable { let cases: [Case] }

    private func run(_ c: Case, concurrency: Int?) throws -> BootstrapResult {
        let seed = try XCTUnwrap(UInt64(c.seed))
        return try StratifiedBootstrap(replicates: c.replicates, level: c.level, maximumConcurrency: concurrency)
            .run(scores: c.models, labels: c.labels.asCaseLabels, thresholds: c.thresholds,
                 generator: SeededGenerator(seed: seed))
    }

    private func check(_ actual: BootstrapEstimate, _ expected: Summary, _ label: String) {
        XCTAssertEqual(actual.validReplicates, expected.valid, label)
        if let lower = expected.lower, let upper = expected.upper {
            assertClose(actual.interval?.lower ?? .nan, lower, relative: 1e-12, absolute: 1e-15, label)
            assertClose(actual.interval?.upper ?? .nan, upper, relative: 1e-12, absolute: 1e-15, label)
        } else {
            XCTAssertNil(actual.interval, label)
        }
        if let se = expected.se {
            assertClose(actual.standardError ?? .nan, se, relative: 1e-9, absolute: 1e-14, label)
        } else {
            XCTAssertNil(actual.standardError, label)
        }
    }

    func testMatchesIndependentReimplementation() throws {
        let cases = try Fixtures.load(File.self, "stats-roc/bootstrap.json").cases
        XCTAssertGreaterThanOrEqual(cases.count, 8)
        for c in cases {
            let result = try run(c, concurrency: nil)
            XCTAssertEqual(result.models.count, c.results.count)
            for (k, (actual, expected)) in zip(result.models, c.results).enumerated() {
                let label = "\(c.name) model \(k)"
                XCTAssertEqual(Array(actual.auc.values.prefix(expected.auc_replicates.count)),
                               expected.auc_replicates, label)
                check(actual.auc, expected.auc, label + " auc")
                check(actual.accuracy, expected.accuracy, label + " accuracy")
                check(actual.sensitivity, expected.sensitivity, label + " sensitivity")
                check(actual.specificity, expected.specificity, label + " specificity")
                check(actual.ppv, expected.ppv, label + " ppv")
                check(actual.npv, expected.npv, label + " npv")
            }
        }
    }

    func testResultsDoNotDependOnThreadCount() throws {
        let c = try Fixtures.load(File.self, "stats-roc/bootstrap.json").cases[0]
        let reference = try run(c, concurrency: 1)
        for concurrency in [2, 3, 7] {
            let other = try run(c, concurrency: concurrency)
            for (a, b) in zip(reference.models, other.models) {
                XCTAssertEqual(a.auc.values, b.auc.values)
                XCTAssertEqual(a.sensitivity.values, b.sensitivity.values)
                XCTAssertEqual(a.auc.interval, b.auc.interval)
            }
        }
    }

    func testPairedDifferenceUsesSharedReplicates() throws {
        let c = try Fixtures.load(File.self, "stats-roc/bootstrap.json").cases[0]
        let result = try run(c, concurrency: nil)
        let diff = try result.aucDifference(0, 2)
        for r in 0..<result.replicates {
            XCTAssertEqual(diff.values[r], result.models[0].auc.values[r] - result.models[2].auc.values[r])
        }
        XCTAssertThrowsError(try result.aucDifference(0, 3))
    }

    /// On a large sample the bootstrap SE of the AUC must agree with DeLong's SE (both
    /// estimate the same sampling variance; the relative Monte-Carlo error with B = 2000 is ~1.6%).
    func testBootstrapStandardErrorAgreesWithDeLong() throws {
        var g = SeededGenerator(seed: 31)
        let n = 4000
        var labels: [Bool] = []
        var a: [Double] = []
        var b: [Double] = []
        for _ in 0..<n {
            let y = g.nextDouble() < 0.3
            labels.append(y)
            a.append((y ? 1.0 : 0.0) + g.nextGaussian())
            b.append((Double(Int(((y ? 0.6 : 0.0) + g.nextGaussian()) * 4))) / 4)  // tied scores
        }
        let boot = try StratifiedBootstrap().run(scores: [a, b], labels: labels, thresholds: [0.5, 0.25],
                                                 generator: SeededGenerator(seed: 9))
        let delong = try DeLong.analyze(scores: [a, b], labels: labels)
        for k in 0..<2 {
            let ratio = try XCTUnwrap(boot.models[k].auc.standardError) / (try delong.standardError(k))
            XCTAssertEqual(ratio, 1, accuracy: 0.07, "model \(k)")
            let mean = boot.models[k].auc.values.reduce(0, +) / Double(boot.replicates)
            XCTAssertEqual(mean, delong.aucs[k], accuracy: 0.005)
        }
        let diffSE = try XCTUnwrap(try boot.aucDifference(0, 1).standardError)
        XCTAssertEqual(diffSE / (try delong.compare(0, 1).standardError), 1, accuracy: 0.07)
    }

    func testCodableOmitsReplicateValues() throws {
        let c = try Fixtures.load(File.self, "stats-roc/bootstrap.json").cases[4]  // PPV undefined
        let result = try run(c, concurrency: nil)
        XCTAssertNil(result.models[1].ppv.interval)
        let decoded = try JSONDecoder().decode(BootstrapResult.self, from: JSONEncoder().encode(result))
        XCTAssertEqual(decoded.models[0].auc.interval, result.models[0].auc.interval)
        XCTAssertEqual(decoded.models[1].ppv.validReplicates, 0)
    }

    func testGuards() {
        let labels = [true, false, true, false]
        let s = [0.1, 0.2, 0.3, 0.4]
        let g = SeededGenerator(seed: 1)
        XCTAssertThrowsError(try StratifiedBootstrap(replicates: 0).run(scores: [s], labels: labels, thresholds: [0.5], generator: g))
        XCTAssertThrowsError(try StratifiedBootstrap(level: 1.5).run(scores: [s], labels: labels, thresholds: [0.5], generator: g))
        XCTAssertThrowsError(try StratifiedBootstrap(maximumConcurrency: 0).run(scores: [s], labels: labels, thresholds: [0.5], generator: g))
        XCTAssertThrowsError(try StratifiedBootstrap().run(scores: [s], labels: labels, thresholds: [], generator: g))
        XCTAssertThrowsError(try StratifiedBootstrap().run(scores: [s], labels: labels, thresholds: [.nan], generator: g))
        XCTAssertThrowsError(try StratifiedBootstrap().run(scores: [s], labels: [true, true, true, true], thresholds: [0.5], generator: g))
        XCTAssertThrowsError(try StratifiedBootstrap().run(scores: [[0.1, .nan, 0.3, 0.4]], labels: labels, thresholds: [0.5], generator: g))
    }
}
