import Foundation

/// A parsed safetensors container (https://github.com/huggingface/safetensors).
///
/// Layout: an 8-byte little-endian header length `n`, `n` bytes of JSON mapping each tensor
/// name to `{"dtype", "shape", "data_offsets": [begin, end]}` (offsets relative to the byte
/// buffer after the header, in any order), an optional `"__metadata__"` string map, then the
/// buffer. Tensors are located by their `data_offsets`, never by file order. F32, F16, BF16
/// and F64 tensors convert to `Float`; other types (e.g. the I64 `num_batches_tracked`
/// counters of PyTorch batch norms) are listed in `entries` but cannot be read as floats.
public struct Safetensors: Sendable {
    /// Where and how one tensor is stored.
    public struct Entry: Sendable, Equatable {
        /// The safetensors type name: "F32", "F16", "BF16", "F64", "I64", ...
        public let dtype: String
        /// The tensor's shape, outermost axis first.
        public let shape: [Int]
        /// Byte range inside the data buffer that follows the header.
        public let byteRange: Range<Int>
    }

    /// Every tensor of the file by name (`__metadata__` excluded).
    public let entries: [String: Entry]
    /// The free-form `__metadata__` map (empty when absent).
    public let metadata: [String: String]
    /// The whole file (memory-mapped when read from a file, indices from 0); tensor data
    /// starts at `payloadOffset`.
    private let bytes: Data
    private let payloadOffset: Int

    /// Maps and parses the file at `url` (tensors are converted from the mapping: no copy of
    /// the file in memory).
    public init(contentsOf url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw DeepError.unreadableFile(path: url.path, reason: "\(error.localizedDescription)")
        }
        try self.init(data: data)
    }

    /// Parses an in-memory safetensors container.
    public init(data: Data) throws {
        let bytes = data.startIndex == 0 ? data : Data(data)
        guard bytes.count >= 8 else {
            throw DeepError.malformedSafetensors("\(bytes.count) bytes is shorter than the 8-byte header length")
        }
        var headerLength: UInt64 = 0
        for i in 0..<8 { headerLength |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        guard headerLength <= UInt64(bytes.count - 8) else {
            throw DeepError.malformedSafetensors(
                "header length \(headerLength) exceeds the \(bytes.count - 8) bytes after it (truncated file?)")
        }
        let headerEnd = 8 + Int(headerLength)
        let header: [String: HeaderValue]
        do {
            header = try JSONDecoder().decode([String: HeaderValue].self, from: bytes.subdata(in: 8..<headerEnd))
        } catch {
            throw DeepError.malformedSafetensors("the header is not the expected JSON object (\(error))")
        }
        let bufferCount = bytes.count - headerEnd
        var entries: [String: Entry] = [:]
        var metadata: [String: String] = [:]
        for (key, value) in header {
            switch value {
            case .metadata(let map):
                guard key == "__metadata__" else {
                    throw DeepError.malformedSafetensors("entry '\(key)' has no dtype, shape and data_offsets")
                }
                metadata = map
            case .tensor(let dtype, let shape, let offsets):
                entries[key] = try Self.validatedEntry(key: key, dtype: dtype, shape: shape,
                                                       offsets: offsets, bufferCount: bufferCount)
            }
        }
        self.entries = entries
        self.metadata = metadata
        self.bytes = bytes
        self.payloadOffset = headerEnd
    }

    /// Tensor names, sorted.
    public var keys: [String] { entries.keys.sorted() }

    /// The tensor `key` converted to `Float`.
    /// - Throws: `DeepError.missingTensor` when absent, `.unsupportedTensorType` for non-float types.
    public func tensor(_ key: String) throws -> FloatTensor {
        guard let entry = entries[key] else { throw DeepError.missingTensor(key: key, expectedShape: []) }
        return try convert(key: key, entry: entry)
    }

    /// The tensor `key`, which must have exactly `shape`.
    /// - Throws: `DeepError.missingTensor` / `.tensorShapeMismatch` naming the key and both shapes.
    public func tensor(_ key: String, shape: [Int]) throws -> FloatTensor {
        guard let entry = entries[key] else { throw DeepError.missingTensor(key: key, expectedShape: shape) }
        guard entry.shape == shape else {
            throw DeepError.tensorShapeMismatch(key: key, expected: shape, found: entry.shape)
        }
        return try convert(key: key, entry: entry)
    }

    /// Bytes per element of the float types this reader converts; nil for the others.
    static func floatByteWidth(_ dtype: String) -> Int? {
        switch dtype {
        case "F64": return 8
        case "F32": return 4
        case "F16", "BF16": return 2
        default: return nil
        }
    }

    private static func byteWidth(_ dtype: String) -> Int? {
        if let width = floatByteWidth(dtype) { return width }
        switch dtype {
        case "I64", "U64": return 8
        case "I32", "U32": return 4
        case "I16", "U16": return 2
        case "I8", "U8", "BOOL", "F8_E4M3", "F8_E5M2": return 1
        default: return nil
        }
    }

    private static func validatedEntry(key: String, dtype: String, shape: [Int], offsets: [Int],
                                       bufferCount: Int) throws -> Entry {
        guard offsets.count == 2, offsets[0] >= 0, offsets[0] <= offsets[1], offsets[1] <= bufferCount else {
            throw DeepError.malformedSafetensors(
                "tensor '\(key)' has data_offsets \(offsets) outside the \(bufferCount)-byte buffer")
        }
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw DeepError.malformedSafetensors("tensor '\(key)' has a negative extent in shape \(shape)")
        }
        if let width = byteWidth(dtype) {
            let expected = shape.reduce(1, *) * width
            guard expected == offsets[1] - offsets[0] else {
                throw DeepError.malformedSafetensors(
                    "tensor '\(key)' (\(dtype), shape \(shape)) needs \(expected) bytes but data_offsets span \(offsets[1] - offsets[0])")
            }
        }
        return Entry(dtype: dtype, shape: shape, byteRange: offsets[0]..<offsets[1])
    }

    private func convert(key: String, entry: Entry) throws -> FloatTensor {
        guard let width = Self.floatByteWidth(entry.dtype) else {
            throw DeepError.unsupportedTensorType(key: key, dtype: entry.dtype)
        }
        let count = entry.byteRange.count / width
        // Every value is written below: no zero fill.
        let values = [Float](unsafeUninitializedCapacity: count) { out, initialized in
            initialized = count
            guard count > 0 else { return }
            DeepKernels.populate(out)
            bytes.withUnsafeBytes { raw in
                let base = raw.baseAddress! + payloadOffset + entry.byteRange.lowerBound
                switch entry.dtype {
                case "F32":
                    for i in 0..<count {
                        out[i] = Float(bitPattern: UInt32(littleEndian: base.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
                    }
                case "F64":
                    for i in 0..<count {
                        out[i] = Float(Double(bitPattern: UInt64(littleEndian: base.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self))))
                    }
                case "F16":
                    for i in 0..<count {
                        out[i] = HalfPrecision.float(fromHalf: UInt16(littleEndian: base.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self)))
                    }
                default:  // BF16
                    for i in 0..<count {
                        let bits = UInt16(littleEndian: base.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))
                        out[i] = Float(bitPattern: UInt32(bits) << 16)
                    }
                }
            }
        }
        return FloatTensor(shape: entry.shape, values: values)
    }
}

/// One value of the header object: a tensor description or the metadata map.
private enum HeaderValue: Decodable {
    case tensor(dtype: String, shape: [Int], offsets: [Int])
    case metadata([String: String])

    private struct TensorHeader: Decodable {
        let dtype: String
        let shape: [Int]
        let data_offsets: [Int]
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let tensor = try? container.decode(TensorHeader.self) {
            self = .tensor(dtype: tensor.dtype, shape: tensor.shape, offsets: tensor.data_offsets)
        } else {
            self = .metadata(try container.decode([String: String].self))
        }
    }
}
