/// Standard base64 (RFC 4648: `A–Z a–z 0–9 + /`, `=` padding, no line breaks), the bytes of
/// Foundation's `Data.base64EncodedData()`, written three bytes at a time from one table.
enum Base64 {
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// The base64 text of `bytes`.
    static func encode(_ bytes: [UInt8]) -> [UInt8] {
        let full = bytes.count / 3
        let rest = bytes.count - 3 * full
        let length = 4 * (full + (rest > 0 ? 1 : 0))
        return [UInt8](unsafeUninitializedCapacity: length) { out, initialized in
            alphabet.withUnsafeBufferPointer { table in
                bytes.withUnsafeBufferPointer { input in
                    var o = 0
                    for k in 0..<full {
                        let i = 3 * k
                        let v = UInt32(input[i]) << 16 | UInt32(input[i + 1]) << 8 | UInt32(input[i + 2])
                        out[o] = table[Int(v >> 18)]
                        out[o + 1] = table[Int(v >> 12 & 63)]
                        out[o + 2] = table[Int(v >> 6 & 63)]
                        out[o + 3] = table[Int(v & 63)]
                        o += 4
                    }
                    if rest > 0 {
                        let i = 3 * full
                        let v = UInt32(input[i]) << 16 | (rest == 2 ? UInt32(input[i + 1]) << 8 : 0)
                        out[o] = table[Int(v >> 18)]
                        out[o + 1] = table[Int(v >> 12 & 63)]
                        out[o + 2] = rest == 2 ? table[Int(v >> 6 & 63)] : UInt8(ascii: "=")
                        out[o + 3] = UInt8(ascii: "=")
                    }
                }
            }
            initialized = length
        }
    }
}
