/// Spiegelhalter's z test of calibration (Spiegelhalter 1986), as rms `val.prob` "S:z", "S:p".
///
/// z = Σ (yᵢ − pᵢ)(1 − 2pᵢ) / √( Σ (1 − 2pᵢ)² pᵢ(1 − pᵢ) ), p = 2·Φ(−|z|), on the raw
/// (unclipped) predictions. Undefined when the denominator is 0, i.e. every prediction is 0,
/// 0.5 or 1.
public struct SpiegelhalterTest: Codable, Sendable, Equatable {
    /// The z statistic.
    public let z: Double
    /// Two-sided normal p-value.
    public let p: Double

    public init(z: Double, p: Double) {
        self.z = z
        self.p = p
    }

    /// Computes the test.
    /// - Throws: `CalibrationError` for invalid input, or `.undefined` when every prediction is
    ///   0, 0.5 or 1.
    public static func compute(probabilities: [Double], labels: [Bool]) throws -> SpiegelhalterTest {
        try compute(CalibrationInput(probabilities: probabilities, labels: labels))
    }

    static func compute(_ input: CalibrationInput) throws -> SpiegelhalterTest {
        var numerator = 0.0
        var variance = 0.0
        for (p, event) in zip(input.probabilities, input.labels) {
            let a = 1 - 2 * p
            numerator += ((event ? 1 : 0) - p) * a
            variance += a * a * p * (1 - p)
        }
        guard variance > 0 else {
            throw CalibrationError.undefined(statistic: "Spiegelhalter's z",
                                             reason: "every prediction is 0, 0.5 or 1, so its variance is zero")
        }
        let z = numerator / variance.squareRoot()
        return SpiegelhalterTest(z: z, p: Normal.twoSidedP(z))
    }
}
