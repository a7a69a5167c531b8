import Foundation
import SentinelNumerics

/// The parameters of a torchvision ResNet18 (or a narrower variant of the same topology),
/// keyed by torchvision's `state_dict` names and stored unfolded, as in the checkpoint.
///
/// Keys: `conv1.weight`, `bn1.{weight,bias,running_mean,running_var}`, then for stage
/// L = 1...4 and block b = 0, 1: `layerL.b.conv1.weight`, `layerL.b.bn1.*`, `layerL.b.conv2.weight`,
/// `layerL.b.bn2.*`, and for L ≥ 2, b = 0: `layerL.0.downsample.0.weight` (1×1) and
/// `layerL.0.downsample.1.*` (its batch norm). Stage widths are `baseWidth · (1, 2, 4, 8)`
/// (64 → 512 for torchvision). `fc.*` and the I64 `num_batches_tracked` counters are ignored.
public struct ResNet18Weights: Sendable, Equatable {
    /// Channels of the stem and the first stage (64 for torchvision's ResNet18).
    public let baseWidth: Int
    /// Every required tensor by key (exactly the keys of `expectedShapes(baseWidth:)`).
    public private(set) var tensors: [String: FloatTensor]

    /// The required keys in network order, with their shapes.
    public static func expectedShapes(baseWidth: Int = 64) -> [(key: String, shape: [Int])] {
        var list: [(String, [Int])] = [("conv1.weight", [baseWidth, 3, 7, 7])]
        list += batchNormShapes("bn1", baseWidth)
        var inChannels = baseWidth
        for stage in 1...4 {
            let width = baseWidth << (stage - 1)
            for block in 0..<2 {
                let prefix = "layer\(stage).\(block)"
                let blockIn = block == 0 ? inChannels : width
                list.append(("\(prefix).conv1.weight", [width, blockIn, 3, 3]))
                list += batchNormShapes("\(prefix).bn1", width)
                list.append(("\(prefix).conv2.weight", [width, width, 3, 3]))
                list += batchNormShapes("\(prefix).bn2", width)
                if stage > 1 && block == 0 {
                    list.append(("\(prefix).downsample.0.weight", [width, blockIn, 1, 1]))
                    list += batchNormShapes("\(prefix).downsample.1", width)
                }
            }
            inChannels = width
        }
        return list
    }

    private static func batchNormShapes(_ prefix: String, _ channels: Int) -> [(String, [Int])] {
        ["weight", "bias", "running_mean", "running_var"].map { ("\(prefix).\($0)", [channels]) }
    }

    /// Validates and keeps `tensors` (extra keys are dropped).
    /// - Throws: `DeepError.missingTensor` / `.tensorShapeMismatch` naming the first bad key.
    public init(tensors: [String: FloatTensor], baseWidth: Int = 64) throws {
        guard baseWidth > 0 else { throw DeepError.invalidInput("base width must be positive, got \(baseWidth)") }
        var kept: [String: FloatTensor] = [:]
        for (key, shape) in Self.expectedShapes(baseWidth: baseWidth) {
            guard let tensor = tensors[key] else { throw DeepError.missingTensor(key: key, expectedShape: shape) }
            guard tensor.shape == shape else {
                throw DeepError.tensorShapeMismatch(key: key, expected: shape, found: tensor.shape)
            }
            kept[key] = tensor
        }
        self.baseWidth = baseWidth
        self.tensors = kept
    }

    /// Reads the required tensors from a safetensors container. The width is taken from
    /// `conv1.weight` (`[baseWidth, 3, 7, 7]`); every other tensor must match it.
    public init(safetensors file: Safetensors) throws {
        guard let stem = file.entries["conv1.weight"] else {
            throw DeepError.missingTensor(key: "conv1.weight", expectedShape: [64, 3, 7, 7])
        }
        guard stem.shape.count == 4, stem.shape[0] > 0, Array(stem.shape[1...]) == [3, 7, 7] else {
            throw DeepError.tensorShapeMismatch(key: "conv1.weight", expected: [64, 3, 7, 7], found: stem.shape)
        }
        // Convert the tensors in parallel; errors are reported for the first key in network order.
        let expected = Self.expectedShapes(baseWidth: stem.shape[0])
        let slots = ResultSlots<FloatTensor>(count: expected.count)
        Parallel.forEach(expected.count) { i in
            slots.set(i, Result { try file.tensor(expected[i].key, shape: expected[i].shape) })
        }
        var tensors: [String: FloatTensor] = [:]
        for (i, entry) in expected.enumerated() { tensors[entry.key] = try slots.get(i) }
        try self.init(tensors: tensors, baseWidth: stem.shape[0])
    }

    /// Reads a safetensors file.
    public init(contentsOf url: URL) throws {
        try self.init(safetensors: Safetensors(contentsOf: url))
    }

    /// torchvision's initialisation with a seeded stream: every convolution weight drawn from
    /// N(0, 2 / fan_out) with fan_out = out_channels · k · k (`kaiming_normal_(mode="fan_out",
    /// nonlinearity="relu")`), in network order; batch norms at identity (γ = 1, β = 0, μ = 0, σ² = 1).
    public static func randomlyInitialized(seed: UInt64, baseWidth: Int = 64) -> ResNet18Weights {
        precondition(baseWidth > 0, "base width must be positive")
        var generator = SeededGenerator(seed: seed)
        var tensors: [String: FloatTensor] = [:]
        for (key, shape) in expectedShapes(baseWidth: baseWidth) {
            let count = shape.reduce(1, *)
            if key.hasSuffix(".weight") && shape.count == 4 {
                let std = (2.0 / Double(shape[0] * shape[2] * shape[3])).squareRoot()
                var values = [Float](repeating: 0, count: count)
                for i in 0..<count { values[i] = Float(generator.nextGaussian() * std) }
                tensors[key] = FloatTensor(shape: shape, values: values)
            } else {
                let one = key.hasSuffix(".weight") || key.hasSuffix(".running_var")
                tensors[key] = FloatTensor(shape: shape, repeating: one ? 1 : 0)
            }
        }
        // The keys and shapes are the expected ones by construction.
        return ResNet18Weights(validated: tensors, baseWidth: baseWidth)
    }

    private init(validated tensors: [String: FloatTensor], baseWidth: Int) {
        self.tensors = tensors
        self.baseWidth = baseWidth
    }

    /// The weights as an F32 safetensors container with torchvision key names.
    public func safetensorsData(metadata: [String: String] = [:]) -> Data {
        Safetensors.encode(tensors, metadata: metadata)
    }

    /// Writes `safetensorsData()` to `url`.
    public func write(to url: URL, metadata: [String: String] = [:]) throws {
        do {
            try safetensorsData(metadata: metadata).write(to: url)
        } catch {
            throw DeepError.unreadableFile(path: url.path, reason: "cannot write: \(error.localizedDescription)")
        }
    }

    /// Removes the tensor `key` and returns it (its values then have no other owner here).
    mutating func removeTensor(_ key: String) -> FloatTensor? {
        tensors.removeValue(forKey: key)
    }

    /// The batch-norm parameters stored under `prefix` (e.g. `layer1.0.bn1`).
    func batchNormalization(_ prefix: String) throws -> BatchNormalization {
        let bn = BatchNormalization(weight: tensors["\(prefix).weight"]!.values,
                                    bias: tensors["\(prefix).bias"]!.values,
                                    runningMean: tensors["\(prefix).running_mean"]!.values,
                                    runningVariance: tensors["\(prefix).running_var"]!.values)
        if let bad = bn.runningVariance.firstIndex(where: { !($0 + bn.epsilon > 0) }) {
            throw DeepError.invalidWeight(key: "\(prefix).running_var",
                                          reason: "variance \(bn.runningVariance[bad]) at channel \(bad) is not positive")
        }
        return bn
    }
}
