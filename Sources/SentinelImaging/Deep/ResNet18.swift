import Foundation
import SentinelNumerics

/// ResNet18 inference (He et al. 2016, torchvision layout) up to the global average pool:
/// the 8·baseWidth-dimensional (512 for torchvision) penultimate features.
///
/// conv 7×7/2 (pad 3) + BN + ReLU → max-pool 3×3/2 (pad 1) → four stages of two BasicBlocks
/// (widths baseWidth·1, 2, 4, 8; the first block of stages 2–4 has stride 2 and a 1×1/2
/// convolution + BN shortcut) → global average pool. Batch norms (ε = 1e-5) are folded into
/// the convolutions when the network is built; all arithmetic is Float32. The 3×3 stride-1
/// convolutions run as Winograd F(4×4, 3×3) + SGEMM (transforms in C at the CPU's widest
/// vector instructions, `DeepKernels`), the others (7×7 stem, 3×3/2, 1×1/2 shortcuts) as
/// im2col + SGEMM, over whole batches and parallel over all cores (the stem and its max-pool
/// one image at a time, `Convolution.applyMaxPooled`), with
/// OpenBLAS's own threading off meanwhile (`OpenBLASKernels`). The result is deterministic
/// (work is cut by layer shape, never by thread count); features of an image may differ by
/// ~1e-6 between batch compositions (SGEMM rounding by column position). Against onnxruntime
/// on the same weights: max |Δ| 4.8e-6 on the 512-d vector (features up to 10; 3.8e-6 with
/// F(2×2, 3×3)).
public struct ResNet18: Sendable {
    /// Channels of the stem (64 for torchvision's ResNet18).
    public let baseWidth: Int
    let stem: Convolution
    let blocks: [BasicBlock]
    /// Whether the Winograd-transformed weights of the 3×3 layers (4× their weights: 168 MB
    /// for torchvision's ResNet18) are kept between passes. True (the default): each layer
    /// makes them on its first Winograd pass and keeps them, so later passes skip the
    /// transform. False: every pass makes each layer's in one buffer shared by all layers and
    /// keeps none, for a network that runs once (e.g. one batch of ROIs). Same features either way.
    public var keepsTransformedWeights = true

    /// Length of each feature vector: 8 · baseWidth.
    public var featureCount: Int { baseWidth * 8 }

    /// Builds the inference network from checkpoint weights, folding every batch norm.
    /// - Throws: `DeepError.invalidWeight` for a non-positive running variance.
    public init(weights: ResNet18Weights) throws {
        var copy = weights
        try self.init(taking: &copy)
    }

    /// `init(weights:)` that takes the convolution tensors out of `weights` and folds each
    /// batch norm into them in place: when `weights` is their only owner (a checkpoint just
    /// read), no second copy of the weights is made.
    private init(taking weights: inout ResNet18Weights) throws {
        OpenBLASKernels.ensureSelected()
        // Every convolution with its batch norm, in network order: (weight key, stride, padding, BN prefix).
        var specs: [(String, Int, Int, String)] = [("conv1.weight", 2, 3, "bn1")]
        for stage in 1...4 {
            for block in 0..<2 {
                let p = "layer\(stage).\(block)"
                let stride = stage > 1 && block == 0 ? 2 : 1
                specs.append(("\(p).conv1.weight", stride, 1, "\(p).bn1"))
                specs.append(("\(p).conv2.weight", 1, 1, "\(p).bn2"))
                if stage > 1 && block == 0 { specs.append(("\(p).downsample.0.weight", 2, 0, "\(p).downsample.1")) }
            }
        }
        // Errors in network order: the first layer's batch norm that is bad.
        let norms = try specs.map { try weights.batchNormalization($0.3) }
        let tensors = TakenTensors(specs.map { weights.removeTensor($0.0)! })
        // Fold the layers in parallel, largest first so that no core is left alone with a big
        // layer at the end; each slot is written by one task. (Winograd transforms are made
        // when a pass first needs them: `TransformedWeights`.)
        let layerSpecs = specs
        let slots = ResultSlots<Convolution>(count: layerSpecs.count)
        let largestFirst = layerSpecs.indices.sorted { (tensors.count($0), $1) > (tensors.count($1), $0) }
        let queue = WorkQueue(count: largestFirst.count)
        Parallel.forEach(min(largestFirst.count, Parallel.workers)) { _ in
            while let next = queue.next() {
                let i = largestFirst[next]
                let (key, stride, padding, _) = layerSpecs[i]
                let shape = tensors.shape(i)
                var folded = tensors.takeValues(i)
                var bias = [Float](repeating: 0, count: shape[0])
                norms[i].fold(&folded, bias: &bias, outChannels: shape[0])
                slots.set(i, .success(Convolution(inChannels: shape[1], outChannels: shape[0], kernelSize: shape[2],
                                                  stride: stride, padding: padding, weights: folded, bias: bias,
                                                  algorithm: Self.algorithm(forKey: key))))
            }
        }
        var layers: [String: Convolution] = [:]
        for (i, spec) in specs.enumerated() { layers[spec.0] = try slots.get(i) }
        baseWidth = weights.baseWidth
        stem = layers["conv1.weight"]!
        var blocks: [BasicBlock] = []
        for stage in 1...4 {
            for block in 0..<2 {
                let p = "layer\(stage).\(block)"
                blocks.append(BasicBlock(conv1: layers["\(p).conv1.weight"]!, conv2: layers["\(p).conv2.weight"]!,
                                         downsample: layers["\(p).downsample.0.weight"]))
            }
        }
        self.blocks = blocks
    }

    /// Winograd F(4×4, 3×3) for every 3×3 / stride 1 convolution: at batch 32 it beats
    /// F(2×2, 3×3) on all four stages (56² ... 7² at 224 × 224 input; measured 1.2–1.5×). On
    /// the 7×7 stage below batch 8 those layers fall back to im2col (`WinogradF4.prefersIm2col`).
    static func algorithm(forKey key: String) -> Convolution.Algorithm {
        .winograd4x4
    }

    /// Loads a safetensors checkpoint with torchvision key names (its convolution weights
    /// folded in place: one copy of them in memory).
    public init(contentsOf url: URL) throws {
        var weights = try ResNet18Weights(contentsOf: url)
        try self.init(taking: &weights)
    }

    /// A network with torchvision's seeded He initialisation (see `ResNet18Weights.randomlyInitialized`).
    public static func randomlyInitialized(seed: UInt64, baseWidth: Int = 64) -> ResNet18 {
        // Identity batch norms always have a positive variance: this cannot throw.
        try! ResNet18(weights: .randomlyInitialized(seed: seed, baseWidth: baseWidth))
    }

    /// Features of a batch given in PyTorch's NCHW layout (`[n][c][y][x]`, 3 channels,
    /// already normalised). Returns `batch` vectors of `featureCount` values.
    /// - Throws: `DeepError.invalidInput` when `input.count != batch·3·height·width` or a size is zero.
    public func features(nchw input: [Float], batch: Int, height: Int, width: Int) throws -> [[Float]] {
        guard batch > 0, height > 0, width > 0 else {
            throw DeepError.invalidInput("batch \(batch), height \(height) and width \(width) must be positive")
        }
        guard input.count == batch * 3 * height * width else {
            throw DeepError.invalidInput("\(input.count) values do not form a \(batch)x3x\(height)x\(width) batch")
        }
        return features(ActivationBatch(nchw: input, batch: batch, channels: 3, height: height, width: width))
    }

    /// Features of a batch already in channel-major layout (3 channels).
    public func features(_ input: ActivationBatch) -> [[Float]] {
        var owned: ActivationBatch? = input
        return features(releasing: &owned)
    }

    /// `features(_:)` that sets `input` to nil once the stem has read it, so that its memory
    /// is free for the activations (when the caller held the only reference).
    func features(releasing input: inout ActivationBatch?) -> [[Float]] {
        precondition(input?.channels == 3, "ResNet18 takes 3-channel input")
        let workspace = Workspace(keepsTransformedWeights: keepsTransformedWeights)
        return OpenBLASKernels.withSingleThreadedBLAS {
            let x = stem.applyMaxPooled(input!, relu: true, kernel: 3, stride: 2, padding: 1, workspace: workspace)
            input = nil
            return blocksAndPool(consume x, workspace: workspace)
        }
    }

    /// Features of `count` images of 3 × `height` × `width` (normalised, CHW) that `fill(i, image)`
    /// writes one at a time into `image` (3·height·width floats): the same values as `features(_:)`
    /// of the batch of those images. `fill` returns false when image i cannot be made: the
    /// network then sees zeros in its place (its stem output for 2 images or more, its input
    /// otherwise) and its features mean nothing.
    ///
    /// From 2 images on, each is written on the worker that then runs the stem and its max-pool
    /// on it (`Convolution.applyMaxPooled(batch:…)`), so no 3 × height × width × count input
    /// batch is stored (19 MB at 224 × 224 and 32 images, each page a fresh zero fill) and the
    /// stem starts with the first image.
    func features(count: Int, height: Int, width: Int,
                  fill: @Sendable (_ i: Int, _ image: UnsafeMutablePointer<Float>) -> Bool) -> [[Float]] {
        precondition(count > 0 && height > 0 && width > 0, "positive batch and size")
        let imageSize = 3 * height * width
        guard count >= 2 else {
            var values = [Float](repeating: 0, count: count * imageSize)
            let filled = values.withUnsafeMutableBufferPointer { fill(0, $0.baseAddress!) }
            if !filled { values = [Float](repeating: 0, count: count * imageSize) }
            var input: ActivationBatch? = ActivationBatch(channels: 3, batch: count, height: height, width: width,
                                                          values: values)
            values = []
            return features(releasing: &input)
        }
        let workspace = Workspace(keepsTransformedWeights: keepsTransformedWeights)
        let (ho, wo) = stem.outputSize(height: height, width: width)
        let geometry = Im2Col(channels: 3, batch: 1, height: height, width: width, kernel: stem.kernelSize,
                              stride: stem.stride, padding: stem.padding, outHeight: ho, outWidth: wo)
        return OpenBLASKernels.withSingleThreadedBLAS {
            let x = stem.applyMaxPooled(batch: count, height: height, width: width, relu: true, kernel: 3,
                                        stride: 2, padding: 1, workspace: workspace) { i, image in
                fill(i, image) ? (image, geometry, 0) : nil
            }
            return blocksAndPool(consume x, workspace: workspace)
        }
    }

    /// The four stages and the global average pool, after the stem (each activation freed as
    /// soon as the next one is made).
    private func blocksAndPool(_ x: consuming ActivationBatch, workspace: Workspace) -> [[Float]] {
        for block in blocks { x = block.apply(x, workspace: workspace) }
        return Pooling.globalAveragePool(x)
    }
}

/// Tensors handed out once each to parallel tasks: `takeValues(i)` leaves the task the only
/// owner of tensor i's values.
private final class TakenTensors: @unchecked Sendable {
    private var values: [[Float]?]
    private let shapes: [[Int]]
    private let lock = NSLock()

    init(_ tensors: [FloatTensor]) {
        shapes = tensors.map(\.shape)
        values = tensors.map(\.values)
    }

    /// Values in tensor i.
    func count(_ i: Int) -> Int { shapes[i].reduce(1, *) }

    /// The shape of tensor i.
    func shape(_ i: Int) -> [Int] { shapes[i] }

    /// The values of tensor i, removed from here (each index taken once).
    func takeValues(_ i: Int) -> [Float] {
        lock.lock()
        defer { lock.unlock() }
        let taken = values[i]!
        values[i] = nil
        return taken
    }
}

/// Results of parallel tasks, one slot per task.
final class ResultSlots<T>: @unchecked Sendable {
    private var slots: [Result<T, Error>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<T, Error>) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    func get(_ index: Int) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        guard let result = slots[index] else { throw DeepError.invalidInput("internal: layer \(index) was not built") }
        return try result.get()
    }
}

/// Two 3×3 convolutions with a residual connection (BN already folded):
/// `relu(conv2(relu(conv1(x))) + shortcut(x))`, shortcut = identity or 1×1/2 conv.
struct BasicBlock: Sendable {
    let conv1: Convolution
    let conv2: Convolution
    let downsample: Convolution?

    func apply(_ x: ActivationBatch, workspace: Workspace) -> ActivationBatch {
        let shortcut = downsample?.apply(x, residual: nil, relu: false, workspace: workspace) ?? x
        let hidden = conv1.apply(x, residual: nil, relu: true, workspace: workspace)
        return conv2.apply(hidden, residual: shortcut, relu: true, workspace: workspace)
    }
}
