/// The outcome of a hypothesis test: its statistic, two-sided p-value and a human-readable
/// name of the exact method, for table footnotes.
public struct TestResult: Codable, Sendable, Equatable {
    /// The test statistic (see `statisticName`).
    public var statistic: Double
    /// The two-sided p-value, in [0, 1].
    public var p: Double
    /// The method, e.g. "Mann-Whitney U test (normal approximation, continuity correction)".
    public var method: String
    /// The statistic's conventional symbol: "U", "t", "W", "X²" or "P(table)".
    public var statisticName: String
    /// Degrees of freedom for t and chi-square tests, nil otherwise.
    public var degreesOfFreedom: Double?

    public init(statistic: Double, p: Double, method: String, statisticName: String, degreesOfFreedom: Double? = nil) {
        self.statistic = statistic
        self.p = p
        self.method = method
        self.statisticName = statisticName
        self.degreesOfFreedom = degreesOfFreedom
    }
}
