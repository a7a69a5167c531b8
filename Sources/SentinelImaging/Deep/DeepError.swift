/// Errors of the deep-feature path (weights files, network inputs, preprocessing).
///
/// Every message names what is wrong and how to fix it.
public enum DeepError: Error, Sendable, Equatable {
    /// The file could not be read at all.
    case unreadableFile(path: String, reason: String)
    /// The bytes are not a valid safetensors container.
    case malformedSafetensors(String)
    /// A tensor the network needs is absent from the weights.
    case missingTensor(key: String, expectedShape: [Int])
    /// A tensor has the wrong shape.
    case tensorShapeMismatch(key: String, expected: [Int], found: [Int])
    /// A tensor is stored in a type that cannot be read as floating point.
    case unsupportedTensorType(key: String, dtype: String)
    /// A weight value makes the network undefined (e.g. a negative batch-norm variance).
    case invalidWeight(key: String, reason: String)
    /// Pixel, mask or batch arrays do not match the stated sizes.
    case invalidInput(String)
    /// No pixel of the mask carries the requested label.
    case emptyRegionOfInterest(label: Int32, index: Int?)
}

extension DeepError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .unreadableFile(path, reason):
            return "cannot read \(path): \(reason)"
        case let .malformedSafetensors(reason):
            return "not a valid safetensors file: \(reason). Export the weights with safetensors.torch.save_file."
        case let .missingTensor(key, shape):
            return "weights lack tensor '\(key)' (expected shape \(shape)); "
                + "use torchvision ResNet18 key names (conv1.weight, bn1.running_mean, layer2.0.downsample.0.weight, ...)"
        case let .tensorShapeMismatch(key, expected, found):
            return "tensor '\(key)' has shape \(found) but the ResNet18 layout needs \(expected); "
                + "the file is not a torchvision ResNet18 checkpoint of this width"
        case let .unsupportedTensorType(key, dtype):
            return "tensor '\(key)' is stored as \(dtype); only F32, F16, BF16 and F64 can be read as weights"
        case let .invalidWeight(key, reason):
            return "tensor '\(key)' is unusable: \(reason)"
        case let .invalidInput(reason):
            return "invalid deep-feature input: \(reason)"
        case let .emptyRegionOfInterest(label, index):
            let which = index.map { "image \($0): " } ?? ""
            return "\(which)the mask has no pixel with label \(label); check the mask file and the label value"
        }
    }
}
