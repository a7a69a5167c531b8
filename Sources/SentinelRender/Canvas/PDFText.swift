/// PDF text helpers: strings, numbers, hex.
enum PDFText {
    /// A PDF text string: `( … )` with `\`, `(`, `)` escaped for printable ASCII, else
    /// UTF-16BE with a byte-order mark in hex.
    static func string(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            var out = "("
            for ch in s.utf8 {
                if ch == UInt8(ascii: "(") || ch == UInt8(ascii: ")") || ch == UInt8(ascii: "\\") { out += "\\" }
                out.unicodeScalars.append(Unicode.Scalar(ch))
            }
            return out + ")"
        }
        return utf16Hex(s)
    }

    /// `<FEFF…>`: `s` as UTF-16BE with a byte-order mark.
    static func utf16Hex(_ s: String) -> String {
        var out: [UInt8] = Array("<FEFF".utf8)
        out.reserveCapacity(6 + 4 * s.utf16.count)
        for unit in s.utf16 { appendHex4(&out, UInt32(unit)) }
        out.append(UInt8(ascii: ">"))
        return String(decoding: out, as: UTF8.self)
    }

    static func hex4(_ v: UInt32) -> String {
        var out: [UInt8] = []
        appendHex4(&out, v)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends four uppercase hex digits of `v`.
    @inline(__always)
    static func appendHex4(_ out: inout [UInt8], _ v: UInt32) {
        @inline(__always) func digit(_ d: UInt32) -> UInt8 { UInt8(truncatingIfNeeded: d < 10 ? 48 + d : 55 + d) }
        out.append(digit(v >> 12 & 0xF))
        out.append(digit(v >> 8 & 0xF))
        out.append(digit(v >> 4 & 0xF))
        out.append(digit(v & 0xF))
    }

    /// `v` with at most 3 decimals.
    static func number(_ v: Double) -> String {
        var out: [UInt8] = []
        PDFNumber.append(&out, v, decimals: 3)
        return String(decoding: out, as: UTF8.self)
    }
}
