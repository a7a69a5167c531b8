@testable import SentinelStats
import Foundation
import SentinelTestSupport
import XCTest

/// Brier, scaled Brier, ICI/E50/E90/Emax, Spiegelhalter and Hosmer-Lemeshow against rms::val.prob,
/// R (ResourceSelection's hoslem.test formula) and numpy; the summary's optional fields.
final class CalibrationSummaryTests: XCTestCase {
    func testBrierAndScaledBrier() throws {
        for (c, r, py) in CalibrationFixtures.triples {
            guard let scaled = py.scaled_brier else { continue }
            let b = try BrierScore.compute(probabilities: c.p, labels: c.labels)
            assertClose(b.brier, py.brier, relative: 1e-12, c.name)
            assertClose(b.scaled, scaled, relative: 1e-10, absolute: 1e-12, c.name)
            if let rms = r.val_prob?.brier { assertClose(b.brier, rms, relative: 1e-12, c.name) }
        }
    }

    func testSmoothedErrorsMatchValProb() throws {
        var againstRms = 0
        for (c, r, _) in CalibrationFixtures.triples {
            let e = try SmoothedCalibrationErrors.compute(probabilities: c.p, labels: c.labels)
            let x = r.smoothed_errors
            assertClose(e.eavg, x.eavg, relative: 1e-9, absolute: 1e-12, "\(c.name) Eavg")
            assertClose(e.e50, x.e50, relative: 1e-9, absolute: 1e-12, "\(c.name) E50")
            assertClose(e.e90, x.e90, relative: 1e-9, absolute: 1e-12, "\(c.name) E90")
            assertClose(e.emax, x.emax, relative: 1e-9, absolute: 1e-12, "\(c.name) Emax")
            if let vp = r.val_prob, let eavg = vp.eavg, let e90 = vp.e90, let emax = vp.emax {
                assertClose(e.eavg, eavg, relative: 1e-9, absolute: 1e-12, "\(c.name) val.prob Eavg")
                assertClose(e.e90, e90, relative: 1e-9, absolute: 1e-12, "\(c.name) val.prob E90")
                assertClose(e.emax, emax, relative: 1e-9, absolute: 1e-12, "\(c.name) val.prob Emax")
                againstRms += 1
            }
        }
        XCTAssertGreaterThanOrEqual(againstRms, 20)
    }

    func testSpiegelhalterMatchesValProb() throws {
        var checked = 0
        for (c, r, _) in CalibrationFixtures.triples {
            guard let vp = r.val_prob, let z = vp.sz, let p = vp.sp else { continue }
            let s = try SpiegelhalterTest.compute(probabilities: c.p, labels: c.labels)
            assertClose(s.z, z, relative: 1e-9, absolute: 1e-12, c.name)
            assertClose(s.p, p, relative: 1e-9, absolute: 1e-300, c.name)
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, 20)
        XCTAssertThrowsError(try SpiegelhalterTest.compute(probabilities: [0.5, 0.5, 0, 1], labels: [true, false, false, true]))
    }

    func testHosmerLemeshowMatchesResourceSelectionFormula() throws {
        var checked = 0
        for (c, r, _) in CalibrationFixtures.triples {
            if let expected = r.hosmer_lemeshow {
                let h = try HosmerLemeshowTest.compute(probabilities: c.p, labels: c.labels)
                assertClose(h.statistic, expected.statistic, relative: 1e-9, c.name)
                XCTAssertEqual(h.degreesOfFreedom, expected.df, c.name)
                XCTAssertEqual(h.groups, expected.groups, c.name)
                assertClose(h.p, expected.p, relative: 1e-9, absolute: 1e-14, c.name)
                checked += 1
            } else {
                XCTAssertThrowsError(try HosmerLemeshowTest.compute(probabilities: c.p, labels: c.labels), c.name)
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 18)
    }

    func testSummaryCollectsEverythingAndExplainsMissingValues() throws {
        for (c, r, py) in CalibrationFixtures.triples where c.labels.contains(true) && c.labels.contains(false) {
            let s = try CalibrationSummary.compute(probabilities: c.p, labels: c.labels)
            XCTAssertEqual(s.count, c.p.count)
            XCTAssertEqual(s.events, c.y.reduce(0, +))
            assertClose(s.brier, py.brier, relative: 1e-12, c.name)
            assertClose(s.smoothedErrors.eavg, r.smoothed_errors.eavg, relative: 1e-9, absolute: 1e-12, c.name)
            if let citl = py.logistic?.citl {
                assertClose(s.calibrationInTheLarge.estimate, citl.params[0], relative: 1e-6, absolute: 1e-9, c.name)
            }
            XCTAssertEqual(s.recalibration == nil, py.logistic?.slope == nil, c.name)
            XCTAssertEqual(s.hosmerLemeshow == nil, r.hosmer_lemeshow == nil, c.name)
            let missing = [s.recalibration == nil, s.spiegelhalter == nil, s.hosmerLemeshow == nil].filter { $0 }.count
            let clipped = c.p.contains { $0 == 0 || $0 == 1 } ? 1 : 0
            XCTAssertEqual(s.notes.count, missing + clipped, c.name)
        }
    }

    func testSummaryOfConstantHalfPredictions() throws {
        let c = CalibrationFixtures.inputs.cases.first { $0.name == "constant_0.5_n60" }!
        let s = try CalibrationSummary.compute(probabilities: c.p, labels: c.labels)
        XCTAssertNil(s.recalibration)
        XCTAssertNil(s.spiegelhalter)
        XCTAssertNil(s.hosmerLemeshow)
        XCTAssertEqual(s.notes.count, 3)
        let mean = Double(c.y.reduce(0, +)) / Double(c.y.count)
        assertClose(s.smoothedErrors.emax, abs(0.5 - mean), relative: 1e-12)
    }

    func testPredictionsOfExactlyZeroOrOneAreCountedInANote() throws {
        let labels = (0 ..< 40).map { $0 % 3 == 0 }
        var p = (0 ..< 40).map { 0.1 + 0.02 * Double($0) }
        let clean = try CalibrationSummary.compute(probabilities: p, labels: labels)
        XCTAssertFalse(clean.notes.contains { $0.contains("exactly 0 or 1") }, "no note without 0 or 1")
        p[0] = 0; p[5] = 1; p[7] = 1
        let s = try CalibrationSummary.compute(probabilities: p, labels: labels)
        let note = try XCTUnwrap(s.notes.first { $0.contains("exactly 0 or 1") })
        XCTAssertTrue(note.hasPrefix("3 predictions are exactly 0 or 1 (of 40)"), note)
        XCTAssertNotNil(s.recalibration, "the fits still run, on clipped logits")
        p[5] = 0.5; p[7] = 0.5
        XCTAssertTrue(try CalibrationSummary.compute(probabilities: p, labels: labels).notes
            .contains { $0.hasPrefix("1 prediction is exactly 0 or 1 (of 40)") })
    }

    func testSummaryRejectsSingleClass() {
        XCTAssertThrowsError(try CalibrationSummary.compute(probabilities: [0.1, 0.2], labels: [false, false])) {
            XCTAssertEqual($0 as? CalibrationError, .singleClass(events: 0, count: 2))
        }
    }

    func testChiSquareSurvivalMatchesScipy() {
        for row in CalibrationFixtures.python.chi2_sf {
            let value = HosmerLemeshowTest.chiSquareSurvival(row[0], degreesOfFreedom: Int(row[1]))
            assertClose(value, row[2], relative: 1e-12, absolute: 1e-300, "chi2.sf(\(row[0]), \(row[1]))")
        }
    }
}

/// Results are plain JSON-encodable data (no NaN: JSONEncoder would throw) and round-trip.
final class CalibrationCodableTests: XCTestCase {
    func testResultsRoundTripThroughJSON() throws {
        let encoder = JSONEncoder()
        let decoder = JSONDecoder()
        for c in CalibrationFixtures.inputs.cases where c.labels.contains(true) && c.labels.contains(false) {
            let summary = try CalibrationSummary.compute(probabilities: c.p, labels: c.labels)
            XCTAssertEqual(try decoder.decode(CalibrationSummary.self, from: encoder.encode(summary)), summary, c.name)
            let curve = try CalibrationCurve.compute(probabilities: c.p, labels: c.labels)
            XCTAssertEqual(try decoder.decode(CalibrationCurve.self, from: encoder.encode(curve)), curve, c.name)
            let dca = try DecisionCurve.compute(probabilities: c.p, labels: c.labels)
            XCTAssertEqual(try decoder.decode(DecisionCurve.self, from: encoder.encode(dca)), dca, c.name)
        }
    }

    func testDeterministic() throws {
        let c = CalibrationFixtures.inputs.cases.first { $0.name == "ties_one_decimal_n200" }!
        XCTAssertEqual(try CalibrationSummary.compute(probabilities: c.p, labels: c.labels),
                       try CalibrationSummary.compute(probabilities: c.p, labels: c.labels))
        XCTAssertEqual(try CalibrationCurve.compute(probabilities: c.p, labels: c.labels),
                       try CalibrationCurve.compute(probabilities: c.p, labels: c.labels))
    }

    func testParameterBounds() {
        XCTAssertThrowsError(try CalibrationCurve.bins(probabilities: [0.2], labels: [true], binCount: 10_001))
        XCTAssertThrowsError(try HosmerLemeshowTest.compute(probabilities: [0.2, 0.3], labels: [true, false], groups: 2))
        XCTAssertNoThrow(try Lowess(span: 1e300).fit(x: [1, 2, 3], y: [1, 2, 3]))
    }
}
