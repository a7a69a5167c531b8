/// Encodes the summary only (`validReplicates`, `interval`, `standardError`); the replicate
/// values may contain NaN, which JSON cannot hold, and are decoded as empty.
extension BootstrapEstimate: Codable {
    private enum CodingKeys: String, CodingKey {
        case validReplicates, interval, standardError
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        values = []
        validReplicates = try c.decode(Int.self, forKey: .validReplicates)
        interval = try c.decodeIfPresent(ConfidenceInterval.self, forKey: .interval)
        standardError = try c.decodeIfPresent(Double.self, forKey: .standardError)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(validReplicates, forKey: .validReplicates)
        try c.encodeIfPresent(interval, forKey: .interval)
        try c.encodeIfPresent(standardError, forKey: .standardError)
    }
}
