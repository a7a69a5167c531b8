import CDeflate

/// The image data of a non-interlaced PNG inflated in one call by libdeflate, rows unfiltered
/// (PNG filter types 0–4) in order only as far as they are asked for.
///
/// `init` returns nil whenever anything is not clean (a chunk CRC mismatch, truncated or
/// corrupt data, an Adler-32 mismatch, too much or too little image data): the caller then
/// lets libpng decode the file, so its messages and tolerances apply.
final class PNGFilteredRows {
    let height: Int
    /// Bytes per row without the filter byte.
    let rowBytes: Int
    /// Bytes per pixel (the filters' left neighbour distance), 1 or 2.
    let bytesPerPixel: Int
    /// Rows `0 ..< unfiltered` hold their final bytes.
    private(set) var unfiltered = 0
    /// `height` rows of 1 filter byte + `rowBytes` bytes.
    private let raw: UnsafeMutableRawBufferPointer

    init?(png: UnsafeRawBufferPointer, width: Int, height: Int, bytesPerPixel: Int) {
        self.height = height
        self.bytesPerPixel = bytesPerPixel
        rowBytes = width * bytesPerPixel
        guard let stream = Self.imageData(png) else { return nil }
        defer { stream.deallocate() }
        let size = height * (rowBytes + 1)
        raw = .allocate(byteCount: max(1, size), alignment: 16)
        guard let decompressor = libdeflate_alloc_decompressor() else {
            raw.deallocate()
            return nil
        }
        defer { libdeflate_free_decompressor(decompressor) }
        var produced = 0
        let result = libdeflate_zlib_decompress(decompressor, stream.baseAddress, stream.count, raw.baseAddress, size, &produced)
        guard result == LIBDEFLATE_SUCCESS, produced == size else {
            raw.deallocate()
            return nil
        }
    }

    deinit { raw.deallocate() }

    /// The concatenated IDAT payloads (the zlib stream), each chunk's CRC checked; nil when a
    /// chunk is truncated or its CRC does not match.
    private static func imageData(_ png: UnsafeRawBufferPointer) -> UnsafeMutableRawBufferPointer? {
        func word(_ offset: Int) -> Int {
            Int(png[offset]) << 24 | Int(png[offset + 1]) << 16 | Int(png[offset + 2]) << 8 | Int(png[offset + 3])
        }
        let idat = 0x4944_4154, iend = 0x4945_4E44
        var chunks: [Range<Int>] = [], offset = 8, total = 0
        while offset + 8 <= png.count {
            let length = word(offset), type = word(offset + 4)
            guard offset + 12 + length <= png.count else { return nil }
            if type == idat {
                let crc = libdeflate_crc32(0, png.baseAddress! + offset + 4, length + 4)
                guard Int(crc) == word(offset + 8 + length) else { return nil }
                chunks.append((offset + 8)..<(offset + 8 + length))
                total += length
            } else if !chunks.isEmpty || type == iend {
                break
            }
            offset += 12 + length
        }
        guard !chunks.isEmpty else { return nil }
        let stream = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, total), alignment: 16)
        var at = 0
        for chunk in chunks {
            stream.baseAddress!.advanced(by: at).copyMemory(from: png.baseAddress! + chunk.lowerBound, byteCount: chunk.count)
            at += chunk.count
        }
        return UnsafeMutableRawBufferPointer(rebasing: stream[0..<total])
    }

    /// The unfiltered bytes of row `y` (`rowBytes` of them), unfiltering the rows before it first.
    /// Returns nil for an invalid filter type (libpng then reports the error).
    func row(_ y: Int) -> UnsafePointer<UInt8>? {
        precondition(y >= 0 && y < height)
        let base = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
        while unfiltered <= y {
            let line = base + unfiltered * (rowBytes + 1)
            guard unfilter(line + 1, type: line[0], prior: unfiltered == 0 ? nil : UnsafePointer(line - rowBytes)) else {
                return nil
            }
            unfiltered += 1
        }
        return UnsafePointer(base + y * (rowBytes + 1) + 1)
    }

    /// Undoes filter `type` on `row` in place given the unfiltered row above (nil for the first).
    private func unfilter(_ row: UnsafeMutablePointer<UInt8>, type: UInt8, prior: UnsafePointer<UInt8>?) -> Bool {
        let n = rowBytes, bpp = bytesPerPixel
        switch (type, prior) {
        case (0, _), (2, nil):
            break
        case (1, _):
            for i in bpp..<max(bpp, n) { row[i] &+= row[i - bpp] }
        case let (2, up?):
            for i in 0..<n { row[i] &+= up[i] }
        case (3, nil):
            for i in bpp..<max(bpp, n) { row[i] &+= row[i - bpp] >> 1 }
        case let (3, up?):
            for i in 0..<min(bpp, n) { row[i] &+= up[i] >> 1 }
            for i in bpp..<max(bpp, n) { row[i] &+= UInt8((UInt16(row[i - bpp]) + UInt16(up[i])) >> 1) }
        case (4, nil):
            // Above and upper-left are 0: the Paeth predictor is the left neighbour.
            for i in bpp..<max(bpp, n) { row[i] &+= row[i - bpp] }
        case let (4, up?):
            for i in 0..<min(bpp, n) { row[i] &+= up[i] }
            for i in bpp..<max(bpp, n) {
                let a = Int(row[i - bpp]), b = Int(up[i]), c = Int(up[i - bpp])
                let pa = abs(b - c), pb = abs(a - c), pc = abs(a + b - 2 * c)
                row[i] &+= UInt8(pa <= pb && pa <= pc ? a : (pb <= pc ? b : c))
            }
        default:
            return false
        }
        return true
    }
}
