/// Settings of an evaluation: bootstrap size and seed, CI level, calibration bins and the
/// decision-curve threshold grid.
public struct EvaluationSettings: Sendable {
    public var bootstrapReplicates: Int
    public var seed: UInt64
    public var level: Double
    public var calibrationBins: Int
    /// Decision-curve thresholds, 0.01...0.99 by default.
    public var decisionThresholds: [Double]
    /// Keep curve points in the results (for figures); off for pure benchmarks.
    public var includeCurves: Bool

    public init(bootstrapReplicates: Int = 2000, seed: UInt64 = 20250909, level: Double = 0.95,
                calibrationBins: Int = 10, decisionThresholds: [Double] = (1...99).map { Double($0) / 100 },
                includeCurves: Bool = true) {
        self.bootstrapReplicates = bootstrapReplicates
        self.seed = seed
        self.level = level
        self.calibrationBins = calibrationBins
        self.decisionThresholds = decisionThresholds
        self.includeCurves = includeCurves
    }
}
