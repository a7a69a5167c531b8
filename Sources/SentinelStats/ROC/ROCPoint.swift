/// One operating point of a ROC curve: calling `score >= threshold` positive gives
/// `truePositives` of the cases and `falsePositives` of the controls.
public struct ROCPoint: Sendable, Equatable {
    /// The threshold; `+infinity` for the first point (nobody called positive).
    public let threshold: Double
    /// False-positive rate = falsePositives / controls = 1 - specificity.
    public let falsePositiveRate: Double
    /// True-positive rate = truePositives / cases = sensitivity.
    public let truePositiveRate: Double
    /// Cases with score >= threshold.
    public let truePositives: Int
    /// Controls with score >= threshold.
    public let falsePositives: Int

    public init(threshold: Double, falsePositiveRate: Double, truePositiveRate: Double,
                truePositives: Int, falsePositives: Int) {
        self.threshold = threshold
        self.falsePositiveRate = falsePositiveRate
        self.truePositiveRate = truePositiveRate
        self.truePositives = truePositives
        self.falsePositives = falsePositives
    }
}
