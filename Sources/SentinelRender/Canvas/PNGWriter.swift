import CCairo
import SentinelPNG

/// Encodes a Cairo image surface as PNG, faster than `cairo_surface_write_to_png`.
///
/// Cairo's writer uses libpng's defaults (zlib level 6, adaptive filtering). Here the default
/// engine is SentinelPNG's `.fast` encoder (rows unfiltered, deflate matches one row up, one
/// pixel back or by hash, a Huffman code per block), made for flat-colour charts; `.libpng`
/// (zlib level 3, no row filter) remains available. Either way: 8-bit RGB for opaque surfaces
/// or RGBA (un-premultiplied) otherwise, and a `pHYs` chunk giving the resolution. The
/// decoded pixels do not depend on the engine.
enum PNGWriter {
    static let compressionLevel = 3

    static let engine = PNGEncoder.Engine.fast

    static func encode(surface: OpaquePointer, dpi: Double, engine: PNGEncoder.Engine = engine) throws -> [UInt8] {
        cairo_surface_flush(surface)
        let format = cairo_image_surface_get_format(surface)
        let width = Int(cairo_image_surface_get_width(surface))
        let height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let pixels = cairo_image_surface_get_data(surface), width > 0, height > 0,
              format == CAIRO_FORMAT_RGB24 || format == CAIRO_FORMAT_ARGB32 else {
            throw RenderError.cairo(operation: "encoding PNG", status: "unsupported image surface")
        }
        return try encode(width: width, height: height, opaque: format == CAIRO_FORMAT_RGB24, dpi: dpi, engine: engine) { y in
            UnsafeRawPointer(pixels + y * stride)
        }
    }

    /// Encodes `height` rows of `width` Cairo pixels (native-endian 32-bit xRGB when `opaque`,
    /// premultiplied ARGB otherwise); `row(y)` is asked for rows 0, 1, … in order, so a caller
    /// can produce the image band by band.
    static func encode(width: Int, height: Int, opaque: Bool, dpi: Double, engine: PNGEncoder.Engine = engine,
                       row rowPixels: (Int) throws -> UnsafeRawPointer) throws -> [UInt8] {
        let encoder = PNGEncoder(engine: engine, compressionLevel: compressionLevel, filter: .none, dpi: dpi)
        do {
            return try encoder.encode(width: width, height: height, colorType: opaque ? .rgb : .rgba) { y, out in
                let source = try rowPixels(y).assumingMemoryBound(to: UInt32.self)
                if opaque, let d = out.baseAddress {
                    PNGPixelPacking.packRGB(source, width: width, into: d)
                } else if !opaque {
                    for x in 0..<width {
                        let p = source[x]
                        let a = (p >> 24) & 0xFF
                        var r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF
                        if a == 0 { r = 0; g = 0; b = 0 } else if a < 255 {
                            r = min(255, (r * 255 + a / 2) / a); g = min(255, (g * 255 + a / 2) / a); b = min(255, (b * 255 + a / 2) / a)
                        }
                        out[4 * x] = UInt8(r); out[4 * x + 1] = UInt8(g); out[4 * x + 2] = UInt8(b); out[4 * x + 3] = UInt8(a)
                    }
                }
            }
        } catch let error as PNGError {
            // Only the encoder's own failures are re-labelled; the drawing's errors pass unchanged.
            throw RenderError.cairo(operation: "encoding PNG", status: "\(error)")
        }
    }
}
