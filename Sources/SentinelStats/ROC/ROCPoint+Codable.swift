/// JSON has no infinity: the `+infinity` threshold of the first point is encoded as `null`
/// (key `threshold` absent) and decoded back to `+infinity`.
extension ROCPoint: Codable {
    private enum CodingKeys: String, CodingKey {
        case threshold, falsePositiveRate, truePositiveRate, truePositives, falsePositives
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        threshold = try c.decodeIfPresent(Double.self, forKey: .threshold) ?? .infinity
        falsePositiveRate = try c.decode(Double.self, forKey: .falsePositiveRate)
        truePositiveRate = try c.decode(Double.self, forKey: .truePositiveRate)
        truePositives = try c.decode(Int.self, forKey: .truePositives)
        falsePositives = try c.decode(Int.self, forKey: .falsePositives)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        if threshold.isFinite { try c.encode(threshold, forKey: .threshold) }
        try c.encode(falsePositiveRate, forKey: .falsePositiveRate)
        try c.encode(truePositiveRate, forKey: .truePositiveRate)
        try c.encode(truePositives, forKey: .truePositives)
        try c.encode(falsePositives, forKey: .falsePositives)
    }
}
