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

    /// Where the PNG comes from: bytes owned by the decoder, or a file read as rows are asked for.
    private enum Source {
        case memory(UnsafeMutableRawBufferPointer)
        case file(String)
    }

    private let source: Source
    private var reader: UnsafeMutablePointer<sentinel_png_reader>?
    private var decoded: [UInt8]?

    /// Reads the header of the PNG file held in `data`.
    /// - Throws: `PNGError` when the bytes are not a readable PNG header.
    public convenience init(data: some Collection<UInt8>) throws {
        let bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, data.count), alignment: 16)
        _ = bytes.initializeMemory(as: UInt8.self, from: data)
        let used = UnsafeMutableRawBufferPointer(rebasing: bytes[0..<data.count])
        try self.init(source: .memory(bytes)) { sentinel_png_reader_open($0, used.baseAddress, used.count) }
    }

    /// Reads the header of the PNG file at `url`; the rest of the file is read only as far as
    /// the rows asked for (whole for files that do not stream).
    /// - Throws: `PNGError` when the file cannot be opened or is not a readable PNG.
    public convenience init(contentsOf url: URL) throws {
        let path = url.path
        try self.init(source: .file(path)) { sentinel_png_reader_open_file($0, path) }
    }

    /// Opens the reader with `open`; owns `source` (memory freed with the decoder or on error).
    private init(source: Source, open: (UnsafeMutablePointer<sentinel_png_reader>) -> Int32) throws {
        self.source = source
        let reader = UnsafeMutablePointer<sentinel_png_reader>.allocate(capacity: 1)
        func fail() -> PNGError {
            let error = PNGError(Self.message(reader))
            sentinel_png_reader_close(reader)
            reader.deallocate()
            if case let .memory(bytes) = source { bytes.deallocate() }
            return error
        }
        guard open(reader) != 0 else { throw fail() }
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
                throw fail()
            }
            self.reader = reader
        } else {
            sentinel_png_reader_close(reader)
            reader.deallocate()
        }
    }

    deinit {
        close()
        if case let .memory(bytes) = source { bytes.deallocate() }
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
        let begun: Int32
        switch source {
        case let .memory(bytes): begun = png_image_begin_read_from_memory(&image, bytes.baseAddress, bytes.count)
        case let .file(path): begun = png_image_begin_read_from_file(&image, path)
        }
        guard begun != 0 else { throw PNGError(Self.message(image)) }
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
