import Foundation
import SentinelPNG

/// The PNG writer timed on the pixels of an existing PNG file (hidden `sentinel bench-png`):
/// the file is decoded, laid out as a Cairo surface would hold it (xRGB when every pixel is
/// opaque, premultiplied ARGB otherwise) and encoded by `PNGWriter` with each engine.
public struct PNGEncodingBenchmark {
    public let image: RasterImage
    private let opaque: Bool
    /// Native-endian 32-bit Cairo pixels, row-major.
    private let pixels: [UInt32]

    /// Decodes `png` (any PNG Cairo reads).
    public init(png: Data) throws {
        let decoded = try RasterImage(png: png)
        let rgba = decoded.rgba, count = decoded.width * decoded.height
        var pixels = [UInt32](repeating: 0, count: count)
        for p in 0..<count {
            let a = UInt32(rgba[4 * p + 3])
            let r = (UInt32(rgba[4 * p]) * a + 127) / 255, g = (UInt32(rgba[4 * p + 1]) * a + 127) / 255
            let b = (UInt32(rgba[4 * p + 2]) * a + 127) / 255
            pixels[p] = a << 24 | r << 16 | g << 8 | b
        }
        image = decoded
        opaque = !rgba.indices.contains { $0 % 4 == 3 && rgba[$0] != 255 }
        self.pixels = pixels
    }

    /// One encode with the `.fast` engine (`fast`) or libpng: the file's bytes.
    public func encode(fast: Bool) throws -> [UInt8] {
        try pixels.withUnsafeBufferPointer { buffer in
            try PNGWriter.encode(width: image.width, height: image.height, opaque: opaque, dpi: 300,
                                 engine: fast ? .fast : .libpng) { y in
                UnsafeRawPointer(buffer.baseAddress! + y * image.width)
            }
        }
    }

    /// `repeats` encodes with each engine: per engine the median seconds per encode, the file
    /// size, and whether decoding the file gives back the same pixels as the libpng file.
    public func run(repeats: Int, engines: [Bool] = [false, true]) throws -> [String] {
        var lines = ["image \(image.width)x\(image.height) \(opaque ? "RGB" : "RGBA"), \(image.width * image.height * (opaque ? 3 : 4)) raw bytes"]
        var reference: RasterImage?
        for fast in engines {
            var times: [Double] = []
            var bytes: [UInt8] = []
            for _ in 0..<max(1, repeats) {
                let start = DispatchTime.now().uptimeNanoseconds
                bytes = try encode(fast: fast)
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            let decoded = try RasterImage(png: Data(bytes))
            if reference == nil { reference = decoded }
            let same = decoded == reference && decoded.rgba == image.rgba
            lines.append(String(format: "%@: %.4f s per encode (median of %d), %d bytes, pixels %@",
                                fast ? "fast  " : "libpng", times.sorted()[times.count / 2], times.count, bytes.count,
                                same ? "identical to the input" : "DIFFER from the input"))
        }
        return lines
    }
}
