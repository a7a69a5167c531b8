/// A two-sided confidence interval `[lower, upper]` at confidence `level` (e.g. 0.95).
public struct ConfidenceInterval: Codable, Sendable, Equatable {
    /// Lower bound.
    public var lower: Double
    /// Upper bound.
    public var upper: Double
    /// Nominal coverage, in (0, 1).
    public var level: Double

    public init(lower: Double, upper: Double, level: Double) {
        self.lower = lower
        self.upper = upper
        self.level = level
    }
}
