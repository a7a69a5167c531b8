/// The Brier score and the scaled Brier score.
///
/// brier = mean (pᵢ − yᵢ)²; scaled = 1 − brier / brier_max with brier_max = ȳ(1 − ȳ), the Brier
/// score of predicting the prevalence ȳ for everyone (Steyerberg et al. 2010). 1 is perfect,
/// 0 is no better than the prevalence, negative is worse.
public struct BrierScore: Codable, Sendable, Equatable {
    /// Mean squared error of the predicted probabilities.
    public let brier: Double
    /// 1 − brier / (ȳ(1 − ȳ)).
    public let scaled: Double

    public init(brier: Double, scaled: Double) {
        self.brier = brier
        self.scaled = scaled
    }

    /// Computes both scores.
    /// - Throws: `CalibrationError` for invalid input or a single outcome class (scaled undefined).
    public static func compute(probabilities: [Double], labels: [Bool]) throws -> BrierScore {
        try compute(CalibrationInput(probabilities: probabilities, labels: labels))
    }

    static func compute(_ input: CalibrationInput) throws -> BrierScore {
        try input.requireBothClasses()
        var sum = 0.0
        for (p, event) in zip(input.probabilities, input.labels) {
            let d = p - (event ? 1 : 0)
            sum += d * d
        }
        let brier = sum / Double(input.count)
        let prevalence = input.prevalence
        return BrierScore(brier: brier, scaled: 1 - brier / (prevalence * (1 - prevalence)))
    }
}
