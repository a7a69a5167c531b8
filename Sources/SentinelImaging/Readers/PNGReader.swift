import CPNG
import Foundation

/// Reads grayscale PNG images, 8- or 16-bit, through libpng's simplified API; values are the
/// stored samples unchanged (16-bit files are read as linear, no gamma conversion). Colour
/// PNGs are converted to gray by libpng. Spacing is 1 mm unless a pHYs chunk is present.
enum PNGReader {
    static func read(_ url: URL) throws -> ImageVolume {
        let path = url.path
        let data = try ImageReader.load(url)
        let (width, height, voxels, sixteenBit) = try data.withUnsafeBytes { raw -> (Int, Int, [Double], Bool) in
            var image = png_image()
            image.version = UInt32(PNG_IMAGE_VERSION)
            guard png_image_begin_read_from_memory(&image, raw.baseAddress, raw.count) != 0 else {
                throw ImagingError.unreadable(path: path, reason: "libpng: \(message(image))")
            }
            defer { png_image_free(&image) }
            let sixteen = (image.format & UInt32(PNG_FORMAT_FLAG_LINEAR)) != 0
            image.format = sixteen ? UInt32(PNG_FORMAT_LINEAR_Y) : UInt32(PNG_FORMAT_GRAY)
            let width = Int(image.width), height = Int(image.height)
            var voxels: [Double] = []
            let ok: Int32
            if sixteen {
                var buffer = [UInt16](repeating: 0, count: width * height)
                ok = buffer.withUnsafeMutableBytes { png_image_finish_read(&image, nil, $0.baseAddress, 0, nil) }
                voxels = buffer.map(Double.init)
            } else {
                var buffer = [UInt8](repeating: 0, count: width * height)
                ok = buffer.withUnsafeMutableBytes { png_image_finish_read(&image, nil, $0.baseAddress, 0, nil) }
                voxels = buffer.map(Double.init)
            }
            guard ok != 0 else { throw ImagingError.unreadable(path: path, reason: "libpng: \(message(image))") }
            return (width, height, voxels, sixteen)
        }
        var image = try ImageVolume(size: (width, height, 1), dimension: 2, voxels: voxels)
        image.integerRange = 0...(sixteenBit ? 65535 : 255)
        return image
    }

    private static func message(_ image: png_image) -> String {
        var copy = image.message
        return withUnsafeBytes(of: &copy) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
    }
}
