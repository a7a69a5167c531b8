import Foundation

/// The binary scalar types found in image files.
enum ScalarType: Sendable {
    case int8, uint8, int16, uint16, int32, uint32, int64, uint64, float32, float64

    /// The representable range of an integer type; nil for floating-point types.
    var integerRange: ClosedRange<Double>? {
        switch self {
        case .int8: return -128...127
        case .uint8: return 0...255
        case .int16: return -32768...32767
        case .uint16: return 0...65535
        case .int32: return -2147483648...2147483647
        case .uint32: return 0...4294967295
        case .int64: return -9.223372036854775808e18...9.223372036854775807e18
        case .uint64: return 0...1.8446744073709551615e19
        case .float32, .float64: return nil
        }
    }

    var byteCount: Int {
        switch self {
        case .int8, .uint8: return 1
        case .int16, .uint16: return 2
        case .int32, .uint32, .float32: return 4
        case .int64, .uint64, .float64: return 8
        }
    }

    /// Decodes `count` values starting at byte `offset` of `data` into Doubles.
    /// - Parameter available: bytes that may be read from `offset` (default: to the end of `data`).
    func decode(_ data: Data, offset: Int, count: Int, bigEndian: Bool, path: String, available: Int? = nil) throws -> [Double] {
        let held = min(available ?? (data.count - offset), data.count - offset)
        guard offset >= 0, held >= count * byteCount else {
            throw ImagingError.malformed(path: path, detail: "pixel data holds \(held) bytes, header needs \(count * byteCount)")
        }
        var out = [Double](repeating: 0, count: count)
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            out.withUnsafeMutableBufferPointer {
                decode(raw.baseAddress! + offset, count: count, into: $0.baseAddress!, bigEndian: bigEndian)
            }
        }
        return out
    }

    /// Decodes `count` values stored from `base` (unaligned) into `out`.
    func decode(_ base: UnsafeRawPointer, count: Int, into out: UnsafeMutablePointer<Double>, bigEndian: Bool = false) {
        func fill<T: FixedWidthInteger>(_: T.Type, _ convert: (T) -> Double) {
            for i in 0..<count {
                let v = base.loadUnaligned(fromByteOffset: i * MemoryLayout<T>.size, as: T.self)
                out[i] = convert(bigEndian ? T(bigEndian: v) : T(littleEndian: v))
            }
        }
        switch self {
        case .int8: fill(Int8.self) { Double($0) }
        case .uint8: fill(UInt8.self) { Double($0) }
        case .int16: fill(Int16.self) { Double($0) }
        case .uint16: fill(UInt16.self) { Double($0) }
        case .int32: fill(Int32.self) { Double($0) }
        case .uint32: fill(UInt32.self) { Double($0) }
        case .int64: fill(Int64.self) { Double($0) }
        case .uint64: fill(UInt64.self) { Double($0) }
        case .float32: fill(UInt32.self) { Double(Float(bitPattern: $0)) }
        case .float64: fill(UInt64.self) { Double(bitPattern: $0) }
        }
    }
}
