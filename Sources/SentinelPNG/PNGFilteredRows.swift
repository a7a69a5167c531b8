import CDeflate

/// The image data of a non-interlaced PNG inflated by libdeflate, rows unfiltered (PNG filter
/// types 0–4) in order only as far as they are asked for.
///
/// - Only the first `rowCount` rows need be inflated: when they end well before the image,
///   libdeflate writes into a buffer that holds them plus 64 KiB and stops when it is full
///   (`LIBDEFLATE_INSUFFICIENT_SPACE`). libdeflate writes its output in order and gives up
///   before an item that would not fit (a literal, a match of at most 258 bytes, a stored
///   block of at most 65 535 bytes), so every byte but the last 65 535 of the buffer is final.
///   The zlib Adler-32 then cannot be checked (it covers the whole stream); the chunk CRCs,
///   which cover every compressed byte, still are.
/// - Only the first `rowPrefix` bytes of each row are unfiltered: no filter reads a byte to the
///   right of the one it reconstructs, in its row or the row above.
/// - Rows before the requested one are skipped back to the last row whose filter (None, or
///   Sub) does not read the row above: their bytes are never needed.
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
    /// Rows `0 ..< rowCount` are inflated (all `height` when the whole stream was).
    let rowCount: Int
    /// Leading bytes of each row that `row(_:)` unfilters (≤ `rowBytes`).
    let rowPrefix: Int
    /// Rows `first ..< unfiltered` hold their final bytes (first `rowPrefix` of them); rows
    /// before `first` were skipped and are no longer available.
    private(set) var unfiltered = 0
    private var first = 0
    /// `rowCount` rows of 1 filter byte + `rowBytes` bytes (and the slack past them).
    private let raw: UnsafeMutableRawBufferPointer

    /// Slack after the last needed row of a partial inflate: the longest item libdeflate may
    /// refuse to write when the buffer is nearly full (a stored block), rounded up.
    static let partialSlack = 65_536

    /// - Parameters:
    ///   - rows: rows needed (from the top); more are inflated when it costs nothing.
    ///   - prefix: leading bytes of each row needed (clamped to the row).
    init?(png: UnsafeRawBufferPointer, width: Int, height: Int, bytesPerPixel: Int, rows: Int? = nil, prefix: Int? = nil) {
        self.height = height
        self.bytesPerPixel = bytesPerPixel
        rowBytes = width * bytesPerPixel
        rowPrefix = min(rowBytes, max(0, prefix ?? rowBytes))
        guard let stream = Self.imageData(png) else { return nil }
        defer { stream.deallocate() }
        let line = rowBytes + 1
        let full = height * line
        let wanted = min(height, max(1, rows ?? height))
        let partial = wanted * line + Self.partialSlack < full
        let size = partial ? wanted * line + Self.partialSlack : full
        raw = .allocate(byteCount: max(1, size), alignment: 16)
        guard let decompressor = libdeflate_alloc_decompressor() else {
            raw.deallocate()
            return nil
        }
        defer { libdeflate_free_decompressor(decompressor) }
        var produced = 0
        let result = libdeflate_zlib_decompress(decompressor, stream.baseAddress, stream.count, raw.baseAddress, size, &produced)
        // A partial inflate must stop for want of room: a stream that ends sooner is short.
        guard partial ? result == LIBDEFLATE_INSUFFICIENT_SPACE : (result == LIBDEFLATE_SUCCESS && produced == size) else {
            raw.deallocate()
            return nil
        }
        rowCount = partial ? wanted : height
    }

    deinit { raw.deallocate() }

    /// The concatenated IDAT payloads (the zlib stream), each chunk's CRC checked; nil when a
    /// chunk is truncated or its CRC does not match.
    private static func imageData(_ png: UnsafeRawBufferPointer) -> UnsafeMutableRawBufferPointer? {
        guard let chunks = PNGImageData.chunks(png) else { return nil }
        let total = chunks.reduce(0) { $0 + $1.count }
        let stream = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, total), alignment: 16)
        var at = 0
        for chunk in chunks {
            stream.baseAddress!.advanced(by: at).copyMemory(from: png.baseAddress! + chunk.lowerBound, byteCount: chunk.count)
            at += chunk.count
        }
        return UnsafeMutableRawBufferPointer(rebasing: stream[0..<total])
    }

    /// Whether row `y` can be given out: inflated, and not skipped.
    func holds(_ y: Int) -> Bool { y >= first && y < rowCount }

    /// The unfiltered bytes of row `y` (its first `rowPrefix` bytes are final), unfiltering the
    /// rows before it first, from the last one at or after the rows already done whose filter
    /// does not read the row above (rows are asked for in increasing order; see `holds`).
    /// Returns nil for an invalid filter type (libpng then reports the error).
    func row(_ y: Int) -> UnsafePointer<UInt8>? {
        precondition(holds(y))
        let base = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let line = rowBytes + 1
        if unfiltered <= y {
            // Restart at the last row in unfiltered ... y that stands on its own (None or Sub).
            var restart = y
            while restart > unfiltered && base[restart * line] > 1 { restart -= 1 }
            if restart > unfiltered {
                first = restart
                unfiltered = restart
            }
        }
        while unfiltered <= y {
            let row = base + unfiltered * line
            // No row above for the image's first row and for a restart row (which does not read it).
            let prior = unfiltered == first ? nil : UnsafePointer(row - rowBytes)
            guard PNGRowFilter.undo(row + 1, count: rowPrefix, bytesPerPixel: bytesPerPixel, type: row[0], prior: prior) else {
                return nil
            }
            unfiltered += 1
        }
        return UnsafePointer(base + y * line + 1)
    }
}
