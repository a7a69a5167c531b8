/// A paired DeLong test of two models' AUCs on the same patients.
public struct ModelComparison: Codable, Sendable, Equatable {
    public var a: String
    public var b: String
    public var method: String
    /// AUC(a) - AUC(b).
    public var aucDifference: Double
    public var differenceCI: [Double]?
    /// nil when the difference has zero variance (identical rankings): the test is undefined.
    public var z: Double?
    public var p: Double?

    public init(a: String, b: String, aucDifference: Double, differenceCI: [Double]?, z: Double?, p: Double?) {
        self.a = a; self.b = b
        self.method = "delong"
        self.aucDifference = aucDifference
        self.differenceCI = differenceCI
        self.z = z; self.p = p
    }

    enum CodingKeys: String, CodingKey {
        case a, b, method
        case aucDifference = "auc_difference"
        case differenceCI = "difference_ci"
        case z, p
    }

    /// Every key is written; an undefined test (identical rankings) has `z` and `p` null.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(a, forKey: .a)
        try c.encode(b, forKey: .b)
        try c.encode(method, forKey: .method)
        try c.encode(aucDifference, forKey: .aucDifference)
        try c.encode(differenceCI, forKey: .differenceCI)
        try c.encode(z, forKey: .z)
        try c.encode(p, forKey: .p)
    }
}
