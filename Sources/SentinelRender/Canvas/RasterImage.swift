import CCairo
import Foundation

/// A decoded PNG as 8-bit RGBA rows (straight alpha), for comparing rendered figures with
/// reference images and for checking screenshots (e.g. that a page is not blank).
public struct RasterImage: Hashable, Sendable {
    public let width: Int
    public let height: Int
    /// `width × height × 4` bytes, row-major, R G B A.
    public let rgba: [UInt8]

    /// Decodes PNG bytes through Cairo.
    public init(png: Data) throws {
        final class Reader {
            let bytes: [UInt8]
            var offset = 0
            init(_ bytes: [UInt8]) { self.bytes = bytes }
        }
        let reader = Reader([UInt8](png))
        let read: cairo_read_func_t = { closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_READ_ERROR }
            let r = Unmanaged<Reader>.fromOpaque(closure).takeUnretainedValue()
            let n = Int(length)
            if n == 0 { return CAIRO_STATUS_SUCCESS }
            guard r.offset + n <= r.bytes.count else { return CAIRO_STATUS_READ_ERROR }
            r.bytes.withUnsafeBufferPointer { src in
                if let base = src.baseAddress { data.update(from: base + r.offset, count: n) }
            }
            r.offset += n
            return CAIRO_STATUS_SUCCESS
        }
        let surface = withExtendedLifetime(reader) {
            cairo_image_surface_create_from_png_stream(read, Unmanaged.passUnretained(reader).toOpaque())
        }
        guard let surface else { throw RenderError.cairo(operation: "decoding PNG", status: "no surface") }
        defer { cairo_surface_destroy(surface) }
        try Renderer.checkSurface(surface, "decoding PNG")
        try self.init(surface: surface)
    }

    /// Decodes the PNG file at `url`.
    public init(contentsOf url: URL) throws {
        try self.init(png: Data(contentsOf: url))
    }

    init(surface: OpaquePointer) throws {
        cairo_surface_flush(surface)
        let format = cairo_image_surface_get_format(surface)
        let w = Int(cairo_image_surface_get_width(surface))
        let h = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let data = cairo_image_surface_get_data(surface),
              format == CAIRO_FORMAT_ARGB32 || format == CAIRO_FORMAT_RGB24 else {
            throw RenderError.cairo(operation: "reading PNG pixels", status: "unsupported pixel format")
        }
        var out = [UInt8](repeating: 0, count: w * h * 4)
        for y in 0..<h {
            let row = (data + y * stride).withMemoryRebound(to: UInt32.self, capacity: w) { $0 }
            for x in 0..<w {
                let px = row[x]
                var a = format == CAIRO_FORMAT_RGB24 ? 255 : UInt32((px >> 24) & 0xFF)
                var r = (px >> 16) & 0xFF, g = (px >> 8) & 0xFF, b = px & 0xFF
                if a == 0 { r = 0; g = 0; b = 0 } else if a < 255 {
                    r = min(255, (r * 255 + a / 2) / a); g = min(255, (g * 255 + a / 2) / a); b = min(255, (b * 255 + a / 2) / a)
                }
                if format == CAIRO_FORMAT_RGB24 { a = 255 }
                let o = (y * w + x) * 4
                out[o] = UInt8(r); out[o + 1] = UInt8(g); out[o + 2] = UInt8(b); out[o + 3] = UInt8(a)
            }
        }
        width = w
        height = h
        rgba = out
    }

    /// How two images of the same size differ.
    public struct Difference: Hashable, Sendable {
        /// Mean absolute difference per channel (R, G, B, A averaged), in 0…255.
        public var meanAbsolute: Double
        /// Fraction of pixels where some channel differs by more than the threshold.
        public var fractionDiffering: Double
        /// Largest channel difference seen.
        public var maximum: Int
    }

    /// Compares with `other`; nil when the sizes differ. `threshold` is the per-channel
    /// difference above which a pixel counts as differing.
    public func difference(from other: RasterImage, threshold: Int = 32) -> Difference? {
        guard width == other.width, height == other.height else { return nil }
        var total = 0
        var differing = 0
        var maximum = 0
        for p in 0..<(width * height) {
            var pixelMax = 0
            for c in 0..<4 {
                let d = abs(Int(rgba[p * 4 + c]) - Int(other.rgba[p * 4 + c]))
                total += d
                pixelMax = max(pixelMax, d)
            }
            if pixelMax > threshold { differing += 1 }
            maximum = max(maximum, pixelMax)
        }
        let pixels = max(1, width * height)
        return Difference(meanAbsolute: Double(total) / Double(pixels * 4),
                          fractionDiffering: Double(differing) / Double(pixels), maximum: maximum)
    }

    /// Fraction of pixels that differ by more than `threshold` in some channel from the
    /// top-left pixel: near 0 for a blank (single-colour) image.
    public func nonBackgroundFraction(threshold: Int = 16) -> Double {
        guard width > 0, height > 0 else { return 0 }
        let bg = Array(rgba[0..<4])
        var count = 0
        for p in 0..<(width * height) {
            for c in 0..<4 where abs(Int(rgba[p * 4 + c]) - Int(bg[c])) > threshold {
                count += 1
                break
            }
        }
        return Double(count) / Double(width * height)
    }
}
