/// Builds a PNG file (PNG specification, 3rd edition, §5) chunk by chunk: each chunk is its
/// big-endian length, 4-byte type, data and the CRC-32 of type and data.
struct PNGChunkWriter {
    /// The file so far, starting with the 8-byte PNG signature.
    private(set) var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// IDAT chunks carry at most this many bytes of the zlib stream each.
    static let imageDataChunkBytes = 1 << 20

    init(reservingCapacity capacity: Int = 0) {
        bytes.reserveCapacity(capacity + 8)
    }

    /// Appends a chunk of `type` (4 ASCII letters) with `data`.
    mutating func append(_ type: String, _ data: UnsafeBufferPointer<UInt8>) {
        precondition(type.utf8.count == 4 && data.count <= Int(Int32.max))
        Self.appendBigEndian(UInt32(data.count), to: &bytes)
        let typeStart = bytes.count
        bytes.append(contentsOf: type.utf8)
        bytes.append(contentsOf: data)
        let crc = bytes.withUnsafeBytes { CRC32.checksum(UnsafeRawBufferPointer(rebasing: $0[typeStart...])) }
        Self.appendBigEndian(crc, to: &bytes)
    }

    mutating func append(_ type: String, _ data: [UInt8]) {
        data.withUnsafeBufferPointer { append(type, $0) }
    }

    /// Appends the image data as IDAT chunks of at most `imageDataChunkBytes` each.
    mutating func appendImageData(_ stream: [UInt8]) {
        stream.withUnsafeBufferPointer { all in
            var offset = 0
            repeat {
                let end = min(all.count, offset + Self.imageDataChunkBytes)
                append("IDAT", UnsafeBufferPointer(rebasing: all[offset..<end]))
                offset = end
            } while offset < all.count
        }
    }

    static func appendBigEndian(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes.append(UInt8(truncatingIfNeeded: value >> 24))
        bytes.append(UInt8(truncatingIfNeeded: value >> 16))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value))
    }

    /// IHDR data: width, height, bit depth 8, `colorType`, deflate, adaptive filtering, no interlace.
    static func header(width: Int, height: Int, colorType: UInt8) -> [UInt8] {
        var data: [UInt8] = []
        appendBigEndian(UInt32(width), to: &data)
        appendBigEndian(UInt32(height), to: &data)
        data += [8, colorType, 0, 0, 0]
        return data
    }

    /// pHYs data: `pixelsPerMetre` both ways, unit metre.
    static func physicalDimensions(pixelsPerMetre: UInt32) -> [UInt8] {
        var data: [UInt8] = []
        appendBigEndian(pixelsPerMetre, to: &data)
        appendBigEndian(pixelsPerMetre, to: &data)
        data.append(1)
        return data
    }
}
