import Foundation

/// Deep features of image ROIs: `DeepPreprocessing` then `ResNet18` penultimate features,
/// in batches.
public struct DeepFeatureExtractor: Sendable {
    public let network: ResNet18
    public var preprocessing: DeepPreprocessing
    /// Images per network pass (memory grows linearly with it; 32 is a good CPU default).
    public var batchSize: Int

    public init(network: ResNet18, preprocessing: DeepPreprocessing = DeepPreprocessing(), batchSize: Int = 32) {
        self.network = network
        self.preprocessing = preprocessing
        self.batchSize = max(1, batchSize)
    }

    /// Loads a torchvision ResNet18 safetensors checkpoint (F32, F16 or BF16).
    public init(weights url: URL, preprocessing: DeepPreprocessing = DeepPreprocessing(), batchSize: Int = 32) throws {
        self.init(network: try ResNet18(contentsOf: url), preprocessing: preprocessing, batchSize: batchSize)
    }

    /// One feature vector (`network.featureCount` values, 512 for ResNet18) per input, in input order.
    /// - Throws: `DeepError.emptyRegionOfInterest` (naming the image index) or `.invalidInput`.
    public func features(images: [DeepInput]) throws -> [[Float]] {
        try preprocessing.validate()
        var result: [[Float]] = []
        result.reserveCapacity(images.count)
        var start = 0
        while start < images.count {
            let end = min(images.count, start + batchSize)
            let batch = try networkInput(Array(images[start..<end]), firstIndex: start)
            result += network.features(batch)
            start = end
        }
        return result
    }

    /// `features(images:)` of at most `batchSize` images in one network pass, with `images`
    /// emptied once they are preprocessed and the network input freed once the stem has read
    /// it (so that their memory is free for the network's activations); on an error `images`
    /// is left as it was.
    func featuresReleasingImages(_ images: inout [DeepInput]) throws -> [[Float]] {
        precondition(images.count <= batchSize, "one network pass")
        try preprocessing.validate()
        guard !images.isEmpty else { return [] }
        var batch: ActivationBatch? = try networkInput(images, firstIndex: 0)
        images = []
        return network.features(releasing: &batch)
    }

    /// Column names for one view: `<view>_dl_0` ... `<view>_dl_<count-1>`.
    public static func columnNames(view: String, count: Int = 512) -> [String] {
        (0..<count).map { "\(view)_dl_\($0)" }
    }

    /// Preprocesses the images in parallel straight into the channel-major batch layout.
    private func networkInput(_ images: [DeepInput], firstIndex: Int) throws -> ActivationBatch {
        let plane = preprocessing.outputWidth * preprocessing.outputHeight
        let n = images.count
        let errors = ErrorSlots(count: n)
        let preprocessing = self.preprocessing
        // Every value is written below (an image that fails leaves its planes as zeros): no
        // zero fill of the whole batch first.
        let values = [Float](unsafeUninitializedCapacity: 3 * n * plane) { buffer, initialized in
            DeepKernels.populate(buffer)
            let base = SendablePointer(buffer.baseAddress!)
            Parallel.forEach(n) { i in
                do {
                    let resized = try preprocessing.resizedPlane(images[i])
                    for c in 0..<3 {
                        let dst = base.pointer + (c * n + i) * plane
                        let mean = preprocessing.channelMean[c], std = preprocessing.channelStd[c]
                        for j in 0..<plane { dst[j] = (resized[j] - mean) / std }
                    }
                } catch {
                    for c in 0..<3 { (base.pointer + (c * n + i) * plane).initialize(repeating: 0, count: plane) }
                    errors.set(i, error)
                }
            }
            initialized = 3 * n * plane
        }
        if let (i, error) = errors.first {
            if case .emptyRegionOfInterest(let label, _) = error as? DeepError {
                throw DeepError.emptyRegionOfInterest(label: label, index: firstIndex + i)
            }
            throw error
        }
        return ActivationBatch(channels: 3, batch: n, height: preprocessing.outputHeight,
                               width: preprocessing.outputWidth, values: values)
    }
}

/// Per-task error slots written from parallel workers (each slot by one task only).
private final class ErrorSlots: @unchecked Sendable {
    private var slots: [Error?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ error: Error) {
        lock.lock()
        slots[index] = error
        lock.unlock()
    }

    /// The lowest-index error, so the report does not depend on scheduling.
    var first: (Int, Error)? {
        for (i, e) in slots.enumerated() { if let e { return (i, e) } }
        return nil
    }
}
