import SentinelStats

// Calibration and decision-curve parts of the evaluation. Wired to SentinelStats'
// calibration and decision-curve types as they land.
extension PredictionEvaluator {
    func addCalibration(to m: inout ModelEvaluation, scores: [Double], labels: [Bool]) throws {
    }

    func calibrationCurves(scores: [Double], labels: [Bool]) throws -> ModelCurves {
        ModelCurves(rocFPR: [], rocTPR: [], binPredicted: [], binObserved: [], binLower: [], binUpper: [],
                    binCount: [], smoothPredicted: [], smoothObserved: [], netBenefit: [])
    }

    func netBenefit(scores: [Double], labels: [Bool]) -> [Double] {
        []
    }

    func treatAllNetBenefit(labels: [Bool]) -> [Double] {
        []
    }
}
