/// PNG chunk helpers: Cairo writes no physical-size chunk, so the resolution is added here.
enum PNGEncoding {
    /// Pixels per metre for `dpi` dots per inch (300 dpi → 11811).
    static func pixelsPerMetre(dpi: Double) -> UInt32 {
        UInt32((dpi / 0.0254).rounded())
    }

    /// `png` with a `pHYs` chunk (unit: metre) inserted right after `IHDR`, replacing any
    /// existing `pHYs`. Returns the input unchanged if it is not a well-formed PNG start.
    static func settingResolution(_ png: [UInt8], dpi: Double) -> [UInt8] {
        let signatureLength = 8
        let ihdrEnd = signatureLength + 8 + 13 + 4
        guard png.count >= ihdrEnd, Array(png[12..<16]) == Array("IHDR".utf8) else { return png }
        let ppm = pixelsPerMetre(dpi: dpi)
        var payload: [UInt8] = []
        appendBigEndian(ppm, to: &payload)
        appendBigEndian(ppm, to: &payload)
        payload.append(1)
        var output = Array(png[0..<ihdrEnd])
        output.append(contentsOf: chunk(type: "pHYs", payload: payload))
        var offset = ihdrEnd
        while offset + 12 <= png.count {
            let length = Int(readBigEndian(png, at: offset))
            let end = offset + 12 + length
            guard end <= png.count else { break }
            let type = String(decoding: png[(offset + 4)..<(offset + 8)], as: UTF8.self)
            if type != "pHYs" { output.append(contentsOf: png[offset..<end]) }
            offset = end
        }
        return output
    }

    /// The resolution in dots per inch read from a `pHYs` chunk, or nil when absent.
    static func resolution(of png: [UInt8]) -> Double? {
        var offset = 8
        while offset + 12 <= png.count {
            let length = Int(readBigEndian(png, at: offset))
            let type = String(decoding: png[(offset + 4)..<(offset + 8)], as: UTF8.self)
            if type == "pHYs", length == 9, offset + 17 <= png.count, png[offset + 16] == 1 {
                return Double(readBigEndian(png, at: offset + 8)) * 0.0254
            }
            offset += 12 + length
        }
        return nil
    }

    static func chunk(type: String, payload: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        appendBigEndian(UInt32(payload.count), to: &bytes)
        let typed = Array(type.utf8) + payload
        bytes.append(contentsOf: typed)
        appendBigEndian(crc32(typed), to: &bytes)
        return bytes
    }

    static func appendBigEndian(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes.append(UInt8(truncatingIfNeeded: value >> 24))
        bytes.append(UInt8(truncatingIfNeeded: value >> 16))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value))
    }

    static func readBigEndian(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        (UInt32(bytes[offset]) << 24) | (UInt32(bytes[offset + 1]) << 16)
            | (UInt32(bytes[offset + 2]) << 8) | UInt32(bytes[offset + 3])
    }

    /// CRC-32 (ISO 3309, polynomial 0xEDB88320) as PNG chunks use.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
        }
        return crc ^ 0xFFFF_FFFF
    }

    private static let crcTable: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }
}
