import SentinelPNG

/// PNG helpers: resolution conversion and chunk reading (used to verify written files).
enum PNGEncoding {
    /// Pixels per metre for `dpi` dots per inch (300 dpi → 11811).
    static func pixelsPerMetre(dpi: Double) -> UInt32 {
        PNGEncoder.pixelsPerMetre(dpi: dpi)
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
