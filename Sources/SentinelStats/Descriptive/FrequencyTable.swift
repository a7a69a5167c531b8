/// Counts and percentages of the levels of a categorical variable, for "n (%)" rows.
public struct FrequencyTable: Codable, Sendable, Equatable {
    /// One level with its count and its percentage of the non-missing values.
    public struct Level: Codable, Sendable, Equatable {
        public let level: String
        public let count: Int
        /// 100 · count / nonMissing (0 when nothing is non-missing).
        public let percent: Double
    }

    /// Levels in the declared order, or sorted ascending when none was declared; declared
    /// levels that do not occur are kept with count 0.
    public let levels: [Level]
    /// Number of non-missing values.
    public let nonMissing: Int
    /// Number of missing (nil) values.
    public let missing: Int

    /// Tabulates `values` (nil = missing).
    /// - Parameter order: the levels in display order; when given, any other value throws
    ///   `DescriptiveError.unknownLevel`.
    public init(_ values: [String?], levels order: [String]? = nil) throws {
        var counts: [String: Int] = [:]
        var missing = 0
        for (i, v) in values.enumerated() {
            guard let v else { missing += 1; continue }
            if let order, !order.contains(v) { throw DescriptiveError.unknownLevel(v, index: i) }
            counts[v, default: 0] += 1
        }
        let names = order ?? counts.keys.sorted()
        let total = values.count - missing
        self.levels = names.map { name in
            let c = counts[name] ?? 0
            return Level(level: name, count: c, percent: total > 0 ? 100 * Double(c) / Double(total) : 0)
        }
        self.nonMissing = total
        self.missing = missing
    }
}
