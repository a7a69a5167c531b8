import CPNG
import Foundation

/// Decodes a PNG to grayscale samples, row by row, top to bottom.
///
/// Values are those of libpng's simplified API (`png_image_finish_read`) with format
/// `PNG_FORMAT_LINEAR_Y` for 16-bit files and `PNG_FORMAT_GRAY` otherwise: the stored samples
/// unchanged for 8/16-bit grayscale files without gamma information, libpng's conversion for
/// colour, palette, alpha, low bit depth or gamma-tagged files.
///
/// - Fast path: a non-interlaced 8/16-bit grayscale file without tRNS, gAMA, sRGB or iCCP
///   chunks (`streams == true`, the usual case for mammograms and masks) has its image data
///   inflated by libdeflate (about 2.5× zlib's speed; chunk CRCs checked) and its rows
///   unfiltered only as far as they are asked for. The first `readRows` call sets how much
///   work is done: the stream is inflated only down to its last row (the zlib Adler-32 is
///   checked when the whole stream is), each row is unfiltered only up to its last column,
///   and rows passed over with `skipRows(to:)` are not unfiltered when a later row's filter
///   does not depend on them. A later call that needs more rows or columns inflates again.
///   Should the data not be clean, libpng decodes the file instead and reports the error.
/// - Any other file (interlaced ones included) is decoded whole by libpng on the first
///   request, then handed out the same way.
/// - Rows are delivered in increasing order; each `readRows(through:)` call continues where the
///   previous one (or `skipRows(to:)`) stopped. The row buffer passed to `body` is only valid
///   during the call.
public final class PNGGrayDecoder {
    /// Image width and height in pixels.
    public let width: Int
    public let height: Int
    /// Bits per delivered sample: 16 for 16-bit files, 8 otherwise (read with `UInt16` / `UInt8`).
    public let bitDepth: Int
    /// Whether the file is Adam7-interlaced (such files are decoded whole by libpng).
    public let isInterlaced: Bool
    /// Whether the file takes the fast path (rows unfiltered on demand; see the type's documentation).
    public let streams: Bool
    /// The next row `readRows` will deliver.
    public private(set) var nextRow = 0

    /// The file's bytes, owned by the decoder: allocated, or a read-only mapping of the file.
    private let bytes: UnsafeMutableRawBufferPointer
    private let mapped: Bool
    private var filtered: PNGFilteredRows?
    private var decoded: [UInt8]?

    /// Reads the header of the PNG file held in `data`.
    /// - Throws: `PNGError` when the bytes are not a readable PNG header.
    public convenience init(data: some Collection<UInt8>) throws {
        let bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: data.count, alignment: 16)
        _ = bytes.initializeMemory(as: UInt8.self, from: data)
        try self.init(owning: bytes, mapped: false)
    }

    /// Maps the file at `url` into memory (read-only, no copy) and reads its PNG header.
    /// - Throws: `PNGError` when the file cannot be read or is not a readable PNG.
    public convenience init(contentsOf url: URL) throws {
        let fd = open(url.path, O_RDONLY)
        guard fd >= 0 else { throw PNGError("cannot open the file") }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw PNGError("cannot read the file") }
        let size = Int(status.st_size)
        guard size > 0 else { throw PNGError("not a PNG file (the file is empty)") }
        guard let map = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), map != UnsafeMutableRawPointer(bitPattern: -1) else {
            throw PNGError("cannot read the file")
        }
        try self.init(owning: UnsafeMutableRawBufferPointer(start: map, count: size), mapped: true)
    }

    /// Takes ownership of `bytes` (released with the decoder, or on a thrown error) and reads
    /// the header with libpng.
    private init(owning bytes: UnsafeMutableRawBufferPointer, mapped: Bool) throws {
        self.bytes = bytes
        self.mapped = mapped
        let reader = UnsafeMutablePointer<sentinel_png_reader>.allocate(capacity: 1)
        defer {
            sentinel_png_reader_close(reader)
            reader.deallocate()
        }
        guard sentinel_png_reader_open(reader, bytes.baseAddress, bytes.count) != 0 else {
            Self.release(bytes, mapped: mapped)
            throw PNGError(Self.message(reader))
        }
        let png = reader.pointee.png, info = reader.pointee.info
        width = Int(png_get_image_width(png, info))
        height = Int(png_get_image_height(png, info))
        let depth = Int(png_get_bit_depth(png, info))
        let colorType = Int32(png_get_color_type(png, info))
        isInterlaced = Int32(png_get_interlace_type(png, info)) != PNG_INTERLACE_NONE
        bitDepth = depth == 16 ? 16 : 8
        let tagged = png_get_valid(png, info, UInt32(PNG_INFO_tRNS | PNG_INFO_gAMA | PNG_INFO_sRGB | PNG_INFO_iCCP)) != 0
        streams = colorType == PNG_COLOR_TYPE_GRAY && (depth == 8 || depth == 16) && !isInterlaced && !tagged
    }

    deinit { Self.release(bytes, mapped: mapped) }

    private static func release(_ bytes: UnsafeMutableRawBufferPointer, mapped: Bool) {
        if mapped { munmap(bytes.baseAddress, bytes.count) } else { bytes.deallocate() }
    }

    /// Moves on to row `row` without delivering the rows before it (no effect when `nextRow`
    /// is already past it).
    public func skipRows(to row: Int) {
        nextRow = max(nextRow, min(row, height))
    }

    /// Delivers rows `nextRow ... lastRow` (clamped to the image) to `body(row, samples)`: the
    /// samples of `columns` (all `width` when nil; clamped to the image) of each row, of type
    /// `T`, which must match `bitDepth`; `samples[0]` is column `columns.lowerBound`.
    /// - Throws: `PNGError` when the data are corrupt or truncated, or `T` does not match
    ///   `bitDepth`; errors thrown by `body`.
    public func readRows<T: PNGSample>(through lastRow: Int, columns: Range<Int>? = nil, as _: T.Type = T.self,
                                       _ body: (Int, UnsafeBufferPointer<T>) throws -> Void) throws {
        guard T.bitDepth == bitDepth else {
            throw PNGError("rows are \(bitDepth)-bit, asked for \(T.bitDepth)-bit samples")
        }
        let last = min(lastRow, height - 1)
        let columns = columns.map { $0.clamped(to: 0..<width) } ?? 0..<width
        guard nextRow <= last, !columns.isEmpty else { return }
        let sampleBytes = T.bitDepth / 8
        if streams, decoded == nil, filtered == nil || !filtered!.holds(last) || filtered!.rowPrefix < columns.upperBound * sampleBytes {
            // The first request, or one beyond what was inflated or unfiltered (then the whole
            // stream); when the data are not clean, libpng decodes the file below.
            let first = filtered == nil
            filtered = PNGFilteredRows(png: UnsafeRawBufferPointer(bytes), width: width, height: height,
                                       bytesPerPixel: sampleBytes, rows: first ? last + 1 : height,
                                       prefix: first ? columns.upperBound * sampleBytes : nil)
        }
        if let filtered {
            // Concrete (non-generic) sample loops: this method is not specialised across modules.
            let count = columns.count
            let wide = UnsafeMutablePointer<UInt16>.allocate(capacity: count)
            defer { wide.deallocate() }
            while nextRow <= last {
                guard let row = filtered.row(nextRow) else {
                    self.filtered = nil  // an invalid filter type: libpng reports it below
                    break
                }
                if T.bitDepth == 16 {
                    Self.widen(bigEndian: row + 2 * columns.lowerBound, into: wide, count: count)
                    try UnsafeRawPointer(wide).withMemoryRebound(to: T.self, capacity: count) {
                        try body(nextRow, UnsafeBufferPointer(start: $0, count: count))
                    }
                } else {
                    try UnsafeRawPointer(row + columns.lowerBound).withMemoryRebound(to: T.self, capacity: count) {
                        try body(nextRow, UnsafeBufferPointer(start: $0, count: count))
                    }
                }
                nextRow += 1
            }
            if nextRow > last { return }
        }
        if decoded == nil { decoded = try decodeWhole(T.self) }
        try decoded!.withUnsafeBytes { raw in
            let samples = raw.bindMemory(to: T.self)
            while nextRow <= last {
                let start = nextRow * width
                try body(nextRow, UnsafeBufferPointer(rebasing: samples[(start + columns.lowerBound)..<(start + columns.upperBound)]))
                nextRow += 1
            }
        }
    }

    /// The whole image decoded and scanned for the samples equal to `value` in one pass, into a
    /// reused buffer (`PNGLabelScan`); nil unless the file takes the fast path (`streams`) with
    /// 8-bit samples and its data are clean (read it with `readRows` then, which reports the
    /// error). Leaves `nextRow` as it is.
    public func scanLabel(_ value: UInt8) -> PNGLabelScan? {
        guard streams, bitDepth == 8 else { return nil }
        return PNGLabelScan.scan(png: UnsafeRawBufferPointer(bytes), width: width, height: height, value: value)
    }

    /// Big-endian 16-bit samples to native `UInt16`s.
    private static func widen(bigEndian row: UnsafePointer<UInt8>, into out: UnsafeMutablePointer<UInt16>, count: Int) {
        for x in 0..<count { out[x] = UInt16(row[2 * x]) << 8 | UInt16(row[2 * x + 1]) }
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
        guard png_image_begin_read_from_memory(&image, bytes.baseAddress, bytes.count) != 0 else {
            throw PNGError(Self.message(image))
        }
        defer { png_image_free(&image) }
        image.format = T.bitDepth == 16 ? UInt32(PNG_FORMAT_LINEAR_Y) : UInt32(PNG_FORMAT_GRAY)
        var samples = [UInt8](repeating: 0, count: width * height * MemoryLayout<T>.stride)
        let ok = samples.withUnsafeMutableBytes { png_image_finish_read(&image, nil, $0.baseAddress, 0, nil) }
        guard ok != 0 else { throw PNGError(Self.message(image)) }
        return samples
    }

    private static func message(_ reader: UnsafeMutablePointer<sentinel_png_reader>) -> String {
        withUnsafeBytes(of: &reader.pointee.message) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
    }

    private static func message(_ image: png_image) -> String {
        var copy = image.message
        return withUnsafeBytes(of: &copy) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
    }
}
