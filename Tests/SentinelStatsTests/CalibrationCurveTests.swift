import SentinelStats
import SentinelTestSupport
import XCTest

/// Quantile bins against the reference pipeline's `calibration_bins` (== scikit-learn
/// calibration_curve(strategy="quantile")) with empty bins kept, Wilson intervals against
/// statsmodels, and the smoothed curve against R lowess.
final class CalibrationCurveTests: XCTestCase {
    func testBinsMatchPipelineAndKeepEmptyBins() throws {
        var sawEmpty = false
        for (c, _, py) in CalibrationFixtures.triples {
            let bins = try CalibrationCurve.bins(probabilities: c.p, labels: c.labels)
            let e = py.bins
            XCTAssertEqual(bins.count, 10, c.name)
            XCTAssertEqual(bins.map(\.index), Array(0..<10), c.name)
            XCTAssertEqual(bins.map(\.count), e.count, c.name)
            XCTAssertEqual(bins.map(\.events), e.events, c.name)
            XCTAssertEqual(bins.map(\.lowerEdge) + [bins[9].upperEdge], e.edges, c.name)
            let nonEmpty = bins.filter { $0.count > 0 }
            XCTAssertEqual(nonEmpty.map(\.index), e.nonempty_bin, c.name)
            assertClose(nonEmpty.compactMap(\.meanPredicted), e.mean_pred, relative: 1e-12, absolute: 1e-15, c.name)
            assertClose(nonEmpty.compactMap(\.observedFraction), e.frac_pos, relative: 1e-12, c.name)
            for (bin, wilson) in zip(bins, e.wilson) {
                if let wilson {
                    let interval = try XCTUnwrap(bin.observedInterval, c.name)
                    assertClose(interval.lowerBound, wilson[0], relative: 1e-12, absolute: 1e-15, "\(c.name) bin \(bin.index)")
                    assertClose(interval.upperBound, wilson[1], relative: 1e-12, absolute: 1e-15, "\(c.name) bin \(bin.index)")
                } else {
                    sawEmpty = true
                    XCTAssertEqual(bin.count, 0)
                    XCTAssertNil(bin.observedInterval)
                    XCTAssertNil(bin.meanPredicted)
                    XCTAssertNil(bin.observedFraction)
                }
            }
        }
        XCTAssertTrue(sawEmpty, "the fixtures include tied predictions that leave bins empty")
    }

    func testSmoothedCurveIsRLowessAtDistinctPredictions() throws {
        for (c, r, _) in CalibrationFixtures.triples {
            let curve = try CalibrationCurve.compute(probabilities: c.p, labels: c.labels)
            let distinct = Set(c.p).count
            XCTAssertEqual(curve.smoothed.count, distinct, c.name)
            XCTAssertEqual(curve.smoothed.map(\.predicted), Set(c.p).sorted(), c.name)
            let byX = Dictionary(zip(r.lowess_iter3.x, r.lowess_iter3.y), uniquingKeysWith: { a, _ in a })
            for point in curve.smoothed {
                guard let expected = byX[point.predicted] else { continue }
                assertClose(point.observed, expected, relative: 1e-9, absolute: 1e-12, c.name)
            }
        }
    }

    func testWilsonIntervalEdges() {
        XCTAssertNil(CalibrationBin.wilsonInterval(events: 0, count: 0))
        let allEvents = CalibrationBin.wilsonInterval(events: 5, count: 5)!
        XCTAssertEqual(allEvents.upperBound, 1)
        XCTAssertLessThan(allEvents.lowerBound, 1)
        XCTAssertEqual(CalibrationBin.wilsonInterval(events: 0, count: 5)!.lowerBound, 0)
        // The edges are exact for every count (the formula alone leaves ~1e-17 at e.g. 0 of 6).
        for count in 1...300 {
            XCTAssertEqual(CalibrationBin.wilsonInterval(events: 0, count: count)!.lowerBound, 0, "0 of \(count)")
            XCTAssertEqual(CalibrationBin.wilsonInterval(events: count, count: count)!.upperBound, 1, "\(count) of \(count)")
            let none = try! Proportion(successes: 0, trials: count, level: 0.9)
            XCTAssertEqual(none.interval?.lower, 0, "0 of \(count)")
            XCTAssertGreaterThan(none.interval!.upper, 0)
        }
    }

    func testInvalidInputThrows() {
        XCTAssertThrowsError(try CalibrationCurve.compute(probabilities: [], labels: [])) {
            XCTAssertEqual($0 as? CalibrationError, .emptyInput)
        }
        XCTAssertThrowsError(try CalibrationCurve.compute(probabilities: [0.1, 1.2], labels: [true, false])) {
            XCTAssertEqual($0 as? CalibrationError, .invalidProbability(index: 1, value: 1.2))
        }
        XCTAssertThrowsError(try CalibrationCurve.compute(probabilities: [0.1, .nan], labels: [true, false]))
        XCTAssertThrowsError(try CalibrationCurve.compute(probabilities: [0.1], labels: [true, false])) {
            XCTAssertEqual($0 as? CalibrationError, .lengthMismatch(probabilities: 1, labels: 2))
        }
        XCTAssertThrowsError(try CalibrationCurve.bins(probabilities: [0.1], labels: [true], binCount: 0))
    }
}
