/// A batch of feature maps stored channel-major: `values[((c · batch + n) · height + y) · width + x]`.
///
/// With this "CNHW" layout the im2col matrix of a whole batch is one K × (batch·H·W) matrix
/// and a convolution's SGEMM writes its output in the same layout, with no transposes
/// between layers.
public struct ActivationBatch: Sendable, Equatable {
    public var channels: Int
    public var batch: Int
    public var height: Int
    public var width: Int
    public var values: [Float]

    public init(channels: Int, batch: Int, height: Int, width: Int, values: [Float]) {
        precondition(values.count == channels * batch * height * width, "activation size mismatch")
        self.channels = channels
        self.batch = batch
        self.height = height
        self.width = width
        self.values = values
    }

    /// Converts PyTorch's NCHW layout (`[n][c][y][x]`) to this layout.
    public init(nchw: [Float], batch: Int, channels: Int, height: Int, width: Int) {
        precondition(nchw.count == batch * channels * height * width, "NCHW size mismatch")
        let plane = height * width
        let values = [Float](unsafeUninitializedCapacity: nchw.count) { buffer, initialized in
            nchw.withUnsafeBufferPointer { source in
                for n in 0..<batch {
                    for c in 0..<channels {
                        let src = source.baseAddress! + (n * channels + c) * plane
                        (buffer.baseAddress! + (c * batch + n) * plane).initialize(from: src, count: plane)
                    }
                }
            }
            initialized = nchw.count
        }
        self.init(channels: channels, batch: batch, height: height, width: width, values: values)
    }

    /// The values in PyTorch's NCHW layout.
    public var nchw: [Float] {
        let plane = height * width
        var out = [Float](repeating: 0, count: values.count)
        for n in 0..<batch {
            for c in 0..<channels {
                let src = (c * batch + n) * plane
                let dst = (n * channels + c) * plane
                for i in 0..<plane { out[dst + i] = values[src + i] }
            }
        }
        return out
    }
}
