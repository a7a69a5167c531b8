import CDeflate

/// Where a PNG file's image data lie: the payloads of its consecutive IDAT chunks.
enum PNGImageData {
    /// The IDAT payloads' byte ranges in `png`, in order (their concatenation is the zlib
    /// stream), each chunk's CRC checked. Nil when there is none, a chunk is truncated or a
    /// CRC does not match. Chunks after the IDAT run (or after IEND) are not read.
    static func chunks(_ png: UnsafeRawBufferPointer) -> [Range<Int>]? {
        func word(_ offset: Int) -> Int {
            Int(png[offset]) << 24 | Int(png[offset + 1]) << 16 | Int(png[offset + 2]) << 8 | Int(png[offset + 3])
        }
        let idat = 0x4944_4154, iend = 0x4945_4E44
        var chunks: [Range<Int>] = [], offset = 8
        while offset + 8 <= png.count {
            let length = word(offset), type = word(offset + 4)
            guard offset + 12 + length <= png.count else { return nil }
            if type == idat {
                let crc = libdeflate_crc32(0, png.baseAddress! + offset + 4, length + 4)
                guard Int(crc) == word(offset + 8 + length) else { return nil }
                chunks.append((offset + 8)..<(offset + 8 + length))
            } else if !chunks.isEmpty || type == iend {
                break
            }
            offset += 12 + length
        }
        return chunks.isEmpty ? nil : chunks
    }
}
