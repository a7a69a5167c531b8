import CDeflate
import Foundation

/// The samples of an 8-bit grayscale PNG (a label mask) decoded in one pass that also finds
/// the bounding box of the samples equal to one label value (`PNGGrayDecoder.scanLabel(_:)`).
///
/// - The zlib stream is inflated whole by libdeflate (chunk CRCs and the Adler-32 checked)
///   into a buffer reused from one scan to the next (`PNGScratchBuffers`), so that decoding a
///   mask after the first costs no fresh pages (no page faults, no kernel zero fill).
/// - Rows are unfiltered in place in the same pass as the search: a row whose filtered bytes
///   are all zero below an all-zero row (the background of a mask, whatever its filter type)
///   is zero once unfiltered and is neither unfiltered nor searched; any other row is
///   unfiltered (PNG filter types 0–4) and searched (`memchr` from the left, a loop from the right).
/// - The samples equal those `PNGGrayDecoder.readRows` delivers for the file.
///
/// The rows stay readable (`row(_:)`) while the scan is alive; the buffer goes back to the
/// pool when it is released.
public final class PNGLabelScan {
    /// Image width and height in pixels.
    public let width: Int
    public let height: Int
    /// The value searched for.
    public let value: UInt8
    /// The first and last rows and columns holding `value` (inclusive); nil when no sample does.
    public let box: (rows: ClosedRange<Int>, columns: ClosedRange<Int>)?
    /// Rows of 1 filter byte + `width` samples.
    private let buffer: UnsafeMutableRawBufferPointer

    /// Decodes the image data of `png`, a non-interlaced 8-bit grayscale file of `width` ×
    /// `height`, and scans it for `value`; nil when the data are not clean (a truncated chunk,
    /// a CRC or Adler-32 mismatch, a corrupt or short stream, an invalid filter type), so that
    /// the caller can let libpng report the error.
    static func scan(png: UnsafeRawBufferPointer, width: Int, height: Int, value: UInt8) -> PNGLabelScan? {
        let size = height * (width + 1)
        let buffer = PNGScratchBuffers.shared.take(atLeast: size)
        guard inflateImageData(png, into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<size])),
              let found = scanRows(buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), width: width, height: height,
                                   value: value) else {
            PNGScratchBuffers.shared.give(buffer)
            return nil
        }
        return PNGLabelScan(buffer: buffer, width: width, height: height, value: value, box: found)
    }

    private init(buffer: UnsafeMutableRawBufferPointer, width: Int, height: Int, value: UInt8,
                 box: (rows: ClosedRange<Int>, columns: ClosedRange<Int>)?) {
        self.buffer = buffer
        self.width = width
        self.height = height
        self.value = value
        self.box = box
    }

    deinit { PNGScratchBuffers.shared.give(buffer) }

    /// The `width` samples of row `y` (valid while `self` is alive).
    public func row(_ y: Int) -> UnsafeBufferPointer<UInt8> {
        precondition(y >= 0 && y < height, "row \(y) outside 0..<\(height)")
        let start = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self) + y * (width + 1) + 1
        return UnsafeBufferPointer(start: start, count: width)
    }

    /// Inflates the image data (the IDAT payloads, each chunk's CRC checked) of `png` into
    /// `out`, which the stream must fill exactly (its Adler-32 checked).
    private static func inflateImageData(_ png: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) -> Bool {
        guard let chunks = PNGImageData.chunks(png), let first = chunks.first else { return false }
        guard let decompressor = libdeflate_alloc_decompressor() else { return false }
        defer { libdeflate_free_decompressor(decompressor) }
        func inflate(_ stream: UnsafeRawPointer, _ count: Int) -> Bool {
            var produced = 0
            let result = libdeflate_zlib_decompress(decompressor, stream, count, out.baseAddress, out.count, &produced)
            return result == LIBDEFLATE_SUCCESS && produced == out.count
        }
        if chunks.count == 1 { return inflate(png.baseAddress! + first.lowerBound, first.count) }
        var stream = [UInt8]()
        stream.reserveCapacity(chunks.reduce(0) { $0 + $1.count })
        for chunk in chunks { stream.append(contentsOf: UnsafeRawBufferPointer(rebasing: png[chunk])) }
        return stream.withUnsafeBytes { inflate($0.baseAddress!, $0.count) }
    }

    /// Unfilters the `height` rows at `base` in place and finds the rows and columns holding
    /// `value`: `.some(nil)` when none does, nil for an invalid filter type.
    private static func scanRows(_ base: UnsafeMutablePointer<UInt8>, width: Int, height: Int,
                                 value: UInt8) -> (rows: ClosedRange<Int>, columns: ClosedRange<Int>)?? {
        let line = width + 1
        var firstRow = -1, lastRow = -1, firstColumn = Int.max, lastColumn = -1
        // Row y − 1 (none above row 0) holds only zeros once unfiltered.
        var aboveZero = true
        for y in 0..<height {
            let row = base + y * line
            let type = row[0], samples = row + 1
            guard type <= 4 else { return nil }
            if aboveZero && isZero(samples, count: width) {
                // Every filter predicts 0 from zero neighbours: the row is zero as it stands.
                if value == 0 {
                    if firstRow < 0 { firstRow = y }
                    lastRow = y
                    firstColumn = 0
                    lastColumn = width - 1
                }
                continue
            }
            _ = PNGRowFilter.undo(samples, count: width, bytesPerPixel: 1, type: type,
                                  prior: y == 0 ? nil : UnsafePointer(samples - line))
            if let hit = memchr(samples, Int32(value), width) {
                var last = width - 1
                while samples[last] != value { last -= 1 }
                if firstRow < 0 { firstRow = y }
                lastRow = y
                firstColumn = min(firstColumn, UnsafeRawPointer(hit) - UnsafeRawPointer(samples))
                lastColumn = max(lastColumn, last)
            }
            aboveZero = isZero(samples, count: width)
        }
        guard firstRow >= 0 else { return .some(nil) }
        return (firstRow...lastRow, firstColumn...lastColumn)
    }

    /// Zero bytes that rows are compared with (`memcmp`, the C library's widest-vector loop).
    /// Never written after it is made: safe to read from any thread.
    nonisolated(unsafe) private static let zeros: UnsafeRawPointer = {
        let page = UnsafeMutableRawPointer.allocate(byteCount: zeroRun, alignment: 64)
        page.initializeMemory(as: UInt8.self, repeating: 0, count: zeroRun)
        return UnsafeRawPointer(page)
    }()
    private static let zeroRun = 16_384

    /// Whether the `count` bytes at `p` are all zero.
    private static func isZero(_ p: UnsafePointer<UInt8>, count: Int) -> Bool {
        var i = 0
        while i < count {
            let n = min(zeroRun, count - i)
            if memcmp(p + i, zeros, n) != 0 { return false }
            i += n
        }
        return true
    }
}

/// Byte buffers handed from one decode to the next instead of freed: a buffer's pages,
/// once touched, are not faulted in and zero-filled again by the kernel for the next image.
/// Keeps at most `limit` idle buffers (the largest).
final class PNGScratchBuffers: @unchecked Sendable {
    static let shared = PNGScratchBuffers()
    private let limit = max(2, ProcessInfo.processInfo.activeProcessorCount + 1)
    private var idle: [UnsafeMutableRawBufferPointer] = []
    private let lock = NSLock()

    /// An idle buffer of at least `count` bytes (contents undefined), or a new one.
    func take(atLeast count: Int) -> UnsafeMutableRawBufferPointer {
        lock.lock()
        if let k = idle.firstIndex(where: { $0.count >= count }) {
            let buffer = idle.remove(at: k)
            lock.unlock()
            return buffer
        }
        lock.unlock()
        return .allocate(byteCount: max(1, count), alignment: 64)
    }

    /// Returns `buffer` for a later `take` (freed when `limit` larger ones are idle).
    func give(_ buffer: UnsafeMutableRawBufferPointer) {
        lock.lock()
        idle.append(buffer)
        idle.sort { $0.count > $1.count }
        let surplus = idle.count > limit ? Array(idle[limit...]) : []
        idle.removeLast(surplus.count)
        lock.unlock()
        for extra in surplus { extra.deallocate() }
    }
}
