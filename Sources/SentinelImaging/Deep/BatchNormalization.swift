/// Inference-time batch normalisation parameters of one layer, as stored by PyTorch
/// (`weight` γ, `bias` β, `running_mean` μ, `running_var` σ²), and their fold into the
/// preceding convolution.
public struct BatchNormalization: Sendable, Equatable {
    public var weight: [Float]
    public var bias: [Float]
    public var runningMean: [Float]
    public var runningVariance: [Float]
    /// Added to the variance; PyTorch's default, 1e-5.
    public var epsilon: Float

    public init(weight: [Float], bias: [Float], runningMean: [Float], runningVariance: [Float], epsilon: Float = 1e-5) {
        self.weight = weight
        self.bias = bias
        self.runningMean = runningMean
        self.runningVariance = runningVariance
        self.epsilon = epsilon
    }

    /// Identity statistics for `channels` (γ = 1, β = 0, μ = 0, σ² = 1), torchvision's initial state.
    public static func identity(channels: Int) -> BatchNormalization {
        BatchNormalization(weight: .init(repeating: 1, count: channels), bias: .init(repeating: 0, count: channels),
                           runningMean: .init(repeating: 0, count: channels),
                           runningVariance: .init(repeating: 1, count: channels))
    }

    /// The convolution that computes `BN(conv(x))` in one step:
    /// `W'[o] = W[o] · s[o]`, `b'[o] = β[o] + (b[o] − μ[o]) · s[o]`, with `s = γ / √(σ² + ε)`
    /// evaluated in double precision and rounded once to Float. `algorithm` is passed on to the
    /// folded convolution (see `Convolution.init`).
    public func folded(into convolution: Convolution, algorithm: Convolution.Algorithm = .winograd2x2) -> Convolution {
        var weights = convolution.weights
        var bias = convolution.bias
        fold(&weights, bias: &bias, outChannels: convolution.outChannels)
        return Convolution(inChannels: convolution.inChannels, outChannels: convolution.outChannels,
                           kernelSize: convolution.kernelSize, stride: convolution.stride,
                           padding: convolution.padding, weights: weights, bias: bias, algorithm: algorithm)
    }

    /// The arithmetic of `folded(into:algorithm:)` on a convolution's `weights` (OIHW) and
    /// `bias`, in place (no copy of `weights` when the caller holds its only reference).
    func fold(_ weights: inout [Float], bias: inout [Float], outChannels: Int) {
        let perOutput = weights.count / outChannels
        weights.withUnsafeMutableBufferPointer { w in
            for o in 0..<outChannels {
                let scale = Double(weight[o]) / (Double(runningVariance[o]) + Double(epsilon)).squareRoot()
                for i in 0..<perOutput {
                    w[o * perOutput + i] = Float(Double(w[o * perOutput + i]) * scale)
                }
                bias[o] = Float(Double(self.bias[o]) + (Double(bias[o]) - Double(runningMean[o])) * scale)
            }
        }
    }
}
