import Foundation

extension Safetensors {
    /// Serialises float tensors as an F32 safetensors container.
    ///
    /// Tensors are laid out in sorted key order; the JSON header is padded with spaces to a
    /// multiple of 8 bytes, as the reference implementation does. `metadata` becomes
    /// `__metadata__` when not empty.
    public static func encode(_ tensors: [String: FloatTensor], metadata: [String: String] = [:]) -> Data {
        var header = "{"
        var parts: [String] = []
        if !metadata.isEmpty {
            let items = metadata.keys.sorted().map { "\(jsonString($0)):\(jsonString(metadata[$0]!))" }
            parts.append("\"__metadata__\":{\(items.joined(separator: ","))}")
        }
        var offset = 0
        let keys = tensors.keys.sorted()
        for key in keys {
            let tensor = tensors[key]!
            let end = offset + 4 * tensor.values.count
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            parts.append("\(jsonString(key)):{\"dtype\":\"F32\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        header += parts.joined(separator: ",") + "}"
        var headerBytes = Array(header.utf8)
        while headerBytes.count % 8 != 0 { headerBytes.append(0x20) }
        var out = [UInt8]()
        out.reserveCapacity(8 + headerBytes.count + offset)
        let length = UInt64(headerBytes.count)
        for i in 0..<8 { out.append(UInt8(truncatingIfNeeded: length >> (8 * UInt64(i)))) }
        out += headerBytes
        for key in keys {
            let littleEndian = tensors[key]!.values.map { $0.bitPattern.littleEndian }
            littleEndian.withUnsafeBytes { out.append(contentsOf: $0) }
        }
        return Data(out)
    }

    private static func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
