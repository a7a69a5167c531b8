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
            var batch = Array(images[start..<end])
            result += try featuresOfBatch(&batch, firstIndex: start)
            start = end
        }
        return result
    }

    /// `features(images:)` of at most `batchSize` images in one network pass, with `images`
    /// emptied, each image freed as soon as it is preprocessed (so that their memory is free
    /// for the network's activations); on an error `images` is left as it was.
    func featuresReleasingImages(_ images: inout [DeepInput]) throws -> [[Float]] {
        precondition(images.count <= batchSize, "one network pass")
        try preprocessing.validate()
        guard !images.isEmpty else { return [] }
        let kept = images
        do {
            return try featuresOfBatch(&images, firstIndex: 0)
        } catch {
            images = kept
            throw error
        }
    }

    /// One network pass over `images` (emptied; each image freed once preprocessed): every
    /// image is preprocessed straight into the network's input on the worker that then runs
    /// the stem on it (`ResNet18.features(count:height:width:fill:)`). Errors name the image
    /// index plus `firstIndex`; the first failing image's (lowest index) is thrown.
    private func featuresOfBatch(_ images: inout [DeepInput], firstIndex: Int) throws -> [[Float]] {
        let n = images.count
        let (height, width) = (preprocessing.outputHeight, preprocessing.outputWidth)
        let plane = height * width
        let crops = TakenImages(images)
        images = []
        let errors = ErrorSlots(count: n)
        let preprocessing = self.preprocessing
        let features = network.features(count: n, height: height, width: width) { i, image in
            do {
                let resized = try preprocessing.resizedPlane(crops.take(i))
                for c in 0..<3 {
                    let dst = image + c * plane
                    let mean = preprocessing.channelMean[c], std = preprocessing.channelStd[c]
                    for j in 0..<plane { dst[j] = (resized[j] - mean) / std }
                }
                return true
            } catch {
                errors.set(i, error)
                return false
            }
        }
        if let (i, error) = errors.first {
            if case .emptyRegionOfInterest(let label, _) = error as? DeepError {
                throw DeepError.emptyRegionOfInterest(label: label, index: firstIndex + i)
            }
            throw error
        }
        guard let features else { throw DeepError.invalidInput("internal: an image failed without an error") }
        return features
    }

    /// Column names for one view: `<view>_dl_0` ... `<view>_dl_<count-1>`.
    public static func columnNames(view: String, count: Int = 512) -> [String] {
        (0..<count).map { "\(view)_dl_\($0)" }
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

/// Images handed out once each to parallel tasks: `take(i)` leaves the task the only owner of
/// image i, which is freed when the task is done with it.
private final class TakenImages: @unchecked Sendable {
    private var images: [DeepInput?]
    private let lock = NSLock()

    init(_ images: [DeepInput]) { self.images = images }

    /// Image i, removed from here (each index taken once).
    func take(_ i: Int) -> DeepInput {
        lock.lock()
        defer { lock.unlock() }
        let taken = images[i]!
        images[i] = nil
        return taken
    }
}
