/// A dense single-precision tensor: a shape and its values in row-major (C) order.
public struct FloatTensor: Sendable, Equatable {
    /// Extent of each axis, outermost first (PyTorch order, e.g. `[out, in, kh, kw]`).
    public var shape: [Int]
    /// `shape.reduce(1, *)` values, last axis fastest.
    public var values: [Float]

    /// Creates a tensor; `values.count` must equal the product of `shape`.
    public init(shape: [Int], values: [Float]) {
        precondition(shape.reduce(1, *) == values.count, "tensor shape \(shape) does not hold \(values.count) values")
        self.shape = shape
        self.values = values
    }

    /// A tensor of `shape` filled with `value`.
    public init(shape: [Int], repeating value: Float) {
        self.init(shape: shape, values: [Float](repeating: value, count: shape.reduce(1, *)))
    }
}
