import Foundation
import SentinelNumerics
import SentinelStats
import XCTest
@testable import SentinelStudy

/// The calibration curve a report draws is the one its ICI measures: R `lowess(p, y, iter = 0)`
/// (rms `val.prob`). With robustness iterations the rarer outcome is down-weighted as outliers
/// and the curve of 0/1 data collapses towards 0, contradicting the printed ICI.
final class EvaluationCalibrationCurveTests: XCTestCase {
    private func evaluation() throws -> ModelEvaluation {
        var generator = SeededGenerator(seed: 17)
        let labels = (0..<87).map { $0 < 24 }
        let scores = labels.map { label -> Double in
            let logit = (label ? 0.9 : 0) + generator.nextGaussian() - 1.2
            return 1 / (1 + exp(-logit))
        }
        let input = EvaluationInput(modelNames: ["Rad"], cohorts: [EvaluationInput.Cohort(name: "validation", labels: labels, scores: [scores])],
                                    thresholdCohort: 0)
        let results = try PredictionEvaluator(settings: EvaluationSettings(bootstrapReplicates: 0, seed: 1), toolName: "t").evaluate(input)
        return try XCTUnwrap(results.cohorts.first?.models.first)
    }

    func testDrawnCurveIsTheCurveTheICIMeasures() throws {
        let model = try evaluation()
        let curves = try XCTUnwrap(model.curves)
        let ici = try XCTUnwrap(model.ici)
        // ICI = mean over patients of |smoothed(p_i) − p_i|; the curve holds one point per distinct p.
        let smoothed = Dictionary(zip(curves.smoothPredicted, curves.smoothObserved), uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(smoothed.count, curves.smoothPredicted.count)
        XCTAssertFalse(curves.smoothObserved.allSatisfy { $0 <= 1e-12 }, "a flattened curve")
        XCTAssertGreaterThan(curves.smoothPredicted.count, 50)
        XCTAssertTrue(ici.isFinite && ici > 0)
    }

    func testDrawnCurveMatchesLowessWithoutRobustnessIterations() throws {
        let model = try evaluation()
        let curves = try XCTUnwrap(model.curves)
        var generator = SeededGenerator(seed: 17)
        let labels = (0..<87).map { $0 < 24 }
        let scores = labels.map { label -> Double in
            let logit = (label ? 0.9 : 0) + generator.nextGaussian() - 1.2
            return 1 / (1 + exp(-logit))
        }
        let plain = try CalibrationCurve.compute(probabilities: scores, labels: labels, smoother: Lowess(robustnessIterations: 0))
        XCTAssertEqual(curves.smoothObserved, plain.smoothed.map(\.observed))
        XCTAssertEqual(curves.smoothPredicted, plain.smoothed.map(\.predicted))
        let robust = try CalibrationCurve.compute(probabilities: scores, labels: labels, smoother: Lowess())
        XCTAssertNotEqual(curves.smoothObserved, robust.smoothed.map(\.observed))
        // ICI from the drawn curve, patient by patient.
        let smoothed = Dictionary(zip(curves.smoothPredicted, curves.smoothObserved), uniquingKeysWith: { a, _ in a })
        let ici = scores.map { abs(smoothed[$0]! - $0) }.reduce(0, +) / Double(scores.count)
        XCTAssertEqual(try XCTUnwrap(model.ici), ici, accuracy: 1e-12)
    }
}
