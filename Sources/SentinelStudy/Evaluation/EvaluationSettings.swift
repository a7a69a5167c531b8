/// Settings of an evaluation: bootstrap size and seed, CI level, calibration bins and the
/// decision-curve threshold grid.
public struct EvaluationSettings: Sendable {
    /// The most bootstrap replicates a study file or a command accepts: beyond it the replicate
    /// values of every metric no longer fit in memory on an ordinary machine (and the CIs no
    /// longer change).
    public static let maximumBootstrapReplicates = 1_000_000

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
