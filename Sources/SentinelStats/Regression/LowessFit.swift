/// The result of `Lowess.fit`: the smoothed values at every input point.
///
/// Like R's `lowess()`, points are returned ordered by x (stable for ties); `order` maps back
/// to the input (`x[k] == input x[order[k]]`).
public struct LowessFit: Codable, Sendable, Equatable {
    /// The x values in ascending order (ties in input order).
    public let x: [Double]
    /// The smoothed value at each `x[k]`.
    public let fitted: [Double]
    /// Input index of each sorted point.
    public let order: [Int]

    public init(x: [Double], fitted: [Double], order: [Int]) {
        self.x = x
        self.fitted = fitted
        self.order = order
    }

    /// The smoothed values in the input order (`result[i]` belongs to input point i).
    public var fittedInInputOrder: [Double] {
        var result = [Double](repeating: 0, count: fitted.count)
        for (k, i) in order.enumerated() { result[i] = fitted[k] }
        return result
    }
}
