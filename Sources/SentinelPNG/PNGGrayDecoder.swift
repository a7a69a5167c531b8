import CPNG
import Foundation

/// Decodes a PNG held in memory to grayscale samples, row by row, top to bottom.
///
/// Values are those of libpng's simplified API (`png_image_finish_read`) with format
/// `PNG_FORMAT_LINEAR_Y` for 16-bit files and `PNG_FORMAT_GRAY` otherwise: the stored samples
/// unchanged for 8/16-bit grayscale files without gamma information, libpng's conversion for
/// colour, palette, alpha, low bit depth or gamma-tagged files.
///
/// - Streaming: a non-interlaced 8/16-bit grayscale file without tRNS, gAMA, sRGB or iCCP
///   chunks (`streams == true`, the usual case for mammograms and masks) is inflated only as far
///   as the rows asked for, so reading stops early when later rows are not needed. Any other
///   file (interlaced ones included) is decoded whole on the first request, then handed out the
///   same way.
/// - Rows are delivered in increasing order; each `readRows(through:)` call continues where the
///   previous one stopped. The row buffer passed to `body` is only valid during the call.
public final class PNGGrayDecoder {
    /// Image width and height in pixels.
    public let width: Int
    public let height: Int
    /// Bits per delivered sample: 16 for 16-bit files, 8 otherwise (read with `UInt16` / `UInt8`).
    public let bitDepth: Int
    /// Whether the file is Adam7-interlaced (such files are decoded whole).
    public let isInterlaced: Bool
    /// Whether rows are inflated on demand (see the type's documentation).
    public let streams: Bool
    /// The next row `readRows` will deliver.
    public private(set) var nextRow = 0

    /// The file's bytes, owned: libpng reads them through a pointer kept between calls.
    private let bytes: UnsafeMutableRawBufferPointer
    private let count: Int
    private var reader: UnsafeMutablePointer<sentinel_png_reader>?
    private var decoded: [UInt8]?

    /// Reads the header of the PNG file held in `data`.
    /// - Throws: `PNGError` when the bytes are not a readable PNG header.
    public convenience init(data: some Collection<UInt8>) throws {
        let bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, data.count), alignment: 16)
        _ = bytes.initializeMemory(as: UInt8.self, from: data)
        try self.init(owning: UnsafeMutableRawBufferPointer(rebasing: bytes[0..<data.count]), base: bytes)
    }

    /// Reads the file at `url` and its PNG header.
    /// - Throws: `PNGError` when the file cannot be read or is not a readable PNG.
    public convenience init(contentsOf url: URL) throws {
        let path = url.path
        guard let file = fopen(path, "rb") else { throw PNGError("cannot open the file") }
        defer { fclose(file) }
        var size = 0
        if fseeko(file, 0, SEEK_END) == 0 { size = Int(ftello(file)) }
        guard size >= 0, fseeko(file, 0, SEEK_SET) == 0 else { throw PNGError("cannot read the file") }
        let bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, size), alignment: 16)
        guard fread(bytes.baseAddress, 1, size, file) == size else {
            bytes.deallocate()
            throw PNGError("cannot read the file")
        }
        try self.init(owning: UnsafeMutableRawBufferPointer(rebasing: bytes[0..<size]), base: bytes)
    }

    /// Takes ownership of `base` (deallocated with the decoder, or on a thrown error).
    private init(owning bytes: UnsafeMutableRawBufferPointer, base: UnsafeMutableRawBufferPointer) throws {
        self.bytes = base
        let reader = UnsafeMutablePointer<sentinel_png_reader>.allocate(capacity: 1)
        guard sentinel_png_reader_open(reader, bytes.baseAddress, bytes.count) != 0 else {
            let error = PNGError(Self.message(reader))
            sentinel_png_reader_close(reader)
            reader.deallocate()
            base.deallocate()
            throw error
        }
        self.count = bytes.count
        let png = reader.pointee.png, info = reader.pointee.info
        width = Int(png_get_image_width(png, info))
        height = Int(png_get_image_height(png, info))
        let depth = Int(png_get_bit_depth(png, info))
        let colorType = Int32(png_get_color_type(png, info))
        isInterlaced = Int32(png_get_interlace_type(png, info)) != PNG_INTERLACE_NONE
        bitDepth = depth == 16 ? 16 : 8
        let tagged = png_get_valid(png, info, UInt32(PNG_INFO_tRNS | PNG_INFO_gAMA | PNG_INFO_sRGB | PNG_INFO_iCCP)) != 0
        streams = colorType == PNG_COLOR_TYPE_GRAY && (depth == 8 || depth == 16) && !isInterlaced && !tagged
        if streams {
            guard sentinel_png_reader_start_rows(reader, depth == 16 && UInt16(1).littleEndian == 1 ? 1 : 0) != 0 else {
                let error = PNGError(Self.message(reader))
                sentinel_png_reader_close(reader)
                reader.deallocate()
                base.deallocate()
                throw error
            }
            self.reader = reader
        } else {
            sentinel_png_reader_close(reader)
            reader.deallocate()
        }
    }

    deinit {
        close()
        bytes.deallocate()
    }

    /// Delivers rows `nextRow ... lastRow` (clamped to the image) to `body(row, samples)`, each
    /// `width` samples of type `T`, which must match `bitDepth`.
    /// - Throws: `PNGError` when the data are corrupt or truncated, or `T` does not match
    ///   `bitDepth`; errors thrown by `body`.
    public func readRows<T: PNGSample>(through lastRow: Int, as _: T.Type = T.self,
                                       _ body: (Int, UnsafeBufferPointer<T>) throws -> Void) throws {
        guard T.bitDepth == bitDepth else {
            throw PNGError("rows are \(bitDepth)-bit, asked for \(T.bitDepth)-bit samples")
        }
        let last = min(lastRow, height - 1)
        guard nextRow <= last else { return }
        let rowBytes = width * MemoryLayout<T>.stride
        if let reader {
            // A block of rows per C call keeps the per-call setjmp cost negligible.
            let block = max(1, min(64, (1 << 20) / max(1, rowBytes)))
            var buffer = [T](repeating: 0, count: block * width)
            while nextRow <= last {
                let count = min(block, last - nextRow + 1)
                let ok = buffer.withUnsafeMutableBytes {
                    sentinel_png_reader_rows(reader, $0.baseAddress, rowBytes, UInt32(count))
                }
                guard ok != 0 else { throw PNGError(Self.message(reader)) }
                try buffer.withUnsafeBufferPointer { rows in
                    for k in 0..<count {
                        try body(nextRow + k, UnsafeBufferPointer(rebasing: rows[(k * width)..<((k + 1) * width)]))
                    }
                }
                nextRow += count
            }
            if nextRow == height { close() }
        } else {
            if decoded == nil { decoded = try decodeWhole(T.self) }
            try decoded!.withUnsafeBytes { raw in
                let samples = raw.bindMemory(to: T.self)
                while nextRow <= last {
                    try body(nextRow, UnsafeBufferPointer(rebasing: samples[(nextRow * width)..<((nextRow + 1) * width)]))
                    nextRow += 1
                }
            }
        }
    }

    /// All rows from `nextRow` on, row-major.
    public func readAll<T: PNGSample>(as _: T.Type = T.self) throws -> [T] {
        var out: [T] = []
        out.reserveCapacity((height - nextRow) * width)
        try readRows(through: height - 1) { (_, row: UnsafeBufferPointer<T>) in out.append(contentsOf: row) }
        return out
    }

    /// The whole image through libpng's simplified API, as raw bytes of `T` samples.
    private func decodeWhole<T: PNGSample>(_: T.Type) throws -> [UInt8] {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        guard png_image_begin_read_from_memory(&image, bytes.baseAddress, count) != 0 else {
            throw PNGError(Self.message(image))
        }
        defer { png_image_free(&image) }
        image.format = T.bitDepth == 16 ? UInt32(PNG_FORMAT_LINEAR_Y) : UInt32(PNG_FORMAT_GRAY)
        var samples = [UInt8](repeating: 0, count: width * height * MemoryLayout<T>.stride)
        let ok = samples.withUnsafeMutableBytes { png_image_finish_read(&image, nil, $0.baseAddress, 0, nil) }
        guard ok != 0 else { throw PNGError(Self.message(image)) }
        return samples
    }

    private func close() {
        guard let reader else { return }
        sentinel_png_reader_close(reader)
        reader.deallocate()
        self.reader = nil
    }

    private static func message(_ reader: UnsafeMutablePointer<sentinel_png_reader>) -> String {
        withUnsafeBytes(of: &reader.pointee.message) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
    }

    private static func message(_ image: png_image) -> String {
        var copy = image.message
        return withUnsafeBytes(of: &copy) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
    }
}
