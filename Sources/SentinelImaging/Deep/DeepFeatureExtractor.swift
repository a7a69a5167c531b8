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
            for (i, outcome) in featuresReleasingImages(&batch).enumerated() {
                switch outcome {
                case let .success(vector): result.append(vector)
                case let .failure(DeepError.emptyRegionOfInterest(label, _)):
                    throw DeepError.emptyRegionOfInterest(label: label, index: start + i)
                case let .failure(error): throw error
                }
            }
            start = end
        }
        return result
    }

    /// The features of each of at most `batchSize` images in one network pass, or the error
    /// that image's preprocessing threw (`DeepError`, no image index), with `images` emptied and
    /// each image freed as soon as it is preprocessed (so that their memory is free for the
    /// network's activations). Every image is preprocessed straight into the network's input
    /// on the worker that then runs the stem on it (`ResNet18.features(count:height:width:fill:)`);
    /// the images that fail leave zeros in their place, so the others' features are those of
    /// the same batch either way. Invalid `preprocessing` parameters are every image's error.
    func featuresReleasingImages(_ images: inout [DeepInput]) -> [Result<[Float], Error>] {
        precondition(images.count <= batchSize, "one network pass")
        let n = images.count
        do { try preprocessing.validate() } catch {
            images = []
            return Array(repeating: .failure(error), count: n)
        }
        guard n > 0 else { return [] }
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
        return (0..<n).map { i in errors[i].map { .failure($0) } ?? .success(features[i]) }
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

    /// The error of task `index`, if it failed.
    subscript(index: Int) -> Error? {
        lock.lock()
        defer { lock.unlock() }
        return slots[index]
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
