import Foundation
import SentinelPNG

/// Reads grayscale PNG images, 8- or 16-bit, through `PNGGrayDecoder`; values are the stored
/// samples unchanged (16-bit files are read as linear, no gamma conversion). Colour PNGs are
/// converted to gray by libpng. Spacing is 1 mm and the origin 0, as defaults: `geometryStored` is false.
enum PNGReader {
    static func read(_ url: URL) throws -> ImageVolume {
        let decoder = try open(url)
        var voxels = [Double](repeating: 0, count: decoder.width * decoder.height)
        try voxels.withUnsafeMutableBufferPointer { out in
            try forEachRow(decoder, through: decoder.height - 1, path: url.path) { y, row in
                let base = y * decoder.width
                for x in 0..<row.count { out[base + x] = row[x] }
            }
        }
        var image = try ImageVolume(size: (decoder.width, decoder.height, 1), dimension: 2, voxels: voxels)
        image.integerRange = 0...(decoder.bitDepth == 16 ? 65535 : 255)
        image.geometryStored = false
        return image
    }

    /// The decoder of the PNG file at `url`, header read.
    static func open(_ url: URL) throws -> PNGGrayDecoder {
        do { return try PNGGrayDecoder(contentsOf: url) } catch {
            throw ImagingError.unreadable(path: url.path, reason: "\(error)")
        }
    }

    /// Rows `decoder.nextRow ... lastRow` as Doubles in a reused buffer, whatever the bit depth.
    static func forEachRow(_ decoder: PNGGrayDecoder, through lastRow: Int, path: String,
                           _ body: (Int, UnsafeBufferPointer<Double>) throws -> Void) throws {
        var buffer = [Double](repeating: 0, count: decoder.width)
        func widen<T: PNGSample>(_: T.Type) throws {
            try decoder.readRows(through: lastRow) { (y, row: UnsafeBufferPointer<T>) in
                try buffer.withUnsafeMutableBufferPointer { out in
                    for x in 0..<row.count { out[x] = Double(row[x]) }
                    try body(y, UnsafeBufferPointer(out))
                }
            }
        }
        do {
            if decoder.bitDepth == 16 { try widen(UInt16.self) } else { try widen(UInt8.self) }
        } catch let error as PNGError {
            throw ImagingError.unreadable(path: path, reason: "\(error)")
        }
    }
}
